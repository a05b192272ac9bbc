/**
 * One settings resolver for the CLI and the action:
 *
 *   defaults  <  configuration file (.spec-template-check.yml)  <  inputs or flags
 *
 * Each front end parses its own text (action inputs, command-line flags)
 * into `SettingsOverrides`, leaving out what the user did not give; this
 * module layers them over the configuration file and the defaults, and
 * validates what the configuration file says the same way for both
 * (globs relative to the workspace, the template inside it).
 */
import type { SeveritySetting } from '../engine/types.js'
import type { SuppressionPolicy } from '../engine/suppress.js'
import { DEFAULT_PATHS, DEFAULT_SECTION_DEPTH, type Settings } from './config.js'
import type { ConfigFile } from './file.js'
import type { FailOn } from './policy.js'
import { checkGlobs, workspacePath } from './paths.js'

/** What the user gave on the command line or as action inputs; a key left out (undefined) was not given. */
export interface SettingsOverrides {
  paths?: string[]
  exclude?: string[]
  notSpecs?: string[]
  /** Already checked by the front end (the action: inside the workspace; the CLI: read wherever it is). */
  template?: string
  optionalSections?: string[]
  allowedSections?: string[]
  maxLineLength?: number
  /** Merged per rule over the configuration file's rules. */
  rules?: Record<string, SeveritySetting>
  sectionDepth?: number
  failOn?: FailOn
  suppressions?: SuppressionPolicy
}

/** Settings for `workspace`: defaults < configuration file < overrides. */
export function resolveSettings(workspace: string, cfg: ConfigFile | undefined, given: SettingsOverrides): Settings {
  const from = (key: string): string => `${cfg?.source}: "${key}"`
  const notSpecs = given.notSpecs ?? cfg?.notSpecs
  const template = given.template ?? (cfg?.template !== undefined ? workspacePath(workspace, cfg.template, from('template')) : undefined)
  return {
    workspace,
    paths: given.paths ?? (cfg?.paths ? checkGlobs(cfg.paths, from('paths')) : [...DEFAULT_PATHS]),
    exclude: given.exclude ?? (cfg?.exclude ? checkGlobs(cfg.exclude, from('exclude')) : []),
    ...(notSpecs !== undefined ? { notSpecs } : {}),
    template,
    ...(cfg?.templates ? { templates: cfg.templates } : {}),
    optionalSections: given.optionalSections ?? cfg?.optionalSections ?? [],
    allowedSections: given.allowedSections ?? cfg?.allowedSections ?? [],
    maxLineLength: given.maxLineLength ?? cfg?.maxLineLength,
    rules: { ...cfg?.rules, ...given.rules },
    sectionDepth: given.sectionDepth ?? cfg?.sectionDepth ?? DEFAULT_SECTION_DEPTH,
    failOn: given.failOn ?? cfg?.failOn ?? 'error',
    suppressions: given.suppressions ?? cfg?.suppressions ?? 'allow'
  }
}
