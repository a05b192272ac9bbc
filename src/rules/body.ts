import type { Section } from '../engine/types.js'
import { paragraphs } from '../engine/template.js'

/** True when a section's own body (before any subsection) has no text at all. */
export function isBlankBody(lines: string[], s: Section): boolean {
  for (let n = s.bodyStart; n <= s.bodyEnd; n++) {
    if ((lines[n - 1] ?? '').trim() !== '') return false
  }
  return true
}

/** The section's own body as whitespace-normalised paragraphs. */
export function bodyParagraphs(lines: string[], s: Section): string[] {
  return paragraphs(lines, s.bodyStart, s.bodyEnd)
}
