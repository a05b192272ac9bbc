/**
 * The GitHub Action: inputs -> which specs -> templates (head or base) ->
 * engine -> annotations (check run or workflow commands) -> reports -> job
 * summary -> outputs -> pass / fail.
 *
 * Logging: only our own text goes to the log as is. Spec text (finding
 * messages, file names, template paths) is written either as escaped
 * workflow commands or through logLine (src/report/escape.ts), so a spec can never inject a
 * workflow command.
 *
 * Nothing is lost: every finding reaches at least one of a check-run
 * annotation, a workflow-command annotation, the job summary or a JSON
 * report. When the annotations are capped and the job summary cannot list
 * everything (1 MiB) or is turned off, and no report-file was asked for, the
 * JSON report is written to RUNNER_TEMP and the summary says where.
 */
import * as core from './core.js'
import { constants as fsConstants } from 'node:fs'
import { access, mkdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { checkFiles, type CheckFilesOptions } from '../runner/check-files.js'
import { formatJsonChunks } from '../report/json.js'
import { writeChunks } from '../workspace/write-chunks.js'
import { ConfigError, type FailOn } from '../config/config.js'
import type { Report } from '../engine/types.js'
import { expandGlobs, hasSpecFile } from '../workspace/files.js'
import {
  escapeMarkdown,
  formatCommands,
  formatJson,
  formatSarif,
  formatSummary,
  formatText,
  logLine,
  plainLogSafe,
  safeText
} from '../report/index.js'
import { RULES } from '../rules/index.js'
import { EMBEDDED_TEMPLATE, isPlainRelativePath, workspaceTemplateSource, type TemplateNote, type TemplateSource } from '../templates/templates.js'
import { isTemplateFile } from '../engine/discover.js'
import { VERSION } from '../report/version.js'
import { getChangedFiles, type ChangedFiles } from '../github/changed-files.js'
import { CHECK_NAME, checkTitle, MAX_CHECK_RUN_ANNOTATIONS, publishCheckRun, reachesFailOn, toAnnotations } from '../github/check-run.js'
import { ApiError, createClient, describeApiError, errorStatus, type GitHubClient } from '../github/client.js'
import { headSha, readEventContext, type EventContext } from '../github/context.js'
import { blobBase } from '../report/links.js'
import { suggestChanges } from './suggest.js'
import { actionOutputs, setOutputs, writeOutputFile, type WrittenFiles } from './outputs.js'
import { applyConfigFile, readActionSettings, type ActionSettings } from './settings.js'
import { CONFIG_FILES, parseConfigFile, type ConfigFile } from '../config/file.js'
import { loadConfigFile } from '../workspace/config-file.js'
import { changedLinesFromPatch, onlyChangedLines } from '../engine/changed-lines.js'
import { summarize } from '../engine/check.js'
import { baseTemplateSource } from '../github/template-source.js'

/** Workflow-command annotations shown per severity (GitHub displays at most 10 per step). */
export const MAX_COMMANDS_PER_SEVERITY = 10
/** GitHub's limit for one step's job summary is 1 MiB; stay below it. */
const STEP_SUMMARY_MAX_BYTES = 1000 * 1000
/** Check-run output.summary: 65535 characters; bytes >= characters, so this fits. */
const CHECK_SUMMARY_MAX_BYTES = 65000
/** Room kept in the job summary for our notes when deciding whether every finding fits. */
const NOTES_RESERVE_BYTES = 8000
/** File name of the JSON report written to RUNNER_TEMP when findings would otherwise be lost. */
export const FALLBACK_REPORT_NAME = 'spec-template-check-report.json'

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
  const oneLine = (s: string): string => safeText(s.replace(/\s*[\r\n]+\s*/g, ' ').trim())
  if (err instanceof ConfigError || err instanceof ActionError || err instanceof ApiError || (err instanceof Error && err.name === 'ConfigError')) {
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
  const inputs = readActionSettings(name => core.getInput(name))
  const ctx = readEventContext()
  const api = inputs.token
    ? createClient(inputs.token, {
        requestTimeout: inputs.requestTimeout,
        log: { debug: m => core.debug(m), info: m => core.info(logLine(m)) }
      })
    : undefined
  // Templates (and the configuration file) come from the base with template-ref: base.
  const templates = await templateOptions(ctx, inputs, api)
  const configured = applyConfigFile(inputs, await loadRepoConfig(inputs, templates))
  // template-ref: base: a file named like a template is only a template if it is one at the base.
  const atBase = templates.options.templateSource
  const settings: ActionSettings = atBase ? { ...configured, keepTemplateNames: true } : configured

  const changed = await whichFiles(ctx, settings, api)
  for (const n of changed.notices) core.notice(safeText(n))
  const listed = changed.mode === 'all' ? await expandGlobs(settings) : changed.files
  const files = atBase ? await dropBaseTemplates(listed, atBase) : listed

  if (files.length === 0) {
    // A glob that matches nothing at all is a mistake in `paths` (or a
    // missing checkout), not a pass; a change that touches no spec is a pass.
    const branchDeleted = ctx.eventName === 'push' && ctx.payload.deleted === true
    if (!branchDeleted && !(await hasSpecFile(configured))) throw new ConfigError(noSpecFilesMessage(settings))
    core.notice(
      changed.mode === 'changed'
        ? `No spec files changed (paths: ${settings.paths.join(', ')}): passing`
        : `No spec files found (paths: ${settings.paths.join(', ')}): passing`
    )
    const written =
      settings.reportFile || settings.sarifFile
        ? await writeReports(await checkFiles([], settings, templates.options), settings)
        : {}
    setOutputs(actionOutputs(emptyReport(), settings.failOn, written), (k, v) => core.setOutput(k, v))
    return
  }

  core.info(logLine(`Checking ${files.length} spec file${files.length === 1 ? '' : 's'} (${changed.mode === 'changed' ? 'changed in this ' + eventLabel(ctx) : 'all matching ' + settings.paths.join(', ')})`))
  const report = onlyMyLines(await checkFiles(files, settings, templates.options), settings, changed)
  const templateNotes = describeTemplateNotes(templates)

  const total = toAnnotations(report).length
  // File names and lines in the summaries link to the head commit (GitHub Enterprise: its own server URL).
  const linkBase = blobBase({ serverUrl: process.env.GITHUB_SERVER_URL, owner: ctx.owner, repo: ctx.repo, sha: headSha(ctx) })
  // Whether the job summary can list every finding (decides where the notes send people).
  const summaryOn = settings.summary && (await summaryWritable(process.env.GITHUB_STEP_SUMMARY))
  const summaryState = summaryOn ? 'do not all fit in the job summary' : settings.summary ? 'the job summary cannot be written' : 'the job summary is off'
  const summaryFits =
    summaryOn &&
    Buffer.byteLength(formatSummary(report, { maxBytes: Infinity, reportFile: settings.reportFile, linkBase }), 'utf8') +
      NOTES_RESERVE_BYTES <=
      STEP_SUMMARY_MAX_BYTES

  const annotated = await annotate(report, settings, ctx, api, startedAt, { total, summaryFits, templateNotes, linkBase })
  if (settings.suggestions === 'review') await suggestChanges(report, settings.workspace, ctx, api, changed.patches)

  const text = formatText(report)
  if (text.trim() !== '') {
    core.startGroup('Findings')
    // formatText already made every field single-line and control-free; keep its line breaks.
    process.stdout.write(plainLogSafe(text.endsWith('\n') ? text : text + '\n'))
    core.endGroup()
  }

  const written = await writeReports(report, settings)
  const unannotated = total - annotated.count
  if (unannotated > 0 && !written.reportFile && !summaryFits) {
    // Neither the annotations nor the job summary can carry every finding: keep them in a file.
    const file = await writeFallbackReport(report)
    if (file) {
      written.reportFile = file
      core.notice(
        `${unannotated} of ${total} findings are not annotated and ${summaryState}: ` +
          `the full JSON report is at ${file} (output report-file; upload it with actions/upload-artifact, or set the report-file input)`
      )
    } else {
      core.warning(
        `${unannotated} of ${total} findings are not annotated and ${summaryState}; ` +
          "they are only in this step's log (group Findings): set the report-file input to keep them as a JSON report"
      )
    }
  }

  if (summaryOn) {
    const notes = [
      ...templateNotes.markdown,
      ...annotationNotes(annotated, total, { summaryFits, reportFile: written.reportFile, forCheckRun: false })
    ]
    const md = formatSummary(report, {
      maxBytes: STEP_SUMMARY_MAX_BYTES,
      reportFile: written.reportFile,
      linkBase,
      annotationsNote: notes.length ? notes.join('\n\n') : undefined
    })
    try {
      await core.summary.addRaw(md, true).write()
    } catch (err) {
      core.summary.emptyBuffer()
      core.warning(`could not write the job summary: ${logLine((err as Error).message)}`)
      if (unannotated > 0 && !written.reportFile) {
        // The findings the annotations left out were to be listed there: keep them in a file instead.
        const file = await writeFallbackReport(report)
        if (file) {
          written.reportFile = file
          core.notice(
            `${unannotated} of ${total} findings are not annotated and the job summary could not be written: ` +
              `the full JSON report is at ${file} (output report-file; upload it with actions/upload-artifact, or set the report-file input)`
          )
        }
      }
    }
  }

  setOutputs(actionOutputs(report, settings.failOn, written), (k, v) => core.setOutput(k, v))

  if (reachesFailOn(report, settings.failOn)) {
    core.setFailed(failMessage(report, settings.failOn))
  } else {
    core.info(`spec-template-check: ${checkTitle(report)}`)
  }
}

function noSpecFilesMessage(settings: ActionSettings): string {
  const exclude = settings.exclude.length ? ` (exclude: ${settings.exclude.join(', ')})` : ''
  return (
    `input "paths": no spec file in the workspace matches ${settings.paths.join(', ')}${exclude}; ` +
    'check the paths globs (relative to the workspace; template files never count) and that the repository is checked out (actions/checkout) before this step'
  )
}

async function whichFiles(ctx: EventContext, settings: ActionSettings, api: GitHubClient | undefined): Promise<ChangedFiles> {
  if (settings.scope === 'all') return { mode: 'all', files: [], notices: [], patches: new Map() }
  try {
    return await getChangedFiles(ctx, settings, {
      api,
      warning: m => core.warning(safeText(m)),
      debug: m => core.debug(m)
    })
  } catch (err) {
    if (err instanceof ApiError) {
      throw new ActionError(`could not list the changed files: ${err.message}; nothing was checked`)
    }
    const status = errorStatus(err)
    if (status === undefined) throw err
    if (status === 404 && (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target')) {
      const n = ctx.payload.pull_request?.number
      throw new ActionError(
        `could not list the changed files (${describeApiError(err)}): GitHub does not show pull request #${n} of ${ctx.owner}/${ctx.repo} to this token; ` +
          'check the github-token permissions (contents: read, pull-requests: read) or set scope: all'
      )
    }
    if (status >= 500 || status === 429) {
      // The server or its rate limit, not the token: retrying was already done.
      throw new ActionError(
        `could not list the changed files (${describeApiError(err)}), still failing after the retries; nothing was checked: ` +
          're-run the job, or set scope: all to check every spec without the API'
      )
    }
    throw new ActionError(
      `could not list the changed files (${describeApiError(err)}); ` +
        'check the github-token permissions (contents: read, pull-requests: read) or set scope: all'
    )
  }
}

/** .spec-template-check.yml from the workspace, or from the base commit with template-ref: base. */
async function loadRepoConfig(settings: ActionSettings, templates: TemplateSetup): Promise<ConfigFile | undefined> {
  const source = templates.options.templateSource
  if (!source) {
    const cfg = await loadConfigFile(settings.workspace)
    if (cfg) core.info(logLine(`Configuration: ${cfg.source}`))
    return cfg
  }
  for (const name of CONFIG_FILES) {
    if (!(await source.exists(name))) continue
    core.info(logLine(`Configuration: ${name} from ${source.description}`))
    return await parseConfigFile(await source.read(name), `${name} (${source.description})`)
  }
  return undefined
}

/**
 * template-ref: base: of the files named like templates (template.rst,
 * *-template.rst), those that exist at the base are templates and are not
 * checked; the others (a spec named new-template.rst, a template the change
 * adds) are checked as specs, with a notice, never skipped silently.
 */
async function dropBaseTemplates(files: string[], base: TemplateSource): Promise<string[]> {
  const out: string[] = []
  const asSpecs: string[] = []
  for (const file of files) {
    if (!isTemplateFile(file)) out.push(file)
    else if (!isPlainRelativePath(file) || !(await base.exists(file))) {
      out.push(file)
      asSpecs.push(file)
    }
  }
  if (asSpecs.length) {
    core.notice(
      safeText(
        `template-ref: base: ${asSpecs.slice(0, 5).join(', ')}${asSpecs.length > 5 ? ` and ${asSpecs.length - 5} more` : ''} ` +
          `${asSpecs.length === 1 ? 'is named like a template but is not one' : 'are named like templates but are not'} in ${base.description}: ` +
          'checked as specs (a new template counts once the change that adds it is merged)'
      )
    )
  }
  return out
}

/** lines: changed: line rules only on the lines each file's patch adds or modifies. */
function onlyMyLines(report: Report, settings: ActionSettings, changed: ChangedFiles): Report {
  if (settings.lines !== 'changed') return report
  if (changed.mode !== 'changed') {
    core.notice('lines: changed: this run has no change to compare with (scope all, or an event without one): every line is checked')
    return report
  }
  const noPatch: string[] = []
  const files = report.files.map(f => {
    const patch = changed.patches.get(f.file)
    if (patch === undefined) {
      noPatch.push(f.file)
      return f
    }
    return { ...f, findings: onlyChangedLines(f.findings, changedLinesFromPatch(patch), RULES) }
  })
  if (noPatch.length) {
    core.notice(
      safeText(
        `lines: changed: GitHub gave no patch for ${noPatch.length} file${noPatch.length === 1 ? '' : 's'} ` +
          `(binary, very large, or listed by git): every line of ${noPatch.slice(0, 5).join(', ')}${noPatch.length > 5 ? ', ...' : ''} is checked`
      )
    )
  }
  return summarize(files, VERSION)
}

interface TemplateSetup {
  options: CheckFilesOptions
  /** "the base commit abc1234 of pull request #7" when templates come from the base. */
  source?: string
  notes: TemplateNote[]
}

/** template-ref: where templates are read from, and a sink for what discovery noticed. */
async function templateOptions(ctx: EventContext, settings: ActionSettings, api: GitHubClient | undefined): Promise<TemplateSetup> {
  if (settings.templateRef === 'head') return { options: {}, notes: [] }
  const picked = await baseTemplateSource(ctx, settings.workspace, { api })
  if (!picked.source) {
    core.notice(safeText(picked.notice))
    return { options: {}, notes: [] }
  }
  core.info(
    logLine(
      `template-ref: base: templates are read from ${picked.source.description} ` +
        `(${picked.via === 'git' ? 'git, in the checkout' : 'the GitHub API'}), not from the workspace`
    )
  )
  const notes: TemplateNote[] = []
  return {
    source: picked.source.description,
    notes,
    options: {
      templateSource: picked.source,
      compareTemplatesWith: workspaceTemplateSource(settings.workspace),
      onTemplateNote: n => notes.push(n)
    }
  }
}

/** Log notices and summary Markdown for template-ref: base. */
function describeTemplateNotes(setup: TemplateSetup): { markdown: string[] } {
  if (!setup.source) return { markdown: [] }
  const byTemplate = new Map<string, { specs: Set<string>; instead: Set<string> }>()
  for (const n of setup.notes) {
    let e = byTemplate.get(n.template)
    if (!e) byTemplate.set(n.template, (e = { specs: new Set(), instead: new Set() }))
    e.specs.add(n.spec)
    e.instead.add(n.usedInstead)
  }
  const insteadText = (s: Set<string>, md: boolean): string =>
    [...s]
      .sort()
      .map(t => (t === EMBEDDED_TEMPLATE ? 'the embedded default template' : md ? escapeMarkdown(t) : t))
      .join(', ')
  const lines: string[] = []
  for (const [template, e] of [...byTemplate].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const specs = e.specs.size === 1 ? '1 spec' : `${e.specs.size} specs`
    core.notice(
      safeText(
        `template-ref: base: ${template} is not in ${setup.source} (this change adds it), so it is not used; ` +
          `${specs} checked against ${insteadText(e.instead, false)} instead`
      )
    )
    lines.push(
      `- ${escapeMarkdown(template)} is not in the base (this change adds it), so it is not used: ` +
        `${specs} checked against ${insteadText(e.instead, true)} instead.`
    )
  }
  const head = `ℹ️ Templates were read from ${escapeMarkdown(setup.source)} (\`template-ref: base\`), not from the changed files.`
  return { markdown: [lines.length ? `${head}\n\n${lines.join('\n')}` : head] }
}

interface Annotated {
  channel: 'check-run' | 'workflow-commands' | 'none'
  /** Findings that got an annotation. */
  count: number
  /** Why fewer than all: 'check-run-cap' (MAX_CHECK_RUN_ANNOTATIONS), 'commands-cap' (10 per severity), 'off'. */
  capped?: 'check-run-cap' | 'commands-cap' | 'off'
}

/**
 * The notes (trusted Markdown) that say how many findings have no
 * annotation and where every finding is.
 */
function annotationNotes(
  a: Annotated,
  total: number,
  where: { summaryFits: boolean; reportFile?: string; forCheckRun: boolean }
): string[] {
  const left = total - a.count
  if (left <= 0 || a.capped === 'off' || a.capped === undefined) return []
  const places: string[] = []
  if (where.summaryFits) places.push(where.forCheckRun ? "the workflow run's job summary" : 'the list below')
  if (where.reportFile) places.push(`the JSON report ${escapeMarkdown(where.reportFile)} (output \`report-file\`)`)
  places.push("this step's log (group “Findings”)")
  const list = places.length > 1 ? `${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}` : places[0]!
  const hint = where.reportFile ? '' : ' Set the `report-file` input to also get every finding as a JSON report.'
  if (a.capped === 'check-run-cap') {
    return [
      `Annotations were capped: the check run has ${a.count} of ${total} findings as annotations (errors first); ` +
        `${left} ${left === 1 ? 'is' : 'are'} left out (at most ${MAX_CHECK_RUN_ANNOTATIONS} per check run: GitHub takes 50 per request). ` +
        `Every finding is in ${list}.${hint}`
    ]
  }
  return [
    `Annotations were capped: ${a.count} of ${total} findings are annotated inline, ${left} ${left === 1 ? 'is' : 'are'} not ` +
      `(GitHub shows at most ${MAX_COMMANDS_PER_SEVERITY} workflow-command annotations per severity). ` +
      `Every finding is in ${list}.${hint}`
  ]
}

/** Annotations per the `annotations` input. */
async function annotate(
  report: Report,
  settings: ActionSettings,
  ctx: EventContext,
  api: GitHubClient | undefined,
  startedAt: string,
  info: { total: number; summaryFits: boolean; templateNotes: { markdown: string[] }; linkBase?: string }
): Promise<Annotated> {
  const mode = settings.annotations
  if (mode === 'none') return { channel: 'none', count: 0, capped: 'off' }
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
      const expected: Annotated = {
        channel: 'check-run',
        count: Math.min(info.total, MAX_CHECK_RUN_ANNOTATIONS),
        capped: info.total > MAX_CHECK_RUN_ANNOTATIONS ? 'check-run-cap' : undefined
      }
      const notes = [
        ...info.templateNotes.markdown,
        ...annotationNotes(expected, info.total, { summaryFits: info.summaryFits, reportFile: settings.reportFile, forCheckRun: true })
      ]
      const summary = formatSummary(report, {
        maxBytes: CHECK_SUMMARY_MAX_BYTES,
        reportFile: settings.reportFile,
        linkBase: info.linkBase,
        annotationsNote: notes.length ? notes.join('\n\n') : undefined
      })
      const res = await publishCheckRun(api, report, {
        owner: ctx.owner,
        repo: ctx.repo,
        headSha: sha,
        failOn: settings.failOn,
        summary,
        startedAt,
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
        return { channel: 'check-run', count: res.annotations, capped: res.omitted > 0 ? 'check-run-cap' : undefined }
      }
      const hint = res.refused
        ? ' (normal for pull requests from forks and read-only tokens; grant "checks: write" to get a check run)'
        : ''
      const m = `${logLine(res.reason)}${hint}; annotating with workflow commands instead`
      // auto: a refused check run is expected (forks), so only say it in the log.
      if (mode === 'auto' && res.refused) core.info(m)
      else core.warning(m)
      useCommands = true
    }
  }
  if (!useCommands) return { channel: 'none', count: 0, capped: 'off' }
  const { text, shown, omitted } = formatCommands(report, { maxPerSeverity: MAX_COMMANDS_PER_SEVERITY })
  if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n')
  return { channel: 'workflow-commands', count: shown, capped: omitted > 0 ? 'commands-cap' : undefined }
}

async function writeReports(report: Report, settings: ActionSettings): Promise<WrittenFiles> {
  const written: WrittenFiles = {}
  if (settings.reportFile) {
    written.reportFile = await writeOutputFile(settings.workspace, process.env.RUNNER_TEMP, settings.reportFile, formatJson(report), 'report-file')
  }
  if (settings.sarifFile) {
    written.sarifFile = await writeOutputFile(settings.workspace, process.env.RUNNER_TEMP, settings.sarifFile, formatSarif(report, RULES), 'sarif-file')
  }
  return written
}

/**
 * Whether the job summary can be written (as @actions/core needs: an
 * existing, readable and writable file). Said in a warning when it cannot,
 * so that nothing points people to a summary that will not exist.
 */
async function summaryWritable(file: string | undefined): Promise<boolean> {
  if (!file) return false
  try {
    await access(file, fsConstants.R_OK | fsConstants.W_OK)
    if (!(await stat(file)).isFile()) throw new Error('not a regular file')
    return true
  } catch (err) {
    core.warning(`could not write the job summary: GITHUB_STEP_SUMMARY=${logLine(file)} is not a writable file (${logLine((err as Error).message)})`)
    return false
  }
}

/** The JSON report in RUNNER_TEMP (absolute path), or undefined when there is no RUNNER_TEMP or it cannot be written. */
async function writeFallbackReport(report: Report): Promise<string | undefined> {
  const dir = process.env.RUNNER_TEMP
  if (!dir) return undefined
  const file = path.join(path.resolve(dir), FALLBACK_REPORT_NAME)
  try {
    await mkdir(path.dirname(file), { recursive: true })
    await writeChunks(file, formatJsonChunks(report))
    return file
  } catch (err) {
    core.warning(`could not write the JSON report to ${file}: ${logLine((err as Error).message)}`)
    return undefined
  }
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
