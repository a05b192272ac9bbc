/**
 * GitHub Actions workflow commands (`::error file=...::message`) for the
 * findings, and the escaping that keeps spec text inside them.
 *
 * Security: a spec controls finding messages (they quote its titles and
 * lines) and, through the pull request, file names. Nothing of that may ever
 * become a workflow command of its own. Every value goes through
 * escapeProperty / escapeData (the runner's own escaping, as @actions/core
 * does it), so newlines cannot start a new line and `::` in a property
 * cannot end the property list; the remaining control characters are made
 * visible first so no terminal escape reaches the log.
 */
import type { Finding, Report, Severity } from '../engine/types.js'
import { escapeData, escapeProperty, safeTextKeepNewlines } from './escape.js'
import { FILE_ERROR_RULE, allFindings, compareBySeverity, isPositiveInt } from './util.js'
import { suggestedFix } from '../engine/fix.js'

/** How GitHub shows at most this many annotations of each severity per step. */
export const DEFAULT_MAX_PER_SEVERITY = 10

export interface CommandsOptions {
  /** Annotations emitted per severity (default 10); Infinity for all. */
  maxPerSeverity?: number
}

export interface CommandsResult {
  /** The commands, one per line, with a trailing newline ("" when there is nothing). */
  text: string
  /** Number of commands in `text`. */
  shown: number
  /** Findings left out because of `maxPerSeverity`. */
  omitted: number
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'notice' }

/** One annotation command for one finding. */
export function formatCommand(f: Finding): string {
  const props: [string, string][] = []
  if (f.file) props.push(['file', f.file])
  // File-level errors are annotations on the whole file: no position.
  if (f.rule !== FILE_ERROR_RULE && isPositiveInt(f.line)) {
    props.push(['line', String(f.line)])
    props.push(['endLine', String(isPositiveInt(f.endLine) && f.endLine >= f.line ? f.endLine : f.line)])
    props.push(['col', String(isPositiveInt(f.column) ? f.column : 1)])
  }
  props.push(['title', `spec-template-check: ${f.rule}`])
  const name = COMMAND[f.severity] ?? 'error'
  const propText = props.map(([k, v]) => `${k}=${escapeProperty(safeTextKeepNewlines(v))}`).join(',')
  // A fixable finding carries the exact RST to paste.
  const fix = suggestedFix(f)
  const message = fix?.text ? `${f.message}\n\nSuggested fix (${fix.description}):\n${fix.text.replace(/\n$/, '')}` : f.message
  return `::${name} ${propText}::${escapeData(safeTextKeepNewlines(message))}`
}

function normaliseMax(n: number | undefined): number {
  if (n === undefined || Number.isNaN(n)) return DEFAULT_MAX_PER_SEVERITY
  if (n === Infinity) return Infinity
  return Math.max(0, Math.floor(n))
}

/**
 * Annotation commands for the report's findings (file-level errors included
 * as rule `file-error`), errors first, then warnings, then notices, each by
 * file and line; at most `maxPerSeverity` of each severity.
 */
export function formatCommands(report: Report, opts: CommandsOptions = {}): CommandsResult {
  const max = normaliseMax(opts.maxPerSeverity)
  const findings = allFindings(report.files).sort(compareBySeverity)
  const count: Record<string, number> = {}
  const lines: string[] = []
  let omitted = 0
  for (const f of findings) {
    const n = count[f.severity] ?? 0
    if (n >= max) {
      omitted++
      continue
    }
    count[f.severity] = n + 1
    lines.push(formatCommand(f))
  }
  return { text: lines.length ? lines.join('\n') + '\n' : '', shown: lines.length, omitted }
}
