/**
 * Hardening 2: no workflow-command injection through the bundled action (run in this process).
 *
 * A spec (and its file name) chosen by whoever opens the pull request
 * contains every way to start a workflow command: lines beginning with
 * `::add-mask::`, `::stop-commands::`, `::error file=...::` (also indented),
 * the legacy `##[error]` anywhere, section titles with `::warning::` and an
 * escaped newline `%0A::error::`, and file names with `%`, `:`, `,`, `##[`
 * and (where the file system allows) a newline. The action's stdout, parsed
 * with the runner's own rules, must contain no command but ours, and the job
 * summary no raw HTML or Markdown from the spec.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { DiffEntry } from '../e2e/mock-github.js'
import {
  GOOD,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  forkPayload,
  foreignCommands,
  makeWorkspace,
  parseWorkflowCommands,
  prPayload,
  startMock,
  stopMock,
  type Workspace
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

const EVIL = `=============================
Evil ::warning::in the title
=============================

::add-mask::secret
::stop-commands::token
  ::error file=x::pwned
##[error]x
\t::notice::tabbed
Text with ##[add-mask]inline and a long tail that goes past the seventy-nine column limit.

Problem description
===================

::add-mask::secret-in-problem with a tail long enough to pass the seventy-nine column limit.

##[warning]legacy with a tail long enough to pass the seventy-nine column limit, surely.

Use Cases
---------

None

Weird ::warning::x
==================

None

Oops %0A::error::y
==================

None

<script>alert(1)</script> **pwned** [click](https://evil.test) | cell |
=======================================================================

None
`

/**
 * GOOD plus the injection lines and three extra sections with evil titles:
 * few findings, so every one of them is annotated (10 per severity).
 */
const EVIL_TITLES = GOOD.replace(
  'References\n==========\n',
  `Weird ::warning::x
==================

::add-mask::secret
::stop-commands::token
  ::error file=x::pwned
##[error]x

Oops %0A::error::y
==================

None

<script>alert(1)</script> **pwned** [click](https://evil.test) | cell |
=======================================================================

None

References
==========
`
)

/** Names the pull request lists; the newline one only where the file system takes it. */
const NAMES = [
  'specs/100%25 done%.rst',
  'specs/a:b,c=d.rst',
  'specs/%0A::add-mask::z.rst',
  'specs/##[error]n.rst',
  '::add-mask::root.rst'
]

afterEach(stopMock)
afterAll(cleanupWorkspaces)

async function evilWorkspace(): Promise<{ ws: Workspace; files: DiffEntry[] }> {
  const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE })
  const names = [...NAMES]
  for (const n of names) await writeFile(path.join(ws.workspace, n), EVIL)
  const nl = NEWLINE_NAME
  try {
    await writeFile(path.join(ws.workspace, nl), EVIL)
    names.push(nl)
  } catch {
    /* the file system refuses newlines in names: test the rest */
  }
  return { ws, files: names.map(filename => ({ filename, status: 'added' as const })) }
}

const NEWLINE_NAME = 'specs/new\n::add-mask::nl\r::error::cr.rst'

const SECRETS = ['secret', 'token', 'pwned', 'tabbed', 'root.rst']

function assertOnlyOurCommands(stdout: string): void {
  const foreign = foreignCommands(stdout)
  expect(foreign.map(c => c.line)).toEqual([])
  const all = parseWorkflowCommands(stdout)
  expect(all.some(c => c.command === 'add-mask' || c.command === 'stop-commands')).toBe(false)
  // Plain notices / warnings are ours: none carries a payload of the spec as its start.
  for (const c of all.filter(c => Object.keys(c.properties).length === 0)) {
    expect(c.data).not.toMatch(/^(tabbed|pwned|secret|token|x|y|in the title|t1|nl|cr|z|n\.rst)\b/)
  }
  // No legacy syntax at all, and no line that starts (after white space) with "::" but is not a command of ours.
  expect(all.filter(c => c.syntax === 'legacy')).toEqual([])
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    if (/^\s*::/.test(line)) expect(line).toMatch(/^::(error|warning|notice|group|endgroup|debug)[ :]/)
  }
}

describe('the checker (runner rules)', () => {
  it('finds injected commands: line start after white space, legacy ##[ anywhere, foreign titles', () => {
    const out = [
      '::add-mask::secret',
      '  \t::stop-commands::token',
      'specs/x.rst:1:1: error rule text ##[error]legacy',
      '::error::spec text without our title', // a plain error line is ours only as the failure line
      '::error::spec-template-check: 3 errors in 1 file', // ours
      '::error file=specs/a.rst,line=1,title=evil::x',
      '::warning file=specs/a.rst,line=1,title=spec-template-check%3A line-length::fine',
      '::notice::fine',
      'before\r::add-mask::after-cr',
      '\u00a0::set-output name=x::y'
    ].join('\n')
    const foreign = foreignCommands(out).map(c => `${c.syntax}:${c.command}`)
    expect(foreign).toEqual(['v2:add-mask', 'v2:stop-commands', 'legacy:error', 'v2:error', 'v2:error', 'v2:add-mask', 'v2:set-output'])
  })
})

describe('workflow-command injection (bundled action)', () => {
  it('fork pull request (check run refused -> workflow commands): only our commands; spec text stays data', async () => {
    const { ws, files } = await evilWorkspace()
    const gh = await startMock({ pullFiles: { 11: files }, checkRunCreateStatus: 403 })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: forkPayload(11, files.length),
      inputs: { paths: 'specs/**/*.rst, *.rst', 'report-file': 'report.json' }
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    expect(Number(res.outputs['files-checked'])).toBe(files.length)
    // The annotations really went out as workflow commands, with the spec's text inside.
    const annotations = commandLines(res.stdout, 'error').filter(l => l.includes('title=spec-template-check%3A'))
    expect(annotations.length).toBeGreaterThan(0)
    const parsed = parseWorkflowCommands(res.stdout).filter(c => c.properties.title?.startsWith('spec-template-check: '))
    expect(parsed.some(c => c.data.includes('Weird ::warning::x'))).toBe(true)
    expect(parsed.some(c => c.properties.file === 'specs/a:b,c=d.rst')).toBe(true)
    expect(parsed.some(c => c.properties.file === 'specs/%0A::add-mask::z.rst')).toBe(true)
    assertOnlyOurCommands(res.stdout)
    // Nothing of the spec is masked or stops command processing, whatever the annotations show.
    for (const s of SECRETS) expect(res.stdout).not.toMatch(new RegExp(`^\\s*::(add-mask|stop-commands)::${s}`, 'm'))
  })

  it('evil section titles: every finding annotated as a workflow command, the titles stay data', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/titles.rst': EVIL_TITLES })
    const gh = await startMock({ pullFiles: { 15: [{ filename: 'specs/titles.rst', status: 'added' }] }, checkRunCreateStatus: 403 })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: forkPayload(15, 1) })
    expect(res.code).toBe(1)
    const parsed = parseWorkflowCommands(res.stdout).filter(c => c.properties.title?.startsWith('spec-template-check: '))
    expect(parsed.length).toBeGreaterThanOrEqual(3)
    expect(parsed.length).toBeLessThan(10)
    expect(parsed.some(c => c.data.includes('Section "Weird ::warning::x"'))).toBe(true)
    expect(parsed.some(c => c.data.includes('Section "Oops %0A::error::y"'))).toBe(true)
    expect(parsed.some(c => c.data.includes('<script>alert(1)</script>'))).toBe(true)
    assertOnlyOurCommands(res.stdout)
  })

  it.each(NAMES.map(n => [JSON.stringify(n), n]).concat([['a name with a newline and a carriage return', NEWLINE_NAME]]))(
    'file name %s: annotated under its own name, nothing injected',
    async (_label, name) => {
      const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE })
      try {
        await writeFile(path.join(ws.workspace, name), EVIL_TITLES)
      } catch {
        return // the file system refuses this name
      }
      const gh = await startMock({ pullFiles: { 16: [{ filename: name, status: 'added' }] }, checkRunCreateStatus: 403 })
      const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: forkPayload(16, 1), inputs: { paths: 'specs/**/*.rst, *.rst' } })
      expect(res.stderr).toBe('')
      expect(res.code).toBe(1)
      const parsed = parseWorkflowCommands(res.stdout).filter(c => c.properties.title?.startsWith('spec-template-check: '))
      expect(parsed.length).toBeGreaterThan(0)
      expect(parsed.every(c => c.properties.file === name)).toBe(true)
      assertOnlyOurCommands(res.stdout)
    }
  )

  it('annotations: check-run (created): only our commands in the log too', async () => {
    const { ws, files } = await evilWorkspace()
    const gh = await startMock({ pullFiles: { 12: files } })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(12, files.length),
      inputs: { paths: 'specs/**/*.rst, *.rst', annotations: 'check-run' }
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    expect(gh.checkRuns).toHaveLength(1)
    // The check run got the names and messages as they are (JSON, no escaping needed there).
    const paths = new Set(gh.checkRuns[0]!.annotations.map(a => a.path))
    for (const f of files) expect(paths.has(f.filename)).toBe(true)
    expect(gh.checkRuns[0]!.annotations.some(a => String(a.message).includes('Oops %0A::error::y'))).toBe(true)
    assertOnlyOurCommands(res.stdout)
    // The findings text in the log is there, neutralised.
    expect(res.stdout).toContain('\\::add-mask::root.rst')
  })

  it('annotations: check-run refused -> warning and workflow commands: only our commands', async () => {
    const { ws, files } = await evilWorkspace()
    const gh = await startMock({ pullFiles: { 13: files }, checkRunCreateStatus: 403 })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(13, files.length),
      inputs: { paths: 'specs/**/*.rst, *.rst', annotations: 'check-run' }
    })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'warning').some(l => /check run/.test(l))).toBe(true)
    assertOnlyOurCommands(res.stdout)
  })

  it('the job summary has no raw HTML or Markdown from the spec (escaped, still readable)', async () => {
    const { ws, files } = await evilWorkspace()
    const gh = await startMock({ pullFiles: { 14: files }, checkRunCreateStatus: 403 })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: forkPayload(14, files.length), inputs: { paths: 'specs/**/*.rst, *.rst' } })
    expect(res.code).toBe(1)
    expect(res.summary.length).toBeGreaterThan(0)
    // The spec's title made it to the summary, escaped.
    expect(res.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(res.summary).not.toMatch(/<script/i)
    expect(res.summary).not.toContain('**pwned**')
    expect(res.summary).not.toContain('[click](')
    expect(res.summary).not.toContain('https://evil.test')
    expect(res.summary).not.toContain('| cell |')
    // No line of the summary starts with spec text (a heading, list or quote of its own).
    for (const line of res.summary.split('\n')) expect(line).not.toMatch(/^(::|##\[|<script|\*\*pwned)/)
  })
})
