/**
 * The bundled action with the features of "Beyond every peer": the
 * configuration file, lines: changed, suppressions in a spec, and the fix
 * text carried by annotations.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  GOOD,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock
} from './action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

const LONG = 'This sentence is deliberately far too long for the seventy-nine column limit of specs.'

/** GOOD with two long lines: one the PR adds (line `added`), one that was there before. */
function twoLongLines(): { text: string; added: number; old: number } {
  const text = GOOD.replace('Problem description\n===================\n\n', `Problem description\n===================\n\n${LONG}\n\n`).replace(
    'Use Cases\n---------\n\n',
    `Use Cases\n---------\n\n${LONG} (old)\n\n`
  )
  const lines = text.split('\n')
  return { text, added: lines.indexOf(LONG) + 1, old: lines.indexOf(`${LONG} (old)`) + 1 }
}

interface JsonReport {
  summary: { errors: number; suppressed: number }
  files: { file: string; template: string; suppressed: number; findings: { rule: string; line: number; fix?: { text: string } }[] }[]
}

describe('action: lines: changed', () => {
  test('line rules only on the lines the pull request adds; a file without a patch falls back to all', async () => {
    const spec = twoLongLines()
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': spec.text, 'specs/b.rst': spec.text })
    const patch = `@@ -${spec.added - 1},1 +${spec.added - 1},3 @@\n \n+${LONG}\n+`
    const gh = await startMock({
      pullFiles: {
        7: [
          { filename: 'specs/a.rst', status: 'modified', patch },
          { filename: 'specs/b.rst', status: 'modified' } // no patch (e.g. too large)
        ]
      }
    })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(7, 2),
      inputs: { lines: 'changed', 'report-file': 'report.json', annotations: 'workflow-commands' }
    })
    const report = JSON.parse(readFileSync(path.join(ws.workspace, 'report.json'), 'utf8')) as JsonReport
    const lineFindings = (file: string): number[] =>
      report.files.find(f => f.file === file)!.findings.filter(f => f.rule === 'line-length').map(f => f.line)
    expect(lineFindings('specs/a.rst')).toEqual([spec.added])
    expect(lineFindings('specs/b.rst')).toEqual([spec.added, spec.old])
    expect(res.stdout).toMatch(/::notice::lines: changed: GitHub gave no patch for 1 file .*specs\/b\.rst/)
    expect(res.code).toBe(1)
  })
})

describe('action: .spec-template-check.yml', () => {
  test('paths, templates and rules come from the file; inputs override it', async () => {
    const spec = twoLongLines()
    const ws = await makeWorkspace({
      'design/tpl.rst': TEMPLATE,
      'design/proposals/a.rst': spec.text.replace('Widgets take', 'Widgets\ttake'),
      '.spec-template-check.yml': [
        'paths: design/proposals/*.rst',
        'templates:',
        '  - files: design/proposals/**',
        '    template: design/tpl.rst',
        'rules:',
        '  line-length: off',
        '  tab: error',
        ''
      ].join('\n')
    })
    const gh = await startMock({ pullFiles: { 8: [{ filename: 'design/proposals/a.rst', status: 'added' }] } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(8, 1), inputs: { 'report-file': 'r.json' } })
    const report = JSON.parse(readFileSync(path.join(ws.workspace, 'r.json'), 'utf8')) as JsonReport
    expect(report.files.map(f => [f.file, f.template])).toEqual([['design/proposals/a.rst', 'design/tpl.rst']])
    expect(report.files[0]!.findings.map(f => f.rule)).toEqual(['tab'])
    expect(res.code).toBe(1)
    expect(res.stdout).toContain('Configuration: .spec-template-check.yml')

    const overridden = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(8, 1),
      inputs: { 'report-file': 'r.json', rules: 'tab=warning' }
    })
    expect(overridden.code).toBe(0)
  })

  test('a bad key fails the step with one line naming it', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': GOOD, '.spec-template-check.yml': 'rulez: {}\n' })
    const gh = await startMock({ pullFiles: { 9: [{ filename: 'specs/a.rst', status: 'added' }] } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(9, 1) })
    expect(res.code).toBe(1)
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('.spec-template-check.yml: unknown key "rulez"')
  })
})

describe('action: suppressions and fixes', () => {
  test('a suppression comment silences its line and is counted; a missing section carries its RST', async () => {
    const spec = twoLongLines()
    const text = spec.text
      .replace(`${LONG} (old)`, `.. spec-template-check: disable=line-length\n\n${LONG} (old)`)
      .replace('Alternatives\n------------\n\n', 'Alternates\n----------\n\n')
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': text })
    const gh = await startMock({ pullFiles: { 10: [{ filename: 'specs/a.rst', status: 'added' }] } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(10, 1), inputs: { 'report-file': 'r.json' } })
    const report = JSON.parse(readFileSync(path.join(ws.workspace, 'r.json'), 'utf8')) as JsonReport
    const f = report.files[0]!
    expect(f.findings.filter(x => x.rule === 'line-length').map(x => x.line)).toEqual([spec.added])
    expect(f.suppressed).toBe(1)
    expect(report.summary.suppressed).toBe(1)
    const missing = f.findings.find(x => x.rule === 'missing-section')!
    // "Alternates" stands for the template's "Alternatives": the fix renames the heading.
    expect(missing.fix!.text).toBe('Alternatives\n------------\n')
    const annotation = gh.checkRuns[0]!.annotations.find(a => String(a.message).includes('"Alternatives"'))!
    expect(annotation.raw_details).toBe('Alternatives\n------------\n')
    expect(res.code).toBe(1)
  })
})
