/**
 * Markdown text -> MdDocument, with markdown-it (CommonMark + GFM tables and
 * strikethrough) reading the blocks. Headings are those GitHub's cmark-gfm
 * renders: ATX and setext, none inside code, HTML blocks or front matter.
 * Pure: text in, plain objects out.
 */
import type Token from 'markdown-it/lib/token.mjs'
import { markdownIt, type Env, type Md } from './markdown-it.js'
import { splitLines } from '../rst/scan.js'
import { readFrontMatter } from './front-matter.js'
import type { FrontMatter, MdBlock, MdBlockKind, MdDocument, MdHeadingFormat, MdSection } from './types.js'

const BLOCK_KIND: Record<string, MdBlockKind> = {
  paragraph_open: 'prose',
  fence: 'code',
  code_block: 'code',
  table_open: 'table',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  blockquote_open: 'quote',
  hr: 'rule'
}

/** One or more `<!-- ... -->` and nothing else; each comment stops at its first `-->` (no backtracking across comments). */
const ONLY_COMMENTS = /^(?:\s*<!--(?:(?!-->)[\s\S])*-->)+\s*$/

/** Parses Markdown text (already decoded; a leading BOM is ignored). */
export function parseMarkdown(text: string): MdDocument {
  const { lines, frontMatter, fmEnd, md, env, tokens } = blockTokens(text)
  const verbatim = new Array<boolean>(lines.length).fill(false)
  for (let l = 0; l <= fmEnd; l++) verbatim[l] = true
  const sections: MdSection[] = []
  const preamble: MdBlock[] = []
  let current: MdSection | undefined
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!
    const map = tok.map
    if (!map) continue
    const type = tok.type
    if (type === 'heading_open') {
      current = heading(tok, tokens[i + 1]!, lines, md, env)
      sections.push(current)
      continue
    }
    const code = type === 'fence' || type === 'code_block'
    if (code || type === 'html_block') {
      for (let l = map[0]; l < map[1] && l < verbatim.length; l++) verbatim[l] = true
    }
    if (tok.level !== 0) continue
    const b = block(tok, type, code, lines)
    if (b) (current ? current.blocks : preamble).push(b)
  }
  const roots = buildTree(sections, lines.length)
  return { format: 'markdown', lines, sections, roots, preamble, verbatim, problems: [], ...(frontMatter ? { frontMatter } : {}) }
}

/**
 * Only the headings (as parseMarkdown gives them, without body ranges,
 * blocks or tree) and the front matter: what `--outline` shows.
 */
export function parseHeadings(text: string): Pick<MdDocument, 'sections' | 'frontMatter'> {
  const { lines, frontMatter, md, env, tokens } = blockTokens(text)
  const sections: MdSection[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type === 'heading_open') sections.push(heading(tokens[i]!, tokens[i + 1]!, lines, md, env))
  }
  return frontMatter ? { sections, frontMatter } : { sections }
}

/** The text's lines, its front matter, and markdown-it's block tokens for the rest. */
function blockTokens(text: string): { lines: string[]; frontMatter: FrontMatter | undefined; fmEnd: number; md: Md; env: Env; tokens: Token[] } {
  const lines = splitLines(text)
  const frontMatter = readFrontMatter(lines)
  const fmEnd = frontMatter ? frontMatter.endLine - 1 : -1
  const md = markdownIt()
  const env: Env = {}
  const tokens = md.parse(sourceOf(text, lines, fmEnd), env)
  return { lines, frontMatter, fmEnd, md, env, tokens }
}

/**
 * The text markdown-it reads: the lines joined with "\n", front matter
 * lines blank. Without a CR in the text, that is the text itself (less its
 * final line end), so it is sliced rather than joined again line by line.
 */
function sourceOf(text: string, lines: readonly string[], fmEnd: number): string {
  if (text.includes('\r') || fmEnd >= lines.length - 1) return (fmEnd < 0 ? lines : lines.map((l, i) => (i <= fmEnd ? '' : l))).join('\n')
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (let i = 0; i <= fmEnd; i++) from = text.indexOf('\n', from) + 1
  const to = text.endsWith('\n') ? text.length - 1 : text.length
  const body = from <= to ? text.slice(from, to) : ''
  return fmEnd < 0 ? body : '\n'.repeat(fmEnd + 1) + body
}

function heading(open: Token, inline: Token, lines: string[], md: Md, env: Env): MdSection {
  const [start, after] = open.map!
  const setext = open.markup.charCodeAt(0) !== 0x23 // '#'
  const content = inline.content
  const rawTitle = content.includes('\n') ? content.split('\n').map(l => l.trim()).join(' ').trim() : content.trim()
  let shown = content
  if (INLINE_START.test(content) || (content.includes('[') && (env.references !== undefined || content.includes('](')))) {
    const children: Token[] = []
    md.inline.parse(content, md, env, children)
    shown = plainText(children)
  }
  const style = setext ? 'setext' : 'atx'
  // Key order as before (kind, style, underline or closed, nested): the outline's JSON shows it.
  const format: MdHeadingFormat = { kind: 'markdown', style }
  if (setext) format.underline = after
  else if (closedAtx(lines[start] ?? '')) format.closed = true
  if (open.level > 0) format.nested = true
  return {
    title: FOLD.test(shown) ? shown.replace(/\s+/g, ' ').trim() : shown.trim(),
    rawTitle,
    level: open.tag.charCodeAt(1) - 0x30, // h1 ... h6
    line: start + 1,
    bodyStart: after + 1,
    bodyEnd: 0,
    end: 0,
    underline: setext ? after : start + 1,
    style,
    blocks: [],
    children: [],
    format
  }
}

/** Whitespace that folding to one space changes: any but a single space (two spaces, a tab, a line end, U+00A0, ...). */
const FOLD = /[^\S ]| {2}/

/** An ATX heading line with a closing sequence (`## Title ##`, or `## ##`): it ends in `#` before any spaces and tabs. */
function closedAtx(line: string): boolean {
  let end = line.length
  while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--
  return end > 0 && line.charCodeAt(end - 1) === 0x23 && CLOSED_ATX.test(line)
}

const CLOSED_ATX = /[ \t]#+[ \t]*$|^[ \t]*#+[ \t]*#+[ \t]*$/

/**
 * The characters an inline rule of markdown-it (linkify off) can start at:
 * line breaks, escapes, code spans, strikethrough, emphasis, images,
 * autolinks and HTML, entities; and links, `[`, which are links only before
 * `(` or with reference definitions in the document (`[optional]` is text).
 * A heading without any of them is one text token, its content as written,
 * so it is not parsed.
 */
const INLINE_START = /[\n\\`~*_!<&]/

/** Inline tokens -> the text GitHub shows: text (escapes and entities decoded), code spans and image descriptions; HTML tags dropped. */
function plainText(tokens: readonly Token[]): string {
  let out = ''
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline') out += t.content
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += ' '
    else if (t.type === 'image') out += plainText(t.children ?? [])
    else if (t.type === 'html_inline' && /^<![a-z]/.test(t.content)) out += t.content // text for CommonMark 0.29 (declarations need an upper-case letter)
  }
  return out
}

function block(tok: Token, type: string, code: boolean, lines: string[]): MdBlock | undefined {
  let kind = BLOCK_KIND[type]
  if (type === 'html_block') kind = ONLY_COMMENTS.test(tok.content) ? 'comment' : 'html'
  if (!kind) return undefined
  const start = tok.map![0]
  let end = tok.map![1]
  while (end > start + 1 && !NOT_BLANK.test(lines[end - 1] ?? '')) end-- // lists and quotes end after a blank line
  const text = code ? tok.content.replace(/\n$/, '') : end - start === 1 ? (lines[start] ?? '') : lines.slice(start, end).join('\n')
  const b: MdBlock = { kind, line: start + 1, endLine: Math.max(start + 1, end), text }
  if (type === 'fence') b.lang = tok.info.trim().split(/\s+/)[0] ?? ''
  return b
}

/** A character trim() keeps: the line is not blank. */
const NOT_BLANK = /\S/

/** Sets body ranges, ends and parents; returns the sections that have no parent. */
function buildTree(sections: MdSection[], lineCount: number): MdSection[] {
  const roots: MdSection[] = []
  const stack: MdSection[] = []
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!
    const next = sections[i + 1]
    s.bodyEnd = next ? next.line - 1 : lineCount
    while (stack.length && stack[stack.length - 1]!.level >= s.level) stack.pop()!.end = s.line - 1
    const parent = stack[stack.length - 1]
    if (parent) {
      s.parent = parent
      parent.children.push(s)
    } else {
      roots.push(s)
    }
    stack.push(s)
  }
  for (const s of stack) s.end = lineCount
  return roots
}
