/** The bundled CLI's --suppressions (and the configuration key): the bundle's main() in this process. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GOOD_SPEC, SMALL_TEMPLATE } from '../helpers.js'
import { runCliBundle as run } from '../cli/in-process.js'

let ws: string
beforeEach(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'stc-cli-supp-'))
  mkdirSync(path.join(ws, 'specs'))
  writeFileSync(path.join(ws, 'specs/template.rst'), SMALL_TEMPLATE)
  const long = 'word '.repeat(20).trim()
  writeFileSync(path.join(ws, 'specs/a.rst'), GOOD_SPEC.replace('Unit tests.', `Unit tests.\n\n.. spec-template-check: disable=line-length\n\n${long}`))
})
afterEach(() => rmSync(ws, { recursive: true, force: true }))

describe('CLI --suppressions', () => {
  test('allow (default): exit 0, the comment and what it hid are printed, the closing line counts it', async () => {
    const r = await run([], ws)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('  suppressed at line 46: disable=line-length hid line-length ×1\n')
    expect(r.stdout).toMatch(/1 file checked: 0 errors, 0 warnings \(1 suppressed by comments in the specs\)\n$/)
  })

  test('report: a notice at the comment; deny: an error at the comment and the line-length error back', async () => {
    const report = await run(['--suppressions', 'report'], ws)
    expect(report.code).toBe(0)
    expect(report.stdout).toContain('specs/a.rst:46:1: notice suppression Suppression "disable=line-length" hides 1 finding (line-length ×1) (suppressions: report).')
    const deny = await run(['--suppressions', 'deny'], ws)
    expect(deny.code).toBe(1)
    expect(deny.stdout).toContain('specs/a.rst:46:1: error suppression Suppression comments are not honoured in this repository (suppressions: deny)')
    expect(deny.stdout).toMatch(/^specs\/a\.rst:48:80: error line-length /m)
  })

  test('the configuration key, overridden by the flag; a bad value exits 2 naming the option', async () => {
    writeFileSync(path.join(ws, '.spec-template-check.yml'), 'suppressions: deny\n')
    expect((await run([], ws)).code).toBe(1)
    expect((await run(['--suppressions', 'allow'], ws)).code).toBe(0)
    const bad = await run(['--suppressions', 'maybe'], ws)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('spec-template-check: --suppressions: "maybe" is not allowed; use one of: allow, report, deny\n')
  })
})
