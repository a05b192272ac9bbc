/**
 * The workflow run's context, read from the environment the runner provides
 * (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA).
 *
 * We read it ourselves instead of using @actions/github's `context` so that
 * tests can pass any environment and a broken event file becomes one clear
 * error instead of a stack trace.
 */
import { readFileSync } from 'node:fs'
import { ConfigError } from '../config/config.js'

/** The parts of the event payloads we use; everything is optional because payloads vary. */
export interface EventPayload {
  pull_request?: {
    number?: number
    changed_files?: number
    head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }
    base?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }
  }
  merge_group?: { base_sha?: string; head_sha?: string; head_ref?: string }
  before?: string
  after?: string
  created?: boolean
  deleted?: boolean
  repository?: { name?: string; owner?: { login?: string }; full_name?: string }
  [key: string]: unknown
}

export interface EventContext {
  eventName: string
  payload: EventPayload
  /** Empty strings when unknown (no GITHUB_REPOSITORY and no repository in the payload). */
  owner: string
  repo: string
  /** GITHUB_SHA ('' when unset). */
  sha: string
}

export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const eventName = (env.GITHUB_EVENT_NAME ?? '').trim()
  let payload: EventPayload = {}
  const eventPath = env.GITHUB_EVENT_PATH
  if (eventPath) {
    let text: string
    try {
      text = readFileSync(eventPath, 'utf8')
    } catch (err) {
      throw new ConfigError(`cannot read the event payload GITHUB_EVENT_PATH=${eventPath}: ${(err as Error).message}`)
    }
    try {
      const parsed: unknown = JSON.parse(text)
      if (parsed && typeof parsed === 'object') payload = parsed as EventPayload
    } catch (err) {
      throw new ConfigError(`the event payload ${eventPath} is not valid JSON: ${(err as Error).message}`)
    }
  }
  let owner = ''
  let repo = ''
  const full = (env.GITHUB_REPOSITORY ?? '').trim()
  if (full.includes('/')) {
    ;[owner = '', repo = ''] = full.split('/')
  } else if (payload.repository?.owner?.login && payload.repository.name) {
    owner = payload.repository.owner.login
    repo = payload.repository.name
  }
  return { eventName, payload, owner, repo, sha: (env.GITHUB_SHA ?? '').trim() }
}

/** The commit the results belong to: the PR head for pull requests, else GITHUB_SHA. */
export function headSha(ctx: EventContext): string {
  if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') {
    const sha = ctx.payload.pull_request?.head?.sha
    if (sha) return sha
  }
  if (ctx.eventName === 'merge_group' && ctx.payload.merge_group?.head_sha) {
    return ctx.payload.merge_group.head_sha
  }
  return ctx.sha
}

export function isPullRequestEvent(ctx: EventContext): boolean {
  return ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target'
}

const ZERO_SHA = /^0+$/
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i

/**
 * The commit `template-ref: base` reads templates from:
 * pull_request / pull_request_target -> pull_request.base.sha,
 * merge_group -> merge_group.base_sha, push -> before (unless all zeros:
 * a new branch). Other events have no base: `why` says so, and the caller
 * falls back to the head.
 */
export function templateBaseCommit(ctx: EventContext): { sha: string; what: string } | { sha?: undefined; why: string } {
  const valid = (s: unknown): s is string => typeof s === 'string' && SHA.test(s) && !ZERO_SHA.test(s)
  switch (ctx.eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const sha = ctx.payload.pull_request?.base?.sha
      const n = ctx.payload.pull_request?.number
      return valid(sha)
        ? { sha, what: `the base commit ${sha.slice(0, 7)} of pull request${typeof n === 'number' ? ' #' + n : ''}` }
        : { why: 'the pull_request payload has no base.sha' }
    }
    case 'merge_group': {
      const sha = ctx.payload.merge_group?.base_sha
      return valid(sha) ? { sha, what: `the merge group's base commit ${sha.slice(0, 7)}` } : { why: 'the merge_group payload has no base_sha' }
    }
    case 'push': {
      const sha = ctx.payload.before
      if (valid(sha)) return { sha, what: `the commit before the push ${sha.slice(0, 7)}` }
      return { why: typeof sha === 'string' && ZERO_SHA.test(sha) ? 'the push created a new branch (no previous commit)' : 'the push payload has no "before" commit' }
    }
    default:
      return { why: `event "${ctx.eventName || '(none)'}" has no base commit` }
  }
}
