/**
 * The one fix applier (as ESLint's source-code-fixer, markdownlint's
 * applyFixes): the rules report fixes with their findings (Finding.fix, line
 * edits); this applies them. `--fix`, the pre-commit hook, the annotations'
 * suggested text and the review's suggestions all go through here.
 *
 * fixText: check with the fixable rules that are on, apply their fixes that
 * do not overlap (bottom to top, in one pass over the lines: linear however
 * many there are), check again, repeat until nothing is left to fix (bounded
 * rounds). A round whose fix does not take (its finding comes back, say an
 * insertion that landed in a table) is undone and tried again without that
 * fix. Replacements go first: insertions are placed by the document's
 * structure, which a replacement can change (a lengthened adornment makes a
 * title), so a round inserts only once no replacement is left.
 * Idempotent: fixing a fixed text changes nothing.
 */
import type { CheckOptions, Finding, Fix, Rule, TemplateRules } from './types.js'
import { checkText } from './check.js'

export interface AppliedFix {
  rule: string
  /** 1-based line of the edit in the fixed text. */
  line: number
  description: string
}

export interface FixResult {
  text: string
  changed: boolean
  /** What was done, one entry per applied fix, in the order applied. */
  applied: AppliedFix[]
}

/**
 * The fix a report offers as a suggestion: undefined for fixes that change
 * line endings only (carriage-return, final-newline), whose text is the
 * lines as they are.
 */
export function suggestedFix(f: Finding): Fix | undefined {
  return f.fix && f.fix.newline === undefined ? f.fix : undefined
}

/** Apply the fixes of the fixable rules (of `rules`, not off) to `input` until none is left. */
export function fixText(input: string, template: TemplateRules, options: CheckOptions, rules: readonly Rule[]): FixResult {
  // A leading BOM is not part of the text (the caller keeps the file's BOM);
  // `changed` is about the fixes only, so it is true exactly when `applied` is not empty.
  const start = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  // A second one the check drops too: the rules' lines do not have it, so it stays out of the edits.
  const keep = start.charCodeAt(0) === 0xfeff ? '\ufeff' : ''
  const fixers = rules.filter(r => r.fixable && options.rules[r.id] !== 'off')
  const applied: AppliedFix[] = []
  if (fixers.length === 0) return { text: start, changed: false, applied }
  const fixable = (text: string): Finding[] => checkText(text, template, options, fixers).findings.filter(f => f.fix)
  // Fixes that did not take: left alone.
  const failed = new Set<string>()
  // Each round applies every fix it takes at once; more rounds are needed for
  // overlapping fixes and for subsections of sections the previous round inserted.
  const rounds = 2 * maxDepth(template) + 10
  let retries = 0
  let text = start.slice(keep.length)
  let findings = fixable(text)
  for (let round = 0; round < rounds; round++) {
    const open = findings.filter(f => !failed.has(keyOf(f)))
    const replacing = open.filter(f => f.fix!.endLine > f.fix!.startLine)
    const todo = replacing.length > 0 ? replacing : open
    if (todo.length === 0) break
    const step = applyFixes(text, todo)
    const next = fixable(step.text)
    const back = cameBack(findings, step.taken, next)
    if (back.length > 0) {
      // Undo the round; retry without the fixes that did not take.
      for (const k of back) failed.add(k)
      round--
      if (++retries > rounds) break
      continue
    }
    text = step.text
    applied.push(...step.applied)
    findings = next
  }
  text = keep + text
  return { text, changed: text !== start, applied }
}

function maxDepth(template: TemplateRules): number {
  let d = 0
  for (const t of template.all) if (t.depth > d) d = t.depth
  return d
}

/** A finding across rounds (lines move, so not by line). */
function keyOf(f: Finding): string {
  return `${f.rule}\u0000${f.section ?? ''}\u0000${f.message}`
}

/** An applied fix and the lines [start, end] it wrote in the new text. */
interface Taken {
  finding: Finding
  start: number
  end: number
}

/**
 * Keys of applied fixes whose findings came back. A replacement: a finding
 * with its key on the lines it wrote. An insertion (whose finding is not
 * where it inserts): more findings with its key than before minus those fixed.
 */
function cameBack(before: Finding[], taken: Taken[], after: Finding[]): string[] {
  const back = new Set<string>()
  const inserted: Finding[] = []
  const at = new Map<string, number[]>() // key -> lines of the findings after the round
  for (const f of after) {
    const list = at.get(keyOf(f))
    if (list) list.push(f.line)
    else at.set(keyOf(f), [f.line])
  }
  for (const t of taken) {
    if (t.finding.fix!.endLine === t.finding.fix!.startLine) inserted.push(t.finding)
    else if (at.get(keyOf(t.finding))?.some(line => line >= t.start && line <= t.end)) back.add(keyOf(t.finding))
  }
  const count = (list: Finding[]): Map<string, number> => {
    const m = new Map<string, number>()
    for (const f of list) m.set(keyOf(f), (m.get(keyOf(f)) ?? 0) + 1)
    return m
  }
  const b = count(before)
  for (const [k, n] of count(inserted)) if ((at.get(k)?.length ?? 0) > (b.get(k) ?? 0) - n) back.add(k)
  return [...back]
}

/**
 * A text's lines as the scanner numbers them (ending at CRLF, CR or LF),
 * each with its line ending, so that edits by line number land on the right
 * line and keep the file's line endings. Like split('\n'): a text ending with
 * a newline has a last, empty line (whose ending is '').
 */
interface TextLines {
  body: string[]
  eol: string[]
}

function linesOf(text: string): TextLines {
  const body: string[] = []
  const eol: string[] = []
  const re = /\r\n|\r|\n/g
  let from = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    body.push(text.slice(from, m.index))
    eol.push(m[0])
    from = m.index + m[0].length
  }
  body.push(text.slice(from))
  eol.push('')
  return { body, eol }
}

function joinLines(lines: TextLines): string {
  let out = ''
  for (let i = 0; i < lines.body.length; i++) out += lines.body[i]! + lines.eol[i]!
  return out
}

/** Apply the fixes of `findings` to `text` (see applyToLines). */
export function applyFixes(text: string, findings: readonly Finding[]): { text: string; applied: AppliedFix[]; taken: Taken[] } {
  const r = applyToLines(linesOf(text), findings)
  return { text: joinLines(r.lines), applied: r.applied, taken: r.taken }
}

/**
 * Apply the fixes of findings (line edits) in one pass over the lines, so the
 * work is linear however many there are. At one line: insertions (in the
 * findings' order) go before a replacement that starts there; an edit that
 * overlaps an earlier one is skipped. New lines end with the file's first
 * line ending, the last line of a replacement with the ending of the last
 * line it replaces (or all with the fix's `newline`). At the end of a text
 * that ends with a newline, insertions go before the final empty line, and
 * the last inserted block does not end with a blank line of its own.
 */
function applyToLines({ body, eol }: TextLines, findings: readonly Finding[]): { lines: TextLines; applied: AppliedFix[]; taken: Taken[] } {
  const n = body.length
  const nl = eol.find(e => e !== '') ?? '\n'
  // The final empty line of a text ending with a newline (its ending is '').
  const endsWithNewline = n > 0 && body[n - 1] === '' && eol[n - 1] === ''
  const inserts = new Map<number, { f: Finding; lines: string[] }[]>()
  const replaces = new Map<number, { f: Finding; lines: string[]; count: number }>()
  for (const f of findings) {
    const fix = f.fix
    if (!fix) continue
    const lines = fix.text.replace(/\n$/, '').split('\n')
    if (fix.endLine > fix.startLine) {
      const from = fix.startLine - 1
      const count = Math.min(fix.endLine - 1, n) - from
      if (from < 0 || count <= 0 || replaces.has(from)) continue
      replaces.set(from, { f, lines, count })
    } else {
      const at = Math.min(Math.max(fix.startLine - 1, 0), n)
      // At the end of a text that ends with a newline, insert before the final empty line.
      const pos = at >= n - 1 && endsWithNewline ? n - 1 : at
      const list = inserts.get(pos) ?? []
      list.push({ f, lines })
      inserts.set(pos, list)
    }
  }
  const out: TextLines = { body: [], eol: [] }
  const applied: AppliedFix[] = []
  const taken: Taken[] = []
  const take = (f: Finding, count: number): void => {
    applied.push({ rule: f.rule, line: out.body.length + 1, description: f.fix!.description })
    taken.push({ finding: f, start: out.body.length + 1, end: out.body.length + count })
  }
  // Blocks inserted before the final empty line: the last one does not end with a blank line of its own.
  const tail = inserts.get(n - 1)
  if (endsWithNewline && tail) {
    const last = tail[tail.length - 1]!.lines
    if (last.length > 1 && last[last.length - 1] === '') last.pop()
  }
  for (let i = 0; i <= n; i++) {
    for (const ins of inserts.get(i) ?? []) {
      take(ins.f, ins.lines.length)
      const ending = ins.f.fix!.newline ?? nl
      if (i === n) {
        // After a last line without a newline: that line gets one, the inserted block does not.
        if (out.eol.length > 0) out.eol[out.eol.length - 1] = ending
        for (let k = 0; k < ins.lines.length; k++) {
          out.body.push(ins.lines[k]!)
          out.eol.push(k === ins.lines.length - 1 ? '' : ending)
        }
      } else {
        for (const l of ins.lines) {
          out.body.push(l)
          out.eol.push(ending)
        }
      }
    }
    if (i === n) break
    const rep = replaces.get(i)
    if (rep) {
      take(rep.f, rep.lines.length)
      const newline = rep.f.fix!.newline
      // The last replaced line keeps its line ending (unless the fix sets them).
      const lastEol = newline ?? eol[i + rep.count - 1] ?? ''
      for (let k = 0; k < rep.lines.length; k++) {
        out.body.push(rep.lines[k]!)
        out.eol.push(k === rep.lines.length - 1 ? lastEol : newline ?? nl)
      }
      // Edits starting inside the replaced lines are dropped (they overlap it).
      for (let k = i + 1; k < i + rep.count; k++) {
        inserts.delete(k)
        replaces.delete(k)
      }
      i += rep.count - 1
      continue
    }
    out.body.push(body[i]!)
    out.eol.push(eol[i]!)
  }
  return { lines: out, applied, taken }
}

/** What a suggestion shows for one fix: lines [start, end] of the file and the lines that replace them. */
export interface FixWindow {
  start: number
  end: number
  lines: string[]
}

/**
 * One fix as a suggestion on existing lines (a review comment replaces at
 * least one line): a replacement on the lines it replaces; an insertion on
 * the line above it, kept (on the first line, kept after it, at the very
 * start). The new lines are what the applier writes there.
 * `lines`: the file's lines without endings, as split('\n') gives them (a
 * file ending with a newline has a last, empty one).
 */
export function fixWindow(lines: readonly string[], fix: Fix): FixWindow | undefined {
  if (!Number.isInteger(fix.startLine) || !Number.isInteger(fix.endLine) || fix.startLine < 1) return undefined
  const n = lines.length
  let start: number
  let end: number
  if (fix.endLine > fix.startLine) {
    if (fix.endLine - 1 > n) return undefined
    start = fix.startLine
    end = fix.endLine - 1
  } else {
    // (At the end of a file that ends with a newline, the last "line" is the empty one after it.)
    const last = n > 0 && lines[n - 1] === '' ? n - 1 : n
    const before = Math.min(fix.startLine - 1, last)
    if (before >= 1) start = end = before
    else if (last >= 1) start = end = 1
    else return undefined
  }
  // The window and the line after it (so the applier sees where the file goes on, or ends).
  const body = lines.slice(start - 1, end + 1)
  const eol = body.map((_, k) => (start - 1 + k === n - 1 ? '' : '\n'))
  const shifted: Finding = {
    rule: '',
    severity: 'notice',
    file: '',
    message: '',
    line: 1,
    fix: { ...fix, startLine: fix.startLine - start + 1, endLine: fix.endLine - start + 1 }
  }
  const r = applyToLines({ body, eol }, [shifted])
  const after = body.length - (end - start + 1) // 1 when the next line came along, 0 at the end
  return { start, end, lines: r.lines.body.slice(0, r.lines.body.length - after) }
}
