/**
 * Which spec files to check for this event.
 *
 * - pull_request / pull_request_target: the PR's files (pulls.listFiles, all
 *   pages). The API lists at most 3000 files; for bigger PRs we use
 *   `git diff --name-status base...head` in the workspace when both commits
 *   are there, else every spec.
 * - push: compare `before...after`; a new branch (before = 0000...) or a
 *   comparison GitHub cannot make (404/422, e.g. after a force push) -> all.
 * - merge_group: compare `base_sha...head_sha`.
 * - anything else (workflow_dispatch, schedule, ...): all.
 *
 * Removed files are skipped, renamed files are checked under their new name,
 * files outside `paths` (or excluded, or templates) are ignored. A listed
 * name that is not a plain workspace-relative path (absolute, or with "..",
 * "." or empty parts) is kept whatever the globs say, so that it is reported
 * as refused (checkFiles never reads it) instead of silently skipped.
 *
 * A pull request without a token: git diff when both commits are in the
 * checkout, else a ConfigError (pass github-token or use scope: all).
 */
import { execFile } from 'node:child_process'
import { ConfigError, type Settings } from '../config/config.js'
import { isSpecPath } from '../workspace/files.js'
import { isPlainRelativePath } from '../templates/templates.js'
import type { EventContext } from './context.js'
import { ApiError, ApiShapeError, describeApiError, describeData, errorStatus, type GitHubClient, type ResponseCheck } from './client.js'

export interface ChangedFiles {
  /** 'all': check every spec file matching `paths` (files is then empty; the caller expands the globs). */
  mode: 'changed' | 'all'
  /** Changed spec files (workspace-relative, sorted, unique) when mode is 'changed'. */
  files: string[]
  /** One-line explanations for the log (e.g. why every spec is checked). */
  notices: string[]
  /** Unified-diff hunk text per changed spec, as the API gave it (undefined when unknown / too large). */
  patches: Map<string, string | undefined>
}

/** The Octokit surface used here (a plain object in unit tests). */
export interface ChangedFilesApi {
  /** The REST API root: pagination links must stay on its origin and under its path. */
  apiBaseUrl: string
  request: GitHubClient['request']
}

/** Runs git with an argument list (never through a shell) in `cwd`; resolves to stdout. */
export type GitRunner = (args: string[], cwd: string) => Promise<string>

export interface ChangedFilesDeps {
  /** Undefined when there is no token: then only git (or scope all) can answer. */
  api?: ChangedFilesApi
  git?: GitRunner
  /** Reports a problem the user should know about (core.warning in the action). */
  warning?: (message: string) => void
  debug?: (message: string) => void
}

interface Entry {
  filename: string
  status: string
  patch?: string
}

/** The pulls.listFiles endpoint returns at most this many files. */
export const PULL_FILES_LIMIT = 3000
/** The compare endpoint lists at most this many files. */
export const COMPARE_FILES_LIMIT = 300
/** Pages of 100 files followed at most (the API lists 3,000 files: 30 pages). */
export const MAX_PULL_FILE_PAGES = 40

/** The entries of a changed-files answer: objects with a string filename and status. Throws ApiShapeError. */
export function parseEntries(data: unknown, what: string): Entry[] {
  if (!Array.isArray(data)) throw new ApiShapeError(`${what} is ${describeData(data)}, not a list of files`)
  return data.map((f: unknown, i) => {
    const e = f as Record<string, unknown> | null
    if (!e || typeof e !== 'object' || Array.isArray(e) || typeof e.filename !== 'string' || e.filename === '' || typeof e.status !== 'string') {
      throw new ApiShapeError(`${what}: entry ${i + 1} is not a file with a name and a status (${describeData(f)})`)
    }
    if (e.patch !== undefined && e.patch !== null && typeof e.patch !== 'string') {
      throw new ApiShapeError(`${what}: entry ${i + 1} (${e.filename}) has a patch that is not text`)
    }
    return { filename: e.filename, status: e.status, patch: typeof e.patch === 'string' ? e.patch : undefined }
  })
}

const pullFilesCheck: ResponseCheck = res => void parseEntries(res.data, 'the answer')
const compareCheck: ResponseCheck = res => void compareEntries(res.data)

/** The files of a compare answer (an object with a `files` list). Throws ApiShapeError. */
export function compareEntries(data: unknown): Entry[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ApiShapeError(`the answer is ${describeData(data)}, not a comparison`)
  }
  return parseEntries((data as { files?: unknown }).files, 'its "files"')
}

/**
 * The `rel="next"` URL of a Link header, when there is one. It must be on
 * the API's origin, under its path, and not a page already fetched:
 * anything else is an ApiError (never retried, never requested).
 */
export function nextPageUrl(link: unknown, apiBaseUrl: string, seen: Set<string>): string | undefined {
  if (typeof link !== 'string') return undefined
  const m = /<([^<>]*)>\s*;\s*rel="?next"?/i.exec(link)
  if (!m) return undefined
  let next: URL
  try {
    next = new URL(m[1]!)
  } catch {
    throw new ApiError(`the "next" page link ${JSON.stringify(m[1]!.slice(0, 200))} is not a URL`, false)
  }
  const base = new URL(apiBaseUrl.replace(/\/*$/, '/'))
  if (next.origin !== base.origin || !next.pathname.startsWith(base.pathname)) {
    throw new ApiError(`the "next" page link leads to ${next.origin}${next.pathname}, outside the GitHub API (${base.origin}${base.pathname}); not followed`, false)
  }
  if (seen.has(next.href)) throw new ApiError(`the "next" page link returns to a page already read (${next.pathname}${next.search}): the pages loop`, false)
  return next.href
}

const ZERO_SHA = /^0+$/

export const defaultGit: GitRunner = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 256 * 1024 * 1024, timeout: 120_000, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const detail = String(stderr || '').trim().split('\n')[0] || err.message
          reject(new Error(`git ${subcommand(args)} failed: ${detail}`))
        } else resolve(stdout)
      }
    )
  })

export async function getChangedFiles(ctx: EventContext, settings: Settings, deps: ChangedFilesDeps = {}): Promise<ChangedFiles> {
  const run = new Run(ctx, settings, deps)
  switch (ctx.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return run.pullRequest()
    case 'push':
      return run.push()
    case 'merge_group':
      return run.mergeGroup()
    case 'workflow_dispatch':
    case 'schedule':
      return all([])
    default:
      return all([`event "${ctx.eventName || '(none)'}" has no change set: checking all spec files`])
  }
}

function all(notices: string[]): ChangedFiles {
  return { mode: 'all', files: [], notices, patches: new Map() }
}

class Run {
  constructor(
    private readonly ctx: EventContext,
    private readonly settings: Settings,
    private readonly deps: ChangedFilesDeps
  ) {}

  private warn(message: string): void {
    this.deps.warning?.(message)
  }

  private changed(entries: Entry[], notices: string[] = []): ChangedFiles {
    const patches = new Map<string, string | undefined>()
    for (const e of entries) {
      if (e.status === 'removed') continue
      const file = e.filename
      if (!file) continue
      if (!isPlainRelativePath(file)) {
        patches.set(file, undefined)
        continue
      }
      if (!isSpecPath(file, this.settings)) continue
      patches.set(file, e.patch)
    }
    const files = [...patches.keys()].sort()
    return { mode: 'changed', files, notices, patches }
  }

  async pullRequest(): Promise<ChangedFiles> {
    const pr = this.ctx.payload.pull_request
    const number = pr?.number
    const base = pr?.base?.sha
    const head = pr?.head?.sha
    if (!pr || typeof number !== 'number') {
      return all(['the event payload has no pull request: checking all spec files'])
    }
    const reported = typeof pr.changed_files === 'number' ? pr.changed_files : 0
    if (reported >= PULL_FILES_LIMIT) {
      this.warn(
        `pull request #${number} changes ${reported} files; the GitHub API lists at most ${PULL_FILES_LIMIT}, ` +
          'so the changed files are taken from git diff in the workspace (needs both commits: actions/checkout with fetch-depth: 0)'
      )
      return this.viaGit(base, head, `pull request #${number} is too large for the API`)
    }
    if (!this.deps.api) {
      const res = await this.viaGit(base, head, 'no github-token')
      if (res.mode === 'all') {
        throw new ConfigError(
          `scope: changed needs the pull request's changed files, but there is no github-token and git cannot tell ` +
            `(${res.notices.join('; ')}); pass github-token (with pull-requests: read) or set scope: all`
        )
      }
      return res
    }
    if (!this.ctx.owner || !this.ctx.repo) {
      return this.viaGit(base, head, 'GITHUB_REPOSITORY is not set')
    }
    let entries: Entry[]
    try {
      entries = await this.listPullFiles(this.deps.api, number)
    } catch (err) {
      const viaGit = await this.gitInstead(base, head, err, `listing the files of pull request #${number}`)
      if (viaGit) return viaGit
      throw err
    }
    this.deps.debug?.(`pull request #${number}: ${entries.length} changed files`)
    if (entries.length >= PULL_FILES_LIMIT) {
      this.warn(
        `pull request #${number} lists ${entries.length} changed files, the most the GitHub API returns; ` +
          'taking the changed files from git diff in the workspace instead'
      )
      return this.viaGit(base, head, `pull request #${number} is too large for the API`)
    }
    if (entries.length === 0 && reported > 0) {
      // A pull request that changes files cannot list none: do not take an empty answer as "no spec changed".
      const why = `the GitHub API lists no changed files for pull request #${number}, whose event says it changes ${reported}`
      const viaGit = await this.gitInstead(base, head, new ApiError(why), `listing the files of pull request #${number}`)
      if (viaGit) return viaGit
      throw new ApiError(`${why}; not taken as "no spec changed" (fetch both commits with actions/checkout fetch-depth: 0 to use git instead)`, false)
    }
    return this.changed(entries)
  }

  /** Every page of pulls/N/files: shapes checked, links on the API only, no page twice, at most MAX_PULL_FILE_PAGES. */
  private async listPullFiles(api: ChangedFilesApi, number: number): Promise<Entry[]> {
    const entries: Entry[] = []
    const seen = new Set<string>()
    const enc = encodeURIComponent
    let url = new URL(`${api.apiBaseUrl.replace(/\/+$/, '')}/repos/${enc(this.ctx.owner)}/${enc(this.ctx.repo)}/pulls/${number}/files?per_page=100`).href
    for (let page = 1; ; page++) {
      seen.add(url)
      const res = await api.request(`GET ${url}`, { request: { validate: pullFilesCheck } })
      entries.push(...parseEntries(res.data, `page ${page} of the files of pull request #${number}`))
      const next = nextPageUrl(res.headers.link, api.apiBaseUrl, seen)
      if (!next) return entries
      if (page >= MAX_PULL_FILE_PAGES) {
        throw new ApiError(`the files of pull request #${number} go on past ${MAX_PULL_FILE_PAGES} pages (the API lists at most ${PULL_FILES_LIMIT} files); not followed`, false)
      }
      url = next
    }
  }

  /**
   * When the API failed but the checkout has both commits, the changed files
   * from git diff (said in a warning); else undefined and the caller fails.
   */
  private async gitInstead(base: string | undefined, head: string | undefined, err: unknown, what: string): Promise<ChangedFiles | undefined> {
    if (!base || !head || ZERO_SHA.test(base) || ZERO_SHA.test(head)) return undefined
    const git = this.deps.git ?? defaultGit
    if (!(await bothCommits(git, this.settings.workspace, base, head))) return undefined
    const res = await this.viaGit(base, head, `the GitHub API failed ${what}`)
    if (res.mode !== 'changed') return undefined
    this.warn(`${what} through the GitHub API failed (${describeApiError(err)}); the changed files are taken from git diff ${short(base)}...${short(head)} in the checkout instead`)
    return res
  }

  async push(): Promise<ChangedFiles> {
    const { before, after, deleted } = this.ctx.payload
    if (deleted) {
      return { mode: 'changed', files: [], notices: ['the push deleted the branch: nothing to check'], patches: new Map() }
    }
    const head = after || this.ctx.sha
    if (!before || ZERO_SHA.test(before)) {
      return all(['new branch (no previous commit to compare with): checking all spec files'])
    }
    if (!head) return all(['the push event has no head commit: checking all spec files'])
    return this.compare(before, head, 'push')
  }

  async mergeGroup(): Promise<ChangedFiles> {
    const mg = this.ctx.payload.merge_group
    if (!mg?.base_sha || !mg.head_sha) {
      return all(['the merge_group payload has no base_sha/head_sha: checking all spec files'])
    }
    return this.compare(mg.base_sha, mg.head_sha, 'merge group')
  }

  private async compare(base: string, head: string, what: string): Promise<ChangedFiles> {
    if (!this.deps.api || !this.ctx.owner || !this.ctx.repo) {
      return this.viaGit(base, head, !this.deps.api ? 'no github-token' : 'GITHUB_REPOSITORY is not set')
    }
    let files: Entry[]
    try {
      // Paging this endpoint pages the commits; the changed files (at most
      // 300 for the whole comparison) are only on the first page, so one
      // request with a small page of commits is enough.
      const res = await this.deps.api.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
        owner: this.ctx.owner,
        repo: this.ctx.repo,
        basehead: `${base}...${head}`,
        per_page: 1,
        page: 1,
        request: { validate: compareCheck }
      })
      files = compareEntries(res.data)
    } catch (err) {
      const status = errorStatus(err)
      if (status === 404 || status === 422) {
        return all([
          `GitHub cannot compare ${short(base)}...${short(head)} (${describeApiError(err)}), e.g. after a force push: checking all spec files`
        ])
      }
      const viaGit = await this.gitInstead(base, head, err, `comparing ${short(base)}...${short(head)}`)
      if (viaGit) return viaGit
      throw err
    }
    if (files.length >= COMPARE_FILES_LIMIT) {
      this.warn(
        `the ${what} changes ${files.length} or more files, the most the GitHub compare API lists; ` +
          'taking the changed files from git diff in the workspace instead'
      )
      return this.viaGit(base, head, `the ${what} is too large for the compare API`)
    }
    return this.changed(files)
  }

  /** `git diff --name-status base...head` in the workspace, or scope all when that cannot be done. */
  private async viaGit(base: string | undefined, head: string | undefined, why: string): Promise<ChangedFiles> {
    if (!base || !head || ZERO_SHA.test(base) || ZERO_SHA.test(head)) {
      return all([`${why} and the base/head commits are unknown: checking all spec files`])
    }
    const git = this.deps.git ?? defaultGit
    const cwd = this.settings.workspace
    const pre = ['-c', `safe.directory=${cwd}`]
    if (!(await bothCommits(git, cwd, base, head))) {
      return all([
        `${why} and commits ${short(base)}/${short(head)} are not both in the workspace ` +
          '(use actions/checkout with fetch-depth: 0): checking all spec files'
      ])
    }
    let out: string
    try {
      out = await git([...pre, 'diff', '--name-status', '-z', '--no-renames', `${base}...${head}`], cwd)
    } catch (err) {
      return all([`${why} and ${(err as Error).message}: checking all spec files`])
    }
    return this.changed(parseNameStatus(out), [`${why}: changed files taken from git diff ${short(base)}...${short(head)}`])
  }
}

/** True when both commits are in the checkout. */
async function bothCommits(git: GitRunner, cwd: string, base: string, head: string): Promise<boolean> {
  try {
    for (const sha of [base, head]) await git(['-c', `safe.directory=${cwd}`, 'cat-file', '-e', `${sha}^{commit}`], cwd)
    return true
  } catch {
    return false
  }
}

/** Parses `git diff --name-status -z` output (`S\0path\0`, renames/copies `R100\0old\0new\0`). */
export function parseNameStatus(out: string): Entry[] {
  const parts = out.split('\0')
  const entries: Entry[] = []
  let i = 0
  while (i < parts.length) {
    const status = parts[i++] ?? ''
    if (status === '') continue
    const code = status[0]
    if (code === 'R' || code === 'C') {
      i++ // old name
      const filename = parts[i++] ?? ''
      entries.push({ filename, status: code === 'R' ? 'renamed' : 'copied' })
    } else {
      const filename = parts[i++] ?? ''
      entries.push({ filename, status: code === 'D' ? 'removed' : code === 'A' ? 'added' : 'modified' })
    }
  }
  return entries
}

function subcommand(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++
    else return args[i] ?? ''
  }
  return ''
}

function short(sha: string): string {
  return /^[0-9a-f]{40,64}$/i.test(sha) ? sha.slice(0, 7) : sha
}
