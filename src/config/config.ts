/**
 * Settings shared by the CLI and the action, and the parsers that turn user
 * text (flags, action inputs) into them. Bad values raise ConfigError with a
 * message that names the option and the allowed values.
 */
import { SEVERITY_SETTINGS } from '../engine/severity.js'
import type { SeveritySetting } from '../engine/types.js'
import { RULE_IDS } from '../rules/index.js'
import type { TemplateMapping } from './file.js'
import { SUPPRESSION_POLICIES, type SuppressionPolicy } from '../engine/suppress.js'

import type { FailOn } from './policy.js'

export type { FailOn } from './policy.js'

export interface Settings {
  /** Absolute path of the workspace / repository root. Nothing outside it is read. */
  workspace: string
  /** Globs (relative to the workspace) of spec files. */
  paths: string[]
  /** Globs to skip. Template files are always skipped. */
  exclude: string[]
  /**
   * File names (globs on the name, case-insensitive) that are never specs;
   * default DEFAULT_NOT_SPECS (index, README and template files).
   */
  notSpecs?: string[]
  /** Explicit template path (relative to the workspace); undefined = discovery. */
  template?: string
  /** Templates per glob (configuration file), consulted before discovery. */
  templates?: TemplateMapping[]
  optionalSections: string[]
  /** Top-level titles allowed besides the template's. */
  allowedSections?: string[]
  /** undefined: the width the template states (or no line-length rule when it states none). */
  maxLineLength?: number
  rules: Record<string, SeveritySetting>
  /** How many template heading levels are required (2 = sections and subsections). */
  sectionDepth: number
  failOn: FailOn
  /**
   * Keep files named like templates (template.rst, *-template.rst) in the
   * spec lists, for a caller that decides itself which are templates
   * (template-ref: base: only those that are templates at the base).
   */
  keepTemplateNames?: boolean
  /** Suppression comments in specs: allow (default), report or deny. */
  suppressions?: SuppressionPolicy
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export const DEFAULT_PATHS = ['specs/**/*.rst', 'specs/**/*.md']
export const DEFAULT_MAX_LINE_LENGTH = 79
export const DEFAULT_SECTION_DEPTH = 2

const SEVERITIES: readonly SeveritySetting[] = SEVERITY_SETTINGS

/** Split a list given as newline- or comma-separated text; trims, drops empties. */
export function parseList(value: string | undefined): string[] {
  if (!value) return []
  return value
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s.length > 0)
}

/** The not-specs input / flag: file names, or "none" to check every matching file. */
export function parseNotSpecs(value: string): string[] {
  const list = parseList(value)
  return list.length === 1 && list[0]!.toLowerCase() === 'none' ? [] : list
}

/** Parse `id=severity` pairs (comma or newline separated). */
export function parseRules(value: string | undefined, name = 'rules'): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {}
  for (const item of parseList(value)) {
    const m = /^([A-Za-z0-9-]+)\s*[=:]\s*([A-Za-z]+)$/.exec(item)
    if (!m) {
      throw new ConfigError(`${name}: "${item}" is not of the form id=severity (severity: ${SEVERITIES.join(', ')})`)
    }
    const id = m[1]!.toLowerCase()
    const sev = m[2]!.toLowerCase() as SeveritySetting
    if (!RULE_IDS.includes(id)) {
      throw new ConfigError(`${name}: unknown rule "${m[1]}"; known rules: ${RULE_IDS.join(', ')}`)
    }
    if (!SEVERITIES.includes(sev)) {
      throw new ConfigError(`${name}: unknown severity "${m[2]}" for ${id}; allowed: ${SEVERITIES.join(', ')}`)
    }
    out[id] = sev
  }
  return out
}

export function parseChoice<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  const v = (value ?? '').trim().toLowerCase()
  if (v === '') return fallback
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw new ConfigError(`${name}: "${value}" is not allowed; use one of: ${allowed.join(', ')}`)
}

export function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  const v = (value ?? '').trim()
  if (v === '') return fallback
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100000) {
    throw new ConfigError(`${name}: "${value}" is not a whole number from 1 to 100000`)
  }
  return Number(v)
}

export function parseFailOn(value: string | undefined, name = 'fail-on'): FailOn {
  return parseChoice(value, name, ['error', 'warning', 'never'] as const, 'error')
}

export function parseSuppressionPolicy(value: string | undefined, name = 'suppressions'): SuppressionPolicy {
  return parseChoice(value, name, SUPPRESSION_POLICIES, 'allow')
}
