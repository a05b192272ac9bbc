/**
 * The CLI: spec-template-check [options] [paths...]
 * Same engine and reports as the action; exit 0 clean, 1 findings at or above
 * --fail-on, 2 usage or configuration error.
 */
import { statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import {
  ConfigError,
  DEFAULT_MAX_LINE_LENGTH,
  DEFAULT_PATHS,
  DEFAULT_SECTION_DEPTH,
  failsAt,
  parseChoice,
  parseFailOn,
  parseList,
  parsePositiveInt,
  parseRules,
  parseSuppressionPolicy,
  type Settings
} from '../config.js'
import { checkFiles } from '../check-files.js'
import { expandGlobs, readWorkspaceFile, toRelative } from '../files.js'
import { isTemplateFile } from '../engine/discover.js'
import { decode } from '../engine/decode.js'
import { scan } from '../engine/scan.js'
import { isMarkdownPath, markdownOutline } from '../engine/markdown/outline.js'
import { fixText } from '../engine/fix.js'
import { summarize } from '../engine/check.js'
import { onlyChangedLines } from '../engine/changed-lines.js'
import { changedLinesFromGit } from './git-diff.js'
import { TemplateCache } from '../templates.js'
import { safeText } from '../report/util.js'
import { formatReport, type ReportFormat } from '../report/index.js'
import { RULES } from '../rules/index.js'
import { VERSION } from '../version.js'
import { parseCliArgs, USAGE } from './args.js'
import { loadConfigFile } from '../config-file.js'

export async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseCliArgs(argv)
  } catch (e) {
    process.stderr.write(`spec-template-check: ${(e as Error).message}\n${USAGE}`)
    return 2
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return 0
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`)
    return 0
  }
  try {
    const root = path.resolve(args.root ?? '.')
    const cfg = await loadConfigFile(root)
    const settings: Settings = {
      workspace: root,
      paths: cfg?.paths ?? DEFAULT_PATHS,
      exclude: args.exclude !== undefined ? parseList(args.exclude) : cfg?.exclude ?? [],
      template: args.template ? toRelativeOrFail(root, args.template, '--template') : cfg?.template,
      templates: cfg?.templates,
      optionalSections: args.optionalSections !== undefined ? parseList(args.optionalSections) : cfg?.optionalSections ?? [],
      maxLineLength: args.maxLineLength !== undefined
        ? parsePositiveInt(args.maxLineLength, '--max-line-length', DEFAULT_MAX_LINE_LENGTH)
        : cfg?.maxLineLength,
      allowedSections: args.allowedSections !== undefined ? parseList(args.allowedSections) : cfg?.allowedSections ?? [],
      rules: { ...cfg?.rules, ...parseRules(args.rules, '--rules') },
      sectionDepth: args.sectionDepth !== undefined
        ? parsePositiveInt(args.sectionDepth, '--section-depth', DEFAULT_SECTION_DEPTH)
        : cfg?.sectionDepth ?? DEFAULT_SECTION_DEPTH,
      failOn: args.failOn !== undefined ? parseFailOn(args.failOn, '--fail-on') : cfg?.failOn ?? 'error',
      suppressions: args.suppressions !== undefined ? parseSuppressionPolicy(args.suppressions, '--suppressions') : cfg?.suppressions ?? 'allow'
    }
    const format = parseChoice<ReportFormat>(args.format, '--format', ['text', 'json', 'sarif', 'github'], 'text')
    const lines = parseChoice(args.lines, '--lines', ['all', 'changed'] as const, 'all')
    // Paths: the arguments; else the configuration file's globs; else specs/.
    const files = args.paths.length
      ? await collectFiles(args.paths, settings)
      : cfg?.paths
        ? await expandGlobs(settings)
        : await collectFiles(['specs'], settings)

    if (args.outline) {
      const out: string[] = []
      const times: number[] = []
      const started = performance.now()
      for (const file of files) {
        const t0 = performance.now()
        out.push(JSON.stringify(await outlineOf(root, file)))
        times.push(performance.now() - t0)
      }
      if (args.stats) process.stderr.write(formatStats(times, performance.now() - started))
      await emit(out.join('\n') + (out.length ? '\n' : ''), args.output)
      return 0
    }

    if (args.fix) await fixFiles(files, settings)

    const times: number[] = []
    const started = performance.now()
    let report = await checkFiles(files, settings, args.stats ? { onFile: (_f, ms) => times.push(ms) } : {})
    if (lines === 'changed') {
      const changed = changedLinesFromGit(root, args.base ?? 'HEAD', files)
      report = summarize(
        report.files.map(f => {
          const set = changed.get(f.file)
          return set ? { ...f, findings: onlyChangedLines(f.findings, set) } : f
        }),
        VERSION
      )
    }
    if (args.stats) process.stderr.write(formatStats(times, performance.now() - started))
    await emit(formatReport(report, format, RULES), args.output)
    const failed = report.files.some(f => f.error !== undefined && settings.failOn !== 'never') ||
      report.files.some(f => f.findings.some(x => failsAt(x.severity, settings.failOn)))
    return failed ? 1 : 0
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`spec-template-check: ${e.message}\n`)
      return 2
    }
    process.stderr.write(`spec-template-check: internal error: ${(e as Error).message}\n`)
    if (process.env.SPEC_TEMPLATE_CHECK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`)
    return 2
  }
}

function toRelativeOrFail(root: string, p: string, option: string): string {
  try {
    return toRelative(root, path.resolve(p))
  } catch {
    throw new ConfigError(`${option}: "${p}" is outside ${root}; run from the repository root or pass --root`)
  }
}

/** Files, directories (their *.rst files, recursively) and globs -> workspace-relative spec files. */
async function collectFiles(inputs: string[], settings: Settings): Promise<string[]> {
  const root = settings.workspace
  const found = new Set<string>()
  for (const input of inputs) {
    if (picomatch.scan(input).isGlob) {
      const matched = await expandGlobs({ ...settings, paths: [input.replace(/^\.\//, '')] })
      if (matched.length === 0) throw new ConfigError(`no .rst files match "${input}"`)
      matched.forEach(f => found.add(f))
      continue
    }
    const rel = toRelativeOrFail(root, input, 'path')
    const st = statOrUndefined(path.resolve(root, rel))
    if (!st) throw new ConfigError(`path "${input}" does not exist`)
    if (st.isDirectory()) {
      const prefix = rel === '.' ? '' : `${rel}/`
      const matched = await expandGlobs({ ...settings, paths: [`${prefix}**/*.rst`] })
      matched.forEach(f => found.add(f))
    } else if (!isTemplateFile(rel) && rel !== settings.template) {
      found.add(rel)
    }
  }
  return [...found].sort()
}

async function outlineOf(root: string, file: string): Promise<object> {
  const r = await readWorkspaceFile(root, file)
  if (!r.ok) return { file, error: r.error }
  const d = decode(r.bytes)
  if (!d.ok) return { file, error: `line ${d.line}: ${d.error}` }
  if (isMarkdownPath(file)) return { file, ...markdownOutline(d.text), problems: [] }
  const o = scan(d.text)
  return {
    file,
    sections: o.sections.map(s => ({ level: s.level, line: s.line, title: s.title })),
    problems: o.problems.map(p => ({ line: p.titleLine ?? p.line, kind: p.kind, message: p.message }))
  }
}

async function emit(text: string, output: string | undefined): Promise<void> {
  if (!output) {
    process.stdout.write(text)
    return
  }
  const abs = path.resolve(output)
  await mkdir(path.dirname(abs), { recursive: true })
  await writeFile(abs, text)
}

/** --stats: per-file timing percentiles and peak memory, on stderr. */
function formatStats(times: number[], totalMs: number): string {
  const sorted = [...times].sort((a, b) => a - b)
  const pct = (p: number): number => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0
  const stats = {
    files: times.length,
    totalMs: +totalMs.toFixed(1),
    filesPerSecond: totalMs > 0 ? Math.round((times.length / totalMs) * 1000) : 0,
    p50Ms: +pct(50).toFixed(3),
    p95Ms: +pct(95).toFixed(3),
    maxMs: +(sorted[sorted.length - 1] ?? 0).toFixed(3),
    peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    uptimeMs: +(performance.now()).toFixed(1)
  }
  return `stats ${JSON.stringify(stats)}\n`
}

function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p)
  } catch {
    return undefined
  }
}

/** --fix: rewrite each file in place; say what changed on stderr. */
async function fixFiles(files: string[], settings: Settings): Promise<void> {
  const templates = new TemplateCache(settings)
  for (const file of files) {
    const tpl = await templates.forSpec(file)
    const r = await readWorkspaceFile(settings.workspace, file)
    if (!r.ok) continue // reported by the check that follows
    const d = decode(r.bytes)
    if (!d.ok) continue
    const fixed = fixText(d.text, tpl.rules, {
      file,
      maxLineLength: settings.maxLineLength,
      rules: settings.rules,
      optionalSections: [...settings.optionalSections, ...tpl.optionalSections],
      allowedSections: [...(settings.allowedSections ?? []), ...(tpl.allowedSections ?? [])],
      sectionDepth: settings.sectionDepth
    })
    if (!fixed.changed) continue
    await writeFile(path.resolve(settings.workspace, file), (d.bom ? '\ufeff' : '') + fixed.text)
    const counts = new Map<string, number>()
    for (const a of fixed.applied) counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1)
    const what = [...counts].map(([rule, n]) => (n > 1 ? `${rule} x${n}` : rule)).join(', ')
    process.stderr.write(safeText(`fixed ${file}: ${what}`) + '\n')
  }
}
