/**
 * Writing titles: the adornment a new section at some depth should get, so
 * that inserted sections match the spec's (or else the template's) style.
 */
import type { Outline, Section } from '../types.js'
import { documentShape } from '../template.js'
import { columnWidth } from './scan-text.js'

/** Style of sections at a depth below the document title (1 = top level), or undefined. */
export function styleAtDepth(outline: Outline, depth: number): string | undefined {
  const shape = documentShape(outline)
  const level = depth + (shape.docTitle ? 1 : 0)
  return outline.sections.find((s: Section) => s.level === level && s !== shape.docTitle)?.style
}

/** The title lines (overline, title, underline) for `title` in `style` ("=" or "=/="). */
export function titleLines(title: string, style: string): string[] {
  const ch = style[0] ?? '='
  const bar = ch.repeat(Math.max(columnWidth(title), 4))
  return style.length > 1 ? [bar, title, bar] : [title, bar]
}

const FALLBACK = ['=', '-', '^', '~', '"', "'", '+']

/** Pick a style for a new section: the spec's at that depth, else the template's, else a fresh one. */
export function styleFor(spec: Outline, templateStyles: string[], depth: number): string {
  const own = styleAtDepth(spec, depth)
  if (own) return own
  const tpl = templateStyles[depth - 1]
  const used = new Set(spec.sections.map(s => s.style))
  if (tpl && !used.has(tpl)) return tpl
  return FALLBACK.find(c => !used.has(c)) ?? '='
}
