/**
 * Matches a spec's section tree against the template's, once per check, for
 * the structural rules (missing, extra, order, level, empty, ...).
 */
import type { Outline, RuleContext, Section, TemplateRules, TemplateSection } from './types.js'
import { documentShape, type DocumentShape } from './template.js'
import { titleMatcher } from './similar.js'
import { memo } from './memo.js'

export interface SectionMatch {
  tpl: TemplateSection
  /** The spec section with the template's title under the expected parent (or standing for it under another title). */
  spec?: Section
  /** Set when `spec` carries another title (case, spacing, close spelling): a rename to undo. */
  renamed?: boolean
  /** Present in the spec but at another level or under another parent. */
  misplaced?: Section
  /** The spec section standing for the template parent (undefined at top level). */
  parentSpec?: Section
  /** False when the parent is itself missing (so this one is not reported). */
  parentPresent: boolean
  required: boolean
}

/** A title repeated among siblings: `repeat` stands after `first`. */
export interface Duplicate {
  first: Section
  repeat: Section
  tpl: TemplateSection
}

export interface Structure {
  shape: DocumentShape
  matches: SectionMatch[]
  byTemplate: Map<TemplateSection, SectionMatch>
  /** Spec sections that stand for a template section. */
  matched: Set<Section>
  /** Repeats of a template section's title among siblings (reported once, by duplicate-section). */
  duplicates: Map<Section, Duplicate>
  /** Template section -> its parent template section. */
  parentOf: Map<TemplateSection, TemplateSection>
}

const structureMemo = memo<RuleContext, Structure>('structure')

export function structureOf(ctx: RuleContext): Structure {
  return structureMemo(ctx, computeStructure)
}

/** Case, spacing and punctuation do not make another title. */
export function normTitle(s: string): string {
  let n = normCache.get(s)
  if (n === undefined) {
    // Titles recur in every spec checked against a template: each is normalised once (a bounded cache,
    // keyed by a copy: a title cut from a spec would keep the spec's whole text alive).
    if (normCache.size >= 4096) normCache.clear()
    n = s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
    normCache.set((' ' + s).slice(1), (' ' + n).slice(1))
  }
  return n
}

const normCache = new Map<string, string>()

/** Above this many (template x spec) title pairs at one level, renames are found by normalised title only. */
const FUZZY_BUDGET = 200_000

function computeStructure(ctx: RuleContext): Structure {
  const { outline, template, options } = ctx
  const shape = documentShape(outline, template.exampleTitle !== undefined)
  const optional = new Set(options.optionalSections.map(t => t.trim()))
  const allowed = new Set((options.allowedSections ?? []).map(t => t.trim()))
  const tplTitles = templateTitles(template)
  const matches: SectionMatch[] = []
  const byTemplate = new Map<TemplateSection, SectionMatch>()
  const matched = new Set<Section>()
  const duplicates = new Map<Section, Duplicate>()
  const parentOf = templateParents(template)
  // Markdown: a heading stands for a template section by its title and its level (number of `#`), wherever it is.
  const byLevel = outline.format === 'markdown'
  const levelOk = (s: Section, tpl: TemplateSection): boolean => !byLevel || tpl.level === undefined || s.level === tpl.level
  // A Markdown template marks its optional sections itself: section-depth is for RST templates.
  const depthOk = (tpl: TemplateSection): boolean => template.format === 'markdown' || tpl.depth <= options.sectionDepth

  // Candidates at a level: the children of the parent's section and of its repeats, in document order.
  // Called once per template section with children (leaves have nothing to match): kept free of
  // per-call maps and closures where a level is small, as most are.
  const walk = (tpls: TemplateSection[], specs: Section[], parentSpec: Section | undefined, parentPresent: boolean): void => {
    if (tpls.length === 0) return
    const byTitle = specs.length > 0 ? titleIndex(specs) : undefined
    const levelStart = matches.length
    let unmatched = specs.length
    for (const tpl of tpls) {
      let spec: Section | undefined
      const list = byTitle?.get(tpl.title)
      if (list) {
        for (const s of list) {
          if (!matched.has(s) && levelOk(s, tpl)) {
            spec = s
            break
          }
        }
      }
      if (spec) {
        matched.add(spec)
        unmatched--
      }
      const m: SectionMatch = {
        tpl,
        spec,
        parentSpec,
        parentPresent,
        required: tpl.required && depthOk(tpl) && !optional.has(tpl.title)
      }
      matches.push(m)
      byTemplate.set(tpl, m)
    }
    const level = matches.slice(levelStart)
    // Repeats of a matched title: one finding each, and their subsections count as the first's.
    let repeatsOf: Map<Section, Section[]> | undefined
    if (unmatched > 0) {
      // The first template section (in template order) of each title that found its spec section.
      const firstOf = new Map<string, { spec: Section; tpl: TemplateSection }>()
      for (const m of level) if (m.spec && !firstOf.has(m.tpl.title)) firstOf.set(m.tpl.title, { spec: m.spec, tpl: m.tpl })
      for (const s of specs) {
        if (matched.has(s)) continue
        const first = firstOf.get(s.title)
        if (!first || first.spec.line > s.line) continue
        duplicates.set(s, { first: first.spec, repeat: s, tpl: first.tpl })
        repeatsOf ??= new Map()
        const list = repeatsOf.get(first.spec) ?? []
        list.push(s)
        repeatsOf.set(first.spec, list)
      }
      if (parentPresent) findRenames(level, specs, s => !matched.has(s) && !duplicates.has(s) && !tplTitles.has(s.title) && !allowed.has(s.title.trim()), matched)
    }
    for (const m of level) {
      if (m.tpl.children.length === 0) continue
      const repeats = m.spec ? repeatsOf?.get(m.spec) : undefined
      const children = !m.spec ? [] : repeats ? mergeByLine([m.spec.children, ...repeats.map(r => r.children)]) : m.spec.children
      walk(m.tpl.children, children, m.spec, parentPresent && m.spec !== undefined)
    }
  }
  walk(template.sections, shape.top, undefined, true)

  // A template section absent where it belongs may stand elsewhere.
  const index = new Map<string, Section[]>()
  for (const s of outline.sections) {
    if (matched.has(s) || duplicates.has(s) || s === shape.docTitle) continue
    const list = index.get(s.title)
    if (list) list.push(s)
    else index.set(s.title, [s])
  }
  for (const m of matches) {
    // Under a missing parent, its children are not looked for elsewhere (RST); in Markdown every heading is.
    if (m.spec || (!m.parentPresent && !byLevel)) continue
    const list = index.get(m.tpl.title)
    const at = list ? list.findIndex(s => levelOk(s, m.tpl)) : -1
    const elsewhere = at < 0 ? undefined : list!.splice(at, 1)[0]
    if (elsewhere) {
      m.misplaced = elsewhere
      matched.add(elsewhere)
    }
  }
  return { shape, matches, byTemplate, matched, duplicates, parentOf }
}

/**
 * Pair template sections missing at one level with unmatched spec headings
 * there whose titles differ only in case, spacing or spelling: a rename, one
 * finding, not a missing and an extra section.
 */
function findRenames(level: SectionMatch[], specs: Section[], free: (s: Section) => boolean, matched: Set<Section>): void {
  const missing = level.filter(m => !m.spec)
  if (missing.length === 0) return
  const candidates = specs.filter(free)
  if (candidates.length === 0) return
  const byNorm = new Map<string, SectionMatch>()
  for (const m of missing) {
    const n = normTitle(m.tpl.title)
    if (!byNorm.has(n)) byNorm.set(n, m)
  }
  const take = (m: SectionMatch, s: Section): void => {
    m.spec = s
    m.renamed = true
    matched.add(s)
  }
  const rest: Section[] = []
  for (const s of candidates) {
    const m = byNorm.get(normTitle(s.title))
    if (m && !m.spec) take(m, s)
    else rest.push(s)
  }
  const open = missing.filter(m => !m.spec)
  if (open.length === 0 || rest.length === 0 || open.length * rest.length > FUZZY_BUDGET) return
  const closest = titleMatcher(open.map(m => m.tpl.title))
  const byTitle = new Map(open.map(m => [m.tpl.title, m] as const))
  for (const s of rest) {
    const t = closest(s.title)
    const m = t === undefined ? undefined : byTitle.get(t)
    if (m && !m.spec) take(m, s)
  }
}

/** Sections by title, each list in the given order. */
function titleIndex(specs: Section[]): Map<string, Section[]> {
  const byTitle = new Map<string, Section[]>()
  for (const s of specs) {
    const list = byTitle.get(s.title)
    if (list) list.push(s)
    else byTitle.set(s.title, [s])
  }
  return byTitle
}

const parentsCache = new WeakMap<TemplateRules, Map<TemplateSection, TemplateSection>>()

/** Template section -> its parent template section (the same map for every spec checked against the template; read only). */
function templateParents(template: TemplateRules): Map<TemplateSection, TemplateSection> {
  let parentOf = parentsCache.get(template)
  if (!parentOf) {
    parentOf = new Map()
    for (const t of template.all) for (const c of t.children) parentOf.set(c, t)
    parentsCache.set(template, parentOf)
  }
  return parentOf
}

/** Lists of sections, each in document order, merged into one in document order. */
function mergeByLine(lists: Section[][]): Section[] {
  return lists.flat().sort((a, b) => a.line - b.line)
}

const titleCache = new WeakMap<TemplateRules, Set<string>>()

function templateTitles(template: TemplateRules): Set<string> {
  let t = titleCache.get(template)
  if (!t) {
    t = new Set(template.all.map(x => x.title))
    if (template.exampleTitle !== undefined) t.add(template.exampleTitle)
    titleCache.set(template, t)
  }
  return t
}

/** First line of a section as written (its overline when it has one). */
export function startLine(s: Section): number {
  return s.overline ?? s.line
}

/**
 * The innermost section whose title or body holds the 1-based line: the last
 * section (in document order) that starts at or before it.
 */
export function sectionAt(outline: Outline, line: number): Section | undefined {
  let found: Section | undefined
  let lo = 0
  let hi = outline.sections.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = outline.sections[mid]!
    if (startLine(s) <= line) {
      found = s
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Where a missing template section belongs, and what it should follow. */
export interface Placement {
  /** Line to report at: the title of the section now standing there, or the last line. */
  line: number
  /** Line before which the section would be inserted. */
  insertBefore: number
  /** The present section it should follow, if any. */
  after?: Section
  /** The template sibling just before it, when that one is missing too (to be added first). */
  afterMissing?: TemplateSection
}

export function placementOf(ctx: RuleContext, st: Structure, m: SectionMatch): Placement {
  const parent = st.parentOf.get(m.tpl)
  const siblings = parent ? parent.children : ctx.template.sections
  const after = previousPresent(st, siblings)[m.tpl.index]
  const prev = siblings[m.tpl.index - 1]
  const prevMatch = prev ? st.byTemplate.get(prev) : undefined
  const afterMissing = prevMatch && !prevMatch.spec && !prevMatch.misplaced && prevMatch.required && prevMatch.parentPresent ? prev : undefined
  const lines = ctx.outline.lines
  const container = m.parentSpec ?? st.shape.docTitle
  let insertBefore: number
  if (after) insertBefore = after.end + 1
  else if (container) insertBefore = container.bodyEnd + 1
  else insertBefore = st.shape.top[0] ? startLine(st.shape.top[0]) : lines.length + 1
  const standing = firstFrom(ctx.outline, insertBefore)
  const line = standing ? standing.line : Math.max(1, lines.length)
  return { line, insertBefore, after, afterMissing }
}

const prevMemo = memo<Structure, Map<TemplateSection[], (Section | undefined)[]>>('previous present')

/** Per template sibling index: the spec section of the nearest earlier sibling that is present. */
function previousPresent(st: Structure, siblings: TemplateSection[]): (Section | undefined)[] {
  const byList = prevMemo(st, () => new Map())
  let out = byList.get(siblings)
  if (!out) {
    out = []
    let last: Section | undefined
    for (const sib of siblings) {
      out.push(last)
      const spec = st.byTemplate.get(sib)?.spec
      if (spec) last = spec
    }
    byList.set(siblings, out)
  }
  return out
}

/** The first section (document order) starting at or after the line. */
function firstFrom(outline: Outline, line: number): Section | undefined {
  let lo = 0
  let hi = outline.sections.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (startLine(outline.sections[mid]!) < line) lo = mid + 1
    else hi = mid
  }
  return outline.sections[lo]
}
