/**
 * End-to-end: the bundled action (dist/index.js) as a real child process with
 * the environment the runner provides, against a local mock of the GitHub
 * REST API. Nothing here reaches the internet: GITHUB_API_URL,
 * GITHUB_SERVER_URL and GITHUB_GRAPHQL_URL all point at the mock and the
 * proxy variables are not passed on.
 *
 * The bundle is not rebuilt here: run `npm run bundle` first.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { DiffEntry } from './mock-github.js'
import {
  BASE_SHA,
  HEAD_SHA,
  TEMPLATE,
  GOOD,
  BAD,
  longSpec,
  makeWorkspace,
  runAction,
  prPayload,
  commandLines,
  startMock,
  BUNDLE,
  actionDefaults,
  cleanupWorkspaces,
  stopMock
} from './action-harness.js'
import { assertBundleCurrent } from './bundle.js'

const filler = (n: number): DiffEntry[] => Array.from({ length: n }, (_, i) => ({ filename: `lib/module${i}.py`, status: 'modified' }))

// ---------------------------------------------------------------- tests

afterEach(stopMock)
afterAll(cleanupWorkspaces)

describe('the bundle', () => {
  it('dist/ is the bundle of src/ (run `npm run bundle`)', () => {
    expect(existsSync(BUNDLE)).toBe(true)
    assertBundleCurrent()
  })
})

describe('pull_request', () => {
  const LONG_LINES = 120

  it('checks the changed specs (2 pages of files), annotates via a check run in batches of 50, writes summary, outputs and reports, exits 1', async () => {
    const ws = await makeWorkspace({
      'specs/template.rst': TEMPLATE,
      'specs/good.rst': GOOD,
      'specs/bad.rst': BAD,
      'specs/long.rst': longSpec(LONG_LINES),
      'specs/untouched.rst': BAD,
      'README.md': '# readme\n'
    })
    const files: DiffEntry[] = [
      ...filler(150),
      { filename: 'specs/good.rst', status: 'modified', patch: '@@ -1 +1 @@' },
      { filename: 'specs/bad.rst', status: 'added' },
      { filename: 'specs/long.rst', previous_filename: 'specs/old-long.rst', status: 'renamed' },
      { filename: 'specs/removed.rst', status: 'removed' },
      { filename: 'specs/template.rst', status: 'modified' },
      { filename: 'README.md', status: 'modified' }
    ]
    const gh = await startMock({ pullFiles: { 7: files } })
    const res = await runAction(ws, gh, {
      event: 'pull_request',
      payload: prPayload(7, files.length),
      inputs: { rules: 'line-length=error', 'report-file': 'reports/spec-report.json', 'sarif-file': 'reports/specs.sarif' }
    })

    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)

    // Changed files: both pages, per_page 100.
    const pages = gh.find('GET', /^\/repos\/octo\/specs\/pulls\/7\/files$/)
    expect(pages.map(p => p.query.page ?? '1')).toEqual(['1', '2'])
    expect(pages.every(p => p.query.per_page === '100')).toBe(true)
    expect(pages[0]!.headers.authorization).toBe('token test-token')

    // Report: exactly the changed specs.
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'reports/spec-report.json'), 'utf8'))
    const checked = (report.files as { file: string }[]).map(f => f.file).sort()
    expect(checked).toEqual(['specs/bad.rst', 'specs/good.rst', 'specs/long.rst'])
    const sarif = JSON.parse(await readFile(path.join(ws.workspace, 'reports/specs.sarif'), 'utf8'))
    expect(sarif.version).toBe('2.1.0')

    // Check run on the PR head, all annotations in batches of 50.
    expect(gh.checkRuns).toHaveLength(1)
    const run = gh.checkRuns[0]!
    expect(run.created).toMatchObject({ name: 'spec-template-check', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure' })
    const total = Number(res.outputs.errors) + Number(res.outputs.warnings) + (report.totals?.notices ?? 0)
    expect(total).toBeGreaterThanOrEqual(LONG_LINES + 1)
    expect(run.annotations).toHaveLength(total)
    const batchSizes = [run.created, ...run.updates].map(b => ((b.output as { annotations: unknown[] }).annotations ?? []).length)
    expect(batchSizes.slice(0, -1).every(n => n === 50)).toBe(true)
    expect(batchSizes.length).toBe(Math.ceil(total / 50))
    const longOnes = run.annotations.filter(a => a.path === 'specs/long.rst' && a.title === 'spec-template-check: line-length')
    expect(longOnes).toHaveLength(LONG_LINES)
    expect(longOnes[0]).toMatchObject({ annotation_level: 'failure' })
    expect(run.annotations.some(a => a.path === 'specs/bad.rst' && a.title === 'spec-template-check: missing-section')).toBe(true)
    expect(run.annotations.some(a => a.path === 'specs/good.rst')).toBe(false)
    const summaryText = String((run.created.output as { summary: string }).summary)
    expect(summaryText.length).toBeGreaterThan(0)
    expect(summaryText.length).toBeLessThanOrEqual(65535)

    // No workflow-command annotations when the check run worked.
    expect(commandLines(res.stdout, 'error').filter(l => l.includes('file='))).toEqual([])
    expect(commandLines(res.stdout, 'warning')).toEqual([])

    // Step summary and outputs.
    expect(res.summary).toContain('bad.rst')
    expect(res.summary).toContain('long.rst')
    expect(res.outputs['files-checked']).toBe('3')
    expect(Number(res.outputs.errors)).toBeGreaterThanOrEqual(LONG_LINES + 1)
    expect(JSON.parse(res.outputs['failed-files']!)).toEqual(['specs/bad.rst', 'specs/long.rst'])
    expect(res.outputs['report-file']).toBe('reports/spec-report.json')
    expect(res.outputs['sarif-file']).toBe('reports/specs.sarif')

    // One clear failure line.
    const failures = commandLines(res.stdout, 'error')
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(/^::error::spec-template-check: \d+ errors in 2 files$/)
  })

  it('a clean spec passes with exit 0 and a successful check run', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD })
    const gh = await startMock({ pullFiles: { 3: [{ filename: 'specs/good.rst', status: 'modified' }] } })
    const res = await runAction(ws, gh, { event: 'pull_request', payload: prPayload(3, 1) })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(commandLines(res.stdout, 'error')).toEqual([])
    expect(gh.checkRuns).toHaveLength(1)
    expect(gh.checkRuns[0]!.created).toMatchObject({ conclusion: 'success', head_sha: HEAD_SHA })
    expect(gh.checkRuns[0]!.annotations).toEqual([])
    expect(res.outputs).toMatchObject({ 'files-checked': '1', errors: '0', warnings: '0', 'failed-files': '[]', 'report-file': '' })
    expect(res.summary.length).toBeGreaterThan(0)
  })

  it('fork: check run refused (403) -> workflow commands capped at 10 per severity, summary says so', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(30), 'specs/bad.rst': BAD })
    const gh = await startMock({
      pullFiles: { 9: [{ filename: 'specs/long.rst', status: 'added' }, { filename: 'specs/bad.rst', status: 'added' }] },
      checkRunCreateStatus: 403
    })
    const res = await runAction(ws, gh, {
      event: 'pull_request',
      payload: prPayload(9, 2, { head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: 'someone/specs' } } }),
      inputs: { rules: 'line-length=error', 'report-file': 'spec-report.json' }
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    expect(gh.find('POST', /\/check-runs$/)).toHaveLength(1)
    expect(gh.find('PATCH', /\/check-runs\//)).toHaveLength(0)
    const errors = commandLines(res.stdout, 'error').filter(l => l.includes('file='))
    expect(errors).toHaveLength(10)
    expect(errors[0]).toMatch(/^::error file=specs\/(bad|long)\.rst,line=\d+,endLine=\d+,col=\d+,title=spec-template-check%3A [a-z-]+::/)
    expect(commandLines(res.stdout, 'warning').length).toBeLessThanOrEqual(10)
    expect(commandLines(res.stdout, 'notice').filter(l => l.includes('file=')).length).toBeLessThanOrEqual(10)
    // auto: the fallback is expected for forks, so it is a log line, not a warning.
    expect(res.stdout).toMatch(/annotating with workflow commands instead/)
    expect(commandLines(res.stdout, 'warning').some(l => l.includes('check run'))).toBe(false)
    expect(res.summary).toMatch(/capped/i)
    expect(res.summary).toContain('spec-report.json')
    expect(Number(res.outputs.errors)).toBeGreaterThan(10)
  })

  it('annotations: check-run refused -> warning, then workflow commands', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD })
    const gh = await startMock({ pullFiles: { 4: [{ filename: 'specs/bad.rst', status: 'added' }] }, checkRunCreateStatus: 403 })
    const res = await runAction(ws, gh, { event: 'pull_request', payload: prPayload(4, 1), inputs: { annotations: 'check-run' } })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'warning').some(l => /check run.*HTTP 403.*workflow commands/.test(l))).toBe(true)
    expect(commandLines(res.stdout, 'error').some(l => l.startsWith('::error file=specs/bad.rst'))).toBe(true)
  })

  it('a changed spec missing from the workspace is an error that says to check out the head', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const gh = await startMock({
      pullFiles: { 5: [{ filename: 'specs/good.rst', status: 'modified' }, { filename: 'specs/ghost.rst', status: 'added' }] }
    })
    const res = await runAction(ws, gh, { event: 'pull_request', payload: prPayload(5, 2) })
    expect(res.code).toBe(1)
    const ann = gh.checkRuns[0]!.annotations.find(a => a.path === 'specs/ghost.rst')
    expect(String(ann?.message)).toMatch(/check out/i)
    expect(JSON.parse(res.outputs['failed-files']!)).toEqual(['specs/ghost.rst'])
  })

  it('no spec changed: one notice, exit 0, no check run', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD })
    const gh = await startMock({ pullFiles: { 6: [{ filename: 'README.md', status: 'modified' }, { filename: 'specs/bad.rst', status: 'removed' }] } })
    const res = await runAction(ws, gh, { event: 'pull_request', payload: prPayload(6, 2) })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    const notices = commandLines(res.stdout, 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/^::notice::No spec files changed .*passing$/)
    expect(gh.checkRuns).toHaveLength(0)
    expect(res.outputs).toMatchObject({ 'files-checked': '0', errors: '0', 'failed-files': '[]' })
  })
})

describe('push', () => {
  it('compares before...after and checks only the changed specs', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD })
    const gh = await startMock({
      compare: { [`${BASE_SHA}...${HEAD_SHA}`]: [{ filename: 'specs/good.rst', status: 'modified' }, { filename: 'specs/x.rst', status: 'removed' }] }
    })
    const res = await runAction(ws, gh, {
      event: 'push',
      payload: { before: BASE_SHA, after: HEAD_SHA, created: false, deleted: false, ref: 'refs/heads/main' },
      sha: HEAD_SHA
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    const compares = gh.find('GET', /\/compare\//)
    expect(compares).toHaveLength(1)
    expect(compares[0]!.path).toBe(`/repos/octo/specs/compare/${BASE_SHA}...${HEAD_SHA}`)
    expect(res.outputs['files-checked']).toBe('1')
    expect(gh.checkRuns[0]!.created).toMatchObject({ head_sha: HEAD_SHA, conclusion: 'success' })
  })

  it('new branch (before = 0000...): checks every spec, with a notice', async () => {
    const ws = await makeWorkspace({
      'specs/template.rst': TEMPLATE,
      'specs/good.rst': GOOD,
      'specs/bad.rst': BAD,
      'specs/sub/another.rst': GOOD,
      'docs/not-a-spec.rst': BAD
    })
    const gh = await startMock({})
    const res = await runAction(ws, gh, {
      event: 'push',
      payload: { before: '0'.repeat(40), after: HEAD_SHA, created: true, deleted: false },
      sha: HEAD_SHA
    })
    expect(res.code).toBe(1)
    expect(gh.find('GET', /\/compare\//)).toHaveLength(0)
    expect(commandLines(res.stdout, 'notice').some(l => /new branch/i.test(l))).toBe(true)
    expect(res.outputs['files-checked']).toBe('3')
    expect(JSON.parse(res.outputs['failed-files']!)).toEqual(['specs/bad.rst'])
  })
})

describe('merge_group', () => {
  it('compares base_sha...head_sha and reports on the merge group head', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD })
    const gh = await startMock({ compare: { [`${BASE_SHA}...${HEAD_SHA}`]: [{ filename: 'specs/bad.rst', status: 'modified' }] } })
    const res = await runAction(ws, gh, {
      event: 'merge_group',
      payload: { action: 'checks_requested', merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA, head_ref: 'refs/heads/gh-readonly-queue/main/pr-1' } },
      sha: HEAD_SHA
    })
    expect(res.code).toBe(1)
    expect(gh.find('GET', /\/compare\//)[0]!.path).toBe(`/repos/octo/specs/compare/${BASE_SHA}...${HEAD_SHA}`)
    expect(res.outputs['files-checked']).toBe('1')
    expect(gh.checkRuns[0]!.created).toMatchObject({ head_sha: HEAD_SHA, conclusion: 'failure' })
  })
})

describe('workflow_dispatch', () => {
  it('checks every spec; fail-on never passes; no API call for files', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD })
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: { inputs: {} }, inputs: { 'fail-on': 'never', annotations: 'none' } })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(gh.requests).toEqual([])
    expect(res.outputs['files-checked']).toBe('2')
    expect(Number(res.outputs.errors)).toBeGreaterThan(0)
    expect(JSON.parse(res.outputs['failed-files']!)).toEqual(['specs/bad.rst'])
  })

  it('empty inputs (no runner defaults) mean the defaults', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD })
    const gh = await startMock({})
    const empty = Object.fromEntries(Object.keys(actionDefaults()).map(k => [k, '']))
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { ...empty, 'github-token': 'test-token' }, noDefaults: true })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    expect(res.outputs['files-checked']).toBe('2')
    expect(gh.checkRuns).toHaveLength(1) // annotations: auto
    expect(res.summary.length).toBeGreaterThan(0) // summary: true
  })
})

describe('failures', () => {
  it('a bad input fails with one clear line naming the input and the allowed values, no stack trace', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { 'fail-on': 'sometimes' } })
    expect(res.code).toBe(1)
    expect(res.stderr).toBe('')
    expect(res.stdout.trim().split('\n')).toEqual([
      '::error::spec-template-check: input "fail-on": "sometimes" is not allowed; use one of: error, warning, never'
    ])
    expect(gh.requests).toEqual([])
  })

  it('an API failure listing the files is one clear line too', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD })
    const gh = await startMock({}) // no such pull request: 404
    const res = await runAction(ws, gh, { event: 'pull_request', payload: prPayload(404, 1) })
    expect(res.code).toBe(1)
    expect(res.stderr).toBe('')
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^::error::spec-template-check: could not list the changed files \(HTTP 404: Not Found.*scope: all$/)
    expect(res.stdout).not.toMatch(/^\s+at /m)
  })
})
