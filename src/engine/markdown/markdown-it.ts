/**
 * The one markdown-it parser of the process, set up as the Markdown reader
 * needs it: CommonMark + GFM tables and strikethrough, HTML blocks read as
 * GitHub's cmark-gfm 0.29 reads them, and only the work whose result the
 * reader uses (no inline parsing, no paragraph text, line marks found
 * line by line rather than character by character, at each line only the
 * block rules that may start at its first character, one walk over a
 * paragraph for lheading and paragraph). Same tokens as markdown-it's own
 * rules: __tests__/markdown/markdown-it.test.ts compares them.
 */
import MarkdownIt from 'markdown-it'
import StateBlock from 'markdown-it/lib/rules_block/state_block.mjs'

export type Md = MarkdownIt
/** markdown-it's environment (link reference definitions the inline parser of headings reads). */
export type Env = Record<string, unknown>

let parser: Md | undefined

/** One parser for the process: HTML blocks on (GitHub reads them), inline parsing only for headings. */
export function markdownIt(): Md {
  if (!parser) {
    parser = new MarkdownIt('default', { html: true, linkify: false, typographer: false })
    parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'])
    asCmarkGfm029(parser)
    withoutUnusedWork(parser)
    onlyRulesThatCanStart(parser)
    parser.block.State = LineMarksState as unknown as typeof StateBlock
  }
  return parser
}

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean

/** A complete open or closing tag alone on its line (the start of an HTML block of type 7). */
const TAG_LINE = /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/
/** Starts of type 7 in CommonMark 0.29 that 0.31 reads as type 1 (`<textarea`) or type 6 (`search`). */
const TYPE7_IN_029 = /^<(?:textarea|\/?search)(?=\s|\/?>|$)/i

/**
 * GitHub renders with cmark-gfm 0.29; markdown-it follows CommonMark 0.31,
 * whose HTML block starts differ on `<textarea`, `search` and
 * declarations with a lower-case letter (`<!doctype`: text in 0.29).
 * This rule reads those lines as 0.29 does and leaves the rest to markdown-it.
 */
export function asCmarkGfm029(md: Md): void {
  // The rule list is internal to markdown-it (not in its typings); at() keeps the rule's place and alternatives.
  const rules = (md.block.ruler as unknown as { __rules__: Array<{ name: string; fn: BlockRule; alt: string[] }> }).__rules__
  const rule = rules.find(r => r.name === 'html_block')
  if (!rule) return
  const original = rule.fn
  const html029: BlockRule = (state, startLine, endLine, silent) => {
    const start = state.bMarks[startLine]! + state.tShift[startLine]!
    // Most lines do not start with `<`: no slice for them (this rule is tried at every block start).
    if (state.src.charCodeAt(start) === 0x3c && state.sCount[startLine]! - state.blkIndent < 4) {
      const text = state.src.slice(start, state.eMarks[startLine])
      if (/^<![a-z]/.test(text)) return false
      if (TYPE7_IN_029.test(text)) {
        if (silent || !TAG_LINE.test(text)) return false // type 7 cannot interrupt a paragraph
        let next = startLine + 1
        while (next < endLine && state.sCount[next]! >= state.blkIndent && !state.isEmpty(next)) next++
        state.line = next
        const token = state.push('html_block', '', 0)
        token.map = [startLine, next]
        token.content = state.getLines(startLine, next, state.blkIndent, true)
        return true
      }
    }
    return original(state, startLine, endLine, silent)
  }
  md.block.ruler.at('html_block', html029, { alt: rule.alt })
}

/**
 * Two of markdown-it's rules, doing only the work whose result is read here
 * (same tokens, same line ranges):
 * - normalize: the text is already split at CR, CRLF and LF and joined with
 *   LF (sourceOf), so it is copied only when it holds a NUL (to U+FFFD);
 * - paragraph: the same line walk, without collecting the paragraph's text
 *   into its inline token (inline parsing is off; headings have their own).
 */
function withoutUnusedWork(md: Md): void {
  md.core.ruler.at('normalize', state => {
    let src = state.src
    if (src.includes('\r')) src = src.replace(/\r\n?/g, '\n')
    if (src.includes('\0')) src = src.replace(/\0/g, '\uFFFD')
    state.src = src
  })
  md.block.ruler.at('paragraph', (state, startLine, endLine) => {
    const oldParentType = state.parentType
    state.parentType = 'paragraph'
    pushParagraph(state, startLine, paragraphEnd(state, startLine, endLine, false))
    state.parentType = oldParentType
    return true
  })
}

/**
 * The line after the paragraph that starts at startLine (markdown-it's walk:
 * up to a blank line or a line a block rule of the `paragraph` chain may
 * start, lazy continuation lines included). With `underline`, it stops
 * early at a setext underline (`===` or `---`) and returns its line as the
 * negative `-(line + 1)` (lheading's walk, which is the same walk).
 */
function paragraphEnd(state: StateBlock, startLine: number, endLine: number, underline: boolean): number {
  const terminators = startRules(state.md.block.ruler, 'paragraph')
  const { src, bMarks, tShift, sCount, eMarks } = state
  let nextLine = startLine + 1
  for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
    // A lazy continuation line (however indented).
    if (sCount[nextLine]! - state.blkIndent > 3) continue
    const pos = bMarks[nextLine]! + tShift[nextLine]!
    const ch = src.charCodeAt(pos)
    if (underline && (ch === 0x3d || ch === 0x2d) && sCount[nextLine]! >= state.blkIndent) {
      if (state.skipSpaces(state.skipChars(pos, ch)) >= eMarks[nextLine]!) return -(nextLine + 1)
    }
    // A line a block quote has checked already.
    if (sCount[nextLine]! < 0) continue
    const rules = terminators[startIndex(state, nextLine)]!
    let terminate = false
    for (let i = 0; i < rules.length && !terminate; i++) terminate = rules[i]!(state, nextLine, endLine, true)
    if (terminate) break
  }
  return nextLine
}

/** The paragraph's tokens, without its text (inline parsing is off). */
function pushParagraph(state: StateBlock, startLine: number, nextLine: number): void {
  state.line = nextLine
  state.push('paragraph_open', 'p', 1).map = [startLine, nextLine]
  const inline = state.push('inline', '', 0)
  inline.map = [startLine, nextLine]
  inline.children = []
  state.push('paragraph_close', 'p', -1)
}

/** markdown-it's asciiTrim: spaces, tabs and line ends at both ends (other Unicode spaces kept). */
function asciiTrim(s: string): string {
  const trimmable = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
  let start = 0
  while (start < s.length && trimmable(s.charCodeAt(start))) start++
  let end = s.length
  while (end > start && trimmable(s.charCodeAt(end - 1))) end--
  return s.slice(start, end)
}

/**
 * The characters a line must start with (after its indent) for each of
 * markdown-it's block rules that test one: at any other such a rule
 * returns false before it changes anything. A rule not named here (code,
 * lheading, paragraph) is always tried.
 */
const FIRST_CHARS: Record<string, string> = {
  fence: '`~',
  blockquote: '>',
  hr: '*-_',
  list: '*-+0123456789',
  reference: '[',
  html_block: '<',
  heading: '#'
}

/** The same for the line after: a table's delimiter row starts with `|`, `-` or `:`. */
const NEXT_LINE_CHARS: Record<string, string> = { table: '|-:' }

/**
 * Per chain: the chain's rules, in order, that may start at a line, by the
 * first character of the line (index 0-127; 128: any other) and whether the
 * next line may be a table's delimiter row (+129).
 */
const startRulesCache = new WeakMap<BlockRule[], BlockRule[][]>()

function startRules(ruler: Md['block']['ruler'], chain: string): BlockRule[][] {
  const rules = ruler.getRules(chain) as unknown as BlockRule[]
  let byChar = startRulesCache.get(rules)
  if (!byChar) {
    const names = new Map((ruler as unknown as { __rules__: Array<{ name: string; fn: BlockRule }> }).__rules__.map(r => [r.fn, r.name]))
    const may = (chars: string | undefined, c: number): boolean => chars === undefined || (c < 128 && chars.includes(String.fromCharCode(c)))
    byChar = []
    for (const next of ['', '|']) {
      for (let c = 0; c <= 128; c++) {
        byChar.push(rules.filter(fn => may(FIRST_CHARS[names.get(fn) ?? ''], c) && may(NEXT_LINE_CHARS[names.get(fn) ?? ''], next.charCodeAt(0) || 128)))
      }
    }
    startRulesCache.set(rules, byChar)
  }
  return byChar
}

/** The index into startRules' lists for a line: its first character, and the next line's. */
function startIndex(state: StateBlock, line: number): number {
  const { src, bMarks, tShift } = state
  const ch = src.charCodeAt(bMarks[line]! + tShift[line]!)
  // The next line always has marks (the last line is followed by markdown-it's empty one); NaN past the end.
  const next = src.charCodeAt(bMarks[line + 1]! + tShift[line + 1]!)
  return (ch < 128 ? ch : 128) + (next === 0x7c || next === 0x2d || next === 0x3a ? 129 : 0)
}

/**
 * Two changes that leave the tokens as they are:
 * - markdown-it's block loop, trying at each block start only the rules
 *   that may start at its first character (startRules);
 * - lheading and paragraph in one rule: lheading walks a paragraph's lines
 *   looking for a setext underline and, when there is none, leaves the same
 *   walk to the paragraph rule; here the one walk gives the heading, or
 *   the paragraph.
 */
function onlyRulesThatCanStart(md: Md): void {
  md.block.tokenize = function tokenize(state: StateBlock, startLine: number, endLine: number): void {
    const byChar = startRules(this.ruler, '')
    const maxNesting = (state.md.options as { maxNesting?: number }).maxNesting ?? 100
    let line = startLine
    let hasEmptyLines = false
    while (line < endLine) {
      state.line = line = state.skipEmptyLines(line)
      if (line >= endLine) break
      // Termination condition for nested calls (block quotes and lists).
      if (state.sCount[line]! < state.blkIndent) break
      // Past the maximum nesting, the rest is skipped.
      if (state.level >= maxNesting) {
        state.line = endLine
        break
      }
      const prevLine = state.line
      const rules = byChar[startIndex(state, line)]!
      let ok = false
      for (let i = 0; i < rules.length; i++) {
        ok = rules[i]!(state, line, endLine, false)
        if (ok) {
          if (prevLine >= state.line) throw new Error("block rule didn't increment state.line")
          break
        }
      }
      if (!ok) throw new Error('none of the block rules matched')
      // An empty line before the current block makes the list loose (the latest one does not count).
      state.tight = !hasEmptyLines
      // A paragraph may take one empty line after it in nested lists.
      if (state.isEmpty(state.line - 1)) hasEmptyLines = true
      line = state.line
      if (line < endLine && state.isEmpty(line)) {
        hasEmptyLines = true
        line++
        state.line = line
      }
    }
  }
  md.block.ruler.at('lheading', (state, startLine, endLine) => {
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false
    const oldParentType = state.parentType
    state.parentType = 'paragraph'
    const end = paragraphEnd(state, startLine, endLine, true)
    if (end >= 0) {
      pushParagraph(state, startLine, end)
    } else {
      const underline = -end - 1
      const marker = state.src.charCodeAt(state.bMarks[underline]! + state.tShift[underline]!)
      const tag = marker === 0x3d ? 'h1' : 'h2'
      state.line = underline + 1
      const open = state.push('heading_open', tag, 1)
      open.markup = String.fromCharCode(marker)
      open.map = [startLine, state.line]
      const inline = state.push('inline', '', 0)
      inline.content = asciiTrim(state.getLines(startLine, underline, state.blkIndent, false))
      inline.map = [startLine, state.line - 1]
      inline.children = []
      state.push('heading_close', tag, -1).markup = String.fromCharCode(marker)
    }
    state.parentType = oldParentType
    return true
  })
}

/**
 * markdown-it's StateBlock, with the line marks (start, end, indent in
 * characters and in columns) found by jumping from line end to line end
 * (indexOf) instead of visiting every character. As markdown-it does, a
 * last line of only spaces and tabs without a line end is no line.
 * The fields are markdown-it's, set in its order; the methods are its own.
 */
function LineMarksState(this: StateBlock, src: string, md: Md, env: Env, tokens: StateBlock['tokens']): void {
  this.src = src
  this.md = md
  this.env = env
  this.tokens = tokens
  const bMarks: number[] = (this.bMarks = [])
  const eMarks: number[] = (this.eMarks = [])
  const tShift: number[] = (this.tShift = [])
  const sCount: number[] = (this.sCount = [])
  const bsCount: number[] = (this.bsCount = [])
  this.blkIndent = 0
  this.line = 0
  this.lineMax = 0
  this.tight = false
  this.ddIndent = -1
  this.listIndent = -1
  this.parentType = 'root'
  this.level = 0
  const len = src.length
  let pos = 0
  while (pos < len) {
    const start = pos
    let indent = 0
    let offset = 0
    let ch = src.charCodeAt(pos)
    while (ch === 0x20 || ch === 0x09) {
      indent++
      offset += ch === 0x09 ? 4 - (offset % 4) : 1
      ch = src.charCodeAt(++pos) // NaN past the end
    }
    if (pos >= len) break
    const lf = src.indexOf('\n', pos)
    const end = lf < 0 ? len : lf
    bMarks.push(start)
    eMarks.push(end)
    tShift.push(indent)
    sCount.push(offset)
    bsCount.push(0)
    pos = end + 1
  }
  // The fake last line markdown-it's rules rely on.
  bMarks.push(len)
  eMarks.push(len)
  tShift.push(0)
  sCount.push(0)
  bsCount.push(0)
  this.lineMax = bMarks.length - 1
}
LineMarksState.prototype = StateBlock.prototype
