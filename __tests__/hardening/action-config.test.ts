/**
 * Hardening 4: bad configuration fails the step with exactly one clear
 * `::error::` line naming the input (and the allowed values) or the file,
 * exit code 1, no stack trace. A `paths` glob that matches nothing in the
 * workspace is an error; a change that touches no spec (while `paths` does
 * match files) still passes with one notice.
 */
import type { DiffEntry } from '../e2e/mock-github.js'
import {
  BAD,
  GOOD,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock,
  type FileSpec,
  type RunResult
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

function expectOneErrorLine(res: RunResult, message: RegExp): void {
  expect(res.code).toBe(1)
  expect(res.stderr).toBe('')
  const errors = commandLines(res.stdout, 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0]!.startsWith('::error::spec-template-check: ')).toBe(true)
  expect(errors[0]).toMatch(message)
  expect(res.stdout).not.toMatch(/^\s+at /m)
  expect(res.stdout).not.toMatch(/unexpected error/)
}

async function run(files: Record<string, FileSpec>, inputs: Record<string, string>, event: 'workflow_dispatch' | 'pull_request' = 'workflow_dispatch', pr: DiffEntry[] = []) {
  const ws = await makeWorkspace(files)
  const gh = await startMock({ pullFiles: { 31: pr } })
  const res = await runBundleInProcess(ws, gh, { event, payload: event === 'pull_request' ? prPayload(31, pr.length) : {}, inputs })
  return { res, gh }
}

const WS = { 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD }

describe('bad inputs', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['unknown rule id', { rules: 'line-length=error, no-such-rule=off' }, /input "rules": unknown rule "no-such-rule"; known rules: .*line-length/],
    ['bad severity', { rules: 'line-length=fatal' }, /input "rules": unknown severity "fatal" for line-length; allowed: error, warning, notice, off$/],
    ['malformed rules', { rules: 'line-length' }, /input "rules": "line-length" is not of the form id=severity/],
    ['non-numeric max-line-length', { 'max-line-length': 'eighty' }, /input "max-line-length": "eighty" is not a whole number from 1 to 100000$/],
    ['unknown scope', { scope: 'everything' }, /input "scope": "everything" is not allowed; use one of: changed, all$/],
    ['unknown fail-on', { 'fail-on': 'sometimes' }, /input "fail-on": "sometimes" is not allowed; use one of: error, warning, never$/],
    ['unknown annotations', { annotations: 'loud' }, /input "annotations": "loud" is not allowed; use one of: auto, check-run, workflow-commands, none$/],
    ['unknown template-ref', { 'template-ref': 'main' }, /input "template-ref": "main" is not allowed; use one of: head, base$/],
    ['bad summary', { summary: 'maybe' }, /input "summary": "maybe" is not allowed; use one of: true, false$/]
  ]
  it.each(cases)('%s', async (_name, inputs, message) => {
    const { res, gh } = await run(WS, inputs)
    expectOneErrorLine(res, message)
    expect(res.stdout.trim().split('\n')).toHaveLength(1)
    expect(gh.requests).toEqual([])
  })
})

describe('paths that match nothing', () => {
  it('scope all: an error naming the paths input', async () => {
    const { res } = await run(WS, { scope: 'all', paths: 'docs/**/*.rst' })
    expectOneErrorLine(res, /input "paths": no spec file in the workspace matches docs\/\*\*\/\*\.rst; check the paths globs .*actions\/checkout/)
  })

  it('scope all: everything excluded is the same error, and says what was excluded', async () => {
    const { res } = await run(WS, { scope: 'all', exclude: 'specs/**' })
    expectOneErrorLine(res, /input "paths": no spec file in the workspace matches specs\/\*\*\/\*\.rst, specs\/\*\*\/\*\.md \(exclude: specs\/\*\*\)/)
  })

  it('scope changed (pull request): an error naming the paths input', async () => {
    const { res } = await run(WS, { paths: 'docs/**/*.rst' }, 'pull_request', [{ filename: 'README.md', status: 'modified' }])
    expectOneErrorLine(res, /input "paths": no spec file in the workspace matches docs\/\*\*\/\*\.rst/)
  })

  it('only templates match: still an error (templates are never specs)', async () => {
    const { res } = await run({ 'specs/template.rst': TEMPLATE }, { scope: 'all' })
    expectOneErrorLine(res, /input "paths": no spec file in the workspace matches specs\/\*\*\/\*\.rst/)
  })

  it('a pull request that changes no spec while paths matches files: passes with one notice', async () => {
    const { res, gh } = await run(WS, {}, 'pull_request', [{ filename: 'README.md', status: 'modified' }])
    expect(res.code).toBe(0)
    expect(res.stderr).toBe('')
    expect(commandLines(res.stdout, 'error')).toEqual([])
    const notices = commandLines(res.stdout, 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/^::notice::No spec files changed \(paths: specs\/\*\*\/\*\.rst, specs\/\*\*\/\*\.md\): passing$/)
    expect(gh.checkRuns).toHaveLength(0)
  })
})

describe('bad templates', () => {
  test('a template input that is not there: one line naming the file', async () => {
    const { res } = await run(WS, { scope: 'all', template: 'specs/nope-template.rst' })
    expectOneErrorLine(res, /template specs\/nope-template\.rst: file not found$/)
  })

  const NO_SECTIONS = 'Just a paragraph, no title and no sections.\n'
  // A template that is there but cannot be used is an error for each spec that uses it; the run goes on.
  const cases: [string, Record<string, FileSpec>, Record<string, string>, RegExp, string][] = [
    ['template input with no sections', { ...WS, 'specs/empty-template.rst': NO_SECTIONS }, { template: 'specs/empty-template.rst' }, /template specs\/empty-template\.rst, line 1: no sections found/, '2 errors in 2 files'],
    ['binary template input', { ...WS, 'specs/bin-template.rst': new Uint8Array([0x3d, 0x3d, 0x0a, 0x00, 0x01, 0x02]) }, { template: 'specs/bin-template.rst' }, /template specs\/bin-template\.rst: line 2: binary file: NUL byte/, '2 errors in 2 files'],
    ['non-UTF-8 template input', { ...WS, 'specs/latin1-template.rst': Buffer.from('Titl\xe9\n=====\n\nSection\n-------\n\nx\n', 'latin1') }, { template: 'specs/latin1-template.rst' }, /template specs\/latin1-template\.rst: line 1: not valid UTF-8: invalid byte 0xe9/, '2 errors in 2 files'],
    ['UTF-16 template input', { ...WS, 'specs/u16-template.rst': Buffer.from('\ufeffT\n=\n', 'utf16le') }, { template: 'specs/u16-template.rst' }, /template specs\/u16-template\.rst: line 1: file is UTF-16LE encoded/, '2 errors in 2 files'],
    ['discovered template with no sections', { 'specs/template.rst': NO_SECTIONS, 'specs/good.rst': GOOD }, {}, /template specs\/template\.rst, line 1: no sections found/, '1 error in 1 file'],
    ['discovered binary template', { 'specs/template.rst': new Uint8Array([0x00, 0xff]), 'specs/good.rst': GOOD }, {}, /template specs\/template\.rst: line 1: binary file/, '1 error in 1 file']
  ]
  it.each(cases)('%s: an error for each spec that uses it', async (_name, files, inputs, message, total) => {
    const { res } = await run(files, { scope: 'all', annotations: 'workflow-commands', ...inputs })
    expect(res.code).toBe(1)
    expect(res.stderr).toBe('')
    const errors = commandLines(res.stdout, 'error')
    expect(errors[errors.length - 1]).toBe(`::error::spec-template-check: ${total}`)
    const annotations = errors.filter(e => e.startsWith('::error file='))
    expect(annotations.length).toBe(Number(total[0]))
    for (const a of annotations) expect(a).toMatch(message)
    expect(res.stdout).not.toMatch(/unexpected error/)
  })
})
