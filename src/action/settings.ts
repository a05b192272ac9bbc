/**
 * Action inputs -> ActionSettings. Every input is optional: an empty value
 * (e.g. dist/index.js run without the runner filling action.yml defaults)
 * means the default. Bad values raise ConfigError naming the input and the
 * allowed values.
 */
import * as path from 'node:path'
import {
  ConfigError,
  DEFAULT_MAX_LINE_LENGTH,
  DEFAULT_PATHS,
  DEFAULT_SECTION_DEPTH,
  parseChoice,
  parseFailOn,
  parseList,
  parseNotSpecs,
  parsePositiveInt,
  parseRules,
  parseSuppressionPolicy,
  type Settings
} from '../config/config.js'
import type { ConfigFile } from '../config/file.js'
import { leavesBase } from '../workspace/files.js'

export const SCOPES = ['changed', 'all'] as const
export type Scope = (typeof SCOPES)[number]

export const ANNOTATION_MODES = ['auto', 'check-run', 'workflow-commands', 'none'] as const
export type AnnotationsMode = (typeof ANNOTATION_MODES)[number]
/** `suggestions`: off, or a pull request review with suggested changes. */
export const SUGGESTION_MODES = ['off', 'review'] as const
export type SuggestionsMode = (typeof SUGGESTION_MODES)[number]

/** Where templates are read from: the checked-out head, or the base of the change (pull request base, ...). */
export const TEMPLATE_REFS = ['head', 'base'] as const
export type TemplateRef = (typeof TEMPLATE_REFS)[number]

export const LINES = ['all', 'changed'] as const
export type Lines = (typeof LINES)[number]

export interface ActionSettings extends Settings {
  /** `lines`: all, or only lines the change touched for the line rules. */
  lines: Lines
  /** Inputs that were given (non-empty): they override the configuration file. */
  given: Set<string>
  scope: Scope
  annotations: AnnotationsMode
  suggestions: SuggestionsMode
  templateRef: TemplateRef
  /** Write the job summary (GITHUB_STEP_SUMMARY). */
  summary: boolean
  /** JSON report to write: workspace-relative (forward slashes), or absolute inside RUNNER_TEMP. */
  reportFile?: string
  /** SARIF file to write: workspace-relative (forward slashes), or absolute inside RUNNER_TEMP. */
  sarifFile?: string
  /** '' when no token was given. */
  token: string
  /** `request-timeout`: seconds one GitHub API request may take (answer and body). */
  requestTimeout: number
}

/** Default of the `request-timeout` input (seconds). */
export const DEFAULT_REQUEST_TIMEOUT = 30

export type InputReader = (name: string) => string

/** Reads an input the way @actions/core does: INPUT_<NAME> with spaces as '_', upper-cased (dashes kept). */
export function envInputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return name => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

const label = (name: string): string => `input "${name}"`

export function parseBoolean(value: string | undefined, name: string, fallback: boolean): boolean {
  const v = (value ?? '').trim()
  if (v === '') return fallback
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw new ConfigError(`${name}: "${value}" is not allowed; use one of: true, false`)
}

/**
 * A path inside the workspace, given relative to it (or absolute inside it).
 * Returns it workspace-relative with forward slashes; throws ConfigError when
 * it would escape the workspace.
 */
export function workspacePath(workspace: string, value: string, name: string): string {
  const abs = path.resolve(workspace, value)
  if (!within(workspace, abs)) throw new ConfigError(`${name}: "${value}" must be a file path inside the workspace (${workspace})`)
  return path.relative(workspace, abs).split(path.sep).join('/')
}

/**
 * A glob of the `paths` / `exclude` inputs: relative to the workspace, so
 * not absolute and without "." or ".." parts. Throws ConfigError naming the input.
 */
export function checkGlobs(globs: string[], name: string): string[] {
  for (const g of globs) {
    const bad =
      g.startsWith('/') ||
      g.startsWith('\\') ||
      /^[A-Za-z]:/.test(g) ||
      g.includes('\0') ||
      g.split(/[\\/]/).some(part => part === '..' || part === '.')
    if (bad) {
      throw new ConfigError(
        `${name}: "${g}" must be a glob relative to the workspace (not absolute, no "." or ".." parts), e.g. specs/**/*.rst`
      )
    }
  }
  return globs
}

/**
 * A path for a file the action writes (report-file, sarif-file): inside the
 * workspace (returned workspace-relative, forward slashes) or inside
 * RUNNER_TEMP, where workflows are told to put such files (returned
 * absolute). Anything else throws ConfigError naming both allowed places.
 */
export function outputFilePath(workspace: string, runnerTemp: string | undefined, value: string, name: string): string {
  const abs = path.resolve(workspace, value)
  if (within(workspace, abs)) return path.relative(workspace, abs).split(path.sep).join('/')
  if (runnerTemp && within(path.resolve(runnerTemp), abs)) return abs
  const temp = runnerTemp ? ` or inside RUNNER_TEMP (${path.resolve(runnerTemp)})` : ''
  throw new ConfigError(`${name}: "${value}" must be a file path inside the workspace (${workspace})${temp}`)
}

/** Is `abs` strictly below `root`? */
export function within(root: string, abs: string): boolean {
  const rel = path.relative(root, abs)
  return rel !== '' && !leavesBase(rel)
}

/** Inputs that, when empty, take their value from .spec-template-check.yml. */
const OVERRIDABLE = ['paths', 'exclude', 'not-specs', 'template', 'optional-sections', 'allowed-sections', 'max-line-length', 'fail-on', 'suppressions'] as const

/**
 * Merge the repository's configuration file under the inputs: an input that
 * was given wins; `rules` merge per rule (inputs win).
 */
export function applyConfigFile(settings: ActionSettings, cfg: ConfigFile | undefined): ActionSettings {
  if (!cfg) return settings
  const given = (name: string): boolean => settings.given.has(name)
  const out: ActionSettings = { ...settings, rules: { ...cfg.rules, ...settings.rules }, templates: cfg.templates }
  if (!given('paths') && cfg.paths) out.paths = checkGlobs(cfg.paths, `${cfg.source}: "paths"`)
  if (!given('exclude') && cfg.exclude) out.exclude = checkGlobs(cfg.exclude, `${cfg.source}: "exclude"`)
  if (!given('not-specs') && cfg.notSpecs) out.notSpecs = cfg.notSpecs
  if (!given('template') && cfg.template) out.template = workspacePath(settings.workspace, cfg.template, `${cfg.source}: "template"`)
  if (!given('optional-sections') && cfg.optionalSections) out.optionalSections = cfg.optionalSections
  if (!given('allowed-sections') && cfg.allowedSections) out.allowedSections = cfg.allowedSections
  if (!given('max-line-length') && cfg.maxLineLength) out.maxLineLength = cfg.maxLineLength
  if (!given('fail-on') && cfg.failOn) out.failOn = cfg.failOn
  if (!given('suppressions') && cfg.suppressions) out.suppressions = cfg.suppressions
  if (cfg.sectionDepth) out.sectionDepth = cfg.sectionDepth
  return out
}

export function readActionSettings(
  getInput: InputReader = envInputReader(),
  env: NodeJS.ProcessEnv = process.env
): ActionSettings {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const paths = parseList(getInput('paths'))
  const template = getInput('template').trim()
  const reportFile = getInput('report-file').trim()
  const sarifFile = getInput('sarif-file').trim()
  const settings: ActionSettings = {
    workspace,
    paths: paths.length > 0 ? checkGlobs(paths, label('paths')) : [...DEFAULT_PATHS],
    exclude: checkGlobs(parseList(getInput('exclude')), label('exclude')),
    ...(getInput('not-specs').trim() !== '' ? { notSpecs: parseNotSpecs(getInput('not-specs')) } : {}),
    template: template === '' ? undefined : template,
    optionalSections: parseList(getInput('optional-sections')),
    allowedSections: parseList(getInput('allowed-sections')),
    maxLineLength: getInput('max-line-length').trim() === ''
      ? undefined
      : parsePositiveInt(getInput('max-line-length'), label('max-line-length'), DEFAULT_MAX_LINE_LENGTH),
    rules: parseRules(getInput('rules'), label('rules')),
    sectionDepth: DEFAULT_SECTION_DEPTH,
    failOn: parseFailOn(getInput('fail-on'), label('fail-on')),
    suppressions: parseSuppressionPolicy(getInput('suppressions'), label('suppressions')),
    scope: parseChoice(getInput('scope'), label('scope'), SCOPES, 'changed'),
    annotations: parseChoice(getInput('annotations'), label('annotations'), ANNOTATION_MODES, 'auto'),
    suggestions: parseChoice(getInput('suggestions'), label('suggestions'), SUGGESTION_MODES, 'off'),
    templateRef: parseChoice(getInput('template-ref'), label('template-ref'), TEMPLATE_REFS, 'head'),
    lines: parseChoice(getInput('lines'), label('lines'), LINES, 'all'),
    given: new Set(OVERRIDABLE.filter(name => getInput(name).trim() !== '')),
    summary: parseBoolean(getInput('summary'), label('summary'), true),
    reportFile: reportFile === '' ? undefined : outputFilePath(workspace, env.RUNNER_TEMP || undefined, reportFile, label('report-file')),
    sarifFile: sarifFile === '' ? undefined : outputFilePath(workspace, env.RUNNER_TEMP || undefined, sarifFile, label('sarif-file')),
    token: getInput('github-token'),
    requestTimeout: parsePositiveInt(getInput('request-timeout'), label('request-timeout'), DEFAULT_REQUEST_TIMEOUT)
  }
  if (settings.template !== undefined) {
    // Same rule as the other paths: the template is read from the workspace only.
    settings.template = workspacePath(workspace, settings.template, label('template'))
  }
  return settings
}
