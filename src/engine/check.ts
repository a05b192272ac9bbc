/**
 * check(spec, template rules, options) -> findings and section statuses.
 * Pure: the caller reads files; this only sees bytes or text.
 */
import type {
  CheckOptions,
  FileResult,
  Finding,
  Report,
  Rule,
  RuleContext,
  SectionStatus,
  Severity,
  TemplateRuleSource,
  TemplateRules
} from './types.js'
import { scan } from './rst/scan.js'
import { decode } from './decode.js'
import { structureOf } from './structure.js'
import { RULES } from '../rules/index.js'
import { applySuppressions, describeHidden, parseSuppressions, suppressionText, type SuppressionUse } from './suppress.js'

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

/** The rules a template switches on by stating them, as the JSON report lists them. */
export function templateRuleSources(template: TemplateRules): TemplateRuleSource[] {
  const out: TemplateRuleSource[] = []
  const { lineLength, image } = template.stated
  if (lineLength) out.push({ rule: 'line-length', line: lineLength.line, text: lineLength.text })
  if (image) out.push({ rule: 'image', line: image.line, text: image.text })
  return out
}

/** Check one spec given as bytes (decoded here) or as text. */
export function checkText(input: Uint8Array | string, template: TemplateRules, options: CheckOptions, rules: readonly Rule[] = RULES): CheckResult {
  let text: string
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  } else {
    const d = decode(input)
    if (!d.ok) return { findings: [], sections: [], error: `line ${d.line}: ${d.error}` }
    text = d.text
  }
  const outline = scan(text)
  const ctx: RuleContext = { file: options.file, outline, template, options, text }
  const findings: Finding[] = []
  const maxLine = Math.max(1, outline.lines.length)
  for (const rule of rules) {
    const setting = options.rules[rule.id]
    if (setting === 'off') continue
    const severity: Severity = setting ?? rule.defaultSeverity
    rule.check(ctx, f => {
      const line = clamp(f.line, maxLine)
      const finding: Finding = { rule: rule.id, severity, file: options.file, ...f, line }
      // A rule may pick its severity (image: notice where the template merely prefers); configuration wins.
      finding.severity = setting === undefined ? f.severity ?? severity : severity
      if (finding.endLine !== undefined) finding.endLine = Math.max(line, clamp(finding.endLine, maxLine))
      findings.push(finding)
    })
  }
  findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule))
  const { kept, suppressed, used } =
    text.includes('spec-template-check:') && (options.suppressions ?? 'allow') !== 'deny'
      ? applySuppressions(findings, parseSuppressions(outline))
      : { kept: findings, suppressed: 0, used: [] }
  if (options.suppressions === 'report' && used.length > 0) reportUses(kept, used, options, maxLine)
  const result: CheckResult = { findings: kept, sections: sectionStatuses(ctx, kept) }
  const stated = templateRuleSources(template)
  if (stated.length > 0) result.templateRules = stated
  if (suppressed > 0) result.suppressed = suppressed
  if (used.length > 0) result.suppressions = used
  return result
}

/** suppressions: report: each honoured comment is a `suppression` notice saying what it hid (unless the rule is off). */
function reportUses(findings: Finding[], used: SuppressionUse[], options: CheckOptions, maxLine: number): void {
  const setting = options.rules.suppression
  if (setting === 'off') return
  for (const u of used) {
    findings.push({
      rule: 'suppression',
      severity: setting ?? 'notice',
      file: options.file,
      line: clamp(u.line, maxLine),
      message: `Suppression "${suppressionText(u)}" hides ${u.count === 0 ? 'nothing' : `${u.count} finding${u.count === 1 ? '' : 's'} (${describeHidden(u)})`} (suppressions: report).`
    })
  }
  findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule))
}

function clamp(n: number, max: number): number {
  if (!Number.isFinite(n) || n < 1) return 1
  return Math.min(Math.floor(n), max)
}

/** Per template section: ok / missing / empty / template-text / placeholder. */
function sectionStatuses(ctx: RuleContext, findings: Finding[]): SectionStatus[] {
  const st = structureOf(ctx)
  const flagged = new Map<string, Set<string>>() // section title -> rules
  for (const f of findings) {
    if (!f.section) continue
    const set = flagged.get(f.section) ?? new Set<string>()
    set.add(f.rule)
    flagged.set(f.section, set)
  }
  const pathOf = pathsOf(ctx.template)
  return st.matches.map(m => {
    const present = m.spec ?? m.misplaced
    const rules = flagged.get(m.tpl.title)
    let status: SectionStatus['status'] = 'ok'
    if (!present || m.renamed) status = 'missing'
    else if (rules?.has('empty-section')) status = 'empty'
    else if (rules?.has('template-text')) status = 'template-text'
    else if (rules?.has('placeholder')) status = 'placeholder'
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
