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
import { FILE_ERROR_RULE, allFindings, compareBySeverity, isPositiveInt, safeTextKeepNewlines } from './util.js'

/** Text for the data part of a command, exactly as @actions/core escapes it. */
export function escapeData(s: string): string {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Text for a property value of a command, exactly as @actions/core escapes it. */
export function escapeProperty(s: string): string {
  return String(s)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C')
}

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
  const message = f.fix?.text ? `${f.message}\n\nSuggested fix (${f.fix.description}):\n${f.fix.text.replace(/\n$/, '')}` : f.message
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

/**
 * Leading whitespace as .NET's String.TrimStart sees it (and a little more:
 * over-matching only means neutralising a line that was harmless).
 */
const COMMAND_LINE = /^([\s\u0085\u001c-\u001f]*)::/
const LEGACY_COMMAND = /##\[/g

/**
 * Make untrusted text safe to print to a GitHub Actions log.
 *
 * The runner reads every line of a step's output (split at "\n", "\r" or
 * "\r\n") as a possible command:
 * - a line that starts, after leading whitespace, with `::` (`::add-mask::x`,
 *   `::stop-commands::t`, `::error::...`);
 * - a line that contains the legacy `##[name]` syntax anywhere
 *   (`##[error]...`, `##[stop-commands]t`), which the runner still honours.
 *
 * Choice: insert a backslash, visibly and without zero-width characters:
 * `  ::add-mask::x` becomes `  \::add-mask::x` and `##[error]` becomes
 * `##\[error]`. Nothing else changes (line breaks are kept, so multi-line
 * text stays multi-line), and text without those sequences is returned
 * unchanged. Apply it to the final text (after any other escaping).
 */
export function plainLogSafe(text: string): string {
  return String(text)
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(COMMAND_LINE, '$1\\::').replace(LEGACY_COMMAND, '##\\[')))
    .join('')
}
