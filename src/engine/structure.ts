/**
 * Matches a spec's section tree against the template's, once per check, for
 * the structural rules (missing, extra, order, level, empty, ...).
 */
import type { Outline, RuleContext, Section, TemplateSection } from './types.js'
import { documentShape, type DocumentShape } from './template.js'

export interface SectionMatch {
  tpl: TemplateSection
  /** The spec section with the template's title under the expected parent. */
  spec?: Section
  /** Present in the spec but at another level or under another parent. */
  misplaced?: Section
  /** The spec section standing for the template parent (undefined at top level). */
  parentSpec?: Section
  /** False when the parent is itself missing (so this one is not reported). */
  parentPresent: boolean
  required: boolean
}

export interface Structure {
  shape: DocumentShape
  matches: SectionMatch[]
  byTemplate: Map<TemplateSection, SectionMatch>
  /** Spec sections that stand for a template section. */
  matched: Set<Section>
}

const cache = new WeakMap<RuleContext, Structure>()

export function structureOf(ctx: RuleContext): Structure {
  let s = cache.get(ctx)
  if (!s) {
    s = computeStructure(ctx)
    cache.set(ctx, s)
  }
  return s
}

function computeStructure(ctx: RuleContext): Structure {
  const { outline, template, options } = ctx
  const shape = documentShape(outline)
  const optional = new Set(options.optionalSections.map(t => t.trim()))
  const matches: SectionMatch[] = []
  const byTemplate = new Map<TemplateSection, SectionMatch>()
  const matched = new Set<Section>()

  const walk = (tpls: TemplateSection[], specs: Section[] | undefined, parentSpec: Section | undefined, parentPresent: boolean): void => {
    for (const tpl of tpls) {
      let spec: Section | undefined
      if (specs) {
        for (const s of specs) {
          if (s.title === tpl.title && !matched.has(s)) {
            spec = s
            break
          }
        }
      }
      if (spec) matched.add(spec)
      const m: SectionMatch = {
        tpl,
        spec,
        parentSpec,
        parentPresent,
        required: tpl.required && tpl.depth <= options.sectionDepth && !optional.has(tpl.title)
      }
      matches.push(m)
      byTemplate.set(tpl, m)
      walk(tpl.children, spec?.children, spec, parentPresent && spec !== undefined)
    }
  }
  walk(template.sections, shape.top, undefined, true)

  // A template section absent where it belongs may stand elsewhere.
  for (const m of matches) {
    // Under a missing (e.g. renamed) parent, its children are not looked for elsewhere.
    if (m.spec || !m.parentPresent) continue
    const elsewhere = outline.sections.find(s => s.title === m.tpl.title && !matched.has(s) && s !== shape.docTitle)
    if (elsewhere) {
      m.misplaced = elsewhere
      matched.add(elsewhere)
    }
  }
  return { shape, matches, byTemplate, matched }
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
}

export function placementOf(ctx: RuleContext, st: Structure, m: SectionMatch): Placement {
  const siblings = m.tpl.parent === undefined ? ctx.template.sections : parentTemplate(st, m)?.children ?? []
  let after: Section | undefined
  for (let i = m.tpl.index - 1; i >= 0; i--) {
    const sib = siblings[i]
    const spec = sib && st.byTemplate.get(sib)?.spec
    if (spec) {
      after = spec
      break
    }
  }
  const lines = ctx.outline.lines
  const container = m.parentSpec ?? st.shape.docTitle
  let insertBefore: number
  if (after) insertBefore = after.end + 1
  else if (container) insertBefore = container.bodyEnd + 1
  else insertBefore = st.shape.top[0] ? startLine(st.shape.top[0]) : lines.length + 1
  const standing = ctx.outline.sections.find(s => startLine(s) >= insertBefore)
  const line = standing ? standing.line : Math.max(1, lines.length)
  return { line, insertBefore, after }
}

function parentTemplate(st: Structure, m: SectionMatch): TemplateSection | undefined {
  for (const t of st.byTemplate.keys()) if (t.children.includes(m.tpl)) return t
  return undefined
}
