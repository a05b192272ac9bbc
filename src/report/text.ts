/**
 * Plain text report, for terminals and logs:
 *
 *     specs/a.rst:12:1: error missing-section Missing section "Alternatives": ...
 *     specs/b.rst:1:1: error file-error Cannot decode the file as UTF-8
 *
 *     specs/a.rst: 1 missing section, 1 incomplete section
 *       missing: "Proposed change > Alternatives"
 *       template text: "Problem description"
 *       note: checked against the embedded default template
 *
 *     2 files checked: 2 errors, 0 warnings
 *
 * Untrusted text (file names, messages, titles) goes through safeText, so it
 * cannot add lines or terminal escape sequences, and the whole output through
 * plainLogSafe, so it cannot be read as a workflow command when printed in a
 * GitHub Actions log.
 */
import type { Report, SectionStatus, Severity } from '../engine/types.js'
import { plainLogSafe, safeText } from './escape.js'
import { describeHidden, suppressionText } from '../engine/suppress.js'
import {
  allFindings,
  incompleteCount,
  isPositiveInt,
  plural,
  sectionLabel,
  sectionProblems,
  sortedFiles
} from './util.js'

export interface TextOptions {
  /** ANSI colours (severities, closing line). Default false. */
  color?: boolean
}

const ANSI = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  green: '\u001b[32m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  reset: '\u001b[0m'
}

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, notice: ANSI.cyan }

function titles(list: SectionStatus[]): string {
  return list.map(s => `"${safeText(sectionLabel(s))}"`).join(', ')
}

/** The closing line: "2 files checked: 1 error, 0 warnings" (", 3 notices" when there are any). */
export function closingLine(report: Report): string {
  const t = report.totals
  let line = `${plural(t.files, 'file')} checked: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}`
  if (t.notices > 0) line += `, ${plural(t.notices, 'notice')}`
  const suppressed = t.suppressed ?? 0
  if (suppressed > 0) line += ` (${suppressed} suppressed by comments in the specs)`
  return line
}

export function formatText(report: Report, opts: TextOptions = {}): string {
  return [...formatTextChunks(report, opts)].join('')
}

/** About this many characters per piece of formatTextChunks. */
const CHUNK_CHARS = 64 * 1024

/**
 * formatText's text in pieces of whole lines (about 64 KiB each), so that a
 * large report can be printed without holding all of its text at once.
 */
export function* formatTextChunks(report: Report, opts: TextOptions = {}): Generator<string> {
  const color = opts.color === true
  const paint = (code: string, s: string): string => (color ? code + s + ANSI.reset : s)
  // Lines are collected up to CHUNK_CHARS and given out together; every line
  // ends with "\n", so plainLogSafe (which works line by line) sees whole lines.
  let lines: string[] = []
  let size = 0
  const flush = (): string => {
    const piece = plainLogSafe(lines.join('\n') + '\n')
    lines = []
    size = 0
    return piece
  }
  const add = (line: string): boolean => {
    lines.push(line)
    size += line.length + 1
    return size >= CHUNK_CHARS
  }

  const findings = allFindings(report.files)
  for (const f of findings) {
    const line = isPositiveInt(f.line) ? f.line : 1
    const col = isPositiveInt(f.column) ? f.column : 1
    const sev = paint(SEVERITY_COLOR[f.severity] ?? '', f.severity)
    const rule = paint(ANSI.dim, safeText(f.rule))
    if (add(`${safeText(f.file)}:${line}:${col}: ${sev} ${rule} ${safeText(f.message)}`)) yield flush()
  }

  const files = sortedFiles(report.files)
  const embedded = files.filter(f => f.embeddedTemplate)
  const allEmbedded = files.length > 1 && embedded.length === files.length
  let blocks = 0
  const block = (text: string): boolean => {
    // A blank line between the findings and the first block.
    if (blocks++ === 0 && findings.length) add('')
    return add(text)
  }
  for (const f of files) {
    const p = sectionProblems(f.sections)
    const incomplete = incompleteCount(p)
    const noteHere = f.embeddedTemplate && !allEmbedded
    const used = f.suppressions ?? []
    if (p.missing.length === 0 && incomplete === 0 && !noteHere && used.length === 0 && !f.templateChoice) continue
    const counts: string[] = []
    if (p.missing.length) counts.push(plural(p.missing.length, 'missing section'))
    if (incomplete) counts.push(plural(incomplete, 'incomplete section'))
    const out = [`${safeText(f.file)}:${counts.length ? ' ' + counts.join(', ') : ''}`]
    if (p.missing.length) out.push(`  missing: ${titles(p.missing)}`)
    if (p.empty.length) out.push(`  empty: ${titles(p.empty)}`)
    if (p.templateText.length) out.push(`  template text: ${titles(p.templateText)}`)
    if (p.placeholder.length) out.push(`  placeholder: ${titles(p.placeholder)}`)
    if (noteHere) out.push('  note: checked against the embedded default template')
    if (f.templateChoice) out.push(`  template: ${safeText(f.templateChoice.reason)}`)
    for (const u of used) out.push(`  suppressed at line ${u.line}: ${safeText(suppressionText(u))} hid ${safeText(describeHidden(u))}`)
    if (block(out.join('\n'))) yield flush()
  }
  if (allEmbedded) block(`note: all ${files.length} files were checked against the embedded default template`)

  if (findings.length || blocks) add('')
  const t = report.totals
  const closing = closingLine(report)
  add(color ? paint(ANSI.bold + (t.errors > 0 ? ANSI.red : t.warnings > 0 ? ANSI.yellow : ANSI.green), closing) : closing)
  yield flush()
}
