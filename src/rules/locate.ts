import type { Outline, Section } from '../engine/types.js'

/** The innermost section whose title or body contains the 1-based line. */
export function sectionAt(outline: Outline, line: number): Section | undefined {
  let found: Section | undefined
  let lo = 0
  let hi = outline.sections.length - 1
  // sections are in document order: find the last one starting at or before `line`
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = outline.sections[mid]!
    if ((s.overline ?? s.line) <= line) {
      found = s
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
