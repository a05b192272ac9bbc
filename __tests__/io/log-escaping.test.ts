/**
 * One escaping for every line printed: every output path of the bundled CLI
 * (text, json, sarif, github, --outline, --fix, usage / configuration /
 * internal errors, --output errors; a process each) and of the bundled
 * action (its run() in this process: a configuration file with hostile
 * `paths`, unknown keys), with hostile file
 * names and configuration values, parsed the way the runner reads a log:
 * no line may be a workflow command that is not ours.
 */
import { GOOD_SPEC, SMALL_TEMPLATE } from '../helpers.js'
import {
  TEMPLATE,
  GOOD,
  cleanupWorkspaces,
  foreignCommands,
  makeWorkspace,
  parseWorkflowCommands,
  startMock,
  stopMock
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'
import { cleanup, runCli, workspace } from './cli-run.js'

afterEach(stopMock)
afterEach(cleanup)
afterAll(cleanupWorkspaces)

/** Every line of output that the runner would take for a command (v2 or legacy). */
function commands(out: string): string[] {
  return parseWorkflowCommands(out).map(c => c.line)
}

// Trailing white space and a short underline: something for --fix and for the report.
const FIXABLE = GOOD_SPEC.replace('Unit tests.', 'Unit tests.   ')
const HOSTILE_NAMES = ['specs/##[error]x.rst', 'specs/a\n::stop-commands::nl.rst', 'specs/b\r::add-mask::cr.rst', '::add-mask::top.rst']

function hostileWorkspace(extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { 'specs/template.rst': SMALL_TEMPLATE, ...extra }
  for (const n of HOSTILE_NAMES) files[n] = FIXABLE
  return workspace(files)
}

describe('CLI: no output path prints a workflow command', () => {
  const modes: [string, string[]][] = [
    ['text', ['specs', '::add-mask::top.rst']],
    ['json', ['--format', 'json', 'specs', '::add-mask::top.rst']],
    ['sarif', ['--format', 'sarif', 'specs', '::add-mask::top.rst']],
    ['outline', ['--outline', 'specs', '::add-mask::top.rst']],
    ['fix', ['--fix', 'specs', '::add-mask::top.rst']]
  ]
  it.each(modes)('%s', async (_label, args) => {
    const ws = hostileWorkspace()
    const r = await runCli(args, ws)
    expect(r.code === 0 || r.code === 1).toBe(true)
    expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0)
    expect(commands(r.stdout)).toEqual([])
    expect(commands(r.stderr)).toEqual([])
  })

  it('--fix says which files it fixed, under names that are data', async () => {
    const ws = hostileWorkspace()
    const r = await runCli(['--fix', 'specs'], ws)
    expect(r.stderr).toContain('fixed specs/##\\[error]x.rst: trailing-whitespace')
    expect(r.stderr).toContain('fixed specs/a\\n::stop-commands::nl.rst')
  })

  it('github format: only our annotations', async () => {
    const ws = hostileWorkspace()
    const r = await runCli(['--format', 'github', 'specs', '::add-mask::top.rst'], ws)
    expect(parseWorkflowCommands(r.stdout).length).toBeGreaterThan(0)
    expect(foreignCommands(r.stdout).map(c => c.line)).toEqual([])
    expect(commands(r.stderr)).toEqual([])
  })

  const errors: [string, Record<string, string>, string[]][] = [
    ['unknown option', {}, ['--##[error]opt\n::add-mask::o']],
    ['missing path', {}, ['x\n::stop-commands::p', '##[error]q']],
    ['unknown config key', { '.spec-template-check.yml': '"::stop-commands::k\\n::add-mask::v\\r##[error]w": 1\n' }, []],
    ['unknown templates[] key', { '.spec-template-check.yml': 'templates:\n  - files: x\n    template: t.rst\n    "\\n::add-mask::m": 1\n' }, []],
    ['bad config value', { '.spec-template-check.yml': 'paths:\n  - "+(a|b)\\n::stop-commands::g"\n' }, []],
    ['missing template', { '.spec-template-check.yml': 'template: "t\\n::add-mask::tpl##[error]e.rst"\n' }, ['specs']],
    ['--template outside', {}, ['--template', '/x\n::add-mask::t', 'specs']],
    ['--output unwritable', {}, ['--output', 'specs/template.rst/##[error]\n::add-mask::o', 'specs']]
  ]
  it.each(errors)('error: %s', async (_label, files, args) => {
    const ws = workspace({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/a.rst': GOOD_SPEC, ...files })
    const r = await runCli(args, ws)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spec-template-check: /)
    expect(commands(r.stdout)).toEqual([])
    expect(commands(r.stderr)).toEqual([])
  })
})

describe('action: configuration values never become workflow commands', () => {
  const CONFIGS: [string, string][] = [
    ['paths with a newline', 'paths:\n  - "specs/**/*.rst"\n  - "x\\n::stop-commands::pathtoken"\n'],
    ['paths with a carriage return', 'paths:\n  - "specs/**/*.rst"\n  - "x\\r::add-mask::crmask"\n'],
    ['paths with ##[', 'paths:\n  - "specs/**/*.rst"\n  - "##[error]legacy"\n'],
    ['exclude with a newline', 'exclude:\n  - "x\\n::add-mask::exmask"\n'],
    ['unknown key', '"::stop-commands::k\\n::add-mask::unk": 1\n'],
    ['bad glob', 'paths: "+(a)\\n::stop-commands::g"\n']
  ]
  it.each(CONFIGS)('%s (scope all)', async (_label, yml) => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': GOOD, '.spec-template-check.yml': yml })
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', paths: '', annotations: 'workflow-commands' } })
    expect(foreignCommands(res.stdout).map(c => c.line)).toEqual([])
    expect(parseWorkflowCommands(res.stdout).filter(c => c.syntax === 'legacy')).toEqual([])
    for (const line of res.stdout.split(/\r\n|\r|\n/)) {
      if (/^\s*::/.test(line)) expect(line).toMatch(/^::(error|warning|notice|group|endgroup|debug)[ :]/)
    }
    expect(res.stderr).toBe('')
  })
})

