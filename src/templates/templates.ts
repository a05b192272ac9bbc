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
import { globMatcher } from '../config/glob.js'
import type { TemplateChoice, TemplateRules } from '../engine/types.js'
import type { TemplateMapping } from '../config/file.js'
import { ConfigError, type Settings } from '../config/config.js'
import { listWorkspaceFolder, readWorkspaceFile, toRelative, workspaceFileExists } from '../workspace/files.js'
import { onlyNameParts } from '../workspace/paths.js'
import { childProcess } from '../workspace/builtins.js'
import { bestMatch, isTemplateFolderName, isTemplateName, matchScore, templateCandidates, templateExtension, templateLevels } from '../engine/discover.js'
import { deriveTemplate } from '../engine/template.js'
import { formatOfPath, loadReader, readDocument } from '../engine/read.js'
import { decode } from '../engine/decode.js'
import { DEFAULT_TEMPLATE_TEXT } from '../engine/default-template.generated.js'

export const EMBEDDED_TEMPLATE = '(embedded default)'

export interface LoadedTemplate {
  rules: TemplateRules
  /** Sections this template makes optional (from configuration). */
  optionalSections: string[]
  /** Set when discovery chose among several candidates of one level. */
  choice?: TemplateChoice
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
  /**
   * The file names in a folder ('' = the root), for discovery's "a single
   * *-template.rst in the spec's own folder". Optional: a source without it
   * offers only the fixed names.
   */
  list?(folder: string): Promise<string[]>
  /**
   * The subfolder names of a folder, for discovery's Markdown template
   * folders (`NNNN-kep-template/README.md`). Optional, like list.
   */
  folders?(folder: string): Promise<string[]>
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
  return onlyNameParts(p)
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
    },
    list: async folder => listWorkspaceFolder(workspace, folder),
    folders: async folder => listWorkspaceFolder(workspace, folder, true)
  }
}

/** Runs git with an argument list (never through a shell) in `cwd`; resolves to stdout as bytes. */
export type GitBytesRunner = (args: string[], cwd: string) => Promise<Buffer>

export const defaultGitBytes: GitBytesRunner = (args, cwd) =>
  new Promise((resolve, reject) => {
    childProcess().execFile(
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
    },
    folders: folder => lsTree(folder, true),
    list: folder => lsTree(folder, false)
  }

  /** Names in a folder of the commit (only subfolders with `dirs`). */
  async function lsTree(folder: string, dirs: boolean): Promise<string[]> {
    if (folder !== '' && !isPlainRelativePath(folder)) return []
    const out = await git([...pre, 'ls-tree', ...(dirs ? ['-d'] : []), '--name-only', sha, '--', folder ? `${folder}/` : '.'], workspace)
    const prefix = folder ? `${folder}/` : ''
    return out
      .toString('utf8')
      .split('\n')
      .filter(p => p.startsWith(prefix) && p.length > prefix.length)
      .map(p => p.slice(prefix.length))
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

/**
 * A template that exists but cannot be used (unreadable, not text, no
 * sections, two sibling sections with one title). Each spec that uses it gets
 * this as its error (the template's path, the line, what is wrong); the other
 * specs are still checked.
 */
export class TemplateProblem extends ConfigError {
  constructor(
    readonly template: string,
    readonly problem: string,
    readonly line?: number
  ) {
    super(`template ${template}: ${problem}`)
    this.name = 'ConfigError'
  }

  /** For the spec's report: "template specs/t.rst, line 4: ...; this spec was not checked". */
  forSpec(): string {
    const at = this.line ? `${this.template}, line ${this.line}` : this.template
    return `template ${at}: ${this.problem}; this spec was not checked against it (fix the template, or choose one with the template setting)`
  }
}

/** A template's rules; its format by its name (the Markdown reader must be loaded for a `.md` template: loadReader). */
export function templateFromText(text: string, source: string, embedded: boolean, sectionDepth: number): TemplateRules {
  const rules = deriveTemplate(readDocument(text, formatOfPath(source)), { source, embedded }, sectionDepth)
  if (rules.sections.length === 0) {
    throw new TemplateProblem(source, 'no sections found; a template needs a title and at least one section', 1)
  }
  // Two sections with one title under the same parent make the structure ambiguous.
  const check = (list: TemplateRules['sections']): void => {
    const seen = new Map<string, number>()
    for (const t of list) {
      const first = seen.get(t.title)
      if (first !== undefined) {
        throw new TemplateProblem(
          source,
          `section "${t.title}" appears twice under the same parent (lines ${first} and ${t.line}); titles of sibling sections must differ`,
          t.line
        )
      }
      seen.set(t.title, t.line)
      check(t.children)
    }
  }
  check(rules.sections)
  return rules
}

/** A Markdown spec with no template: there is no embedded default for Markdown. */
export class NoTemplate extends TemplateProblem {
  constructor(problem: string) {
    super('(none)', problem)
  }

  override forSpec(): string {
    return `${this.problem}; this spec was not checked`
  }
}

/** Section titles of a template, every level, for matching a spec against it. */
function templateTitles(rules: TemplateRules): string[] {
  const out: string[] = []
  const walk = (list: TemplateRules['sections']): void => {
    for (const t of list) {
      out.push(t.title)
      walk(t.children)
    }
  }
  walk(rules.sections)
  return out
}

/** What checkOne knows about the spec when it asks for its template. */
export interface SpecInfo {
  /** The spec's section titles (every level), for choosing among several candidates. */
  titles(): string[]
}

/** Section titles of a scanned spec, without its document title (a lone outermost section). */
export function specSectionTitles(sections: readonly { level: number; title: string }[]): string[] {
  const top = sections.filter(s => s.level === 1)
  return (top.length === 1 ? sections.filter(s => s !== top[0]) : sections).map(s => s.title)
}

export class TemplateCache {
  private readonly loaded = new Map<string, Promise<LoadedTemplate>>()
  private readonly discovered = new Map<string, Promise<boolean>>()
  private readonly listed = new Map<string, Promise<string[]>>()
  /** Template extension + spec folder -> the existing candidates of its first tier that has any (undefined: none, the embedded default). */
  private readonly foundIn = new Map<string, Promise<string[] | undefined>>()
  private readonly textOf = new Map<string, string>()
  private readonly source: TemplateSource
  private readonly noted = new Set<string>()
  /** Discovery key -> the template every spec with that key gets (no choice among several, no note to make). */
  private readonly settled = new Map<string, LoadedTemplate>()
  /** The explicit template, once it loaded. */
  private explicitLoaded: LoadedTemplate | undefined

  constructor(
    private readonly settings: Settings,
    private readonly texts: Map<string, string> = new Map(),
    private readonly options: TemplateCacheOptions = {}
  ) {
    this.source = options.source ?? workspaceTemplateSource(settings.workspace)
  }

  /**
   * The explicit template (settings.template). ConfigError when it does not
   * exist; TemplateProblem when it exists but cannot be used.
   */
  explicit(): Promise<LoadedTemplate> {
    const file = this.settings.template!
    if (this.texts.has(file)) return this.load(file)
    let rel: string
    try {
      rel = toRelative(this.settings.workspace, file)
    } catch {
      return Promise.reject(new ConfigError(`template: "${file}" is outside the workspace`))
    }
    return this.named(rel)
  }

  /**
   * The template for a spec: the explicit one, the configuration file's
   * mapping, discovery, or the embedded default. Throws TemplateProblem when
   * that template cannot be used, ConfigError for a configuration mistake.
   */
  async forSpec(spec: string, info?: SpecInfo): Promise<LoadedTemplate> {
    if (this.settings.template) return (this.explicitLoaded = await this.explicit())
    const mapped = this.mapped(spec)
    if (mapped) {
      const t = await this.named(mapped.template)
      return {
        ...t,
        optionalSections: [...t.optionalSections, ...mapped.optionalSections],
        allowedSections: [...(t.allowedSections ?? []), ...(mapped.allowedSections ?? [])]
      }
    }
    const found = await this.discover(spec, info)
    await this.noteSkipped(spec, found?.template ?? EMBEDDED_TEMPLATE)
    if (!found && templateExtension(spec) === '.md') {
      throw new NoTemplate(
        'no Markdown template found (template.md, <folder>-template.md, another *-template.md beside the spec, or NNNN-*-template/README.md, in its folder or above); name one with the template setting or a "templates" mapping of the configuration file, or leave the file out of paths (exclude) if it is not a spec'
      )
    }
    if (!found) return this.settle(spec, await this.load(EMBEDDED_TEMPLATE))
    const t = await this.load(found.template)
    return found.choice ? { ...t, choice: found.choice } : this.settle(spec, t)
  }

  /**
   * What forSpec would give, without waiting, when it is already known: the
   * explicit template once it loaded, or the template discovery settled on
   * for the spec's folder (no choice among several, no note to make).
   * Undefined otherwise: ask forSpec.
   */
  known(spec: string): LoadedTemplate | undefined {
    if (this.settings.template) return this.explicitLoaded
    if (this.settings.templates?.length || this.options.compareWith) return undefined
    return this.settled.get(discoveryKey(spec))
  }

  private settle(spec: string, t: LoadedTemplate): LoadedTemplate {
    if (!this.settings.templates?.length && !this.options.compareWith) this.settled.set(discoveryKey(spec), t)
    return t
  }

  /** A template the user named (setting or mapping): one that is not there is a configuration error. */
  private async named(rel: string): Promise<LoadedTemplate> {
    if (!this.texts.has(rel) && !(await this.exists(rel))) {
      try {
        await this.source.read(rel)
      } catch (err) {
        if (err instanceof ConfigError) throw new ConfigError(`template ${rel}: ${err.message}`)
        throw err
      }
    }
    return this.load(rel)
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

  /**
   * Nearest level first; at a level, the first tier with an existing file.
   * Several different templates in that tier: the one the spec matches best.
   */
  private async discover(spec: string, info?: SpecInfo): Promise<{ template: string; choice?: TemplateChoice } | undefined> {
    // The candidates depend only on the spec's folder and format: looked up once per folder and format.
    const key = discoveryKey(spec)
    let found = this.foundIn.get(key)
    if (!found) {
      found = this.firstTier(spec)
      this.foundIn.set(key, found)
    }
    const existing = await found
    if (!existing) return undefined
    if (existing.length === 1) return { template: existing[0]! }
    return this.choose(existing, info)
  }

  /** The existing templates of the first tier (nearest level first) that has any. */
  private async firstTier(spec: string): Promise<string[] | undefined> {
    for (const level of templateLevels(spec)) {
      for (const tier of level.tiers) {
        const names = [...tier.paths]
        if (tier.listFolder !== undefined) {
          for (const f of await this.list(tier.listFolder, templateExtension(spec))) if (!names.includes(f)) names.push(f)
        }
        if (tier.templateFolders !== undefined) names.push(...(await this.templateFolders(tier.templateFolders)))
        const existing: string[] = []
        for (const n of names) if (await this.exists(n)) existing.push(n)
        if (existing.length > 0) return existing
      }
    }
    return undefined
  }

  /** Several candidates at one level: drop copies, skip broken ones, take the best match. */
  private async choose(names: string[], info?: SpecInfo): Promise<{ template: string; choice?: TemplateChoice }> {
    const usable: { name: string; rules: TemplateRules }[] = []
    const broken: { name: string; problem: TemplateProblem }[] = []
    const texts = new Set<string>()
    for (const name of names) {
      try {
        const t = await this.load(name)
        const text = this.textOf.get(name) ?? ''
        if (texts.has(text)) continue // the same template twice (a symbolic link, a copy)
        texts.add(text)
        usable.push({ name, rules: t.rules })
      } catch (err) {
        if (!(err instanceof TemplateProblem)) throw err
        broken.push({ name, problem: err })
      }
    }
    if (usable.length === 0) throw broken[0]!.problem
    if (usable.length === 1 && broken.length === 0) return { template: usable[0]!.name }
    const specTitles = info?.titles() ?? []
    const scores = usable.map(u => matchScore(specTitles, templateTitles(u.rules)))
    const best = bestMatch(scores)
    const chosen = usable[best]!.name
    const candidates: TemplateChoice['candidates'] = [
      ...usable.map((u, i) => ({ template: u.name, ...scores[i]! })),
      ...broken.map(b => ({ template: b.name, matched: 0, total: 0, extra: 0, problem: b.problem.message }))
    ]
    const describe = (c: TemplateChoice['candidates'][number]): string =>
      c.problem
        ? `${c.template} cannot be used (${c.problem.replace(/^template [^:]*: /, '')})`
        : `the spec has ${c.matched} of the ${c.total} section titles of ${c.template}${c.extra ? `, and ${c.extra} other${c.extra === 1 ? '' : 's'}` : ''}`
    const reason =
      usable.length === 1
        ? `${chosen} chosen: ${candidates.slice(1).map(describe).join('; ')}`
        : `${chosen} chosen among ${candidates.length} templates found side by side, as the one the spec's section titles match best: ` +
          candidates.map(describe).join('; ')
    return { template: chosen, choice: { reason, candidates } }
  }

  /** `README.md` of each `NNNN-*-template` subfolder of a folder, when the source can list subfolders. */
  private async templateFolders(folder: string): Promise<string[]> {
    if (!this.source.folders) return []
    const prefix = folder ? `${folder}/` : ''
    const names = await this.source.folders(folder).catch(() => [] as string[])
    return names.filter(isTemplateFolderName).sort().map(n => `${prefix}${n}/README.md`)
  }

  /** The `*-template.rst` (or `.md`) files of a folder (besides `template.rst`), when the source can list folders. */
  private list(folder: string, ext: '.md' | '.rst'): Promise<string[]> {
    const key = `${ext}\0${folder}`
    let l = this.listed.get(key)
    if (!l) {
      const prefix = folder ? `${folder}/` : ''
      const fromTexts = [...this.texts.keys()].filter(k => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
      l = (this.source.list ? this.source.list(folder) : Promise.resolve([]))
        .catch(() => [] as string[])
        .then(names => [...new Set([...names.map(n => prefix + n), ...fromTexts])])
        .then(paths => paths.filter(p => {
          const base = p.slice(prefix.length)
          return base !== `template${ext}` && isTemplateName(base, ext)
        }).sort())
      this.listed.set(key, l)
    }
    return l
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
    let source = rel
    // A symbolic link checked out as a text file (git with core.symlinks=false)
    // holds only the target's relative path: follow it once, inside the
    // workspace, and name the target in reports.
    const target = symlinkTarget(text)
    if (target) {
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : ''
      const resolved = normalize(dir + target)
      if (resolved && (await this.exists(resolved))) {
        text = await this.readText(resolved)
        source = resolved
      }
    }
    this.textOf.set(rel, text)
    await loadReader(formatOfPath(source))
    return { rules: templateFromText(text, source, false, depth), optionalSections: [] }
  }

  private async readText(rel: string): Promise<string> {
    const given = this.texts.get(rel)
    if (given !== undefined) return given
    try {
      return await this.source.read(rel)
    } catch (err) {
      if (err instanceof ConfigError) throw new TemplateProblem(rel, err.message)
      throw err
    }
  }
}

/** Discovery depends only on a spec's folder and format. */
function discoveryKey(spec: string): string {
  return `${templateExtension(spec)}\u0000${spec.includes('/') ? spec.slice(0, spec.lastIndexOf('/')) : ''}`
}

/** The path in a one-line file that looks like a git symlink stored as text, e.g. "2027.1-template.rst". */
function symlinkTarget(text: string): string | undefined {
  const t = text.trim()
  return /^[^\s]+\.(?:rst|md)$/.test(t) && !t.includes('\n') ? t : undefined
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
