/** The CLI's main() in-process (src/, not dist/): flags, configuration file, exit codes, --fix, --outline, --lines changed. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BAD, GOOD, TEMPLATE, longSpec } from '../e2e/action-harness.js'
import { runMain } from './in-process.js'
import { writeTree } from '../helpers.js'

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true })
})

function ws(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'stc-cli-'))
  made.push(root)
  writeTree(root, files)
  return root
}

const SPECS = { 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD }

describe('main()', () => {
  it('--help and --version exit 0; a bad flag exits 2 with the usage', async () => {
    const dir = ws({})
    const help = await runMain(['--help'], dir)
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toMatch(/^Usage: spec-template-check/)
    expect((await runMain(['-v'], dir)).stdout).toMatch(/^\d+\.\d+\.\d+/)
    const bad = await runMain(['--nope'], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^spec-template-check: .*--nope[\s\S]*Usage:/)
  })

  it.each([
    [['--fail-on', 'sometimes'], '--fail-on: "sometimes" is not allowed; use one of: error, warning, never'],
    [['--format', 'xml'], '--format: "xml" is not allowed'],
    [['--max-line-length', '0'], '--max-line-length: "0" is not a whole number from 1 to 100000'],
    [['--section-depth', 'x'], '--section-depth: "x" is not a whole number'],
    [['--rules', 'nope=error'], '--rules: unknown rule "nope"'],
    [['--lines', 'some'], '--lines: "some" is not allowed'],
    [['--suppressions', 'maybe'], '--suppressions: "maybe" is not allowed']
  ])('%j exits 2: %s', async (args, message) => {
    const r = await runMain([...args, 'specs'], ws(SPECS))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('text report; exit 1 on errors, 0 with --fail-on never', async () => {
    const dir = ws(SPECS)
    const r = await runMain(['specs'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('specs/bad.rst')
    expect(r.stdout).not.toContain('specs/good.rst:')
    expect((await runMain(['--fail-on', 'never', 'specs'], dir)).code).toBe(0)
  })

  it('fail-on: warnings fail only with --fail-on warning', async () => {
    const dir = ws({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(2) })
    expect((await runMain(['--rules', 'line-length=warning'], dir)).code).toBe(0)
    expect((await runMain(['--rules', 'line-length=warning', '--fail-on', 'warning'], dir)).code).toBe(1)
  })

  it('json, sarif and github formats; --output writes the report to a file', async () => {
    const dir = ws(SPECS)
    const json = await runMain(['--format', 'json', '--fail-on', 'never', 'specs'], dir)
    expect(JSON.parse(json.stdout).summary.files).toBe(2)
    expect(JSON.parse((await runMain(['--format', 'sarif', 'specs'], dir)).stdout).version).toBe('2.1.0')
    expect((await runMain(['--format', 'github', 'specs'], dir)).stdout).toMatch(/^::error file=specs\/bad\.rst/m)
    const out = await runMain(['--format', 'json', '--output', 'out/r.json', 'specs'], dir)
    expect(out).toMatchObject({ code: 1, stdout: '' })
    expect(JSON.parse(readFileSync(path.join(dir, 'out/r.json'), 'utf8')).summary.errors).toBeGreaterThan(0)
    // Written again over a longer file: exactly the report, nothing of what the file held after it.
    const report = readFileSync(path.join(dir, 'out/r.json'), 'utf8')
    writeFileSync(path.join(dir, 'out/r.json'), 'x'.repeat(report.length * 3))
    expect((await runMain(['--format', 'json', '--output', 'out/r.json', 'specs'], dir)).code).toBe(1)
    expect(readFileSync(path.join(dir, 'out/r.json'), 'utf8')).toBe(report)
    const cannot = await runMain(['--output', dir, 'specs'], dir)
    expect(cannot.code).toBe(2)
    expect(cannot.stderr).toContain('--output: cannot write')
  })

  it('the configuration file applies; flags win; its template is read from the root', async () => {
    const dir = ws({
      ...SPECS,
      'other/template.rst': TEMPLATE,
      '.spec-template-check.yml': 'paths: [specs/good.rst]\nfail-on: never\ntemplate: ./other/template.rst\n'
    })
    const r = await runMain(['--format', 'json'], dir)
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.files.map((f: { file: string; template: string }) => [f.file, f.template])).toEqual([['specs/good.rst', 'other/template.rst']])
    expect((await runMain(['--fail-on', 'error', 'specs'], dir)).code).toBe(1)
  })

  it('a configuration file path glob with ".." is refused, as in the action', async () => {
    const dir = ws({ ...SPECS, '.spec-template-check.yml': 'paths: [specs/./good.rst]\n' })
    const r = await runMain([], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('.spec-template-check.yml: "paths": "specs/./good.rst" must be a glob relative to the workspace')
  })

  it('--template is read wherever it is; a missing one exits 2', async () => {
    const dir = ws(SPECS)
    const elsewhere = ws({ 't.rst': TEMPLATE })
    const r = await runMain(['--template', path.join(elsewhere, 't.rst'), '--format', 'json', 'specs'], dir)
    expect(JSON.parse(r.stdout).files[0].template).toMatch(/t\.rst$/)
    const missing = await runMain(['--template', 'nope.rst', 'specs'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('template nope.rst: file not found')
  })

  it('an unreadable path is named and exits 2 after the report of the rest', async () => {
    const dir = ws(SPECS)
    const r = await runMain(['specs', 'missing.rst'], dir)
    expect(r.code).toBe(2)
  })

  it('--outline prints the section tree as JSON lines; --stats prints timings', async () => {
    const dir = ws(SPECS)
    const r = await runMain(['--outline', '--stats', 'specs/good.rst'], dir)
    expect(r.code).toBe(0)
    const o = JSON.parse(r.stdout.trim())
    expect(o.file).toBe('specs/good.rst')
    expect(o.sections[0]).toMatchObject({ level: 1 })
    expect(r.stderr).toMatch(/^stats \{"files":1,/)
    const md = ws({ 'a.md': '# Title\n\n## Part\n\ntext\n' })
    expect(JSON.parse((await runMain(['--outline', 'a.md'], md)).stdout.trim()).file).toBe('a.md')
  })

  it('--fix fixes what can be fixed, says so, then reports the rest', async () => {
    const spec = GOOD.replace('wait for all of them.', 'wait for all of them.   ')
    const dir = ws({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': spec })
    const r = await runMain(['--fix', 'specs'], dir)
    expect(r.stderr).toMatch(/fixed specs\/a\.rst: trailing-whitespace/)
    expect(readFileSync(path.join(dir, 'specs/a.rst'), 'utf8')).toBe(GOOD)
    expect(r.code).toBe(0)
  })

  it('--lines changed: line rules only on lines changed since --base', async () => {
    const dir = ws({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(2) })
    const git = (...a: string[]) =>
      execFileSync('git', a, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } })
    git('init', '-q')
    git('add', '.')
    git('commit', '-qm', 'x')
    expect((await runMain(['--rules', 'line-length=error'], dir)).code).toBe(1)
    expect((await runMain(['--rules', 'line-length=error', '--lines', 'changed'], dir)).code).toBe(0)
    writeFileSync(path.join(dir, 'specs/long.rst'), longSpec(3))
    const r = await runMain(['--rules', 'line-length=error', '--lines', 'changed', '--base', 'HEAD', '--format', 'json'], dir)
    expect(JSON.parse(r.stdout).summary.errors).toBe(1)
  })
})
