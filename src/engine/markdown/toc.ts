/**
 * Generated tables of contents (`<!-- toc -->` ... `<!-- /toc -->`, as
 * Kubernetes' mdtoc writes them) and the anchors GitHub gives headings, so
 * that a rule can tell whether a spec's table of contents lists its headings.
 * Pure.
 */
import type { MdDocument } from './types.js'

export interface TocEntry {
  /** The link text as written. */
  text: string
  /** The anchor without `#`. */
  anchor: string
  /** Nesting by indentation: 0 = outermost list. */
  depth: number
  line: number
}

export interface Toc {
  /** Lines of the opening and closing comments. */
  line: number
  endLine: number
  entries: TocEntry[]
}

const OPEN = /^<!--\s*toc\s*-->$/i
const CLOSE = /^<!--\s*\/toc\s*-->$/i
const ENTRY = /^([ \t]*)[-*+][ \t]+\[(.*)\]\(#([^)\s]*)\)[ \t]*$/

/** The first `<!-- toc -->` ... `<!-- /toc -->` block outside code, with its `- [Text](#anchor)` items. */
export function readToc(doc: MdDocument): Toc | undefined {
  const comments = [...doc.preamble, ...doc.sections.flatMap(s => s.blocks)].filter(b => b.kind === 'comment')
  const open = comments.find(b => OPEN.test(b.text.trim()))
  const close = open && comments.find(b => b.line > open.line && CLOSE.test(b.text.trim()))
  if (!open || !close) return undefined
  const entries: TocEntry[] = []
  const indents: number[] = []
  for (let l = open.endLine + 1; l < close.line; l++) {
    const m = ENTRY.exec(doc.lines[l - 1]!)
    if (!m) continue
    const indent = m[1]!.replace(/\t/g, '    ').length
    while (indents.length && indents[indents.length - 1]! > indent) indents.pop()
    if (!indents.length || indents[indents.length - 1]! < indent) indents.push(indent)
    entries.push({ text: m[2]!, anchor: decodeAnchor(m[3]!), depth: indents.length - 1, line: l })
  }
  return { line: open.line, endLine: close.endLine, entries }
}

function decodeAnchor(a: string): string {
  try {
    return decodeURIComponent(a)
  } catch {
    return a
  }
}

/**
 * The anchor GitHub gives a heading (as github-slugger computes it): lower
 * case, every character but letters, marks, digits, `_`, `-` and spaces
 * removed, spaces turned into `-`; a repeated anchor gets `-1`, `-2`, ...
 */
export function headingAnchors(titles: readonly string[]): string[] {
  const occurrences = new Map<string, number>()
  return titles.map(title => {
    const base = title.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-')
    let slug = base
    while (occurrences.has(slug)) {
      const n = occurrences.get(base)! + 1
      occurrences.set(base, n)
      slug = `${base}-${n}`
    }
    occurrences.set(slug, 0)
    return slug
  })
}
