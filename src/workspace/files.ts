/**
 * The small file-system helper: list spec files, read them without ever
 * leaving the workspace. Paths handed around are workspace-relative with
 * forward slashes.
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs'
import path from 'node:path'
import type { Settings } from '../config/config.js'
import { DEFAULT_NOT_SPECS, isProposalReadme, isTemplateFile } from '../engine/discover.js'
import { globMatcher, GlobError } from '../config/glob.js'
import { ConfigError } from '../config/config.js'
import { leavesBase } from '../config/paths.js'

/** Larger files are refused (the engine is linear, but a spec this big is a mistake). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024

const SKIP_DIRS = new Set(['.git', 'node_modules'])

export type ReadProblem = 'missing' | 'outside' | 'unreadable' | 'not-a-file' | 'too-large'
export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string; problem: ReadProblem }

/** Workspace-relative, forward slashes; throws when the path leaves the workspace. */
export function toRelative(workspace: string, p: string): string {
  const abs = path.resolve(workspace, p)
  const rel = path.relative(workspace, abs)
  if (rel === '') return '.'
  if (leavesBase(rel)) throw new Error(`"${p}" is outside the workspace`)
  return rel.split(path.sep).join('/')
}

function inside(workspace: string, abs: string): boolean {
  return !leavesBase(path.relative(workspace, abs))
}

const realWorkspaces = new Map<string, string>()
function realWorkspace(ws: string): string {
  let r = realWorkspaces.get(ws)
  if (r === undefined) {
    try {
      r = realpathSync.native(ws)
    } catch {
      r = ws
    }
    realWorkspaces.set(ws, r)
  }
  return r
}

/**
 * Read a workspace file. Refuses paths with `..` that leave the workspace and
 * symlinks that resolve outside it; never follows them to read. Synchronous
 * underneath: for many small files, the thread-pool round trips of
 * fs/promises cost more than the reads.
 */
export async function readWorkspaceFile(workspace: string, file: string): Promise<ReadResult> {
  return readWorkspaceFileSync(workspace, file)
}

export function readWorkspaceFileSync(workspace: string, file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const ws = path.resolve(workspace)
  const abs = path.resolve(ws, file)
  if (!inside(ws, abs)) return { ok: false, problem: 'outside', error: `refused: "${file}" is outside the workspace` }
  let real: string
  let st: ReturnType<typeof lstatSync>
  try {
    // Fast path: the folder's real path (cached) plus one lstat of the file;
    // a symbolic link is resolved in full.
    st = lstatSync(abs)
    real = st.isSymbolicLink() ? realpathSync.native(abs) : path.join(realDir(path.dirname(abs)), path.basename(abs))
    if (st.isSymbolicLink()) st = statSync(real)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      let dangling = false
      try {
        dangling = lstatSync(abs).isSymbolicLink()
      } catch {
        /* not there at all */
      }
      return {
        ok: false,
        problem: dangling ? 'outside' : 'missing',
        error: dangling
          ? `refused: "${file}" is a symbolic link to a missing file`
          : `"${file}" is not in the workspace; check out the commit that changed it (actions/checkout with the pull request's head)`
      }
    }
    return { ok: false, problem: 'unreadable', error: `cannot read "${file}": ${code ?? String(e)}` }
  }
  if (!inside(realWorkspace(ws), real)) return { ok: false, problem: 'outside', error: `refused: "${file}" is a symbolic link that points outside the workspace` }
  if (!st.isFile()) return { ok: false, problem: 'not-a-file', error: `"${file}" is not a regular file` }
  try {
    return readRegularFile(real, file, maxBytes)
  } catch (e) {
    return { ok: false, problem: 'unreadable', error: `cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? String(e)}` }
  }
}

/**
 * Read a file that was a regular file when looked at, without trusting that
 * it still is: opened non-blocking (a FIFO swapped in cannot hang the open),
 * checked again on the open descriptor, and never more than maxBytes + 1
 * bytes read (a file that grows, or a device, cannot exhaust memory).
 */
function readRegularFile(real: string, file: string, maxBytes: number): ReadResult {
  const fd = openSync(real, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW)
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { ok: false, problem: 'not-a-file', error: `"${file}" is not a regular file` }
    const tooLarge = (n: number): ReadResult => ({
      ok: false,
      problem: 'too-large',
      error: `"${file}" is ${n} bytes, over the ${maxBytes}-byte limit`
    })
    if (st.size > maxBytes) return tooLarge(st.size)
    let buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1)
    let n = 0
    for (;;) {
      if (n === buf.length) {
        if (buf.length > maxBytes) return tooLarge(n)
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1))
        buf.copy(bigger, 0, 0, n)
        buf = bigger
      }
      const got = readSync(fd, buf, n, buf.length - n, null)
      if (got === 0) break
      n += got
    }
    if (n > maxBytes) return tooLarge(n)
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, n) }
  } finally {
    closeSync(fd)
  }
}

// Per-process caches: a run reads many files from few folders. The action and
// the CLI are short-lived processes, so the tree does not change under them.
const realDirs = new Map<string, string>()

/** Real path of a folder (cached); throws like realpath when it does not exist. */
function realDir(dir: string): string {
  let r = realDirs.get(dir)
  if (r === undefined) {
    r = realpathSync.native(dir)
    realDirs.set(dir, r)
  }
  return r
}

/** Does this file exist as a regular file inside the workspace? */
export async function workspaceFileExists(workspace: string, file: string): Promise<boolean> {
  const ws = path.resolve(workspace)
  const abs = path.resolve(ws, file)
  if (!inside(ws, abs)) return false
  // Most candidates (template discovery) do not exist: one lstat answers that.
  const entry = lstatSync(abs, { throwIfNoEntry: false })
  if (!entry) return false
  try {
    if (entry.isFile()) return inside(realWorkspace(ws), realDir(path.dirname(abs)))
    const real = realpathSync.native(abs)
    return inside(realWorkspace(ws), real) && statSync(real).isFile()
  } catch {
    return false
  }
}

/** Linear-time matcher (src/glob.ts); a refused pattern is a ConfigError naming the setting. */
function matcher(globs: readonly string[], key: string, dot = false): (p: string) => boolean {
  try {
    return globMatcher(globs, { dot })
  } catch (e) {
    if (e instanceof GlobError) throw new ConfigError(`"${key}": ${e.message} (${globs.map(g => JSON.stringify(g)).join(', ')})`)
    throw e
  }
}

/** Matches the spec globs, is not excluded and is not a template. */
export function isSpecPath(file: string, settings: Settings): boolean {
  return specFilter(settings)(file)
}

export function specFilter(settings: Settings): (file: string) => boolean {
  const inc = matcher(settings.paths, 'paths')
  const exc = matcher(settings.exclude, 'exclude')
  const notSpec = notSpecFilter(settings)
  const tpl = settings.template ? templateRelative(settings) : undefined
  // template-ref: base: template-named files are kept; the caller drops those that are templates at the base.
  const keepTemplates = settings.keepTemplateNames === true
  return file => inc(file) && !exc(file) && (!notSpec(file) || (keepTemplates && isTemplateFile(file))) && file !== tpl
}

/** The explicit template, workspace-relative; undefined when it is outside (the CLI reads a named template anywhere). */
function templateRelative(settings: Settings): string | undefined {
  try {
    return toRelative(settings.workspace, settings.template!)
  } catch {
    return undefined
  }
}

/**
 * Is this file not a spec by its name (settings.notSpecs, default index,
 * README and template files)? Matched on the file name, ignoring case.
 */
export function notSpecFilter(settings: Pick<Settings, 'notSpecs'>): (file: string) => boolean {
  const names = settings.notSpecs ?? DEFAULT_NOT_SPECS
  if (names.length === 0) return () => false
  const m = matcher(names.map(n => n.toLowerCase()), 'not-specs', true)
  const byName = (file: string): boolean => m(file.slice(file.lastIndexOf('/') + 1).toLowerCase())
  // By default a KEP's README.md (in its numbered folder) is a spec, and a template folder's README.md is not.
  if (settings.notSpecs === undefined) return file => (byName(file) && !isProposalReadme(file)) || isTemplateFile(file)
  return byName
}

/** A folder that could not be listed (workspace-relative, "." for the root) and why. */
export type OnUnreadable = (dir: string, code: string) => void

/**
 * Every workspace file matching the settings, sorted. Does not follow
 * directory symlinks. A folder that cannot be listed is passed to
 * onUnreadable (the CLI makes it an error; nothing is silently skipped).
 */
export async function expandGlobs(settings: Settings, onUnreadable?: OnUnreadable): Promise<string[]> {
  const keep = specFilter(settings)
  const out: string[] = []
  await walk(path.resolve(settings.workspace), '', out, keep, onUnreadable)
  return out.sort()
}

async function walk(root: string, rel: string, out: string[], keep: (f: string) => boolean, onUnreadable?: OnUnreadable): Promise<void> {
  let entries: Dirent[]
  try {
    entries = readdirSync(path.join(root, rel), { withFileTypes: true })
  } catch (e) {
    onUnreadable?.(rel || '.', (e as NodeJS.ErrnoException).code ?? String(e))
    return
  }
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(root, child, out, keep, onUnreadable)
    } else if ((e.isFile() || e.isSymbolicLink()) && keep(child)) {
      out.push(child)
    }
  }
}

/**
 * Is there at least one workspace file matching the settings (the `paths`
 * globs, not excluded, not a template)? Stops at the first match.
 */
export async function hasSpecFile(settings: Settings): Promise<boolean> {
  const keep = specFilter(settings)
  const root = path.resolve(settings.workspace)
  const stack = ['']
  while (stack.length > 0) {
    const rel = stack.pop()!
    let entries: Dirent[]
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true })
    } catch {
      continue
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(child)
      } else if ((e.isFile() || e.isSymbolicLink()) && keep(child)) {
        return true
      }
    }
  }
  return false
}

/**
 * The names of the regular files (or links to them) in a workspace folder
 * ('' = the root), or with `subfolders` the names of its folders; none when
 * the folder leaves the workspace, also through a symbolic link.
 */
export function listWorkspaceFolder(workspace: string, folder: string, subfolders = false): string[] {
  const ws = path.resolve(workspace)
  const abs = path.resolve(ws, folder)
  if (!inside(ws, abs)) return []
  try {
    if (!inside(realWorkspace(ws), realDir(abs))) return []
    return readdirSync(abs, { withFileTypes: true })
      .filter(e => (subfolders ? e.isDirectory() : e.isFile() || e.isSymbolicLink()))
      .map(e => e.name)
  } catch {
    return []
  }
}
