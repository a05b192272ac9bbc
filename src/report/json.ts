/**
 * JSON report. The shape is part of the tool's interface (documented here,
 * stable key order, 2-space indent, trailing newline):
 *
 * {
 *   "tool": { "name": "spec-template-check", "version": "0.1.0" },
 *   "summary": { "files": 2, "errors": 1, "warnings": 0, "notices": 0, "filesWithErrors": 1, "suppressed": 0 },
 *   "files": [                                   // sorted by file
 *     {
 *       "file": "specs/a.rst",                   // relative to the workspace
 *       "template": "specs/template.rst",        // or "(embedded default)"
 *       "embeddedTemplate": false,
 *       "error": "...",                          // only when the file could not be checked
 *       "suppressed": 0,                         // findings turned off by suppression comments
 *       "suppressions": [                        // only when a comment was honoured
 *         { "line": 3, "scope": "disable-file", "rules": ["line-length"],
 *           "hidden": { "line-length": 2 }, "count": 2 }   // what it hid, per rule
 *       ],
 *       "findings": [                            // sorted by line, column
 *         {
 *           "rule": "missing-section",
 *           "severity": "error",                 // "error" | "warning" | "notice"
 *           "message": "...",
 *           "file": "specs/a.rst",
 *           "line": 12,                          // 1-based
 *           "endLine": 12,                       // optional
 *           "column": 1,                         // optional, 1-based
 *           "endColumn": 5,                      // optional
 *           "section": "Alternatives",           // optional
 *           "fix": { "description": "...", "startLine": 12, "endLine": 12, "text": "..." }  // optional
 *         }
 *       ],
 *       "sections": [                            // template order
 *         { "title": "Alternatives", "path": ["Proposed change"], "required": true,
 *           "status": "missing", "line": null }  // status: ok | missing | empty | template-text | placeholder
 *       ]                                        // line: 1-based line in the spec, null when missing
 *     }
 *   ],
 *   "templates": [                               // sorted by template; only templates that state rules
 *     { "template": "specs/template.rst",
 *       "rules": [ { "rule": "line-length", "line": 49, "text": "Please wrap text at 79 columns." } ] }
 *   ]                                            // rules the template switched on by its own words, and where
 * }
 *
 * Strings are exactly the engine's (JSON escapes what needs escaping); the
 * only change is that "##[" is written "##\u005b" so that printing the report
 * in a GitHub Actions log cannot trigger a legacy workflow command.
 */
import type { FileResult, Finding, Report } from '../engine/types.js'
import { compareFindings, sortedFiles } from './util.js'
import { jsonLogSafe } from './escape.js'
import { suggestedFix } from '../engine/fix.js'

function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line
  }
  if (f.endLine !== undefined) o.endLine = f.endLine
  if (f.column !== undefined) o.column = f.column
  if (f.endColumn !== undefined) o.endColumn = f.endColumn
  if (f.section !== undefined) o.section = f.section
  const fix = suggestedFix(f)
  if (fix !== undefined) {
    o.fix = { description: fix.description, startLine: fix.startLine, endLine: fix.endLine, text: fix.text }
  }
  return o
}

function fileJson(f: FileResult): Record<string, unknown> {
  const o: Record<string, unknown> = {
    file: f.file,
    template: f.template,
    embeddedTemplate: f.embeddedTemplate
  }
  if (f.error !== undefined) o.error = f.error
  if (f.templateChoice !== undefined) {
    o.templateChoice = { reason: f.templateChoice.reason, candidates: f.templateChoice.candidates.map(c => ({ ...c })) }
  }
  o.suppressed = f.suppressed ?? 0
  if (f.suppressions?.length) {
    o.suppressions = f.suppressions.map(s => ({ line: s.line, scope: s.scope, rules: [...s.rules], hidden: { ...s.hidden }, count: s.count }))
  }
  o.findings = [...f.findings].sort(compareFindings).map(findingJson)
  o.sections = f.sections.map(s => ({
    title: s.title,
    path: [...s.path],
    required: s.required,
    status: s.status,
    line: s.line ?? null
  }))
  return o
}

function headJson(report: Report): Record<string, unknown> {
  const t = report.totals
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    summary: {
      files: t.files,
      errors: t.errors,
      warnings: t.warnings,
      notices: t.notices,
      filesWithErrors: t.filesWithErrors,
      suppressed: t.suppressed ?? report.files.reduce((n, f) => n + (f.suppressed ?? 0), 0)
    }
  }
}

/** The report as a plain object (the structure that formatJson serializes). */
export function reportJson(report: Report): Record<string, unknown> {
  return { ...headJson(report), files: sortedFiles(report.files).map(fileJson), templates: templatesJson(report.files) }
}

/** Per template (once): the rules it switched on by stating them, with the line. */
function templatesJson(files: readonly FileResult[]): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>()
  for (const f of files) {
    if (!f.templateRules?.length || seen.has(f.template)) continue
    seen.set(f.template, { template: f.template, rules: f.templateRules.map(r => ({ rule: r.rule, line: r.line, text: r.text })) })
  }
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v)
}

/**
 * formatJson's text in pieces: the head, then one piece per file, then the
 * rest. A large report can be written without holding all of its text (or
 * all of its objects) at once.
 */
export function* formatJsonChunks(report: Report): Generator<string> {
  const files = sortedFiles(report.files)
  // Everything but the files, with "files": [] where they go (strings hold no raw newline: the marker is unique).
  const rest = JSON.stringify({ ...headJson(report), files: [], templates: templatesJson(report.files) }, null, 2)
  const at = rest.indexOf('\n  "files": []') + '\n  "files": '.length
  if (files.length === 0) {
    yield jsonLogSafe(rest) + '\n'
    return
  }
  yield jsonLogSafe(rest.slice(0, at)) + '[\n    '
  // A file's object as JSON.stringify(report, null, 2) writes it (in an array in the top object: indented by 4),
  // stringified at that depth and cut out: no second pass over the text to indent it.
  const open = '{\n  "f": [\n    '
  const close = '\n  ]\n}'
  for (let i = 0; i < files.length; i++) {
    const nested = JSON.stringify({ f: [fileJson(files[i]!)] }, null, 2)
    yield (i ? ',\n    ' : '') + jsonLogSafe(nested.slice(open.length, nested.length - close.length))
  }
  yield '\n  ]' + jsonLogSafe(rest.slice(at + 2)) + '\n'
}

export function formatJson(report: Report): string {
  return [...formatJsonChunks(report)].join('')
}
