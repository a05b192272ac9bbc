/**
 * The real Octokit client (getOctokit + retry + throttling) against the local
 * mock API: base URL from GITHUB_API_URL, Link pagination, retries of 5xx and
 * bounded retries of rate-limited requests.
 */
import { getChangedFiles } from '../../src/github/changed-files.js'
import { createClient, describeApiError } from '../../src/github/client.js'
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

describe('createClient against the mock API', () => {
  let mock: MockGitHub
  afterEach(async () => {
    await mock?.close()
  })

  const client = (extra: Parameters<typeof createClient>[1] = {}) =>
    createClient('test-token', { retryAfterBaseValue: 5, ...extra }, { GITHUB_API_URL: mock.url })

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
    expect(log.join('\n')).toMatch(/rate limit hit for GET .*retrying/)
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
    expect(log.join('\n')).toMatch(/403 \(rate limited\) for GET .*retrying in 1s \(1\/3\)/)
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
})
