// npm run bench:markdown: reads every Markdown file of the OpenShift
// enhancements corpus with the bundled CLI (--outline --stats, one process)
// and prints per-file p50/p95, files/s, peak RSS, and what loading the
// Markdown parser costs at start-up. Needs ../shared/corpus and the bundle.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const corpus = path.resolve(root, '../shared/corpus/openshift-enhancements')
const cli = path.join(root, 'dist/cli/index.js')
if (!existsSync(corpus)) {
  console.log(`bench:markdown: skipped, ${corpus} not present`)
  process.exit(0)
}
if (!existsSync(cli)) {
  console.error('bench:markdown: dist/cli/index.js missing; run `npm run bundle` first')
  process.exit(1)
}
const files = readFileSync(path.join(corpus, 'cmark-headings.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l).file)
const runs = Number(process.env.BENCH_RUNS ?? 5)
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function wall(args, cwd) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd, maxBuffer: 1 << 28 })
  if (r.status !== 0) {
    console.error(r.stderr)
    process.exit(1)
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, stderr: r.stderr }
}

const walls = []
let stats
for (let i = 0; i < runs; i++) {
  const r = wall([cli, '--outline', '--stats', ...files], corpus)
  walls.push(r.ms)
  stats = JSON.parse(/stats (\{.*\})/.exec(r.stderr)[1])
}
// Module load: markdown-it imported alone, in a fresh process, against an empty import.
const load = spec => median(Array.from({ length: runs }, () =>
  wall(['--input-type=module', '-e', `const t=performance.now();await import(${JSON.stringify(spec)});process.stderr.write(String(performance.now()-t))`], root).stderr).map(Number))
const loadMs = load('markdown-it') - load('node:path')
const startMs = median(Array.from({ length: runs }, () => wall([cli, '--version'], root).ms))
console.log(`files             ${stats.files}`)
console.log(`total ms          ${median(walls).toFixed(1)} (median of ${runs} runs, whole process incl. start)`)
console.log(`outline ms        ${stats.totalMs} (inside the process: read, decode, parse)`)
console.log(`files/s           ${Math.round(stats.files / (median(walls) / 1000))} (whole process), ${stats.filesPerSecond} (parsing only)`)
console.log(`per file ms       p50 ${stats.p50Ms}  p95 ${stats.p95Ms}  max ${stats.maxMs}`)
console.log(`peak RSS          ${stats.peakRssMiB} MiB`)
console.log(`markdown-it load  ${loadMs.toFixed(1)} ms (import in a fresh process, unbundled); CLI start (--version) ${startMs.toFixed(1)} ms`)
console.log(`node              ${process.version}`)
