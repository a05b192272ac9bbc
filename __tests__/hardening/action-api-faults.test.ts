/**
 * Fault injection over the mock API (bundled action, run as the runner runs
 * it): for every endpoint the action calls, the mock answers empty, `null`,
 * `{}`, the wrong shape, a body cut off by a reset, 5xx, 429, never, or a
 * body that never ends; pulls/N/files also `[]` with a Link to a failing
 * page, to another origin, or back to itself. The change touches a failing
 * spec, so the only right outcome of a persistent fault is exit 1 (an
 * error naming the request, or the findings): never "No spec files changed:
 * passing". A fault that happens once is retried, and the run then checks
 * the spec and passes.
 *
 * Waits and timeouts run in "seconds" of a few milliseconds
 * (SPEC_TEMPLATE_CHECK_SECOND_MS), so nothing here waits for real.
 */
import { startMockGitHub, type InjectedFailure, type MockGitHub, type MockGitHubOptions } from '../e2e/mock-github.js'
import { runInProcess } from '../action/in-process.js'
import {
  BAD,
  BASE_SHA,
  GOOD,
  HEAD_SHA,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  longSpec,
  makeWorkspace,
  prPayload,
  runAction,
  type RunResult
} from '../e2e/action-harness.js'

afterAll(cleanupWorkspaces)

/**
 * "Seconds" of 10 ms: the back-offs (1, 4, 9) take 140 ms, and all requests of
 * a run may take 900 of them (9 s: a loaded machine stays far from it). Only
 * a fault that never answers needs the request timeout: there a request may
 * take 20 "seconds" (200 ms) before it is retried; elsewhere 300 (3 s), so
 * that a slow answer on a busy machine is never taken for a timeout (and
 * retried, using up an injected fault meant for the next request).
 */
const FAST = { env: { SPEC_TEMPLATE_CHECK_SECOND_MS: '10' }, inputs: { 'request-timeout': '300' } }
const TIMES_OUT = { 'request-timeout': '20' }
const timesOut = (failures: InjectedFailure[]): boolean => failures.some(f => f.fault === 'hang' || f.fault === 'endless')

type Fault = Omit<InjectedFailure, 'method' | 'path' | 'times'>

const FAULTS: [string, Fault][] = [
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

interface Scenario {
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

const PR_FILES = [{ filename: 'specs/bad.rst', status: 'modified' as const }]
const WS = { 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD, 'specs/good.rst': GOOD }

const SCENARIOS: Scenario[] = [
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
 * summary; no process start, so the full fault matrix stays cheap). Each
 * endpoint's persistent faults run in-process, one of them also on the bundle;
 * recoveries and pagination run on the bundle.
 */
type How = 'bundle' | 'in-process'

async function run(s: Scenario, failures: InjectedFailure[], extra: Partial<Scenario> = {}, how: How = 'bundle'): Promise<{ res: RunResult; gh: MockGitHub }> {
  const ws = await makeWorkspace(extra.files ?? s.files)
  const gh = await startMockGitHub({ ...s.mock, ...(extra.mock ?? {}), failures })
  try {
    const res = await (how === 'bundle' ? runAction : runInProcess)(ws, gh, {
      event: s.event,
      payload: s.payload,
      sha: s.sha,
      inputs: { ...FAST.inputs, ...(timesOut(failures) ? TIMES_OUT : {}), ...(s.inputs ?? {}) },
      // In-process, nothing starts a process: "seconds" of 2 ms keep the never-answering cases short.
      env: how === 'bundle' ? FAST.env : { ...FAST.env, SPEC_TEMPLATE_CHECK_SECOND_MS: '2' }
    })
    return { res, gh }
  } finally {
    await gh.close()
  }
}

/** Exit 1, no crash, no "passing", and either the expected one-line error or the bad spec's findings. */
function expectFailsClosed(res: RunResult, s: Scenario): void {
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

describe.each(SCENARIOS.map((s, i) => [s.endpoint, s, i] as const))('%s', (_, s, i) => {
  // In-process runs share this process's environment and stdout: one at a time.
  it.each(FAULTS)('persistently answering %s: fails closed (sources, in-process)', async (_name, fault) => {
    const { res } = await run(s, [{ method: s.method, path: s.path, times: 1000, ...fault }], {}, 'in-process')
    expectFailsClosed(res, s)
  })

  // The bundle too, one persistent fault per endpoint, rotating so that every fault runs on the bundle somewhere.
  const onBundle = FAULTS.filter((_f, k) => k % SCENARIOS.length === i)
  it.concurrent.each(onBundle)('persistently answering %s: fails closed (bundle)', async (_name, fault) => {
    const { res } = await run(s, [{ method: s.method, path: s.path, times: 1000, ...fault }])
    expectFailsClosed(res, s)
  })

  // Recovery, two faults per endpoint, rotating so that every fault is recovered from somewhere.
  const once = [0, 4].map(k => FAULTS[(i + k) % FAULTS.length]!)
  it.concurrent.each(once)('answering %s once: retried, the spec is checked', async (_name, fault) => {
    const { res, gh } = await run(s, [{ method: s.method, path: s.path, times: 1, ...fault }], {
      files: { ...s.files, 'specs/bad.rst': s.recoverWith ?? GOOD }
    })
    expect(res.stderr).toBe('')
    expect(res.outputs['files-checked']).toBe('1')
    expect(gh.find(s.method, s.path).length).toBeGreaterThanOrEqual(2)
    if (s.recoverWith) {
      // Every finding reached the check run; no fallback to workflow commands.
      expect(gh.checkRuns).toHaveLength(1)
      expect(gh.checkRuns[0]!.annotations).toHaveLength(Number(res.outputs.errors))
      expect(commandLines(res.stdout, 'error').filter(l => l.includes('file='))).toEqual([])
    } else {
      expect(res.outputs.errors).toBe('0')
      expect(res.code).toBe(0)
    }
  })
})

describe('pulls/N/files pagination', () => {
  const s = SCENARIOS[0]!

  /** Runs with failures whose Link headers are filled in once the mock's URL is known. */
  async function withLinks(failures: InjectedFailure[], link: (url: string) => string): Promise<{ res: RunResult; gh: MockGitHub }> {
    const ws = await makeWorkspace(s.files)
    const headers: Record<string, string> = {}
    failures[0]!.headers = headers // shared with the mock's copy
    const gh = await startMockGitHub({ pullFiles: { 7: PR_FILES }, failures })
    headers.link = link(gh.url)
    try {
      return { res: await runAction(ws, gh, { event: s.event, payload: s.payload, inputs: FAST.inputs, env: FAST.env }), gh }
    } finally {
      await gh.close()
    }
  }

  it.concurrent('[] with a Link to a page that keeps failing: an error after the retries, not "no spec changed"', async () => {
    const { res, gh } = await withLinks(
      [
        { method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: '[]', times: 1 },
        { method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: '', times: 1000 }
      ],
      url => `<${url}/repos/octo/specs/pulls/7/files?per_page=100&page=2>; rel="next"`
    )
    expectFailsClosed(res, {
      ...s,
      error: /could not list the changed files: GET \/repos\/octo\/specs\/pulls\/7\/files\?per_page=100&page=2: the answer is an empty body, not a list of files \(4 tries\); nothing was checked$/
    })
    expect(gh.find('GET', /\/files$/).map(r => r.query.page ?? '1')).toEqual(['1', '2', '2', '2', '2'])
  })

  it.concurrent('a Link back to the same page: an error, not a loop', async () => {
    const { res, gh } = await withLinks(
      [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: JSON.stringify(PR_FILES), times: 1000 }],
      url => `<${url}/repos/octo/specs/pulls/7/files?per_page=100>; rel="next"`
    )
    expectFailsClosed(res, { ...s, error: /could not list the changed files: the "next" page link returns to a page already read.*the pages loop/ })
    expect(gh.find('GET', /\/files$/)).toHaveLength(1)
  })

  it.concurrent('a Link to another origin never receives the token', async () => {
    const other = await startMockGitHub({ pullFiles: { 7: PR_FILES } })
    try {
      const { res } = await withLinks(
        [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: '[]', times: 1 }],
        () => `<${other.url}/repos/octo/specs/pulls/7/files?page=2>; rel="next"`
      )
      expectFailsClosed(res, { ...s, error: /could not list the changed files: the "next" page link leads to http:\/\/127\.0\.0\.1:\d+\/repos.*outside the GitHub API.*not followed/ })
      expect(other.requests).toEqual([])
    } finally {
      await other.close()
    }
  })

  it.concurrent('an empty list for a pull request whose event says it changes a file: an error', async () => {
    const { res } = await run(s, [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: '[]', times: 1000 }])
    expectFailsClosed(res, { ...s, error: /the GitHub API lists no changed files for pull request #7, whose event says it changes 1; not taken as "no spec changed"/ })
  })
})

describe('GET contents/PATH, raw', () => {
  it.concurrent('an empty text body (an empty template) is not a template that passes everything', async () => {
    const s = SCENARIOS.find(x => x.endpoint.startsWith('GET contents'))!
    const { res } = await run(s, [
      { method: 'GET', path: s.path, status: 200, rawBody: '', headers: { 'content-type': 'text/plain; charset=utf-8' }, times: 1000 }
    ])
    expectFailsClosed(res, { ...s, error: /^::error::spec-template-check: template specs\/template\.rst: no sections found/ })
  })
})
