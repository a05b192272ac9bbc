/**
 * Hardening: a pull request cannot skip its own check with suppression
 * comments or a template-like file name (the bundled action run in this process, local mock API).
 *
 * - `suppressions: allow|report|deny` (input, configuration key); every
 *   honoured comment is listed in the job summary and counted (output
 *   `suppressed`);
 * - with `template-ref: base` the policy comes from the base's
 *   configuration file, so the pull request cannot loosen it; the
 *   workflow's input still wins;
 * - a suppression comment inside a literal block is text;
 * - a file named like a template that is not one at the base is checked
 *   as a spec.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  BASE_SHA,
  GOOD,
  HEAD_SHA,
  NO_ALTERNATIVES,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'
import { RULE_IDS } from '../../src/rules/index.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

const EVERY_RULE = `.. spec-template-check: disable-file=${RULE_IDS.filter(r => r !== 'suppression').join(',')}`
/** A spec without "Alternatives" that turns every rule off for itself (line 1). */
const SILENCED = `${EVERY_RULE}\n\n${NO_ALTERNATIVES}`
const SPEC_FILES = [{ filename: 'specs/new.rst', status: 'added' as const }]

interface Annotation {
  path: string
  start_line: number
  annotation_level: string
  title: string
  message: string
}
const annotations = (gh: Awaited<ReturnType<typeof startMock>>): Annotation[] =>
  gh.checkRuns.flatMap(r => r.annotations as unknown as Annotation[])

describe('suppressions policy (template-ref: head)', () => {
  const workspace = () => makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/new.rst': SILENCED, 'specs/old.rst': GOOD })

  it('allow (default): passes, but the job summary lists the comment and what it hid, and the output counts it', async () => {
    const ws = await workspace()
    const gh = await startMock({ pullFiles: { 81: SPEC_FILES } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(81, 1) })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(res.outputs.suppressed).toBe('2') // missing-section, and the comment line's own length
    expect(res.summary).toContain('🔕 **2 findings hidden by 1 suppression comment** in the specs')
    // The rule list is cut in the summary (the JSON report has it whole).
    expect(res.summary).toMatch(/\n- <a href="[^"]+\/blob\/[0-9a-f]{40}\/specs\/new\.rst#L1">specs\/new\.rst:1<\/a> — disable-file=title,missing-section,extra-section,[a-z,-]+… — hid line-length ×1, missing-section ×1\n/)
    expect(String((gh.checkRuns[0]!.created.output as { summary: string }).summary)).toContain('hidden by 1 suppression comment')
    expect(gh.checkRuns[0]!.created.output).toMatchObject({ title: '1 spec file checked: no problems (2 findings suppressed by comments)' })
    expect(res.stdout).toContain('spec-template-check: 1 spec file checked: no problems (2 findings suppressed by comments)\n')
  })

  it('report: passes, and the comment is a notice annotation at its line saying what it hides', async () => {
    const ws = await workspace()
    const gh = await startMock({ pullFiles: { 82: SPEC_FILES } })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(82, 1),
      inputs: { suppressions: 'report', 'report-file': 'r.json' }
    })
    expect(res.code).toBe(0)
    expect(res.outputs.suppressed).toBe('2')
    const notes = annotations(gh).filter(a => a.title === 'spec-template-check: suppression')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ path: 'specs/new.rst', start_line: 1, annotation_level: 'notice' })
    expect(notes[0]!.message).toMatch(/hides 2 findings \(.*missing-section ×1.*\) \(suppressions: report\)/)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.summary).toMatchObject({ errors: 0, notices: 1, suppressed: 2 })
    expect(report.files.find((f: { file: string }) => f.file === 'specs/new.rst').suppressions).toEqual([
      expect.objectContaining({ line: 1, scope: 'disable-file', count: 2 })
    ])
  })

  it('deny: the comment is ignored and is itself an error; the hidden findings come back', async () => {
    const ws = await workspace()
    const gh = await startMock({ pullFiles: { 83: SPEC_FILES } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(83, 1), inputs: { suppressions: 'deny' } })
    expect(res.code).toBe(1)
    expect(res.outputs.suppressed).toBe('0')
    const found = annotations(gh)
    expect(found).toContainEqual(
      expect.objectContaining({ path: 'specs/new.rst', start_line: 1, annotation_level: 'failure', title: 'spec-template-check: suppression' })
    )
    expect(found.some(a => a.title === 'spec-template-check: missing-section' && /Alternatives/.test(a.message))).toBe(true)
  })

  it('deny from the configuration file; a bad value is a configuration error naming the key', async () => {
    const ws = await makeWorkspace({ '.spec-template-check.yml': 'suppressions: deny\n', 'specs/template.rst': TEMPLATE, 'specs/new.rst': SILENCED })
    const gh = await startMock({ pullFiles: { 84: SPEC_FILES } })
    expect((await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(84, 1) })).code).toBe(1)
    const bad = await makeWorkspace({ '.spec-template-check.yml': 'suppressions: sometimes\n', 'specs/new.rst': GOOD })
    const res = await runBundleInProcess(bad, gh, { event: 'pull_request', payload: prPayload(84, 1) })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'error')).toEqual([
      '::error::spec-template-check: .spec-template-check.yml: "suppressions" must be one of: allow, report, deny'
    ])
  })

  it('a suppression comment inside a literal block is text: the spec fails', async () => {
    const literal = NO_ALTERNATIVES.replace(
      'Issue the three inventory calls in parallel and wait for all of them.',
      `Issue the three inventory calls in parallel and wait for all of them. For example::\n\n    ${EVERY_RULE}`
    )
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/new.rst': literal })
    const gh = await startMock({ pullFiles: { 85: SPEC_FILES } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(85, 1) })
    expect(res.code).toBe(1)
    expect(res.outputs.suppressed).toBe('0')
    expect(annotations(gh).some(a => a.title === 'spec-template-check: missing-section' && /Alternatives/.test(a.message))).toBe(true)
    expect(res.summary).not.toContain('suppression comment')
  })
})

describe('template-ref: base reads the suppressions policy from the base configuration', () => {
  /** The pull request loosens the configuration and adds a silenced spec. */
  const PR_FILES = [
    { filename: '.spec-template-check.yml', status: 'modified' as const },
    { filename: 'specs/new.rst', status: 'added' as const }
  ]
  const headWorkspace = () =>
    makeWorkspace({ '.spec-template-check.yml': 'suppressions: allow\n', 'specs/template.rst': TEMPLATE, 'specs/new.rst': SILENCED })
  const base = { [BASE_SHA]: { '.spec-template-check.yml': 'suppressions: deny\n', 'specs/template.rst': TEMPLATE } }

  it('head: the loosened configuration of the pull request applies, and the spec passes', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 91: PR_FILES }, contents: base })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(91, 2) })
    expect(res.code).toBe(0)
  })

  it('base: the base says deny, so the comment is an error and the spec fails', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 92: PR_FILES }, contents: base })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(92, 2), inputs: { 'template-ref': 'base' } })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    expect(res.stdout).toContain('Configuration: .spec-template-check.yml from the base commit aaaaaaa of pull request #92')
    expect(annotations(gh)).toContainEqual(expect.objectContaining({ path: 'specs/new.rst', start_line: 1, title: 'spec-template-check: suppression' }))
  })

  it('pull_request_target: the same', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 93: PR_FILES }, contents: base })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request_target', payload: prPayload(93, 2), inputs: { 'template-ref': 'base' } })
    expect(res.code).toBe(1)
    expect(annotations(gh)).toContainEqual(expect.objectContaining({ path: 'specs/new.rst', start_line: 1, title: 'spec-template-check: suppression' }))
  })

  it("base: the workflow's suppressions input still wins over the base configuration", async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 94: PR_FILES }, contents: base })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(94, 2),
      inputs: { 'template-ref': 'base', suppressions: 'report' }
    })
    expect(res.code).toBe(0)
    expect(res.outputs.suppressed).toBe('2')
    expect(annotations(gh).filter(a => a.title === 'spec-template-check: suppression').map(a => a.annotation_level)).toEqual(['notice'])
  })
})

describe('template-ref: base: a file named like a template that is not one at the base is checked as a spec', () => {
  const contents = { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } }

  it.each([
    ['a spec named new-template.rst', 'specs/new-template.rst'],
    ['a template.rst that no spec uses, added by the change', 'specs/unused/template.rst']
  ])('%s: skipped with head, checked (and failing) with base', async (_what, name) => {
    const files = [{ filename: name, status: 'added' as const }]
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/old.rst': GOOD, [name]: NO_ALTERNATIVES })

    const gh = await startMock({ pullFiles: { 95: files }, contents })
    const atHead = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(95, 1) })
    expect(atHead.code).toBe(0)
    expect(commandLines(atHead.stdout, 'notice').some(n => n.includes('No spec files changed'))).toBe(true)
    await stopMock()

    const gh2 = await startMock({ pullFiles: { 96: files }, contents })
    const res = await runBundleInProcess(ws, gh2, { event: 'pull_request', payload: prPayload(96, 1), inputs: { 'template-ref': 'base', 'report-file': 'r.json' } })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.files.map((f: { file: string }) => f.file)).toEqual([name])
    expect(report.files[0].template).toBe('specs/template.rst')
    // It is not its own template either: no "not in the base, so not used" note about it.
    expect(res.summary).not.toContain(`${name} is not in the base`)
    expect(report.files[0].findings.some((f: { rule: string; message: string }) => f.rule === 'missing-section' && /Alternatives/.test(f.message))).toBe(true)
    expect(
      commandLines(res.stdout, 'notice').some(n =>
        n.includes(`template-ref: base: ${name} is named like a template but is not one in the base commit aaaaaaa of pull request #96: checked as specs`)
      )
    ).toBe(true)
  })

  it('a template that is one at the base (edited by the change) is still not checked as a spec', async () => {
    const files = [
      { filename: 'specs/template.rst', status: 'modified' as const },
      { filename: 'specs/new.rst', status: 'added' as const }
    ]
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/new.rst': GOOD })
    const gh = await startMock({ pullFiles: { 97: files }, contents })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(97, 2), inputs: { 'template-ref': 'base', 'report-file': 'r.json' } })
    expect(res.code).toBe(0)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['specs/new.rst'])
    expect(commandLines(res.stdout, 'notice').some(n => n.includes('named like a template'))).toBe(false)
  })

  it('scope: all (push): the same for every file matching paths', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/old.rst': GOOD, 'specs/x-template.rst': NO_ALTERNATIVES })
    const gh = await startMock({ contents })
    const res = await runBundleInProcess(ws, gh, {
      event: 'push',
      payload: { before: BASE_SHA, after: HEAD_SHA, ref: 'refs/heads/main' },
      sha: HEAD_SHA,
      inputs: { 'template-ref': 'base', scope: 'all', 'report-file': 'r.json' }
    })
    expect(res.code).toBe(1)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['specs/old.rst', 'specs/x-template.rst'])
  })
})
