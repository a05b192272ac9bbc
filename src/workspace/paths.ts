/**
 * Which files the CLI checks, and where it reads them.
 *
 * What the user names is read wherever it is: a file or folder argument,
 * `--template`. What the tool finds on its own (files met while walking a
 * folder, symbolic links among them, templates by discovery, configuration
 * mappings) stays inside the root: `--root`, by default the repository's top
 * folder (git), else the current folder. An argument outside the root is
 * checked in its own root (its repository's top folder, else the folder
 * itself), without the configuration file's mappings.
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import path from 'node:path'
import { ConfigError, type Settings } from '../config/config.js'
import { leavesBase } from '../config/paths.js'
import { childProcess } from './builtins.js'
import { MAX_FILE_BYTES, expandGlobs, notSpecFilter, readWorkspaceFile, type OnUnreadable, type ReadResult } from './files.js'

/** The repository's top folder (git), else `cwd`. */
export function defaultRoot(cwd: string): string {
  // Starting git costs more than checking all the specs of a small folder:
  // where git could find nothing to stand on, its answer is known.
  if (!mayBeInRepository(cwd)) return cwd
  try {
    const out = childProcess().execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
      windowsHide: true
    }).trim()
    return out ? path.resolve(out) : cwd
  } catch {
    return cwd
  }
}

/**
 * False when `git rev-parse --show-toplevel` in `dir` must fail: no variable
 * names a git directory (GIT_DIR, GIT_WORK_TREE, GIT_COMMON_DIR), and neither
 * `dir` nor a folder above it holds a `.git`
 * entry (folder, file or link) or looks like a git directory itself (has a
 * HEAD), which is where git's discovery looks. True whenever in doubt.
 */
export function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined || process.env.GIT_COMMON_DIR !== undefined) return true
  let d = path.resolve(dir)
  for (;;) {
    try {
      if (lstatSync(path.join(d, '.git'), { throwIfNoEntry: false }) || lstatSync(path.join(d, 'HEAD'), { throwIfNoEntry: false })) return true
    } catch {
      return true
    }
    const up = path.dirname(d)
    if (up === d) return false
    d = up
  }
}

/** Files to check under one root. */
export interface FileGroup {
  /** Absolute folder the files are relative to. */
  root: string
  /** How the root is written from the main root ('' for the main root, else e.g. "../other"). */
  prefix: string
  /** Root-relative paths, sorted. */
  files: string[]
  /** Files the user named one by one: read wherever their links lead. */
  named: Set<string>
}

export interface Selection {
  groups: FileGroup[]
  /** Named files that are not checked, with why (said on stderr). */
  skipped: { file: string; why: string }[]
}

/** Root-relative path with forward slashes, or undefined when `abs` is outside `root`. */
function relInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs)
  if (rel === '') return '.'
  if (leavesBase(rel)) return undefined
  return rel.split(path.sep).join('/')
}

/** The files a folder given on the command line stands for: RST and Markdown specs. */
const SPEC_EXTENSIONS = ['.rst', '.md', '.markdown']

/**
 * Files, folders (their *.rst, *.md and *.markdown files, recursively) and globs -> files per
 * root. Arguments are relative to `cwd`; globs are matched inside the root.
 * With `anyName` (--outline) a named file is taken whatever its name.
 */
export async function selectFiles(
  inputs: string[],
  settings: Settings,
  options: { cwd: string; anyName?: boolean; template?: string; onUnreadable?: OnUnreadable }
): Promise<Selection> {
  const root = settings.workspace
  const groups = new Map<string, FileGroup>()
  const skipped: Selection['skipped'] = []
  const notSpec = notSpecFilter(settings)
  const group = (r: string): FileGroup => {
    let g = groups.get(r)
    if (!g) {
      const prefix = r === root ? '' : path.relative(root, r).split(path.sep).join('/')
      groups.set(r, (g = { root: r, prefix, files: [], named: new Set() }))
    }
    return g
  }
  const cwdInRoot = relInside(root, options.cwd)
  const cwdResolved = path.resolve(options.cwd) === options.cwd
  const template = options.template === undefined ? undefined : path.resolve(options.template)
  for (const input of inputs) {
    // picomatch only calls a pattern a glob when it has one of * ? [ { (: skip its parser (and its
    // load, a module of its own in the bundle) for plain names.
    if (/[*?[{(]/.test(input) && (await import('picomatch')).default.scan(input).isGlob) {
      if (cwdInRoot === undefined) throw new ConfigError(`glob "${input}": the current folder is outside ${root}; pass --root`)
      const glob = (cwdInRoot === '.' ? '' : `${cwdInRoot}/`) + input.replace(/^\.\//, '')
      const matched = await expandGlobs({ ...settings, paths: [glob] }, options.onUnreadable)
      if (matched.length === 0) throw new ConfigError(`no spec files match "${input}"`)
      group(root).files.push(...matched)
      continue
    }
    // A plain relative name (the common case: a long list of files) is joined, not resolved.
    const plain = cwdResolved && isPlainName(input)
    const abs = plain ? (options.cwd.endsWith('/') ? options.cwd : options.cwd + '/') + input : path.resolve(options.cwd, input)
    const st = statOrUndefined(abs)
    if (!st) throw new ConfigError(`path "${input}" does not exist`)
    const inRoot = plain && cwdInRoot !== undefined ? (cwdInRoot === '.' ? input : `${cwdInRoot}/${input}`) : relInside(root, abs)
    const base = inRoot !== undefined ? root : foreignRoot(st.isDirectory() ? abs : path.dirname(abs))
    const rel = inRoot ?? relInside(base, abs)!
    const g = group(base)
    if (st.isDirectory()) {
      const prefix = rel === '.' ? '' : `${rel}/`
      const gs = base === root ? settings : { ...settings, workspace: base }
      g.files.push(...(await expandGlobs({ ...gs, paths: SPEC_EXTENSIONS.map(ext => `${prefix}**/*${ext}`) }, options.onUnreadable)))
      continue
    }
    const shown = g.prefix ? `${g.prefix}/${rel}` : rel
    if (template !== undefined && template === abs && !options.anyName) {
      skipped.push({ file: shown, why: 'it is the template (--template)' })
    } else if (!options.anyName && notSpec(rel)) {
      skipped.push({
        file: shown,
        why: 'index, README and template files are not specs (set not-specs, or --not-specs none, to check it)'
      })
    } else {
      g.files.push(rel)
      g.named.add(rel)
    }
  }
  const out = [...groups.values()].map(g => ({ ...g, files: [...new Set(g.files)].sort() }))
  return { groups: out.filter(g => g.files.length > 0), skipped }
}

/**
 * A relative path whose parts are all names (no "", "." or ".." part), on a
 * system whose separator is "/": path.resolve(cwd, p) is cwd + "/" + p, and
 * it stays inside cwd.
 */
function isPlainName(p: string): boolean {
  if (path.sep !== '/' || p === '' || p.startsWith('/') || p.includes('\0')) return false
  return onlyNameParts(p)
}

/** Every "/"-separated part of p is a name: none empty, none "." or "..". Without splitting (once per spec). */
export function onlyNameParts(p: string): boolean {
  for (let start = 0; start <= p.length; ) {
    let end = p.indexOf('/', start)
    if (end < 0) end = p.length
    const len = end - start
    if (len === 0 || (len <= 2 && p.charCodeAt(start) === 46 && (len === 1 || p.charCodeAt(start + 1) === 46))) return false
    start = end + 1
  }
  return true
}

/** The root for a path outside the main root: its repository's top folder, else the folder itself. */
function foreignRoot(dir: string): string {
  const top = defaultRoot(dir)
  return top === dir || relInside(top, dir) !== undefined ? top : dir
}

/**
 * Reads a spec of a group: a named file wherever its links lead (a regular
 * file, at most MAX_FILE_BYTES); a found one only inside the group's root.
 */
export function specReader(g: FileGroup): (file: string) => Promise<ReadResult> {
  // A plain name under a resolved root is joined, not resolved (a long list of named files).
  const joinable = path.resolve(g.root) === g.root
  const base = g.root.endsWith('/') ? g.root : `${g.root}/`
  const abs = (file: string): string => (joinable && isPlainName(file) ? base + file : path.resolve(g.root, file))
  return async file => (g.named.has(file) ? readNamedFile(abs(file), file) : readWorkspaceFile(g.root, file))
}

/** A file the user named: followed wherever it leads, but only a regular file of at most MAX_FILE_BYTES. */
export function readNamedFile(abs: string, shown: string): ReadResult {
  let fd: number | undefined
  try {
    // One open (following links; non-blocking, so a FIFO or device never waits) and the
    // checks on what was opened, instead of lstat + realpath + stat + read by path.
    fd = openSync(abs, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY)
    const st = fstatSync(fd)
    if (!st.isFile()) return { ok: false, problem: 'not-a-file', error: `"${shown}" is not a regular file` }
    if (st.size > MAX_FILE_BYTES) {
      return { ok: false, problem: 'too-large', error: `"${shown}" is ${st.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a spec` }
    }
    // Size 0 may be a file that does not know its size (/proc): read to the end.
    if (st.size === 0) return { ok: true, bytes: readFileSync(fd) }
    // The size is known: read it (as readFileSync(fd) does, without its second fstat).
    const bytes = Buffer.allocUnsafe(st.size)
    let n = 0
    while (n < bytes.length) {
      const got = readSync(fd, bytes, n, bytes.length - n, null)
      if (got === 0) break
      n += got
    }
    return { ok: true, bytes: n === bytes.length ? bytes : bytes.subarray(0, n) }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', error: `"${shown}" does not exist` }
    return { ok: false, problem: 'unreadable', error: `cannot read "${shown}": ${code ?? String(e)}` }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** How a path given on the command line is shown: relative to the root when inside it, else as from the root ("../x"). */
export function shownPath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/') || '.'
}

function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p)
  } catch {
    return undefined
  }
}
