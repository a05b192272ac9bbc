/**
 * Suppressions written in the spec as RST comments (invisible when rendered):
 *
 *   .. spec-template-check: disable=line-length,tab          the next non-blank line
 *   .. spec-template-check: disable-section=template-text    the section it stands in
 *   .. spec-template-check: disable-file=image               the whole file
 *
 * In Markdown, as HTML comments (one per line):
 *
 *   <!-- spec-template-check: disable=placeholder -->
 *
 * Only a real comment counts: the same text inside a literal block (after
 * `::`, also a quoted one), a code directive's body or another comment is
 * text that the rendered spec shows, not a suppression.
 *
 * What the repository allows is its policy (`suppressions`):
 *   allow   honoured (the reports list each one and what it hid);
 *   report  honoured, and each comment is also a notice (Rule.reportSuppressions);
 *   deny    ignored, and each comment is a finding (the suppression rule).
 */
import type { Finding, Outline, RuleContext } from './types.js'
import { sectionAt, startLine } from './structure.js'
import { memo } from './memo.js'

/** What every suppression comment holds. */
const MARKER = 'spec-template-check:'

const markedMemo = memo<RuleContext, boolean>('suppression marker')

/** Does the spec's text hold the marker of a suppression comment at all? Searched once per check (the engine and the suppression rule ask). */
export function mentionsSuppression(ctx: RuleContext): boolean {
  return markedMemo(ctx, c => c.text.includes(MARKER))
}

export type SuppressionScope = 'disable' | 'disable-section' | 'disable-file'

export const SUPPRESSION_POLICIES = ['allow', 'report', 'deny'] as const
export type SuppressionPolicy = (typeof SUPPRESSION_POLICIES)[number]

export interface Suppression {
  scope: SuppressionScope
  rules: string[]
  /** 1-based line of the comment. */
  line: number
  /** Lines [from, to] the suppression covers. */
  from: number
  to: number
}

/** An honoured suppression and what it hid. */
export interface SuppressionUse {
  line: number
  scope: SuppressionScope
  rules: string[]
  /** Findings it hid, per rule (rules in report order of first appearance). */
  hidden: Record<string, number>
  /** Sum of `hidden`. */
  count: number
}

/**
 * The text the comment holds after `spec-template-check:`, e.g.
 * "disable-file=line-length,tab", cut to `max` characters (with "…") for messages.
 */
export function suppressionText(s: Pick<Suppression, 'scope' | 'rules'>, max = 200): string {
  const text = `${s.scope}=${s.rules.join(',')}`
  return text.length > max ? text.slice(0, max) + '…' : text
}

// Only the head is matched by the regular expression; the rule list is sliced and trimmed (linear).
const COMMENT = /^\s*\.\.\s+spec-template-check:\s*(disable-section|disable-file|disable)\s*=/
const MD_COMMENT = /^\s*<!--\s*spec-template-check:\s*(disable-section|disable-file|disable)\s*=/

/** Markdown: per line, true inside an HTML comment block (where a suppression comment can stand). */
function commentLines(outline: Outline): boolean[] {
  const out = new Array<boolean>(outline.lines.length).fill(false)
  const blocks = [...(outline.preamble ?? []), ...outline.sections.flatMap(s => s.blocks ?? [])]
  for (const b of blocks) if (b.kind === 'comment') for (let n = b.line; n <= b.endLine; n++) out[n - 1] = true
  return out
}

export function parseSuppressions(outline: Outline): Suppression[] {
  const out: Suppression[] = []
  const { lines } = outline
  if (!lines.some(l => l.includes('spec-template-check:'))) return out
  const md = outline.format === 'markdown'
  const isText = md ? commentLines(outline).map(c => !c) : textLines(lines)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (!line.includes('spec-template-check:')) continue
    const m = (md ? MD_COMMENT : COMMENT).exec(line)
    if (!m || isText[i]) continue
    const scope = m[1] as SuppressionScope
    const list = md ? line.slice(m[0].length).replace(/-->.*$/, '') : line.slice(m[0].length)
    const rules = list.split(',').map(r => r.trim().toLowerCase()).filter(Boolean)
    let from = 1
    let to = Math.max(1, lines.length)
    if (scope === 'disable') {
      let next = i + 1
      while (next < lines.length && lines[next]!.trim() === '') next++
      from = to = next + 1
    } else if (scope === 'disable-section') {
      const s = sectionAt(outline, i + 1)
      if (s) {
        from = startLine(s)
        to = s.end
      }
    }
    out.push({ scope, rules, line: i + 1, from, to })
  }
  return out
}

/**
 * Directives whose body docutils parses as RST (a comment there is a
 * comment). Every other directive's body (code-block, code, raw, math,
 * parsed-literal, graphviz, unknown ones, ...) is taken as text.
 */
const PARSED_BODY_DIRECTIVES = new Set([
  'admonition', 'attention', 'caution', 'danger', 'error', 'hint', 'important', 'note', 'tip', 'warning',
  'seealso', 'topic', 'sidebar', 'container', 'compound', 'epigraph', 'highlights', 'pull-quote',
  'only', 'ifconfig', 'versionadded', 'versionchanged', 'deprecated', 'list-table', 'table', 'figure',
  'glossary', 'rst-class', 'class', 'centered', 'hlist', 'tabularcolumns'
])

const DIRECTIVE = /^\.\.\s+(?:\|[^|]*\|\s+)?([A-Za-z0-9][\w.:+-]*?)::(?:\s|$)/
const FOOTNOTE = /^\.\.\s+\[[^\]]+\](?:\s|$)/

/** Indentation as docutils counts it (tabs to the next multiple of 8). */
function indentOf(line: string): number {
  let col = 0
  for (const ch of line) {
    if (ch === ' ') col++
    else if (ch === '\t') col += 8 - (col % 8)
    else break
  }
  return col
}

/** Does a line in parsed context make the lines indented under it text (literal block, comment, code)? */
function opensText(trimmed: string): boolean {
  if (trimmed === '..' || trimmed.startsWith('.. ')) {
    const d = DIRECTIVE.exec(trimmed)
    if (d) return !PARSED_BODY_DIRECTIVES.has(d[1]!.toLowerCase())
    return !FOOTNOTE.test(trimmed) // a footnote's body is parsed; a comment's, a target's are not
  }
  return trimmed.endsWith('::') && !/^:{3,}$/.test(trimmed) // not a title adornment of colons
}

/**
 * Per line: true when the line is text of a literal block, of a directive
 * whose body is not parsed, or of a comment (one pass, linear). Follows
 * indentation as docutils does: the lines indented under a line that opens
 * text are text, up to the next line indented no deeper than the opener.
 */
export function textLines(lines: readonly string[]): boolean[] {
  const text = new Array<boolean>(lines.length).fill(false)
  // Lines of parsed context, innermost last: their indentation and whether what is indented under them is text.
  const stack: { indent: number; childText: boolean }[] = []
  let quotedAfter = -1 // indentation of a `::` paragraph whose quoted literal block may follow
  let quoted: { indent: number; char: string } | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const trimmed = line.trim()
    if (trimmed === '') {
      quoted = undefined // a blank line ends a quoted literal block
      continue
    }
    const indent = indentOf(line)
    const maybeQuoted = quotedAfter
    quotedAfter = -1
    if (quoted && indent === quoted.indent && trimmed[0] === quoted.char) {
      text[i] = true
      continue
    }
    quoted = undefined
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop()
    if (stack.length && stack[stack.length - 1]!.childText) {
      text[i] = true
      continue
    }
    if (maybeQuoted === indent && /^[!-/:-@[-`{-~]/.test(trimmed)) {
      // Unindented after `::`: a quoted literal block (each line starts with the same punctuation).
      quoted = { indent, char: trimmed[0]! }
      text[i] = true
      continue
    }
    const opens = opensText(trimmed)
    quotedAfter = opens && !trimmed.startsWith('..') ? indent : -1
    stack.push({ indent, childText: opens })
  }
  return text
}

/**
 * Split findings into those kept and those suppressed; each honoured
 * suppression with what it hid. A finding counts for a `disable=` comment on
 * its line first, else for the first (in file order) section or file comment
 * that covers it. O((findings + rules named) log n): many comments, long rule
 * lists and many findings stay fast.
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  /** Rules whose findings no comment hides (Rule.suppressible === false). */
  unsuppressible: ReadonlySet<string> = new Set()
): { kept: Finding[]; suppressed: number; used: SuppressionUse[] } {
  if (suppressions.length === 0) return { kept: findings, suppressed: 0, used: [] }
  const used: SuppressionUse[] = suppressions.map(s => ({ line: s.line, scope: s.scope, rules: s.rules, hidden: {}, count: 0 }))
  const onLine = new Map<string, number>() // line \0 rule -> first disable= comment
  const ranges = new Map<string, number[]>() // rule -> section / file comments naming it
  suppressions.forEach((s, i) => {
    for (const rule of new Set(s.rules)) {
      if (s.scope === 'disable') {
        const key = `${s.from}\0${rule}`
        if (!onLine.has(key)) onLine.set(key, i)
      } else {
        const list = ranges.get(rule)
        if (list) list.push(i)
        else ranges.set(rule, [i])
      }
    }
  })
  const hit = new Array<number>(findings.length).fill(-1)
  const pending = new Map<string, number[]>() // rule -> findings left for the ranges
  findings.forEach((f, k) => {
    if (unsuppressible.has(f.rule)) return
    const i = onLine.get(`${f.line}\0${f.rule}`)
    if (i !== undefined) hit[k] = i
    else if (ranges.has(f.rule)) {
      const list = pending.get(f.rule)
      if (list) list.push(k)
      else pending.set(f.rule, [k])
    }
  })
  for (const [rule, ks] of pending) sweep(ks, ranges.get(rule)!, findings, suppressions, hit)
  const kept: Finding[] = []
  let suppressed = 0
  findings.forEach((f, k) => {
    const i = hit[k]!
    if (i < 0) {
      kept.push(f)
      return
    }
    suppressed++
    const u = used[i]!
    u.hidden[f.rule] = (u.hidden[f.rule] ?? 0) + 1
    u.count++
  })
  return { kept, suppressed, used }
}

/**
 * For findings `ks` (one rule) and the range comments `is` naming that rule:
 * hit[k] = the first comment (lowest index) whose lines cover finding k.
 * A sweep over lines with a min-heap of the open comments.
 */
function sweep(ks: number[], is: number[], findings: Finding[], sups: Suppression[], hit: number[]): void {
  const byLine = [...ks].sort((a, b) => findings[a]!.line - findings[b]!.line)
  const byFrom = [...is].sort((a, b) => sups[a]!.from - sups[b]!.from || a - b)
  const heap: number[] = []
  let next = 0
  for (const k of byLine) {
    const line = findings[k]!.line
    while (next < byFrom.length && sups[byFrom[next]!]!.from <= line) heapPush(heap, byFrom[next++]!)
    while (heap.length && sups[heap[0]!]!.to < line) heapPop(heap) // lines only grow: closed for good
    if (heap.length) hit[k] = heap[0]!
  }
}

function heapPush(h: number[], v: number): void {
  h.push(v)
  for (let i = h.length - 1; i > 0; ) {
    const p = (i - 1) >> 1
    if (h[p]! <= h[i]!) break
    ;[h[p], h[i]] = [h[i]!, h[p]!]
    i = p
  }
}

function heapPop(h: number[]): void {
  const last = h.pop()!
  if (h.length === 0) return
  h[0] = last
  for (let i = 0; ; ) {
    const l = 2 * i + 1
    const r = l + 1
    let m = i
    if (l < h.length && h[l]! < h[m]!) m = l
    if (r < h.length && h[r]! < h[m]!) m = r
    if (m === i) break
    ;[h[m], h[i]] = [h[i]!, h[m]!]
    i = m
  }
}

/** "line-length ×3, tab ×1", or "nothing". */
export function describeHidden(u: Pick<SuppressionUse, 'hidden' | 'count'>): string {
  if (u.count === 0) return 'nothing'
  return Object.entries(u.hidden)
    .map(([rule, n]) => `${rule} ×${n}`)
    .join(', ')
}
