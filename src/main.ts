/**
 * The GitHub Action: inputs -> which specs -> engine -> annotations (check
 * run or workflow commands) -> job summary -> outputs -> pass / fail.
 *
 * Logging: only our own text goes to the log as is. Spec text (finding
 * messages, file names) is written either as escaped workflow commands or
 * through plainLogSafe, so a spec can never inject a workflow command.
 */
import * as core from '@actions/core'
import { checkFiles } from './check-files.js'
import { ConfigError, type FailOn } from './config.js'
import type { Report } from './engine/types.js'
import { expandGlobs } from './files.js'
import { formatCommands, formatJson, formatSarif, formatSummary, formatText, plainLogSafe } from './report/index.js'
import { RULES } from './rules/index.js'
import { VERSION } from './version.js'
import { getChangedFiles, type ChangedFiles } from './github/changed-files.js'
import { CHECK_NAME, checkTitle, publishCheckRun, reachesFailOn } from './github/check-run.js'
import { createClient, describeApiError, errorStatus, type GitHubClient } from './github/client.js'
import { headSha, readEventContext, type EventContext } from './github/context.js'
import { actionOutputs, setOutputs, writeWorkspaceFile, type WrittenFiles } from './github/outputs.js'
import { readActionSettings, type ActionSettings } from './github/settings.js'

/** Workflow-command annotations shown per severity (GitHub displays at most 10 per step). */
export const MAX_COMMANDS_PER_SEVERITY = 10
/** GitHub's limit for one step's job summary is 1 MiB; stay below it. */
const STEP_SUMMARY_MAX_BYTES = 1000 * 1000
/** Check-run output.summary: 65535 characters; bytes >= characters, so this fits. */
const CHECK_SUMMARY_MAX_BYTES = 65000

/** A failure we expect and explain in one line (no stack trace). */
export class ActionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ActionError'
  }
}

export async function run(): Promise<void> {
  try {
    await runAction()
  } catch (err) {
    core.setFailed(failureLine(err))
  }
}

/** One line for setFailed; the stack only goes to the debug log, and only for unexpected errors. */
export function failureLine(err: unknown): string {
  const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ').trim()
  if (err instanceof ConfigError || err instanceof ActionError || (err instanceof Error && err.name === 'ConfigError')) {
    return `spec-template-check: ${oneLine(err.message)}`
  }
  if (err instanceof Error) {
    if (err.stack) core.debug(err.stack)
    return `spec-template-check: unexpected error: ${oneLine(err.message)}`
  }
  return `spec-template-check: unexpected error: ${oneLine(String(err))}`
}

async function runAction(): Promise<void> {
  const startedAt = new Date().toISOString()
  const settings = readActionSettings(name => core.getInput(name))
  const ctx = readEventContext()
  const api = settings.token
    ? createClient(settings.token, { log: { debug: m => core.debug(m), info: m => core.info(m) } })
    : undefined

  const changed = await whichFiles(ctx, settings, api)
  for (const n of changed.notices) core.notice(n)
  const files = changed.mode === 'all' ? await expandGlobs(settings) : changed.files

  if (files.length === 0) {
    core.notice(
      changed.mode === 'changed'
        ? `No spec files changed (paths: ${settings.paths.join(', ')}): passing`
        : `No spec files found (paths: ${settings.paths.join(', ')}): passing`
    )
    const written =
      settings.reportFile || settings.sarifFile ? await writeReports(await checkFiles([], settings), settings) : {}
    setOutputs(actionOutputs(emptyReport(), settings.failOn, written), (k, v) => core.setOutput(k, v))
    return
  }

  core.info(`Checking ${files.length} spec file${files.length === 1 ? '' : 's'} (${changed.mode === 'changed' ? 'changed in this ' + eventLabel(ctx) : 'all matching ' + settings.paths.join(', ')})`)
  const report = await checkFiles(files, settings)

  const annotationsNote = await annotate(report, settings, ctx, api, startedAt)

  const text = formatText(report)
  if (text.trim() !== '') {
    core.startGroup('Findings')
    process.stdout.write(plainLogSafe(text.endsWith('\n') ? text : text + '\n'))
    core.endGroup()
  }

  const written = await writeReports(report, settings)

  if (settings.summary && process.env.GITHUB_STEP_SUMMARY) {
    const md = formatSummary(report, {
      maxBytes: STEP_SUMMARY_MAX_BYTES,
      reportFile: written.reportFile,
      annotationsNote
    })
    try {
      await core.summary.addRaw(md, true).write()
    } catch (err) {
      core.summary.emptyBuffer()
      core.warning(`could not write the job summary: ${(err as Error).message}`)
    }
  }

  setOutputs(actionOutputs(report, settings.failOn, written), (k, v) => core.setOutput(k, v))

  if (reachesFailOn(report, settings.failOn)) {
    core.setFailed(failMessage(report, settings.failOn))
  } else {
    core.info(`spec-template-check: ${checkTitle(report)}`)
  }
}

async function whichFiles(ctx: EventContext, settings: ActionSettings, api: GitHubClient | undefined): Promise<ChangedFiles> {
  if (settings.scope === 'all') return { mode: 'all', files: [], notices: [], patches: new Map() }
  try {
    return await getChangedFiles(ctx, settings, {
      api,
      warning: m => core.warning(m),
      debug: m => core.debug(m)
    })
  } catch (err) {
    if (errorStatus(err) === undefined) throw err
    throw new ActionError(
      `could not list the changed files (${describeApiError(err)}); ` +
        'check the github-token permissions (contents: read, pull-requests: read) or set scope: all'
    )
  }
}

/**
 * Annotations per the `annotations` input. Returns the note for the job
 * summary when workflow-command annotations had to be capped.
 */
async function annotate(
  report: Report,
  settings: ActionSettings,
  ctx: EventContext,
  api: GitHubClient | undefined,
  startedAt: string
): Promise<string | undefined> {
  const mode = settings.annotations
  if (mode === 'none') return undefined
  let useCommands = mode === 'workflow-commands'
  if (mode === 'auto' || mode === 'check-run') {
    const sha = headSha(ctx)
    const say = (m: string): void => (mode === 'check-run' ? core.warning(m) : core.info(m))
    if (!api) {
      say('No github-token: annotating with workflow commands instead of a check run')
      useCommands = true
    } else if (!ctx.owner || !ctx.repo || !sha) {
      say('GITHUB_REPOSITORY or the head commit is unknown: annotating with workflow commands instead of a check run')
      useCommands = true
    } else {
      const summary = formatSummary(report, { maxBytes: CHECK_SUMMARY_MAX_BYTES, reportFile: settings.reportFile })
      const res = await publishCheckRun(api, report, {
        owner: ctx.owner,
        repo: ctx.repo,
        headSha: sha,
        failOn: settings.failOn,
        summary,
        startedAt
      })
      if (res.ok) {
        core.info(
          `Check run "${CHECK_NAME}" created on ${sha.slice(0, 7)} with ${res.annotations} annotation${res.annotations === 1 ? '' : 's'}` +
            (res.url ? `: ${res.url}` : '')
        )
      } else {
        const hint = res.refused
          ? ' (normal for pull requests from forks and read-only tokens; grant "checks: write" to get a check run)'
          : ''
        const m = `${res.reason}${hint}; annotating with workflow commands instead`
        // auto: a refused check run is expected (forks), so only say it in the log.
        if (mode === 'auto' && res.refused) core.info(m)
        else core.warning(m)
        useCommands = true
      }
    }
  }
  if (!useCommands) return undefined
  const { text, shown, omitted } = formatCommands(report, { maxPerSeverity: MAX_COMMANDS_PER_SEVERITY })
  if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n')
  if (omitted === 0) return undefined
  const where = settings.reportFile
    ? `the details below and the JSON report \`${settings.reportFile}\` (output \`report-file\`)`
    : 'the details below (set the `report-file` input to also get them as a JSON report)'
  return (
    `Annotations were capped: ${shown} of ${shown + omitted} findings are annotated inline ` +
    `(GitHub shows at most ${MAX_COMMANDS_PER_SEVERITY} workflow-command annotations per severity). ` +
    `The full list is in ${where}.`
  )
}

async function writeReports(report: Report, settings: ActionSettings): Promise<WrittenFiles> {
  const written: WrittenFiles = {}
  if (settings.reportFile) {
    written.reportFile = await writeWorkspaceFile(settings.workspace, settings.reportFile, formatJson(report), 'report-file')
  }
  if (settings.sarifFile) {
    written.sarifFile = await writeWorkspaceFile(settings.workspace, settings.sarifFile, formatSarif(report, RULES), 'sarif-file')
  }
  return written
}

function emptyReport(): Report {
  return {
    tool: { name: 'spec-template-check', version: VERSION },
    files: [],
    totals: { files: 0, errors: 0, warnings: 0, notices: 0, filesWithErrors: 0 }
  }
}

function eventLabel(ctx: EventContext): string {
  switch (ctx.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return `pull request${ctx.payload.pull_request?.number ? ' #' + ctx.payload.pull_request.number : ''}`
    case 'merge_group':
      return 'merge group'
    default:
      return ctx.eventName || 'run'
  }
}

/** "spec-template-check: 3 errors in 2 files" (with fail-on warning: "3 errors and 2 warnings in 4 files"). */
export function failMessage(report: Report, failOn: FailOn): string {
  const t = report.totals
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`
  const failing = report.files.filter(f => f.error || f.findings.some(x => x.severity === 'error' || (failOn === 'warning' && x.severity === 'warning'))).length
  const what = failOn === 'warning' && t.warnings > 0 ? `${n(t.errors, 'error')} and ${n(t.warnings, 'warning')}` : n(t.errors, 'error')
  return `spec-template-check: ${what} in ${n(failing, 'file')}`
}
