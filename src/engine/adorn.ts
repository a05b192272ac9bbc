/**
 * Writing titles: the adornment a new section at some depth should get, so
 * that inserted sections match the spec's (or else the template's) style.
 */
import type { Outline, Section } from './types.js'
import { documentShape } from './template.js'

/** Display width as docutils measures it (East Asian wide characters count 2). */
export function textWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c >= 0x300 && c <= 0x36f) continue // combining marks
    w += isWide(c) ? 2 : 1
  }
  return w
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  )
}

/** Style of sections at a depth below the document title (1 = top level), or undefined. */
export function styleAtDepth(outline: Outline, depth: number): string | undefined {
  const shape = documentShape(outline)
  const level = depth + (shape.docTitle ? 1 : 0)
  return outline.sections.find((s: Section) => s.level === level && s !== shape.docTitle)?.style
}

/** The title lines (overline, title, underline) for `title` in `style` ("=" or "=/="). */
export function titleLines(title: string, style: string): string[] {
  const ch = style[0] ?? '='
  const bar = ch.repeat(Math.max(textWidth(title), 4))
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
