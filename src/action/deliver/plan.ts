/**
 * Where each finding goes, decided once (a pure function: no I/O).
 *
 * Inputs: how many annotations of each severity the report makes, the
 * channel the annotations can use (the `annotations` input, narrowed by what
 * the token and the event allow), whether the job summary is on, writable
 * and can list every finding, the report-file input and where a fallback
 * JSON report could go (RUNNER_TEMP).
 *
 * Nothing is lost: every finding reaches at least one of a check-run
 * annotation, a workflow-command annotation, the job summary or a JSON
 * report. When the annotations are capped and the job summary cannot list
 * everything (1 MiB) or is off, and no report-file was asked for, the JSON
 * report goes to RUNNER_TEMP, and every note (check run, job summary, log)
 * says so: the plan knows that report before any note is written.
 */
import path from 'node:path'
import { escapeMarkdown } from '../../report/escape.js'
import { DEFAULT_MAX_PER_SEVERITY } from '../../report/commands.js'
import { MAX_CHECK_RUN_ANNOTATIONS } from '../../github/check-run.js'

export { MAX_CHECK_RUN_ANNOTATIONS }

/** Workflow-command annotations shown per severity (GitHub displays at most 10 per step). */
export const MAX_COMMANDS_PER_SEVERITY = DEFAULT_MAX_PER_SEVERITY
/** GitHub's limit for one step's job summary is 1 MiB; stay below it. */
export const STEP_SUMMARY_MAX_BYTES = 1000 * 1000
/** Room kept in the job summary for our notes when deciding whether every finding fits. */
export const NOTES_RESERVE_BYTES = 8000
/** File name of the JSON report written to RUNNER_TEMP when findings would otherwise be lost. */
export const FALLBACK_REPORT_NAME = 'spec-template-check-report.json'

export type Channel = 'check-run' | 'workflow-commands' | 'none'
/** Why fewer than all findings are annotated: the check run's cap, the commands' cap (per severity), or annotations off. */
export type Capped = 'check-run-cap' | 'commands-cap' | 'off'

export interface DeliveryLimits {
  checkRunAnnotations: number
  commandsPerSeverity: number
}

export const DEFAULT_LIMITS: DeliveryLimits = {
  checkRunAnnotations: MAX_CHECK_RUN_ANNOTATIONS,
  commandsPerSeverity: MAX_COMMANDS_PER_SEVERITY
}

/** The `annotations` input. */
export type AnnotationsInput = 'auto' | 'check-run' | 'workflow-commands' | 'none'

/**
 * The annotation channel the input asks for, narrowed by what this run
 * allows: a check run needs a token and the repository and head commit.
 * `say` is what the log should tell (a warning when check-run was asked
 * for explicitly, else an info line).
 */
export function annotationChannel(
  mode: AnnotationsInput,
  run: { hasToken: boolean; knowsCommit: boolean }
): { channel: Channel; say?: { level: 'info' | 'warning'; text: string } } {
  if (mode === 'none') return { channel: 'none' }
  if (mode === 'workflow-commands') return { channel: 'workflow-commands' }
  const level = mode === 'check-run' ? 'warning' : 'info'
  if (!run.hasToken) return { channel: 'workflow-commands', say: { level, text: 'No github-token: annotating with workflow commands instead of a check run' } }
  if (!run.knowsCommit) {
    return {
      channel: 'workflow-commands',
      say: { level, text: 'GITHUB_REPOSITORY or the head commit is unknown: annotating with workflow commands instead of a check run' }
    }
  }
  return { channel: 'check-run' }
}

/** Annotations per severity, as the check run and the workflow commands count them (a file not checked is one error). */
export function countBySeverity(files: readonly { error?: string; findings: readonly { severity: string }[] }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of files) {
    if (f.error !== undefined) out.error = (out.error ?? 0) + 1
    for (const x of f.findings) out[x.severity] = (out[x.severity] ?? 0) + 1
  }
  return out
}

export interface DeliveryFacts {
  /** Annotations per severity (a file that could not be checked is one error): countBySeverity. */
  bySeverity: Readonly<Record<string, number>>
  /** annotationChannel's answer (after a refused check run: workflow-commands). */
  channel: Channel
  /** The job summary: on (and writable), off (input), or on but not writable. */
  summary: 'on' | 'off' | 'unwritable'
  /** Whether the whole summary (every row and finding) fits with room for the notes. */
  summaryFits: boolean
  /** The report-file input, when given (the path as the output shows it). */
  reportFile?: string
  /** Where a fallback JSON report may be written (RUNNER_TEMP); undefined: nowhere. */
  fallbackDir?: string
  /** Trusted Markdown that goes first in both notes (template-ref: base). */
  templateNotes?: readonly string[]
}

export interface DeliveryPlan {
  channel: Channel
  /** Every finding (file errors included). */
  total: number
  /** Findings that get an annotation. */
  annotated: number
  capped?: Capped
  /** The job summary lists every finding. */
  summaryFits: boolean
  /** Write the whole JSON report here (absolute path in RUNNER_TEMP): nothing else would keep every finding. */
  fallbackReport?: string
  /** Where every finding is as JSON: the report-file input, else the fallback report. */
  reportFile?: string
  /** Markdown note for the check run's summary (undefined: none). */
  checkRunNote?: string
  /** Markdown note for the job summary (undefined: none). */
  summaryNote?: string
  /** What the log says about findings without an annotation when the summary cannot hold them. */
  logNote?: { level: 'notice' | 'warning'; text: string }
}

/** Decide, once, where each finding goes and what each note says. */
export function planDelivery(facts: DeliveryFacts, limits: DeliveryLimits = DEFAULT_LIMITS): DeliveryPlan {
  const counts = Object.values(facts.bySeverity)
  const total = counts.reduce((a, b) => a + b, 0)
  let annotated = 0
  let capped: Capped | undefined
  if (facts.channel === 'none') capped = 'off'
  else if (facts.channel === 'check-run') {
    annotated = Math.min(total, limits.checkRunAnnotations)
    if (total > annotated) capped = 'check-run-cap'
  } else {
    annotated = counts.reduce((n, c) => n + Math.min(c, limits.commandsPerSeverity), 0)
    if (total > annotated) capped = 'commands-cap'
  }
  const left = total - annotated
  const summaryFits = facts.summary === 'on' && facts.summaryFits
  const fallback =
    left > 0 && !facts.reportFile && !summaryFits && facts.fallbackDir !== undefined ? fallbackPath(facts.fallbackDir) : undefined
  const reportFile = facts.reportFile ?? fallback
  const plan: DeliveryPlan = { channel: facts.channel, total, annotated, capped, summaryFits, fallbackReport: fallback, reportFile }

  const notes = (forCheckRun: boolean): string | undefined => {
    const all = [...(facts.templateNotes ?? []), ...annotationNotes(plan, { forCheckRun, limits })]
    return all.length ? all.join('\n\n') : undefined
  }
  if (facts.channel === 'check-run') plan.checkRunNote = notes(true)
  if (facts.summary === 'on') plan.summaryNote = notes(false)

  if (left > 0 && !facts.reportFile && !summaryFits) {
    const state =
      facts.summary === 'on'
        ? 'do not all fit in the job summary'
        : facts.summary === 'unwritable'
          ? 'the job summary cannot be written'
          : 'the job summary is off'
    plan.logNote = fallback
      ? { level: 'notice', text: fallbackNotice(left, total, state, fallback) }
      : {
          level: 'warning',
          text:
            `${left} of ${total} findings are not annotated and ${state}; ` +
            "they are only in this step's log (group Findings): set the report-file input to keep them as a JSON report"
        }
  }
  return plan
}

/** Where the fallback JSON report goes in `dir` (RUNNER_TEMP): an absolute path. */
export function fallbackPath(dir: string): string {
  return path.join(path.resolve(dir), FALLBACK_REPORT_NAME)
}

/** The log notice that points to a fallback report. */
export function fallbackNotice(left: number, total: number, state: string, file: string): string {
  return (
    `${left} of ${total} findings are not annotated and ${state}: ` +
    `the full JSON report is at ${file} (output report-file; upload it with actions/upload-artifact, or set the report-file input)`
  )
}

/**
 * The notes (trusted Markdown) that say how many findings have no
 * annotation and where every finding is.
 */
function annotationNotes(plan: DeliveryPlan, where: { forCheckRun: boolean; limits: DeliveryLimits }): string[] {
  const left = plan.total - plan.annotated
  if (left <= 0 || plan.capped === 'off' || plan.capped === undefined) return []
  const places: string[] = []
  if (plan.summaryFits) places.push(where.forCheckRun ? "the workflow run's job summary" : 'the list below')
  if (plan.reportFile) places.push(`the JSON report ${escapeMarkdown(plan.reportFile)} (output \`report-file\`)`)
  places.push("this step's log (group “Findings”)")
  const list = places.length > 1 ? `${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}` : places[0]!
  const hint = plan.reportFile ? '' : ' Set the `report-file` input to also get every finding as a JSON report.'
  if (plan.capped === 'check-run-cap') {
    return [
      `Annotations were capped: the check run has ${plan.annotated} of ${plan.total} findings as annotations (errors first); ` +
        `${left} ${left === 1 ? 'is' : 'are'} left out (at most ${where.limits.checkRunAnnotations} per check run: GitHub takes 50 per request). ` +
        `Every finding is in ${list}.${hint}`
    ]
  }
  return [
    `Annotations were capped: ${plan.annotated} of ${plan.total} findings are annotated inline, ${left} ${left === 1 ? 'is' : 'are'} not ` +
      `(GitHub shows at most ${where.limits.commandsPerSeverity} workflow-command annotations per severity). ` +
      `Every finding is in ${list}.${hint}`
  ]
}
