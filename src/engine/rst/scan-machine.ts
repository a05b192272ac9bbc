/**
 * A port of the part of docutils 0.19's reStructuredText state machine
 * (`docutils/parsers/rst/states.py`) that decides where sections are:
 * the `Body`, `Text` and `Line` states, `RSTState.check_subsection` /
 * `new_subsection` with their "bubble up" through nested state machines.
 * The Body state (every other construct, and exactly how many lines docutils
 * gives it, so that the next line is looked at where docutils looks at it)
 * is in scan-body.ts.
 *
 * Content nested in lists, definitions, footnotes and the like is parsed
 * again with `match_titles` off, only to find literal blocks and other
 * verbatim lines in it, down to a fixed depth (and not at all when it is
 * plain prose, which has none).
 *
 * Each state machine is one `StateMachine` object: `pos` is docutils'
 * `line_offset`, exceptions (EOFError, TransitionCorrection, StateCorrection)
 * become flags and direct changes of `pos` / `state`. The state machine of a
 * section body runs on the object of the one that found its title.
 */

import { body, type BodyHost, type EnumContext, type View } from './scan-body.js'
import { endsWithLiteralMarker, getIndented, getTextBlock } from './scan-blocks.js'
import { matchEnumerator } from './scan-enum.js'
import { columnWidth, isAdornmentChar, isAdornmentLine, isAsciiAlnum, isUnicodeBullet, pyLstrip, pyStrip } from './scan-text.js'
import type { ScanProblem } from '../types.js'

/** How deep nested content (lists in lists ...) is re-parsed for verbatim lines. */
const MAX_NESTED_DEPTH = 16

/** A section as the state machine found it (0-based line indices). */
export interface FoundSection {
  /** Title text as docutils passes it to the inline parser. */
  title: string
  level: number
  titleIdx: number
  underlineIdx: number
  overlineIdx?: number
  style: string
}

/** A problem found while reading a title, reported only if the section is created: [kind, line, message]. */
type Pending = [ScanProblem['kind'], number, string] | undefined

/** An adornment style for messages: `"="` underline, or `"="` overline and underline. */
const describeStyle = (style: string): string => (style.length === 1 ? `"${style}" underline` : `"${style[0]}" overline and underline`)

/** The three states of docutils' machine that matter for titles. */
const BODY = 0
const TEXT = 1
const LINE = 2

/** State shared by all the state machines of one document (docutils' `memo`). */
export class Machine {
  readonly styles: string[] = []
  sectionLevel = 0
  bubbleKludge = false
  readonly sections: FoundSection[] = []
  readonly problems: ScanProblem[] = []
  /** Per document line: verbatim (see Outline.verbatim). */
  readonly verbatim: boolean[]

  constructor(readonly doc: readonly string[]) {
    this.verbatim = new Array<boolean>(doc.length).fill(false)
  }

  parse(): void {
    new StateMachine(this, { lines: this.doc, base: 0 }, true, 0).run(0)
  }

  /** Marks view lines [a, b] verbatim, leaving out blank lines at either end. */
  mark(v: View, a: number, b: number): void {
    const L = v.lines
    while (a <= b && a < L.length && L[a] === '') a++
    while (b >= a && (b >= L.length || L[b] === '')) b--
    for (let i = a; i <= b; i++) this.verbatim[v.base + i] = true
  }

  problem(kind: ScanProblem['kind'], line: number, titleLine: number | undefined, message: string): void {
    this.problems.push(titleLine === undefined ? { kind, line: line + 1, message } : { kind, line: line + 1, titleLine: titleLine + 1, message })
  }
}

/** ASCII punctuation that starts a body construct: `# ( * + - . / : = > _ |`. */
const CONSTRUCT_START = new Set([0x23, 0x28, 0x2a, 0x2b, 0x2d, 0x2e, 0x2f, 0x3a, 0x3d, 0x3e, 0x5f, 0x7c])

/**
 * Are view lines [start, end) (the first from column `first`, the others from
 * `indent`) all blank or plain prose: not indented, not starting a construct
 * (with a bullet, an enumerator or other markup), not ending with `::`?
 * Parsed as nested body content, such lines are only paragraphs (an
 * adornment line among them is read as text or dropped, titles are not
 * matched there), with nothing verbatim in them.
 */
function onlyProse(L: readonly string[], start: number, end: number, first: number, indent: number): boolean {
  for (let i = start; i < end; i++) {
    const line = L[i]
    const from = i === start ? first : indent
    if (line.length <= from) continue // blank (lines are right-stripped)
    const c = line.charCodeAt(from)
    if (c === 32 || line.endsWith('::')) return false
    const construct = isAdornmentChar(c)
      ? CONSTRUCT_START.has(c)
      : isUnicodeBullet(c) || (isAsciiAlnum(c) && matchEnumerator(line, from) !== undefined)
    if (construct) return false
  }
  return true
}

class StateMachine implements BodyHost {
  /** docutils' `line_offset` (index into `v.lines`). */
  pos = -1
  state = BODY
  /** Index of the line held as context by the Text and Line states (-1: none). */
  ctx = -1
  /** A correction asked for the `text` transition on the next line. */
  forced = false
  /** EOFError raised by a transition (section bubbling up). */
  raised = false
  /** Set while the state machine would be in the EnumeratedList state. */
  enumCtx: EnumContext | undefined
  readonly L: readonly string[]
  readonly n: number

  constructor(
    private readonly m: Machine,
    private readonly v: View,
    readonly matchTitles: boolean,
    private readonly depth: number
  ) {
    this.L = v.lines
    this.n = v.lines.length
  }

  /** `StateMachine.run` from view line `start`; returns the final line offset. */
  run(start: number): number {
    this.pos = start - 1
    for (;;) {
      this.pos++
      if (this.pos >= this.n) {
        if (this.eof()) continue
        break
      }
      const forced = this.forced
      this.forced = false
      if (this.state === BODY) {
        if (!forced && this.L[this.pos] === '') continue // Body.blank: nothing to do
        body(this, forced)
      } else if (this.state === TEXT) this.text(forced)
      else this.line()
      if (this.raised) {
        this.raised = false
        if (this.eof()) continue
        break
      }
    }
    return this.pos
  }

  /** The current state's `eof`; true when it corrected the state and parsing goes on. */
  private eof(): boolean {
    if (this.state === LINE) {
      // Line.eof: a short marker left pending becomes text (unless a section is bubbling up)
      const marker = pyStrip(this.L[this.ctx])
      if (this.m.bubbleKludge) this.m.bubbleKludge = false
      else if (marker.length < 4) {
        this.stateCorrection(1)
        return true
      }
    }
    return false
  }

  /** `Line.state_correction`: back up and read the marker line again as text. */
  private stateCorrection(lines: number): void {
    this.pos -= lines + 1
    this.state = BODY
    this.forced = true
  }

  toText(): void {
    this.state = TEXT
    this.ctx = this.pos
  }

  toLine(): void {
    this.state = LINE
    this.ctx = this.pos
  }

  mark(a: number, b: number): void {
    this.m.mark(this.v, a, b)
  }

  nested(start: number, end: number, first: number, indent: number): void {
    if (this.depth >= MAX_NESTED_DEPTH || onlyProse(this.L, start, end, first, indent)) return
    const lines: string[] = []
    for (let i = start; i < end; i++) {
      const line = this.L[i].slice(i === start ? first : indent)
      if (lines.length > 0 || line !== '') lines.push(line) // from the first non-blank line
    }
    new StateMachine(this.m, { lines, base: this.v.base + end - lines.length }, false, this.depth + 1).run(0)
  }

  // ------------------------------------------------------------------ Text

  private text(forced: boolean): void {
    const line = this.L[this.pos]
    if (forced) return this.paragraph()
    if (line === '') {
      // end of a one-line paragraph
      this.state = BODY
      if (endsWithLiteralMarker(this.L[this.ctx])) this.literalBlock()
      return
    }
    if (line.charCodeAt(0) === 32) {
      // definition list item
      const r = getIndented(this.L, this.pos)
      this.nested(this.pos, r.end, r.indent, r.indent)
      this.pos = r.end - 1
      this.state = BODY
      return
    }
    if (isAdornmentLine(line)) return this.underline()
    this.paragraph()
  }

  /** `Text.text`: the rest of the paragraph, and a literal block after `::`. */
  private paragraph(): void {
    const end = getTextBlock(this.L, this.pos, true)
    this.pos = end - 1
    this.state = BODY
    const last = end > this.ctx + 1 ? this.L[end - 1] : this.L[this.ctx]
    if (endsWithLiteralMarker(last)) {
      this.pos++
      this.literalBlock()
    }
  }

  /** `Text.literal_block` from the current line. */
  private literalBlock(): void {
    const start = this.pos
    const r = getIndented(this.L, start)
    if (r.end > start) this.pos = r.end - 1
    let first = start
    while (first < r.end && this.L[first] === '') first++
    if (first < r.end) this.mark(first, r.end - 1)
    else this.quotedLiteralBlock()
  }

  /** `Text.quoted_literal_block`: the `QuotedLiteralBlock` state machine. */
  private quotedLiteralBlock(): void {
    const L = this.L
    let p = this.pos - 1
    let quote = ''
    let first = -1
    let last = -1
    for (;;) {
      p++
      if (p >= this.n) {
        if (!quote) p--
        break
      }
      const line = L[p]
      if (line === '') {
        if (quote) break
        continue
      }
      if (quote && line[0] === quote) {
        last = p
        continue
      }
      if (!quote && line.charCodeAt(0) !== 32 && isAdornmentChar(line.charCodeAt(0))) {
        quote = line[0]
        first = last = p
        continue
      }
      p-- // indented or inconsistent line: it is read again after the block
      break
    }
    if (quote) this.mark(first, last)
    this.pos = p
  }

  /** `Text.underline`: a section title (or a paragraph when the underline is too short). */
  private underline(): void {
    const L = this.L
    const titleIdx = this.ctx
    const title = L[titleIdx]
    const underline = L[this.pos]
    let problem: Pending
    if (columnWidth(title) > underline.length) {
      if (underline.length < 4) {
        if (this.matchTitles) this.shortAdornment(this.pos, titleIdx)
        return this.paragraph() // TransitionCorrection('text')
      }
      problem = ['title-underline', this.pos, 'Title underline too short.']
    }
    if (!this.matchTitles) {
      this.state = BODY // "Unexpected section title."
      return
    }
    this.ctx = -1
    this.section(title, underline[0], titleIdx, this.pos, undefined, problem)
    if (!this.raised) this.state = BODY
  }

  private shortAdornment(adornmentIdx: number, titleIdx: number): void {
    const a = pyStrip(this.L[adornmentIdx])
    if (a === '::' || a[0] === '.') return
    this.m.problem(
      'short-adornment',
      this.v.base + adornmentIdx,
      this.v.base + titleIdx,
      `Possible title adornment "${a}" is shorter than the title and shorter than 4 characters, so docutils reads it as ordinary text (no section).`
    )
  }

  // ------------------------------------------------------------------ Line

  private line(): void {
    const L = this.L
    const line = L[this.pos]
    if (line === '') {
      // transition marker, or text when too short
      if (pyStrip(L[this.ctx]).length < 4) this.stateCorrection(1)
      else this.state = BODY
      return
    }
    if (line.charCodeAt(0) !== 32 && isAdornmentLine(line)) {
      // two adornment lines: "Invalid section title or transition marker."
      if (L[this.ctx].length < 4) this.stateCorrection(1)
      else this.state = BODY
      return
    }
    this.overlinedTitle()
  }

  /** `Line.text`: a title with overline and underline. */
  private overlinedTitle(): void {
    const L = this.L
    const overIdx = this.ctx
    const overline = L[overIdx]
    const titleIdx = this.pos
    const title = L[titleIdx]
    const short = overline.length < 4
    this.pos++
    const fail = (message: string): void => {
      if (short) return this.stateCorrection(2)
      this.m.problem('title-overline', overIdx, titleIdx, message)
      this.state = BODY
    }
    if (this.pos >= this.n) return fail('Incomplete section title.')
    const underline = L[this.pos]
    if (!isAdornmentLine(underline)) return fail('Missing matching underline for section title overline.')
    if (overline !== underline) {
      if (short) this.shortAdornment(overIdx, titleIdx)
      return fail('Title overline & underline mismatch.')
    }
    let problem: Pending
    if (columnWidth(title) > overline.length) {
      if (short) {
        this.shortAdornment(overIdx, titleIdx)
        return this.stateCorrection(2)
      }
      problem = ['title-underline', overIdx, 'Title overline too short.']
    }
    this.section(pyLstrip(title), overline[0] + '/' + underline[0], titleIdx, this.pos, overIdx, problem)
    if (!this.raised) this.state = BODY
  }

  // -------------------------------------------------------------- sections

  /**
   * `RSTState.section` / `check_subsection`. Titles are only matched by the
   * document's state machines, whose view is the whole document (base 0), so
   * line indices here are document indices.
   */
  private section(
    title: string,
    style: string,
    titleIdx: number,
    underlineIdx: number,
    overlineIdx: number | undefined,
    problem: Pending
  ): void {
    const m = this.m
    const idx = m.styles.indexOf(style)
    let ok: boolean
    if (idx < 0) {
      ok = m.styles.length === m.sectionLevel
      if (ok) m.styles.push(style)
    } else {
      const level = idx + 1
      if (level <= m.sectionLevel) {
        // sibling or supersection: back up and let the parent state machine see it
        m.sectionLevel = level
        if (overlineIdx !== undefined) m.bubbleKludge = true
        this.pos -= overlineIdx !== undefined ? 3 : 2
        this.raised = true
        return
      }
      ok = level === m.sectionLevel + 1
    }
    if (!ok) {
      // docutils: "Title level inconsistent" (severe); the title is dropped, its lines become body text
      const allowed = m.styles.slice(0, m.sectionLevel + 1).map(describeStyle)
      m.problem(
        'inconsistent-level',
        underlineIdx,
        titleIdx,
        `Title level inconsistent: ${describeStyle(style)} ${idx < 0 ? 'is a new adornment style' : `is the style of level ${idx + 1}`}, ` +
          `but a title here can only be level 1-${allowed.length} (${allowed.join(', ')}); docutils drops this title.`
      )
      return
    }
    this.newSubsection(title, style, titleIdx, underlineIdx, overlineIdx, problem)
  }

  /** `RSTState.new_subsection`: record the section and parse its body in a new state machine. */
  private newSubsection(
    title: string,
    style: string,
    titleIdx: number,
    underlineIdx: number,
    overlineIdx: number | undefined,
    problem: Pending
  ): void {
    const m = this.m
    const mylevel = m.sectionLevel
    m.sectionLevel++
    m.sections.push({ title, level: m.sectionLevel, titleIdx, underlineIdx, overlineIdx, style })
    if (problem) m.problem(problem[0], problem[1], titleIdx, problem[2])
    // docutils parses the section body with a new state machine over the same
    // lines; this one does it, in a fresh state, and gets its own state back
    const { state, ctx } = this
    this.state = BODY
    this.ctx = -1
    this.enumCtx = undefined
    this.pos = this.run(this.pos + 1)
    this.state = state
    this.ctx = ctx
    if (m.sectionLevel <= mylevel) {
      this.raised = true
      return
    }
    m.sectionLevel = mylevel
  }
}
