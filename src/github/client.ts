/**
 * The Octokit client: @actions/github's getOctokit (REST methods +
 * pagination, proxy support) with the retry plugin (5xx and network errors)
 * and the throttling plugin (primary and secondary rate limits, each retried
 * a bounded number of times).
 *
 * GitHub's secondary rate limits come as 403 or 429 with a `retry-after`
 * header; the throttling plugin only recognises them by the message text
 * ("secondary rate limit"). retryAfterPlugin covers the rest: a 403 or 429
 * with `retry-after` (waited, if not longer than maxRateLimitWait), and a
 * 429 without it (backed off like a 5xx), each a bounded number of times.
 * A plain 403 (no permission) is never retried. 429 is taken out of the
 * retry plugin's list so that the two do not multiply their retries.
 */
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { VERSION } from '../version.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export interface ClientLogger {
  debug(message: string): void
  info(message: string): void
}

export interface ClientOptions {
  /** REST API root; default GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string
  /** Retries for 5xx / network errors (default 3). */
  retries?: number
  /** How often a rate-limited request is retried (default 3). */
  rateLimitRetries?: number
  /** Longest wait (seconds) we accept before retrying a rate-limited request (default 600). */
  maxRateLimitWait?: number
  /** Milliseconds per "second" of back-off; tests pass a small value (default 1000). */
  retryAfterBaseValue?: number
  log?: ClientLogger
}

const silentLog: ClientLogger = { debug: () => {}, info: () => {} }

/** The retry plugin's default list, plus 429 (handled by the throttling plugin and retryAfterPlugin). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

interface RetryAfterOptions {
  retries: number
  maxWait: number
  base: number
  log: ClientLogger
}

type RequestFn = (options: Record<string, unknown>) => Promise<unknown>
interface HookHost {
  hook: { wrap(name: 'request', fn: (request: RequestFn, options: Record<string, unknown>) => Promise<unknown>): void }
}

function headerOf(err: unknown, name: string): string | undefined {
  const h = (err as { response?: { headers?: Record<string, unknown> } } | undefined)?.response?.headers
  const v = h?.[name]
  return v === undefined || v === null ? undefined : String(v)
}

/** See the file comment. Registered last, so it wraps the retry and throttling plugins. */
function retryAfterPlugin(opts: RetryAfterOptions) {
  return (octokit: HookHost): void => {
    octokit.hook.wrap('request', async (request, options) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(options)
        } catch (err) {
          const status = errorStatus(err)
          if (status !== 403 && status !== 429) throw err
          const message = err instanceof Error ? err.message : ''
          // The throttling plugin's cases: it already retried (or decided not to).
          if (/\bsecondary rate\b/i.test(message) || headerOf(err, 'x-ratelimit-remaining') === '0') throw err
          const header = headerOf(err, 'retry-after')
          const retryAfter = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined
          let wait: number
          if (retryAfter !== undefined) wait = retryAfter
          else if (status === 429) wait = (attempt + 1) ** 2
          else throw err
          const what = `${String(options.method ?? '')} ${String(options.url ?? '')}`.trim()
          if (attempt >= opts.retries || wait > opts.maxWait) {
            opts.log.info(`GitHub API answered ${status} (rate limited) for ${what}; giving up`)
            throw err
          }
          opts.log.info(`GitHub API answered ${status} (rate limited) for ${what}; retrying in ${wait}s (${attempt + 1}/${opts.retries})`)
          await new Promise(resolve => setTimeout(resolve, wait * opts.base))
        }
      }
    })
  }
}

export function createClient(token: string, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): GitHubClient {
  const log = options.log ?? silentLog
  const baseUrl = (options.baseUrl ?? env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || 'https://api.github.com'
  const maxRetries = options.rateLimitRetries ?? 3
  const maxWait = options.maxRateLimitWait ?? 600
  const base = options.retryAfterBaseValue
  const onLimit =
    (kind: string) =>
    (retryAfter: number, req: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      if (retryCount < maxRetries && retryAfter <= maxWait) {
        log.info(`GitHub API ${kind} hit for ${req.method} ${req.url}; retrying in ${retryAfter}s (${retryCount + 1}/${maxRetries})`)
        return true
      }
      log.info(`GitHub API ${kind} hit for ${req.method} ${req.url}; giving up`)
      return false
    }
  return getOctokit(
    token,
    {
      baseUrl,
      userAgent: `spec-template-check/${VERSION}`,
      log: {
        debug: (m: string) => log.debug(m),
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.info(m),
        error: (m: string) => log.info(m)
      },
      retry: {
        retries: options.retries ?? 3,
        doNotRetry: DO_NOT_RETRY,
        ...(base !== undefined ? { retryAfterBaseValue: base } : {})
      },
      throttle: {
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        ...(base !== undefined ? { retryAfterBaseValue: base } : {})
      }
    },
    retry,
    throttling,
    retryAfterPlugin({ retries: maxRetries, maxWait, base: base ?? 1000, log }) as unknown as typeof retry
  )
}

/** The HTTP status of an Octokit RequestError (or anything shaped like one). */
export function errorStatus(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'status' in err) {
    const s = (err as { status: unknown }).status
    if (typeof s === 'number') return s
  }
  return undefined
}

/** One line describing a failed API call, without the request headers or token. */
export function describeApiError(err: unknown): string {
  const status = errorStatus(err)
  const message = err instanceof Error ? err.message : String(err)
  const first = message.split('\n')[0] ?? ''
  return status !== undefined ? `HTTP ${status}: ${first}` : first
}
