/**
 * `.spec-template-check.yml` at the repository root: one configuration for
 * the CLI and the action (command-line flags and action inputs override it).
 * Unknown keys and bad values are errors naming the key. The JSON Schema is
 * schema/spec-template-check.schema.json.
 */
import path from 'node:path'
import type { SeveritySetting } from '../engine/types.js'
import { ConfigError, parseRules } from './config.js'
import { GlobError, globMatcher, validateGlob } from './glob.js'
import { SUPPRESSION_POLICIES, type SuppressionPolicy } from '../engine/suppress.js'

export const CONFIG_FILES = ['.spec-template-check.yml', '.spec-template-check.yaml']

export interface TemplateMapping {
  /** Globs of the specs this template is for. */
  files: string[]
  /** Template path, workspace-relative. */
  template: string
  optionalSections: string[]
  allowedSections?: string[]
}

export interface ConfigFile {
  /** Which file it came from (workspace-relative). */
  source: string
  paths?: string[]
  exclude?: string[]
  /** File names that are never specs (replaces the default list). */
  notSpecs?: string[]
  template?: string
  templates?: TemplateMapping[]
  optionalSections?: string[]
  allowedSections?: string[]
  rules?: Record<string, SeveritySetting>
  maxLineLength?: number
  sectionDepth?: number
  failOn?: 'error' | 'warning' | 'never'
  suppressions?: SuppressionPolicy
}

const TOP_KEYS = ['paths', 'exclude', 'not-specs', 'template', 'templates', 'optional-sections', 'allowed-sections', 'rules', 'max-line-length', 'section-depth', 'fail-on', 'suppressions']
const MAPPING_KEYS = ['files', 'template', 'optional-sections', 'allowed-sections']

/** A configuration file is a few lines; this is generous. */
export const MAX_CONFIG_BYTES = 256 * 1024

export async function parseConfigFile(text: string, source: string): Promise<ConfigFile> {
  // Loaded only when a repository has a configuration file (keeps start-up fast).
  const { parse } = await import('yaml')
  return configFromYaml(text, source, parse)
}

/** parseConfigFile with the YAML parser passed in (synchronous; the fuzz test calls it). */
export function configFromYaml(text: string, source: string, parse: (text: string, options: object) => unknown): ConfigFile {
  // Also for a file read from the base commit (template-ref: base), which does not pass loadConfigFile.
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_CONFIG_BYTES) throw new ConfigError(`${source}: ${bytes} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for the configuration file`)
  let doc: unknown
  try {
    doc = parse(text, { prettyErrors: true, uniqueKeys: true, maxAliasCount: 100 })
  } catch (e) {
    throw new ConfigError(`${source}: not valid YAML: ${String((e as Error).message).split('\n')[0]}`)
  }
  if (doc === null || doc === undefined) return { source }
  if (!isObject(doc)) throw new ConfigError(`${source}: the file must be a mapping of keys (${TOP_KEYS.join(', ')})`)
  const out: ConfigFile = { source }
  for (const [key, value] of Object.entries(doc)) {
    const where = `${source}: "${key}"`
    switch (key) {
      case 'paths':
        out.paths = globList(value, where)
        break
      case 'exclude':
        out.exclude = globList(value, where)
        break
      case 'not-specs':
        out.notSpecs = Array.isArray(value) && value.length === 0 ? [] : stringList(value, where)
        break
      case 'template':
        out.template = relPath(value, where)
        break
      case 'optional-sections':
        out.optionalSections = stringList(value, where)
        break
      case 'allowed-sections':
        out.allowedSections = stringList(value, where)
        break
      case 'rules':
        out.rules = rules(value, where)
        break
      case 'max-line-length':
        out.maxLineLength = int(value, where)
        break
      case 'section-depth':
        out.sectionDepth = int(value, where)
        break
      case 'fail-on':
        if (value !== 'error' && value !== 'warning' && value !== 'never') {
          throw new ConfigError(`${where} must be one of: error, warning, never`)
        }
        out.failOn = value
        break
      case 'suppressions':
        if (!(SUPPRESSION_POLICIES as readonly unknown[]).includes(value)) {
          throw new ConfigError(`${where} must be one of: ${SUPPRESSION_POLICIES.join(', ')}`)
        }
        out.suppressions = value as SuppressionPolicy
        break
      case 'templates':
        out.templates = mappings(value, where)
        break
      default:
        throw new ConfigError(`${source}: unknown key "${key}"; known keys: ${TOP_KEYS.join(', ')}`)
    }
  }
  return out
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function stringList(v: unknown, where: string): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v) && v.every(x => typeof x === 'string')) return v.map(x => x.trim()).filter(Boolean)
  throw new ConfigError(`${where} must be a string or a list of strings`)
}

/** A list of globs, each within the limits of src/glob.ts (a ConfigError names the key otherwise). */
function globList(v: unknown, where: string): string[] {
  const list = stringList(v, where)
  globListOrFail(list, where)
  return list
}

/** Refuse globs the matcher refuses, as a ConfigError naming the key (and the pattern). */
export function globListOrFail(list: string[], where: string): void {
  const fail = (e: unknown, what: string): never => {
    if (e instanceof GlobError) throw new ConfigError(`${where}: ${what}${e.message}`)
    throw e
  }
  for (const glob of list) {
    try {
      validateGlob(glob)
    } catch (e) {
      fail(e, `pattern "${glob}": `)
    }
  }
  try {
    globMatcher(list)
  } catch (e) {
    fail(e, '')
  }
}

function relPath(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${where} must be a path relative to the repository root`)
  const p = v.trim()
  if (path.isAbsolute(p) || p.split(/[\\/]/).includes('..')) {
    throw new ConfigError(`${where}: "${p}" must stay inside the repository (no absolute paths, no "..")`)
  }
  return p.replace(/^\.\//, '')
}

function int(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100000) return v
  throw new ConfigError(`${where} must be a whole number from 1 to 100000`)
}

function rules(v: unknown, where: string): Record<string, SeveritySetting> {
  if (!isObject(v)) throw new ConfigError(`${where} must be a mapping of rule id to severity (error, warning, notice, off)`)
  const pairs = Object.entries(v).map(([id, sev]) => {
    if (typeof sev !== 'string' && sev !== false) throw new ConfigError(`${where}: "${id}" must be error, warning, notice or off`)
    return `${id}=${sev === false ? 'off' : sev}` // YAML 1.1 readers may turn "off" into false
  })
  return parseRules(pairs.join(','), where)
}

function mappings(v: unknown, where: string): TemplateMapping[] {
  if (!Array.isArray(v)) throw new ConfigError(`${where} must be a list of { files, template, optional-sections }`)
  return v.map((item, i) => {
    const at = `${where.replace(/"templates"$/, "templates")}[${i}]`
    if (!isObject(item)) throw new ConfigError(`${at} must be a mapping with "files" and "template"`)
    for (const k of Object.keys(item)) {
      if (!MAPPING_KEYS.includes(k)) throw new ConfigError(`${at}: unknown key "${k}"; known keys: ${MAPPING_KEYS.join(', ')}`)
    }
    if (item.files === undefined) throw new ConfigError(`${at}: "files" is required`)
    if (item.template === undefined) throw new ConfigError(`${at}: "template" is required`)
    return {
      files: globList(item.files, `${at}.files`),
      template: relPath(item.template, `${at}.template`),
      optionalSections: item['optional-sections'] === undefined ? [] : stringList(item['optional-sections'], `${at}.optional-sections`),
      ...(item['allowed-sections'] === undefined ? {} : { allowedSections: stringList(item['allowed-sections'], `${at}.allowed-sections`) })
    }
  })
}
