/**
 * The Octokit client: @actions/github's getOctokit (REST methods, proxy
 * support) with one request hook of our own that bounds and retries every
 * request. All its waits and timeouts are counted in "seconds" of
 * `secondMs` milliseconds (default 1000; the tests shorten it through
 * SPEC_TEMPLATE_CHECK_SECOND_MS, so no test waits for real).
 *
 * Bounds:
 * - each try of a request (answer and whole body) must finish within
 *   `requestTimeout` seconds, and all requests of the client within
 *   `totalTimeout` seconds;
 * - a body larger than `maxBodyBytes` is an error;
 * - requests only go to the API's own origin (a pagination link elsewhere
 *   never receives the token).
 *
 * Retries (one place, no artificial spacing between requests):
 * - 5xx, network errors, timeouts, a cut-off body and an answer that fails
 *   the caller's shape check (`request.validate`): `retries` times, after
 *   1, 4, 9, ... seconds;
 * - rate limits (403 or 429): `retry-after` when given; else, with
 *   `x-ratelimit-remaining: 0`, until `x-ratelimit-reset`; else a secondary
 *   rate limit (the message says so) after 60 s, a bare 429 like a 5xx;
 *   `rateLimitRetries` times, and never a wait longer than `maxRateLimitWait`.
 *   A plain 403 (no permission) is not retried.
 *
 * @actions/github (Octokit, @actions/http-client, undici) is imported on the
 * first request, not when the action starts: a run that makes no request
 * never loads an HTTP client.
 */
import type { getOctokit } from '@actions/github'
import { VERSION } from '../report/version.js'

export type GitHubClient = Pick<ReturnType<typeof getOctokit>, 'request' | 'rest'> & {
  /** The REST API root the client sends to (no trailing slash). */
  apiBaseUrl: string
}

export interface ClientLogger {
  debug(message: string): void
  info(message: string): void
}

export interface ClientOptions {
  /** REST API root; default GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string
  /** Retries for 5xx, network errors, timeouts and malformed answers (default 3). */
  retries?: number
  /** How often a rate-limited request is retried (default 3). */
  rateLimitRetries?: number
  /** Longest wait (seconds) we accept before retrying a rate-limited request (default 600). */
  maxRateLimitWait?: number
  /** Seconds one try of a request may take, body included (default DEFAULT_REQUEST_TIMEOUT). */
  requestTimeout?: number
  /** Seconds all requests of this client may take together, waits included (default DEFAULT_TOTAL_TIMEOUT). */
  totalTimeout?: number
  /** Largest response body (bytes, default 64 MiB). */
  maxBodyBytes?: number
  /** Milliseconds per "second" of every wait and timeout; default SPEC_TEMPLATE_CHECK_SECOND_MS, else 1000. */
  secondMs?: number
  log?: ClientLogger
}

export const DEFAULT_REQUEST_TIMEOUT = 30
export const DEFAULT_TOTAL_TIMEOUT = 900
const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
/** GitHub: after a secondary rate limit without retry-after, wait at least one minute. */
const SECONDARY_RATE_LIMIT_WAIT = 60
/** The environment variable that sets `secondMs` (tests shorten every wait with it). */
export const SECOND_MS_ENV = 'SPEC_TEMPLATE_CHECK_SECOND_MS'

const silentLog: ClientLogger = { debug: () => {}, info: () => {} }

/**
 * A failed API call that is not an HTTP error status: no answer in time, a
 * cut-off or malformed answer, a refused link. The message names the request.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    /** False when trying again cannot help (a link to another origin, a page loop). */
    readonly retryable = true
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The answer has the wrong shape for the endpoint (thrown by a `request.validate` check). */
export class ApiShapeError extends ApiError {
  constructor(message: string) {
    super(message)
    this.name = 'ApiShapeError'
  }
}

/** Checks a successful answer; throws ApiShapeError when it is not what the endpoint returns. */
export type ResponseCheck = (res: { data: unknown; headers: Record<string, unknown> }) => void

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>
type RequestFn = (options: Record<string, unknown>) => Promise<unknown>
interface HookHost {
  hook: { wrap(name: 'request', fn: (request: RequestFn, options: Record<string, unknown>) => Promise<unknown>): void }
}

/** `secondMs` from the environment (a positive number), else 1000. */
export function secondMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env[SECOND_MS_ENV])
  return Number.isFinite(v) && v > 0 ? v : 1000
}

const NULL_BODY = new Set([101, 103, 204, 205, 304])
const REDIRECT = new Set([301, 302, 307, 308])

/**
 * fetch with a deadline for the answer and the whole body, a body size
 * limit, and a refusal to leave the API's origin. The body is read here, so
 * a cut-off or endless body is an error of this try (and retried), never an
 * empty answer.
 */
function boundedFetch(inner: Fetch, o: { origin: string; timeoutMs: number; seconds: number; maxBytes: number }): Fetch {
  return async (url, init) => {
    const target = new URL(String(url))
    if (target.origin !== o.origin) {
      throw new ApiError(`refused to send a request to ${target.origin}: not the GitHub API (${o.origin})`, false)
    }
    const ctrl = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      ctrl.abort()
    }, o.timeoutMs)
    const outer = init?.signal
    const onAbort = (): void => ctrl.abort()
    outer?.addEventListener('abort', onAbort)
    try {
      // Redirects are followed here, and only on the API's origin (the token must not leave it).
      let res = await inner(url, { ...init, signal: ctrl.signal, redirect: 'manual' })
      for (let hops = 0; REDIRECT.has(res.status); hops++) {
        await res.body?.cancel().catch(() => {})
        const location = res.headers.get('location')
        if (!location) break
        const next = new URL(location, target)
        if (next.origin !== o.origin) {
          throw new ApiError(`refused a redirect to ${next.origin}: not the GitHub API (${o.origin})`, false)
        }
        if (hops >= 5) throw new ApiError('more than 5 redirects', false)
        res = await inner(next.href, { ...init, signal: ctrl.signal, redirect: 'manual' })
      }
      const chunks: Uint8Array[] = []
      let size = 0
      if (res.body) {
        const reader = res.body.getReader()
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          size += value.byteLength
          if (size > o.maxBytes) {
            await reader.cancel().catch(() => {})
            throw new ApiError(`the answer is larger than ${o.maxBytes} bytes`, false)
          }
          chunks.push(value)
        }
      }
      return new Response(NULL_BODY.has(res.status) ? null : Buffer.concat(chunks), {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers
      })
    } catch (err) {
      if (timedOut) throw new ApiError(`no complete answer within ${o.seconds}s`)
      if (err instanceof ApiError) throw err
      const cause = (err as { cause?: unknown }).cause
      const detail = cause instanceof Error ? cause.message : (err as Error).message
      // A reset or cut-off body: the answer is incomplete, which is worth another try.
      throw new ApiError(`the connection failed (${detail})`)
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onAbort)
    }
  }
}

function headerOf(err: unknown, name: string): string | undefined {
  const h = (err as { response?: { headers?: Record<string, unknown> } } | undefined)?.response?.headers
  const v = h?.[name]
  return v === undefined || v === null ? undefined : String(v)
}

/** Our ApiError behind an Octokit RequestError (fetch errors are wrapped), if any. */
function apiErrorOf(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err
  const cause = (err as { cause?: unknown } | undefined)?.cause
  return cause instanceof ApiError ? cause : undefined
}

/**
 * Seconds to wait before retrying a rate-limited answer, the kind of limit,
 * or undefined when it is not a rate limit (a plain 403).
 */
export function rateLimitWait(err: unknown, nowMs: number, attempt: number): { seconds: number; kind: string } | undefined {
  const status = errorStatus(err)
  if (status !== 403 && status !== 429) return undefined
  const message = err instanceof Error ? err.message : ''
  const secondary = /\bsecondary rate\b/i.test(message)
  const kind = secondary ? 'secondary rate limit' : 'rate limit'
  const retryAfter = headerOf(err, 'retry-after')?.trim()
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return { seconds: Number(retryAfter), kind }
  const reset = headerOf(err, 'x-ratelimit-reset')?.trim()
  if (headerOf(err, 'x-ratelimit-remaining')?.trim() === '0' && reset !== undefined && /^\d+$/.test(reset)) {
    return { seconds: Math.max(0, Math.ceil(Number(reset) - nowMs / 1000)) + 1, kind: 'primary rate limit' }
  }
  if (secondary) return { seconds: SECONDARY_RATE_LIMIT_WAIT, kind }
  if (status === 429) return { seconds: (attempt + 1) ** 2, kind }
  return undefined
}

interface HookOptions {
  origin: string
  retries: number
  rateLimitRetries: number
  maxRateLimitWait: number
  requestTimeout: number
  totalTimeout: number
  maxBodyBytes: number
  secondMs: number
  log: ClientLogger
}

/** See the file comment. */
function boundsAndRetries(o: HookOptions) {
  const deadline = Date.now() + o.totalTimeout * o.secondMs
  return (octokit: HookHost): void => {
    octokit.hook.wrap('request', async (request, options) => {
      const reqOpts = (options.request ?? {}) as Record<string, unknown> & { fetch?: Fetch; validate?: ResponseCheck }
      const inner: Fetch = reqOpts.fetch ?? globalThis.fetch
      const what = describeRequest(options, o.origin)
      let failures = 0
      let limited = 0
      for (;;) {
        const left = deadline - Date.now()
        if (left <= 0) {
          throw new ApiError(`${what}: gave up, GitHub API requests took longer than ${o.totalTimeout}s in all`, false)
        }
        const timeoutMs = Math.min(o.requestTimeout * o.secondMs, left)
        const fetch = boundedFetch(inner, { origin: o.origin, timeoutMs, seconds: o.requestTimeout, maxBytes: o.maxBodyBytes })
        let wait: number
        try {
          // In place: the hooks inside this one (token auth) read the options object they were bound to.
          options.request = { ...reqOpts, fetch }
          const res = (await request(options)) as { data: unknown; headers: Record<string, unknown> }
          if (res.data instanceof ReadableStream) {
            // An unparsed body (parseSuccessResponseBody: false) is already in memory: hand it over as bytes.
            res.data = new Uint8Array(await new Response(res.data).arrayBuffer())
          }
          reqOpts.validate?.(res)
          return res
        } catch (err) {
          const apiErr = apiErrorOf(err)
          const status = apiErr ? undefined : errorStatus(err)
          const limit = apiErr ? undefined : rateLimitWait(err, Date.now(), limited)
          if (limit) {
            const tooLong = limit.seconds > o.maxRateLimitWait || limit.seconds * o.secondMs > deadline - Date.now()
            if (limited >= o.rateLimitRetries || tooLong) {
              o.log.info(`GitHub API answered ${status} (${limit.kind}) for ${what}; giving up`)
              throw err
            }
            limited++
            o.log.info(`GitHub API answered ${status} (${limit.kind}) for ${what}; retrying in ${limit.seconds}s (${limited}/${o.rateLimitRetries})`)
            wait = limit.seconds
          } else {
            const retryable = apiErr ? apiErr.retryable : status !== undefined && status >= 500
            if (!retryable || failures >= o.retries) {
              if (apiErr) throw new ApiError(`${what}: ${apiErr.message}${failures ? ` (${failures + 1} tries)` : ''}`, false)
              throw err
            }
            failures++
            wait = failures ** 2
            const why = apiErr ? apiErr.message : describeApiError(err)
            o.log.info(`GitHub API: ${what}: ${why}; retrying in ${wait}s (${failures}/${o.retries})`)
          }
        }
        await new Promise(resolve => setTimeout(resolve, Math.min(wait * o.secondMs, Math.max(0, deadline - Date.now()))))
      }
    })
  }
}

/** "GET /repos/o/r/pulls/5/files": method and URL (route parameters filled in) without the API root. */
function describeRequest(options: Record<string, unknown>, origin: string): string {
  const method = String(options.method ?? '')
  let url = String(options.url ?? '').replace(/\{\+?(\w+)\}/g, (_, k: string) => {
    const v = options[k]
    return v === undefined ? `{${k}}` : String(v)
  })
  if (url.startsWith(origin)) url = url.slice(origin.length)
  return `${method} ${url}`.trim()
}

type Octokit = ReturnType<typeof getOctokit>

/**
 * The client: `request` and `rest.<scope>.<method>` as Octokit's, each
 * loading Octokit on first use (`apiBaseUrl` is known at once). The total
 * timeout counts from here.
 */
export function createClient(token: string, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): GitHubClient {
  const log = options.log ?? silentLog
  const baseUrl = (options.baseUrl ?? env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || 'https://api.github.com'
  const plugin = boundsAndRetries({
    origin: new URL(baseUrl).origin,
    retries: options.retries ?? 3,
    rateLimitRetries: options.rateLimitRetries ?? 3,
    maxRateLimitWait: options.maxRateLimitWait ?? 600,
    requestTimeout: options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT,
    totalTimeout: options.totalTimeout ?? DEFAULT_TOTAL_TIMEOUT,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    secondMs: options.secondMs ?? secondMsFromEnv(env),
    log
  })
  let octokit: Promise<Octokit> | undefined
  const load = (): Promise<Octokit> =>
    (octokit ??= import('@actions/github').then(({ getOctokit }) =>
      getOctokit(
        token,
        {
          baseUrl,
          userAgent: `spec-template-check/${VERSION}`,
          log: {
            debug: (m: string) => log.debug(m),
            info: (m: string) => log.debug(m),
            warn: (m: string) => log.info(m),
            error: (m: string) => log.info(m)
          }
        },
        plugin as unknown as Parameters<typeof getOctokit>[2]
      )
    ))
  type Method = (...args: unknown[]) => Promise<unknown>
  const method = (pick: (o: Octokit) => Method): Method => async (...args) => pick(await load())(...args)
  const scopes = new Map<string, Record<string, Method>>()
  const scope = (name: string): Record<string, Method> => {
    let methods = scopes.get(name)
    if (!methods) {
      const cache = new Map<string, Method>()
      methods = new Proxy({} as Record<string, Method>, {
        get: (_, m) => {
          if (typeof m !== 'string') return undefined
          let fn = cache.get(m)
          if (!fn) cache.set(m, (fn = method(o => (o.rest as unknown as Record<string, Record<string, Method>>)[name]![m]!)))
          return fn
        }
      })
      scopes.set(name, methods)
    }
    return methods
  }
  const rest = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? scope(name) : undefined) })
  return { apiBaseUrl: baseUrl, request: method(o => o.request as unknown as Method), rest } as unknown as GitHubClient
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

/** A short, single-line picture of an answer for error messages ("empty", "null", "an object with keys a, b"). */
export function describeData(data: unknown): string {
  if (data === undefined || data === '') return 'an empty body'
  if (data === null) return 'null'
  if (typeof data === 'string') return `text that is not JSON (${data.length} characters)`
  if (Array.isArray(data)) return `an array of ${data.length}`
  if (typeof data === 'object') {
    const keys = Object.keys(data)
    return keys.length ? `an object with keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}` : 'an empty object'
  }
  return `a ${typeof data}`
}
