/**
 * Harness for the hardening end-to-end tests: the bundled action
 * (dist/index.js) as a real child process with the environment the runner
 * provides (runAction), against the local mock GitHub API (127.0.0.1).
 * Nothing reaches the internet. Run `npm run bundle` first. The same
 * environment drives the bundle's or the sources' run() in the test's own
 * process (runBundleInProcess, runInProcess in __tests__/action/in-process.ts),
 * which most hardening suites use: a process start costs about 200 ms of CPU.
 *
 * Also: parseWorkflowCommands, which reads a step's stdout the way the
 * runner does (actions/runner ActionCommand.TryParseV2, then the legacy
 * TryParse), to prove that no spec text becomes a workflow command.
 */
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SECOND_MS_ENV } from '../../src/github/client.js'
import { startMockGitHub, type MockGitHub, type MockGitHubOptions } from './mock-github.js'
import { assertBundleCurrent } from './bundle.js'

/** Milliseconds per "second" of the action's API waits and timeouts in the end-to-end tests. */
export const TEST_SECOND_MS = 20

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BUNDLE = path.join(ROOT, 'dist', 'index.js')

export const BASE_SHA = 'a'.repeat(40)
export const HEAD_SHA = 'b'.repeat(40)
export const MERGE_SHA = 'c'.repeat(40)

export const TEMPLATE = `=======================
Example Spec Title Here
=======================

Introduction paragraph: why are we doing anything at all?
Please wrap text at 79 columns.

Problem description
===================

A detailed description of the problem you want to solve.

Use Cases
---------

What use cases does this address? Who are the actors?

Proposed change
===============

Here is where you cover the change you propose to make in detail.

Alternatives
------------

What other ways could we do this, and why are they not used?

References
==========

Please add any useful references here.
`

/** The template as a pull request weakens it: "Alternatives" dropped. */
export const WEAK_TEMPLATE = TEMPLATE.replace(
  'Alternatives\n------------\n\nWhat other ways could we do this, and why are they not used?\n\n',
  ''
)

export const GOOD = `==========================
Faster widget provisioning
==========================

Widgets take minutes to provision; this spec makes that a matter of seconds.

Problem description
===================

Provisioning a widget waits on three sequential calls to the inventory API.

Use Cases
---------

An operator provisions a hundred widgets during a maintenance window.

Proposed change
===============

Issue the three inventory calls in parallel and wait for all of them.

Alternatives
------------

Keep a pool of provisioned widgets; rejected because it wastes capacity.

References
==========

* The inventory API reference, section four.
`

/** GOOD without "Alternatives": passes WEAK_TEMPLATE only. */
export const NO_ALTERNATIVES = GOOD.replace(
  'Alternatives\n------------\n\nKeep a pool of provisioned widgets; rejected because it wastes capacity.\n\n',
  ''
)

export const BAD = `==================
Broken widget spec
==================

Widgets are broken and this spec does not follow the template at all.

Problem description
===================

A detailed description of the problem you want to solve.

Proposed change
===============

This line is deliberately much longer than seventy-nine characters so that the line-length rule reports it.

References
==========

None.
`

/** GOOD with `lines` over-long lines: one line-length finding each. */
export function longSpec(lines: number): string {
  const long = Array.from(
    { length: lines },
    (_, i) => `Long line ${String(i + 1).padStart(5, '0')} of the proposal goes on and on well past the seventy-nine column limit.`
  ).join('\n\n')
  return GOOD.replace(
    'Issue the three inventory calls in parallel and wait for all of them.',
    `Issue the three inventory calls in parallel and wait for all of them.\n\n${long}`
  )
}

/** Inputs as the runner passes them: every input of action.yml, with its default unless given. */
export function actionDefaults(): Record<string, string> {
  const yml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
  const out: Record<string, string> = {}
  let inInputs = false
  let current: string | undefined
  for (const line of yml.split('\n')) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:')
    if (!inInputs) continue
    const name = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line)
    if (name) {
      current = name[1]
      out[current!] = ''
      continue
    }
    const def = /^ {4}default:\s*(.*)$/.exec(line)
    if (def && current) {
      let v = def[1]!.trim()
      if (/^'.*'$/.test(v) || /^".*"$/.test(v)) v = v.slice(1, -1)
      out[current] = v === '${{ github.token }}' ? 'test-token' : v
    }
  }
  return out
}

export interface Workspace {
  root: string
  workspace: string
  eventPath: string
  summaryPath: string
  outputPath: string
  runnerTemp: string
}

const roots: string[] = []

/** Files: text or bytes; `{ symlink: target }` makes a symbolic link. */
export type FileSpec = string | Uint8Array | { symlink: string }

export async function makeWorkspace(files: Record<string, FileSpec>): Promise<Workspace> {
  const root = await mkdtemp(path.join(tmpdir(), 'stc-hard-'))
  roots.push(root)
  const workspace = path.join(root, 'workspace')
  const runner = path.join(root, 'runner')
  const runnerTemp = path.join(root, 'temp')
  for (const dir of [workspace, runner, runnerTemp, path.join(root, 'home')]) await mkdir(dir, { recursive: true })
  for (const [name, spec] of Object.entries(files)) {
    const abs = path.join(workspace, name)
    await mkdir(path.dirname(abs), { recursive: true })
    if (typeof spec === 'object' && 'symlink' in spec) await symlink(spec.symlink, abs)
    else await writeFile(abs, spec)
  }
  const summaryPath = path.join(runner, 'step_summary.md')
  const outputPath = path.join(runner, 'output.txt')
  await writeFile(summaryPath, '')
  await writeFile(outputPath, '')
  return { root, workspace, eventPath: path.join(runner, 'event.json'), summaryPath, outputPath, runnerTemp }
}

export async function cleanupWorkspaces(): Promise<void> {
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true })
}

/** git in the workspace (a real repository for template-ref: base via git show). */
export function git(ws: Workspace, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: ws.workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: path.join(ws.root, 'home'),
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.test'
    }
  }).trim()
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  ms: number
}

export interface RunOptions {
  event: string
  payload: Record<string, unknown>
  inputs?: Record<string, string>
  /** Do not fill in action.yml defaults (as when dist/index.js runs outside the runner). */
  noDefaults?: boolean
  sha?: string
  /** Extra / overridden environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>
  timeoutMs?: number
  /** Arguments to node instead of the bundle's path (e.g. a script that imports it, as @github/local-action does). */
  nodeArgs?: string[]
}

/** Parses $GITHUB_OUTPUT as @actions/core writes it: name<<delimiter \n value \n delimiter. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) out[m[1]!] = m[3]!
  return out
}

export async function runAction(ws: Workspace, mock: MockGitHub, opts: RunOptions): Promise<RunResult> {
  assertBundleCurrent()
  await writeFile(ws.eventPath, JSON.stringify(opts.payload))
  const env = runnerEnv(ws, mock.url, opts)
  const started = Date.now()
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
    execFile(
      process.execPath,
      opts.nodeArgs ?? [BUNDLE],
      { env, cwd: ws.workspace, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const c = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0
        resolve({ code: c, stdout: String(stdout), stderr: String(stderr) })
      }
    )
  })
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(ws.outputPath, 'utf8')),
    summary: await readFile(ws.summaryPath, 'utf8'),
    ms: Date.now() - started
  }
}

export const prPayload = (number: number, changedFiles: number, extra: Record<string, unknown> = {}) => ({
  action: 'synchronize',
  number,
  pull_request: {
    number,
    changed_files: changedFiles,
    head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: 'octo/specs' } },
    base: { sha: BASE_SHA, ref: 'main', repo: { full_name: 'octo/specs' } },
    ...extra
  },
  repository: { name: 'specs', full_name: 'octo/specs', owner: { login: 'octo' } }
})

/** A pull request from a fork: the head repository differs (its token may not create check runs). */
export const forkPayload = (number: number, changedFiles: number) =>
  prPayload(number, changedFiles, { head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: 'someone/specs' } } })

/** Lines that are exactly a command of this kind (`::kind ...` or `::kind::...` at the start). */
export const commandLines = (stdout: string, kind: string): string[] =>
  stdout.split('\n').filter(l => l.startsWith(`::${kind} `) || l.startsWith(`::${kind}::`))

let current: MockGitHub | undefined

export async function startMock(options: MockGitHubOptions): Promise<MockGitHub> {
  current = await startMockGitHub(options)
  return current
}

/** Closes the mock; fails the test when the bundle sent a request that GitHub's OpenAPI description does not allow. */
export async function stopMock(): Promise<void> {
  const invalid = current?.invalid ?? []
  await current?.close()
  current = undefined
  if (invalid.length) throw new Error(`requests not valid against GitHub's OpenAPI description:\n${invalid.join('\n')}`)
}

// ------------------------------------------------ the runner's command parser

export interface ParsedCommand {
  /** 'v2' (`::name props::data`) or 'legacy' (`##[name props]data`). */
  syntax: 'v2' | 'legacy'
  command: string
  properties: Record<string, string>
  data: string
  line: string
}

const unescapeV2Data = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeV2Property = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')

/**
 * Every workflow command the runner would see in this output, parsed as
 * actions/runner does: the output is split into lines at \r\n, \r or \n;
 * a line is first tried as `::command props::data` after trimming leading
 * whitespace (.NET TrimStart: any Unicode white space), then as the legacy
 * `##[command props]data` anywhere in the line. The runner only acts on
 * registered command names; here ANY name counts, which is stricter.
 */
export function parseWorkflowCommands(stdout: string): ParsedCommand[] {
  const out: ParsedCommand[] = []
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u001c-\u001f]+/, '')
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2)
      if (end >= 0) {
        const info = trimmed.slice(2, end)
        const space = info.indexOf(' ')
        const command = space < 0 ? info : info.slice(0, space)
        if (command !== '') {
          const properties: Record<string, string> = {}
          if (space > 0) {
            for (const p of info.slice(space + 1).trim().split(',').filter(Boolean)) {
              const eq = p.indexOf('=')
              if (eq > 0 && eq < p.length - 1) properties[p.slice(0, eq)] = unescapeV2Property(p.slice(eq + 1))
            }
          }
          out.push({ syntax: 'v2', command, properties, data: unescapeV2Data(trimmed.slice(end + 2)), line })
          continue
        }
      }
    }
    const prefix = line.indexOf('##[')
    if (prefix >= 0) {
      const rb = line.indexOf(']', prefix)
      if (rb >= 0) {
        const info = line.slice(prefix + 3, rb)
        const space = info.indexOf(' ')
        const command = space < 0 ? info : info.slice(0, space)
        if (command !== '') {
          out.push({ syntax: 'legacy', command, properties: {}, data: line.slice(rb + 1), line })
        }
      }
    }
  }
  return out
}

/**
 * The commands this action writes: annotations titled
 * "spec-template-check: <rule>", the failure line ("::error::spec-template-check: ..."),
 * plain warning / notice lines (notices, fallbacks), group / endgroup, debug.
 * Never add-mask, stop-commands, set-output, echo, add-path, ... and never
 * the legacy syntax.
 */
export function foreignCommands(stdout: string): ParsedCommand[] {
  return parseWorkflowCommands(stdout).filter(c => {
    if (c.syntax !== 'v2') return true
    switch (c.command) {
      case 'error':
      case 'warning':
      case 'notice': {
        const keys = Object.keys(c.properties)
        // Without properties: the failure line (error), or our notices / fallback warnings.
        if (keys.length === 0) return c.command === 'error' && !c.data.startsWith('spec-template-check: ')
        const allowed = ['file', 'line', 'endLine', 'col', 'endColumn', 'title']
        if (!keys.every(k => allowed.includes(k))) return true
        return !/^spec-template-check: [a-z][a-z0-9-]*$/.test(c.properties.title ?? '')
      }
      case 'group':
      case 'endgroup':
      case 'debug':
        return false
      default:
        return true
    }
  })
}

/**
 * The environment the runner gives the action: the workspace's files, the
 * event, the API at `apiUrl`, the inputs (with the harness defaults unless
 * noDefaults) and opts.env on top (undefined removes a variable). Shared by
 * the bundle's runs and the in-process ones.
 */
export function runnerEnv(ws: Workspace, apiUrl: string, opts: RunOptions): NodeJS.ProcessEnv {
  const inputs = { ...(opts.noDefaults ? {} : actionDefaults()), ...(opts.inputs ?? {}) }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: path.join(ws.root, 'home'),
    LANG: 'C.UTF-8',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: ws.eventPath,
    GITHUB_REPOSITORY: 'octo/specs',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_WORKSPACE: ws.workspace,
    GITHUB_SHA: opts.sha ?? MERGE_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_STEP_SUMMARY: ws.summaryPath,
    GITHUB_OUTPUT: ws.outputPath,
    RUNNER_TEMP: ws.runnerTemp,
    RUNNER_OS: 'Linux',
    // Every API wait and timeout of the action in "seconds" of this many ms: no test waits for real.
    [SECOND_MS_ENV]: String(TEST_SECOND_MS)
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}
