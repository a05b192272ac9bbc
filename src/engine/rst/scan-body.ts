/**
 * docutils' `Body` state (and the list-like states that follow a first item):
 * classify the first line of a block and take the lines docutils gives the
 * construct, nesting its content where docutils nests it. Titles only start
 * from here through the `line` (overline) and `text` transitions, which hand
 * over to the Line and Text states of scan-machine.ts.
 */

import {
  getIndented,
  getTextBlock,
  isGridTableTop,
  isSimpleTableTop,
  isolateGridTable,
  isolateSimpleTable,
  matchAnonymous,
  matchBullet,
  matchDoctest,
  matchExplicit,
  matchFieldMarker,
  matchLineBlock,
  matchOptionMarker
} from './scan-blocks.js'
import { isEnumeratedListItem, matchEnumerator, parseEnumerator, type EnumFormat, type EnumMatch, type EnumSequence } from './scan-enum.js'
import { classifyExplicit, substitutionMatches, targetMatches } from './scan-explicit.js'
import { isAdornmentChar, isAdornmentLine, isAsciiAlnum, isPyBlank, isUnicodeBullet, pyStrip } from './scan-text.js'

/**
 * Lines a state machine runs over; `base` is the document index of
 * `lines[0]`. They are docutils' lines (right-stripped) or ends of them, so a
 * blank line is always an empty one.
 */
export interface View {
  lines: readonly string[]
  base: number
}

/** What docutils' `EnumeratedList` state remembers between items. */
export interface EnumContext {
  format: EnumFormat
  enumtype: EnumSequence
  last: bigint
  auto: boolean
}

/** The parts of a state machine the Body transitions use. */
export interface BodyHost {
  readonly L: readonly string[]
  readonly n: number
  readonly matchTitles: boolean
  /** docutils' `line_offset`. */
  pos: number
  /** Set while docutils would be in the EnumeratedList state. */
  enumCtx: EnumContext | undefined
  toText(): void
  toLine(): void
  /**
   * Parse view lines [start, end) as nested body content, the first line
   * from column `first`, the others from column `indent`.
   */
  nested(start: number, end: number, first: number, indent: number): void
  /** Mark view lines [a, b] verbatim. */
  mark(a: number, b: number): void
}

/** One Body transition on the current line (`forced`: a correction asked for `text`). */
export function body(sm: BodyHost, forced: boolean): void {
  const L = sm.L
  const line = L[sm.pos]
  if (forced) {
    sm.enumCtx = undefined
    return sm.toText()
  }
  if (line === '') return // blank
  const enumCtx = sm.enumCtx
  sm.enumCtx = undefined
  const c = line.charCodeAt(0)
  if (c === 32) {
    // block quote
    const r = getIndented(L, sm.pos)
    sm.mark(sm.pos, r.end - 1)
    sm.pos = r.end - 1
    return
  }
  // every construct but an enumerated list item starts with ASCII punctuation
  // or a bullet: a line starting otherwise (prose, mostly) is an enumerated
  // list item or text
  if (isAdornmentChar(c) || isUnicodeBullet(c)) return markup(sm, line, enumCtx)
  const em = isAsciiAlnum(c) ? matchEnumerator(line) : undefined
  return em ? enumerated(sm, em, enumCtx) : sm.toText()
}

/** The Body transitions for a line starting with punctuation or a bullet. */
function markup(sm: BodyHost, line: string, enumCtx: EnumContext | undefined): void {
  const L = sm.L
  let e = matchBullet(line)
  if (e >= 0) return listItem(sm, e)
  const em = matchEnumerator(line)
  if (em) return enumerated(sm, em, enumCtx)
  e = matchFieldMarker(line)
  if (e >= 0) return void firstKnownIndented(sm, e, true)
  e = matchOptionMarker(line)
  if (e >= 0) {
    const r = getIndented(L, sm.pos, false, undefined, e)
    const lines = [line.slice(e)]
    for (let i = sm.pos + 1; i < r.end; i++) lines.push(L[i].slice(r.indent))
    if (lines.every(isPyBlank)) return sm.toText() // no description: not an option list item
    sm.nested(sm.pos, r.end, e, r.indent)
    sm.pos = r.end - 1
    return
  }
  if (matchDoctest(line)) {
    const end = getTextBlock(L, sm.pos, false)
    sm.mark(sm.pos, end - 1)
    sm.pos = end - 1
    return
  }
  e = matchLineBlock(line)
  if (e >= 0) {
    sm.pos = getIndented(L, sm.pos, true, undefined, e).end - 1
    return
  }
  if (isGridTableTop(line) || isSimpleTableTop(line)) {
    const t = isGridTableTop(line) ? isolateGridTable(L, sm.pos) : isolateSimpleTable(L, sm.pos)
    sm.mark(t.first, t.last)
    sm.pos = t.pos
    return
  }
  e = matchExplicit(line)
  if (e >= 0) return explicit(sm, e)
  e = matchAnonymous(line)
  if (e >= 0) {
    const start = sm.pos
    sm.pos = getIndented(L, start, true, undefined, e).end - 1
    sm.mark(start, sm.pos)
    return
  }
  if (isAdornmentLine(line)) {
    if (sm.matchTitles) return sm.toLine()
    const marker = pyStrip(line)
    if (marker === '::' || marker.length < 4) return sm.toText()
    return // "Unexpected section title or transition.": the line is dropped
  }
  sm.toText()
}

/** An enumerated list item: the first of a list, or (in the EnumeratedList state) the next one. */
function enumerated(sm: BodyHost, em: EnumMatch, enumCtx: EnumContext | undefined): void {
  const L = sm.L
  if (enumCtx) {
    // EnumeratedList state: the next item of the same list?
    const { sequence, ordinal } = parseEnumerator(em.text, enumCtx.enumtype)
    const invalid =
      em.format !== enumCtx.format ||
      (sequence !== '#' && (sequence !== enumCtx.enumtype || enumCtx.auto || ordinal !== enumCtx.last + 1n)) ||
      !isEnumeratedListItem(L, sm.pos, ordinal, sequence, em.format)
    if (!invalid) {
      sm.enumCtx = { format: enumCtx.format, enumtype: enumCtx.enumtype, last: ordinal as bigint, auto: enumCtx.auto || sequence === '#' }
      return listItem(sm, em.end)
    }
  }
  const { sequence, ordinal } = parseEnumerator(em.text)
  if (!isEnumeratedListItem(L, sm.pos, ordinal, sequence, em.format)) return sm.toText()
  sm.enumCtx = { format: em.format, enumtype: sequence === '#' ? 'arabic' : sequence, last: ordinal as bigint, auto: sequence === '#' }
  return listItem(sm, em.end)
}

/** `get_first_known_indented(first)` from `pos`, optionally nested-parsed; leaves `pos` on its last line. */
function firstKnownIndented(sm: BodyHost, first: number, parse: boolean): void {
  const start = sm.pos
  const r = getIndented(sm.L, start, false, undefined, first)
  if (parse) sm.nested(start, r.end, first, r.indent)
  sm.pos = r.end - 1
}

/** `Body.list_item`: the item's lines, nested-parsed. */
function listItem(sm: BodyHost, indent: number): void {
  const L = sm.L
  const start = sm.pos
  if (L[start].length <= indent) return firstKnownIndented(sm, indent, true)
  const r = getIndented(L, start, false, indent)
  sm.nested(start, r.end, indent, indent)
  sm.pos = r.end - 1
}

/** `Body.explicit_markup`: footnote, citation, target, substitution, directive or comment. */
function explicit(sm: BodyHost, e: number): void {
  const L = sm.L
  const start = sm.pos
  const c = classifyExplicit(L[start])
  switch (c.kind) {
    case 'footnote':
    case 'citation':
      return firstKnownIndented(sm, c.end, true)
    case 'target':
    case 'substitution': {
      const r = getIndented(L, start, c.kind === 'target', undefined, c.end)
      sm.pos = r.end - 1
      const block = [L[start].slice(c.end)]
      for (let i = start + 1; i < r.end; i++) block.push(L[i])
      const ok = c.kind === 'target' ? targetMatches(block) : substitutionMatches(block)
      if (!ok) comment(sm, e, start) // malformed: docutils reads on as a comment
      sm.mark(start, sm.pos)
      return
    }
    case 'directive':
      firstKnownIndented(sm, c.end, false)
      sm.mark(start + 1, sm.pos)
      return
    default:
      comment(sm, e, start)
      sm.mark(start, sm.pos)
  }
}

/** `Body.comment` (from the current line, which is past `start` after a malformed construct). */
function comment(sm: BodyHost, e: number, start: number): void {
  const L = sm.L
  if (sm.pos + 1 >= sm.n || isPyBlank(L[sm.pos + 1])) {
    const first = L[start].slice(e)
    if (isPyBlank(first) || first.startsWith('end of inclusion from "')) return
  }
  sm.pos = getIndented(L, sm.pos, false, undefined, e).end - 1
}
