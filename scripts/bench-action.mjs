// npm run bench:action: the bundled action (dist/index.js), run as the runner
// runs it, against the local zero-latency mock of the GitHub API
// (__tests__/e2e/mock-github.ts, compiled on the fly; 127.0.0.1 only).
// A benchmark, not a test: it prints min and median wall time (whole
// process) and peak RSS over BENCH_RUNS runs (default 10) of:
//   pr-1000   pull request, one changed spec with 1,000 findings (check run)
//   pr-0      pull request, cold start, a clean spec (0 findings)
//   pr-20     pull request, cold start, 20 findings
//   load      `annotations: none`, `scope: all` on one spec (no API call),
//             paired with the CLI bundle on the same files: the load-time cost
//   all-16x   `scope: all` on 16 copies of nova-specs/specs (needs
//             ../shared/corpus; skipped without it), paired with the CLI on
//             the same tree (BENCH_BIG_RUNS runs, default BENCH_RUNS)
//   node scripts/bench-action.mjs [scenario]...   (default: all of them)
//   BENCH_ACTION=path/to/index.js BENCH_CLI=path/to/cli/index.js: other bundles
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('..', import.meta.url))
const action = path.resolve(process.env.BENCH_ACTION ?? path.join(root, 'dist/index.js'))
const cli = path.resolve(process.env.BENCH_CLI ?? path.join(root, 'dist/cli/index.js'))
const nova = path.resolve(root, process.env.BENCH_CORPUS ?? '../shared/corpus', 'nova-specs/specs')
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 10) || 10)
const bigRuns = Math.max(1, Number(process.env.BENCH_BIG_RUNS ?? runs) || runs)
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['pr-1000', 'pr-0', 'pr-20', 'load', 'all-16x'])
for (const f of [action, cli]) {
  if (!existsSync(f)) {
    console.error(`bench:action: ${path.relative(root, f)} missing; run \`npm run bundle\` first`)
    process.exit(1)
  }
}

const tmp = mkdtempSync(path.join(tmpdir(), 'stc-bench-action-'))
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }))

// The mock and the OpenAPI checker it imports, type-stripped (they import node: modules only).
writeFileSync(path.join(tmp, 'package.json'), '{"type":"module"}\n')
for (const name of ['mock-github', 'openapi']) {
  writeFileSync(path.join(tmp, `${name}.js`), ts.transpileModule(readFileSync(path.join(root, `__tests__/e2e/${name}.ts`), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  }).outputText)
}
const mockJs = path.join(tmp, 'mock-github.js')
const { startMockGitHub } = await import(pathToFileURL(mockJs).href)

// Peak RSS of a child: a preload that writes it to BENCH_RSS_FILE on exit.
const preload = path.join(tmp, 'rss.mjs')
writeFileSync(preload, `import { writeFileSync } from 'node:fs'
process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS / 1024)))\n`)
const rssFile = path.join(tmp, 'rss.txt')

const HEAD = 'b'.repeat(40)
const BASE = 'a'.repeat(40)
const TEMPLATE = `=====
Title
=====

Introduction.

Problem description
===================

Describe the problem.

Proposed change
===============

Describe the change.

References
==========

Add references.
`
const GOOD = TEMPLATE.replace('=====\nTitle\n=====', '=============\nFaster widget\n=============').replace('Introduction.', 'Widgets are slow.').replace('Describe the problem.', 'Three calls run one after the other.')
  .replace('Describe the change.', 'Run them in parallel.').replace('Add references.', 'None.')
const longSpec = n => GOOD.replace('Run them in parallel.', `Run them in parallel.\n\n${Array.from({ length: n },
  (_, i) => `Long line ${String(i + 1).padStart(5, '0')} of the proposal goes on and on well past the seventy-nine column limit.`).join('\n\n')}`)

const actionInputs = (() => {
  const out = {}
  let current
  let inInputs = false
  for (const line of readFileSync(path.join(root, 'action.yml'), 'utf8').split('\n')) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:')
    if (!inInputs) continue
    const name = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line)
    if (name) out[(current = name[1])] = ''
    const def = /^ {4}default:\s*'?(.*?)'?\s*$/.exec(line)
    if (def && current) out[current] = def[1] === '${{ github.token }}' ? 'bench-token' : def[1]
  }
  return out
})()

function workspace(name, files) {
  const dir = path.join(tmp, name)
  for (const sub of ['workspace', 'runner', 'temp', 'home']) mkdirSync(path.join(dir, sub), { recursive: true })
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'workspace', f)), { recursive: true })
    writeFileSync(path.join(dir, 'workspace', f), text)
  }
  return dir
}

function run(args, cwd, env) {
  return new Promise(resolve => {
    const t0 = process.hrtime.bigint()
    const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, ...args], {
      cwd,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', BENCH_RSS_FILE: rssFile, ...env },
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', d => (stderr += d))
    child.on('exit', code => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      resolve({ code, ms, rss: Number(readFileSync(rssFile, 'utf8')), stderr })
    })
  })
}

async function runAction(dir, mock, event, payload, inputs) {
  const w = path.join(dir, 'workspace')
  writeFileSync(path.join(dir, 'runner/event.json'), JSON.stringify(payload))
  for (const f of ['summary.md', 'output.txt']) writeFileSync(path.join(dir, 'runner', f), '')
  const env = {
    HOME: path.join(dir, 'home'),
    NO_PROXY: '127.0.0.1,localhost',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: path.join(dir, 'runner/event.json'),
    GITHUB_REPOSITORY: 'octo/specs',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_API_URL: mock.url,
    GITHUB_SERVER_URL: mock.url,
    GITHUB_WORKSPACE: w,
    GITHUB_SHA: HEAD,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_STEP_SUMMARY: path.join(dir, 'runner/summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'runner/output.txt'),
    RUNNER_TEMP: path.join(dir, 'temp'),
    RUNNER_OS: 'Linux'
  }
  for (const [k, v] of Object.entries({ ...actionInputs, ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v
  const r = await run([action], w, env)
  if (r.code !== 0 && r.code !== 1) {
    console.error(`bench:action: the action exited ${r.code}\n${r.stderr}`)
    process.exit(1)
  }
  return r
}

const prPayload = (n, changed) => ({
  action: 'synchronize',
  number: n,
  pull_request: { number: n, changed_files: changed, head: { sha: HEAD, ref: 'f', repo: { full_name: 'octo/specs' } }, base: { sha: BASE, ref: 'main', repo: { full_name: 'octo/specs' } } },
  repository: { name: 'specs', full_name: 'octo/specs', owner: { login: 'octo' } }
})
const pushPayload = { ref: 'refs/heads/main', before: BASE, after: HEAD, repository: { name: 'specs', full_name: 'octo/specs', owner: { login: 'octo' } } }

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const min = xs => Math.min(...xs)
const line = (label, ms, rss) => console.log(`${label.padEnd(44)}${min(ms).toFixed(1).padStart(9)}${median(ms).toFixed(1).padStart(11)}${Math.max(...rss).toFixed(1).padStart(14)}`)

console.log(`bench:action: ${path.relative(root, action)} (and ${path.relative(root, cli)}), node ${process.version}, zero-latency mock API`)
console.log(`${'scenario'.padEnd(44)}${'min ms'.padStart(9)}${'median ms'.padStart(11)}${'peak RSS MiB'.padStart(14)}`)

async function prScenario(label, findings) {
  const spec = findings ? longSpec(findings) : GOOD
  const dir = workspace(label, { 'specs/template.rst': TEMPLATE, 'specs/spec.rst': spec })
  const ms = []
  const rss = []
  let requests = 0
  let annotations = 0
  for (let i = 0; i < runs; i++) {
    const mock = await startMockGitHub({ openapi: false, pullFiles: { 7: [{ filename: 'specs/spec.rst', status: 'modified' }] } })
    const r = await runAction(dir, mock, 'pull_request', prPayload(7, 1), { rules: 'line-length=error' })
    ms.push(r.ms)
    rss.push(r.rss)
    requests = mock.requests.length
    annotations = mock.checkRuns.reduce((n, c) => n + c.annotations.length, 0)
    await mock.close()
  }
  line(`${label} (${annotations} annotations, ${requests} requests)`, ms, rss)
}

if (wanted.has('pr-1000')) await prScenario('pr-1000', 1000)
if (wanted.has('pr-0')) await prScenario('pr-0', 0)
if (wanted.has('pr-20')) await prScenario('pr-20', 20)

async function paired(label, dir, n, cliArgs, inputs) {
  const a = { ms: [], rss: [] }
  const c = { ms: [], rss: [] }
  let requests = 0
  const mock = await startMockGitHub({ openapi: false })
  for (let i = 0; i < n; i++) {
    const before = mock.requests.length
    const r = await runAction(dir, mock, 'push', pushPayload, inputs)
    requests = mock.requests.length - before
    a.ms.push(r.ms)
    a.rss.push(r.rss)
    const k = await run([cli, ...cliArgs], path.join(dir, 'workspace'), { HOME: path.join(dir, 'home') })
    if (k.code !== 0 && k.code !== 1) {
      console.error(`bench:action: the CLI exited ${k.code}\n${k.stderr}`)
      process.exit(1)
    }
    c.ms.push(k.ms)
    c.rss.push(k.rss)
  }
  await mock.close()
  line(`${label} action (${requests} requests)`, a.ms, a.rss)
  line(`${label} CLI`, c.ms, c.rss)
  console.log(`${`${label} action - CLI`.padEnd(44)}${(min(a.ms) - min(c.ms)).toFixed(1).padStart(9)}${(median(a.ms) - median(c.ms)).toFixed(1).padStart(11)}`)
  console.log(`${`${label} action / CLI`.padEnd(44)}${(min(a.ms) / min(c.ms)).toFixed(2).padStart(8)}x${(median(a.ms) / median(c.ms)).toFixed(2).padStart(10)}x`)
}

if (wanted.has('load')) {
  const dir = workspace('load', { 'specs/template.rst': TEMPLATE, 'specs/spec.rst': GOOD })
  await paired('load', dir, runs, ['--fail-on', 'never', 'specs'], { annotations: 'none', scope: 'all', summary: 'false' })
}

if (wanted.has('all-16x')) {
  if (!existsSync(nova)) console.log(`all-16x: skipped, ${nova} not present`)
  else {
    const dir = workspace('all-16x', {})
    for (let i = 0; i < 16; i++) cpSync(nova, path.join(dir, 'workspace/specs', `copy${String(i).padStart(2, '0')}`), { recursive: true, verbatimSymlinks: true })
    await paired('all-16x', dir, bigRuns, ['--format', 'json', '--output', path.join(dir, 'temp/cli.json'), '--fail-on', 'never', 'specs'],
      { scope: 'all', 'fail-on': 'never' })
  }
}
