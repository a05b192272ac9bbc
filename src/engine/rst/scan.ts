/**
 * The RST section-structure scanner: `scan(text)` finds the sections docutils
 * 0.19 would build for a reStructuredText document (parse only, no
 * transforms), with their titles rendered as docutils renders them, the line
 * ranges of their bodies, the lines where no prose lives (literal blocks,
 * directive bodies, comments, tables, block quotes) and the title problems
 * docutils would report.
 *
 * It is a line scanner, not a full parser: it follows docutils' own state
 * machine for everything that decides where a title can be (scan-machine.ts,
 * scan-body.ts) and skips the rest. Pure, linear in the input, never throws.
 */

import { renderTitle } from './inline.js'
import { Machine, type FoundSection } from './scan-machine.js'
import { PY_EXTRA_LINE_BREAKS, docutilsLines, isPySpace, pyRstrip } from './scan-text.js'
import type { Outline, ScanProblem, Section } from '../types.js'

export { renderTitle } from './inline.js'

/**
 * Does the text hold a character that makes docutils' lines differ from the
 * file's lines other than by trailing whitespace (tab, VT, FF, U+001C-U+001E,
 * U+0085, U+2028, U+2029)? One substring search each: several times faster
 * than a character-class pattern over the whole text.
 */
function hasDocutilsChanges(s: string): boolean {
  return (
    s.includes('\t') ||
    s.includes('\v') ||
    s.includes('\f') ||
    s.includes('\x1c') ||
    s.includes('\x1d') ||
    s.includes('\x1e') ||
    s.includes('\x85') ||
    s.includes('\u2028') ||
    s.includes('\u2029')
  )
}

/** Splits text into lines the way the scanner numbers them: CRLF, CR or LF, BOM removed. */
export function splitLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text === '') return []
  const lines = text.indexOf('\r') < 0 ? text.split('\n') : text.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** The lines docutils reads, and where they are in the file. */
interface DocLines {
  lines: readonly string[]
  /** docutils line index -> file line index; undefined when they are the same. */
  fileLine: number[] | undefined
  /** docutils line index -> piece of its file line (see docutilsLines). */
  pieceOf: number[] | undefined
}

/**
 * docutils' lines: usually the file's lines, right-stripped. Tabs, VT and FF
 * change them, and a file line holding one of the rare extra line breaks of
 * Python's splitlines (U+2028, U+0085, ...) gives docutils several lines.
 */
function docutilsView(source: string, lines: string[]): DocLines {
  if (hasDocutilsChanges(source)) {
    const doc: string[] = []
    const fileLine: number[] = []
    const pieceOf: number[] = []
    for (let i = 0; i < lines.length; i++) {
      const pieces = docutilsLines(lines[i])
      for (let k = 0; k < pieces.length; k++) {
        doc.push(pieces[k])
        fileLine.push(i)
        pieceOf.push(k)
      }
    }
    return { lines: doc, fileLine, pieceOf }
  }
  let doc = lines
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.length > 0 && isPySpace(line.charCodeAt(line.length - 1))) {
      if (doc === lines) doc = lines.slice()
      doc[i] = pyRstrip(line)
    }
  }
  return { lines: doc, fileLine: undefined, pieceOf: undefined }
}

/**
 * Scans a reStructuredText document for its section structure as docutils
 * 0.19 parses it. Levels are nesting depths (1 = outermost), in the order the
 * adornment styles first appear; a title whose style would skip a level is
 * dropped, as docutils drops it (with an `inconsistent-level` problem).
 */
export function scan(text: string): Outline {
  const source = String(text ?? '')
  const lines = splitLines(source)
  const doc = docutilsView(source, lines)
  const machine = new Machine(doc.lines)
  machine.parse()
  const { sections, roots } = sectionsOf(machine.sections, lines, doc)
  return {
    lines,
    sections,
    roots,
    verbatim: verbatimOf(machine.verbatim, lines.length, doc.fileLine),
    problems: problemsOf(machine.problems, doc.fileLine)
  }
}

/** The sections as the outline gives them: 1-based file lines, rendered titles, line ranges, the tree. */
function sectionsOf(found: readonly FoundSection[], lines: readonly string[], doc: DocLines): { sections: Section[]; roots: Section[] } {
  const { fileLine, pieceOf } = doc
  const at = (docIdx: number): number => (fileLine === undefined ? docIdx : fileLine[docIdx]) + 1
  const rawText = (docIdx: number): string => {
    const line = lines[at(docIdx) - 1]
    if (pieceOf === undefined || !PY_EXTRA_LINE_BREAKS.test(line)) return line
    return line.split(new RegExp(PY_EXTRA_LINE_BREAKS.source, 'g'))[pieceOf[docIdx]]
  }

  // the tree and the line ranges, worked out on indices first: a section (and
  // the body of the one before it) ends on the line before the first line
  // (overline or title) of the next section of its level or above
  const n = found.length
  const last = lines.length
  const first: number[] = []
  const end: number[] = []
  const parentOf: number[] = []
  const open: number[] = [] // the sections not ended yet, outermost first
  for (let i = 0; i < n; i++) {
    const f = found[i]
    first.push(at(f.overlineIdx ?? f.titleIdx))
    end.push(last)
    while (open.length && found[open[open.length - 1]].level >= f.level) end[open.pop() as number] = first[i] - 1
    parentOf.push(open.length ? open[open.length - 1] : -1)
    open.push(i)
  }

  const sections: Section[] = []
  const roots: Section[] = []
  for (let i = 0; i < n; i++) {
    const f = found[i]
    const title = renderTitle(f.title)
    const rawTitle = rawText(f.titleIdx).trim()
    const line = at(f.titleIdx)
    const underline = at(f.underlineIdx)
    const bodyEnd = i + 1 < n ? first[i + 1] - 1 : last
    const children: Section[] = [] // not a literal inside the literals below, which V8 then creates faster
    const s: Section =
      f.overlineIdx === undefined
        ? { title, rawTitle, level: f.level, line, underline, style: f.style, bodyStart: underline + 1, bodyEnd, end: end[i], children }
        : { title, rawTitle, level: f.level, line, overline: first[i], underline, style: f.style, bodyStart: underline + 1, bodyEnd, end: end[i], children }
    const p = parentOf[i]
    if (p < 0) {
      roots.push(s)
    } else {
      s.parent = sections[p]
      sections[p].children.push(s)
    }
    sections.push(s)
  }
  return { sections, roots }
}

/** Per file line: inside a block where no prose lives. */
function verbatimOf(docVerbatim: boolean[], n: number, fileLine: number[] | undefined): boolean[] {
  if (fileLine === undefined) return docVerbatim
  const verbatim = new Array<boolean>(n).fill(false)
  for (let i = 0; i < docVerbatim.length; i++) if (docVerbatim[i]) verbatim[fileLine[i]] = true
  return verbatim
}

/** The machine's problems on file lines, without duplicates, in line order. */
function problemsOf(found: readonly ScanProblem[], fileLine: number[] | undefined): ScanProblem[] {
  if (found.length === 0) return []
  const at = (docLine: number): number => (fileLine === undefined ? docLine : fileLine[docLine - 1] + 1)
  const seen = new Set<string>()
  const problems: ScanProblem[] = []
  for (const p of found) {
    const line = at(p.line)
    const titleLine = p.titleLine === undefined ? undefined : at(p.titleLine)
    const key = `${p.kind}:${line}:${titleLine ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(titleLine === undefined ? { ...p, line } : { ...p, line, titleLine })
  }
  return problems.sort((a, b) => a.line - b.line)
}
