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
import { checkGlobs, outputFilePath, within, workspacePath } from '../config/paths.js'
import { resolveSettings, type SettingsOverrides } from '../config/resolve.js'

// The path checks live in config/paths.ts; re-exported for the callers that know them from here.
export { checkGlobs, outputFilePath, within, workspacePath }

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

/** Inputs that, when empty, take their value from .spec-template-check.yml. */
const OVERRIDABLE = ['paths', 'exclude', 'not-specs', 'template', 'optional-sections', 'allowed-sections', 'max-line-length', 'fail-on', 'suppressions'] as const

/** The inputs that were given, as overrides of the configuration file (config/resolve.ts). */
function overrides(s: ActionSettings): SettingsOverrides {
  const given = (name: (typeof OVERRIDABLE)[number]): boolean => s.given.has(name)
  return {
    ...(given('paths') ? { paths: s.paths } : {}),
    ...(given('exclude') ? { exclude: s.exclude } : {}),
    ...(given('not-specs') ? { notSpecs: s.notSpecs } : {}),
    ...(given('template') ? { template: s.template } : {}),
    ...(given('optional-sections') ? { optionalSections: s.optionalSections } : {}),
    ...(given('allowed-sections') ? { allowedSections: s.allowedSections } : {}),
    ...(given('max-line-length') ? { maxLineLength: s.maxLineLength } : {}),
    ...(given('fail-on') ? { failOn: s.failOn } : {}),
    ...(given('suppressions') ? { suppressions: s.suppressions } : {}),
    rules: s.rules
  }
}

/**
 * Merge the repository's configuration file under the inputs
 * (config/resolve.ts): an input that was given wins; `rules` merge per rule
 * (inputs win); `section-depth` has no input and comes from the file.
 */
export function applyConfigFile(settings: ActionSettings, cfg: ConfigFile | undefined): ActionSettings {
  if (!cfg) return settings
  return { ...settings, ...resolveSettings(settings.workspace, cfg, overrides(settings)) }
}

export function readActionSettings(
  getInput: InputReader = envInputReader(),
  env: NodeJS.ProcessEnv = process.env
): ActionSettings {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const given = new Set(OVERRIDABLE.filter(name => getInput(name).trim() !== ''))
  const has = (name: (typeof OVERRIDABLE)[number]): boolean => given.has(name)
  const template = getInput('template').trim()
  const reportFile = getInput('report-file').trim()
  const sarifFile = getInput('sarif-file').trim()
  const inputs: SettingsOverrides = {
    ...(has('paths') ? { paths: checkGlobs(parseList(getInput('paths')), label('paths')) } : {}),
    exclude: checkGlobs(parseList(getInput('exclude')), label('exclude')),
    ...(has('not-specs') ? { notSpecs: parseNotSpecs(getInput('not-specs')) } : {}),
    optionalSections: parseList(getInput('optional-sections')),
    allowedSections: parseList(getInput('allowed-sections')),
    ...(has('max-line-length')
      ? { maxLineLength: parsePositiveInt(getInput('max-line-length'), label('max-line-length'), DEFAULT_MAX_LINE_LENGTH) }
      : {}),
    rules: parseRules(getInput('rules'), label('rules')),
    failOn: parseFailOn(getInput('fail-on'), label('fail-on')),
    suppressions: parseSuppressionPolicy(getInput('suppressions'), label('suppressions'))
  }
  const rest = {
    scope: parseChoice(getInput('scope'), label('scope'), SCOPES, 'changed'),
    annotations: parseChoice(getInput('annotations'), label('annotations'), ANNOTATION_MODES, 'auto'),
    suggestions: parseChoice(getInput('suggestions'), label('suggestions'), SUGGESTION_MODES, 'off'),
    templateRef: parseChoice(getInput('template-ref'), label('template-ref'), TEMPLATE_REFS, 'head'),
    lines: parseChoice(getInput('lines'), label('lines'), LINES, 'all'),
    given,
    summary: parseBoolean(getInput('summary'), label('summary'), true),
    reportFile: reportFile === '' ? undefined : outputFilePath(workspace, env.RUNNER_TEMP || undefined, reportFile, label('report-file')),
    sarifFile: sarifFile === '' ? undefined : outputFilePath(workspace, env.RUNNER_TEMP || undefined, sarifFile, label('sarif-file')),
    token: getInput('github-token'),
    requestTimeout: parsePositiveInt(getInput('request-timeout'), label('request-timeout'), DEFAULT_REQUEST_TIMEOUT)
  }
  // Same rule as the other paths: the template is read from the workspace only (checked last, as it always was).
  if (template !== '') inputs.template = workspacePath(workspace, template, label('template'))
  return { ...resolveSettings(workspace, undefined, inputs), ...rest }
}
