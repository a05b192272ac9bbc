/**
 * Markdown for the GitHub job summary ($GITHUB_STEP_SUMMARY).
 *
 * Layout: a headline with the totals, the caller's annotations note, a table
 * with one row per file (status, missing sections, incomplete sections,
 * other problems counted by rule), then every finding in a collapsed
 * <details> block.
 *
 * Escaping: every string that comes from a spec or a template (file names,
 * titles, messages, rule ids) goes through escapeMarkdown, which makes
 * control characters visible and turns every character that Markdown or
 * HTML could act on into an HTML character reference, so a spec can add
 * neither markup, HTML, links nor table cells. Untrusted text never starts a
 * line, so it cannot start a block (heading, list, quote) either.
 *
 * Size: GitHub accepts at most 1 MiB per step summary. The output stays
 * under `maxBytes` (UTF-8): when everything does not fit, the findings list
 * is shortened first (errors kept before warnings before notices), then, if
 * the table alone is too big, the table rows (files with errors kept first);
 * a note says how many findings / files were left out and where the full
 * report is.
 */
import type { FileResult, Finding, Report } from '../engine/types.js'
import { describeHidden, suppressionText } from '../engine/suppress.js'
import { RULES } from '../rules/index.js'
import {
  FILE_ERROR_RULE,
  SEVERITY_RANK,
  allFindings,
  compareBySeverity,
  compareStrings,
  isPositiveInt,
  plural,
  sectionProblems,
  sortedFiles,
  utf8Length
} from './util.js'
import { escapeMarkdown } from './escape.js'
import { blobUrl, linkHtml } from './links.js'
import { cutUtf8 } from './bytes.js'

/** GitHub's limit is 1 MiB (1,048,576 bytes); this leaves a margin. */
export const DEFAULT_SUMMARY_MAX_BYTES = 1_000_000

/**
 * Rules whose findings the "Missing sections" / "Incomplete sections"
 * columns already show (the rules with a sectionStatus) (when the file's section statuses list the section);
 * they are not counted again under "Other problems".
 */
export const SECTION_STATUS_RULES: ReadonlySet<string> = new Set(RULES.filter(r => r.sectionStatus !== undefined).map(r => r.id))

export interface SummaryOptions {
  /** Maximum size in UTF-8 bytes (default 1,000,000). */
  maxBytes?: number
  /** Where the full JSON report was written, for the truncation note. */
  reportFile?: string
  /** Trusted Markdown from the caller (e.g. "Only the first 10 annotations are shown"), included verbatim. */
  annotationsNote?: string
  /** `<server>/<owner>/<repo>/blob/<head sha>/` (links.ts blobBase): file names and lines become links to it. */
  linkBase?: string
}

/** `file` (with `:line`), escaped, and a link to that file / line when there is a base. */
function fileRef(file: string, line: number | undefined, base: string | undefined): string {
  const text = escapeMarkdown(line === undefined ? file : `${file}:${line}`)
  return base ? linkHtml(blobUrl(base, file, line), text) : text
}

function statusCell(f: FileResult): string {
  if (f.error !== undefined) return '❌ not checked'
  let e = 0
  let w = 0
  let n = 0
  for (const x of f.findings) {
    if (x.severity === 'error') e++
    else if (x.severity === 'warning') w++
    else n++
  }
  const parts: string[] = []
  if (e) parts.push(plural(e, 'error'))
  if (w) parts.push(plural(w, 'warning'))
  if (n) parts.push(plural(n, 'notice'))
  // Findings hidden by suppression comments are said in the row, so that an
  // "OK" never stands beside sections the Missing column still lists.
  if (f.suppressed) parts.push(`${f.suppressed} suppressed`)
  if (e) return '❌ ' + parts.join(', ')
  if (w) return '⚠️ ' + parts.join(', ')
  if (n) return 'ℹ️ ' + parts.join(', ')
  return f.suppressed ? `🔕 OK, ${f.suppressed} suppressed` : '✅ OK'
}

function rowPriority(f: FileResult): number {
  if (f.error !== undefined) return 0
  let best = 3
  for (const x of f.findings) best = Math.min(best, SEVERITY_RANK[x.severity] ?? 3)
  return best
}

function tableRow(f: FileResult, showEmbedded: boolean, base?: string): string {
  const p = sectionProblems(f.sections)
  const dash = '—'
  let file = fileRef(f.file, undefined, base)
  if (f.embeddedTemplate) {
    if (showEmbedded) file += '<br><sub>⚠️ checked against the embedded default template</sub>'
  } else if (f.template) {
    file += `<br><sub>template: ${escapeMarkdown(f.template)}</sub>`
    if (f.templateChoice) file += `<br><sub>${escapeMarkdown(f.templateChoice.reason)}</sub>`
  }
  const missing = p.missing.map(s => escapeMarkdown(s.title)).join(', ') || dash
  const incomplete =
    [
      ...p.empty.map(s => `${escapeMarkdown(s.title)} (empty)`),
      ...p.templateText.map(s => `${escapeMarkdown(s.title)} (template text)`),
      ...p.placeholder.map(s => `${escapeMarkdown(s.title)} (placeholder)`)
    ].join(', ') || dash

  // Findings the section columns already show are not counted again.
  const shown = new Set([...p.missing, ...p.empty, ...p.templateText, ...p.placeholder].map(s => s.title))
  const counts = new Map<string, number>()
  for (const x of f.findings) {
    if (SECTION_STATUS_RULES.has(x.rule) && x.section !== undefined && shown.has(x.section)) continue
    counts.set(x.rule, (counts.get(x.rule) ?? 0) + 1)
  }
  const other = [...counts.entries()]
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([rule, n]) => `${escapeMarkdown(rule)} ×${n}`)
  if (f.error !== undefined) other.unshift(`could not be checked: ${escapeMarkdown(f.error)}`)
  return `| ${file} | ${statusCell(f)} | ${missing} | ${incomplete} | ${other.join(', ') || dash} |\n`
}

const TABLE_HEADER =
  '| File | Status | Missing sections | Incomplete sections | Other problems |\n| --- | --- | --- | --- | --- |\n'

function findingItem(f: Finding, base?: string): string {
  const where = fileRef(f.file, f.rule === FILE_ERROR_RULE || !isPositiveInt(f.line) ? undefined : f.line, base)
  return `- **${f.severity}** ${where} — ${escapeMarkdown(f.rule)}: ${escapeMarkdown(f.message)}\n`
}

function detailsOpen(shown: number, total: number, truncated = shown !== total): string {
  const label = truncated ? `Findings: ${shown} of ${total} shown` : `All findings (${total})`
  return `<details>\n<summary>${label}</summary>\n\n`
}
const DETAILS_CLOSE = '\n</details>\n'

function head(report: Report, opts: SummaryOptions, files: FileResult[]): string {
  const t = report.totals
  const icon = t.errors > 0 ? '❌' : t.warnings > 0 ? '⚠️' : '✅'
  let out =
    `### ${icon} ${escapeMarkdown(report.tool.name || 'spec-template-check')}: ` +
    `${plural(t.files, 'file')} checked, ${t.filesWithErrors} with errors\n\n` +
    `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')}\n\n`
  if (opts.annotationsNote) out += `${opts.annotationsNote}\n\n`
  out += suppressionList(files, opts.linkBase)
  if (files.length > 1 && files.every(f => f.embeddedTemplate)) {
    out +=
      `⚠️ **All files were checked against the embedded default template**: no template.rst was found ` +
      `for them (set the \`template\` input or add a template to the repository if that is not intended).\n\n`
  }
  if (files.length === 0) out += 'No spec files were found.\n\n'
  return out
}

/** At most this many suppression comments are listed in the summary (the JSON report has all). */
export const MAX_LISTED_SUPPRESSIONS = 50
const MAX_SUPPRESSION_TEXT = 160

/**
 * Every honoured suppression comment (file, line, rules, what it hid), so
 * that a spec that silences its findings never shows as a silent pass.
 * Bounded in size: the first MAX_LISTED_SUPPRESSIONS, then a count.
 */
function suppressionList(files: FileResult[], base?: string): string {
  const uses = files.flatMap(f => (f.suppressions ?? []).map(u => ({ file: f.file, u })))
  if (uses.length === 0) return ''
  const hidden = files.reduce((n, f) => n + (f.suppressed ?? 0), 0)
  const clip = (s: string): string => (s.length > MAX_SUPPRESSION_TEXT ? s.slice(0, MAX_SUPPRESSION_TEXT) + '…' : s)
  let out =
    `🔕 **${plural(hidden, 'finding')} hidden by ${plural(uses.length, 'suppression comment')}** in the specs ` +
    `(\`.. spec-template-check: disable…\`):\n\n`
  for (const { file, u } of uses.slice(0, MAX_LISTED_SUPPRESSIONS)) {
    out += `- ${fileRef(file, u.line, base)} — ${escapeMarkdown(suppressionText(u, MAX_SUPPRESSION_TEXT))} — hid ${escapeMarkdown(clip(describeHidden(u)))}\n`
  }
  if (uses.length > MAX_LISTED_SUPPRESSIONS) {
    out += `- … and ${uses.length - MAX_LISTED_SUPPRESSIONS} more (every one is in the JSON report, \`suppressions\`)\n`
  }
  return out + '\n'
}

function truncationNote(opts: SummaryOptions, findingsLeft: number, findingsTotal: number, rowsLeft: number, rowsTotal: number): string {
  const parts: string[] = []
  if (findingsLeft > 0) parts.push(`${findingsLeft} of ${plural(findingsTotal, 'finding')}`)
  if (rowsLeft > 0) parts.push(`${rowsLeft} of ${plural(rowsTotal, 'file')}`)
  const where = opts.reportFile
    ? `The full report is in the JSON report file ${escapeMarkdown(opts.reportFile)}.`
    : 'For the full report, use the `report-file` input (it writes every finding as JSON).'
  return (
    `\n> **Note:** this summary was shortened to stay under GitHub's size limit for job summaries: ` +
    `${parts.length ? parts.join(' and ') + ' are not listed' : 'parts of it are not shown'}. ${where}\n`
  )
}

/** Take items in `order` while they fit in `budget` bytes; stop at the first that does not. */
function takeWhileFits(size: (i: number) => number, order: number[], budget: number): Set<number> {
  const kept = new Set<number>()
  let used = 0
  for (const i of order) {
    const n = size(i)
    if (used + n > budget) break
    used += n
    kept.add(i)
  }
  return kept
}

/**
 * A report's summary rows and finding items, each written (and measured) only
 * when asked for: a summary far over the limit is cut without writing all of
 * it. Made once per report and link base and shared by summaryFits and every
 * formatSummary of that report (the action asks three times: whether it
 * fits, the check run's summary, the job summary). The report must not
 * change while its pieces are in use.
 */
export interface SummaryPieces {
  readonly report: Report
  readonly linkBase: string | undefined
  readonly files: FileResult[]
  readonly findings: Finding[]
  row(i: number): string
  item(i: number): string
  rowSize(i: number): number
  itemSize(i: number): number
  /** The rows' total, counted up to just past `limit` (a count already past it is returned as it is). */
  rowsBytesUpTo(limit: number): number
}

export function summaryPieces(report: Report, linkBase?: string): SummaryPieces {
  const files = sortedFiles(report.files)
  const showEmbedded = !(files.length > 1 && files.every(f => f.embeddedTemplate))
  const findings = allFindings(report.files)
  const rows: string[] = new Array(files.length)
  const rowSizes: number[] = new Array(files.length)
  const items: string[] = new Array(findings.length)
  const itemSizes: number[] = new Array(findings.length)
  const row = (i: number): string => (rows[i] ??= tableRow(files[i]!, showEmbedded, linkBase))
  const item = (i: number): string => (items[i] ??= findingItem(findings[i]!, linkBase))
  const rowSize = (i: number): number => (rowSizes[i] ??= utf8Length(row(i)))
  const itemSize = (i: number): number => (itemSizes[i] ??= utf8Length(item(i)))
  let rowsBytes = 0
  let rowsCounted = 0
  return {
    report,
    linkBase,
    files,
    findings,
    row,
    item,
    rowSize,
    itemSize,
    rowsBytesUpTo(limit: number): number {
      for (; rowsCounted < files.length && rowsBytes <= limit; rowsCounted++) rowsBytes += rowSize(rowsCounted)
      return rowsBytes
    }
  }
}

/** The pieces to use: the caller's when they are this report's with this link base, else new ones. */
function piecesFor(report: Report, opts: SummaryOptions, pieces: SummaryPieces | undefined): SummaryPieces {
  return pieces && pieces.report === report && pieces.linkBase === opts.linkBase ? pieces : summaryPieces(report, opts.linkBase)
}

/** The whole summary's size (every row and finding), counted up to just past `limit`. */
function fullBytesUpTo(p: SummaryPieces, topBytes: number, limit: number): number {
  let used = topBytes + (p.files.length ? utf8Length(TABLE_HEADER) : 0) + p.rowsBytesUpTo(limit)
  if (p.findings.length > 0 && used <= limit) {
    used += 1 + utf8Length(detailsOpen(p.findings.length, p.findings.length)) + utf8Length(DETAILS_CLOSE)
    for (let i = 0; i < p.findings.length && used <= limit; i++) used += p.itemSize(i)
  }
  return used
}

/**
 * Whether the whole summary (every row and every finding, as formatSummary
 * writes it with no size limit) takes at most `maxBytes`, found without
 * building it: sizes are added one piece at a time and the count stops at
 * the first piece past the limit.
 */
export function summaryFits(report: Report, maxBytes: number, opts: SummaryOptions = {}, pieces?: SummaryPieces): boolean {
  const p = piecesFor(report, opts, pieces)
  return fullBytesUpTo(p, utf8Length(head(report, opts, p.files)), maxBytes) <= maxBytes
}

export function formatSummary(report: Report, opts: SummaryOptions = {}, pieces?: SummaryPieces): string {
  const maxBytes = Math.max(0, Math.floor(opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES))
  const p = piecesFor(report, opts, pieces)
  const { files, findings } = p
  const top = head(report, opts, files)
  const topBytes = utf8Length(top)
  const tableFixed = files.length ? utf8Length(TABLE_HEADER) : 0
  const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i)
  const table = (keep?: Set<number>): string =>
    files.length === 0 ? '' : TABLE_HEADER + all(files.length).filter(i => !keep || keep.has(i)).map(p.row).join('')
  const details = (keep?: Set<number>): string => {
    if (findings.length === 0 || (keep && keep.size === 0)) return ''
    const shown = keep ? keep.size : findings.length
    return '\n' + detailsOpen(shown, findings.length) + all(findings.length).filter(i => !keep || keep.has(i)).map(p.item).join('') + DETAILS_CLOSE
  }

  if (fullBytesUpTo(p, topBytes, maxBytes) <= maxBytes) return top + table() + details()
  const rowsBytes = p.rowsBytesUpTo(maxBytes)

  // Worst-case note (largest numbers) so the real one always fits.
  const noteReserve = utf8Length(truncationNote(opts, findings.length, findings.length, files.length, files.length))

  // 1. All rows, as many findings as fit (errors first). (Rows past the limit leave no budget.)
  const detailsFixed = 1 + utf8Length(detailsOpen(findings.length, findings.length, true)) + utf8Length(DETAILS_CLOSE)
  const budget1 = maxBytes - topBytes - tableFixed - rowsBytes - detailsFixed - noteReserve
  if (budget1 > 0) {
    const itemOrder = all(findings.length).sort((a, b) => compareBySeverity(findings[a]!, findings[b]!) || a - b)
    const keep = takeWhileFits(p.itemSize, itemOrder, budget1)
    if (keep.size > 0) {
      const out =
        top + table() + details(keep) + truncationNote(opts, findings.length - keep.size, findings.length, 0, files.length)
      if (utf8Length(out) <= maxBytes) return out
    }
  }

  // 2. No findings list; as many rows as fit (files with errors first).
  const priority = files.map(rowPriority)
  const rowOrder = all(files.length).sort((a, b) => priority[a]! - priority[b]! || a - b)
  const budget2 = maxBytes - topBytes - tableFixed - noteReserve
  const keepRows = budget2 > 0 ? takeWhileFits(p.rowSize, rowOrder, budget2) : new Set<number>()
  const tablePart = keepRows.size > 0 ? table(keepRows) : ''
  const out = top + tablePart + truncationNote(opts, findings.length, findings.length, files.length - keepRows.size, files.length)
  if (utf8Length(out) <= maxBytes) return out

  // 3. Pathological limit: even the headline does not fit.
  return cutUtf8(out, maxBytes, '')
}
