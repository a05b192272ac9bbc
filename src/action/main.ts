/**
 * The GitHub Action, as a short sequence over modules with one job each:
 * inputs and settings (settings.ts, config/resolve.ts) -> templates from the
 * head or the base (template-ref.ts) -> which files (which-files.ts) ->
 * check (runner/) -> where each finding goes, decided once (deliver/plan.ts)
 * and delivered (deliver/) -> outputs and the fail policy (config/policy.ts).
 */
import * as core from './core.js'
import { checkFiles } from '../runner/check-files.js'
import type { Report } from '../engine/types.js'
import { failMessage, reachesFailOn } from '../config/policy.js'
import { logLine } from '../report/index.js'
import { blobBase } from '../report/links.js'
import { VERSION } from '../report/version.js'
import { checkTitle } from '../github/check-run.js'
import { createClient } from '../github/client.js'
import { headSha, readEventContext } from '../github/context.js'
import { actionOutputs, setOutputs } from './outputs.js'
import { applyConfigFile, readActionSettings } from './settings.js'
import { describeTemplateNotes, loadRepoConfig, templateOptions } from './template-ref.js'
import { eventLabel, onlyMyLines, selectFiles } from './which-files.js'
import { deliver } from './deliver/index.js'
import { writeReports } from './deliver/files.js'
import { failureLine } from './errors.js'

export async function run(): Promise<void> {
  try {
    await runAction()
  } catch (err) {
    core.setFailed(failureLine(err))
  }
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
  const atBase = templates.options.templateSource
  const configured = applyConfigFile(inputs, await loadRepoConfig(inputs, templates))
  // template-ref: base: a file named like a template is only a template if it is one at the base.
  const settings = atBase ? { ...configured, keepTemplateNames: true } : configured

  const { changed, files } = await selectFiles(ctx, settings, api, atBase)
  if (files.length === 0) {
    core.notice(`No spec files ${changed.mode === 'changed' ? 'changed' : 'found'} (paths: ${settings.paths.join(', ')}): passing`)
    const written = settings.reportFile || settings.sarifFile ? await writeReports(await checkFiles([], settings, templates.options), settings) : {}
    setOutputs(actionOutputs(emptyReport(), settings.failOn, written), (k, v) => core.setOutput(k, v))
    return
  }

  const which = changed.mode === 'changed' ? 'changed in this ' + eventLabel(ctx) : 'all matching ' + settings.paths.join(', ')
  core.info(logLine(`Checking ${files.length} spec file${files.length === 1 ? '' : 's'} (${which})`))
  const report = onlyMyLines(await checkFiles(files, settings, templates.options), settings, changed)

  const written = await deliver(report, settings, {
    ctx,
    api,
    startedAt,
    templateNotes: describeTemplateNotes(templates),
    // File names and lines in the summaries link to the head commit (GitHub Enterprise: its own server URL).
    linkBase: blobBase({ serverUrl: process.env.GITHUB_SERVER_URL, owner: ctx.owner, repo: ctx.repo, sha: headSha(ctx) }),
    changed
  })

  setOutputs(actionOutputs(report, settings.failOn, written), (k, v) => core.setOutput(k, v))
  if (reachesFailOn(report, settings.failOn)) core.setFailed(failMessage(report, settings.failOn))
  else core.info(`spec-template-check: ${checkTitle(report)}`)
}

function emptyReport(): Report {
  return {
    tool: { name: 'spec-template-check', version: VERSION },
    files: [],
    totals: { files: 0, errors: 0, warnings: 0, notices: 0, filesWithErrors: 0 }
  }
}
