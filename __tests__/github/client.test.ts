/**
 * The real Octokit client (getOctokit + our bounds-and-retries hook) against
 * the local mock API: base URL from GITHUB_API_URL, Link pagination, retries
 * of 5xx, bounded retries of rate-limited requests honouring retry-after and
 * x-ratelimit-reset, timeouts, cut-off and endless bodies, malformed answers,
 * requests that would leave the API's origin. Every wait is in "seconds" of
 * SECOND ms, so nothing here waits for real.
 */
import { getChangedFiles } from '../../src/github/changed-files.js'
import { ApiError, createClient, describeApiError, rateLimitWait, secondMsFromEnv, SECOND_MS_ENV, type ResponseCheck } from '../../src/github/client.js'
import { publishCheckRun } from '../../src/github/check-run.js'
import { startMockGitHub, type DiffEntry, type MockGitHub } from '../e2e/mock-github.js'

const settings = {
  workspace: '/nonexistent',
  paths: ['specs/**/*.rst'],
  exclude: [],
  optionalSections: [],
  maxLineLength: 79,
  rules: {},
  sectionDepth: 2,
  failOn: 'error' as const
}

const ctx = {
  eventName: 'pull_request',
  owner: 'octo',
  repo: 'specs',
  sha: 'f'.repeat(40),
  payload: { pull_request: { number: 5, changed_files: 150, base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } } }
}

const files: DiffEntry[] = [
  ...Array.from({ length: 140 }, (_, i) => ({ filename: `lib/f${i}.py`, status: 'modified' as const })),
  { filename: 'specs/one.rst', status: 'added', patch: '@@ -0,0 +1 @@\n+x' },
  { filename: 'specs/two.rst', status: 'modified' }
]

describe('the one timing setting', () => {
  it(`${SECOND_MS_ENV}: milliseconds per second of every wait and timeout; default 1000`, () => {
    expect(secondMsFromEnv({})).toBe(1000)
    expect(secondMsFromEnv({ [SECOND_MS_ENV]: '5' })).toBe(5)
    expect(secondMsFromEnv({ [SECOND_MS_ENV]: '0' })).toBe(1000)
    expect(secondMsFromEnv({ [SECOND_MS_ENV]: 'fast' })).toBe(1000)
  })
})

describe('createClient against the mock API', () => {
  let mock: MockGitHub
  afterEach(async () => {
    await mock?.close()
  })

  const SECOND = 5
  // Waits are scaled down; the per-request timeout stays generous in real
  // milliseconds (2,000 "seconds" of 5 ms = 10 s) so that a loaded machine
  // cannot turn a slow answer into an extra retry. Timeout tests set their own.
  const client = (extra: Parameters<typeof createClient>[1] = {}) =>
    createClient('test-token', { secondMs: SECOND, requestTimeout: 2000, ...extra }, { GITHUB_API_URL: mock.url })

  it('uses GITHUB_API_URL, sends the token and follows Link pagination', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files } })
    const res = await getChangedFiles(ctx, settings, { api: client() })
    expect(res.files).toEqual(['specs/one.rst', 'specs/two.rst'])
    expect(res.patches.get('specs/one.rst')).toBe('@@ -0,0 +1 @@\n+x')
    const reqs = mock.find('GET', /\/pulls\/5\/files$/)
    expect(reqs.map(r => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }])
    expect(reqs[0]!.path).toBe('/repos/octo/specs/pulls/5/files')
    expect(reqs[0]!.headers.authorization).toBe('token test-token')
    expect(String(reqs[0]!.headers['user-agent'])).toMatch(/^spec-template-check\//)
  })

  it('retries a 502', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [{ method: 'GET', path: /\/files$/, status: 502 }]
    })
    const res = await getChangedFiles(ctx, settings, { api: client() })
    expect(res.files).toEqual(['specs/one.rst', 'specs/two.rst'])
    expect(mock.find('GET', /\/files$/)).toHaveLength(2)
  })

  it('retries a primary rate limit (x-ratelimit-remaining: 0)', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [
        {
          method: 'GET',
          path: /\/files$/,
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
          body: { message: 'API rate limit exceeded' }
        }
      ]
    })
    const log: string[] = []
    const res = await getChangedFiles(ctx, settings, { api: client({ log: { debug: () => {}, info: m => log.push(m) } }) })
    expect(res.files).toHaveLength(2)
    expect(log.join('\n')).toMatch(/answered 403 \(primary rate limit\) for GET \/repos\/octo\/specs\/pulls\/5\/files\?per_page=100; retrying in 1s \(1\/3\)/)
  })

  it('retries a secondary rate limit a bounded number of times, then fails', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [
        {
          method: 'GET',
          path: /\/files$/,
          status: 403,
          times: 100,
          headers: { 'retry-after': '1' },
          body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }
        }
      ]
    })
    const err = await getChangedFiles(ctx, settings, { api: client({ rateLimitRetries: 2 }) }).catch(e => e)
    expect(describeApiError(err)).toMatch(/^HTTP 403: You have exceeded a secondary rate limit/)
    expect(mock.find('GET', /\/files$/)).toHaveLength(3)
  })

  it('retries a 403 with retry-after that does not say "secondary rate" (bounded), then succeeds', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [{ method: 'GET', path: /\/files$/, status: 403, times: 2, headers: { 'retry-after': '1' }, body: { message: 'abuse detection' } }]
    })
    const log: string[] = []
    const res = await getChangedFiles(ctx, settings, { api: client({ log: { debug: () => {}, info: m => log.push(m) } }) })
    expect(res.files).toHaveLength(2)
    expect(mock.find('GET', /\/files$/)).toHaveLength(3)
    expect(log.join('\n')).toMatch(/403 \(rate limit\) for GET .*retrying in 1s \(1\/3\)/)
  })

  it('retries a 429 with retry-after, and does not multiply retries with the retry plugin', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [{ method: 'GET', path: /\/files$/, status: 429, times: 100, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } }]
    })
    const err = await getChangedFiles(ctx, settings, { api: client({ rateLimitRetries: 2 }) }).catch(e => e)
    expect(describeApiError(err)).toMatch(/^HTTP 429/)
    expect(mock.find('GET', /\/files$/)).toHaveLength(3) // 1 + 2 retries, not (1 + 3) * 3
  })

  it('a 429 then success works; a retry-after longer than maxRateLimitWait is not waited for', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [{ method: 'GET', path: /\/files$/, status: 429, body: { message: 'Too Many Requests' } }]
    })
    expect((await getChangedFiles(ctx, settings, { api: client() })).files).toHaveLength(2)
    await mock.close()
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [{ method: 'GET', path: /\/files$/, status: 403, headers: { 'retry-after': '3600' }, body: { message: 'wait' } }]
    })
    const err = await getChangedFiles(ctx, settings, { api: client({ maxRateLimitWait: 60 }) }).catch(e => e)
    expect(describeApiError(err)).toMatch(/^HTTP 403/)
    expect(mock.find('GET', /\/files$/)).toHaveLength(1)
  })

  it('does not retry a plain 403', async () => {
    mock = await startMockGitHub({ checkRunCreateStatus: 403 })
    const octokit = client()
    const err = await octokit.rest.checks
      .create({ owner: 'octo', repo: 'specs', name: 'x', head_sha: 'b'.repeat(40) })
      .catch((e: unknown) => e)
    expect(describeApiError(err)).toMatch(/^HTTP 403: Resource not accessible by integration/)
    expect(mock.find('POST', /check-runs$/)).toHaveLength(1)
  })

  /** Elapsed ms of `fn`. */
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t = Date.now()
    const r = await fn()
    return [r, Date.now() - t]
  }
  const listFiles = (octokit: ReturnType<typeof client>, validate?: ResponseCheck) =>
    octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner: 'octo',
      repo: 'specs',
      pull_number: 5,
      ...(validate ? { request: { validate } } : {})
    })

  it('waits retry-after seconds (in units of secondMs) before retrying', async () => {
    mock = await startMockGitHub({
      pullFiles: { 5: files.slice(-2) },
      failures: [{ method: 'GET', path: /\/files$/, status: 429, headers: { 'retry-after': '20' }, body: { message: 'slow down' } }]
    })
    const [res, ms] = await timed(() => listFiles(client({ secondMs: 10 })))
    expect(res.data).toHaveLength(2)
    expect(ms).toBeGreaterThanOrEqual(190)
  })

  it('waits until x-ratelimit-reset on a primary rate limit', () => {
    const now = 1_700_000_000_000
    const err = Object.assign(new Error('API rate limit exceeded'), {
      status: 403,
      response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) } }
    })
    expect(rateLimitWait(err, now, 0)).toEqual({ seconds: 31, kind: 'primary rate limit' })
  })

  it('a secondary rate limit without retry-after waits a minute; a plain 403 is not a rate limit', () => {
    const secondary = Object.assign(new Error('You have exceeded a secondary rate limit'), { status: 403, response: { headers: {} } })
    expect(rateLimitWait(secondary, Date.now(), 0)).toEqual({ seconds: 60, kind: 'secondary rate limit' })
    const plain = Object.assign(new Error('Resource not accessible by integration'), { status: 403, response: { headers: {} } })
    expect(rateLimitWait(plain, Date.now(), 0)).toBeUndefined()
    const bare429 = Object.assign(new Error('Too Many Requests'), { status: 429, response: { headers: {} } })
    expect(rateLimitWait(bare429, Date.now(), 2)).toEqual({ seconds: 9, kind: 'rate limit' })
  })

  it('a secondary rate limit (429, no retry-after) on a check-run write: waited, then the write goes through', async () => {
    mock = await startMockGitHub({
      failures: [{ method: 'POST', path: /check-runs$/, status: 429, body: { message: 'You have exceeded a secondary rate limit.' } }]
    })
    const log: string[] = []
    const [res, ms] = await timed(() =>
      client({ secondMs: 2, log: { debug: () => {}, info: m => log.push(m) } }).rest.checks.create({ owner: 'octo', repo: 'specs', name: 'x', head_sha: 'b'.repeat(40) })
    )
    expect(res.data.id).toBeGreaterThan(0)
    expect(ms).toBeGreaterThanOrEqual(110) // 60 "seconds" of 2 ms
    expect(log.join('\n')).toMatch(/answered 429 \(secondary rate limit\) for POST \/repos\/octo\/specs\/check-runs; retrying in 60s/)
  })

  it('check-run writes honour retry-after and x-ratelimit-reset (403 secondary and primary limits)', async () => {
    mock = await startMockGitHub({
      failures: [
        {
          method: 'POST',
          path: /check-runs$/,
          status: 403,
          headers: { 'retry-after': '30' },
          body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }
        },
        {
          method: 'PATCH',
          path: /check-runs\/\d+$/,
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
          body: { message: 'API rate limit exceeded' }
        }
      ]
    })
    const findings = Array.from({ length: 60 }, (_, i) => ({ rule: 'line-length', severity: 'error' as const, message: 'long', file: 'specs/a.rst', line: i + 1 }))
    const report = {
      tool: { name: 'spec-template-check', version: '0' },
      files: [{ file: 'specs/a.rst', template: 't', embeddedTemplate: false, findings, sections: [] }],
      totals: { files: 1, errors: 60, warnings: 0, notices: 0, filesWithErrors: 1 }
    }
    const log: string[] = []
    const [res, ms] = await timed(() =>
      publishCheckRun(client({ secondMs: 10, log: { debug: () => {}, info: m => log.push(m) } }), report as never, {
        owner: 'octo',
        repo: 'specs',
        headSha: 'b'.repeat(40),
        failOn: 'error',
        summary: 'S'
      })
    )
    expect(res).toMatchObject({ ok: true, annotations: 60, requests: 2 })
    expect(mock.checkRuns[0]!.annotations).toHaveLength(60)
    expect(log[0]).toMatch(/answered 403 \(secondary rate limit\) for POST .*retrying in 30s \(1\/3\)/)
    expect(log[1]).toMatch(/answered 403 \(primary rate limit\) for PATCH \/repos\/octo\/specs\/check-runs\/\d+; retrying in [123]s \(1\/3\)/)
    expect(ms).toBeGreaterThanOrEqual(300 + 10)
  })

  it('an API that never answers: each try times out, then one error naming the request', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files.slice(-2) }, failures: [{ method: 'GET', path: /\/files$/, status: 200, fault: 'hang', times: 100 }] })
    const err = await listFiles(client({ secondMs: 10, requestTimeout: 5, retries: 2 })).catch(e => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('GET /repos/octo/specs/pulls/5/files: no complete answer within 5s (3 tries)')
    expect(mock.find('GET', /\/files$/)).toHaveLength(3)
  })

  it('a body that never ends times out the same way (never an empty answer)', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files.slice(-2) }, failures: [{ method: 'GET', path: /\/files$/, status: 200, fault: 'endless', times: 100 }] })
    const err = await listFiles(client({ secondMs: 10, requestTimeout: 10, retries: 1 })).catch(e => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toMatch(/no complete answer within 10s \(2 tries\)$/)
  })

  it('a body over the size limit is an error, not retried', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files } })
    const err = await listFiles(client({ maxBodyBytes: 1000 })).catch(e => e)
    expect(err.message).toMatch(/the answer is larger than 1000 bytes/)
    expect(mock.find('GET', /\/files$/)).toHaveLength(1)
  })

  it('a body cut off by a reset is retried; the next answer is used', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files.slice(-2) }, failures: [{ method: 'GET', path: /\/files$/, status: 200, fault: 'reset', body: [{ filename: 'specs/x.rst', status: 'added' }] }] })
    const res = await listFiles(client())
    expect(res.data.map((f: { filename: string }) => f.filename)).toEqual(['specs/one.rst', 'specs/two.rst'])
    expect(mock.find('GET', /\/files$/)).toHaveLength(2)
  })

  it('an answer that fails the caller\'s shape check is retried, then one error naming the request', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files.slice(-2) }, failures: [{ method: 'GET', path: /\/files$/, status: 200, rawBody: '', times: 100 }] })
    const validate: ResponseCheck = res => {
      if (!Array.isArray(res.data)) throw new ApiError(`the answer is empty`)
    }
    const err = await listFiles(client({ retries: 2 }), validate).catch(e => e)
    expect(err.message).toBe('GET /repos/octo/specs/pulls/5/files: the answer is empty (3 tries)')
    expect(mock.find('GET', /\/files$/)).toHaveLength(3)
  })

  it('never sends a request (and the token) to another origin', async () => {
    mock = await startMockGitHub({})
    const other = await startMockGitHub({})
    try {
      const err = await client().request(`GET ${other.url}/repos/octo/specs/pulls/5/files`).catch((e: unknown) => e)
      expect(describeApiError(err)).toMatch(/refused to send a request to http:\/\/127\.0\.0\.1:\d+: not the GitHub API/)
      expect(other.requests).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('follows a redirect on the API origin; refuses one to another origin (the token stays home)', async () => {
    const other = await startMockGitHub({ pullFiles: { 5: files.slice(-2) } })
    try {
      mock = await startMockGitHub({
        pullFiles: { 5: files.slice(-2) },
        // The redirect target carries a made-up query parameter.
        openapi: false,
        failures: [
          { method: 'GET', path: /\/pulls\/5\/files$/, status: 301, headers: { location: '/repos/octo/specs/pulls/5/files?moved=1' } },
          { method: 'GET', path: /\/pulls\/6\/files$/, status: 307, headers: { location: `${other.url}/repos/octo/specs/pulls/5/files` } }
        ]
      })
      const res = await listFiles(client())
      expect(res.data).toHaveLength(2)
      expect(mock.find('GET', /\/files$/).map(r => r.query)).toEqual([{}, { moved: '1' }])
      const err = await client()
        .request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: 'octo', repo: 'specs', pull_number: 6 })
        .catch((e: unknown) => e)
      expect(describeApiError(err)).toMatch(/GET \/repos\/octo\/specs\/pulls\/6\/files: refused a redirect to http:\/\/127\.0\.0\.1:\d+: not the GitHub API/)
      expect(other.requests).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('all requests together are bounded by totalTimeout', async () => {
    mock = await startMockGitHub({ pullFiles: { 5: files.slice(-2) }, failures: [{ method: 'GET', path: /\/files$/, status: 502, times: 100 }] })
    const [err, ms] = await timed(() => listFiles(client({ secondMs: 10, totalTimeout: 3, retries: 10 })).catch(e => e))
    expect(describeApiError(err)).toMatch(/HTTP 502|took longer than 3s in all/)
    expect(ms).toBeLessThan(1000)
  })

  it('check-run writes are not spaced out: 1,000 annotations in 20 requests go as fast as the API answers', async () => {
    mock = await startMockGitHub({})
    const findings = Array.from({ length: 1000 }, (_, i) => ({ rule: 'line-length', severity: 'error' as const, message: 'long', file: 'specs/a.rst', line: i + 1 }))
    const report = {
      tool: { name: 'spec-template-check', version: '0' },
      files: [{ file: 'specs/a.rst', template: 't', embeddedTemplate: false, findings, sections: [] }],
      totals: { files: 1, errors: 1000, warnings: 0, notices: 0, filesWithErrors: 1 }
    }
    // Real seconds: only the API's own answers set the pace.
    const octokit = createClient('test-token', { secondMs: 1000 }, { GITHUB_API_URL: mock.url })
    const [res, ms] = await timed(() => publishCheckRun(octokit, report as never, { owner: 'octo', repo: 'specs', headSha: 'b'.repeat(40), failOn: 'error', summary: 'S' }))
    expect(res).toMatchObject({ ok: true, annotations: 1000, requests: 20 })
    expect(mock.checkRuns[0]!.annotations).toHaveLength(1000)
    expect(ms).toBeLessThan(5000) // 19 s with one write a second
  })
})
