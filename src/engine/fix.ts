/**
 * --fix: rewrite a spec so the mechanical findings go away, touching only
 * what those findings own: line endings, trailing whitespace, title
 * adornments, missing sections (inserted where the template puts them, with
 * the template's exact title and the body "None"), renamed headings (given
 * the template's title back; the body stays) and the final newline.
 * Idempotent: fixing a fixed text changes nothing. Linear: all fixes of a
 * round are applied in one pass over the lines.
 */
import type { CheckOptions, Finding, Rule, Section, TemplateRules } from './types.js'
import { scan } from './rst/scan.js'
import { columnWidth } from './rst/scan-text.js'
import { checkText } from './check.js'
import { formatOfPath } from './read.js'
import { isHardBreak } from '../rules/trailing-whitespace.js'
import { missingSection } from '../rules/missing-section.js'

export const FIXABLE_RULES = ['carriage-return', 'trailing-whitespace', 'title-underline', 'missing-section', 'final-newline'] as const

export interface FixResult {
  text: string
  changed: boolean
  /** What was done, one entry per change. */
  applied: { rule: string; line: number; description: string }[]
}

export function fixText(input: string, template: TemplateRules, options: CheckOptions): FixResult {
  const on = (rule: string): boolean => options.rules[rule] !== 'off'
  const applied: FixResult['applied'] = []
  // A leading BOM is not part of the text (the caller keeps the file's BOM);
  // `changed` is about the fixes only, so it is true exactly when `applied` is not empty.
  const start = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  // Markdown: no RST adornments, and two spaces after text are a hard line break.
  const rst = (options.format ?? formatOfPath(options.file)) === 'rst'
  let text = start

  if (on('carriage-return') && text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n')
    applied.push({ rule: 'carriage-return', line: 1, description: 'Converted line endings to LF' })
  }

  if (on('trailing-whitespace')) {
    const lines = splitLines(text)
    lines.body.forEach((l, i) => {
      if (!rst && isHardBreak(l)) return
      // A loop, not /[ \t]+$/: that regex is quadratic in a long run of blanks that does not end the line.
      let end = l.length
      while (end > 0 && (l.charCodeAt(end - 1) === 32 || l.charCodeAt(end - 1) === 9)) end--
      const t = l.slice(0, end)
      if (t !== l) {
        lines.body[i] = t
        applied.push({ rule: 'trailing-whitespace', line: i + 1, description: 'Removed trailing whitespace' })
      }
    })
    text = joinLines(lines)
  }

  if (on('title-underline') && rst) text = fixAdornments(text, template, applied)

  if (on('missing-section')) {
    const only: Rule[] = [missingSection]
    const inserted = applied.length
    // Fixes that did not take (say, an insertion that landed in a table): left alone.
    const failed = new Set<string>()
    const key = (f: Finding): string => `${f.section ?? ''}\u0000${f.message}`
    const rounds = 2 * maxDepth(template) + 4
    let findings = checkText(text, template, options, only).findings
    // Each round applies every fix at once (bottom-up), so the work is linear in the file and the
    // template; a new round is needed only for subsections of sections the previous round inserted.
    for (let round = 0; round < rounds; round++) {
      const todo = findings.filter(f => f.fix && !failed.has(key(f)))
      if (todo.length === 0) break
      const before = text
      const steps = applyFixes(text, todo)
      text = steps.text
      const next = checkText(text, template, options, only).findings
      const done = new Set(todo.map(key))
      const again = next.filter(f => f.fix && done.has(key(f)))
      if (again.length > 0) {
        // Undo the round; retry without the fixes that did not take.
        text = before
        for (const f of again) failed.add(key(f))
        round--
        if (failed.size > 4 * template.all.length + 16) break
        continue
      }
      applied.push(...steps.applied)
      findings = next
    }
    // New sections can turn lines after them into titles with short adornments.
    if (applied.length > inserted && on('title-underline') && rst) text = fixAdornments(text, template, applied)
  }

  if (on('final-newline') && text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r')) {
    const lines = splitLines(text)
    text += lines.eol.find(e => e !== '') ?? '\n'
    applied.push({ rule: 'final-newline', line: lines.body.length, description: 'Added the final newline' })
  }
  return { text, changed: text !== start, applied }
}

function maxDepth(template: TemplateRules): number {
  let d = 0
  for (const t of template.all) if (t.depth > d) d = t.depth
  return d
}

/**
 * Apply the fixes of findings (line edits) in one pass over the lines, so the
 * work is linear however many there are. At one line: insertions (in the
 * findings' order) go before a replacement that starts there; an edit that
 * overlaps an earlier one is skipped.
 */
function applyFixes(text: string, findings: Finding[]): { text: string; applied: FixResult['applied'] } {
  const { body, eol } = splitLines(text)
  const n = body.length
  const nl = eol.find(e => e !== '') ?? '\n'
  const inserts = new Map<number, { f: Finding; lines: string[] }[]>()
  const replaces = new Map<number, { f: Finding; lines: string[]; count: number }>()
  for (const f of findings) {
    const fix = f.fix!
    const lines = fix.text.replace(/\n$/, '').split('\n')
    if (fix.endLine > fix.startLine) {
      const from = fix.startLine - 1
      const count = Math.min(fix.endLine - 1, n) - from
      if (from < 0 || count <= 0 || replaces.has(from)) continue
      replaces.set(from, { f, lines, count })
    } else {
      const at = Math.min(Math.max(fix.startLine - 1, 0), n)
      // At the end of a file that ends with a newline, insert before the final empty line.
      const atEnd = at >= n - 1 && body[n - 1] === ''
      const pos = atEnd ? n - 1 : at
      const list = inserts.get(pos) ?? []
      list.push({ f, lines })
      inserts.set(pos, list)
    }
  }
  const outBody: string[] = []
  const outEol: string[] = []
  const applied: FixResult['applied'] = []
  // Blocks inserted before the final empty line: the last one does not end with a blank line of its own.
  const tail = inserts.get(n - 1)
  if (n > 0 && body[n - 1] === '' && tail) {
    const last = tail[tail.length - 1]!.lines
    if (last.length > 1 && last[last.length - 1] === '') last.pop()
  }
  for (let i = 0; i <= n; i++) {
    for (const ins of inserts.get(i) ?? []) {
      applied.push({ rule: ins.f.rule, line: outBody.length + 1, description: ins.f.fix!.description })
      if (i === n) {
        // After a last line without a newline: that line gets one, the inserted block does not.
        if (outEol.length > 0) outEol[outEol.length - 1] = nl
        for (let k = 0; k < ins.lines.length; k++) {
          outBody.push(ins.lines[k]!)
          outEol.push(k === ins.lines.length - 1 ? '' : nl)
        }
      } else {
        for (const l of ins.lines) {
          outBody.push(l)
          outEol.push(nl)
        }
      }
    }
    if (i === n) break
    const rep = replaces.get(i)
    if (rep) {
      applied.push({ rule: rep.f.rule, line: outBody.length + 1, description: rep.f.fix!.description })
      // The last replaced line keeps its line ending.
      const lastEol = eol[i + rep.count - 1] ?? ''
      for (let k = 0; k < rep.lines.length; k++) {
        outBody.push(rep.lines[k]!)
        outEol.push(k === rep.lines.length - 1 ? lastEol : nl)
      }
      // Edits starting inside the replaced lines are dropped (they overlap it).
      for (let k = i + 1; k < i + rep.count; k++) {
        inserts.delete(k)
        replaces.delete(k)
      }
      i += rep.count - 1
      continue
    }
    outBody.push(body[i]!)
    outEol.push(eol[i]!)
  }
  return { text: joinLines({ body: outBody, eol: outEol }), applied }
}

/** Lengthen short underlines/overlines, and turn too-short adornments under template titles into real ones. */
function fixAdornments(text: string, template: TemplateRules, applied: FixResult['applied']): string {
  const outline = scan(text)
  const { body: lines, eol } = splitLines(text)
  const titles = new Set(template.all.map(t => t.title))
  if (template.exampleTitle) titles.add(template.exampleTitle)
  const done = new Set<number>()
  const sectionAt = new Map<number, Section>()
  for (const s of outline.sections) if (!sectionAt.has(s.line)) sectionAt.set(s.line, s)
  for (const p of outline.problems) {
    const titleLine = p.titleLine
    if (titleLine === undefined || done.has(titleLine)) continue
    if (p.kind !== 'short-adornment' && p.kind !== 'title-underline' && p.kind !== 'title-overline') continue
    const title = (lines[titleLine - 1] ?? '').trimEnd()
    const section = sectionAt.get(titleLine)
    if (!section && (p.kind !== 'short-adornment' || !titles.has(title.trim()))) continue
    // A too-short overline above a title that is not a section: which adornment was meant is unclear.
    if (!section && p.line !== titleLine + 1) continue
    const underline = section ? section.underline : titleLine + 1
    const overline = section?.overline
    const ch = (lines[underline - 1] ?? '').trim()[0] ?? '='
    // Measured as docutils measures it (wide characters count 2), as the scanner does.
    const width = Math.max(columnWidth(overline !== undefined ? title : title.trim()), 4)
    const bar = ch.repeat(width)
    if (lines[underline - 1] === bar && (overline === undefined || lines[overline - 1] === bar)) continue
    lines[underline - 1] = bar
    if (overline !== undefined) lines[overline - 1] = bar
    done.add(titleLine)
    applied.push({ rule: 'title-underline', line: titleLine, description: `Made the adornment of "${title.trim()}" ${width} characters long` })
  }
  return joinLines({ body: lines, eol })
}

/**
 * The text's lines as the scanner numbers them (ending at CRLF, CR or LF),
 * each with its line ending, so that edits by line number land on the right
 * line and keep the file's line endings when the carriage-return fix is off.
 * Like split('\n'): a text ending with a newline has a last, empty line.
 */
interface Lines {
  body: string[]
  eol: string[]
}

function splitLines(text: string): Lines {
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

function joinLines(lines: Lines): string {
  let out = ''
  for (let i = 0; i < lines.body.length; i++) out += lines.body[i]! + lines.eol[i]!
  return out
}
