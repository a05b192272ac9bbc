/**
 * Delivery: the plan (plan.ts, pure) decides where each finding goes and
 * what each note says; this module carries it out, in this order: the
 * fallback JSON report (so that every note that names it is true), the
 * annotations (check run, or workflow commands), review suggestions, the
 * findings in the log, the report files, the log note, the job summary.
 *
 * Logging: only our own text goes to the log as is. Spec text (finding
 * messages, file names, template paths) is written either as escaped
 * workflow commands or through logLine (src/report/escape.ts), so a spec
 * can never inject a workflow command.
 */
import * as core from '../core.js'
import type { Report } from '../../engine/types.js'
import { formatCommands, formatSummary, logLine } from '../../report/index.js'
import { formatTextChunks } from '../../report/text.js'
import { summaryFits, summaryPieces, type SummaryPieces } from '../../report/summary.js'
import { CHECK_NAME, publishCheckRun } from '../../github/check-run.js'
import type { GitHubClient } from '../../github/client.js'
import { headSha, type EventContext } from '../../github/context.js'
import type { ChangedFiles } from '../../github/changed-files.js'
import { suggestChanges } from '../suggest.js'
import type { WrittenFiles } from '../outputs.js'
import type { ActionSettings } from '../settings.js'
import { summaryWritable, writeFallbackReport, writeReports } from './files.js'
import {
  annotationChannel,
  countBySeverity,
  fallbackNotice,
  fallbackPath,
  MAX_CHECK_RUN_ANNOTATIONS,
  MAX_COMMANDS_PER_SEVERITY,
  NOTES_RESERVE_BYTES,
  planDelivery,
  STEP_SUMMARY_MAX_BYTES,
  type DeliveryFacts,
  type DeliveryPlan
} from './plan.js'

/** Check-run output.summary: 65535 characters; bytes >= characters, so this fits. */
const CHECK_SUMMARY_MAX_BYTES = 65000

export interface DeliveryContext {
  ctx: EventContext
  api: GitHubClient | undefined
  startedAt: string
  /** Trusted Markdown for both summaries (template-ref: base). */
  templateNotes: string[]
  /** `<server>/<owner>/<repo>/blob/<sha>/`: file names and lines in the summaries link there. */
  linkBase?: string
  changed: ChangedFiles
}

/** Deliver the report everywhere the plan says; returns the files written (for the outputs). */
export async function deliver(report: Report, settings: ActionSettings, d: DeliveryContext): Promise<WrittenFiles> {
  const summary = !settings.summary ? 'off' : (await summaryWritable(process.env.GITHUB_STEP_SUMMARY)) ? 'on' : 'unwritable'
  const sha = headSha(d.ctx)
  const picked = annotationChannel(settings.annotations, { hasToken: d.api !== undefined, knowsCommit: Boolean(d.ctx.owner && d.ctx.repo && sha) })
  if (picked.say) core[picked.say.level](picked.say.text)
  // The summaries' rows and items, written once for the fit and both summaries.
  let pieces: SummaryPieces | undefined
  const summaryOf = (): SummaryPieces => (pieces ??= summaryPieces(report, d.linkBase))
  const facts: DeliveryFacts = {
    bySeverity: countBySeverity(report.files),
    channel: picked.channel,
    summary,
    // Decided without writing the summary out: the sizes are added until the limit.
    summaryFits: summary === 'on' && summaryFits(report, STEP_SUMMARY_MAX_BYTES - NOTES_RESERVE_BYTES, { reportFile: settings.reportFile, linkBase: d.linkBase }, summaryOf()),
    reportFile: settings.reportFile,
    fallbackDir: process.env.RUNNER_TEMP || undefined,
    templateNotes: d.templateNotes
  }
  let plan = await withFallback(report, facts)

  if (plan.channel === 'check-run' && !(await checkRun(report, settings, d, sha, plan, summaryOf))) {
    plan = await withFallback(report, { ...facts, channel: 'workflow-commands' }, plan.fallbackReport)
  }
  if (plan.channel === 'workflow-commands') {
    const { text } = formatCommands(report, { maxPerSeverity: MAX_COMMANDS_PER_SEVERITY })
    if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n')
  }
  if (settings.suggestions === 'review') await suggestChanges(report, settings.workspace, d.ctx, d.api, d.changed.patches)

  // The text report (never empty: it ends with the closing line), printed piece by piece. formatTextChunks
  // makes every field single-line and control-free and every line safe for the log (plainLogSafe).
  core.startGroup('Findings')
  for (const piece of formatTextChunks(report)) process.stdout.write(piece)
  core.endGroup()

  const written = await writeReports(report, settings)
  if (plan.fallbackReport) written.reportFile = plan.fallbackReport
  if (plan.logNote) core[plan.logNote.level](plan.logNote.text)
  if (summary === 'on') await jobSummary(report, plan, written, d.linkBase, summaryOf())
  return written
}

/** The plan, with its fallback report written (unless `written` already is); when that cannot be written, the plan without it. */
async function withFallback(report: Report, facts: DeliveryFacts, written?: string): Promise<DeliveryPlan> {
  const plan = planDelivery(facts)
  if (!plan.fallbackReport || plan.fallbackReport === written || (await writeFallbackReport(report, plan.fallbackReport))) return plan
  return planDelivery({ ...facts, fallbackDir: undefined })
}

/** The check run with the plan's note; false when GitHub did not take it (the caller annotates with workflow commands). */
async function checkRun(
  report: Report,
  settings: ActionSettings,
  d: DeliveryContext,
  sha: string,
  plan: DeliveryPlan,
  summaryOf: () => SummaryPieces
): Promise<boolean> {
  const res = await publishCheckRun(d.api!, report, {
    owner: d.ctx.owner,
    repo: d.ctx.repo,
    headSha: sha,
    failOn: settings.failOn,
    summary: formatSummary(
      report,
      { maxBytes: CHECK_SUMMARY_MAX_BYTES, reportFile: plan.reportFile, linkBase: d.linkBase, annotationsNote: plan.checkRunNote },
      summaryOf()
    ),
    startedAt: d.startedAt,
    maxAnnotations: MAX_CHECK_RUN_ANNOTATIONS
  })
  if (res.ok) {
    core.info(
      logLine(
        `Check run "${CHECK_NAME}" created on ${sha.slice(0, 7)} with ${res.annotations} annotation${res.annotations === 1 ? '' : 's'}` +
          (res.omitted ? ` (${res.omitted} more left out: at most ${MAX_CHECK_RUN_ANNOTATIONS} per check run)` : '') +
          (res.url ? `: ${res.url}` : '')
      )
    )
    return true
  }
  const hint = res.refused ? ' (normal for pull requests from forks and read-only tokens; grant "checks: write" to get a check run)' : ''
  const m = `${logLine(res.reason)}${hint}; annotating with workflow commands instead`
  // auto: a refused check run is expected (forks), so only say it in the log.
  if (settings.annotations === 'auto' && res.refused) core.info(m)
  else core.warning(m)
  return false
}

/** The job summary with the plan's note; when it cannot be written, the findings it was to list go to a JSON report. */
async function jobSummary(
  report: Report,
  plan: DeliveryPlan,
  written: WrittenFiles,
  linkBase: string | undefined,
  pieces: SummaryPieces
): Promise<void> {
  const md = formatSummary(
    report,
    { maxBytes: STEP_SUMMARY_MAX_BYTES, reportFile: written.reportFile, linkBase, annotationsNote: plan.summaryNote },
    pieces
  )
  try {
    await core.summary.addRaw(md, true).write()
  } catch (err) {
    core.summary.emptyBuffer()
    core.warning(`could not write the job summary: ${logLine((err as Error).message)}`)
    const left = plan.total - plan.annotated
    const dir = process.env.RUNNER_TEMP
    if (left > 0 && !written.reportFile && dir) {
      // The findings the annotations left out were to be listed there: keep them in a file instead.
      const file = fallbackPath(dir)
      if (await writeFallbackReport(report, file)) {
        written.reportFile = file
        core.notice(fallbackNotice(left, plan.total, 'the job summary could not be written', file))
      }
    }
  }
}
