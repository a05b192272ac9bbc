import type { Outline, Section } from '../engine/types.js'
import { paragraphs } from '../engine/template.js'

// Explicit markup that renders nothing: a comment, a hyperlink target, a substitution definition.
const TARGET = /^\s*\.\.\s+_[^:]*:/
const SUBSTITUTION = /^\s*\.\.\s+\|[^|]+\|\s/
const DIRECTIVE = /^\s*\.\.\s+[^\s:]+::/
const FOOTNOTE = /^\s*\.\.\s+\[[^\]]+\]/
const ANONYMOUS = /^\s*__(\s|$)/

/** True for an explicit-markup line that renders nothing (with its indented continuation). */
function silentStart(line: string): boolean {
  if (ANONYMOUS.test(line)) return true
  if (!/^\s*\.\.(\s|$)/.test(line)) return false
  if (TARGET.test(line) || SUBSTITUTION.test(line)) return true
  return !DIRECTIVE.test(line) && !FOOTNOTE.test(line) // a comment
}

/**
 * True when a section's own body (before any subsection) shows nothing to a
 * reader: blank, or only comments, hyperlink targets and substitution
 * definitions (with their indented continuation lines).
 */
export function isBlankBody(lines: string[], s: Section): boolean {
  let silentIndent = -1 // indent of the explicit markup being skipped; -1 = none
  for (let n = s.bodyStart; n <= s.bodyEnd; n++) {
    const line = lines[n - 1] ?? ''
    if (line.trim() === '') continue
    const indent = line.length - line.trimStart().length
    if (silentIndent >= 0 && indent > silentIndent) continue
    silentIndent = -1
    if (silentStart(line)) {
      silentIndent = indent
      continue
    }
    return false
  }
  return true
}

/**
 * Markdown: true when the section's own body renders nothing: no blocks, or
 * only HTML comments (the template's guidance left as it was, or any other).
 */
export function isSilentMarkdownBody(s: Section): boolean {
  return (s.blocks ?? []).every(b => b.kind === 'comment')
}

/** True when the section's own body shows nothing to a reader, in the outline's format. */
export function isEmptyBody(outline: Outline, s: Section): boolean {
  return outline.format === 'markdown' ? isSilentMarkdownBody(s) : isBlankBody(outline.lines, s)
}

/**
 * The section's own text as the template's guidance is compared with it:
 * RST, whitespace-normalised paragraphs; Markdown, one entry per block
 * (paragraph, list, table, ...), comments left out.
 */
export function bodyText(outline: Outline, s: Section): string[] {
  if (outline.format !== 'markdown') return bodyParagraphs(outline.lines, s)
  return (s.blocks ?? []).filter(b => b.kind !== 'comment').map(b => b.text.replace(/\s+/g, ' ').trim())
}

/** The section's own body as whitespace-normalised paragraphs. */
export function bodyParagraphs(lines: string[], s: Section): string[] {
  return paragraphs(lines, s.bodyStart, s.bodyEnd)
}
