/**
 * check(spec, template rules, options, rules) -> findings and section statuses.
 * Pure: the caller reads files; this only sees bytes or text. The rules are
 * handed in (the registry, src/rules/index.ts): the engine knows them only
 * by their metadata.
 */
import type {
  CheckOptions,
  FileResult,
  Finding,
  Report,
  Rule,
  RuleContext,
  ReportFn,
  SectionStatus,
  SectionStatusKind,
  Severity,
  TemplateRuleSource,
  TemplateRules
} from './types.js'
import { formatOfPath, readDocument } from './read.js'
import { decode } from './decode.js'
import { structureOf } from './structure.js'
import { applySuppressions, parseSuppressions, type SuppressionUse } from './suppress.js'

export interface CheckResult {
  findings: Finding[]
  sections: SectionStatus[]
  /** Findings turned off by suppression comments in the spec. */
  suppressed?: number
  /** Rules the template switched on by stating them (with the line), for the reports. */
  templateRules?: TemplateRuleSource[]
  /** The honoured suppression comments and what each hid (none with suppressions: deny). */
  suppressions?: SuppressionUse[]
  error?: string
}

/** The rules a template switches on by stating them (Rule.statedBy), as the JSON report lists them. */
export function templateRuleSources(template: TemplateRules, rules: readonly Rule[]): TemplateRuleSource[] {
  const out: TemplateRuleSource[] = []
  for (const rule of rules) {
    const stated = rule.statedBy && template.stated[rule.statedBy]
    if (stated) out.push({ rule: rule.id, line: stated.line, text: stated.text })
  }
  return out
}

/** Check one spec given as bytes (decoded here) or as text, with the rules handed in. */
export function checkText(input: Uint8Array | string, template: TemplateRules, options: CheckOptions, rules: readonly Rule[]): CheckResult {
  let text: string
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  } else {
    const d = decode(input)
    if (!d.ok) return { findings: [], sections: [], error: `line ${d.line}: ${d.error}` }
    text = d.text
  }
  const format = options.format ?? formatOfPath(options.file)
  const outline = readDocument(text, format)
  const ctx: RuleContext = { file: options.file, outline, template, options, text, ruleIds: rules.map(r => r.id) }
  const findings: Finding[] = []
  const maxLine = Math.max(1, outline.lines.length)
  // A rule runs on the formats its metadata names.
  const on = rules.filter(rule => options.rules[rule.id] !== 'off' && rule.formats.includes(format))
  for (const rule of on) rule.check(ctx, reporter(rule, options, maxLine, findings))
  findings.sort(byPosition)
  const { kept, suppressed, used } =
    text.includes('spec-template-check:') && (options.suppressions ?? 'allow') !== 'deny'
      ? applySuppressions(findings, parseSuppressions(outline), new Set(rules.filter(r => r.suppressible === false).map(r => r.id)))
      : { kept: findings, suppressed: 0, used: [] }
  if (options.suppressions === 'report' && used.length > 0) {
    // Each honoured comment, said by the rules that report on suppressions.
    for (const rule of on) rule.reportSuppressions?.(used, reporter(rule, options, maxLine, kept))
    kept.sort(byPosition)
  }
  const result: CheckResult = { findings: kept, sections: sectionStatuses(ctx, kept, rules) }
  const stated = templateRuleSources(template, rules)
  if (stated.length > 0) result.templateRules = stated
  if (suppressed > 0) result.suppressed = suppressed
  if (used.length > 0) result.suppressions = used
  return result
}

/** The report function a rule gets: its id, its severity (configuration wins over the rule's pick), lines clamped to the file. */
function reporter(rule: Rule, options: CheckOptions, maxLine: number, findings: Finding[]): ReportFn {
  const setting = options.rules[rule.id]
  const severity: Severity = (setting !== 'off' ? setting : undefined) ?? rule.defaultSeverity
  return f => {
    const line = clamp(f.line, maxLine)
    const finding: Finding = { rule: rule.id, severity, file: options.file, ...f, line, message: detached(f.message) }
    if (f.section !== undefined) finding.section = detached(f.section)
    if (f.fix) finding.fix = { ...f.fix, text: detached(f.fix.text) }
    // A rule may pick its severity (image: notice where the template merely prefers); configuration wins.
    finding.severity = setting === undefined ? f.severity ?? severity : severity
    if (finding.endLine !== undefined) finding.endLine = Math.max(line, clamp(finding.endLine, maxLine))
    findings.push(finding)
  }
}

/**
 * The same characters, in a string of their own. V8 keeps a substring of 13
 * or more characters (a line, a title) as a view on the string it was cut
 * from, the spec's whole text; a run keeps every file's findings until the
 * report, so a finding that held such a view would keep its file's text
 * alive. Concatenating and cutting again copies just these characters.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1)
}

/**
 * Line, column, then rule id. Ids are lower-case ASCII letters, digits and
 * hyphens (__tests__/engine/finding-order.test.ts), whose code-unit order
 * is localeCompare's, without its cost on every tie.
 */
function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || (a.rule === b.rule ? 0 : a.rule < b.rule ? -1 : 1)
}

function clamp(n: number, max: number): number {
  if (!Number.isFinite(n) || n < 1) return 1
  return Math.min(Math.floor(n), max)
}

/** What a section's findings make it, strongest first ('missing' comes from the structure, not from findings). */
const STATUS_ORDER: readonly SectionStatusKind[] = ['empty', 'template-text', 'placeholder']

/** Per template section: ok / missing / empty / template-text / placeholder (the rules' sectionStatus). */
function sectionStatuses(ctx: RuleContext, findings: Finding[], rules: readonly Rule[]): SectionStatus[] {
  const st = structureOf(ctx)
  const statusOf = new Map<string, SectionStatusKind>()
  for (const r of rules) if (r.sectionStatus) statusOf.set(r.id, r.sectionStatus)
  const flagged = new Map<string, Set<SectionStatusKind>>() // section title -> statuses its findings give
  for (const f of findings) {
    const status = f.section ? statusOf.get(f.rule) : undefined
    if (!status) continue
    const set = flagged.get(f.section!) ?? new Set<SectionStatusKind>()
    set.add(status)
    flagged.set(f.section!, set)
  }
  const pathOf = pathsOf(ctx.template)
  return st.matches.map(m => {
    const present = m.spec ?? m.misplaced
    const given = flagged.get(m.tpl.title)
    let status: SectionStatus['status'] = 'ok'
    if (!present || m.renamed) status = 'missing'
    else if (given) status = STATUS_ORDER.find(k => given.has(k)) ?? 'ok'
    const s: SectionStatus = { title: m.tpl.title, path: pathOf(m.tpl.parent), required: m.required, status }
    if (present) s.line = present.line
    return s
  })
}

const pathCache = new WeakMap<TemplateRules, (title: string | undefined) => string[]>()

/**
 * Template section title -> the titles of its enclosing sections, outermost
 * first. One frozen array per title and template, shared by every spec's
 * statuses (a large run keeps every file's statuses).
 */
function pathsOf(template: TemplateRules): (title: string | undefined) => string[] {
  let f = pathCache.get(template)
  if (!f) {
    const parents = parentsOf(template)
    const paths = new Map<string | undefined, string[]>()
    f = title => {
      let p = paths.get(title)
      if (!p) {
        const out: string[] = []
        let t = title
        while (t !== undefined && out.length < 100) {
          out.unshift(t)
          t = parents.get(t)
        }
        paths.set(title, (p = Object.freeze(out) as string[]))
      }
      return p
    }
    pathCache.set(template, f)
  }
  return f
}

const parentCache = new WeakMap<TemplateRules, Map<string, string | undefined>>()

/** Template section title -> its parent's title (first occurrence wins, as before). */
function parentsOf(template: TemplateRules): Map<string, string | undefined> {
  let m = parentCache.get(template)
  if (!m) {
    m = new Map()
    for (const t of template.all) if (!m.has(t.title)) m.set(t.title, t.parent)
    parentCache.set(template, m)
  }
  return m
}

/** Totals over all files. */
export function summarize(files: FileResult[], version: string): Report {
  const totals = { files: files.length, errors: 0, warnings: 0, notices: 0, filesWithErrors: 0, suppressed: 0 }
  for (const f of files) {
    let errors = f.error ? 1 : 0
    for (const x of f.findings) {
      if (x.severity === 'error') errors++
      else if (x.severity === 'warning') totals.warnings++
      else totals.notices++
    }
    totals.errors += errors
    totals.suppressed += f.suppressed ?? 0
    if (errors > 0) totals.filesWithErrors++
  }
  return { tool: { name: 'spec-template-check', version }, files, totals }
}
