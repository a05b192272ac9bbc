/**
 * The one place where files meet the engine: read each spec from the
 * workspace, find its template, run the engine, and collect a Report.
 * Used identically by the CLI and the action.
 */
import type { FileResult, Report } from './engine/types.js'
import type { Settings } from './config.js'
import { readWorkspaceFile } from './files.js'
import { checkText, summarize } from './engine/check.js'
import { TemplateCache } from './templates.js'
import { VERSION } from './version.js'

export interface CheckFilesOptions {
  /**
   * Overrides the text of a template file (workspace-relative path -> text),
   * e.g. a template read from the pull request's base commit.
   */
  templateTexts?: Map<string, string>
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
  const templates = new TemplateCache(settings, options.templateTexts)
  if (settings.template) await templates.explicit() // fail early on a bad explicit template
  const results: FileResult[] = []
  for (const file of files) {
    const start = performance.now()
    results.push(await checkOne(file, settings, templates))
    options.onFile?.(file, performance.now() - start)
  }
  return summarize(results, VERSION)
}

async function checkOne(file: string, settings: Settings, templates: TemplateCache): Promise<FileResult> {
  const tpl = await templates.forSpec(file)
  const base: FileResult = {
    file,
    template: tpl.rules.source,
    embeddedTemplate: tpl.rules.embedded,
    findings: [],
    sections: []
  }
  const read = await readWorkspaceFile(settings.workspace, file)
  if (!read.ok) return { ...base, error: read.error }
  return {
    ...base,
    ...checkText(read.bytes, tpl.rules, {
      file,
      maxLineLength: settings.maxLineLength,
      rules: settings.rules,
      optionalSections: [...settings.optionalSections, ...tpl.optionalSections],
      sectionDepth: settings.sectionDepth
    })
  }
}
