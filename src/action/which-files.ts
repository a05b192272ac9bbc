/**
 * Which specs this run checks: the files the event changed (pull request,
 * push, merge group) or every file matching `paths` (scope: all); and, with
 * lines: changed, which lines of them the line rules look at.
 */
import * as core from './core.js'
import { ConfigError } from '../config/config.js'
import type { Report } from '../engine/types.js'
import { changedLinesFromPatch, onlyChangedLines } from '../engine/changed-lines.js'
import { summarize } from '../engine/check.js'
import { getChangedFiles, type ChangedFiles } from '../github/changed-files.js'
import { ApiError, describeApiError, errorStatus, type GitHubClient } from '../github/client.js'
import type { EventContext } from '../github/context.js'
import { safeText } from '../report/index.js'
import { VERSION } from '../report/version.js'
import type { TemplateSource } from '../templates/templates.js'
import { expandGlobs, hasSpecFile } from '../workspace/files.js'
import { ActionError } from './errors.js'
import type { ActionSettings } from './settings.js'
import { dropBaseTemplates } from './template-ref.js'
import { RULES } from '../rules/index.js'

export interface Selection {
  changed: ChangedFiles
  files: string[]
}

/** The files to check; with template-ref: base, templates of the base are left out. Throws when `paths` matches nothing at all. */
export async function selectFiles(
  ctx: EventContext,
  settings: ActionSettings,
  api: GitHubClient | undefined,
  atBase: TemplateSource | undefined
): Promise<Selection> {
  const changed = await whichFiles(ctx, settings, api)
  for (const n of changed.notices) core.notice(safeText(n))
  const listed = changed.mode === 'all' ? await expandGlobs(settings) : changed.files
  const files = atBase ? await dropBaseTemplates(listed, atBase) : listed
  if (files.length === 0) {
    // A glob that matches nothing at all is a mistake in `paths` (or a
    // missing checkout), not a pass; a change that touches no spec is a pass.
    const branchDeleted = ctx.eventName === 'push' && ctx.payload.deleted === true
    if (!branchDeleted && !(await hasSpecFile({ ...settings, keepTemplateNames: undefined }))) throw new ConfigError(noSpecFilesMessage(settings))
  }
  return { changed, files }
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

/** lines: changed: line rules only on the lines each file's patch adds or modifies. */
export function onlyMyLines(report: Report, settings: ActionSettings, changed: ChangedFiles): Report {
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

/** "pull request #7", "merge group", "push", ... */
export function eventLabel(ctx: EventContext): string {
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
