/**
 * The one markdown-it parser of the process, set up as the Markdown reader
 * needs it: CommonMark + GFM tables and strikethrough, HTML blocks read as
 * GitHub's cmark-gfm 0.29 reads them, and only the work whose result the
 * reader uses (no inline parsing, no paragraph text, line marks found
 * line by line rather than character by character). Same tokens as
 * markdown-it's own rules: __tests__/markdown/markdown-it.test.ts compares them.
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
    const terminators = state.md.block.ruler.getRules('paragraph')
    const oldParentType = state.parentType
    let nextLine = startLine + 1
    state.parentType = 'paragraph'
    for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
      // A lazy continuation line (however indented), or a line a block quote has checked already.
      if (state.sCount[nextLine]! - state.blkIndent > 3 || state.sCount[nextLine]! < 0) continue
      let terminate = false
      for (let i = 0; i < terminators.length && !terminate; i++) terminate = terminators[i]!(state, nextLine, endLine, true)
      if (terminate) break
    }
    state.line = nextLine
    state.push('paragraph_open', 'p', 1).map = [startLine, nextLine]
    const inline = state.push('inline', '', 0)
    inline.map = [startLine, nextLine]
    inline.children = []
    state.push('paragraph_close', 'p', -1)
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
