/**
 * template-ref: where templates (and the configuration file) are read from:
 * the checked-out head, or the base of the change, so that a pull request
 * cannot weaken its own rules.
 */
import * as core from './core.js'
import type { CheckFilesOptions } from '../runner/check-files.js'
import { escapeMarkdown, logLine, safeText } from '../report/index.js'
import { EMBEDDED_TEMPLATE, isPlainRelativePath, workspaceTemplateSource, type TemplateNote, type TemplateSource } from '../templates/templates.js'
import { isTemplateFile } from '../engine/discover.js'
import type { GitHubClient } from '../github/client.js'
import type { EventContext } from '../github/context.js'
import { baseTemplateSource } from '../github/template-source.js'
import { CONFIG_FILES, parseConfigFile, type ConfigFile } from '../config/file.js'
import { loadConfigFile } from '../workspace/config-file.js'
import type { ActionSettings } from './settings.js'

export interface TemplateSetup {
  options: CheckFilesOptions
  /** "the base commit abc1234 of pull request #7" when templates come from the base. */
  source?: string
  notes: TemplateNote[]
}

/** template-ref: where templates are read from, and a sink for what discovery noticed. */
export async function templateOptions(ctx: EventContext, settings: ActionSettings, api: GitHubClient | undefined): Promise<TemplateSetup> {
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

/** .spec-template-check.yml from the workspace, or from the base commit with template-ref: base. */
export async function loadRepoConfig(settings: ActionSettings, templates: TemplateSetup): Promise<ConfigFile | undefined> {
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
export async function dropBaseTemplates(files: string[], base: TemplateSource): Promise<string[]> {
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

/** Log notices, and the summary Markdown, for template-ref: base. */
export function describeTemplateNotes(setup: TemplateSetup): string[] {
  if (!setup.source) return []
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
  return [lines.length ? `${head}\n\n${lines.join('\n')}` : head]
}
