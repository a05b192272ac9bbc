/**
 * The configuration file is read like a spec: a regular file inside the
 * workspace, size-limited; a symbolic link out, a device or a FIFO is a
 * clear error (never its contents, never a hang). Through the bundled CLI
 * and the bundled action.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GOOD_SPEC, SMALL_TEMPLATE } from '../helpers.js'
import { GOOD, TEMPLATE, cleanupWorkspaces, makeWorkspace, parseWorkflowCommands, runAction, startMock, stopMock } from '../e2e/action-harness.js'
import { MAX_CONFIG_BYTES } from '../../src/config/file.js'
import { cleanup, runCli, workspace } from './cli-run.js'

afterEach(stopMock)
afterEach(cleanup)
afterAll(cleanupWorkspaces)

const SECRET = 'aws_secret_access_key_AKIAEXAMPLE: 1\nghp_tokenvalue123: 2\n'
const NAME = '.spec-template-check.yml'

/** A folder holding a secret file and, inside it, the workspace. */
function nested(): { outer: string; ws: string } {
  const outer = mkdtempSync(path.join(tmpdir(), 'stc-io-outer-'))
  writeFileSync(path.join(outer, 'secret.yml'), SECRET)
  const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC })
  const inner = path.join(outer, 'ws')
  execFileSync('mv', [ws, inner])
  outers.push(outer)
  return { outer, ws: inner }
}
const outers: string[] = []
afterEach(() => {
  for (const o of outers.splice(0)) rmSync(o, { recursive: true, force: true })
})

describe('CLI', () => {
  it('a symbolic link out of the workspace is refused without showing what it points to', async () => {
    const { ws } = nested()
    symlinkSync('../secret.yml', path.join(ws, NAME))
    const r = await runCli(['specs'], ws)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spec-template-check: \.spec-template-check\.yml: not read: refused: .*symbolic link that points outside the workspace/)
    expect(r.stderr + r.stdout).not.toMatch(/AKIA|ghp_token/)
  })

  it('a symbolic link to /dev/zero is not a regular file (at once, no memory blow-up)', async () => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC })
    // The link points outside the workspace too; link a device inside it as well.
    symlinkSync('/dev/zero', path.join(ws, NAME))
    const r = await runCli(['specs'], ws, { timeoutMs: 10_000 })
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/\.spec-template-check\.yml: not read: /)
  })

  it('a device node inside the workspace is not a regular file', async () => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC })
    try {
      execFileSync('mknod', [path.join(ws, NAME), 'c', '1', '5']) // /dev/zero's numbers
    } catch {
      return // not allowed to make device nodes here
    }
    const r = await runCli(['specs'], ws, { timeoutMs: 10_000 })
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/\.spec-template-check\.yml: not read: "\.spec-template-check\.yml" is not a regular file/)
  })

  it('a FIFO is not a regular file (no hang)', async () => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC })
    execFileSync('mkfifo', [path.join(ws, NAME)])
    const r = await runCli(['specs'], ws, { timeoutMs: 10_000 })
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/"\.spec-template-check\.yml" is not a regular file/)
  })

  it('a file over the size limit is refused, naming the limit', async () => {
    const big = '# padding\n'.repeat(Math.ceil((MAX_CONFIG_BYTES + 10) / 10))
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC, [NAME]: big })
    const r = await runCli(['specs'], ws)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`over the ${MAX_CONFIG_BYTES}-byte limit`)
  })

  it('a symbolic link to a file inside the workspace is read', async () => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC, 'conf/stc.yml': 'max-line-length: 20\n' })
    symlinkSync('conf/stc.yml', path.join(ws, NAME))
    const r = await runCli(['specs'], ws)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/line-length/)
  })
})

describe('action (bundle)', () => {
  it('a committed symbolic link to ../secret.yml fails the step and shows no key of the secret', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': GOOD, [NAME]: { symlink: '../secret.yml' } })
    writeFileSync(path.join(ws.root, 'secret.yml'), SECRET)
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all' } })
    expect(res.code).toBe(1)
    const errors = parseWorkflowCommands(res.stdout).filter(c => c.command === 'error')
    expect(errors.map(c => c.data)).toEqual([
      expect.stringMatching(/^spec-template-check: \.spec-template-check\.yml: not read: refused: .*outside the workspace/)
    ])
    expect(res.stdout + res.stderr).not.toMatch(/AKIA|ghp_token/)
  })

  it('a FIFO fails the step at once', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': GOOD })
    execFileSync('mkfifo', [path.join(ws.workspace, NAME)])
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all' }, timeoutMs: 10_000 })
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/^::error::spec-template-check: \.spec-template-check\.yml: not read: .*not a regular file/m)
  })
})

describe('parseConfigFile (any source, e.g. the base commit)', () => {
  it('refuses text over the size limit before parsing it', async () => {
    const { parseConfigFile } = await import('../../src/config/file.js')
    const text = `paths: [${Array(40_000).fill('"specs/*.rst"').join(', ')}]\n`
    await expect(parseConfigFile(text, '.spec-template-check.yml (base abc1234)')).rejects.toThrow(
      /^\.spec-template-check\.yml \(base abc1234\): \d+ bytes, over the 262144-byte limit for the configuration file$/
    )
  })
})
