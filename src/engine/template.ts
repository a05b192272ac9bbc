/**
 * Template -> rules. Everything a spec is held to is read from the template:
 * the example title, the section tree, each section's guidance text and the
 * placeholders. Nothing here is specific to one project.
 */
import type { Outline, Section, TemplateRules, TemplateSection } from './types.js'
import { statedRules } from './stated.js'
import type { MdDocument } from './markdown/types.js'
import { deriveMarkdownTemplate, guidanceOf, stripOptionalMarker } from './markdown/template.js'
import { headingAnchors, readToc } from './markdown/toc.js'
import { memo } from './memo.js'

/** The document title and the top-level sections of a scanned document. */
export interface DocumentShape {
  docTitle?: Section
  top: Section[]
}

/**
 * docutils promotes a lone outermost section to the document title. A
 * document with several outermost sections has no title, and those are its
 * top-level sections.
 */
export function documentShape(outline: Outline, titled?: boolean): DocumentShape {
  if (outline.format === 'markdown') return markdownShape(outline, titled)
  if (outline.roots.length === 1) {
    const root = outline.roots[0]!
    return { docTitle: root, top: root.children }
  }
  return { top: outline.roots }
}

/**
 * Markdown: the title is a `#` heading that comes first; the sections are
 * its subsections and any later outermost headings (a second `#` heading
 * is a section the template does not have, not the end of the title).
 * Whether there is a title at all: `titled` (a spec has one when its
 * template has one); else (a template) when that heading is the only
 * outermost one or has subsections: a Rust RFC template's `# Summary`,
 * `# Motivation`, ... are all sections, with no title.
 */
function markdownShape(outline: Outline, titled?: boolean): DocumentShape {
  const first = outline.roots[0]
  if (!first || first.level !== 1 || outline.sections[0] !== first) return { top: outline.roots }
  if (titled === false || (titled === undefined && outline.roots.length > 1 && first.children.length === 0)) return { top: outline.roots }
  return { docTitle: first, top: outline.roots.length === 1 ? first.children : [...first.children, ...outline.roots.slice(1)] }
}

/**
 * `t.replace(/\s+/g, ' ')` for a trimmed line, without running the regex
 * (or copying) when the line has no run of spaces and no other whitespace.
 */
export function foldSpaces(t: string): string {
  let space = false
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c === 32) {
      if (space) return t.replace(/\s+/g, ' ')
      space = true
    } else if (c > 32 && c < 0xa0) {
      space = false
    } else if (c < 32 ? c >= 9 && c <= 13 : /\s/.test(t[i]!)) {
      return t.replace(/\s+/g, ' ')
    } else space = false
  }
  return t
}

/** Whitespace-normalised paragraphs of lines [from, to] (1-based, inclusive). */
export function paragraphs(lines: string[], from: number, to: number): string[] {
  const out: string[] = []
  let cur: string[] = []
  for (let n = from; n <= to; n++) {
    const line = lines[n - 1] ?? ''
    if (line.trim() === '') {
      if (cur.length) out.push(cur.join(' '))
      cur = []
    } else {
      cur.push(foldSpaces(line.trim()))
    }
  }
  if (cur.length) out.push(cur.join(' '))
  return out
}

// `<...>` that is not a hyperlink target (`text <http://...>`_), an email or
// a URL in angle brackets.
const PLACEHOLDER = /<[^<>\s`][^<>`\n]*>/g

export function findPlaceholders(lines: string[], literal?: boolean[]): string[] {
  const found = new Set<string>()
  for (let i = 0; i < lines.length; i++) {
    if (literal?.[i]) continue
    const line = lines[i]!
    if (!line.includes('<')) continue
    for (const m of line.matchAll(PLACEHOLDER)) {
      const inner = m[0].slice(1, -1)
      const after = line.slice(m.index + m[0].length, m.index + m[0].length + 2)
      if (after.startsWith('`')) continue // `text <target>`_ link
      if (/^[a-z][a-z0-9+.-]*:/i.test(inner) || /^[^\s@]+@[^\s@]+$/.test(inner)) continue
      found.add(m[0])
    }
  }
  return [...found]
}

/** Where a template came from, as its rules carry it (templates/ has the sources that read template files). */
export interface TemplateOrigin {
  source: string
  embedded: boolean
}

/**
 * Derive the rules from a scanned template. `sectionDepth` decides how many
 * levels below the document title are required (deeper ones stay optional).
 */
export function deriveTemplate(outline: Outline, src: TemplateOrigin, sectionDepth: number): TemplateRules {
  if (outline.format === 'markdown') return deriveMarkdownRules(outline as MdDocument, src)
  const shape = documentShape(outline)
  const all: TemplateSection[] = []
  const build = (secs: Section[], depth: number, parent?: string): TemplateSection[] =>
    secs.map((s, index) => {
      const t: TemplateSection = {
        title: s.title,
        depth,
        parent,
        index,
        required: depth <= sectionDepth,
        guidance: isProse(outline, s) ? paragraphs(outline.lines, s.bodyStart, s.bodyEnd).join('\n\n') : '',
        children: [],
        line: s.line
      }
      all.push(t)
      t.children = build(s.children, depth + 1, s.title)
      return t
    })
  const sections = build(shape.top, 1)
  return {
    source: src.source,
    embedded: src.embedded,
    exampleTitle: shape.docTitle?.title,
    sections,
    all,
    placeholders: findPlaceholders(outline.lines, literalLines(outline)),
    styles: stylesByDepth(shape.top),
    stated: statedRules(outline)
  }
}

/**
 * Guidance is prose the writer must replace. A body that carries a directive,
 * a table or a literal block is a pre-filled form (nova's History table) that
 * specs keep on purpose, so it is not treated as guidance.
 */
function isProse(outline: Outline, s: Section): boolean {
  for (let n = s.bodyStart; n <= s.bodyEnd; n++) {
    if (outline.verbatim[n - 1]) return false
    const line = outline.lines[n - 1] ?? ''
    if (line.includes('::') && /^\s*\.\.\s+[\w:-]+::/.test(line)) return false
  }
  return true
}

function stylesByDepth(top: Section[]): string[] {
  const styles: string[] = []
  const visit = (secs: Section[], depth: number): void => {
    for (const s of secs) {
      styles[depth] ??= s.style
      visit(s.children, depth + 1)
    }
  }
  visit(top, 0)
  return styles
}

const CODE_DIRECTIVE = /^\s*\.\.\s+(?:code|code-block|sourcecode|parsed-literal|literalinclude)::/
const literalMemo = memo<Outline, boolean[]>('literal lines')

/**
 * Per line (index = line - 1): true inside a literal block, where text is
 * shown as written (no placeholders, no markup): the indented block after a
 * paragraph ending in "::", and the body of a code directive. Only lines the
 * scanner also found verbatim count, so a table or a note is never literal.
 */
export function literalLines(outline: Outline): boolean[] {
  return literalMemo(outline, computeLiteralLines)
}

function computeLiteralLines(outline: Outline): boolean[] {
  const { lines, verbatim } = outline
  const out = new Array<boolean>(lines.length).fill(false)
  let base = -1 // indent of the line that opened a literal block; -1 = none open
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const trimmed = line.trim()
    const indent = line.length - line.trimStart().length
    if (base >= 0) {
      if (trimmed === '') continue
      if (indent > base) {
        if (verbatim[i]) out[i] = true
        continue
      }
      base = -1
    }
    if (trimmed.endsWith('::') && (!trimmed.startsWith('..') || CODE_DIRECTIVE.test(line))) base = indent
    else if (line.includes('::') && CODE_DIRECTIVE.test(line)) base = indent
  }
  return out
}

/**
 * A Markdown template's rules. Every heading is required unless the template
 * marks it `(Optional)` or `[optional]` (section-depth is for RST templates,
 * which mark nothing); guidance is the prose of a section (its HTML comments
 * are guidance too, but render nothing: a section left with only comments is
 * empty); placeholders are the values the template writes (`TBD`,
 * `yyyy-mm-dd`, `NNNN`, `<...>`); the front matter's keys and the table of
 * contents are kept for the rules that check them.
 */
function deriveMarkdownRules(doc: MdDocument, src: TemplateOrigin): TemplateRules {
  const data = deriveMarkdownTemplate(doc)
  const shape = documentShape(doc)
  const all: TemplateSection[] = []
  const build = (secs: Section[], depth: number, parent?: string): TemplateSection[] =>
    secs.map((s, index) => {
      const blocks = s.blocks ?? []
      const form = blocks.some(b => b.kind === 'code' || b.kind === 'table' || b.kind === 'html')
      const t: TemplateSection = {
        title: s.title,
        depth,
        parent,
        index,
        required: !(s.format?.optionalMarker ?? false),
        guidance: form ? '' : guidanceOf(blocks).guidanceBlocks.join('\n\n'),
        children: [],
        line: s.line,
        level: s.level,
        rawTitle: stripOptionalMarker(s.rawTitle).title
      }
      all.push(t)
      t.children = build(s.children, depth + 1, s.title)
      return t
    })
  const sections = build(shape.top, 1)
  const rules: TemplateRules = {
    format: 'markdown',
    source: src.source,
    embedded: src.embedded,
    exampleTitle: shape.docTitle?.title,
    sections,
    all,
    placeholders: data.placeholders.map(p => p.text),
    styles: [],
    stated: statedRules(doc),
    frontMatterKeys: doc.frontMatter?.keys ?? [],
    ...(!doc.frontMatter && data.leadingListKeys.length > 0 ? { leadingListKeys: data.leadingListKeys } : {})
  }
  const toc = readToc(doc)
  if (toc) {
    // The deepest level the template's own table of contents lists (its entries name its headings).
    const anchors = headingAnchors(doc.sections.map(s => s.format.shownTitle ?? s.title))
    const listed = new Set(toc.entries.map(e => e.anchor))
    let maxLevel = 0
    doc.sections.forEach((s, i) => {
      if (listed.has(anchors[i]!) && s.level > maxLevel) maxLevel = s.level
    })
    rules.toc = { line: toc.line, endLine: toc.endLine, maxLevel: maxLevel || 6 }
  }
  return rules
}
