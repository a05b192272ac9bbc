/**
 * The action's run() in this process (src/, not dist/), against the local
 * mock of the GitHub API: outputs, job summary, annotations, check runs and
 * the fail policy, as a user of the action sees them.
 */
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  BAD,
  BASE_SHA,
  GOOD,
  HEAD_SHA,
  NO_ALTERNATIVES,
  TEMPLATE,
  WEAK_TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  forkPayload,
  longSpec,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock
} from '../e2e/action-harness.js'
import type { DiffEntry } from '../e2e/mock-github.js'
import { SHORT_WAITS, runInProcess } from './in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

const FALLBACK = 'spec-template-check-report.json'
const pr = (files: DiffEntry[]) => ({ pullFiles: { 7: files } })
const changed = (...names: string[]): DiffEntry[] => names.map(filename => ({ filename, status: 'modified' as const }))

describe('pull_request', () => {
  it('checks the changed specs, one check run with the annotations, summary and outputs; fails on errors', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD, 'specs/other.rst': BAD })
    const gh = await startMock(pr([...changed('specs/good.rst', 'specs/bad.rst'), { filename: 'specs/gone.rst', status: 'removed' }]))
    const res = await runInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(7, 3),
      inputs: { 'report-file': 'out/report.json', 'sarif-file': 'out/specs.sarif' }
    })
    expect(res.code).toBe(1)
    expect(res.stdout).toContain('Checking 2 spec files (changed in this pull request #7)')
    expect(gh.checkRuns).toHaveLength(1)
    const run = gh.checkRuns[0]!
    expect(run.created).toMatchObject({ head_sha: HEAD_SHA, conclusion: 'failure', name: 'spec-template-check' })
    expect(run.annotations.length).toBeGreaterThan(0)
    expect(run.annotations.every(a => a.path === 'specs/bad.rst')).toBe(true)
    expect(res.stdout).toMatch(/Check run "spec-template-check" created on bbbbbbb with \d+ annotations/)
    expect(commandLines(res.stdout, 'error').at(-1)).toMatch(/^::error::spec-template-check: \d+ errors? in 1 file$/)
    expect(res.outputs).toMatchObject({
      'files-checked': '2',
      'failed-files': '["specs/bad.rst"]',
      'report-file': 'out/report.json',
      'sarif-file': 'out/specs.sarif'
    })
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'out/report.json'), 'utf8'))
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['specs/bad.rst', 'specs/good.rst'])
    expect(JSON.parse(await readFile(path.join(ws.workspace, 'out/specs.sarif'), 'utf8')).version).toBe('2.1.0')
    expect(res.summary).toMatch(/^### ❌ spec-template-check: 2 files checked, 1 with errors/)
    expect(res.summary).toContain(`${gh.url}/octo/specs/blob/${HEAD_SHA}/specs/bad.rst`)
  })

  it('a fork (check run refused): workflow commands, said as info', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD })
    const gh = await startMock({ ...pr(changed('specs/bad.rst')), checkRunCreateStatus: 403 })
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: forkPayload(7, 1) })
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/\ncould not create the check run \(.*403.*\) \(normal for pull requests from forks/)
    expect(commandLines(res.stdout, 'error').some(l => l.includes('file=specs/bad.rst'))).toBe(true)
  })

  it('annotations: check-run without a token: a warning, then workflow commands', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD })
    const res = await runInProcess(ws, undefined, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { 'github-token': '', annotations: 'check-run' }
    })
    expect(res.code).toBe(1)
    expect(res.stdout).toContain('::warning::No github-token: annotating with workflow commands instead of a check run')
    expect(commandLines(res.stdout, 'error').some(l => l.includes('file=specs/bad.rst'))).toBe(true)
  })

  it('the changed files cannot be listed (server errors after the retries): fails closed, nothing checked', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const gh = await startMock({ ...pr(changed('specs/good.rst')), failures: [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 502, times: 20 }] })
    // Every answer is a 502 at once: short back-offs (as SHORT_WAITS in in-process.ts), a request timeout nothing comes near.
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), ...SHORT_WAITS })
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/::error::spec-template-check: could not list the changed files \(.*502.*\), still failing after the retries; nothing was checked/)
    expect(res.stdout).not.toContain('Checking')
    expect(gh.checkRuns).toHaveLength(0)
  })

  it('a pull request the token cannot see (404): fails with the permissions to check', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const gh = await startMock({})
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(9, 1) })
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/GitHub does not show pull request #9 of octo\/specs to this token/)
  })

  it('no spec changed: a notice and a pass', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const gh = await startMock(pr(changed('README.md')))
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { 'report-file': 'r.json' } })
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('::notice::No spec files changed (paths: specs/**/*.rst, specs/**/*.md): passing')
    expect(res.outputs).toMatchObject({ 'files-checked': '0', errors: '0', 'report-file': 'r.json' })
    expect(JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8')).files).toEqual([])
  })

  it('lines: changed: line rules only on the lines the patch adds', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(3) })
    const gh = await startMock(pr([{ filename: 'specs/long.rst', status: 'modified', patch: '@@ -1,1 +1,1 @@\n-x\n+x' }]))
    const all = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { annotations: 'none' } })
    const mine = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { annotations: 'none', lines: 'changed' } })
    expect(Number(all.outputs.errors) + Number(all.outputs.warnings)).toBeGreaterThan(Number(mine.outputs.errors) + Number(mine.outputs.warnings))
    expect(mine.code).toBe(0)
  })

  it('lines: changed without a patch, and with scope: all: every line is checked, with a notice', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(3) })
    const gh = await startMock(pr(changed('specs/long.rst')))
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { lines: 'changed', 'fail-on': 'never' } })
    expect(res.stdout).toMatch(/::notice::lines: changed: GitHub gave no patch for 1 file .*specs\/long\.rst is checked/)
    const all = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { lines: 'changed', scope: 'all', 'fail-on': 'never' } })
    expect(all.stdout).toContain('::notice::lines: changed: this run has no change to compare with')
  })

  it('suggestions: review posts one review with suggested changes', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': NO_ALTERNATIVES.replace('wait for all of them.', 'wait for all of them.   ') })
    const patch = '@@ -0,0 +1,40 @@\n' + NO_ALTERNATIVES.split('\n').slice(0, 40).map(l => '+' + l).join('\n')
    const gh = await startMock(pr([{ filename: 'specs/a.rst', status: 'added', patch }]))
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { suggestions: 'review', 'fail-on': 'never' } })
    expect(res.code).toBe(0)
    expect(gh.reviews).toHaveLength(1)
    expect(gh.reviews[0]!.comments.some(c => c.body.includes('```suggestion'))).toBe(true)
  })
})

describe('push and scope: all', () => {
  it('push: the compared files are checked', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD })
    const gh = await startMock({ compare: { [`${BASE_SHA}...${HEAD_SHA}`]: changed('specs/good.rst') } })
    const res = await runInProcess(ws, gh, {
      event: 'push',
      sha: HEAD_SHA,
      payload: { before: BASE_SHA, after: HEAD_SHA, repository: { name: 'specs', full_name: 'octo/specs', owner: { login: 'octo' } } }
    })
    expect(res.code).toBe(0)
    expect(res.outputs['files-checked']).toBe('1')
    expect(res.stdout).toContain('Checking 1 spec file (changed in this push)')
    expect(res.stdout).toMatch(/spec-template-check: 1 spec file checked: no problems/)
    expect(gh.checkRuns[0]!.created).toMatchObject({ conclusion: 'success', head_sha: HEAD_SHA })
  })

  it('scope: all with workflow commands: capped at 10 per severity, the summary lists every finding and says so', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(30) })
    const res = await runInProcess(ws, undefined, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', annotations: 'workflow-commands', rules: 'line-length=error' }
    })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'error').filter(l => l.includes('file='))).toHaveLength(10)
    expect(res.summary).toContain('Annotations were capped: 10 of 30 findings are annotated inline, 20 are not')
    expect(res.summary).toContain('Every finding is in the list below')
    expect(res.stdout).toContain('::group::Findings')
    expect(existsSync(path.join(ws.runnerTemp, FALLBACK))).toBe(false)
  })

  it('a paths glob that matches nothing fails with what to check', async () => {
    const ws = await makeWorkspace({ 'docs/a.rst': GOOD })
    const res = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all' } })
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/::error::spec-template-check: input "paths": no spec file in the workspace matches specs\/\*\*\/\*\.rst/)
  })

  it('a bad input fails in one line', async () => {
    const ws = await makeWorkspace({ 'specs/good.rst': GOOD })
    const res = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { 'fail-on': 'sometimes' } })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'error')).toEqual(['::error::spec-template-check: input "fail-on": "sometimes" is not allowed; use one of: error, warning, never'])
  })
})

describe('fail-on and the configuration file', () => {
  const warnOnly = { 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(2) }

  it.each([
    ['error', 0, '[]'],
    ['warning', 1, '["specs/long.rst"]'],
    ['never', 0, '[]']
  ])('fail-on %s', async (failOn, code, failed) => {
    const ws = await makeWorkspace(warnOnly)
    const res = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', 'fail-on': failOn, rules: 'line-length=warning' } })
    expect(res.outputs.warnings).toBe('2')
    expect(res.code).toBe(code)
    expect(res.outputs['failed-files']).toBe(failed)
    if (code) expect(commandLines(res.stdout, 'error').at(-1)).toBe('::error::spec-template-check: 0 errors and 2 warnings in 1 file')
  })

  it('the configuration file sets what the inputs leave empty; an input wins', async () => {
    const ws = await makeWorkspace({
      ...warnOnly,
      '.spec-template-check.yml': 'fail-on: warning\nrules:\n  line-length: warning\n'
    })
    const res = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all' } })
    expect(res.stdout).toContain('Configuration: .spec-template-check.yml')
    expect(res.outputs).toMatchObject({ errors: '0', warnings: '2' })
    expect(res.code).toBe(1)
    const given = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', 'fail-on': 'never' } })
    expect(given.code).toBe(0)
  })

  it('suppressions: deny makes each suppression comment an error', async () => {
    const spec = longSpec(1).replace('Long line', '.. spec-template-check: disable-file=line-length\n\nLong line')
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/s.rst': spec })
    const allow = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all' } })
    const deny = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', suppressions: 'deny' } })
    expect(allow.outputs).toMatchObject({ errors: '0', suppressed: '1' })
    expect(allow.code).toBe(0)
    expect(allow.summary).toContain('hidden by 1 suppression comment')
    expect(Number(deny.outputs.errors)).toBeGreaterThan(0)
    expect(deny.code).toBe(1)
  })
})

describe('nothing is lost', () => {
  it('a capped check run whose summary does not fit: the fallback JSON report is written first, and the check run note names it', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(6000) })
    const gh = await startMock(pr(changed('specs/long.rst')))
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { rules: 'line-length=error' } })
    expect(res.code).toBe(1)
    const fallback = path.join(ws.runnerTemp, FALLBACK)
    expect(res.outputs['report-file']).toBe(fallback)
    const report = JSON.parse(await readFile(fallback, 'utf8'))
    expect(report.summary.errors).toBe(6000)
    const run = gh.checkRuns[0]!
    expect(run.annotations).toHaveLength(1000)
    expect(run.summary).toContain('the check run has 1000 of 6000 findings as annotations (errors first); 5000 are left out')
    expect(run.summary).toContain(`Every finding is in the JSON report ${fallback} (output \`report-file\`) and this step's log`)
    expect(run.summary).not.toContain("job summary")
    expect(res.summary).toContain(`the JSON report ${fallback}`)
    expect(Buffer.byteLength(res.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(res.stdout).toContain(`::notice::5000 of 6000 findings are not annotated and do not all fit in the job summary: the full JSON report is at ${fallback}`)
  }, 60_000)

  it('summary: false and capped commands: the fallback report; without RUNNER_TEMP, a warning', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(30) })
    const inputs = { scope: 'all', annotations: 'workflow-commands', summary: 'false', 'fail-on': 'never' }
    const res = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs })
    expect(res.summary).toBe('')
    expect(res.outputs['report-file']).toBe(path.join(ws.runnerTemp, FALLBACK))
    expect(res.stdout).toContain('are not annotated and the job summary is off: the full JSON report is at')
    await rm(path.join(ws.runnerTemp, FALLBACK))
    const none = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs, env: { RUNNER_TEMP: undefined } })
    expect(none.outputs['report-file']).toBe('')
    expect(none.stdout).toContain("::warning::20 of 30 findings are not annotated and the job summary is off; they are only in this step's log")
  })

  it('a job summary file that cannot be written: a warning, and the fallback report', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(30) })
    const res = await runInProcess(ws, undefined, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', annotations: 'workflow-commands', 'fail-on': 'never' },
      env: { GITHUB_STEP_SUMMARY: path.join(ws.root, 'missing', 'summary.md') }
    })
    expect(res.stdout).toMatch(/::warning::could not write the job summary: GITHUB_STEP_SUMMARY=.* is not a writable file/)
    expect(res.stdout).toContain('the job summary cannot be written: the full JSON report is at')
    expect(res.outputs['report-file']).toBe(path.join(ws.runnerTemp, FALLBACK))
  })

  it('a fallback report that cannot be written: said, and the notes do not name it', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(30) })
    await writeFile(path.join(ws.root, 'file'), '')
    const res = await runInProcess(ws, undefined, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', annotations: 'workflow-commands', summary: 'false', 'fail-on': 'never' },
      env: { RUNNER_TEMP: path.join(ws.root, 'file', 'sub') }
    })
    expect(res.stdout).toMatch(/::warning::could not write the JSON report to .*spec-template-check-report\.json/)
    expect(res.stdout).toContain("they are only in this step's log")
    expect(res.outputs['report-file']).toBe('')
  })
})

describe('template-ref: base', () => {
  it('reads the template from the base commit through the API; the notes say so', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': WEAK_TEMPLATE, 'specs/new.rst': NO_ALTERNATIVES })
    const gh = await startMock({ ...pr([{ filename: 'specs/new.rst', status: 'added' }]), contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } })
    const head = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1) })
    expect(head.code).toBe(0)
    const base = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 1), inputs: { 'template-ref': 'base' } })
    expect(base.code).toBe(1)
    expect(base.stdout).toMatch(/template-ref: base: templates are read from the base commit aaaaaaa of pull request #7 \(the GitHub API\)/)
    expect(base.summary).toMatch(/Templates were read from the base commit aaaaaaa of pull request #7/)
    expect(gh.checkRuns.at(-1)!.summary).toMatch(/Templates were read from the base commit/)
  })

  it('a template the change adds is not used; a file named like a template that is not one at the base is checked', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/x/template.rst': WEAK_TEMPLATE, 'specs/x/new.rst': NO_ALTERNATIVES, 'specs/x/my-template.rst': GOOD })
    const gh = await startMock({
      ...pr([{ filename: 'specs/x/new.rst', status: 'added' }, { filename: 'specs/x/template.rst', status: 'added' }, { filename: 'specs/x/my-template.rst', status: 'added' }]),
      contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } }
    })
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: prPayload(7, 3), inputs: { 'template-ref': 'base' } })
    expect(res.stdout).toMatch(/::notice::template-ref: base: specs\/x\/template\.rst is not in the base commit/)
    expect(res.stdout).toMatch(/::notice::template-ref: base: .*are named like templates but are not/)
    expect(res.summary).toContain('is not in the base (this change adds it), so it is not used')
  })

  it('without a base (workflow_dispatch): a notice, templates from the workspace', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const res = await runInProcess(ws, undefined, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', 'template-ref': 'base' } })
    expect(res.code).toBe(0)
    expect(commandLines(res.stdout, 'notice').length).toBeGreaterThan(0)
  })
})

describe('a refused check run with more findings than fit anywhere', () => {
  it('falls back to workflow commands; the fallback report is written and named', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(6000) })
    const gh = await startMock({ ...pr(changed('specs/long.rst')), checkRunCreateStatus: 403 })
    const res = await runInProcess(ws, gh, { event: 'pull_request', payload: forkPayload(7, 1), inputs: { rules: 'line-length=error' } })
    expect(res.code).toBe(1)
    const fallback = path.join(ws.runnerTemp, FALLBACK)
    expect(res.outputs['report-file']).toBe(fallback)
    expect(commandLines(res.stdout, 'error').filter(l => l.includes('file='))).toHaveLength(10)
    expect(res.stdout).toContain(`::notice::5990 of 6000 findings are not annotated and do not all fit in the job summary: the full JSON report is at ${fallback}`)
    expect(JSON.parse(await readFile(fallback, 'utf8')).summary.errors).toBe(6000)
    expect(res.summary).toContain('Annotations were capped: 10 of 6000 findings are annotated inline')
  }, 60_000)
})
