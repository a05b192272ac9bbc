/**
 * Finds and loads the template for each spec (explicit, discovered, or the
 * embedded default), once per template file.
 *
 * Where template files come from is a TemplateSource: the workspace by
 * default; for the action's `template-ref: base`, a commit (git in the
 * checkout, or the GitHub API). Discovery asks the same source which
 * candidates exist, so a pull request that adds, edits or deletes a template
 * does not change the rules it is checked against.
 */
import { execFile } from 'node:child_process'
import { globMatcher } from './glob.js'
import type { TemplateRules } from './engine/types.js'
import type { TemplateMapping } from './config-file.js'
import { ConfigError, type Settings } from './config.js'
import { readWorkspaceFile, toRelative, workspaceFileExists } from './files.js'
import { templateCandidates, templateScope } from './engine/discover.js'
import { deriveTemplate } from './engine/template.js'
import { scan } from './engine/scan.js'
import { decode } from './engine/decode.js'
import { DEFAULT_TEMPLATE_TEXT } from './engine/default-template.generated.js'

export const EMBEDDED_TEMPLATE = '(embedded default)'

export interface LoadedTemplate {
  rules: TemplateRules
  /** Sections this template makes optional (from configuration). */
  optionalSections: string[]
  /** Top-level titles this template allows besides its own (from configuration). */
  allowedSections?: string[]
}

/** Where template files are read from. Paths are workspace-relative with forward slashes. */
export interface TemplateSource {
  /** For messages: "the workspace", "the base commit abc1234". */
  readonly description: string
  /** Is there a regular file (or a link to one) at this path? */
  exists(path: string): Promise<boolean>
  /**
   * The file's text. Throws TemplateSourceError (one line, without the path)
   * when it is missing, unreadable or not UTF-8 text.
   */
  read(path: string): Promise<string>
}

/** A template file that cannot be read from its source: an expected, one-line failure. */
export class TemplateSourceError extends ConfigError {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Something noteworthy about the templates, e.g. a template the change adds that the base commit does not have. */
export interface TemplateNote {
  kind: 'not-in-source'
  /** The template that exists in the workspace but not in the source (workspace-relative). */
  template: string
  /** The spec whose discovery skipped it. */
  spec: string
  /** The template used instead (a path, or EMBEDDED_TEMPLATE). */
  usedInstead: string
  /** The source's description, e.g. "the base commit abc1234". */
  source: string
}

/** Largest template we read (same limit as for a spec). */
const MAX_TEMPLATE_BYTES = 32 * 1024 * 1024

/** Bytes -> template text; TemplateSourceError for binary / non-UTF-8 content. */
export function decodeTemplate(bytes: Uint8Array): string {
  const d = decode(bytes)
  if (!d.ok) throw new TemplateSourceError(`line ${d.line}: ${d.error}`)
  return d.text
}

/**
 * Is this a plain workspace-relative path: no "..", "." or empty parts, not
 * absolute, no NUL (and on Windows no backslash, which is a separator there)?
 */
export function isPlainRelativePath(p: string, platform: NodeJS.Platform = process.platform): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\0')) return false
  if (platform === 'win32' && (p.includes('\\') || /^[A-Za-z]:/.test(p))) return false
  return p.split('/').every(part => part !== '' && part !== '.' && part !== '..')
}

/** The workspace as a template source (never reads outside it, also not through symbolic links). */
export function workspaceTemplateSource(workspace: string): TemplateSource {
  return {
    description: 'the workspace',
    exists: file => workspaceFileExists(workspace, file),
    async read(file) {
      const r = await readWorkspaceFile(workspace, file)
      if (!r.ok) throw new TemplateSourceError(r.problem === 'missing' ? 'file not found' : r.error)
      return decodeTemplate(r.bytes)
    }
  }
}

/** Runs git with an argument list (never through a shell) in `cwd`; resolves to stdout as bytes. */
export type GitBytesRunner = (args: string[], cwd: string) => Promise<Buffer>

export const defaultGitBytes: GitBytesRunner = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: MAX_TEMPLATE_BYTES + 1024, timeout: 60_000, windowsHide: true, encoding: 'buffer' },
      (err, stdout, stderr) => {
        if (err) {
          const detail = Buffer.from(stderr ?? '').toString('utf8').trim().split('\n')[0] || err.message
          reject(new Error(detail))
        } else resolve(stdout)
      }
    )
  })

export interface GitTemplateSourceOptions {
  /** The checkout (git work tree) = the workspace. */
  workspace: string
  /** The commit to read from (must be in the repository: see gitHasCommit). */
  sha: string
  /** For messages, e.g. "the base commit abc1234". */
  description?: string
  git?: GitBytesRunner
}

function gitPrefix(workspace: string): string[] {
  return ['-c', `safe.directory=${workspace}`]
}

/** Is `sha` a commit in the workspace's repository? */
export async function gitHasCommit(workspace: string, sha: string, git: GitBytesRunner = defaultGitBytes): Promise<boolean> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return false
  try {
    await git([...gitPrefix(workspace), 'cat-file', '-e', `${sha}^{commit}`], workspace)
    return true
  } catch {
    return false
  }
}

/**
 * Template files as they are in a commit of the workspace's repository:
 * `git cat-file -t <sha>:./<path>` to see whether it is a file, then
 * `git show <sha>:./<path>` (execFile with an argument list, no shell). A
 * symbolic link in the commit reads as its target path, which TemplateCache
 * follows inside the repository.
 */
export function gitTemplateSource(options: GitTemplateSourceOptions): TemplateSource {
  const { workspace, sha } = options
  const git = options.git ?? defaultGitBytes
  const pre = gitPrefix(workspace)
  const description = options.description ?? `commit ${sha.slice(0, 7)}`
  const kinds = new Map<string, Promise<string | undefined>>()
  const kind = (file: string): Promise<string | undefined> => {
    let k = kinds.get(file)
    if (!k) {
      k = isPlainRelativePath(file)
        ? git([...pre, 'cat-file', '-t', `${sha}:./${file}`], workspace).then(
            out => out.toString('utf8').trim(),
            () => undefined
          )
        : Promise.resolve(undefined)
      kinds.set(file, k)
    }
    return k
  }
  return {
    description,
    exists: async file => (await kind(file)) === 'blob',
    async read(file) {
      const k = await kind(file)
      if (k === undefined) throw new TemplateSourceError(`not in ${description}`)
      if (k !== 'blob') throw new TemplateSourceError(`not a file in ${description}`)
      let bytes: Buffer
      try {
        bytes = await git([...pre, 'show', `${sha}:./${file}`], workspace)
      } catch (err) {
        throw new TemplateSourceError(`cannot read it from ${description}: git show failed: ${(err as Error).message}`)
      }
      return decodeTemplate(bytes)
    }
  }
}

export interface TemplateCacheOptions {
  /** Where template files are read from (default: the workspace). */
  source?: TemplateSource
  /**
   * When the source is not the workspace: the workspace, to notice templates
   * that exist there but not in the source (e.g. one the pull request adds).
   */
  compareWith?: TemplateSource
  onNote?: (note: TemplateNote) => void
}

export function templateFromText(text: string, source: string, embedded: boolean, sectionDepth: number): TemplateRules {
  const rules = deriveTemplate(scan(text), { source, embedded }, sectionDepth)
  if (rules.sections.length === 0) {
    throw new ConfigError(`template ${source}: no sections found; a template needs a title and at least one section`)
  }
  // Two sections with one title under the same parent make the structure ambiguous.
  const check = (list: TemplateRules['sections']): void => {
    const seen = new Map<string, number>()
    for (const t of list) {
      const first = seen.get(t.title)
      if (first !== undefined) {
        throw new ConfigError(
          `template ${source}: section "${t.title}" appears twice under the same parent (lines ${first} and ${t.line}); titles of sibling sections must differ`
        )
      }
      seen.set(t.title, t.line)
      check(t.children)
    }
  }
  check(rules.sections)
  return rules
}

export class TemplateCache {
  private readonly loaded = new Map<string, Promise<LoadedTemplate>>()
  private readonly discovered = new Map<string, Promise<boolean>>()
  private readonly source: TemplateSource
  private readonly noted = new Set<string>()

  constructor(
    private readonly settings: Settings,
    private readonly texts: Map<string, string> = new Map(),
    private readonly options: TemplateCacheOptions = {}
  ) {
    this.source = options.source ?? workspaceTemplateSource(settings.workspace)
  }

  /** The explicit template (settings.template); ConfigError when it is missing or empty. */
  explicit(): Promise<LoadedTemplate> {
    const file = this.settings.template!
    let rel: string
    try {
      rel = toRelative(this.settings.workspace, file)
    } catch {
      return Promise.reject(new ConfigError(`template: "${file}" is outside the workspace`))
    }
    return this.load(rel)
  }

  async forSpec(spec: string): Promise<LoadedTemplate> {
    if (this.settings.template) return this.explicit()
    const mapped = this.mapped(spec)
    if (mapped) {
      const t = await this.load(mapped.template)
      return {
        ...t,
        optionalSections: [...t.optionalSections, ...mapped.optionalSections],
        allowedSections: [...(t.allowedSections ?? []), ...(mapped.allowedSections ?? [])]
      }
    }
    const found = await this.discover(spec)
    await this.noteSkipped(spec, found ?? EMBEDDED_TEMPLATE)
    return found ? this.load(found) : this.load(EMBEDDED_TEMPLATE)
  }

  /**
   * With a source other than the workspace: the candidates before the chosen
   * template that the workspace has but the source does not (a template the
   * change adds) are reported through options.onNote, once per spec.
   */
  private async noteSkipped(spec: string, used: string): Promise<void> {
    const { compareWith, onNote } = this.options
    if (!compareWith || !onNote) return
    for (const candidate of templateCandidates(spec)) {
      if (candidate === used) break
      if (candidate === spec) continue // a file named like a template, checked as a spec, is not its own template
      if (this.texts.has(candidate) || (await this.exists(candidate))) continue
      if (!(await compareWith.exists(candidate))) continue
      const key = `${candidate}\0${spec}`
      if (this.noted.has(key)) continue
      this.noted.add(key)
      onNote({ kind: 'not-in-source', template: candidate, spec, usedInstead: used, source: this.source.description })
    }
  }

  /** The configuration file's template for this spec; two different ones are an error. */
  private mapped(spec: string): TemplateMapping | undefined {
    const maps = this.settings.templates
    if (!maps?.length) return undefined
    const hits = maps.filter(m => globMatcher(m.files, { dot: true })(spec))
    const first = hits[0]
    const rival = hits.find(m => m.template !== first?.template)
    if (first && rival) {
      throw new ConfigError(
        `two templates for ${spec}: ${first.template} (files: ${first.files.join(', ')}) and ${rival.template} (files: ${rival.files.join(', ')}); make the "templates" globs of the configuration file not overlap`
      )
    }
    return first
  }

  private async discover(spec: string): Promise<string | undefined> {
    const candidates = templateCandidates(spec)
    for (const candidate of candidates) {
      if (!(await this.exists(candidate))) continue
      // Two templates that claim the same folder are ambiguous.
      const scope = templateScope(candidate)
      for (const other of candidates) {
        if (other !== candidate && templateScope(other) === scope && (await this.exists(other))) {
          throw new ConfigError(
            `two templates for ${spec}: ${candidate} and ${other} both apply to ${scope || 'the repository root'}; remove one, or choose with the template setting`
          )
        }
      }
      return candidate
    }
    return undefined
  }

  private exists(candidate: string): Promise<boolean> {
    let exists = this.discovered.get(candidate)
    if (!exists) {
      exists = this.texts.has(candidate) ? Promise.resolve(true) : this.source.exists(candidate)
      this.discovered.set(candidate, exists)
    }
    return exists
  }

  private load(rel: string): Promise<LoadedTemplate> {
    let p = this.loaded.get(rel)
    if (!p) {
      p = this.read(rel)
      this.loaded.set(rel, p)
    }
    return p
  }

  private async read(rel: string): Promise<LoadedTemplate> {
    const depth = this.settings.sectionDepth
    if (rel === EMBEDDED_TEMPLATE) {
      return { rules: templateFromText(DEFAULT_TEMPLATE_TEXT, EMBEDDED_TEMPLATE, true, depth), optionalSections: [] }
    }
    let text = await this.readText(rel)
    // A symbolic link checked out as a text file (git with core.symlinks=false)
    // holds only the target's relative path: follow it once, inside the workspace.
    const target = symlinkTarget(text)
    if (target) {
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : ''
      const resolved = normalize(dir + target)
      if (resolved && (await this.exists(resolved))) {
        text = await this.readText(resolved)
      }
    }
    return { rules: templateFromText(text, rel, false, depth), optionalSections: [] }
  }

  private async readText(rel: string): Promise<string> {
    const given = this.texts.get(rel)
    if (given !== undefined) return given
    try {
      return await this.source.read(rel)
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(`template ${rel}: ${err.message}`)
      throw err
    }
  }
}

/** The path in a one-line file that looks like a git symlink stored as text, e.g. "2027.1-template.rst". */
function symlinkTarget(text: string): string | undefined {
  const t = text.trim()
  return /^[^\s]+\.rst$/.test(t) && !t.includes('\n') ? t : undefined
}

/** Resolve "." and ".." in a workspace-relative path; undefined when it would leave the workspace. */
function normalize(p: string): string | undefined {
  const out: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length === 0) return undefined
      out.pop()
    } else out.push(part)
  }
  return out.join('/')
}
