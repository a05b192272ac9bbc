/**
 * The Markdown document model: the same shape as the RST outline where the
 * two formats agree (sections with level, plain and raw title, title line,
 * body line range, children), with the Markdown-only facts in `format`.
 * MdSection and MdDocument are the engine's Section and Outline, so the
 * rules read both formats through one model.
 * All line numbers are 1-based and count CRLF, CR and LF as line ends, as
 * CommonMark (and GitHub's cmark-gfm) do.
 */
import type { Outline, Section } from '../types.js'

/** What a block of body text is, as the rules need to tell them apart. */
export type MdBlockKind =
  | 'prose' // a paragraph
  | 'code' // fenced or indented code
  | 'comment' // an HTML block holding only `<!-- ... -->` comments
  | 'html' // any other HTML block (details, div, img, ...)
  | 'table' // a GFM table
  | 'list' // a bullet or ordered list (with everything inside it)
  | 'quote' // a block quote (with everything inside it)
  | 'rule' // a thematic break (---, ***)

export interface MdBlock {
  kind: MdBlockKind
  /** First and last line of the block in the file. */
  line: number
  endLine: number
  /** The block's source lines joined with "\n" (for code: the content without fences). */
  text: string
  /** Fenced code: the info string's first word (language), '' when none. */
  lang?: string
}

/** How a heading is written. */
export interface MdHeadingFormat {
  kind: 'markdown'
  /** `## Title` (atx) or a title underlined with `===` / `---` (setext). */
  style: 'atx' | 'setext'
  /** ATX heading written with a closing sequence (`## Title ##`). */
  closed?: boolean
  /** Setext: the line of the `===` / `---` underline. */
  underline?: number
  /** The heading sits inside a block quote or a list item. */
  nested?: boolean
  /** The heading carried an `(Optional)` / `[optional]` marker, taken out of its title for matching. */
  optionalMarker?: boolean
  /** With optionalMarker: the title as GitHub renders it (marker kept), which its anchor is made from. */
  shownTitle?: string
}

export interface MdSection extends Section {
  /** Heading text as GitHub renders it: inline markup dropped, whitespace folded. */
  title: string
  /** Heading text as written (ATX markers and closing sequence removed; setext lines joined with a space). */
  rawTitle: string
  /** 1-6: the number of `#` (setext: 1 for `===`, 2 for `---`). */
  level: number
  /** Line of the heading text (setext: its first line). */
  line: number
  /** First line after the heading (after the underline for setext). */
  bodyStart: number
  /** Last line before the next heading of any level; < bodyStart when the body is empty. */
  bodyEnd: number
  /** Last line of the section including its subsections. */
  end: number
  /** The section's own body blocks (not its subsections'). */
  blocks: MdBlock[]
  children: MdSection[]
  parent?: MdSection
  format: MdHeadingFormat
}

export interface FrontMatter {
  /** Line of the opening `---` (always 1) and of the closing `---` / `...`. */
  line: number
  endLine: number
  /** Top-level keys in order, each with its line. */
  keys: Array<{ key: string; line: number }>
  /** Set when a line at the left margin is neither a `key:` line, a comment nor blank. */
  error?: string
}

export interface MdDocument extends Outline {
  format: 'markdown'
  /** Lines of the text without line terminators. */
  lines: string[]
  /** Every heading in document order. */
  sections: MdSection[]
  /** Sections with no enclosing section (a heading's parent is the nearest earlier heading of a lower level). */
  roots: MdSection[]
  /** Blocks before the first heading (after the front matter). */
  preamble: MdBlock[]
  /** Per line (index = line - 1): true inside code, HTML blocks and front matter, where no heading can start. */
  verbatim: boolean[]
  frontMatter?: FrontMatter
}
