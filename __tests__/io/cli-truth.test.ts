/**
 * A CLI that tells the truth and loses nothing: unreadable paths are errors
 * (exit 2, named); --output to a place it cannot write fails at once (a FIFO
 * used to hang it); --fix replaces each file atomically (temporary file
 * beside it, renamed over it), leaves a file that changed since it was read
 * alone (and says so), and reports per-file write errors without stopping.
 *
 * Permissions do not bind root, so when the tests run as root the CLI runs
 * as "nobody" (uid 65534) in those cases.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs'
import path from 'node:path'
import { jest } from '@jest/globals'
import { GOOD_SPEC, SMALL_TEMPLATE } from '../helpers.js'
import { DEFAULT_MAX_LINE_LENGTH, DEFAULT_SECTION_DEPTH, type Settings } from '../../src/config/config.js'
import { fixFiles } from '../../src/cli/run.js'
import { CLI, UNPRIVILEGED, cleanup, runCli, workspace } from './cli-run.js'
import { cliEnv } from '../e2e/bundle.js'

afterEach(cleanup)

const FIXABLE = GOOD_SPEC.replace('Unit tests.', 'Unit tests.   ')
const base = { 'specs/template.rst': SMALL_TEMPLATE, 'specs/ok.rst': GOOD_SPEC }

describe('unreadable paths are errors (exit 2, named)', () => {
  it('a folder that cannot be listed', async () => {
    const ws = workspace({ ...base, 'specs/private/p.rst': GOOD_SPEC })
    chmodSync(path.join(ws, 'specs/private'), 0o000)
    const r = await runCli(['specs'], ws, { uid: UNPRIVILEGED })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spec-template-check: cannot read specs/private (EACCES)\n')
    // The rest is still checked and reported.
    expect(r.stdout).toMatch(/1 file checked: 0 errors/)
  })

  it('a spec file that cannot be read', async () => {
    const ws = workspace({ ...base, 'specs/secret.rst': GOOD_SPEC })
    chmodSync(path.join(ws, 'specs/secret.rst'), 0o000)
    const r = await runCli(['--fail-on', 'never', 'specs'], ws, { uid: UNPRIVILEGED })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spec-template-check: cannot read specs/secret.rst (EACCES)\n')
  })
})

describe('--output that cannot be written fails at once', () => {
  it('a FIFO without a reader (used to hang)', async () => {
    const ws = workspace(base)
    execFileSync('mkfifo', [path.join(ws, 'out.txt')])
    const r = await runCli(['--output', 'out.txt', 'specs'], ws, { timeoutMs: 10_000 })
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spec-template-check: --output: cannot write "out.txt": ENXIO\n')
  })

  it.each([
    ['a folder', 'specs', 'EISDIR'],
    ['under a file', 'specs/ok.rst/x.txt', 'EEXIST'],
    ['a device', '/dev/full', 'not a regular file']
  ])('%s', async (_label, out, code) => {
    const ws = workspace(base)
    const r = await runCli(['--output', out, 'specs'], ws, { timeoutMs: 10_000 })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`spec-template-check: --output: cannot write "${out}": ${code}\n`)
    expect(r.stdout).toBe('')
  })

  it('a folder it may not write: before any spec is read', async () => {
    const ws = workspace({ ...base, 'ro/.keep': '' })
    chmodSync(path.join(ws, 'ro'), 0o555)
    const r = await runCli(['--output', 'ro/report.txt', 'specs'], ws, { uid: UNPRIVILEGED })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spec-template-check: --output: cannot write "ro/report.txt": EACCES\n')
  })

  it('a writable --output gets the report (and is replaced, not appended to)', async () => {
    const ws = workspace({ ...base, 'out.txt': 'x'.repeat(10_000) })
    const r = await runCli(['--output', 'out.txt', 'specs'], ws)
    expect(r.code).toBe(0)
    expect(readFileSync(path.join(ws, 'out.txt'), 'utf8')).toBe('1 file checked: 0 errors, 0 warnings\n')
  })
})

describe('--fix: atomic, careful, and per file', () => {
  it('a file it may not write is reported; the others are still fixed (exit 2)', async () => {
    const ws = workspace({ ...base, 'specs/a-ro.rst': FIXABLE, 'specs/b-rw.rst': FIXABLE }, UNPRIVILEGED)
    chmodSync(path.join(ws, 'specs/a-ro.rst'), 0o444)
    const r = await runCli(['--fix', 'specs'], ws, { uid: UNPRIVILEGED })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('could not fix specs/a-ro.rst: EACCES; nothing of it was changed\n')
    expect(r.stderr).toContain('fixed specs/b-rw.rst: trailing-whitespace\n')
    expect(r.stderr).not.toMatch(/internal error/)
    expect(readFileSync(path.join(ws, 'specs/a-ro.rst'), 'utf8')).toBe(FIXABLE)
    expect(readFileSync(path.join(ws, 'specs/b-rw.rst'), 'utf8')).toBe(GOOD_SPEC)
    expect(readdirSync(path.join(ws, 'specs')).filter(n => n.endsWith('.tmp'))).toEqual([])
  })

  it('a folder it may not write: reported per file, nothing half-written', async () => {
    const ws = workspace({ ...base, 'specs/x/a.rst': FIXABLE, 'specs/y/b.rst': FIXABLE }, UNPRIVILEGED)
    chmodSync(path.join(ws, 'specs/x'), 0o555)
    const r = await runCli(['--fix', 'specs'], ws, { uid: UNPRIVILEGED })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('could not fix specs/x/a.rst: EACCES')
    expect(r.stderr).toContain('fixed specs/y/b.rst')
    expect(readFileSync(path.join(ws, 'specs/x/a.rst'), 'utf8')).toBe(FIXABLE)
  })

  function settings(ws: string): Settings {
    return {
      workspace: ws,
      paths: ['specs/**/*.rst'],
      exclude: [],
      optionalSections: [],
      maxLineLength: DEFAULT_MAX_LINE_LENGTH,
      rules: {},
      sectionDepth: DEFAULT_SECTION_DEPTH,
      failOn: 'error'
    } as Settings
  }

  function captureStderr(): { text: () => string; restore: () => void } {
    let out = ''
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      out += String(chunk)
      return true
    })
    return { text: () => out, restore: () => spy.mockRestore() }
  }

  it('until the rename the original is whole; the new text is complete beside it; the mode is kept', async () => {
    const ws = workspace({ ...base, 'specs/a.rst': FIXABLE })
    const file = path.join(ws, 'specs/a.rst')
    chmodSync(file, 0o640)
    const seen: { original: string; temps: string[] }[] = []
    const err = captureStderr()
    try {
      const res = await fixFiles(['specs/a.rst'], settings(ws), {
        beforeReplace: () => {
          const temps = readdirSync(path.join(ws, 'specs')).filter(n => n.endsWith('.tmp'))
          seen.push({ original: readFileSync(file, 'utf8'), temps: temps.map(t => readFileSync(path.join(ws, 'specs', t), 'utf8')) })
        }
      })
      expect(res).toEqual({ fixed: 1, failed: 0, skipped: 0 })
    } finally {
      err.restore()
    }
    expect(seen).toEqual([{ original: FIXABLE, temps: [GOOD_SPEC] }])
    expect(readFileSync(file, 'utf8')).toBe(GOOD_SPEC)
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(readdirSync(path.join(ws, 'specs')).filter(n => n.endsWith('.tmp'))).toEqual([])
    expect(err.text()).toBe('fixed specs/a.rst: trailing-whitespace\n')
  })

  it('a file edited while --fix runs is left as edited, and it says so', async () => {
    const ws = workspace({ ...base, 'specs/a.rst': FIXABLE, 'specs/b.rst': FIXABLE })
    const edited = FIXABLE + '\nAn edit made meanwhile.\n'
    const err = captureStderr()
    let res
    try {
      res = await fixFiles(['specs/a.rst', 'specs/b.rst'], settings(ws), {
        beforeReplace: f => {
          if (f === 'specs/a.rst') writeFileSync(path.join(ws, f), edited)
        }
      })
    } finally {
      err.restore()
    }
    expect(res).toEqual({ fixed: 1, failed: 0, skipped: 1 })
    expect(readFileSync(path.join(ws, 'specs/a.rst'), 'utf8')).toBe(edited)
    expect(readFileSync(path.join(ws, 'specs/b.rst'), 'utf8')).toBe(GOOD_SPEC)
    expect(err.text()).toBe('not fixed specs/a.rst: it changed since it was read; run --fix again\nfixed specs/b.rst: trailing-whitespace\n')
    expect(readdirSync(path.join(ws, 'specs')).filter(n => n.endsWith('.tmp'))).toEqual([])
  })
})

describe('--fix killed while it writes (bundled CLI)', () => {
  it('leaves the spec whole: the old text or the new one, never a cut or empty file', async () => {
    // A large spec with trailing white space on every line: writing the fix takes a while.
    const body = Array.from({ length: 60_000 }, (_, i) => `Line ${i} of a long proposal with trailing white space.   `).join('\n')
    const big = GOOD_SPEC.replace('Unit tests.', `Unit tests.\n\n${body}`)
    const fixed = GOOD_SPEC.replace('Unit tests.', `Unit tests.\n\n${body.replace(/ +$/gm, '')}`)
    for (let attempt = 0; attempt < 3; attempt++) {
      const ws = workspace({ ...base, 'specs/big.rst': big })
      const dir = path.join(ws, 'specs')
      const child = spawn(process.execPath, [CLI, '--fix', 'specs/big.rst'], { cwd: ws, stdio: 'ignore', env: cliEnv() })
      // Kill it the moment it starts to write anything in the folder (a temporary file, or the spec itself).
      const watcher = watch(dir, () => child.kill('SIGKILL'))
      await new Promise(resolve => child.on('exit', resolve))
      watcher.close()
      const now = readFileSync(path.join(dir, 'big.rst'), 'utf8')
      expect(now === big || now === fixed).toBe(true)
    }
  })
})
