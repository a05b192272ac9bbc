/**
 * Finds and loads the template for each spec (explicit, discovered, or the
 * embedded default), once per template file.
 */
import type { TemplateRules } from './engine/types.js'
import { ConfigError, type Settings } from './config.js'
import { readWorkspaceFile, toRelative, workspaceFileExists } from './files.js'
import { templateCandidates } from './engine/discover.js'
import { deriveTemplate } from './engine/template.js'
import { scan } from './engine/scan.js'
import { decode } from './engine/decode.js'
import { DEFAULT_TEMPLATE_TEXT } from './engine/default-template.generated.js'

export const EMBEDDED_TEMPLATE = '(embedded default)'

export interface LoadedTemplate {
  rules: TemplateRules
  /** Sections this template makes optional (from configuration). */
  optionalSections: string[]
}

export function templateFromText(text: string, source: string, embedded: boolean, sectionDepth: number): TemplateRules {
  const rules = deriveTemplate(scan(text), { source, embedded }, sectionDepth)
  if (rules.sections.length === 0) {
    throw new ConfigError(`template ${source}: no sections found; a template needs a title and at least one section`)
  }
  return rules
}

export class TemplateCache {
  private readonly loaded = new Map<string, Promise<LoadedTemplate>>()
  private readonly discovered = new Map<string, Promise<string | undefined>>()

  constructor(
    private readonly settings: Settings,
    private readonly texts: Map<string, string> = new Map()
  ) {}

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
    const found = await this.discover(spec)
    return found ? this.load(found) : this.load(EMBEDDED_TEMPLATE)
  }

  private async discover(spec: string): Promise<string | undefined> {
    for (const candidate of templateCandidates(spec)) {
      let exists = this.discovered.get(candidate)
      if (!exists) {
        exists = this.texts.has(candidate)
          ? Promise.resolve(candidate)
          : workspaceFileExists(this.settings.workspace, candidate).then(ok => (ok ? candidate : undefined))
        this.discovered.set(candidate, exists)
      }
      if (await exists) return candidate
    }
    return undefined
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
      if (resolved && (this.texts.has(resolved) || (await workspaceFileExists(this.settings.workspace, resolved)))) {
        text = await this.readText(resolved)
      }
    }
    return { rules: templateFromText(text, rel, false, depth), optionalSections: [] }
  }

  private async readText(rel: string): Promise<string> {
    const given = this.texts.get(rel)
    if (given !== undefined) return given
    const r = await readWorkspaceFile(this.settings.workspace, rel)
    if (!r.ok) throw new ConfigError(`template ${rel}: ${r.problem === 'missing' ? 'file not found' : r.error}`)
    const d = decode(r.bytes)
    if (!d.ok) throw new ConfigError(`template ${rel}: line ${d.line}: ${d.error}`)
    return d.text
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
