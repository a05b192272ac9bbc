/**
 * Glob patterns from the configuration file cannot hang the run: `paths`,
 * `exclude` and `templates[].files` like `** /*a*a*...*b` (no space) against
 * a 60-character name took more than 120 s with the backtracking matcher.
 * Through the bundled CLI and action; a refused pattern is a configuration
 * error naming the key.
 */
import { GOOD_SPEC, SMALL_TEMPLATE } from '../helpers.js'
import { GOOD, TEMPLATE, cleanupWorkspaces, makeWorkspace, parseWorkflowCommands, runAction, startMock, stopMock } from '../e2e/action-harness.js'
import { cleanup, runCli, workspace } from './cli-run.js'

afterEach(stopMock)
afterEach(cleanup)
afterAll(cleanupWorkspaces)

const EVIL = '**/' + '*a'.repeat(15) + '*b'
const LONG = 'specs/' + 'a'.repeat(50) + '.rst' // 60 characters, no "b": the worst case for backtracking
const yml = (key: string): string =>
  key === 'templates'
    ? `templates:\n  - files: "${EVIL}"\n    template: specs/template.rst\n`
    : key === 'paths'
      ? `paths: ["${EVIL}", "specs/*.rst"]\n`
      : `exclude: "${EVIL}"\n`

describe('CLI', () => {
  it.each(['paths', 'exclude', 'templates'])('%s: finishes in well under a second per match', async key => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/ok.rst': GOOD_SPEC, [LONG]: GOOD_SPEC, '.spec-template-check.yml': yml(key) })
    const r = await runCli(key === 'paths' ? [] : ['specs'], ws, { timeoutMs: 15_000 })
    expect(r.timedOut).toBe(false)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/2 files checked: 0 errors/)
    expect(r.ms).toBeLessThan(5_000)
  })

  it('a pattern over the limits is a configuration error naming the key', async () => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/ok.rst': GOOD_SPEC, '.spec-template-check.yml': `exclude: "${'x'.repeat(1001)}"\n` })
    const r = await runCli(['specs'], ws)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spec-template-check: \.spec-template-check\.yml: "exclude": pattern "x+": the pattern is 1001 characters long, over the limit of 1000\n$/)
  })

  it('an extended glob in templates[].files is a configuration error naming the key', async () => {
    const ws = workspace({
      'specs/template.rst': SMALL_TEMPLATE,
      '.spec-template-check.yml': 'templates:\n  - files: "specs/+(a|aa)+(a|aa)+(a|aa).rst"\n    template: specs/template.rst\n'
    })
    const r = await runCli(['specs'], ws)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/templates\[0\]\.files: pattern "specs\/\+\(a\|aa\)\+\(a\|aa\)\+\(a\|aa\)\.rst": extended globs/)
  })
})

describe('action (bundle)', () => {
  it.each(['paths', 'exclude', 'templates'])('%s from the configuration file: no hang', async key => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/ok.rst': GOOD, [LONG]: GOOD, '.spec-template-check.yml': yml(key) })
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', paths: '' }, timeoutMs: 15_000 })
    expect(res.code).toBe(0)
    expect(res.ms).toBeLessThan(10_000)
    expect(res.outputs['files-checked']).toBe('2')
  })

  it('the paths input is held to the same limits', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/ok.rst': GOOD })
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', paths: 'specs/@(ok).rst' } })
    expect(res.code).toBe(1)
    expect(parseWorkflowCommands(res.stdout).filter(c => c.command === 'error').map(c => c.data)).toEqual([
      expect.stringMatching(/^spec-template-check: "paths": extended globs such as @\(\.\.\.\) are not supported/)
    ])
  })
})
