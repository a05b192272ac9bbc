/**
 * Fault injection over the mock API (the bundled action: run as the runner
 * runs it for one persistent fault per endpoint, its run() in this process
 * for the rest): for every endpoint the action calls, the mock answers empty, `null`,
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
import { startMockGitHub, type InjectedFailure, type MockGitHub } from '../e2e/mock-github.js'
import { GOOD, cleanupWorkspaces, commandLines, makeWorkspace, type RunResult } from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'
import { FAST, FAULTS, PR_FILES, SCENARIOS, envFor, expectFailsClosed, run } from './api-faults.js'

afterAll(cleanupWorkspaces)

describe.each(SCENARIOS.map((s, i) => [s.endpoint, s, i] as const))('%s', (_, s, i) => {
  // The bundle too, one persistent fault per endpoint, rotating so that every fault runs on the bundle somewhere.
  const onBundle = FAULTS.filter((_f, k) => k % SCENARIOS.length === i)
  it.concurrent.each(onBundle)('persistently answering %s: fails closed (bundle)', async (_name, fault) => {
    const { res } = await run(s, [{ method: s.method, path: s.path, times: 1000, ...fault }])
    expectFailsClosed(res, s)
  })

  // Recovery, two faults per endpoint, rotating so that every fault is recovered from somewhere (the bundle, in this process: one at a time).
  const once = [0, 4].map(k => FAULTS[(i + k) % FAULTS.length]!)
  it.each(once)('answering %s once: retried, the spec is checked', async (_name, fault) => {
    const { res, gh } = await run(s, [{ method: s.method, path: s.path, times: 1, ...fault }], {
      files: { ...s.files, 'specs/bad.rst': s.recoverWith ?? GOOD }
    }, 'bundle-in-process')
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
      return { res: await runBundleInProcess(ws, gh, { event: s.event, payload: s.payload, inputs: FAST.inputs, env: envFor('bundle-in-process') }), gh }
    } finally {
      await gh.close()
    }
  }

  // The bundle in this process: one at a time.
  it('[] with a Link to a page that keeps failing: an error after the retries, not "no spec changed"', async () => {
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

  it('a Link back to the same page: an error, not a loop', async () => {
    const { res, gh } = await withLinks(
      [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: JSON.stringify(PR_FILES), times: 1000 }],
      url => `<${url}/repos/octo/specs/pulls/7/files?per_page=100>; rel="next"`
    )
    expectFailsClosed(res, { ...s, error: /could not list the changed files: the "next" page link returns to a page already read.*the pages loop/ })
    expect(gh.find('GET', /\/files$/)).toHaveLength(1)
  })

  it('a Link to another origin never receives the token', async () => {
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

  it('an empty list for a pull request whose event says it changes a file: an error', async () => {
    const { res } = await run(s, [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 200, rawBody: '[]', times: 1000 }], {}, 'bundle-in-process')
    expectFailsClosed(res, { ...s, error: /the GitHub API lists no changed files for pull request #7, whose event says it changes 1; not taken as "no spec changed"/ })
  })
})

describe('GET contents/PATH, raw', () => {
  it('an empty text body (an empty template) is not a template that passes everything', async () => {
    const s = SCENARIOS.find(x => x.endpoint.startsWith('GET contents'))!
    const { res } = await run(s, [
      { method: 'GET', path: s.path, status: 200, rawBody: '', headers: { 'content-type': 'text/plain; charset=utf-8' }, times: 1000 }
    ], {}, 'bundle-in-process')
    expectFailsClosed(res, { ...s, error: /^::error::spec-template-check: template specs\/template\.rst: no sections found/ })
  })
})
