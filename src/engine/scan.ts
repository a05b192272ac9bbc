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
import { Machine } from './scan-machine.js'
import { PY_EXTRA_LINE_BREAKS, docutilsLines } from './scan-text.js'
import type { Outline, ScanProblem, Section } from './types.js'

export { renderTitle } from './inline.js'

/** Splits text into lines the way the scanner numbers them: CRLF, CR or LF, BOM removed. */
export function splitLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text === '') return []
  const lines = text.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/**
 * Scans a reStructuredText document for its section structure as docutils
 * 0.19 parses it. Levels are nesting depths (1 = outermost), in the order the
 * adornment styles first appear; a title whose style would skip a level is
 * dropped, as docutils drops it (with an `inconsistent-level` problem).
 */
export function scan(text: string): Outline {
  const lines = splitLines(String(text ?? ''))

  // docutils' lines; a file line holding one of the rare extra line breaks of
  // Python's splitlines (U+2028, U+0085, ...) gives docutils several lines
  const docLines: string[] = []
  const fileLine: number[] = [] // docutils line index -> file line index
  const pieceOf: number[] = [] // docutils line index -> piece of its file line
  lines.forEach((line, i) => {
    docutilsLines(line).forEach((d, k) => {
      docLines.push(d)
      fileLine.push(i)
      pieceOf.push(k)
    })
  })
  const machine = new Machine(docLines)
  machine.parse()
  const at = (docIdx: number): number => fileLine[docIdx] + 1
  const rawText = (docIdx: number): string => {
    const line = lines[fileLine[docIdx]]
    return PY_EXTRA_LINE_BREAKS.test(line) ? line.split(new RegExp(PY_EXTRA_LINE_BREAKS.source, 'g'))[pieceOf[docIdx]] : line
  }

  const last = lines.length
  const sections: Section[] = machine.sections.map(f => ({
    title: renderTitle(f.title),
    rawTitle: rawText(f.titleIdx).trim(),
    level: f.level,
    line: at(f.titleIdx),
    ...(f.overlineIdx !== undefined ? { overline: at(f.overlineIdx) } : {}),
    underline: at(f.underlineIdx),
    style: f.style,
    bodyStart: at(f.underlineIdx) + 1,
    bodyEnd: last,
    end: last,
    children: []
  }))

  const firstLine = (s: Section): number => s.overline ?? s.line
  const roots: Section[] = []
  const stack: Section[] = []
  sections.forEach((s, i) => {
    const next = sections[i + 1]
    if (next) s.bodyEnd = firstLine(next) - 1
    while (stack.length && stack[stack.length - 1].level >= s.level) {
      stack.pop()!.end = firstLine(s) - 1
    }
    const parent = stack[stack.length - 1]
    if (parent) {
      s.parent = parent
      parent.children.push(s)
    } else {
      roots.push(s)
    }
    stack.push(s)
  })

  const seen = new Set<string>()
  const problems: ScanProblem[] = []
  for (const p of machine.problems) {
    const line = at(p.line - 1)
    const titleLine = p.titleLine === undefined ? undefined : at(p.titleLine - 1)
    const key = `${p.kind}:${line}:${titleLine ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(titleLine === undefined ? { ...p, line } : { ...p, line, titleLine })
  }
  problems.sort((a, b) => a.line - b.line)

  const verbatim: boolean[] = new Array<boolean>(lines.length).fill(false)
  machine.verbatim.forEach((v, i) => {
    if (v) verbatim[fileLine[i]] = true
  })

  return { lines, sections, roots, verbatim, problems }
}
