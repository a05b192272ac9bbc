/**
 * A light action start: nothing the action imports at load pulls in an HTTP
 * client (@actions/core, @actions/github, @actions/http-client, undici,
 * Octokit); the client loads on the first request. And the small
 * replacement for @actions/core writes what @actions/core writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '../../src/action/core.js'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src')

/** Every module imported at load (static imports, not `import type`, not `await import()`) from `entry`, by specifier. */
function staticImports(entry: string): Map<string, string> {
  const seen = new Map<string, string>()
  const todo = [entry]
  while (todo.length) {
    const file = todo.pop()!
    const text = readFileSync(file, 'utf8')
    const re = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm
    let m: RegExpExecArray | null
    while ((m = re.exec(text))) {
      const spec = m[1]!
      if (!spec.startsWith('.')) {
        if (!seen.has(spec)) seen.set(spec, path.relative(SRC, file))
        continue
      }
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))
      if (!seen.has(target)) {
        seen.set(target, path.relative(SRC, file))
        todo.push(target)
      }
    }
  }
  return seen
}

describe('light start', () => {
  test('the action loads no HTTP client before its first request', () => {
    const heavy = [...staticImports(path.join(SRC, 'index.ts'))]
      .filter(([spec]) => /^(@actions\/|@octokit\/|undici)/.test(spec))
      .map(([spec, from]) => `${spec} (imported by ${from})`)
    expect(heavy).toEqual([])
  })

  test('the scan sees static imports and skips type-only and dynamic ones', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stc-imports-'))
    try {
      writeFileSync(path.join(dir, 'a.ts'), "import type { X } from 'typed'\nimport { b } from './b.js'\nconst c = await import('lazy')\n")
      writeFileSync(path.join(dir, 'b.ts'), "import * as core from '@actions/core'\nexport { d } from 'reexported'\n")
      expect([...staticImports(path.join(dir, 'a.ts')).keys()].filter(k => !k.startsWith('/'))).toEqual(['@actions/core', 'reexported'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('actions-core (what @actions/core writes)', () => {
  let dir: string
  let out: string[]
  const env = { ...process.env }
  let write: typeof process.stdout.write
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stc-core-'))
    out = []
    write = process.stdout.write
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write
  })
  afterEach(() => {
    process.stdout.write = write
    process.env = { ...env }
    process.exitCode = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  test('getInput reads INPUT_<NAME> (spaces as _, upper case), trimmed', () => {
    process.env['INPUT_FAIL-ON'] = '  warning \n'
    process.env.INPUT_A_B = 'x'
    expect(core.getInput('fail-on')).toBe('warning')
    expect(core.getInput('a b')).toBe('x')
    expect(core.getInput('missing')).toBe('')
  })

  test('setOutput appends name<<delimiter blocks to GITHUB_OUTPUT', () => {
    const file = path.join(dir, 'output')
    writeFileSync(file, '')
    process.env.GITHUB_OUTPUT = file
    core.setOutput('errors', '3')
    core.setOutput('failed-files', '["a\nb"]')
    const text = readFileSync(file, 'utf8')
    const blocks = [...text.matchAll(/^([^\n<]+)<<(ghadelimiter_[0-9a-f-]{36})\n([\s\S]*?)\n\2\n/gm)].map(m => [m[1], m[3]])
    expect(blocks).toEqual([['errors', '3'], ['failed-files', '["a\nb"]']])
    expect(out).toEqual([])
  })

  test('setOutput without GITHUB_OUTPUT issues set-output; a missing file is an error', () => {
    delete process.env.GITHUB_OUTPUT
    core.setOutput('errors', '3')
    expect(out.join('')).toBe('\n::set-output name=errors::3\n')
    process.env.GITHUB_OUTPUT = path.join(dir, 'nope')
    expect(() => core.setOutput('errors', '3')).toThrow(/Missing file/)
  })

  test('commands escape their data; setFailed sets exit code 1', () => {
    core.warning('50%\nnext ::error::x')
    core.notice('n')
    core.debug('d\r')
    core.startGroup('g')
    core.endGroup()
    core.info('plain %')
    core.setFailed('failed')
    expect(out.join('')).toBe(
      '::warning::50%25%0Anext ::error::x\n::notice::n\n::debug::d%0D\n::group::g\n::endgroup::\nplain %\n::error::failed\n'
    )
    expect(process.exitCode).toBe(1)
  })

  test('summary: appended to GITHUB_STEP_SUMMARY; unset or unwritable is an error and keeps the text', async () => {
    const file = path.join(dir, 'summary.md')
    writeFileSync(file, 'before\n')
    process.env.GITHUB_STEP_SUMMARY = file
    await core.summary.addRaw('# one', true).addRaw('two').write()
    expect(readFileSync(file, 'utf8')).toBe('before\n# one\ntwo')
    await core.summary.write()
    expect(readFileSync(file, 'utf8')).toBe('before\n# one\ntwo')
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(core.summary.addRaw('x').write()).rejects.toThrow(/GITHUB_STEP_SUMMARY/)
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'missing', 'summary.md')
    await expect(core.summary.write()).rejects.toThrow(/Unable to access summary file/)
    core.summary.emptyBuffer()
    process.env.GITHUB_STEP_SUMMARY = file
    await core.summary.write()
    expect(readFileSync(file, 'utf8')).toBe('before\n# one\ntwo')
  })
})
