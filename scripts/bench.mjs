// npm run bench: the bundled CLI against the floor (scripts/floor.mjs: node
// reading every file once and making one linear pass over its bytes) on the
// same files, in one run, for each corpus of ../shared/corpus that is present:
//   nova      nova-specs, every spec upstream checks (RST: the full check)
//   markdown  openshift-enhancements: every enhancement (606 Markdown files)
//             checked against guidelines/enhancement_template.md, nothing
//             else configured (the full check)
//   outline   openshift-enhancements, every Markdown file (--outline only)
// Runs are paired (floor, then CLI, BENCH_RUNS times, default 10) and timed
// as whole processes including node's start. Prints min and median wall
// time of each, their ratio, the CLI's per-file p50/p95/max (from --stats,
// median over the runs), files per second inside the CLI and the peak RSS
// of each; for Markdown also the module load of the parser (markdown-it)
// and the parser's floor (scripts/floor-markdown-it.mjs: the floor plus
// stock markdown-it's block parse of every file, in a fresh process: what
// any checker reading Markdown with markdown-it must at least do).
//   node scripts/bench.mjs [nova|markdown|outline]...   (default: all three)
//   BENCH_CLI=path/to/cli/index.js              (default: dist/cli/index.js)
//   BENCH_CORPUS=dir                            (default: ../shared/corpus)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const corpusRoot = path.resolve(root, process.env.BENCH_CORPUS ?? '../shared/corpus')
const cli = path.resolve(process.env.BENCH_CLI ?? path.join(root, 'dist/cli/index.js'))
const floor = path.join(root, 'scripts/floor.mjs')
const parserFloor = path.join(root, 'scripts/floor-markdown-it.mjs')
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 10) || 10)
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ['nova', 'markdown', 'outline']

if (!existsSync(corpusRoot)) {
  console.log(`bench: skipped, ${corpusRoot} not present`)
  process.exit(0)
}
if (!existsSync(cli)) {
  console.error(`bench: ${path.relative(root, cli)} missing; run \`npm run bundle\` first`)
  process.exit(1)
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const min = xs => Math.min(...xs)
const f1 = x => x.toFixed(1).padStart(8)

function timed(args, cwd) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd, maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) {
    console.error(`bench: ${path.basename(args[0])} exited ${r.status}\n${r.stderr}`)
    process.exit(1)
  }
  return { ms, stderr: r.stderr }
}

const json = (tag, stderr) => JSON.parse(new RegExp(`^${tag} (\\{.*\\})$`, 'm').exec(stderr)[1])

const corpora = {
  nova() {
    const dir = path.join(corpusRoot, 'nova-specs')
    const rows = readFileSync(path.join(dir, 'reference-verdicts.tsv'), 'utf8').trim().split('\n').slice(1)
    const files = [...new Set(rows.map(r => r.split('\t')[0]))]
    const tmp = mkdtempSync(path.join(tmpdir(), 'stc-bench-'))
    const report = path.join(tmp, 'report.json')
    return {
      title: 'nova-specs (RST, full check)',
      dir,
      files,
      args: ['--optional-sections', 'History,Feature Liaison,Upgrade impact', '--format', 'json', '--output', report,
        '--fail-on', 'never', '--stats', ...files],
      after() {
        const r = JSON.parse(readFileSync(report, 'utf8'))
        rmSync(tmp, { recursive: true, force: true })
        return `findings          ${r.summary.errors} errors, ${r.summary.warnings} warnings`
      }
    }
  },
  markdown() {
    const dir = path.join(corpusRoot, 'openshift-enhancements')
    const rows = existsSync(dir) ? readFileSync(path.join(dir, 'reference-verdicts.tsv'), 'utf8').trim().split('\n').slice(1) : []
    const files = [...new Set(rows.map(r => r.split('\t')[0]))]
    const tmp = mkdtempSync(path.join(tmpdir(), 'stc-bench-'))
    const report = path.join(tmp, 'report.json')
    return {
      title: 'openshift-enhancements (Markdown, full check against guidelines/enhancement_template.md)',
      dir,
      files,
      args: ['--template', 'guidelines/enhancement_template.md', '--format', 'json', '--output', report, '--fail-on', 'never', '--stats', ...files],
      parser: true,
      after() {
        const r = JSON.parse(readFileSync(report, 'utf8'))
        rmSync(tmp, { recursive: true, force: true })
        return `findings          ${r.summary.errors} errors, ${r.summary.warnings} warnings\n${markdownItLoad()}`
      }
    }
  },
  outline() {
    const dir = path.join(corpusRoot, 'openshift-enhancements')
    const files = existsSync(dir) ? readFileSync(path.join(dir, 'cmark-headings.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l).file) : []
    return {
      title: 'openshift-enhancements (Markdown, --outline)',
      dir,
      files,
      args: ['--outline', '--stats', ...files],
      parser: true,
      after: markdownItLoad
    }
  }
}

/** Module load: markdown-it imported alone in a fresh process, against an empty import. */
function markdownItLoad() {
  const load = spec => median(Array.from({ length: runs }, () => Number(timed(['--input-type=module', '-e',
    `const t=performance.now();await import(${JSON.stringify(spec)});process.stderr.write(String(performance.now()-t))`], root).stderr)))
  return `markdown-it load  ${(load('markdown-it') - load('node:path')).toFixed(1)} ms (import in a fresh process, unbundled)`
}

console.log(`bench: ${path.relative(root, cli)} vs scripts/floor.mjs, ${runs} paired runs each, node ${process.version}`)
for (const name of wanted) {
  if (!corpora[name]) {
    console.error(`bench: unknown corpus ${name} (nova, markdown, outline)`)
    process.exit(2)
  }
  const c = corpora[name]()
  if (!existsSync(c.dir)) {
    console.log(`\n${c.title}: skipped, ${c.dir} not present`)
    continue
  }
  const bytes = c.files.reduce((n, f) => n + statSync(path.join(c.dir, f)).size, 0)
  const fl = { ms: [], rss: [] }
  const cl = { ms: [], rss: [], p50: [], p95: [], max: [], inner: [] }
  const pf = { ms: [], rss: [], parse: [], load: [] }
  for (let i = 0; i < runs; i++) {
    const a = timed([floor, ...c.files], c.dir)
    const fs = json('floor', a.stderr)
    fl.ms.push(a.ms)
    fl.rss.push(fs.peakRssMiB)
    if (c.parser) {
      const p = timed([parserFloor, ...c.files], c.dir)
      const ps = json('floor', p.stderr)
      pf.ms.push(p.ms)
      pf.rss.push(ps.peakRssMiB)
      pf.parse.push(ps.parseMs)
      pf.load.push(ps.loadMs)
    }
    const b = timed([cli, ...c.args], c.dir)
    const st = json('stats', b.stderr)
    cl.ms.push(b.ms)
    cl.rss.push(st.peakRssMiB)
    cl.p50.push(st.p50Ms)
    cl.p95.push(st.p95Ms)
    cl.max.push(st.maxMs)
    cl.inner.push(st.totalMs)
  }
  console.log(`\n${c.title}: ${c.files.length} files, ${(bytes / 1e6).toFixed(1)} MB`)
  console.log(`                   min ms  median ms  peak RSS MiB`)
  console.log(`floor           ${f1(min(fl.ms))}  ${f1(median(fl.ms))}  ${f1(Math.max(...fl.rss))}`)
  console.log(`CLI             ${f1(min(cl.ms))}  ${f1(median(cl.ms))}  ${f1(Math.max(...cl.rss))}`)
  if (c.parser) console.log(`floor+markdown-it${f1(min(pf.ms)).slice(1)}  ${f1(median(pf.ms))}  ${f1(Math.max(...pf.rss))}`)
  console.log(`CLI / floor     ${(min(cl.ms) / min(fl.ms)).toFixed(2).padStart(7)}x ${(median(cl.ms) / median(fl.ms)).toFixed(2).padStart(9)}x`)
  if (c.parser) {
    console.log(`floor+markdown-it / floor ${(min(pf.ms) / min(fl.ms)).toFixed(2)}x min, ${(median(pf.ms) / median(fl.ms)).toFixed(2)}x median: stock markdown-it's block parse alone, median ${median(pf.parse).toFixed(1)} ms (${(median(pf.parse) / c.files.length).toFixed(3)} ms per file) after a ${median(pf.load).toFixed(1)} ms import`)
  }
  console.log(`CLI inside      median ${median(cl.inner).toFixed(1)} ms (read and check, without start-up)`)
  console.log(`CLI per file    p50 ${median(cl.p50)} ms  p95 ${median(cl.p95)} ms  max ${median(cl.max)} ms (medians over the runs)`)
  console.log(`CLI files/s     ${Math.round(c.files.length / (median(cl.inner) / 1000))} (inside: ${(median(cl.inner) / c.files.length).toFixed(3)} ms per file)`)
  console.log(c.after())
}
