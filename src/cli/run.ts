/**
 * The CLI: spec-template-check [options] [paths...]
 * Same engine and reports as the action; exit 0 clean, 1 findings at or above
 * --fail-on, 2 usage or configuration error.
 */
import {
  accessSync,
  closeSync,
  constants as fsConstants,
  ftruncateSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import {
  ConfigError,
  DEFAULT_MAX_LINE_LENGTH,
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
import { exitCodeFor } from '../config/policy.js'
import { resolveSettings } from '../config/resolve.js'
import { checkFiles, checkOptions } from '../runner/check-files.js'
import { expandGlobs, readWorkspaceFile, type ReadResult } from '../workspace/files.js'
import type { FileResult } from '../engine/types.js'
import { defaultRoot, readNamedFile, selectFiles, shownPath, specReader, type FileGroup } from '../workspace/paths.js'
import { decode } from '../engine/decode.js'
import { scan } from '../engine/rst/scan.js'
import { isMarkdownPath } from '../engine/markdown/format.js'
import { formatOfPath, loadReader, readDocument } from '../engine/read.js'
import { fixText } from '../engine/fix.js'
import { summarize } from '../engine/check.js'
import { onlyChangedLines } from '../engine/changed-lines.js'
import { changedLinesFromGit } from '../workspace/git-diff.js'
import { TemplateCache, TemplateProblem, specSectionTitles, type LoadedTemplate } from '../templates/templates.js'
import { jsonLogSafe, logLine } from '../report/escape.js'
import { formatReport, type ReportFormat } from '../report/index.js'
import { formatJsonChunks } from '../report/json.js'
import { writeChunksSync } from '../workspace/write-chunks.js'
import { crypto } from '../workspace/builtins.js'
import { RULES } from '../rules/index.js'
import { VERSION } from '../report/version.js'
import { parseCliArgs, USAGE } from './args.js'
import { loadConfigFile } from '../workspace/config-file.js'

export async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseCliArgs(argv)
  } catch (e) {
    process.stderr.write(`spec-template-check: ${logLine((e as Error).message)}\n${USAGE}`)
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
  let out: FileHandle | undefined
  try {
    // --output is opened first: a place we cannot write fails now, not after the work.
    if (args.output) out = await openOutput(args.output)
    const cwd = process.cwd()
    const root = path.resolve(args.root ?? defaultRoot(cwd))
    const cfg = await loadConfigFile(root)
    // --template is read wherever it is; shown relative to the root.
    const templateTexts = new Map<string, string>()
    let template: string | undefined
    if (args.template) {
      template = shownPath(root, path.resolve(cwd, args.template))
      templateTexts.set(template, readTemplateArg(path.resolve(cwd, args.template), template))
    }
    // defaults < configuration file < flags (config/resolve.ts, as the action); paths are the arguments, below.
    const settings = resolveSettings(root, cfg, {
      ...(args.exclude !== undefined ? { exclude: parseList(args.exclude) } : {}),
      ...(args.notSpecs !== undefined ? { notSpecs: parseNotSpecs(args.notSpecs) } : {}),
      ...(template !== undefined ? { template } : {}),
      ...(args.optionalSections !== undefined ? { optionalSections: parseList(args.optionalSections) } : {}),
      ...(args.maxLineLength !== undefined
        ? { maxLineLength: parsePositiveInt(args.maxLineLength, '--max-line-length', DEFAULT_MAX_LINE_LENGTH) }
        : {}),
      ...(args.allowedSections !== undefined ? { allowedSections: parseList(args.allowedSections) } : {}),
      rules: parseRules(args.rules, '--rules'),
      ...(args.sectionDepth !== undefined
        ? { sectionDepth: parsePositiveInt(args.sectionDepth, '--section-depth', DEFAULT_SECTION_DEPTH) }
        : {}),
      ...(args.failOn !== undefined ? { failOn: parseFailOn(args.failOn, '--fail-on') } : {}),
      ...(args.suppressions !== undefined ? { suppressions: parseSuppressionPolicy(args.suppressions, '--suppressions') } : {})
    })
    const format = parseChoice<ReportFormat>(args.format, '--format', ['text', 'json', 'sarif', 'github'], 'text')
    const lines = parseChoice(args.lines, '--lines', ['all', 'changed'] as const, 'all')
    // Paths: the arguments; else the configuration file's globs; else specs/ at the root.
    const unreadable: string[] = []
    const onUnreadable = (p: string, code: string): void => void unreadable.push(`${p} (${code})`)
    const selectOptions = { cwd, anyName: args.outline, template: args.template ? path.resolve(cwd, args.template) : undefined, onUnreadable }
    const selection = args.paths.length
      ? await selectFiles(args.paths, settings, selectOptions)
      : cfg?.paths
        ? { groups: [{ root, prefix: '', files: await expandGlobs(settings, onUnreadable), named: new Set<string>() }], skipped: [] }
        : await selectFiles([path.join(root, 'specs')], settings, selectOptions)
    for (const s of selection.skipped) process.stderr.write(logLine(`spec-template-check: not checked: ${s.file}: ${s.why}`) + '\n')
    // A file the check read is readable; the access check (which names why a file is not) is
    // asked only of the others, after the check, instead of one more system call per file.
    const wasRead = new Map<FileGroup, Set<string>>(selection.groups.map(g => [g, new Set<string>()]))
    const readerOf = (g: FileGroup): ((file: string) => Promise<ReadResult>) => {
      const read = specReader(g)
      const done = wasRead.get(g)!
      return async file => {
        const r = await read(file)
        if (r.ok) done.add(file)
        return r
      }
    }
    // Nothing unreadable is passed over in silence: named, and exit 2 after the report of the rest.
    const unreadableExit = (): number => {
      for (const g of selection.groups) {
        const done = wasRead.get(g)!
        for (const f of g.files) {
          if (done.has(f)) continue
          try {
            accessSync(path.resolve(g.root, f), fsConstants.R_OK)
          } catch (e) {
            onUnreadable(g.prefix ? `${g.prefix}/${f}` : f, (e as NodeJS.ErrnoException).code ?? String(e))
          }
        }
      }
      if (unreadable.length === 0) return 0
      process.stderr.write(logLine(`spec-template-check: cannot read ${unreadable.join(', ')}`) + '\n')
      return 2
    }

    if (args.outline) {
      const outlines: string[] = []
      const times: number[] = []
      const started = performance.now()
      for (const g of selection.groups) {
        const read = readerOf(g)
        for (const file of g.files) {
          const t0 = performance.now()
          outlines.push(jsonLogSafe(JSON.stringify(await outlineOf(read, file, g.prefix))))
          times.push(performance.now() - t0)
        }
      }
      if (args.stats) process.stderr.write(formatStats(times, performance.now() - started))
      await emit(outlines.join('\n') + (outlines.length ? '\n' : ''), out)
      return unreadableExit() || 0
    }

    const groupSettings = (g: FileGroup): Settings =>
      g.root === root ? settings : { ...settings, workspace: g.root, templates: undefined }
    let fixFailed = 0
    if (args.fix) {
      for (const g of selection.groups) {
        fixFailed += (await fixFiles(g.files, groupSettings(g), { templateTexts, read: specReader(g), prefix: g.prefix })).failed
      }
    }

    const times: number[] = []
    const started = performance.now()
    const results: FileResult[] = []
    for (const g of selection.groups) {
      const part = await checkFiles(g.files, groupSettings(g), {
        templateTexts,
        readSpec: readerOf(g),
        ...(args.stats ? { onFile: (_f: string, ms: number) => times.push(ms) } : {})
      })
      let files = part.files
      if (lines === 'changed') {
        const changed = changedLinesFromGit(g.root, args.base ?? 'HEAD', g.files)
        files = files.map(f => {
          const set = changed.get(f.file)
          return set ? { ...f, findings: onlyChangedLines(f.findings, set, RULES) } : f
        })
      }
      results.push(...(g.prefix ? files.map(f => underPrefix(f, g.prefix, templateTexts)) : files))
    }
    const report = summarize(results, VERSION)
    if (args.stats) process.stderr.write(formatStats(times, performance.now() - started))
    await emit(format === 'json' ? formatJsonChunks(report) : formatReport(report, format, RULES), out)
    if (unreadableExit() || fixFailed > 0) return 2
    return exitCodeFor(report, settings.failOn)
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`spec-template-check: ${logLine(e.message)}\n`)
      return 2
    }
    process.stderr.write(`spec-template-check: internal error: ${logLine((e as Error).message)}\n`)
    if (process.env.SPEC_TEMPLATE_CHECK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`)
    return 2
  } finally {
    await out?.close().catch(() => undefined)
  }
}

/**
 * Open --output for writing before any work: created if missing, not
 * truncated yet; refused unless it is a regular file. Non-blocking, so a
 * FIFO without a reader fails at once (ENXIO) instead of hanging.
 */
async function openOutput(output: string): Promise<FileHandle> {
  const abs = path.resolve(output)
  let fh: FileHandle | undefined
  try {
    await mkdir(path.dirname(abs), { recursive: true })
    fh = await open(abs, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_NONBLOCK, 0o666)
    if (!(await fh.stat()).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' })
    return fh
  } catch (e) {
    await fh?.close().catch(() => undefined)
    throw new ConfigError(`--output: cannot write "${output}": ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
  }
}

/** --template: read wherever it is (it was named); one line when it cannot be. */
function readTemplateArg(abs: string, shown: string): string {
  const r = readNamedFile(abs, shown)
  if (!r.ok) throw new ConfigError(`template ${shown}: ${r.problem === 'missing' ? 'file not found' : r.error}`)
  const d = decode(r.bytes)
  if (!d.ok) throw new ConfigError(`template ${shown}: line ${d.line}: ${d.error}`)
  return d.text
}

/** A result of a group outside the root, with paths as seen from the root ("../other/specs/a.rst"). */
function underPrefix(f: FileResult, prefix: string, templateTexts: Map<string, string>): FileResult {
  const p = (x: string): string => `${prefix}/${x}`
  const template = f.embeddedTemplate || templateTexts.has(f.template) ? f.template : p(f.template)
  return { ...f, file: p(f.file), template, findings: f.findings.map(x => ({ ...x, file: p(x.file) })) }
}

async function outlineOf(read: (file: string) => Promise<ReadResult>, rel: string, prefix: string): Promise<object> {
  const file = prefix ? `${prefix}/${rel}` : rel
  const r = await read(rel)
  if (!r.ok) return { file, error: r.error }
  const d = decode(r.bytes)
  if (!d.ok) return { file, error: `line ${d.line}: ${d.error}` }
  if (isMarkdownPath(file)) {
    // The Markdown parser is loaded only when a Markdown file is met: checking RST specs never pays for it.
    const { markdownOutline } = await import('../engine/markdown/outline.js')
    return { file, ...markdownOutline(d.text), problems: [] }
  }
  const o = scan(d.text)
  return {
    file,
    sections: o.sections.map(s => ({ level: s.level, line: s.line, title: s.title })),
    problems: o.problems.map(p => ({ line: p.titleLine ?? p.line, kind: p.kind, message: p.message }))
  }
}

/** The report on stdout, or written to `out` piece by piece (a large JSON report is never one string). */
async function emit(text: string | Iterable<string>, out: FileHandle | undefined): Promise<void> {
  if (!out) {
    process.stdout.write(typeof text === 'string' ? text : [...text].join(''))
    return
  }
  // A regular file (openOutput refuses anything else): emptied, then written synchronously in large
  // pieces. (Writing over the old report and cutting it at the end saves ~3 ms on a 3 MB report, but a
  // write that fails midway would leave the new start before the old tail: not worth it.)
  ftruncateSync(out.fd, 0)
  writeChunksSync(out.fd, typeof text === 'string' ? [text] : text)
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

/** A spec's section titles, for choosing among several templates. */
function titlesOf(bytes: Uint8Array, file: string): string[] {
  const d = decode(bytes)
  return d.ok ? specSectionTitles(readDocument(d.text, formatOfPath(file)).sections) : []
}

export interface FixHooks {
  /** Called after a file's fixed text is written beside it, before it replaces the file (tests). */
  beforeReplace?: (file: string) => void
  /** Template texts the CLI read itself (--template, wherever it is). */
  templateTexts?: Map<string, string>
  /** How specs are read (default: from the workspace). */
  read?: (file: string) => Promise<ReadResult>
  /** How the files' root is written from the main root (files outside it), for messages. */
  prefix?: string
}

/**
 * --fix: each file's fixed text is written to a temporary file beside it
 * (same folder, same mode), flushed, and renamed over the file: a kill at
 * any moment leaves either the old or the new text, never a cut one. A file
 * whose bytes changed since they were read is left alone (and said so). A
 * file that cannot be written is reported and the others are still fixed.
 * What happens to each file is said on stderr.
 */
export async function fixFiles(files: string[], settings: Settings, hooks: FixHooks = {}): Promise<{ fixed: number; failed: number; skipped: number }> {
  const templates = new TemplateCache(settings, hooks.templateTexts)
  const result = { fixed: 0, failed: 0, skipped: 0 }
  const say = (line: string): void => void process.stderr.write(logLine(line) + '\n')
  const read = hooks.read ?? (f => readWorkspaceFile(settings.workspace, f))
  for (const spec of files) {
    const file = hooks.prefix ? `${hooks.prefix}/${spec}` : spec
    const r = await read(spec)
    if (!r.ok) continue // reported by the check that follows
    await loadReader(formatOfPath(spec))
    let tpl: LoadedTemplate
    try {
      tpl = await templates.forSpec(spec, { titles: () => titlesOf(r.bytes, spec) })
    } catch (err) {
      if (err instanceof TemplateProblem) continue // reported by the check that follows
      throw err
    }
    const d = decode(r.bytes)
    if (!d.ok) continue
    const fixed = fixText(d.text, tpl.rules, checkOptions(spec, settings, tpl), RULES)
    if (!fixed.changed) continue
    try {
      const done = replaceFile(path.resolve(settings.workspace, spec), (d.bom ? '\ufeff' : '') + fixed.text, r.bytes, () =>
        hooks.beforeReplace?.(file)
      )
      if (!done) {
        result.skipped++
        say(`not fixed ${file}: it changed since it was read; run --fix again`)
        continue
      }
    } catch (e) {
      result.failed++
      say(`could not fix ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; nothing of it was changed`)
      continue
    }
    result.fixed++
    const counts = new Map<string, number>()
    for (const a of fixed.applied) counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1)
    const what = [...counts].map(([rule, n]) => (n > 1 ? `${rule} x${n}` : rule)).join(', ')
    say(`fixed ${file}: ${what}`)
  }
  return result
}

/**
 * Replace the file at abs (its real path: a link inside the workspace stays
 * a link) with text, atomically, if its bytes are still `original`. Returns
 * false (and changes nothing) when they are not. Throws on a write error,
 * leaving no temporary file behind.
 */
function replaceFile(abs: string, text: string, original: Uint8Array, beforeReplace: () => void): boolean {
  const real = realpathSync.native(abs)
  const st = statSync(real)
  accessSync(real, fsConstants.W_OK) // a read-only file stays as it is
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`)
  const fd = openSync(tmp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, st.mode & 0o7777)
  try {
    try {
      const bytes = Buffer.from(text, 'utf8')
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    beforeReplace()
    if (!Buffer.from(readFileSync(real)).equals(Buffer.from(original.buffer, original.byteOffset, original.byteLength))) {
      unlinkSync(tmp)
      return false
    }
    renameSync(tmp, real)
    return true
  } catch (e) {
    try {
      unlinkSync(tmp)
    } catch {
      /* already gone */
    }
    throw e
  }
}
