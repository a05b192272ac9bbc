/**
 * Template discovery and "is this file a spec", as pure path arithmetic (the
 * caller checks which candidates exist and lists folders).
 *
 * Discovery walks from the spec's folder up to the root, nearest folder
 * first. At each folder D (name n, parent P) it tries, in this order:
 *   1. the specific names, naming D: `P/templates/n-template.rst` (heat),
 *      `P/n-template.rst` (nova: beside the folder), `D/n-template.rst`
 *      (inside it; heat's symlinks);
 *   2. the generic `D/template.rst`, and, in the spec's own folder only,
 *      any other `*-template.rst` there (`v1/approved/v1-template.rst`).
 * The first tier with an existing file wins; when it holds several
 * different templates (a full and a "lite" one side by side), the caller
 * picks the one whose section titles the spec matches best (bestMatch).
 * Nothing found: the embedded default template.
 * A Markdown spec (`.md`, `.markdown`) looks for the same names ending in
 * `.md` (`template.md`, `n-template.md`, another `*-template.md`), and at
 * each level also for a template folder as Kubernetes keeps it
 * (`D/NNNN-kep-template/README.md`: a subfolder named `NNNN-*-template`);
 * it has no embedded default.
 * Paths are workspace-relative with forward slashes.
 */
import { isMarkdownPath } from './markdown/format.js'

export interface CandidateTier {
  /** Candidate paths, in order of preference for equal matches. */
  paths: string[]
  /** Also every `*-template.rst` (Markdown: `*-template.md`) in this folder (the spec's own folder). */
  listFolder?: string
  /** Markdown: also `README.md` of every `NNNN-*-template` subfolder of this folder. */
  templateFolders?: string
}

export interface CandidateLevel {
  /** The folder this level is about ('' = the root). */
  folder: string
  /** Specific names first, then the generic one. */
  tiers: CandidateTier[]
}

function join(...parts: string[]): string {
  return parts.filter(p => p !== '').join('/')
}

/** Discovery levels for a spec, nearest folder first. */
export function templateLevels(specPath: string): CandidateLevel[] {
  const ext = templateExtension(specPath)
  const parts = specPath.split('/').filter(p => p !== '' && p !== '.')
  parts.pop() // the file itself
  const levels: CandidateLevel[] = []
  for (let i = parts.length; i >= 0; i--) {
    const folder = parts.slice(0, i).join('/')
    const tiers: CandidateTier[] = []
    if (i > 0) {
      const name = parts[i - 1]!
      const parent = parts.slice(0, i - 1).join('/')
      const specific = `${name}-template${ext}`
      tiers.push({ paths: [join(parent, 'templates', specific), join(parent, specific), join(folder, specific)] })
    }
    tiers.push({ paths: [join(folder, `template${ext}`)], listFolder: i === parts.length ? folder : undefined })
    if (ext === '.md') tiers.push({ paths: [], templateFolders: folder })
    levels.push({ folder, tiers })
  }
  return levels
}

/** Every fixed-name candidate for a spec, in discovery order (without folder listings). */
export function templateCandidates(specPath: string): string[] {
  return templateLevels(specPath).flatMap(l => l.tiers.flatMap(t => t.paths))
}

/** The extension of the templates a spec looks for: `.md` for a Markdown spec, else `.rst`. */
export function templateExtension(specPath: string): '.md' | '.rst' {
  return isMarkdownPath(specPath) ? '.md' : '.rst'
}

/** A template file by its name: `template.rst` or `<something>-template.rst` (`.md` alike; `ext` limits to one). */
export function isTemplateName(base: string, ext?: '.md' | '.rst'): boolean {
  return (ext ? [ext] : (['.rst', '.md'] as const)).some(
    e => base === `template${e}` || (base.endsWith(`-template${e}`) && base.length > `-template${e}`.length)
  )
}

/** A Kubernetes-style template folder: `NNNN-kep-template` (`NNNN-` and `-template` around a name). */
export function isTemplateFolderName(name: string): boolean {
  return /^N{4}-.+-template$/.test(name)
}

/** `keps/NNNN-kep-template/README.md`: the template a folder of proposals is written from. */
function isTemplateFolderReadme(path: string): boolean {
  const parts = path.split('/')
  return parts.length >= 2 && parts[parts.length - 1]!.toLowerCase() === 'readme.md' && isTemplateFolderName(parts[parts.length - 2]!)
}

/**
 * A proposal kept as the README of its own numbered folder, as KEPs are
 * (`keps/sig-node/2008-pod-resize/README.md`): a spec, though READMEs are
 * not specs by default.
 */
export function isProposalReadme(path: string): boolean {
  return /(?:^|\/)\d+-[^/]+\/readme\.md$/i.test(path)
}

/**
 * File names that are not specs by default: indexes, READMEs and templates
 * (`template.rst`, `*-template.rst`, `*_template.rst`). `deploy-templates.rst`
 * is a spec. Matched against the file's name (not its folder); a
 * `README.md` in a numbered folder (`2008-pod-resize/README.md`, a KEP) is a
 * spec all the same (isProposalReadme).
 */
export const DEFAULT_NOT_SPECS: readonly string[] = [
  'index.rst',
  'README.rst',
  'template.rst',
  '*-template.rst',
  '*_template.rst',
  'index.md',
  'README.md',
  'template.md',
  '*-template.md',
  '*_template.md'
]

/** Template files are never checked as specs (kept for callers that ask only that). */
export function isTemplateFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return isTemplateName(base) || base.endsWith('_template.rst') || base.endsWith('_template.md') || isTemplateFolderReadme(path)
}

/** Folded title for comparing a spec's sections with a template's. */
export function foldTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().toLowerCase()
}

export interface MatchScore {
  /** Template section titles the spec has. */
  matched: number
  /** Template section titles. */
  total: number
  /** Spec section titles the template does not have. */
  extra: number
}

/** How well a spec's section titles match a template's (both as folded title lists). */
export function matchScore(specTitles: readonly string[], templateTitles: readonly string[]): MatchScore {
  const spec = new Set(specTitles.map(foldTitle))
  const tpl = new Set(templateTitles.map(foldTitle))
  let matched = 0
  for (const t of tpl) if (spec.has(t)) matched++
  let extra = 0
  for (const s of spec) if (!tpl.has(s)) extra++
  return { matched, total: tpl.size, extra }
}

/**
 * The best of several candidates: the highest share of shared titles among
 * all titles of both (Jaccard), so a full spec picks the full template and a
 * short one the lite template; ties go to the earlier candidate.
 */
export function bestMatch(scores: readonly MatchScore[]): number {
  let best = 0
  let bestValue = -1
  scores.forEach((s, i) => {
    const union = s.total + s.extra
    const value = union === 0 ? 0 : s.matched / union
    if (value > bestValue) {
      best = i
      bestValue = value
    }
  })
  return best
}
