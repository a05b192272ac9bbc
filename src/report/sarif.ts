/**
 * SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif)
 * and other SARIF consumers.
 *
 * What GitHub requires or limits, and how this file complies:
 * - `version` "2.1.0" and the 2.1.0 `$schema`; one run.
 * - Every result has a `ruleId` that is in `tool.driver.rules`, and a
 *   `ruleIndex` pointing at it; `level` is "error" | "warning" | "note".
 * - Locations: `artifactLocation.uri` relative to the checkout, with
 *   `uriBaseId` "%SRCROOT%" (the upload action only fingerprints such
 *   locations), percent-encoded as a URI reference. `region.startLine` is
 *   always a positive integer (1 for file-level errors); `endLine` and
 *   `startColumn` appear only when they are valid positive integers.
 * - At most 25,000 results per run (hard limit: the upload is rejected
 *   above it). Beyond that, results are kept by severity (errors first) and
 *   the run records a tool execution notification saying how many were left
 *   out. Rules (a few dozen), locations (one per result), tags (none), runs
 *   (one) are far below their limits.
 * - `partialFingerprints`: our own key "specTemplateCheck/v1", NOT
 *   `primaryLocationLineHash` (that key belongs to GitHub, which computes it
 *   from the source line and warns when a supplied value differs). The value
 *   is a 64-bit FNV-1a hash of file, rule, section and message (not the line,
 *   so it survives edits above the finding) plus ":n", the occurrence number
 *   among results with the same hash, so identical messages in one file
 *   (e.g. several long lines in one section) stay distinct alerts.
 *
 * Message text: control characters made visible (safeText), and "[" / "]"
 * escaped with a backslash, as SARIF §3.11.6 requires for literal brackets,
 * so a spec cannot form an embedded link.
 */
import type { Finding, Report, RuleHelp, Severity } from '../engine/types.js'
import {
  FILE_ERROR_RULE,
  allFindings,
  compareBySeverity,
  compareFindings,
  compareStrings,
  fnv1a64,
  isPositiveInt
} from './util.js'
import { jsonLogSafe, safeText } from './escape.js'

/** What SARIF needs to know about a rule (a Rule object fits: its help comes from the rule's module). */
export interface RuleInfo {
  id: string
  description: string
  defaultSeverity: Severity
  help?: RuleHelp
}

/** The README section that describes every rule. */
export const RULES_HELP_URI = 'https://github.com/spec-template-check/spec-template-check#rules'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const SARIF_VERSION = '2.1.0'
export const TOOL_NAME = 'spec-template-check'
export const INFORMATION_URI = 'https://github.com/spec-template-check/spec-template-check'
/** GitHub code scanning rejects a run with more results than this. */
export const MAX_SARIF_RESULTS = 25_000
export const FINGERPRINT_KEY = 'specTemplateCheck/v1'

export type SarifLevel = 'error' | 'warning' | 'note'

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note'
}

const FILE_ERROR_INFO: RuleInfo = {
  id: FILE_ERROR_RULE,
  description: 'The file could not be checked (unreadable or not decodable as text).',
  defaultSeverity: 'error',
  help: {
    name: 'FileError',
    checks: 'The file could be read and decoded as text (and is inside the workspace).',
    fix: 'Make the file a readable UTF-8 text file inside the repository (not a symbolic link leading out of it).',
    example: 'specs/2026.1/approved/live-resize.rst\n'
  }
}

/** A repository-relative path as a relative URI reference ("specs/a b.rst" -> "specs/a%20b.rst"). */
export function toUri(file: string): string {
  let p = String(file).replace(/\\/g, '/')
  while (p.startsWith('./')) p = p.slice(2)
  return p
    .split('/')
    .map(seg => encodeURIComponent(seg))
    .join('/')
}

/** SARIF plain-text message: visible control characters, literal brackets escaped. */
export function sarifText(s: string): string {
  return safeText(s).replace(/[[\]]/g, m => '\\' + m)
}

export interface SarifOptions {
  /** Results per run (default and maximum useful value: 25,000). */
  maxResults?: number
}

export function formatSarif(report: Report, rules: readonly RuleInfo[], opts: SarifOptions = {}): string {
  const limit = Math.max(0, Math.floor(opts.maxResults ?? MAX_SARIF_RESULTS))

  // Rule table: the given rules (first occurrence of an id wins), then any
  // rule a finding uses that was not given, then file-error.
  const ruleList: RuleInfo[] = []
  const index = new Map<string, number>()
  const addRule = (r: RuleInfo): void => {
    if (index.has(r.id)) return
    index.set(r.id, ruleList.length)
    ruleList.push(r)
  }
  for (const r of rules) addRule(r)
  let findings = allFindings(report.files)
  const unknown = [...new Set(findings.map(f => f.rule))].filter(id => !index.has(id) && id !== FILE_ERROR_RULE)
  for (const id of unknown.sort(compareStrings)) addRule({ id, description: id, defaultSeverity: 'warning' })
  addRule(FILE_ERROR_INFO)

  const total = findings.length
  if (findings.length > limit) {
    findings = [...findings].sort(compareBySeverity).slice(0, limit).sort(compareFindings)
  }
  const omitted = total - findings.length

  const occurrences = new Map<string, number>()
  const results = findings.map(f => result(f, index.get(f.rule) ?? 0, occurrences))

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: report.tool.version,
        informationUri: INFORMATION_URI,
        rules: ruleList.map(ruleDescriptor)
      }
    },
    results
  }
  if (omitted > 0) {
    run.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            message: {
              text:
                `${omitted} of ${total} results were left out: GitHub code scanning accepts at most ` +
                `${MAX_SARIF_RESULTS} results per run. Errors were kept first; see the JSON report for all findings.`
            }
          }
        ]
      }
    ]
  }
  const log = { $schema: SARIF_SCHEMA, version: SARIF_VERSION, runs: [run] }
  return jsonLogSafe(JSON.stringify(log, null, 2)) + '\n'
}

function ruleDescriptor(r: RuleInfo): Record<string, unknown> {
  const text = sarifText(r.description || r.id)
  const help = r.help
  return {
    id: r.id,
    ...(help ? { name: help.name } : {}),
    shortDescription: { text },
    fullDescription: { text },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
    // Code scanning shows `help` as the rule's help; helpUri leads to the README's rule table.
    ...(help ? { helpUri: RULES_HELP_URI, help: { text: helpText(help), markdown: helpMarkdown(r.id, help) } } : {})
  }
}

/** Plain-text help: what, how to fix, example. */
export function helpText(h: RuleHelp): string {
  return `${h.checks}\n\nHow to fix: ${h.fix}\n\nExample:\n\n${indent(h.example)}`
}

/** Markdown help: the same, with the example as an RST code block. */
export function helpMarkdown(id: string, h: RuleHelp): string {
  const fence = h.example.includes('```') ? '~~~~' : '```'
  return (
    `**${id}**: ${h.checks}\n\n**How to fix:** ${h.fix}\n\n**Example:**\n\n${fence}${h.exampleFormat ?? 'rst'}\n${h.example.replace(/\n$/, '')}\n${fence}\n\n` +
    `[All rules](${RULES_HELP_URI})`
  )
}

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map(l => (l === '' ? '' : '    ' + l))
    .join('\n')
}

function result(f: Finding, ruleIndex: number, occurrences: Map<string, number>): Record<string, unknown> {
  const region: Record<string, number> = {}
  const fileLevel = f.rule === FILE_ERROR_RULE
  const startLine = !fileLevel && isPositiveInt(f.line) ? f.line : 1
  region.startLine = startLine
  if (!fileLevel) {
    if (isPositiveInt(f.endLine) && f.endLine >= startLine) region.endLine = f.endLine
    if (isPositiveInt(f.column)) region.startColumn = f.column
  }
  const hash = fnv1a64([f.file, f.rule, f.section ?? '', f.message].join('\u0000'))
  const n = (occurrences.get(hash) ?? 0) + 1
  occurrences.set(hash, n)
  return {
    ruleId: f.rule,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: sarifText(f.message) || sarifText(f.rule) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
          region
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` }
  }
}
