/**
 * One fuzz case: build an input from the seeds with the case's own PRNG, run
 * the engine on it, and check the invariants. Returns the problems found
 * (never throws for a problem in the engine).
 */
import { isDeepStrictEqual } from 'node:util'
import { checkText, type CheckResult } from '../../src/engine/check.js'
import { fixText } from '../../src/engine/fix.js'
import { templateFromText } from '../../src/templates/templates.js'
import { ConfigError } from '../../src/config/config.js'
import { RULES, RULE_IDS } from '../../src/rules/index.js'
import type { CheckOptions, Outline, Rule, SeveritySetting, TemplateRules, TemplateSection } from '../../src/engine/types.js'
import { caseSeed, Rng } from './prng.js'
import { BYTE_MUTATOR_NAMES, BYTE_MUTATORS, randomBytes, rstSoup, TEXT_MUTATOR_NAMES, TEXT_MUTATORS, type MutationContext } from './mutators.js'
import type { FuzzSeeds, SeedDoc } from './seeds.js'
import { HOSTILE, checkOutputs, configCase, globCase, reportFor } from './io-cases.js'

/** Time bound for one engine call on one file. */
export const TIME_BOUND_MS = 1000

export interface FuzzContext {
  seeds: FuzzSeeds
  mutation: MutationContext
  /** Derived rules per check template and section depth. */
  derived: Map<string, TemplateRules>
}

export interface CaseResult {
  index: number
  /** What the case did: seed document, mutations, template, input form. */
  desc: string
  /** The slowest time-bounded engine call of the case (checkText, templateFromText), in ms, and what it was. */
  ms: number
  slowest: string
  /** Time of fixText (several scans per call, not under the 1 s bound), when the case ran it. */
  fixMs?: number
  failures: string[]
  /** The input of the last engine call, to dump when the case fails. */
  input?: Uint8Array | string
}

export function createContext(seeds: FuzzSeeds): FuzzContext {
  const titles = new Set<string>()
  const derived = new Map<string, TemplateRules>()
  for (const t of seeds.mdTemplates) {
    // A Markdown template marks its optional sections itself: one derivation (section depth is for RST).
    const rules = templateFromText(t.text, t.name, false, 2)
    derived.set(`${t.name}#md`, rules)
    rules.all.forEach(s => titles.add(s.title))
  }
  for (const t of seeds.checkTemplates) {
    for (const depth of [1, 2, 3, 5]) {
      const rules = templateFromText(t.text, t.name, t.name === 'templates/default-template.rst', depth)
      derived.set(`${t.name}#${depth}`, rules)
      rules.all.forEach(s => titles.add(s.title))
      if (rules.exampleTitle) titles.add(rules.exampleTitle)
    }
  }
  return {
    seeds,
    derived,
    mutation: { donors: seeds.specs.map(s => s.text), titles: [...titles].sort() }
  }
}

const SEVERITY_SETTINGS: SeveritySetting[] = ['error', 'warning', 'notice', 'off']
const SEVERITIES = new Set(['error', 'warning', 'notice'])
const STATUSES = new Set(['ok', 'missing', 'empty', 'template-text', 'placeholder'])
const KINDS = new Set(['title-underline', 'title-overline', 'inconsistent-level', 'short-adornment'])
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

export function runCase(ctx: FuzzContext, seed: number, index: number): CaseResult {
  const rng = new Rng(caseSeed(seed, index))
  const res: CaseResult = { index, desc: '', ms: 0, slowest: '', failures: [] }
  const timed = <T>(what: string, fn: () => T): T => {
    const t0 = performance.now()
    const out = fn()
    const ms = performance.now() - t0
    if (what === 'fixText') {
      res.fixMs = ms
      return out
    }
    if (ms > res.ms) {
      res.ms = ms
      res.slowest = what
    }
    if (ms > TIME_BOUND_MS) res.failures.push(`${what} took ${ms.toFixed(0)} ms (bound ${TIME_BOUND_MS} ms)`)
    return out
  }
  const kind = rng.weighted([
    [60, 'spec'],
    [20, 'markdown'],
    [6, 'md-template'],
    [10, 'soup'],
    [6, 'bytes'],
    [24, 'template'],
    [12, 'config'],
    [12, 'glob']
  ] as const)
  try {
    if (kind === 'template') templateCase(ctx, rng, res, timed)
    else if (kind === 'markdown' || kind === 'md-template') markdownCase(ctx, rng, res, timed, kind === 'md-template')
    else if (kind === 'config') configCase(rng, res, timed)
    else if (kind === 'glob') globCase(rng, res, timed)
    else {
      let input: Uint8Array | string
      let desc: string
      if (kind === 'spec') {
        const doc = rng.pick(ctx.seeds.specs)
        const m = mutate(doc, rng, ctx.mutation, rng.size(6))
        ;({ input, desc } = inputForm(m.text, rng, `${doc.name} ${m.desc}`))
      } else if (kind === 'soup') {
        const s = rstSoup(rng, ctx.mutation.titles)
        ;({ input, desc } = inputForm(s.text, rng, s.desc))
      } else {
        const b = randomBytes(rng)
        input = b.bytes
        desc = `${b.desc} bytes`
      }
      const { template, options, desc: tdesc } = pickTemplate(ctx, rng)
      res.desc = `${desc} | ${tdesc}`
      checkOne(input, rng.pick(ctx.seeds.specs).text, template, options, rng, res, timed)
    }
  } catch (e) {
    res.failures.push(`harness or engine threw outside a guarded call: ${stack(e)}`)
  }
  return res
}

type Timed = <T>(what: string, fn: () => T) => T

/**
 * A Markdown spec (mutated, as bytes or a string) against a Markdown
 * template; or (mutatedTemplate) a Markdown template mutated, its rules
 * derived (only "no sections" or a duplicate title may refuse it), and a
 * Markdown spec checked against it. The same checks as for RST specs.
 */
function markdownCase(ctx: FuzzContext, rng: Rng, res: CaseResult, timed: Timed, mutatedTemplate: boolean): void {
  let template: TemplateRules | undefined
  let tdesc: string
  const t = rng.pick(ctx.seeds.mdTemplates)
  if (mutatedTemplate) {
    const m = mutate(t, rng, ctx.mutation, rng.size(5))
    tdesc = `md template ${t.name} ${m.desc}`
    res.input = m.text
    template = timed('templateFromText', () => {
      try {
        return templateFromText(m.text, 'specs/template.md', false, 2)
      } catch (e) {
        if (e instanceof ConfigError && /no sections found|appears twice under the same parent/.test(e.message)) return undefined
        res.failures.push(`templateFromText (Markdown) threw: ${stack(e)}`)
        return undefined
      }
    })
    if (!template) {
      res.desc = tdesc
      return
    }
  } else {
    template = ctx.derived.get(`${t.name}#md`)!
    tdesc = `md tpl ${t.name}`
  }
  const doc = rng.pick(ctx.seeds.mdSpecs)
  const m = mutate(doc, rng, ctx.mutation, rng.size(6))
  const { input, desc } = inputForm(m.text, rng, `${doc.name} ${m.desc}`)
  const options = { ...randomOptions(rng, 2, template), file: 'specs/fuzz.md' }
  res.desc = `${desc} | ${tdesc}${optionsDesc(options)}`
  checkOne(input, rng.pick(ctx.seeds.mdSpecs).text, template, options, rng, res, timed)
}

function mutate(doc: SeedDoc, rng: Rng, mctx: MutationContext, count: number): { text: string; desc: string } {
  const lines = doc.text.split('\n')
  const done: string[] = []
  for (let k = 0; k < count; k++) {
    const name = rng.pick(TEXT_MUTATOR_NAMES)
    done.push(TEXT_MUTATORS[name]!(lines, rng, mctx))
  }
  return { text: lines.join('\n'), desc: `[${done.join('; ')}]` }
}

/** As bytes (sometimes with byte mutations) or as a string. */
function inputForm(text: string, rng: Rng, desc: string): { input: Uint8Array | string; desc: string } {
  if (rng.chance(0.25)) return { input: text, desc: `${desc} string` }
  let bytes: Uint8Array = encoder.encode(text)
  const done: string[] = []
  if (rng.chance(0.15)) {
    for (let k = rng.size(3); k > 0; k--) {
      const m = BYTE_MUTATORS[rng.pick(BYTE_MUTATOR_NAMES)]!(bytes, rng)
      bytes = m.bytes
      done.push(m.desc)
    }
  }
  return { input: bytes, desc: `${desc} bytes${done.length ? ` [${done.join('; ')}]` : ''}` }
}

function pickTemplate(ctx: FuzzContext, rng: Rng): { template: TemplateRules; options: CheckOptions; desc: string } {
  const t = rng.pick(ctx.seeds.checkTemplates)
  const depth = rng.chance(0.8) ? 2 : rng.pick([1, 3, 5])
  const template = ctx.derived.get(`${t.name}#${depth}`)!
  const options = randomOptions(rng, depth, template)
  return { template, options, desc: `tpl ${t.name} depth ${depth}${optionsDesc(options)}` }
}

function randomOptions(rng: Rng, depth: number, template: TemplateRules): CheckOptions {
  const rules: Record<string, SeveritySetting> = {}
  if (rng.chance(0.15)) for (const id of RULE_IDS) if (rng.chance(0.3)) rules[id] = rng.pick(SEVERITY_SETTINGS)
  return {
    file: 'specs/fuzz.rst',
    ruleOptions: { 'line-length': { max: rng.chance(0.85) ? 79 : rng.pick([1, 4, 40, 80, 120, 100000]) } },
    rules,
    optionalSections: rng.chance(0.85) || template.all.length === 0 ? [] : [rng.pick(template.all).title, ' History ', 'Nope'],
    sectionDepth: depth
  }
}

function optionsDesc(o: CheckOptions): string {
  const parts: string[] = []
  const max = o.ruleOptions?.['line-length']?.max
  if (max !== 79) parts.push(`max ${max}`)
  if (Object.keys(o.rules).length) parts.push(`rules ${JSON.stringify(o.rules)}`)
  if (o.optionalSections.length) parts.push(`optional ${JSON.stringify(o.optionalSections)}`)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

function templateCase(ctx: FuzzContext, rng: Rng, res: CaseResult, timed: Timed): void {
  const seed = rng.pick(ctx.seeds.templates)
  const m = mutate(seed, rng, ctx.mutation, rng.size(5))
  const depth = rng.chance(0.7) ? 2 : rng.pick([1, 3, 5])
  res.desc = `template ${seed.name} ${m.desc} depth ${depth}`
  res.input = m.text
  const derive = (): TemplateRules | undefined => {
    try {
      return templateFromText(m.text, 'specs/template.rst', false, depth)
    } catch (e) {
      if (e instanceof ConfigError && /no sections found|appears twice under the same parent/.test(e.message)) return undefined
      res.failures.push(`templateFromText threw: ${stack(e)}`)
      return undefined
    }
  }
  const rules = timed('templateFromText', derive)
  if (!rules) return
  const again = derive()
  if (!isDeepStrictEqual(rules, again)) res.failures.push('templateFromText gave different rules on a second run')
  checkTemplateRules(rules, m.text, depth, res)

  // Check a spec (or the mutated template itself) against the mutated template.
  const spec = rng.chance(0.2) ? { text: m.text, desc: 'itself' } : (() => {
    const doc = rng.pick(ctx.seeds.specs)
    const sm = mutate(doc, rng, ctx.mutation, rng.int(3))
    return { text: sm.text, desc: `${doc.name} ${sm.desc}` }
  })()
  const { input, desc } = inputForm(spec.text, rng, spec.desc)
  res.desc += ` | checking ${desc}`
  checkOne(input, rng.pick(ctx.seeds.specs).text, rules, randomOptions(rng, depth, rules), rng, res, timed)
}

function checkTemplateRules(rules: TemplateRules, text: string, depth: number, res: CaseResult): void {
  const n = Math.max(1, expectedLines(text).length)
  const fail = (m: string): void => void res.failures.push(`template rules: ${m}`)
  if (rules.sections.length === 0) fail('no sections but no ConfigError')
  const flat: TemplateSection[] = []
  const walk = (secs: TemplateSection[], d: number, parent?: string): void =>
    secs.forEach((s, i) => {
      flat.push(s)
      if (s.depth !== d) fail(`"${s.title}" depth ${s.depth}, expected ${d}`)
      if (s.parent !== parent) fail(`"${s.title}" parent ${s.parent}, expected ${parent}`)
      if (s.index !== i) fail(`"${s.title}" index ${s.index}, expected ${i}`)
      if (s.required !== d <= depth) fail(`"${s.title}" required ${s.required} at depth ${d} (section depth ${depth})`)
      if (!Number.isInteger(s.line) || s.line < 1 || s.line > n) fail(`"${s.title}" at line ${s.line}, outside 1..${n}`)
      if (typeof s.title !== 'string' || typeof s.guidance !== 'string') fail('title or guidance is not a string')
      walk(s.children, d + 1, s.title)
    })
  walk(rules.sections, 1)
  if (flat.length !== rules.all.length || flat.some((s, i) => rules.all[i] !== s)) fail('`all` is not the sections in template order')
  for (const p of rules.placeholders) if (!/^<[^]*>$/.test(p)) fail(`placeholder ${JSON.stringify(p)} is not <...>`)
}

/** The file's lines as the findings number them (independent of the scanner). */
function expectedLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text === '') return []
  const lines = text.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** What decoding must give: the text, or an error (and where a line can be). */
function expectedDecode(bytes: Uint8Array): { ok: true; text: string } | { ok: false; maxLine: number } {
  // Lines end at LF, CRLF or a lone CR (as the findings count them).
  let newlines = 0
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) newlines++
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { ok: false, maxLine: 1 }
  if (bytes.includes(0)) return { ok: false, maxLine: newlines + 1 }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  try {
    return { ok: true, text: utf8.decode(bom ? bytes.subarray(3) : bytes) }
  } catch {
    return { ok: false, maxLine: newlines + 1 }
  }
}

function checkOne(input: Uint8Array | string, other: string, template: TemplateRules, options: CheckOptions, rng: Rng, res: CaseResult, timed: Timed): void {
  res.input = input
  const fail = (m: string): void => void res.failures.push(m)
  let text: string
  if (typeof input === 'string') text = input
  else {
    const d = expectedDecode(input)
    if (!d.ok) {
      const r = guarded(res, 'checkText', () => timed('checkText', () => checkText(input, template, options, RULES)))
      if (!r) return
      const m = r.error === undefined ? undefined : /^line (\d+): (.+)$/.exec(r.error)
      if (!m) fail(`undecodable input: expected a located error, got ${JSON.stringify(r.error)} with ${r.findings.length} findings`)
      else if (Number(m[1]) < 1 || Number(m[1]) > d.maxLine) fail(`decode error at line ${m[1]}, outside 1..${d.maxLine}`)
      if (r.findings.length || r.sections.length) fail('undecodable input also has findings or sections')
      return
    }
    text = d.text
  }
  const lines = expectedLines(text)
  const maxLine = Math.max(1, lines.length)

  // Run with each rule wrapped, to see the lines rules report before check.ts clamps them,
  // and to get the outline the rules saw.
  let outline: Outline | undefined
  const wrapped: Rule[] = RULES.map(rule => ({
    ...rule,
    check(c, report) {
      outline ??= c.outline
      rule.check(c, f => {
        if (!Number.isInteger(f.line) || f.line < 1 || f.line > maxLine) {
          fail(`rule ${rule.id} reported line ${f.line}, outside 1..${maxLine} (check.ts clamps it to a wrong line): ${oneLine(f.message)}`)
        }
        if (f.endLine !== undefined && (!Number.isInteger(f.endLine) || f.endLine < f.line || f.endLine > maxLine)) {
          fail(`rule ${rule.id} reported endLine ${f.endLine} for line ${f.line} (max ${maxLine})`)
        }
        report(f)
      })
    }
  }))
  const r1 = guarded(res, 'checkText', () => timed('checkText', () => checkText(input, template, options, wrapped)))
  if (!r1) return
  if (r1.error !== undefined) fail(`decodable input gave an error: ${r1.error}`)
  if (outline) checkOutline(outline, lines, res)
  checkResult(r1, options, maxLine, res)
  // Every output under a (sometimes hostile) file name: no workflow command. Own PRNG: the case's stays as it was.
  const orng = new Rng(caseSeed(res.index, r1.findings.length))
  const name = orng.chance(0.5) ? `specs/${orng.pick(HOSTILE)}.rst` : options.file
  guarded(res, 'outputs', () => checkOutputs(reportFor(r1, name), orng, res, timed))

  // Rerun after checking another document, so that state left behind by one call would show.
  guarded(res, 'checkText (another document)', () => checkText(other, template, options, RULES))
  const r2 = guarded(res, 'checkText (rerun)', () => checkText(input, template, options, RULES))
  if (r2 && !isDeepStrictEqual(r1, r2)) fail(`rerun differs: ${firstDifference(r1, r2)}`)

  if (rng.chance(0.15)) fixCase(text, template, options, res, timed)
}

function checkResult(r: CheckResult, options: CheckOptions, maxLine: number, res: CaseResult): void {
  const fail = (m: string): void => void res.failures.push(m)
  for (const f of r.findings) {
    const where = `${f.rule}@${f.line}`
    if (!RULE_IDS.includes(f.rule)) fail(`unknown rule id ${JSON.stringify(f.rule)}`)
    if (!SEVERITIES.has(f.severity)) fail(`${where}: severity ${JSON.stringify(f.severity)}`)
    const setting = options.rules[f.rule]
    if (setting === 'off') fail(`${where}: rule is off but reported`)
    else if (setting !== undefined && f.severity !== setting) fail(`${where}: severity ${f.severity}, configured ${setting}`)
    if (f.file !== options.file) fail(`${where}: file ${JSON.stringify(f.file)}`)
    if (typeof f.message !== 'string' || f.message.trim() === '') fail(`${where}: empty message`)
    else if (/[\r\n]/.test(f.message)) fail(`${where}: message has a raw newline: ${JSON.stringify(f.message)}`)
    if (!Number.isInteger(f.line) || f.line < 1 || f.line > maxLine) fail(`${where}: line outside 1..${maxLine}`)
    if (f.endLine !== undefined && (!Number.isInteger(f.endLine) || f.endLine < f.line || f.endLine > maxLine)) fail(`${where}: endLine ${f.endLine}`)
    if (f.column !== undefined && (!Number.isInteger(f.column) || f.column < 1)) fail(`${where}: column ${f.column}`)
    if (f.endColumn !== undefined && (!Number.isInteger(f.endColumn) || f.endColumn < (f.column ?? 1))) fail(`${where}: endColumn ${f.endColumn} < column ${f.column}`)
    if (f.fix) {
      const x = f.fix
      if (!Number.isInteger(x.startLine) || x.startLine < 1 || x.startLine > maxLine + 1 || x.endLine < x.startLine || x.endLine > maxLine + 1) {
        fail(`${where}: fix range ${x.startLine}..${x.endLine} outside 1..${maxLine + 1}`)
      }
      if (typeof x.text !== 'string' || typeof x.description !== 'string') fail(`${where}: fix without text or description`)
    }
  }
  for (const s of r.sections) {
    if (!STATUSES.has(s.status)) fail(`section status ${JSON.stringify(s.status)}`)
    if (s.line !== undefined && (!Number.isInteger(s.line) || s.line < 1 || s.line > maxLine)) fail(`section "${s.title}" at line ${s.line}, outside 1..${maxLine}`)
  }
}

/** The scanner's outline must number lines as the file does. Failures here are scanner bugs. */
function checkOutline(o: Outline, lines: string[], res: CaseResult): void {
  const fail = (m: string): void => void res.failures.push(`scanner: ${m}`)
  const n = lines.length
  // check.ts and scan() each drop a leading BOM, so a text starting with several loses more than one: not compared.
  const strip = (s: string | undefined): string | undefined => s?.replace(/^\ufeff+/, '')
  if (o.lines.length !== n) fail(`outline has ${o.lines.length} lines, the file ${n}`)
  else if (o.lines.some((l, i) => (i === 0 ? strip(l) !== strip(lines[0]) : l !== lines[i]))) {
    const i = o.lines.findIndex((l, k) => (k === 0 ? strip(l) !== strip(lines[0]) : l !== lines[k]))
    fail(`outline line ${i + 1} is ${JSON.stringify(o.lines[i]?.slice(0, 40))}, the file's ${JSON.stringify(lines[i]?.slice(0, 40))}`)
  }
  if (o.verbatim.length !== n) fail(`verbatim has ${o.verbatim.length} entries for ${n} lines`)
  let prev = 0
  for (const s of o.sections) {
    const first = s.overline ?? s.line
    const w = `section "${s.rawTitle.slice(0, 30)}"@${s.line}`
    if (!(first >= 1 && first <= s.line && s.line <= s.underline && s.underline <= n)) fail(`${w}: overline ${s.overline}, line ${s.line}, underline ${s.underline}, ${n} lines`)
    if (first < prev) fail(`${w}: sections out of document order`)
    prev = first
    if (s.bodyStart !== s.underline + 1) fail(`${w}: bodyStart ${s.bodyStart} after underline ${s.underline}`)
    if (s.bodyEnd > n || s.end > n || s.end < s.bodyEnd) fail(`${w}: bodyEnd ${s.bodyEnd}, end ${s.end}, ${n} lines`)
    // RST: levels count down from the outermost section; Markdown: the level is the heading's number of `#`, under any shallower one.
    const levelOk = o.format === 'markdown' ? s.level >= 1 && s.level <= 6 && (!s.parent || s.level > s.parent.level) : s.parent ? s.level === s.parent.level + 1 : s.level === 1
    if (!levelOk) fail(`${w}: level ${s.level} under ${s.parent?.level ?? 'no parent'}`)
    if (/[\r\n]/.test(s.rawTitle) || /[\r\n]/.test(s.title)) fail(`${w}: title has a line break`)
  }
  const roots = o.sections.filter(s => !s.parent)
  if (roots.length !== o.roots.length || roots.some((s, i) => o.roots[i] !== s)) fail('roots are not the sections without a parent')
  for (const p of o.problems) {
    if (!KINDS.has(p.kind)) fail(`problem kind ${JSON.stringify(p.kind)}`)
    if (!(p.line >= 1 && p.line <= n)) fail(`problem ${p.kind} at line ${p.line}, ${n} lines`)
    if (p.titleLine !== undefined && !(p.titleLine >= 1 && p.titleLine <= n)) fail(`problem ${p.kind} title line ${p.titleLine}, ${n} lines`)
  }
}

function fixCase(text: string, template: TemplateRules, options: CheckOptions, res: CaseResult, timed: Timed): void {
  const once = guarded(res, 'fixText', () => timed('fixText', () => fixText(text, template, options, RULES)))
  if (!once) return
  const twice = guarded(res, 'fixText (on fixed text)', () => fixText(once.text, template, options, RULES))
  if (once.changed !== once.applied.length > 0) res.failures.push(`fixText: changed ${once.changed} with ${once.applied.length} applied fixes`)
  if (twice?.changed) {
    res.failures.push(`fixText is not idempotent: a second run changed ${twice.applied.map(a => `${a.rule}@${a.line}`).join(', ') || 'the text (nothing applied)'}`)
  }
}

function guarded<T>(res: CaseResult, what: string, fn: () => T): T | undefined {
  try {
    return fn()
  } catch (e) {
    res.failures.push(`${what} threw: ${stack(e)}`)
    return undefined
  }
}

function stack(e: unknown): string {
  const s = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)
  return s.split('\n').slice(0, 6).join(' | ')
}

function oneLine(s: string): string {
  return JSON.stringify(s.length > 80 ? s.slice(0, 80) + '...' : s)
}

function firstDifference(a: CheckResult, b: CheckResult): string {
  if (a.error !== b.error) return `error ${JSON.stringify(a.error)} vs ${JSON.stringify(b.error)}`
  if (a.findings.length !== b.findings.length) return `${a.findings.length} vs ${b.findings.length} findings`
  const i = a.findings.findIndex((f, k) => !isDeepStrictEqual(f, b.findings[k]))
  if (i !== -1) return `finding ${i}: ${JSON.stringify(a.findings[i])} vs ${JSON.stringify(b.findings[i])}`
  return 'section statuses differ'
}
