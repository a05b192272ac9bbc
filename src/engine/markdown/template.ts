/**
 * What a Markdown template asks of the specs written from it: the title,
 * the section tree (with the sections it marks optional), its guidance
 * (HTML comments and prose) per section, the placeholders it uses as
 * values, the keys of its front matter (or of a leading `- Key: value`
 * list, as Rust RFCs write it) and its generated table of contents.
 * Pure: a parsed document in, plain data out.
 */
import { readToc } from './toc.js'
import type { MdBlock, MdDocument, MdSection } from './types.js'

export interface MdGuidance {
  /** The template's own text in the section (not its subsections'), whitespace-normalised, comments excluded. */
  guidance: string
  /** The same, one entry per block (paragraph, list, table, code, ...). */
  guidanceBlocks: string[]
  /** The text inside each `<!-- ... -->` comment, whitespace-normalised. */
  comments: string[]
}

export interface MdTemplateSection extends MdGuidance {
  /** The title a spec's heading must match: plain text, optional marker removed, whitespace folded. */
  title: string
  /** The heading's plain text as the template writes it (marker kept). */
  templateTitle: string
  /** Number of `#` (setext: 1 or 2). */
  level: number
  /** 1 = top level under the document title; tree depth, not `#` count. */
  depth: number
  line: number
  /** Marked `(Optional)` or `[optional]` in the template. */
  optional: boolean
  /** Title of the enclosing template section; undefined at top level. */
  parent?: string
  /** Order among its siblings. */
  index: number
  children: MdTemplateSection[]
}

export interface MdPlaceholder {
  text: string
  /** First line of the template that uses it. */
  line: number
}

export interface MdTemplateData {
  /** The document title (`#`): the example title a spec replaces, with the guidance under it. */
  title?: MdGuidance & { title: string; line: number }
  /** Guidance before the title (or before the first heading). */
  preamble: MdGuidance
  sections: MdTemplateSection[]
  /** Every section in template order. */
  all: MdTemplateSection[]
  /** Placeholder values the template uses (`TBD`, `yyyy-mm-dd`, `NNNN`, `<...>`), first use each. */
  placeholders: MdPlaceholder[]
  /** Keys of the template's YAML front matter, in order. */
  frontMatterKeys: string[]
  /** Keys of a leading `- Key: value` list before the first heading (Rust RFCs' metadata). */
  leadingListKeys: string[]
  /** The `<!-- toc -->` ... `<!-- /toc -->` block, when the template has one. */
  toc?: { line: number; endLine: number }
}

const OPTIONAL_MARKER = /(?:\(\s*optional\s*\)|\[\s*optional\s*\])/gi

/** Folds runs of whitespace to one space and trims. */
export function normalizeText(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

/** `Open Questions [optional]` -> { title: 'Open Questions', optional: true }; case-insensitive, anywhere in the title. */
export function stripOptionalMarker(title: string): { title: string; optional: boolean } {
  const stripped = title.replace(OPTIONAL_MARKER, ' ')
  return { title: normalizeText(stripped), optional: stripped !== title }
}

export function deriveMarkdownTemplate(doc: MdDocument): MdTemplateData {
  const first = doc.sections[0]
  const title = first && first.level === 1 && doc.sections.filter(s => s.level === 1).length === 1 ? first : undefined
  const tops = doc.roots.flatMap(r => (r === title ? r.children : [r]))
  const all: MdTemplateSection[] = []
  const build = (s: MdSection, depth: number, index: number, parent?: string): MdTemplateSection => {
    const stripped = stripOptionalMarker(s.title)
    const key = stripped.title
    const optional = stripped.optional || s.format.optionalMarker === true
    const t: MdTemplateSection = {
      title: key,
      templateTitle: s.title,
      level: s.level,
      depth,
      line: s.line,
      optional,
      index,
      ...(parent !== undefined ? { parent } : {}),
      ...guidanceOf(s.blocks),
      children: []
    }
    all.push(t)
    t.children = s.children.map((c, i) => build(c, depth + 1, i, key))
    return t
  }
  const sections = tops.map((s, i) => build(s, 1, i))
  return {
    ...(title ? { title: { title: title.title, line: title.line, ...guidanceOf(title.blocks) } } : {}),
    preamble: guidanceOf(doc.preamble),
    sections,
    all,
    placeholders: placeholdersOf(doc),
    frontMatterKeys: doc.frontMatter?.keys.map(k => k.key) ?? [],
    leadingListKeys: leadingListKeys(doc.preamble),
    ...tocRange(doc)
  }
}

export function guidanceOf(blocks: readonly MdBlock[]): MdGuidance {
  const guidanceBlocks: string[] = []
  const comments: string[] = []
  for (const b of blocks) {
    if (b.kind === 'comment') {
      for (const m of b.text.matchAll(/<!--([\s\S]*?)-->/g)) comments.push(normalizeText(m[1]!))
    } else {
      guidanceBlocks.push(normalizeText(b.text))
    }
  }
  return { guidance: guidanceBlocks.join(' '), guidanceBlocks, comments }
}

/** Element names that make `<name ...>` HTML rather than a placeholder. */
const HTML_ELEMENTS = new Set(
  ('a abbr b bdi bdo blockquote br caption cite code col dd del details dfn div dl dt em figcaption figure ' +
    'h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp small source span strike ' +
    'strong sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr').split(' ')
)

const FIXED_PLACEHOLDERS = [/\bTBD\b/g, /\b[yY]{4}-[mM]{2}-[dD]{2}\b/g, /\bN{4}\b/g]
const ANGLE = /<([^<>`\n]{1,80})>/g

/** True for `<your name>`, `<kep-number>`; false for HTML (`<br>`, `<img src=x>`, `</div>`), autolinks and e-mail addresses. */
export function isAnglePlaceholder(inner: string): boolean {
  if (/^[!/?\s]/.test(inner) || inner.includes('://') || /^[^\s@]+@[^\s@]+$/.test(inner)) return false
  const name = /^[A-Za-z][A-Za-z0-9-]*/.exec(inner)?.[0]
  return !(name && HTML_ELEMENTS.has(name.toLowerCase()))
}

function placeholdersOf(doc: MdDocument): MdPlaceholder[] {
  const found = new Map<string, number>()
  const add = (text: string, line: number): void => {
    if (!found.has(text)) found.set(text, line)
  }
  const fm = doc.frontMatter
  doc.lines.forEach((raw, i) => {
    const inFrontMatter = fm !== undefined && i + 1 > fm.line && i + 1 < fm.endLine
    if (doc.verbatim[i] && !inFrontMatter) return
    // Values only: YAML comments and inline code spans are explanation, not values.
    const line = inFrontMatter ? raw.replace(/(^|\s)#.*$/, '') : raw.replace(/(`+)[^`]*?\1/g, ' ')
    for (const re of FIXED_PLACEHOLDERS) for (const m of line.matchAll(re)) add(m[0], i + 1)
    for (const m of line.matchAll(ANGLE)) if (isAnglePlaceholder(m[1]!)) add(m[0], i + 1)
  })
  return [...found].map(([text, line]) => ({ text, line }))
}

/** `- Feature Name: ...` items of a list that opens the document, each `Key: value`. */
function leadingListKeys(preamble: readonly MdBlock[]): string[] {
  const keys = leadingList(preamble)?.keys
  return keys && keys.every((k): k is string => k !== undefined) ? keys : []
}

/** The list that opens the document (before any other block but comments), with each item's `Key:` (undefined where an item has none). */
export function leadingList(preamble: readonly MdBlock[]): { line: number; keys: (string | undefined)[] } | undefined {
  const list = preamble.find(b => b.kind !== 'comment')
  if (!list || list.kind !== 'list') return undefined
  const items = list.text.split('\n').filter(l => /^[-*+][ \t]/.test(l))
  return { line: list.line, keys: items.map(l => /^[-*+][ \t]+([A-Za-z][\w -]{0,40}?):(?:[ \t]|$)/.exec(l)?.[1]?.trim()) }
}

function tocRange(doc: MdDocument): { toc?: { line: number; endLine: number } } {
  const toc = readToc(doc)
  return toc ? { toc: { line: toc.line, endLine: toc.endLine } } : {}
}
