/**
 * Report formatters: pure functions from a Report to a string.
 */
import type { Report } from '../engine/types.js'
import { formatCommands } from './commands.js'
import { formatJson } from './json.js'
import { formatSarif, type RuleInfo } from './sarif.js'
import { formatText } from './text.js'

export { formatText, closingLine, type TextOptions } from './text.js'
export { formatJson, reportJson } from './json.js'
export {
  formatSarif,
  sarifLevel,
  toUri,
  MAX_SARIF_RESULTS,
  FINGERPRINT_KEY,
  type RuleInfo,
  type SarifOptions
} from './sarif.js'
export {
  formatCommands,
  formatCommand,
  DEFAULT_MAX_PER_SEVERITY,
  type CommandsOptions,
  type CommandsResult
} from './commands.js'
export {
  formatSummary,
  DEFAULT_SUMMARY_MAX_BYTES,
  SECTION_STATUS_RULES,
  type SummaryOptions
} from './summary.js'
export {
  escapeData,
  escapeMarkdown,
  escapeProperty,
  jsonLogSafe,
  logLine,
  plainLogSafe,
  safeText,
  safeTextKeepNewlines
} from './escape.js'

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github'
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github']

/**
 * The report in one of the CLI's formats. `github` is workflow commands for
 * every finding, uncapped (GitHub decides how many it shows); `text` has no
 * colour. `rules` is only used by `sarif`.
 */
export function formatReport(report: Report, format: ReportFormat, rules: readonly RuleInfo[] = []): string {
  switch (format) {
    case 'text':
      return formatText(report)
    case 'json':
      return formatJson(report)
    case 'sarif':
      return formatSarif(report, rules)
    case 'github':
      return formatCommands(report, { maxPerSeverity: Infinity }).text
    default: {
      const never: never = format
      throw new Error(`unknown report format: ${String(never)}`)
    }
  }
}
