// npm run bench: checks every nova spec that upstream checks, in one process
// of the bundled CLI, and prints files, total ms (including process start),
// files/s, p50/p95/max ms per file and peak RSS. Needs ../shared/corpus.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const nova = path.resolve(root, '../shared/corpus/nova-specs')
const cli = path.join(root, 'dist/cli/index.js')
if (!existsSync(nova)) {
  console.log(`bench: skipped, ${nova} not present`)
  process.exit(0)
}
if (!existsSync(cli)) {
  console.error('bench: dist/cli/index.js missing; run `npm run bundle` first')
  process.exit(1)
}
const rows = readFileSync(path.join(nova, 'reference-verdicts.tsv'), 'utf8').trim().split('\n').slice(1)
const files = [...new Set(rows.map(r => r.split('\t')[0]))]
const runs = Number(process.env.BENCH_RUNS ?? 5)
const tmp = mkdtempSync(path.join(tmpdir(), 'stc-bench-'))
const args = [cli, '--optional-sections', 'History,Feature Liaison,Upgrade impact',
  '--format', 'json', '--output', path.join(tmp, 'report.json'), '--fail-on', 'never', '--stats', ...files]
const walls = []
let stats
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: nova })
  const wall = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) {
    console.error(r.stderr)
    process.exit(1)
  }
  walls.push(wall)
  stats = JSON.parse(/stats (\{.*\})/.exec(r.stderr)[1])
}
const report = JSON.parse(readFileSync(path.join(tmp, 'report.json'), 'utf8'))
rmSync(tmp, { recursive: true, force: true })
walls.sort((a, b) => a - b)
const median = walls[Math.floor(walls.length / 2)]
console.log(`files             ${stats.files}`)
console.log(`total ms          ${median.toFixed(1)} (median of ${runs} runs, whole process incl. start; min ${walls[0].toFixed(1)}, max ${walls[walls.length - 1].toFixed(1)})`)
console.log(`check ms          ${stats.totalMs} (inside the process: read, scan, check)`)
console.log(`files/s           ${Math.round(stats.files / (median / 1000))} (whole process), ${stats.filesPerSecond} (checking only)`)
console.log(`per file ms       p50 ${stats.p50Ms}  p95 ${stats.p95Ms}  max ${stats.maxMs}`)
console.log(`peak RSS          ${stats.peakRssMiB} MiB`)
console.log(`findings          ${report.summary.errors} errors, ${report.summary.warnings} warnings`)
console.log(`node              ${process.version}`)
