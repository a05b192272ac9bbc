/**
 * Fuzz cases for what a pull request controls besides spec text: the
 * configuration file (random and broken YAML with hostile keys and values)
 * and glob patterns (wildcard-heavy, over-long, unsupported syntax) against
 * hostile and adversarial paths. Invariants: no exception but a ConfigError /
 * GlobError, every call under TIME_BOUND_MS, and no workflow command in any
 * output the CLI or the action would print for the case (reports in every
 * format, --outline and --fix lines, error lines), and an inert summary.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { configFromYaml, globListOrFail } from '../../src/config/file.js'
import { ConfigError } from '../../src/config/config.js'
import { summarize, type CheckResult } from '../../src/engine/check.js'
import type { FileResult } from '../../src/engine/types.js'
import { GlobError, globMatcher, validateGlob } from '../../src/config/glob.js'
import { escapeData, jsonLogSafe, logLine, safeText } from '../../src/report/escape.js'
import { formatCommands, formatJson, formatSarif, formatSummary, formatText } from '../../src/report/index.js'
import { RULES } from '../../src/rules/index.js'
import { foreignCommands, parseWorkflowCommands } from '../e2e/action-harness.js'
import type { Rng } from './prng.js'

type Timed = <T>(what: string, fn: () => T) => T
interface Res {
  desc: string
  failures: string[]
  input?: Uint8Array | string
}

/** Text that tries to become a workflow command, a link or a mention. */
export const HOSTILE = [
  '\n::stop-commands::tok',
  '\r::add-mask::mask',
  '\r\n::error::crlf',
  '##[error]legacy',
  '##[add-mask]x',
  '::warning::start',
  '  \t::notice::indented',
  '\u2028::error::ls',
  '\u0085::error::nel',
  '\u000b::error::vt',
  '%0A::error::pct',
  '\u001b[31mred',
  'jane.doe@example.com',
  '@octocat',
  'www.evil.test',
  'https://evil.test',
  '<script>x</script>',
  '| cell |',
  '`code`',
  '[x](y)'
]

const GLOB_PIECES = [
  '*', '*', '*', '**', '?', 'a', 'a', 'b', '/', '/', '.', '[ab]', '[!a]', '[^b]', '[a-z]', '[]a]', '[', ']', '{a,b}', '{', '}', ',',
  '\\', '\\*', '+(', '@(', '!(', '*(', ')', '|', '[[:alpha:]]', '{1..3}', '!', './', '.rst', 'specs/', '-', '_'
]

export function randomGlob(rng: Rng): string {
  const form = rng.weighted([
    [30, 'pieces'],
    [15, 'star-run'],
    [10, 'globstars'],
    [5, 'long'],
    [5, 'hostile'],
    [5, 'braces']
  ] as const)
  switch (form) {
    case 'star-run':
      return (rng.chance(0.5) ? '**/' : '') + '*a'.repeat(1 + rng.int(rng.chance(0.1) ? 400 : 30)) + (rng.chance(0.5) ? '*b' : '*')
    case 'globstars':
      return Array.from({ length: 1 + rng.int(60) }, () => '**').join(rng.pick(['/a/', '/', '/*/', '/?/'])) + rng.pick(['/b', '', '/*.rst'])
    case 'long':
      return rng.pick(['*', 'a', '?', '*a', '[ab]']).repeat(rng.int(1200))
    case 'hostile':
      return rng.pick(['specs/**/*.rst', '*.rst', '**']) + rng.pick(HOSTILE)
    case 'braces':
      return Array.from({ length: 1 + rng.int(12) }, () => `{${Array.from({ length: 1 + rng.int(4) }, () => rng.pick(['a', 'b', '*', ''])).join(',')}}`).join(rng.pick(['', '/']))
    default:
      return Array.from({ length: rng.size(40) }, () => rng.pick(GLOB_PIECES)).join('')
  }
}

export function randomPath(rng: Rng): string {
  const form = rng.weighted([
    [40, 'plain'],
    [20, 'long-name'],
    [10, 'deep'],
    [15, 'hostile'],
    [15, 'chars']
  ] as const)
  switch (form) {
    case 'long-name':
      return 'specs/' + rng.pick(['a', 'ab', 'a.']).repeat(1 + rng.int(120)) + rng.pick(['.rst', '', 'b'])
    case 'deep':
      return Array.from({ length: 1 + rng.int(rng.chance(0.2) ? 2000 : 60) }, () => rng.pick(['a', 'b', '.a', 'aa'])).join('/')
    case 'hostile':
      return `specs/${rng.pick(HOSTILE)}${rng.pick(['.rst', '/x.rst', ''])}`
    case 'chars':
      return Array.from({ length: rng.size(80) }, () => rng.pick(['a', 'b', '/', '.', '*', '?', '[', ']', '{', '}', ',', '\\', ' ', '\u00e9', '\u{1f600}'])).join('')
    default:
      return `specs/${rng.pick(['2025.1', 'approved', 'x'])}/${rng.pick(['foo', 'bar', '.hidden', 'template'])}.rst`
  }
}

function randomScalar(rng: Rng): unknown {
  return rng.weighted<() => unknown>([
    [30, () => randomGlob(rng)],
    [20, () => rng.pick(HOSTILE)],
    [10, () => rng.pick(['error', 'warning', 'never', 'off', 'notice', 'x'])],
    [10, () => rng.pick([0, 1, 79, -1, 1.5, 100001, 1e308])],
    [5, () => rng.pick([true, false, null])],
    [10, () => randomPath(rng)],
    [5, () => 'x'.repeat(rng.int(300_000))]
  ])()
}

function randomValue(rng: Rng, depth = 0): unknown {
  if (depth > 2 || rng.chance(0.5)) return randomScalar(rng)
  if (rng.chance(0.6)) return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1))
  const o: Record<string, unknown> = {}
  for (let k = rng.int(4); k > 0; k--) o[randomKey(rng)] = randomValue(rng, depth + 1)
  return o
}

const KEYS = ['paths', 'exclude', 'template', 'templates', 'optional-sections', 'rules', 'max-line-length', 'section-depth', 'fail-on', 'files', 'line-length']

function randomKey(rng: Rng): string {
  return rng.chance(0.75) ? rng.pick(KEYS) : rng.pick(HOSTILE) + (rng.chance(0.5) ? rng.pick(KEYS) : '')
}

/** A configuration file: random structure (often well-formed, with templates[] mappings), sometimes cut or spliced. */
export function randomConfig(rng: Rng): string {
  const doc: Record<string, unknown> = {}
  for (let k = 1 + rng.int(5); k > 0; k--) {
    const key = randomKey(rng)
    doc[key] =
      key === 'templates'
        ? Array.from({ length: 1 + rng.int(3) }, () => ({ files: randomValue(rng), template: rng.chance(0.7) ? 'specs/template.rst' : randomScalar(rng) }))
        : key === 'paths' || key === 'exclude'
          ? Array.from({ length: 1 + rng.int(4) }, () => randomGlob(rng))
          : randomValue(rng)
  }
  let text = rng.chance(0.1) ? rng.pick(['', '---\n', '[1, 2]\n', 'a: &x [*x]\n', '? ? ?\n', 'paths: !!binary AAAA\n']) : stringifyYaml(doc)
  if (rng.chance(0.2)) {
    const i = rng.int(text.length + 1)
    text = text.slice(0, i) + rng.pick(['\n', ':', '"', '\t', '- ', '{', '&a ', '*a', rng.pick(HOSTILE)]) + text.slice(i + (rng.chance(0.5) ? 1 : 0))
  }
  return text
}

/** The failure line the action prints for a ConfigError (core.setFailed: "::error::" + escapeData). */
function actionFailureLine(message: string): string {
  return `::error::${escapeData(`spec-template-check: ${safeText(message.replace(/\s*[\r\n]+\s*/g, ' ').trim())}`)}\n`
}

/** Every printed form of an error message: CLI stderr, action failure line. No command but the failure line. */
function checkErrorOutputs(message: string, res: Res): void {
  const cli = `spec-template-check: ${logLine(message)}\n`
  if (parseWorkflowCommands(cli).length) res.failures.push(`workflow command in the CLI's error line: ${JSON.stringify(cli.slice(0, 200))}`)
  const action = actionFailureLine(message)
  const foreign = foreignCommands(action)
  if (foreign.length) res.failures.push(`foreign workflow command in the action's failure line: ${JSON.stringify(foreign[0]!.line.slice(0, 200))}`)
}

/** A report for one checked file under a (hostile) name. */
export function reportFor(r: Pick<CheckResult, 'findings' | 'sections'>, file: string, template = 'specs/template.rst') {
  const f: FileResult = { file, template, embeddedTemplate: false, findings: r.findings.map(x => ({ ...x, file })), sections: r.sections }
  return summarize([f], '0.0.0')
}

/** The text a renderer sees after character references are decoded. */
export function decodedMarkdown(md: string): string {
  return md
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
}

const LOCAL = /[A-Za-z0-9._+-]/
const MENTION_BEFORE = /[^A-Za-z0-9_`]/
const ALNUM = /[A-Za-z0-9]/
const DOMAIN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]/
const SCHEME = /[A-Za-z0-9+.-]/

/**
 * The first autolink or mention trigger in Markdown, as GFM's autolink
 * extension and GitHub's MentionFilter see it: an e-mail address
 * (`local@domain.tld`), `www.`, `scheme://`, or `@name` after a non-word
 * character, within one text node (character references decoded; an inline
 * HTML comment ends a text node). Linear time (no backtracking regex over
 * the whole text: the fuzz test feeds it 100 kB lines).
 */
export function firstLink(md: string): string | undefined {
  for (const text of decodedMarkdown(md).split('<!-- -->')) {
    const www = /(?:^|[^A-Za-z0-9])(www\.)/i.exec(text)
    if (www) return www[1]
    for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
      const around = text.slice(Math.max(0, i - 20), i + 40)
      if (i > 0 && LOCAL.test(text[i - 1]!) && DOMAIN.test(text.slice(i + 1, i + 300))) return around
      if ((i === 0 || MENTION_BEFORE.test(text[i - 1]!)) && ALNUM.test(text[i + 1] ?? '')) return around
    }
    for (let i = text.indexOf('://'); i >= 0; i = text.indexOf('://', i + 1)) {
      if (i > 0 && SCHEME.test(text[i - 1]!)) return text.slice(Math.max(0, i - 20), i + 20)
    }
  }
  return undefined
}

/**
 * Every output the CLI and the action print for a report: text, JSON,
 * SARIF, workflow-command annotations, --outline and --fix lines; parsed
 * the way the runner reads a log. And the summary (sometimes): inert.
 */
export function checkOutputs(report: ReturnType<typeof reportFor>, rng: Rng, res: Res, timed: Timed): void {
  timed('outputs', () => outputs(report, rng, res, timed))
}

function outputs(report: ReturnType<typeof reportFor>, rng: Rng, res: Res, timed: Timed): void {
  const file = report.files[0]?.file ?? ''
  const plain: Record<string, string> = {
    text: formatText(report),
    json: formatJson(report),
    outline: jsonLogSafe(JSON.stringify({ file, sections: report.files[0]?.sections.map(s => ({ title: s.title })) ?? [] })) + '\n',
    fix: logLine(`fixed ${file}: trailing-whitespace`) + '\n',
    'not fixed': logLine(`not fixed ${file}: it changed since it was read; run --fix again`) + '\n',
    info: logLine(`Checking 1 spec file (all matching ${file})`) + '\n'
  }
  if (rng.chance(0.2)) plain.sarif = formatSarif(report, RULES)
  for (const [k, out] of Object.entries(plain)) {
    const cmds = parseWorkflowCommands(out)
    if (cmds.length) res.failures.push(`workflow command in the ${k} output: ${JSON.stringify(cmds[0]!.line.slice(0, 200))}`)
  }
  const annotations = formatCommands(report, { maxPerSeverity: Infinity }).text
  const foreign = foreignCommands(annotations)
  if (foreign.length) res.failures.push(`foreign workflow command among the annotations: ${JSON.stringify(foreign[0]!.line.slice(0, 200))}`)
  if (rng.chance(0.1)) {
    const md = timed('formatSummary', () => formatSummary(report))
    const link = firstLink(md)
    if (link !== undefined) res.failures.push(`the summary links or mentions: ${JSON.stringify(link)}`)
  }
}

/** Glob patterns against paths: refused with a GlobError or matched within the time bound. */
export function globCase(rng: Rng, res: Res, timed: Timed): void {
  const globs = Array.from({ length: 1 + rng.int(3) }, () => randomGlob(rng))
  const paths = Array.from({ length: 1 + rng.int(6) }, () => randomPath(rng))
  const dot = rng.chance(0.3)
  res.desc = `glob ${JSON.stringify(globs).slice(0, 300)} dot ${dot} on ${JSON.stringify(paths).slice(0, 300)}`
  res.input = JSON.stringify({ globs, paths, dot })
  let matcher: ((p: string) => boolean) | undefined
  try {
    matcher = timed('globMatcher', () => globMatcher(globs, { dot }))
  } catch (e) {
    if (!(e instanceof GlobError)) return void res.failures.push(`globMatcher threw ${String(e)}`)
    try {
      globListOrFail(globs, '.spec-template-check.yml: "paths"')
      res.failures.push('globMatcher refused a list that globListOrFail accepts')
    } catch (c) {
      if (!(c instanceof ConfigError)) res.failures.push(`globListOrFail threw ${String(c)}`)
      else checkErrorOutputs(c.message, res)
    }
  }
  if (matcher) {
    for (const p of paths) {
      const a = timed('glob match', () => matcher!(p))
      if (typeof a !== 'boolean' || matcher(p) !== a) res.failures.push(`glob match not a stable boolean for ${JSON.stringify(p).slice(0, 100)}`)
    }
    for (const g of globs) validateGlob(g)
  }
  // The paths as file names in every output.
  const name = rng.pick(paths)
  checkOutputs(reportFor({ findings: [{ rule: 'line-length', severity: 'error', message: `Line is too long ${rng.pick(HOSTILE)}`, file: name, line: 1 }], sections: [] }, name), rng, res, timed)
}

/** A configuration file: a ConfigFile or a ConfigError, in time; its globs usable in time; nothing printed is a command. */
export function configCase(rng: Rng, res: Res, timed: Timed): void {
  const text = randomConfig(rng)
  res.desc = `config ${JSON.stringify(text).slice(0, 400)}`
  res.input = text
  let cfg
  try {
    cfg = timed('configFromYaml', () => configFromYaml(text, '.spec-template-check.yml', parseYaml as (t: string, o: object) => unknown))
  } catch (e) {
    if (e instanceof ConfigError) return checkErrorOutputs(e.message, res)
    return void res.failures.push(`configFromYaml threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`)
  }
  const globs = [...(cfg.paths ?? []), ...(cfg.exclude ?? []), ...(cfg.templates ?? []).flatMap(t => t.files)]
  const paths = Array.from({ length: 1 + rng.int(4) }, () => randomPath(rng))
  try {
    const m = timed('globMatcher (config)', () => globMatcher(globs, { dot: rng.chance(0.5) }))
    for (const p of paths) timed('glob match (config)', () => m(p))
  } catch (e) {
    res.failures.push(`a glob the configuration file accepted is refused by the matcher: ${String(e)}`)
  }
  // What the action logs about it.
  const info = [
    logLine(`Configuration: ${cfg.source}`),
    logLine(`Checking 2 spec files (all matching ${(cfg.paths ?? []).join(', ')})`),
    logLine(`spec-template-check: template ${cfg.template ?? ''}`)
  ].join('\n')
  const cmds = parseWorkflowCommands(info)
  if (cmds.length) res.failures.push(`workflow command in an info line: ${JSON.stringify(cmds[0]!.line.slice(0, 200))}`)
  checkErrorOutputs(`input "paths": no spec file in the workspace matches ${(cfg.paths ?? []).join(', ')} (exclude: ${(cfg.exclude ?? []).join(', ')})`, res)
}
