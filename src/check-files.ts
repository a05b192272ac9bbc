/**
 * The one place where files meet the engine: read each spec from the
 * workspace, find its template, run the engine, and collect a Report.
 * Used identically by the CLI and the action.
 */
import type { FileResult, Report } from './engine/types.js'
import type { Settings } from './config.js'
import { readWorkspaceFile } from './files.js'
import { checkText, summarize } from './engine/check.js'
import { TemplateCache, isPlainRelativePath, type TemplateNote, type TemplateSource } from './templates.js'
import { VERSION } from './version.js'

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
      allowedSections: [...(settings.allowedSections ?? []), ...(tpl.allowedSections ?? [])],
      sectionDepth: settings.sectionDepth,
      suppressions: settings.suppressions
    })
  }
}
