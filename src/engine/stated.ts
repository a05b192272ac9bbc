/**
 * Rules a template states in its own words: "Please wrap text at 79
 * columns" (line-length), "ascii diagrams are required" (image), "just
 * write: None" (the fix for a section with nothing to say). Read from the
 * template's prose and comments, sentence by sentence; each rule keeps the
 * sentence and the line it came from, so messages can quote them.
 */
import type { Outline, StatedRule, StatedRules, TemplateRules } from './types.js'

interface Sentence {
  text: string
  /** 1-based template line of each character's line (by offset into text). */
  lineAt(offset: number): number
}

/**
 * Paragraphs (prose, list items, comment bodies) of the template, split into
 * sentences; only those of paragraphs `wanted` accepts (a cheap test on the
 * whole paragraph that no sentence of the others could pass).
 */
function sentences(outline: Outline, wanted: (paragraph: string) => boolean): Sentence[] {
  const out: Sentence[] = []
  const lines = outline.lines
  let i = 0
  while (i < lines.length) {
    if ((lines[i] ?? '').trim() === '') {
      i++
      continue
    }
    // One paragraph: consecutive non-blank lines (at most 200, to bound a pathological template).
    let text = ''
    const starts: number[] = []
    const lineNos: number[] = []
    for (let n = 0; i < lines.length && (lines[i] ?? '').trim() !== '' && n < 200; i++, n++) {
      const t = lines[i]!.trim().replace(/^\.\.(\s+|$)/, '').replace(/^[*+-]\s+/, '')
      starts.push(text.length)
      lineNos.push(i + 1)
      text += (text ? ' ' : '') + t
      if (text.length > 20000) {
        i++ // this line is read: the next paragraph starts after it
        break
      }
    }
    if (!wanted(text)) continue
    const lineAt = (offset: number): number => {
      let k = 0
      while (k + 1 < starts.length && starts[k + 1]! <= offset) k++
      return lineNos[k]!
    }
    // Sentences end at . ! or ? followed by a space (so "sphinx-doc.org" stays in one).
    // The look-behind starts a match only at the first mark of a run: without
    // it a long run of marks with no space after it is retried from every
    // position (quadratic; fuzz seed 20261203 case 34813).
    let from = 0
    const push = (to: number): void => {
      const s = text.slice(from, to)
      const lead = s.length - s.trimStart().length
      const base = from + lead
      if (s.trim() !== '') out.push({ text: s.trim(), lineAt: off => lineAt(base + off) })
    }
    for (const m of text.matchAll(/(?<![.!?])[.!?]+\s+/g)) {
      push(m.index + m[0].trimEnd().length)
      from = m.index + m[0].length
    }
    push(text.length)
  }
  return out
}

const UNIT = String.raw`(?:columns?|characters?|chars?|cols?)`
/** "wrap (text) at 79 columns", "wrapped to 80 characters". */
const WRAP_AT = new RegExp(String.raw`\bwrap(?:ped|ping|s)?\b[^.\d]{0,40}?\b(?:at|to|before|on)\s+(\d{2,3})(?:\s*-)?\s*${UNIT}`, 'i')
/** "lines no longer than 80 characters", "lines under 80 columns" (under = at most 79). */
const LINES_AT_MOST = new RegExp(
  String.raw`\b(?:lines?|text)\b[^.\d]{0,40}?\b(no (?:longer|more|wider) than|at most|a maximum of|maximum of|up to|to|not exceed(?:ing)?|under|fewer than|less than|shorter than|within|fits? (?:in|within|into))\s+(\d{2,3})(?:\s*-)?\s*${UNIT}`,
  'i'
)
/** "a 79 character line limit", "80-column lines". */
const N_COLUMN = new RegExp(String.raw`\b(\d{2,3})(?:\s*-)?\s*${UNIT}\s+(?:wide\b|lines?\b|limit\b|line (?:length|limit|width)\b|maximum\b|width\b)`, 'i')
/** "maximum line length of 79", "line length is 80". */
const LINE_LENGTH_OF = /\bline[- ](?:length|width)\s+(?:limit\s+)?(?:of|is|=|:)\s*(\d{2,3})\b/i

function widthIn(text: string): { width: number; at: number } | undefined {
  let m = WRAP_AT.exec(text)
  if (m) return { width: Number(m[1]), at: m.index }
  m = LINES_AT_MOST.exec(text)
  if (m) {
    const exclusive = /^(under|fewer than|less than|shorter than)$/i.test(m[1]!)
    return { width: Number(m[2]) - (exclusive ? 1 : 0), at: m.index }
  }
  m = N_COLUMN.exec(text) ?? LINE_LENGTH_OF.exec(text)
  if (m) return { width: Number(m[1]), at: m.index }
  return undefined
}

/** "ascii diagrams", "text diagrams", "plain-text diagrams", "diagrams in ASCII". */
const TEXT_DIAGRAM = /\b(?:ascii|text|plain[- ]?text|textual)(?:[- ]art)?\s+diagrams?\b|\bdiagrams?\b[^.]{0,40}?\b(?:in|as)\s+(?:ascii|plain[- ]?text)\b/i
const REQUIRED = /\b(?:required|require|requires|must|mandatory|only)\b/i
const PREFERRED = /\b(?:prefer|preferred|preferably|encouraged|recommended|should|please use)\b/i

/** "just write: None", "write None", "put N/A or None". */
const WRITE_NONE = /\b(?:write|put|say|state|enter|answer)\b[\s:"'`]{1,6}None\b/i

const MAX_QUOTE = 200

function quote(text: string): string {
  return text.length > MAX_QUOTE ? text.slice(0, MAX_QUOTE - 1).trimEnd() + '…' : text
}

// What each pattern above needs in its sentence: a width has digits (\d{2,3}),
// a text diagram the word "diagram", "write None" the word "none" (any case).
const DIGIT = /\d/
const MAY_STATE = (text: string): boolean => {
  if (DIGIT.test(text)) return true
  const lower = text.toLowerCase() // ASCII letters only match ASCII letters under /i: lower-casing finds them all
  return lower.includes('diagram') || lower.includes('none')
}

/** The rules a scanned template states, each with its first sentence and line. */
export function statedRules(outline: Outline): StatedRules {
  const out: StatedRules = {}
  for (const s of sentences(outline, MAY_STATE)) {
    if (!out.lineLength && DIGIT.test(s.text)) {
      const w = widthIn(s.text)
      if (w && w.width >= 20) out.lineLength = { line: s.lineAt(w.at), text: quote(s.text), width: w.width }
    }
    if ((!out.image || out.image.level === 'preferred') && s.text.toLowerCase().includes('diagram')) {
      const m = TEXT_DIAGRAM.exec(s.text)
      if (m) {
        const level = REQUIRED.test(s.text) ? 'required' : PREFERRED.test(s.text) ? 'preferred' : undefined
        if (level && (!out.image || level === 'required')) out.image = { line: s.lineAt(m.index), text: quote(s.text), level }
      }
    }
    if (!out.none) {
      const m = WRITE_NONE.exec(s.text)
      if (m) out.none = { line: s.lineAt(m.index), text: quote(s.text) }
    }
  }
  return out
}

/** `"<sentence>" (<template> line <n>)`, for messages. */
export function quoteOf(rule: StatedRule, template: Pick<TemplateRules, 'source' | 'embedded'>): string {
  return `"${rule.text}" (${template.embedded ? 'embedded default template' : template.source} line ${rule.line})`
}
