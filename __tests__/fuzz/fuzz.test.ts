/**
 * Fuzz test: mutated real and example specs, mutated templates (RST and
 * Markdown: Markdown proposals against Markdown templates, mutated Markdown
 * templates), "RST soup" and random bytes through the engine (checkText, templateFromText, and
 * sometimes fixText); random configuration files and glob patterns against
 * adversarial paths (io-cases.ts); and every output the CLI and the action
 * print for a case (text, JSON, SARIF, annotations, --outline / --fix lines,
 * error lines), read the way the runner reads a log: no workflow command
 * but our annotations, and an inert summary. For every case: no exception (templateFromText may
 * only throw its ConfigError for a template without sections); every finding
 * on a line of the file (also before check.ts clamps it), with a known rule
 * and a one-line message; the scanner's outline numbering the file's lines;
 * identical results when rerun after another document; undecodable bytes
 * giving one located error; each checkText / templateFromText call under
 * 1 s (fixText, which rescans per inserted section, is timed but not
 * bounded); fixText idempotent. A hang is caught by a watchdog thread.
 *
 *   FUZZ_CASES   number of cases (default 1500, the in-suite run: a few seconds)
 *   FUZZ_SEED    run seed (default 20250101; any string is hashed)
 *   FUZZ_CASE    run only this case index (replay a failure)
 *   FUZZ_SAMPLE  how many nova specs to sample from ../shared/corpus (default 60)
 *   FUZZ_HANG_MS a case running longer than this is reported as a hang and
 *                the process is killed (default 30000)
 *
 * `npm run fuzz` runs 100,000 cases (scripts/fuzz.mjs).
 */
import { mkdirSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { createContext, runCase, TIME_BOUND_MS, type CaseResult } from './harness.js'
import { parseSeed } from './prng.js'
import { loadSeeds } from './seeds.js'
import { loadReader } from '../../src/engine/read.js'

const DEFAULT_SEED = 20250101
const CASES = Math.max(1, Number(process.env.FUZZ_CASES ?? 1500) || 1500)
const SEED = parseSeed(process.env.FUZZ_SEED, DEFAULT_SEED)
const ONLY = process.env.FUZZ_CASE !== undefined && process.env.FUZZ_CASE !== '' ? Number(process.env.FUZZ_CASE) : undefined
const SAMPLE = Number(process.env.FUZZ_SAMPLE ?? 60) || 60
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 30000) || 30000
const DUMP_DIR = path.join(tmpdir(), 'spec-template-check-fuzz')

const out = (s: string): void => void writeSync(2, s.endsWith('\n') ? s : s + '\n')
const replay = (index: number): string => `FUZZ_SEED=${SEED} FUZZ_CASE=${index} npm run fuzz`

/**
 * A hang in the engine would block this (synchronous) loop forever, and jest
 * cannot interrupt it: a watchdog thread watches the case counter and, when
 * one case runs for longer than FUZZ_HANG_MS, prints how to replay it and
 * kills the process.
 */
function startWatchdog(shared: Int32Array, info: Uint8Array): Worker {
  const code = `
    const { workerData } = require('node:worker_threads')
    const { writeSync } = require('node:fs')
    const counter = new Int32Array(workerData.shared)
    const info = new Uint8Array(workerData.info)
    let last = -1, since = Date.now()
    setInterval(() => {
      const now = Atomics.load(counter, 1)
      if (now !== last) { last = now; since = Date.now(); return }
      if (Atomics.load(counter, 2) === 1) return // idle, between runs
      if (Date.now() - since > workerData.hangMs) {
        const end = info.indexOf(0)
        const desc = Buffer.from(info.subarray(0, end === -1 ? info.length : end)).toString('utf8')
        writeSync(2, '\\nfuzz: HANG: case ' + Atomics.load(counter, 0) + ' (seed ' + workerData.seed + ') has run for over ' + workerData.hangMs + ' ms: ' + desc +
          '\\nfuzz: replay with FUZZ_SEED=' + workerData.seed + ' FUZZ_CASE=' + Atomics.load(counter, 0) + ' npm run fuzz\\n')
        process.kill(process.pid, 'SIGKILL')
      }
    }, 250)
  `
  const w = new Worker(code, { eval: true, workerData: { shared: shared.buffer, info: info.buffer, hangMs: HANG_MS, seed: SEED } })
  w.unref()
  return w
}

function dump(r: CaseResult): string | undefined {
  if (r.input === undefined) return undefined
  try {
    mkdirSync(DUMP_DIR, { recursive: true })
    const file = path.join(DUMP_DIR, `seed-${SEED}-case-${r.index}.rst`)
    writeFileSync(file, r.input)
    return file
  } catch {
    return undefined
  }
}

describe('fuzz: the engine on mutated specs, templates and random bytes', () => {
  const timeout = Math.max(60_000, CASES * 50)

  test(
    `${ONLY !== undefined ? `case ${ONLY}` : `${CASES} cases`}, seed ${SEED}: no exception, lines inside the file, deterministic, < ${TIME_BOUND_MS} ms each`,
    async () => {
      await loadReader('markdown')
      const seeds = loadSeeds(SAMPLE)
      const ctx = createContext(seeds)
      const shared = new Int32Array(new SharedArrayBuffer(12))
      const info = new Uint8Array(new SharedArrayBuffer(1024))
      const watchdog = startWatchdog(shared, info)
      const encoder = new TextEncoder()
      const indices = ONLY !== undefined ? [ONLY] : Array.from({ length: CASES }, (_, i) => i)
      const failures: CaseResult[] = []
      const bySignature = new Map<string, { count: number; first: CaseResult; message: string }>()
      let slowest: CaseResult | undefined
      const kinds = new Map<string, number>()
      const slowestOf = new Map<string, CaseResult>()
      let slowestFix: CaseResult | undefined
      const started = performance.now()
      out(
        `fuzz: seed ${SEED}, ${indices.length} case(s), ${seeds.specs.length} seed specs, ${seeds.templates.length} templates` +
          `${seeds.corpus ? '' : ' (../shared/corpus not present: repository seeds only)'}`
      )
      try {
        for (const index of indices) {
          Atomics.store(shared, 0, index)
          Atomics.add(shared, 1, 1)
          info.fill(0)
          info.set(encoder.encode(`case ${index}`).subarray(0, 1000))
          const r = runCase(ctx, SEED, index)
          const kind = /^(config|glob|template)\b/.exec(r.desc)?.[1] ?? (/^md template\b|\| md tpl /.test(r.desc) ? 'markdown' : 'spec')
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
          if (r.ms > (slowestOf.get(kind)?.ms ?? -1)) slowestOf.set(kind, { ...r, input: undefined })
          if (!slowest || r.ms > slowest.ms) slowest = { ...r, input: undefined }
          if (r.fixMs !== undefined && (!slowestFix || r.fixMs > slowestFix.fixMs!)) slowestFix = { ...r, input: undefined }
          if (ONLY !== undefined) {
            out(`fuzz: case ${index}: ${r.desc}\nfuzz: slowest call ${r.slowest} ${r.ms.toFixed(1)} ms${r.fixMs !== undefined ? `, fixText ${r.fixMs.toFixed(1)} ms` : ''}`)
            const file = dump(r)
            if (file) out(`fuzz: input written to ${file}`)
          }
          if (r.failures.length) {
            failures.push({ ...r, input: undefined })
            const file = dump(r)
            for (const m of r.failures) {
              // Group by message without numbers, so one bug is listed once.
              const sig = m.replace(/\d+/g, 'N').slice(0, 160)
              const g = bySignature.get(sig)
              if (g) g.count++
              else {
                bySignature.set(sig, { count: 1, first: r, message: m })
                out(`fuzz: FAIL case ${index}: ${m}\n  case: ${r.desc.slice(0, 600)}\n  replay: ${replay(index)}${file ? `\n  input: ${file}` : ''}`)
              }
            }
          }
          if (ONLY === undefined && (index + 1) % 10000 === 0) {
            out(`fuzz: ${index + 1} cases, ${failures.length} failing, ${((performance.now() - started) / 1000).toFixed(0)} s`)
          }
        }
      } finally {
        Atomics.store(shared, 2, 1)
        void watchdog.terminate()
      }
      const secs = ((performance.now() - started) / 1000).toFixed(1)
      const hangs = failures.filter(f => f.failures.some(m => / took \d+ ms \(bound/.test(m))).length
      out(
        `fuzz summary: seed ${SEED}, ${indices.length} cases, ${failures.length} failures` +
          ` (${bySignature.size} distinct), ${secs} s; ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}; hangs over ${TIME_BOUND_MS} ms: ${hangs}; slowest case ${slowest?.index} ${slowest?.ms.toFixed(1)} ms` +
          ` (${slowest?.slowest}): ${slowest?.desc.slice(0, 300)}` +
          (slowestFix ? `; slowest fixText (not bounded) case ${slowestFix.index} ${slowestFix.fixMs!.toFixed(1)} ms` : '')
      )
      for (const [kind, r] of slowestOf) out(`fuzz: slowest ${kind} case ${r.index} ${r.ms.toFixed(1)} ms (${r.slowest}): ${r.desc.slice(0, 200)}`)
      const distinct = [...bySignature.values()].map(g => `${g.count}x ${g.message.slice(0, 300)} [${replay(g.first.index)}]`)
      expect(distinct).toEqual([])
    },
    timeout
  )
})
