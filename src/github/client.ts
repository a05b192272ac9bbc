/**
 * The Octokit client: @actions/github's getOctokit (REST methods +
 * pagination, proxy support) with the retry plugin (5xx and network errors)
 * and the throttling plugin (primary and secondary rate limits, each retried
 * a bounded number of times).
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
      retry: { retries: options.retries ?? 3, ...(base !== undefined ? { retryAfterBaseValue: base } : {}) },
      throttle: {
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        ...(base !== undefined ? { retryAfterBaseValue: base } : {})
      }
    },
    retry,
    throttling
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
