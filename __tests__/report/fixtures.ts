/** Hand-built findings and reports for the formatter tests. */
import { summarize } from '../../src/engine/check.js'
import type { FileResult, Finding, Report } from '../../src/engine/types.js'

export function finding(p: Partial<Finding>): Finding {
  return { rule: 'line-length', severity: 'warning', message: 'Line is too long', file: 'specs/a.rst', line: 1, ...p }
}

export function file(p: Partial<FileResult>): FileResult {
  return { file: 'specs/a.rst', template: 'specs/template.rst', embeddedTemplate: false, findings: [], sections: [], ...p }
}

/** A report with the engine's own totals. */
export function makeReport(files: FileResult[]): Report {
  return summarize(files, '1.2.3')
}
