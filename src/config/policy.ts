/**
 * The fail policy, one copy for the CLI and the action: which findings fail
 * the run under `fail-on`, and what that means for each front end (the CLI's
 * exit code, the action's setFailed, the check run's conclusion, the
 * failed-files output).
 *
 * - A finding fails the run when its severity reaches fail-on (error: errors;
 *   warning: errors and warnings; never: nothing).
 * - A file that could not be checked (read error, bad template) fails the run
 *   unless fail-on is never.
 */
import type { FileResult, Report, Severity } from '../engine/types.js'

export type FailOn = 'error' | 'warning' | 'never'

/** True when findings of this severity make the run fail under `failOn`. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (failOn === 'error') return severity === 'error'
  return severity === 'error' || severity === 'warning'
}

/** Does this file fail the run: a finding at or above fail-on, or a file that could not be checked. */
export function fileFails(file: FileResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  return Boolean(file.error) || file.findings.some(x => failsAt(x.severity, failOn))
}

/** True when any finding (or a file that could not be checked) reaches the fail-on level. */
export function reachesFailOn(report: Report, failOn: FailOn): boolean {
  return report.files.some(f => fileFails(f, failOn))
}

/** The CLI's exit code for the report: 1 when the run fails, else 0 (usage and read errors are 2, decided by the CLI). */
export function exitCodeFor(report: Report, failOn: FailOn): 0 | 1 {
  return reachesFailOn(report, failOn) ? 1 : 0
}

/** The check run's conclusion: failure when the run fails; neutral when there are findings below fail-on; else success. */
export function conclusionFor(report: Report, failOn: FailOn): 'success' | 'failure' | 'neutral' {
  if (reachesFailOn(report, failOn)) return 'failure'
  const t = report.totals
  return t.errors + t.warnings + t.notices > 0 ? 'neutral' : 'success'
}

/**
 * The failed-files output: the files that fail the run. With fail-on never
 * (nothing fails): the files with errors, so the output still names them.
 */
export function failedFiles(report: Report, failOn: FailOn): string[] {
  const level: FailOn = failOn === 'never' ? 'error' : failOn
  return report.files.filter(f => fileFails(f, level)).map(f => f.file)
}

/** "spec-template-check: 3 errors in 2 files" (with fail-on warning: "3 errors and 2 warnings in 4 files"). */
export function failMessage(report: Report, failOn: FailOn): string {
  const t = report.totals
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`
  const failing = report.files.filter(f => fileFails(f, failOn === 'never' ? 'error' : failOn)).length
  const what = failOn === 'warning' && t.warnings > 0 ? `${n(t.errors, 'error')} and ${n(t.warnings, 'warning')}` : n(t.errors, 'error')
  return `spec-template-check: ${what} in ${n(failing, 'file')}`
}
