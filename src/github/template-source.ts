/**
 * `template-ref: base`: templates are read from the base of the change, so a
 * pull request cannot weaken the rules it is checked against by editing (or
 * adding, or deleting) a template.
 *
 * The base commit (see templateBaseCommit) is read with git when it is in
 * the checkout (`git show <sha>:<path>`), otherwise through the REST API
 * (repos.getContent with `ref` and the raw media type; a 404 means the file
 * does not exist at the base). When the base commit cannot be read at all,
 * the run fails: silently using the head's templates would defeat the point.
 */
import { ConfigError } from '../config/config.js'
import {
  decodeTemplate,
  defaultGitBytes,
  gitHasCommit,
  gitTemplateSource,
  isPlainRelativePath,
  TemplateSourceError,
  type GitBytesRunner,
  type TemplateSource
} from '../templates/templates.js'
import { ApiShapeError, describeApiError, describeData, errorStatus, type GitHubClient, type ResponseCheck } from './client.js'
import { isPullRequestEvent, templateBaseCommit, type EventContext } from './context.js'

/** Largest template read through the API (the raw media type serves files up to 100 MB). */
export const MAX_API_TEMPLATE_BYTES = 32 * 1024 * 1024

/** The Octokit surface used here (a plain object in unit tests). */
export interface ContentsApi {
  rest: {
    repos: { getContent: GitHubClient['rest']['repos']['getContent'] }
    git: { getCommit: GitHubClient['rest']['git']['getCommit'] }
  }
}

export interface ApiTemplateSourceOptions {
  owner: string
  repo: string
  /** The commit (ref) to read from. */
  sha: string
  /** For messages, e.g. "the base commit abc1234 of pull request #7". */
  description?: string
}

/**
 * A JSON answer to a raw contents request is not a file: a directory (a
 * list) or an object with a `type` (submodule, symlink out of the
 * repository). Anything else is a malformed answer (ApiShapeError).
 */
function checkNotAFile(data: unknown): void {
  const named = (e: unknown): boolean =>
    Boolean(e) && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string' && typeof (e as { name?: unknown }).name === 'string'
  if (Array.isArray(data) && data.every(named)) return
  if (!Array.isArray(data) && data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string') return
  throw new ApiShapeError(`the answer is ${describeData(data)}, neither a file nor a directory listing`)
}

function isJsonType(headers: Record<string, unknown>): boolean {
  const type = String(headers['content-type'] ?? '').toLowerCase()
  return /^application\/(.+\+)?json\b/.test(type) && !type.includes('vnd.github.raw')
}

const contentsCheck: ResponseCheck = res => {
  if (!isJsonType(res.headers)) return
  const d = res.data
  let parsed: unknown = d
  if (d instanceof Uint8Array || d instanceof ArrayBuffer) {
    try {
      parsed = JSON.parse(Buffer.from(d instanceof ArrayBuffer ? new Uint8Array(d) : d).toString('utf8'))
    } catch {
      parsed = Buffer.from(d as Uint8Array).toString('utf8')
    }
  }
  checkNotAFile(parsed)
}

const commitCheck = (sha: string): ResponseCheck => res => {
  const got = (res.data as { sha?: unknown } | null)?.sha
  if (typeof got !== 'string' || got.toLowerCase() !== sha.toLowerCase()) {
    throw new ApiShapeError(`the answer is ${describeData(res.data)}, not commit ${sha.slice(0, 7)}`)
  }
}

type Fetched = { kind: 'file'; bytes: Uint8Array } | { kind: 'missing' } | { kind: 'other'; entries?: { name: string; type: string }[] }

/** Collects a response body (web stream, Node stream, buffer or string) into bytes, up to `max`. */
async function bodyBytes(data: unknown, max: number, what: string): Promise<Uint8Array> {
  const tooLarge = (): never => {
    throw new TemplateSourceError(`${what} is larger than ${max} bytes`)
  }
  if (data === undefined || data === null) return new Uint8Array(0)
  if (typeof data === 'string') return new TextEncoder().encode(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (data instanceof Uint8Array) return data
  if (typeof (data as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of data as AsyncIterable<unknown>) {
      const c = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as ArrayBufferLike)
      size += c.byteLength
      if (size > max) tooLarge()
      chunks.push(c instanceof Uint8Array ? c : new Uint8Array(c))
    }
    return Buffer.concat(chunks)
  }
  throw new TemplateSourceError(`${what}: unexpected response body from the GitHub API`)
}

/**
 * Template files as they are in a commit on GitHub: repos.getContent with
 * `ref` and the raw media type. The body is read as bytes (not decoded by
 * Octokit), so a binary or non-UTF-8 template is reported as such instead of
 * being silently mangled. A JSON answer (a directory, a submodule, a symbolic
 * link that does not point to a file in the repository) is not a file.
 */
export function apiTemplateSource(api: ContentsApi, options: ApiTemplateSourceOptions): TemplateSource {
  const { owner, repo, sha } = options
  const description = options.description ?? `commit ${sha.slice(0, 7)}`
  const cache = new Map<string, Promise<Fetched>>()
  const fetch = (file: string): Promise<Fetched> => {
    let p = cache.get(file)
    if (!p) {
      p = fetchOnce(file)
      cache.set(file, p)
    }
    return p
  }
  const fetchOnce = async (file: string): Promise<Fetched> => {
    if (!isPlainRelativePath(file)) return { kind: 'missing' }
    let res: { headers: Record<string, unknown>; data: unknown }
    try {
      res = (await api.rest.repos.getContent({
        owner,
        repo,
        path: file,
        ref: sha,
        mediaType: { format: 'raw' },
        request: { parseSuccessResponseBody: false, validate: contentsCheck }
      })) as unknown as { headers: Record<string, unknown>; data: unknown }
    } catch (err) {
      if (errorStatus(err) === 404) return { kind: 'missing' }
      throw new TemplateSourceError(`cannot read ${file.endsWith('.rst') ? 'template ' : ''}${file} from ${description} through the GitHub API (${describeApiError(err)})`)
    }
    const bytes = await bodyBytes(res.data, MAX_API_TEMPLATE_BYTES, `template ${file} in ${description}`)
    if (isJsonType(res.headers)) {
      let parsed: unknown
      try {
        parsed = JSON.parse(Buffer.from(bytes).toString('utf8'))
      } catch {
        parsed = Buffer.from(bytes).toString('utf8')
      }
      try {
        checkNotAFile(parsed)
      } catch (err) {
        throw new TemplateSourceError(`cannot read ${file} from ${description} through the GitHub API: ${(err as Error).message}`)
      }
      // A directory listing: kept for the subfolders Markdown discovery asks about.
      return Array.isArray(parsed) ? { kind: 'other', entries: (parsed as { name: string; type: string }[]).map(e => ({ name: e.name, type: e.type })) } : { kind: 'other' }
    }
    return { kind: 'file', bytes }
  }
  return {
    description,
    exists: async file => (await fetch(file)).kind === 'file',
    /** Subfolders of a folder (not the root), from its directory listing at the commit. */
    async folders(folder) {
      if (folder === '') return []
      const f = await fetch(folder)
      return f.kind === 'other' && f.entries ? f.entries.filter(e => e.type === 'dir').map(e => e.name) : []
    },
    async read(file) {
      const f = await fetch(file)
      if (f.kind === 'missing') throw new TemplateSourceError(`not in ${description}`)
      if (f.kind === 'other') throw new TemplateSourceError(`not a file in ${description}`)
      return decodeTemplate(f.bytes)
    }
  }
}

export interface BaseTemplateSourceDeps {
  api?: ContentsApi
  git?: GitBytesRunner
}

export type BaseTemplateSource =
  | { source: TemplateSource; via: 'git' | 'api' }
  /** No base to read from: the caller uses the workspace and says why (a notice). */
  | { source?: undefined; notice: string }

/**
 * The template source for `template-ref: base`. Throws ConfigError (one
 * line) when there is a base commit but it cannot be read: no silent
 * fallback to the head's templates for a pull request.
 */
export async function baseTemplateSource(
  ctx: EventContext,
  workspace: string,
  deps: BaseTemplateSourceDeps = {}
): Promise<BaseTemplateSource> {
  const base = templateBaseCommit(ctx)
  if (base.sha === undefined) {
    // A pull request always has a base: a payload without one is not trusted to mean "use the head".
    if (isPullRequestEvent(ctx)) throw new ConfigError(`template-ref: base: ${base.why}; cannot tell which templates to trust`)
    return { notice: `template-ref: base: ${base.why}; templates are read from the workspace (the head) instead` }
  }
  const { sha, what } = base
  const git = deps.git ?? defaultGitBytes
  if (await gitHasCommit(workspace, sha, git)) {
    return { source: gitTemplateSource({ workspace, sha, description: what, git }), via: 'git' }
  }
  if (!deps.api || !ctx.owner || !ctx.repo) {
    throw new ConfigError(
      `template-ref: base: ${what} is not in the checkout and ` +
        (!deps.api ? 'there is no github-token' : 'GITHUB_REPOSITORY is not set') +
        ' to read the templates through the GitHub API; fetch it (actions/checkout with fetch-depth: 0) or pass github-token'
    )
  }
  try {
    const res = await deps.api.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: sha, request: { validate: commitCheck(sha) } })
    commitCheck(sha)(res as unknown as { data: unknown; headers: Record<string, unknown> })
  } catch (err) {
    const status = errorStatus(err)
    if ((status === 404 || status === 422) && !isPullRequestEvent(ctx)) {
      return {
        notice: `template-ref: base: GitHub does not know ${what} (${describeApiError(err)}), e.g. after a force push; templates are read from the workspace (the head) instead`
      }
    }
    throw new ConfigError(`template-ref: base: cannot read ${what} through the GitHub API (${describeApiError(err)})`)
  }
  return {
    source: apiTemplateSource(deps.api, { owner: ctx.owner, repo: ctx.repo, sha, description: what }),
    via: 'api'
  }
}
