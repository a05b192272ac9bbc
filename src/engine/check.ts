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
import { applySuppressions, mentionsSuppression, parseSuppressions, type SuppressionUse } from './suppress.js'

export interface CheckResult {
  findings: Finding[]
  sections: SectionStatus[]
  /** Findings turned off by suppression comments in the spec. */
  suppressed?: number
  /** Rules the template switched on by stating them (with the line), for the reports. */
  templateRules?: readonly TemplateRuleSource[]
  /** The honoured suppression comments and what each hid (none with suppressions: deny). */
  suppressions?: SuppressionUse[]
  error?: string
}

/**
 * The rules a template switches on by stating them (Rule.statedBy), as the
 * JSON report lists them. One frozen list per template and rule list, shared
 * by every spec checked against it.
 */
export function templateRuleSources(template: TemplateRules, rules: readonly Rule[]): readonly TemplateRuleSource[] {
  const cache = templateCache(template)
  if (cache.ruleSources?.rules === rules) return cache.ruleSources.list
  const out: TemplateRuleSource[] = []
  for (const rule of rules) {
    const stated = rule.statedBy && template.stated[rule.statedBy]
    if (stated) out.push(Object.freeze({ rule: rule.id, line: stated.line, text: detach(stated.text) }))
  }
  cache.ruleSources = { rules, list: Object.freeze(out) }
  return cache.ruleSources.list
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8
 * keeps a substring of 13 or more characters (a line, a title) as a view on
 * the string it was cut from, a whole spec or template, alive for as long as
 * the substring lives; the results of a large run outlive every text.
 * Concatenating and cutting again copies just these characters.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1)
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
    mentionsSuppression(ctx) && (options.suppressions ?? 'allow') !== 'deny'
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
    const finding: Finding = { rule: rule.id, severity, file: options.file, ...f, line }
    // A rule may pick its severity (image: notice where the template merely prefers); configuration wins.
    finding.severity = setting === undefined ? f.severity ?? severity : severity
    if (finding.endLine !== undefined) finding.endLine = Math.max(line, clamp(finding.endLine, maxLine))
    // Findings outlive the spec and its template: keep none of their text alive.
    finding.message = detach(finding.message)
    if (finding.section !== undefined) finding.section = detach(finding.section)
    const fix = finding.fix
    if (fix) {
      if (typeof fix.description === 'string') fix.description = detach(fix.description)
      if (typeof fix.text === 'string') fix.text = detach(fix.text)
    }
    findings.push(finding)
  }
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
  const cache = templateCache(ctx.template)
  return st.matches.map(m => {
    const present = m.spec ?? m.misplaced
    const given = flagged.get(m.tpl.title)
    let status: SectionStatus['status'] = 'ok'
    if (!present || m.renamed) status = 'missing'
    else if (given) status = STATUS_ORDER.find(k => given.has(k)) ?? 'ok'
    const title = titleOf(cache, m.tpl.title)
    const path = pathOf(cache, ctx.template, m.tpl.parent)
    // One literal per shape: every property in the object itself (a large run keeps every file's statuses).
    return present ? { title, path, required: m.required, status, line: present.line } : { title, path, required: m.required, status }
  })
}

/** What is computed once per template and shared by every spec checked against it. */
interface TemplateCacheEntry {
  /** Template section title -> the same title, detached from the template's text. */
  titles: Map<string, string>
  /** Template section title -> the titles of its enclosing sections (one frozen array per title). */
  paths: Map<string | undefined, string[]>
  /** Template section title -> its parent's title (first occurrence wins). */
  parents?: Map<string, string | undefined>
  ruleSources?: { rules: readonly Rule[]; list: readonly TemplateRuleSource[] }
}

const templateCaches = new WeakMap<TemplateRules, TemplateCacheEntry>()

function templateCache(template: TemplateRules): TemplateCacheEntry {
  let c = templateCaches.get(template)
  if (!c) templateCaches.set(template, (c = { titles: new Map(), paths: new Map() }))
  return c
}

function titleOf(cache: TemplateCacheEntry, title: string): string {
  let t = cache.titles.get(title)
  if (t === undefined) cache.titles.set(title, (t = detach(title)))
  return t
}

/** Template section title -> the titles of its enclosing sections, outermost first. */
function pathOf(cache: TemplateCacheEntry, template: TemplateRules, title: string | undefined): string[] {
  let p = cache.paths.get(title)
  if (!p) {
    if (!cache.parents) {
      cache.parents = new Map()
      for (const t of template.all) if (!cache.parents.has(t.title)) cache.parents.set(t.title, t.parent)
    }
    const out: string[] = []
    let t = title
    while (t !== undefined && out.length < 100) {
      out.unshift(titleOf(cache, t))
      t = cache.parents.get(t)
    }
    cache.paths.set(title, (p = Object.freeze(out) as string[]))
  }
  return p
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
