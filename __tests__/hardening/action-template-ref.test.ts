/**
 * Hardening 1: template trust, `template-ref` (the bundled action, run in this process).
 *
 * A pull request edits the template to drop a section AND adds a spec that
 * drops it. With `template-ref: head` (the default) the spec passes; with
 * `template-ref: base` it is checked against the base commit's template and
 * fails — read through the API (the base commit is not in the checkout) or
 * with git (it is). A template the pull request adds does not count at the
 * base: discovery goes further up, or to the embedded default, and the
 * report says so.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  BASE_SHA,
  GOOD,
  HEAD_SHA,
  NO_ALTERNATIVES,
  TEMPLATE,
  WEAK_TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  git,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

/** The pull request's files: the weakened template and a spec without "Alternatives". */
const PR_FILES = [
  { filename: 'specs/template.rst', status: 'modified' as const },
  { filename: 'specs/new.rst', status: 'added' as const }
]

const headWorkspace = () =>
  makeWorkspace({ 'specs/template.rst': WEAK_TEMPLATE, 'specs/new.rst': NO_ALTERNATIVES, 'specs/old.rst': GOOD })

describe('template-ref through the API (base commit not in the checkout)', () => {
  it('head (default): the weakened template lets the spec pass; no contents request', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 61: PR_FILES }, contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(61, 2) })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(gh.find('GET', /\/contents\//)).toEqual([])
    expect(gh.checkRuns[0]!.created).toMatchObject({ conclusion: 'success' })
  })

  it('base: the spec is checked against the base template and fails', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 62: PR_FILES }, contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(62, 2),
      inputs: { 'template-ref': 'base', 'report-file': 'report.json' }
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'report.json'), 'utf8'))
    const spec = report.files.find((f: { file: string }) => f.file === 'specs/new.rst')
    expect(spec.template).toBe('specs/template.rst')
    expect(spec.findings.some((f: { rule: string; message: string }) => f.rule === 'missing-section' && /Alternatives/.test(f.message))).toBe(true)
    // Read at the base: the commit verified, then the file with ref=<base sha> and the raw media type.
    expect(gh.find('GET', /\/git\/commits\//).map(r => r.path)).toEqual([`/repos/octo/specs/git/commits/${BASE_SHA}`])
    const contents = gh.find('GET', /\/contents\//)
    // The configuration file is looked up at the base first, then the template.
    expect(contents.map(r => r.path)).toContain('/repos/octo/specs/contents/.spec-template-check.yml')
    expect(contents.map(r => r.path)).toContain('/repos/octo/specs/contents/specs/template.rst')
    expect(contents.every(r => r.query.ref === BASE_SHA && /raw/.test(String(r.headers.accept)))).toBe(true)
    expect(res.stdout).toMatch(/template-ref: base: templates are read from the base commit aaaaaaa of pull request #62 \(the GitHub API\)/)
    expect(res.summary).toMatch(/Templates were read from the base commit aaaaaaa of pull request #62/)
  })

  it('pull_request_target behaves the same', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 63: PR_FILES }, contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request_target', payload: prPayload(63, 2), inputs: { 'template-ref': 'base' } })
    expect(res.code).toBe(1)
    expect(gh.checkRuns[0]!.annotations.some(a => a.path === 'specs/new.rst' && /Alternatives/.test(String(a.message)))).toBe(true)
  })

  it('a template that exists only at head: base discovery goes further up, and the report says so', async () => {
    const ws = await makeWorkspace({
      'specs/template.rst': TEMPLATE,
      'specs/team/template.rst': WEAK_TEMPLATE,
      'specs/team/new.rst': NO_ALTERNATIVES
    })
    const gh = await startMock({
      pullFiles: { 64: [{ filename: 'specs/team/template.rst', status: 'added' }, { filename: 'specs/team/new.rst', status: 'added' }] },
      contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } }
    })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(64, 2), inputs: { 'template-ref': 'base', 'report-file': 'r.json' } })
    expect(res.code).toBe(1)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.files[0]).toMatchObject({ file: 'specs/team/new.rst', template: 'specs/template.rst', embeddedTemplate: false })
    const notices = commandLines(res.stdout, 'notice')
    expect(notices.some(n => /specs\/team\/template\.rst is not in the base commit aaaaaaa .*this change adds it.*1 spec checked against specs\/template\.rst instead/.test(n))).toBe(true)
    expect(res.summary).toMatch(/specs\/team\/template\.rst is not in the base \(this change adds it\), so it is not used: 1 spec checked against specs\/template\.rst instead/)
    expect(String((gh.checkRuns[0]!.created.output as { summary: string }).summary)).toMatch(/specs\/team\/template\.rst is not in the base/)
  })

  it('no template at the base at all: the embedded default, said in the report', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': WEAK_TEMPLATE, 'specs/new.rst': NO_ALTERNATIVES })
    const gh = await startMock({ pullFiles: { 65: PR_FILES }, contents: { [BASE_SHA]: { 'README.md': 'x' } } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(65, 2), inputs: { 'template-ref': 'base', 'report-file': 'r.json' } })
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.files[0]).toMatchObject({ file: 'specs/new.rst', template: '(embedded default)', embeddedTemplate: true })
    expect(res.summary).toMatch(/specs\/template\.rst is not in the base \(this change adds it\), so it is not used: 1 spec checked against the embedded default template instead/)
    expect(res.summary).toMatch(/checked against the embedded default template/)
  })

  it('an explicit template input is read at the base too', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 66: PR_FILES }, contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(66, 2),
      inputs: { 'template-ref': 'base', template: 'specs/template.rst' }
    })
    expect(res.code).toBe(1)
    expect(gh.find('GET', /\/contents\//).every(r => r.query.ref === BASE_SHA)).toBe(true)
  })

  it('an explicit template that the base does not have: one error line naming it', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({ pullFiles: { 67: PR_FILES }, contents: { [BASE_SHA]: { 'README.md': 'x' } } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(67, 2), inputs: { 'template-ref': 'base', template: 'specs/template.rst' } })
    expect(res.code).toBe(1)
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toEqual(['::error::spec-template-check: template specs/template.rst: not in the base commit aaaaaaa of pull request #67'])
  })

  it('the base cannot be read (API error): fails closed with one line, never falls back to head', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({
      pullFiles: { 68: PR_FILES },
      contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } },
      failures: [{ method: 'GET', path: /\/contents\//, status: 403, body: { message: 'Resource not accessible by integration' } }]
    })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(68, 2), inputs: { 'template-ref': 'base' } })
    expect(res.code).toBe(1)
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toHaveLength(1)
    // The first read at the base (the configuration file) fails closed.
    expect(errors[0]).toMatch(/cannot read \.spec-template-check\.yml from the base commit aaaaaaa of pull request #68 through the GitHub API \(HTTP 403/)
    expect(gh.checkRuns).toHaveLength(0)
  })

  it('no token and the base not in the checkout: one line saying to fetch it or pass github-token', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(69, 2),
      inputs: { 'template-ref': 'base', 'github-token': '', scope: 'all' }
    })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'error')).toEqual([
      '::error::spec-template-check: template-ref: base: the base commit aaaaaaa of pull request #69 is not in the checkout and there is no github-token to read the templates through the GitHub API; fetch it (actions/checkout with fetch-depth: 0) or pass github-token'
    ])
  })
})

describe('template-ref with git (base commit in the checkout)', () => {
  it('base: git show of the base commit, no API request for contents; head passes', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/old.rst': GOOD })
    git(ws, 'init', '-q')
    git(ws, 'add', '.')
    git(ws, 'commit', '-q', '-m', 'base')
    const base = git(ws, 'rev-parse', 'HEAD')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(path.join(ws.workspace, 'specs/template.rst'), WEAK_TEMPLATE)
    await writeFile(path.join(ws.workspace, 'specs/new.rst'), NO_ALTERNATIVES)
    git(ws, 'add', '.')
    git(ws, 'commit', '-q', '-m', 'head')
    const head = git(ws, 'rev-parse', 'HEAD')
    const payload = prPayload(70, 2, {
      base: { sha: base, ref: 'main', repo: { full_name: 'octo/specs' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'octo/specs' } }
    })

    const gh = await startMock({ pullFiles: { 70: PR_FILES } })
    const atBase = await runBundleInProcess(ws, gh, { event: 'pull_request', payload, inputs: { 'template-ref': 'base' } })
    expect(atBase.stderr).toBe('')
    expect(atBase.code).toBe(1)
    expect(atBase.stdout).toMatch(new RegExp(`templates are read from the base commit ${base.slice(0, 7)} of pull request #70 \\(git, in the checkout\\)`))
    expect(gh.find('GET', /\/contents\/|\/git\/commits\//)).toEqual([])
    expect(gh.checkRuns[0]!.annotations.some(a => a.path === 'specs/new.rst' && /Alternatives/.test(String(a.message)))).toBe(true)
    await stopMock()

    const gh2 = await startMock({ pullFiles: { 70: PR_FILES } })
    const atHead = await runBundleInProcess(ws, gh2, { event: 'pull_request', payload, inputs: { 'template-ref': 'head' } })
    expect(atHead.code).toBe(0)
  })
})

describe('template-ref: base for other events', () => {
  it('push: the commit before the push', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({
      compare: { [`${BASE_SHA}...${HEAD_SHA}`]: PR_FILES },
      contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } }
    })
    const res = await runBundleInProcess(ws, gh, {
      event: 'push',
      payload: { before: BASE_SHA, after: HEAD_SHA, ref: 'refs/heads/main' },
      sha: HEAD_SHA,
      inputs: { 'template-ref': 'base' }
    })
    expect(res.code).toBe(1)
    expect(gh.find('GET', /\/contents\//)[0]!.query.ref).toBe(BASE_SHA)
  })

  it('merge_group: merge_group.base_sha', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({
      compare: { [`${BASE_SHA}...${HEAD_SHA}`]: PR_FILES },
      contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } }
    })
    const res = await runBundleInProcess(ws, gh, {
      event: 'merge_group',
      payload: { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA } },
      sha: HEAD_SHA,
      inputs: { 'template-ref': 'base' }
    })
    expect(res.code).toBe(1)
    expect(gh.find('GET', /\/contents\//)[0]!.query.ref).toBe(BASE_SHA)
  })

  it('workflow_dispatch and a new branch: no base, head with a notice', async () => {
    const ws = await headWorkspace()
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { 'template-ref': 'base', scope: 'all' } })
    expect(res.code).toBe(0)
    expect(commandLines(res.stdout, 'notice').some(n => /template-ref: base: event "workflow_dispatch" has no base commit; templates are read from the workspace \(the head\) instead/.test(n))).toBe(true)
    await stopMock()
    const gh2 = await startMock({})
    const res2 = await runBundleInProcess(ws, gh2, {
      event: 'push',
      payload: { before: '0'.repeat(40), after: HEAD_SHA, created: true },
      sha: HEAD_SHA,
      inputs: { 'template-ref': 'base' }
    })
    expect(res2.code).toBe(0)
    expect(commandLines(res2.stdout, 'notice').some(n => /template-ref: base: the push created a new branch/.test(n))).toBe(true)
  })
})
