/**
 * --fix: rewrite a spec so the mechanical findings go away, touching only
 * what those findings own: line endings, trailing whitespace, title
 * adornments, missing sections (inserted where the template puts them, with
 * the template's exact title and the body "None") and the final newline.
 * Idempotent: fixing a fixed text changes nothing.
 */
import type { CheckOptions, Finding, Rule, Section, TemplateRules } from './types.js'
import { scan } from './scan.js'
import { columnWidth } from './scan-text.js'
import { checkText } from './check.js'
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
  let text = start

  if (on('carriage-return') && text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n')
    applied.push({ rule: 'carriage-return', line: 1, description: 'Converted line endings to LF' })
  }

  if (on('trailing-whitespace')) {
    const lines = splitLines(text)
    lines.body.forEach((l, i) => {
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

  if (on('title-underline')) text = fixAdornments(text, template, applied)

  if (on('missing-section')) {
    const only: Rule[] = [missingSection]
    const inserted = applied.length
    // Titles whose inserted section did not become that section (say, it landed in a table).
    const failed = new Set<string>()
    let last: { title: string; message: string; before: string; findings: Finding[] } | undefined
    for (let round = 0; round <= 2 * template.all.length; round++) {
      let findings = checkText(text, template, options, only).findings
      // The same finding again (not another template section of the same title): the insertion
      // did not take. Undo it, and go on from the text (and findings) before it.
      if (last && findings.some(x => x.fix && x.section === last!.title && x.message === last!.message)) {
        text = last.before
        findings = last.findings
        applied.pop()
        failed.add(last.title)
      }
      last = undefined
      const f = findings.find(x => x.fix && !failed.has(x.section ?? ''))
      if (!f?.fix) break
      last = { title: f.section ?? '', message: f.message, before: text, findings }
      const lines = splitLines(text)
      const n = lines.body.length
      const at = Math.min(f.fix.startLine - 1, n)
      const insert = f.fix.text.replace(/\n$/, '').split('\n')
      // At the end of a file that ends with a newline, insert before the final empty line.
      const atEnd = at >= n - 1 && lines.body[n - 1] === ''
      const pos = atEnd ? n - 1 : at
      if (atEnd && insert[insert.length - 1] === '') insert.pop()
      // New lines end as the file's lines do (CR or CRLF when the carriage-return rule is off).
      const nl = lines.eol.find(e => e !== '') ?? '\n'
      const eols = insert.map(() => nl)
      if (pos === n) {
        // After a last line without a newline: that line gets one, the inserted block does not.
        lines.eol[n - 1] = nl
        eols[eols.length - 1] = ''
      }
      lines.body.splice(pos, 0, ...insert)
      lines.eol.splice(pos, 0, ...eols)
      text = joinLines(lines)
      applied.push({ rule: 'missing-section', line: pos + 1, description: f.fix.description })
    }
    // New sections can turn lines after them into titles with short adornments.
    if (applied.length > inserted && on('title-underline')) text = fixAdornments(text, template, applied)
  }

  if (on('final-newline') && text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r')) {
    const lines = splitLines(text)
    text += lines.eol.find(e => e !== '') ?? '\n'
    applied.push({ rule: 'final-newline', line: lines.body.length, description: 'Added the final newline' })
  }
  return { text, changed: text !== start, applied }
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
