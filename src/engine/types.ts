/**
 * Core data types shared by the engine, the rules and the reports.
 *
 * The engine is pure: strings (or bytes) in, these plain objects out. Nothing
 * here knows about files, the console or GitHub.
 */
import type { SEVERITY_SETTINGS } from './severity.js'
import type { SuppressionPolicy, SuppressionUse } from './suppress.js'
import type { FrontMatter, MdBlock, MdHeadingFormat } from './markdown/types.js'

export type Severity = 'error' | 'warning' | 'notice'
/** The markup a spec (and its template) is written in. */
export type SpecFormat = 'rst' | 'markdown'
/** What configuration may set a rule to. */
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number]

/** A problem the scanner noticed while reading the structure. */
export interface ScanProblem {
  kind:
    | 'title-underline' // underline (or overline) shorter than the title text
    | 'title-overline' // overline and underline differ (length or character)
    | 'inconsistent-level' // adornment style out of the established hierarchy
    | 'short-adornment' // a line that looks like a title whose adornment is too short (< 4): plain text
  /** 1-based line the problem is reported at (the adornment line). */
  line: number
  /** 1-based line of the title text concerned, when there is one. */
  titleLine?: number
  message: string
}

/**
 * One section: for RST as docutils builds it, for Markdown as GitHub renders
 * the headings. The format's own facts (RST adornment, Markdown ATX/setext)
 * are optional fields; rules that need them belong to that format.
 */
export interface Section {
  /** Title text with inline markup stripped and whitespace folded (docutils' rendering). */
  title: string
  /** Title text exactly as written on its line (trimmed). */
  rawTitle: string
  /** 1 = outermost. A document title, when present, is the only level-1 section. */
  level: number
  /** 1-based line of the title text. */
  line: number
  /** 1-based line of the overline, if any. */
  overline?: number
  /** 1-based last line of the title: RST's underline, a Markdown setext underline, or the ATX heading line. */
  underline: number
  /**
   * How the title is written: RST's adornment style, e.g. "=" (underline
   * only) or "=/=" (overline and underline); Markdown "atx" or "setext".
   */
  style: string
  /** Markdown: how the heading is written (ATX or setext), in detail. */
  format?: MdHeadingFormat
  /** Markdown: the section's own body blocks (prose, code, comment, html, table, list, ...), not its subsections'. */
  blocks?: Block[]
  /** First line of the section body (the line after the underline or heading). */
  bodyStart: number
  /**
   * Last line of the section's own content, before the first line (overline
   * or title) of the next section of any level. bodyEnd < bodyStart when the
   * body is empty (title immediately followed by another title).
   */
  bodyEnd: number
  /** Last line of the section including its subsections. */
  end: number
  children: Section[]
  parent?: Section
}

/** A block of a section's body, as the rules tell them apart (Markdown). */
export type Block = MdBlock

export interface Outline {
  /** The markup the document is written in; absent = rst. */
  format?: SpecFormat
  /** Lines of the decoded text without line terminators (BOM stripped). */
  lines: string[]
  /** Every section in document order. */
  sections: Section[]
  /** The outermost sections (level 1). */
  roots: Section[]
  /**
   * Per line (index = line - 1): true when the line is inside a literal
   * block, a directive body, a comment, a table or another indented block
   * where no title can start.
   */
  verbatim: boolean[]
  problems: ScanProblem[]
  /** Markdown: blocks before the first heading. */
  preamble?: Block[]
  /** Markdown: the YAML front matter, when there is one. */
  frontMatter?: FrontMatter
}

/**
 * A text edit a rule reports with its finding (1-based lines, inclusive
 * start, exclusive end); engine/fix.ts is the one place that applies them.
 */
export interface Fix {
  description: string
  /** Replace lines [startLine, endLine) with `text` (endLine = startLine inserts before startLine). */
  startLine: number
  endLine: number
  /**
   * The new lines, each ending with "\n". They take the file's line endings:
   * inserted lines the file's first one, the last replacing line the ending
   * of the last line it replaces (so a fix never changes line endings by
   * accident).
   */
  text: string
  /**
   * Set by fixes that change line endings only (carriage-return, final-newline):
   * every written line ends with this instead. `text` is then the lines as
   * they are, so such a fix is not offered as a suggestion (nothing to show).
   */
  newline?: string
}

export interface Finding {
  rule: string
  severity: Severity
  message: string
  file: string
  line: number
  endLine?: number
  column?: number
  endColumn?: number
  /** Title of the section the finding belongs to (or is about). */
  section?: string
  fix?: Fix
}

/** A section the template requires (or allows). */
export interface TemplateSection {
  title: string
  /** 1 = top level under the document title. */
  depth: number
  /** Title of the parent template section, undefined at top level. */
  parent?: string
  /** Order among its siblings. */
  index: number
  required: boolean
  /** The template's guidance text for this section, whitespace-normalised. */
  guidance: string
  children: TemplateSection[]
  /** 1-based line in the template file. */
  line: number
  /** Markdown: the heading level (number of `#`) in the template. */
  level?: number
  /** Markdown: the heading text as written in the template (marker removed), for inserting it. */
  rawTitle?: string
}

export interface TemplateRules {
  /** The markup the template is written in; absent = rst. */
  format?: SpecFormat
  /** Where the template came from, for messages and reports. */
  source: string
  /** True when this is the embedded default template. */
  embedded: boolean
  /** Title of the template's document title (the example title a spec must replace). */
  exampleTitle?: string
  /** Top-level sections (depth 1) with their subsections. */
  sections: TemplateSection[]
  /** Every template section in template order, flattened. */
  all: TemplateSection[]
  /** Literal placeholder strings found in the template, e.g. "<launchpad-id or None>". */
  placeholders: string[]
  /** Adornment style of the template's sections per depth (index 0 = top level). */
  styles: string[]
  /** Rules the template states in its own words (see engine/stated.ts). */
  stated: StatedRules
  /** Markdown: the keys of the template's YAML front matter, with their lines. */
  frontMatterKeys?: { key: string; line: number }[]
  /** Markdown: the keys of a `- Key: value` list that opens the template (Rust RFCs' metadata), when it has no front matter. */
  leadingListKeys?: string[]
  /** Markdown: the template's generated table of contents (`<!-- toc -->` ... `<!-- /toc -->`) and the deepest heading level it lists. */
  toc?: { line: number; endLine: number; maxLevel: number }
}

/** A rule a template states: the sentence (trimmed, shortened) and its 1-based line. */
export interface StatedRule {
  line: number
  text: string
  /** line-length: the width asked for. */
  width?: number
  /** image: text diagrams required (warning) or merely preferred (notice). */
  level?: 'required' | 'preferred'
}

export interface StatedRules {
  lineLength?: StatedRule
  image?: StatedRule
  /** "If you have nothing to say, just write: None". */
  none?: StatedRule
}

/** A rule a template switched on, as the JSON report lists it. */
export interface TemplateRuleSource {
  rule: string
  line: number
  text: string
}

/** A value of a rule option (see Rule.options). */
export type RuleOptionValue = number | string | boolean

export interface CheckOptions {
  /** File name to put on findings (repository-relative path); its extension gives the format unless `format` is set. */
  file: string
  /** The spec's markup; default by the file name (`.md`, `.markdown`: markdown; else rst). */
  format?: SpecFormat
  /** Per-rule severity overrides; 'off' disables. */
  rules: Record<string, SeveritySetting>
  /** Per-rule options by rule id, then option name (each rule's `options` say which it reads). */
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, RuleOptionValue>>>>
  /** Titles that may be left out. */
  optionalSections: string[]
  /** Top-level titles allowed besides the template's. */
  allowedSections?: string[]
  /** How many template levels are required (default 2: sections and subsections). */
  sectionDepth: number
  /** Suppression comments: honoured (allow, default), honoured and reported as notices (report), or ignored and reported as errors (deny). */
  suppressions?: SuppressionPolicy
}

export type SectionStatusKind = 'ok' | 'missing' | 'empty' | 'template-text' | 'placeholder'

export interface SectionStatus {
  /** Template title. */
  title: string
  /** Titles of the enclosing template sections, outermost first. */
  path: string[]
  required: boolean
  status: SectionStatusKind
  /** Line of the section in the spec, when present. */
  line?: number
}

export interface FileResult {
  /** Path relative to the workspace (forward slashes). */
  file: string
  /** Template used: path relative to the workspace, or "(embedded default)". */
  template: string
  embeddedTemplate: boolean
  findings: Finding[]
  sections: SectionStatus[]
  /** Findings turned off by suppression comments in the spec. */
  suppressed?: number
  /** Rules the template switched on, with the line that states each. */
  templateRules?: readonly TemplateRuleSource[]
  /** The honoured suppression comments and what each hid. */
  suppressions?: SuppressionUse[]
  /** Set when the file could not be checked at all (unreadable, undecodable, broken template). */
  error?: string
  /** Set when discovery found several templates at one level and picked the best match. */
  templateChoice?: TemplateChoice
}

/** Why a template was chosen among several candidates of one discovery level. */
export interface TemplateChoice {
  /** One sentence: which template and why. */
  reason: string
  /** Every candidate, with how many of its section titles the spec has. */
  candidates: { template: string; matched: number; total: number; extra: number; problem?: string }[]
}

export interface Report {
  tool: { name: string; version: string }
  files: FileResult[]
  totals: { files: number; errors: number; warnings: number; notices: number; filesWithErrors: number; suppressed?: number }
}

/** Context handed to each rule. */
export interface RuleContext {
  file: string
  outline: Outline
  template: TemplateRules
  options: CheckOptions
  /** Raw text after decoding (BOM stripped), for rules that need line endings. */
  text: string
  /** Ids of every rule the engine was handed (known rules, e.g. for suppression comments). */
  ruleIds: readonly string[]
}

export type ReportFn = (finding: Omit<Finding, 'rule' | 'severity' | 'file'> & { severity?: Severity }) => void

/** Help for a rule (SARIF shows it as the rule's help). */
export interface RuleHelp {
  /** PascalCase name (SARIF reportingDescriptor.name). */
  name: string
  /** What the rule checks. */
  checks: string
  /** How to fix a finding. */
  fix: string
  /** Text the rule accepts. */
  example: string
  /** The markup of the example when it is not RST. */
  exampleFormat?: 'markdown'
}

/** An option a rule reads from CheckOptions.ruleOptions[rule id]. */
export interface RuleOption {
  name: string
  type: 'integer' | 'string' | 'boolean'
  description: string
  /** Configuration that sets it (setting name, CLI flag, action input), for the docs. */
  setBy?: string
}

/**
 * One rule: metadata plus its check, one module per rule (src/rules/). The
 * engine knows rules only through this: it never tests a rule id.
 */
export interface Rule {
  id: string
  /** One sentence: what a finding means (SARIF's short description). */
  description: string
  /** The README rule table's account of the rule, when it says more than `description` (Markdown). */
  docs?: string
  defaultSeverity: Severity
  /** line: looks at single lines (with --lines changed, only changed lines count); structure: sections and their bodies. */
  kind: 'line' | 'structure'
  /** The spec formats the rule means something for. */
  formats: readonly SpecFormat[]
  /** True when the rule's findings carry a fix the fix applier may apply. */
  fixable: boolean
  /** The section status a finding of this rule gives the section it names (job summary, JSON report). */
  sectionStatus?: Exclude<SectionStatusKind, 'ok'>
  /** Options it reads from CheckOptions.ruleOptions[id]. */
  options?: readonly RuleOption[]
  /** The template sentence that switches the rule on (engine/stated.ts), listed in the reports as a rule the template states. */
  statedBy?: Exclude<keyof StatedRules, 'none'>
  /** false: its findings are about suppression comments, so no comment hides them. */
  suppressible?: false
  help: RuleHelp
  check(ctx: RuleContext, report: ReportFn): void
  /**
   * With `suppressions: report`: called after suppressions are applied with
   * each honoured comment and what it hid (the rule reports what it wants
   * said about them).
   */
  reportSuppressions?(uses: readonly SuppressionUse[], report: ReportFn): void
}
