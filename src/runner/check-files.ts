/**
 * The one place where files meet the engine: read each spec from the
 * workspace, find its template, run the engine, and collect a Report.
 * Used identically by the CLI and the action.
 */
import type { CheckOptions, FileResult, Report, RuleOptionValue } from '../engine/types.js'
import type { Settings } from '../config/config.js'
import { RULES } from '../rules/index.js'
import { readWorkspaceFile, type ReadResult } from '../workspace/files.js'
import { checkText, summarize, type CheckResult } from '../engine/check.js'
import { TemplateCache, TemplateProblem, specSectionTitles, isPlainRelativePath, type LoadedTemplate, type TemplateNote, type TemplateSource } from '../templates/templates.js'
import { decode } from '../engine/decode.js'
import { formatOfPath, hasReader, loadReader, readDocument } from '../engine/read.js'
import { VERSION } from '../report/version.js'

export interface CheckFilesOptions {
  /**
   * Overrides the text of a template file (workspace-relative path -> text),
   * e.g. a template read from the pull request's base commit.
   */
  templateTexts?: Map<string, string>
  /**
   * Where template files (and which of them exist, for discovery) are read
   * from; default the workspace. The action passes the pull request's base
   * commit for `template-ref: base`. Specs are always read from the workspace.
   */
  templateSource?: TemplateSource
  /**
   * With templateSource: the source to compare with (the workspace), so that
   * a template that exists there but not in templateSource is reported
   * through onTemplateNote.
   */
  compareTemplatesWith?: TemplateSource
  onTemplateNote?: (note: TemplateNote) => void
  /**
   * Reads a spec (default: from the workspace, never leaving it). The CLI
   * reads files the user named wherever they are.
   */
  readSpec?: (file: string) => Promise<ReadResult>
  /** Called after each file with the time it took (for --stats and the benchmark). */
  onFile?: (file: string, ms: number) => void
}

/**
 * Check the given workspace-relative files. Never throws for a problem with a
 * single spec (that becomes FileResult.error); throws ConfigError for problems
 * with the configuration (an explicit template that is missing or has no
 * sections).
 */
export async function checkFiles(files: string[], settings: Settings, options: CheckFilesOptions = {}): Promise<Report> {
  const templates = new TemplateCache(settings, options.templateTexts, {
    source: options.templateSource,
    compareWith: options.compareTemplatesWith,
    onNote: options.onTemplateNote
  })
  if (settings.template) {
    // Fail early when the explicit template is not there; a broken one is reported per spec.
    await templates.explicit().catch(err => {
      if (!(err instanceof TemplateProblem)) throw err
    })
  }
  const results: FileResult[] = []
  for (const file of files) {
    const start = performance.now()
    results.push(await checkOne(file, settings, templates, options.readSpec))
    options.onFile?.(file, performance.now() - start)
  }
  return summarize(results, VERSION)
}

async function checkOne(
  file: string,
  settings: Settings,
  templates: TemplateCache,
  readSpec: (file: string) => Promise<ReadResult> = f => readWorkspaceFile(settings.workspace, f)
): Promise<FileResult> {
  // A file list can come from elsewhere (the pull request's files from the
  // API): a path that is not plain and workspace-relative is never read, and
  // no template is looked up for it.
  if (!isPlainRelativePath(file)) {
    return {
      file,
      template: '(not checked)',
      embeddedTemplate: false,
      findings: [],
      sections: [],
      error: `refused: "${file}" is not a plain path inside the workspace (absolute, or with "..", "." or empty parts); it was not read`
    }
  }
  const read = await readSpec(file)
  const format = formatOfPath(file)
  if (!hasReader(format)) await loadReader(format)
  // Most specs share their folder's template: known without another round of promises.
  let tpl: LoadedTemplate | undefined = templates.known(file)
  if (!tpl) {
    try {
      tpl = await templates.forSpec(file, {
        // Only asked when several templates compete for this spec.
        titles: () => {
          if (!read.ok) return []
          const d = decode(read.bytes)
          return d.ok ? specSectionTitles(readDocument(d.text, format).sections) : []
        }
      })
    } catch (err) {
      if (!(err instanceof TemplateProblem)) throw err
      return { file, template: err.template, embeddedTemplate: false, findings: [], sections: [], error: err.forSpec() }
    }
  }
  const { findings, sections, ...rest }: CheckResult = read.ok
    ? checkText(read.bytes, tpl.rules, checkOptions(file, settings, tpl), RULES)
    : { findings: [], sections: [], error: read.error }
  // Built the same way for every file, without spreading into a literal: a large run keeps every
  // result, and results made by spreading each got a hidden class of their own.
  const result: FileResult = { file, template: tpl.rules.source, embeddedTemplate: tpl.rules.embedded, findings, sections }
  if (tpl.choice) result.templateChoice = tpl.choice
  return Object.assign(result, rest)
}

/** The engine's options for one spec: the settings, the template's own optional and allowed sections, the rules' options. */
export function checkOptions(file: string, settings: Settings, tpl: Pick<LoadedTemplate, 'optionalSections' | 'allowedSections'>): CheckOptions {
  return {
    file,
    rules: settings.rules,
    ruleOptions: ruleOptions(settings),
    optionalSections: [...settings.optionalSections, ...tpl.optionalSections],
    allowedSections: [...(settings.allowedSections ?? []), ...(tpl.allowedSections ?? [])],
    sectionDepth: settings.sectionDepth,
    suppressions: settings.suppressions
  }
}

/**
 * Settings that set a rule's option (Rule.options[].setBy), by their
 * configuration name: the setting keeps its name, the rule owns the option.
 */
function ruleOptions(settings: Settings): NonNullable<CheckOptions['ruleOptions']> {
  const values: Record<string, RuleOptionValue | undefined> = { 'max-line-length': settings.maxLineLength }
  const out: Record<string, Record<string, RuleOptionValue>> = {}
  for (const rule of RULES) {
    for (const o of rule.options ?? []) {
      const v = o.setBy === undefined ? undefined : values[o.setBy]
      if (v !== undefined) (out[rule.id] ??= {})[o.name] = v
    }
  }
  return out
}
