/**
 * Hardening 3: nothing outside the workspace is read (the bundled action, run in this process).
 *
 * "Specs" the pull request lists that are symbolic links to /etc/passwd or
 * to a file outside the workspace, paths with ".." parts (the API could list
 * `specs/../../etc/passwd`), absolute paths and a directory linked outside:
 * each is refused with a file error and never read (its content appears in
 * no output). The inputs that name files or globs cannot leave the
 * workspace either: one clear error line naming the input.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { DiffEntry } from '../e2e/mock-github.js'
import {
  GOOD,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock,
  type RunResult,
  type Workspace
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

const SECRET = 'TOP-SECRET-CONTENT-4711'
const PASSWD_MARK = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n')[0]! : 'root:x:0:0'

/** A workspace with links out of it, and the secret files they point to (outside the workspace). */
async function trapWorkspace(): Promise<Workspace> {
  const ws = await makeWorkspace({
    'specs/template.rst': TEMPLATE,
    'specs/good.rst': GOOD,
    'specs/passwd.rst': { symlink: '/etc/passwd' },
    'specs/secret.rst': { symlink: '../../secret' },
    'specs/outside-dir': { symlink: '../../outside' }
  })
  // root/secret and root/outside/x.rst: next to the workspace, not in it.
  await writeFile(path.join(ws.root, 'secret'), `${SECRET}\n`)
  await writeFile(path.join(ws.root, 'secret.rst'), `${SECRET}\n`)
  await mkdir(path.join(ws.root, 'outside'), { recursive: true })
  await writeFile(path.join(ws.root, 'outside', 'x.rst'), `${SECRET}\n`)
  return ws
}

async function everything(ws: Workspace, res: RunResult, extra: string[] = []): Promise<string> {
  const parts = [res.stdout, res.stderr, res.summary, JSON.stringify(res.outputs)]
  for (const f of extra) if (existsSync(path.join(ws.workspace, f))) parts.push(await readFile(path.join(ws.workspace, f), 'utf8'))
  return parts.join('\n')
}

describe('changed files that lead outside the workspace', () => {
  it('symlinks to /etc/passwd and outside, ".." paths, absolute paths, a linked directory: each refused, none read', async () => {
    const ws = await trapWorkspace()
    const listed: DiffEntry[] = [
      { filename: 'specs/good.rst', status: 'modified' },
      { filename: 'specs/passwd.rst', status: 'added' },
      { filename: 'specs/secret.rst', status: 'added' },
      { filename: 'specs/../../etc/passwd', status: 'added' },
      { filename: 'specs/../../secret.rst', status: 'added' },
      { filename: '/etc/passwd', status: 'modified' },
      { filename: `${ws.root}/secret.rst`, status: 'modified' },
      { filename: 'specs/outside-dir/x.rst', status: 'added' }
    ]
    const gh = await startMock({ pullFiles: { 21: listed } })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(21, listed.length),
      inputs: { 'report-file': 'out/report.json', 'sarif-file': 'out/report.sarif' }
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)

    const report = JSON.parse(await readFile(path.join(ws.workspace, 'out/report.json'), 'utf8'))
    const byFile = new Map<string, { error?: string; findings: unknown[] }>(report.files.map((f: { file: string }) => [f.file, f]))
    const refused = listed.map(l => l.filename).filter(f => f !== 'specs/good.rst')
    for (const f of refused) {
      expect(byFile.get(f)?.error).toMatch(/^refused: /)
      expect(byFile.get(f)?.findings).toEqual([])
    }
    expect(byFile.get('specs/good.rst')?.error).toBeUndefined()
    expect(JSON.parse(res.outputs['failed-files']!).sort()).toEqual([...refused].sort())
    // One annotation (file error) per refused file on the check run.
    const ann = gh.checkRuns[0]!.annotations.filter(a => a.title === 'spec-template-check: file-error')
    expect(ann.map(a => a.path).sort()).toEqual([...refused].sort())

    const all = (await everything(ws, res, ['out/report.json', 'out/report.sarif'])) + JSON.stringify(gh.checkRuns)
    expect(all).not.toContain(SECRET)
    expect(all).not.toContain(PASSWD_MARK)
  })

  it('scope all: symbolic links found by walking the workspace are refused too', async () => {
    const ws = await trapWorkspace()
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', 'report-file': 'report.json', annotations: 'workflow-commands' }
    })
    expect(res.code).toBe(1)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'report.json'), 'utf8'))
    const errors = Object.fromEntries(report.files.map((f: { file: string; error?: string }) => [f.file, f.error ?? '']))
    expect(errors['specs/passwd.rst']).toMatch(/refused: .*points outside the workspace/)
    expect(errors['specs/secret.rst']).toMatch(/refused: .*points outside the workspace/)
    expect(errors['specs/good.rst']).toBe('')
    // The linked directory is not walked into.
    expect(Object.keys(errors)).not.toContain('specs/outside-dir/x.rst')
    const all = await everything(ws, res, ['report.json'])
    expect(all).not.toContain(SECRET)
    expect(all).not.toContain(PASSWD_MARK)
  })

  it('a discovered template that links outside the workspace is not used (and not read)', async () => {
    const ws = await makeWorkspace({
      'specs/sub/template.rst': { symlink: '../../../secret-template.rst' },
      'specs/template.rst': TEMPLATE,
      'specs/sub/a.rst': GOOD
    })
    await writeFile(path.join(ws.root, 'secret-template.rst'), `${SECRET}\n=====\n\nS\n-\n\nx\n`)
    const gh = await startMock({ pullFiles: { 22: [{ filename: 'specs/sub/a.rst', status: 'added' }] } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(22, 1), inputs: { 'report-file': 'r.json' } })
    expect(res.code).toBe(0)
    const report = JSON.parse(await readFile(path.join(ws.workspace, 'r.json'), 'utf8'))
    expect(report.files[0].template).toBe('specs/template.rst')
    expect(await everything(ws, res, ['r.json'])).not.toContain(SECRET)
  })
})

describe('report files in RUNNER_TEMP', () => {
  it('report-file and sarif-file under ${{ runner.temp }} are written there; the outputs give the absolute paths', async () => {
    const ws = await trapWorkspace()
    const gh = await startMock({})
    const report = path.join(ws.runnerTemp, 'report.json')
    const sarif = path.join(ws.runnerTemp, 'sarif', 'results.sarif')
    const res = await runBundleInProcess(ws, gh, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', annotations: 'none', 'report-file': report, 'sarif-file': sarif }
    })
    expect(res.stderr).toBe('')
    expect(commandLines(res.stdout, 'error').filter(l => l.includes('input'))).toEqual([])
    expect(res.outputs['report-file']).toBe(report)
    expect(res.outputs['sarif-file']).toBe(sarif)
    expect(JSON.parse(await readFile(report, 'utf8')).files.length).toBeGreaterThan(0)
    expect(JSON.parse(await readFile(sarif, 'utf8')).version).toBe('2.1.0')
  })

  it('a path next to RUNNER_TEMP (neither there nor in the workspace) is refused naming both places', async () => {
    const ws = await trapWorkspace()
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', annotations: 'none', 'report-file': path.join(ws.runnerTemp, '..', 'report.json') }
    })
    expect(res.code).toBe(1)
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/input "report-file": ".*" must be a file path inside the workspace \(.*\) or inside RUNNER_TEMP \(.*\)/)
    expect(existsSync(path.join(ws.root, 'report.json'))).toBe(false)
  })
})

describe('inputs that would leave the workspace: one error line naming the input', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['paths with ..', { paths: '../**/*.rst' }, /^::error::spec-template-check: input "paths": "\.\.\/\*\*\/\*\.rst" must be a glob relative to the workspace/],
    ['absolute paths', { paths: 'specs/**/*.rst\n/etc/*' }, /^::error::spec-template-check: input "paths": "\/etc\/\*" must be a glob relative to the workspace/],
    ['exclude with ..', { exclude: 'specs/../../**' }, /^::error::spec-template-check: input "exclude": .*relative to the workspace/],
    ['template outside', { template: '../../secret' }, /^::error::spec-template-check: input "template": "\.\.\/\.\.\/secret" must be a file path inside the workspace/],
    ['template absolute', { template: '/etc/passwd' }, /^::error::spec-template-check: input "template": "\/etc\/passwd" must be a file path inside the workspace/],
    ['report-file outside', { 'report-file': '../report.json' }, /^::error::spec-template-check: input "report-file": "\.\.\/report\.json" must be a file path inside the workspace/],
    ['sarif-file absolute', { 'sarif-file': '/tmp/x.sarif' }, /^::error::spec-template-check: input "sarif-file": "\/tmp\/x\.sarif" must be a file path inside the workspace/],
    ['report-file through a linked directory', { 'report-file': 'specs/outside-dir/r.json' }, /^::error::spec-template-check: input "report-file": .*links outside the workspace/]
  ]
  it.each(cases)('%s', async (_name, inputs, message) => {
    const ws = await trapWorkspace()
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', annotations: 'none', ...inputs } })
    expect(res.code).toBe(1)
    expect(res.stderr).toBe('')
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
    expect(res.stdout).not.toMatch(/^\s+at /m)
    expect(existsSync(path.join(ws.root, 'report.json'))).toBe(false)
    expect(existsSync(path.join(ws.root, 'outside', 'r.json'))).toBe(false)
    expect(await everything(ws, res)).not.toContain(SECRET)
  })

  it('a template input that is a link to a file outside is refused, naming the file', async () => {
    const ws = await trapWorkspace()
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', template: 'specs/secret.rst' } })
    expect(res.code).toBe(1)
    const errors = commandLines(res.stdout, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^::error::spec-template-check: template specs\/secret\.rst: refused: .*outside the workspace/)
    expect(await everything(ws, res)).not.toContain(SECRET)
  })
})
