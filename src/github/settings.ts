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
  parsePositiveInt,
  parseRules,
  type Settings
} from '../config.js'

export const SCOPES = ['changed', 'all'] as const
export type Scope = (typeof SCOPES)[number]

export const ANNOTATION_MODES = ['auto', 'check-run', 'workflow-commands', 'none'] as const
export type AnnotationsMode = (typeof ANNOTATION_MODES)[number]

export interface ActionSettings extends Settings {
  scope: Scope
  annotations: AnnotationsMode
  /** Write the job summary (GITHUB_STEP_SUMMARY). */
  summary: boolean
  /** Workspace-relative path (forward slashes) of the JSON report to write. */
  reportFile?: string
  /** Workspace-relative path (forward slashes) of the SARIF file to write. */
  sarifFile?: string
  /** '' when no token was given. */
  token: string
}

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
  const rel = path.relative(workspace, abs)
  if (rel === '' || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) {
    throw new ConfigError(`${name}: "${value}" must be a file path inside the workspace (${workspace})`)
  }
  return rel.split(path.sep).join('/')
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
    paths: paths.length > 0 ? paths : [...DEFAULT_PATHS],
    exclude: parseList(getInput('exclude')),
    template: template === '' ? undefined : template,
    optionalSections: parseList(getInput('optional-sections')),
    maxLineLength: parsePositiveInt(getInput('max-line-length'), label('max-line-length'), DEFAULT_MAX_LINE_LENGTH),
    rules: parseRules(getInput('rules'), label('rules')),
    sectionDepth: DEFAULT_SECTION_DEPTH,
    failOn: parseFailOn(getInput('fail-on'), label('fail-on')),
    scope: parseChoice(getInput('scope'), label('scope'), SCOPES, 'changed'),
    annotations: parseChoice(getInput('annotations'), label('annotations'), ANNOTATION_MODES, 'auto'),
    summary: parseBoolean(getInput('summary'), label('summary'), true),
    reportFile: reportFile === '' ? undefined : workspacePath(workspace, reportFile, label('report-file')),
    sarifFile: sarifFile === '' ? undefined : workspacePath(workspace, sarifFile, label('sarif-file')),
    token: getInput('github-token')
  }
  if (settings.template !== undefined) {
    // Same rule as the other paths: the template is read from the workspace only.
    workspacePath(workspace, settings.template, label('template'))
  }
  return settings
}
