/** Shared by the fault-injection suites: the faults, the endpoints the action calls, one run, and what failing closed means. */
import { startMockGitHub, type InjectedFailure, type MockGitHub, type MockGitHubOptions } from '../e2e/mock-github.js'
import { runBundleInProcess, runInProcess } from '../action/in-process.js'
import {
  BAD,
  BASE_SHA,
  GOOD,
  HEAD_SHA,
  TEMPLATE,
  commandLines,
  longSpec,
  makeWorkspace,
  prPayload,
  runAction,
  type RunResult
} from '../e2e/action-harness.js'

/**
 * "Seconds" of 10 ms: the back-offs (1, 4, 9) take 140 ms, and all requests of
 * a run may take 900 of them (9 s: a loaded machine stays far from it). Only
 * a fault that never answers needs the request timeout: there a request may
 * take 20 "seconds" (200 ms) before it is retried; elsewhere 300 (3 s), so
 * that a slow answer on a busy machine is never taken for a timeout (and
 * retried, using up an injected fault meant for the next request).
 */
export const FAST = { env: { SPEC_TEMPLATE_CHECK_SECOND_MS: '10' }, inputs: { 'request-timeout': '300' } }
export const TIMES_OUT = { 'request-timeout': '20' }
export const timesOut = (failures: InjectedFailure[]): boolean => failures.some(f => f.fault === 'hang' || f.fault === 'endless')

export type Fault = Omit<InjectedFailure, 'method' | 'path' | 'times'>

export const FAULTS: [string, Fault][] = [
  ['an empty body', { status: 200, rawBody: '' }],
  ['null', { status: 200, rawBody: 'null' }],
  ['{}', { status: 200, rawBody: '{}' }],
  ['the wrong shape', { status: 200, rawBody: '[{"name": "specs/bad.rst"}]' }],
  ['a body cut off by a reset', { status: 200, fault: 'reset', body: { files: [], id: 1, sha: BASE_SHA } }],
  ['502', { status: 502 }],
  ['429', { status: 429, body: { message: 'Too Many Requests' } }],
  ['no answer', { status: 200, fault: 'hang' }],
  ['a body that never ends', { status: 200, fault: 'endless' }]
]

export interface Scenario {
  endpoint: string
  method: string
  path: RegExp
  event: string
  payload: Record<string, unknown>
  sha?: string
  files: Record<string, string>
  mock: MockGitHubOptions
  inputs?: Record<string, string>
  /** The one-line error a persistent fault must end in (else: exit 1 with the spec's findings). */
  error?: RegExp
  /** Either `error` or the findings (a template that cannot be read may be reported as a finding). */
  errorOrFindings?: boolean
  /** The spec used when the fault happens once (default GOOD: then the run passes). */
  recoverWith?: string
}

export const PR_FILES = [{ filename: 'specs/bad.rst', status: 'modified' as const }]
export const WS = { 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD, 'specs/good.rst': GOOD }

export const SCENARIOS: Scenario[] = [
  {
    endpoint: 'GET pulls/N/files',
    method: 'GET',
    path: /\/pulls\/\d+\/files$/,
    event: 'pull_request',
    payload: prPayload(7, 1),
    files: WS,
    mock: { pullFiles: { 7: PR_FILES } },
    error: /^::error::spec-template-check: could not list the changed files[:( ].*GET \/repos\/octo\/specs\/pulls\/7\/files|^::error::spec-template-check: could not list the changed files \(HTTP (502|429)/
  },
  {
    endpoint: 'GET compare (push)',
    method: 'GET',
    path: /\/compare\//,
    event: 'push',
    payload: { before: BASE_SHA, after: HEAD_SHA, repository: { name: 'specs', owner: { login: 'octo' } } },
    sha: HEAD_SHA,
    files: WS,
    mock: { compare: { [`${BASE_SHA}...${HEAD_SHA}`]: PR_FILES } },
    error: /^::error::spec-template-check: could not list the changed files[:( ].*(GET \/repos\/octo\/specs\/compare\/|HTTP (502|429))/
  },
  {
    endpoint: 'GET compare (merge group)',
    method: 'GET',
    path: /\/compare\//,
    event: 'merge_group',
    payload: { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA }, repository: { name: 'specs', owner: { login: 'octo' } } },
    sha: HEAD_SHA,
    files: WS,
    mock: { compare: { [`${BASE_SHA}...${HEAD_SHA}`]: PR_FILES } },
    error: /^::error::spec-template-check: could not list the changed files[:( ].*(GET \/repos\/octo\/specs\/compare\/|HTTP (502|429))/
  },
  {
    endpoint: 'POST check-runs',
    method: 'POST',
    path: /\/check-runs$/,
    event: 'pull_request',
    payload: prPayload(8, 1),
    files: WS,
    mock: { pullFiles: { 8: PR_FILES } }
  },
  {
    endpoint: 'PATCH check-runs/N',
    method: 'PATCH',
    path: /\/check-runs\/\d+$/,
    event: 'pull_request',
    payload: prPayload(9, 1),
    files: { ...WS, 'specs/bad.rst': longSpec(80) },
    mock: { pullFiles: { 9: PR_FILES } },
    recoverWith: longSpec(80)
  },
  {
    endpoint: 'GET git/commits/SHA (template-ref: base)',
    method: 'GET',
    path: /\/git\/commits\//,
    event: 'pull_request',
    payload: prPayload(10, 1),
    files: WS,
    inputs: { 'template-ref': 'base' },
    mock: { pullFiles: { 10: PR_FILES }, contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } },
    error: /^::error::spec-template-check: template-ref: base: cannot read the base commit aaaaaaa of pull request #10 through the GitHub API/
  },
  {
    endpoint: 'GET contents/PATH (template-ref: base)',
    method: 'GET',
    path: /\/contents\/specs\/template\.rst$/,
    event: 'pull_request',
    payload: prPayload(11, 1),
    files: WS,
    inputs: { 'template-ref': 'base' },
    mock: { pullFiles: { 11: PR_FILES }, contents: { [BASE_SHA]: { 'specs/template.rst': TEMPLATE } } },
    error: /^::error::spec-template-check: cannot read template specs\/template\.rst from the base commit aaaaaaa of pull request #11 through the GitHub API/,
    errorOrFindings: true
  }
]

/**
 * How a case runs: `bundle` spawns dist/index.js as the runner does; `in-process`
 * calls the sources' run() in this process (the same environment, outputs and
 * summary; no process start, so the full fault matrix stays cheap);
 * `bundle-in-process` calls the bundle's run() in this process
 * (runBundleInProcess). Each endpoint's persistent faults run in-process, one
 * of them also on the bundle as a process; recoveries and pagination run the
 * bundle in this process. In-process runs share this process's environment
 * and stdout: one at a time (never in a concurrent test).
 */
export type How = 'bundle' | 'in-process' | 'bundle-in-process'

const RUNNERS = { bundle: runAction, 'in-process': runInProcess, 'bundle-in-process': runBundleInProcess }

/** The environment of a run: in this process nothing starts a process, so "seconds" of 2 ms keep the never-answering cases short. */
export const envFor = (how: How): Record<string, string> =>
  how === 'bundle' ? FAST.env : { ...FAST.env, SPEC_TEMPLATE_CHECK_SECOND_MS: '2' }

export async function run(s: Scenario, failures: InjectedFailure[], extra: Partial<Scenario> = {}, how: How = 'bundle'): Promise<{ res: RunResult; gh: MockGitHub }> {
  const ws = await makeWorkspace(extra.files ?? s.files)
  const gh = await startMockGitHub({ ...s.mock, ...(extra.mock ?? {}), failures })
  try {
    const res = await RUNNERS[how](ws, gh, {
      event: s.event,
      payload: s.payload,
      sha: s.sha,
      inputs: { ...FAST.inputs, ...(timesOut(failures) ? TIMES_OUT : {}), ...(s.inputs ?? {}) },
      env: envFor(how)
    })
    return { res, gh }
  } finally {
    await gh.close()
  }
}

/** Exit 1, no crash, no "passing", and either the expected one-line error or the bad spec's findings. */
export function expectFailsClosed(res: RunResult, s: Scenario): void {
  expect(res.stderr).toBe('')
  expect(res.code).toBe(1)
  expect(res.stdout).not.toMatch(/No spec files changed|: passing/)
  const errors = commandLines(res.stdout, 'error')
  if (s.error && !(s.errorOrFindings && res.outputs['files-checked'] === '1')) {
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(s.error)
    expect(errors[0]).not.toMatch(/unexpected error/)
  } else {
    expect(res.outputs['files-checked']).toBe('1')
    expect(Number(res.outputs.errors)).toBeGreaterThan(0)
    expect(errors.filter(l => l.startsWith('::error::spec-template-check: ')).pop()).toMatch(/^::error::spec-template-check: \d+ errors? in 1 file$/)
  }
}
