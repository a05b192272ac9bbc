#!/usr/bin/env node
// Behaviour snapshot: what the bundled CLI and action print on the examples,
// the corpora (when ../shared/corpus is present) and the fixed negatives.
// `node scripts/snapshot.mjs OUT` before and after a refactor, then
// `diff -r` the two folders: no difference means no behaviour changed.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.resolve(process.argv[2] ?? 'snapshot')
const corpus = path.resolve(root, '../shared/corpus')
mkdirSync(out, { recursive: true })
const cli = path.join(root, 'dist/cli/index.js')
const action = path.join(root, 'dist/index.js')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'snap-'))
const norm = s => s.split(tmp).join('<tmp>').split(root).join('<root>').replace(/"version": ?"[^"]*"/g, '"version":"<v>"')

function runCli(name, cwd, args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
  writeFileSync(path.join(out, `cli-${name}.txt`), `exit ${r.status}\n--- stdout\n${norm(r.stdout)}\n--- stderr\n${norm(r.stderr)}`)
}

function runAction(name, workspace, inputs) {
  const dir = mkdtempSync(path.join(tmp, 'action-'))
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary'), RUNNER_TEMP: dir }
  for (const f of ['output', 'summary']) writeFileSync(path.join(dir, f), '')
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const r = spawnSync(process.execPath, [action], { cwd: workspace, env, encoding: 'utf8', maxBuffer: 1 << 30 })
  const read = f => norm(readFileSync(path.join(dir, f), 'utf8')).replace(/ghadelimiter_[0-9a-f-]+/g, 'ghadelimiter_<id>')
  writeFileSync(path.join(out, `action-${name}.txt`), `exit ${r.status}\n--- stdout\n${norm(r.stdout)}\n--- stderr\n${norm(r.stderr)}\n--- GITHUB_OUTPUT\n${read('output')}\n--- GITHUB_STEP_SUMMARY\n${read('summary')}`)
}

const examples = path.join(root, 'examples')
for (const fmt of ['text', 'json', 'sarif', 'github']) runCli(`examples-${fmt}`, root, ['--fail-on', 'never', '--format', fmt, 'examples'])
runCli('examples-outline', root, ['--outline', 'examples'])
runAction('examples', root, { scope: 'all', paths: 'examples/**', annotations: 'workflow-commands', 'fail-on': 'error' })

if (existsSync(corpus)) {
  for (const repo of ['nova-specs', 'heat-specs', 'neutron-specs']) {
    const dir = path.join(corpus, repo)
    if (!existsSync(dir)) continue
    runCli(`${repo}-json`, dir, ['--root', dir, '--fail-on', 'never', '--format', 'json', 'specs'])
    runAction(repo, dir, { scope: 'all', paths: 'specs/**/*.rst', annotations: 'workflow-commands', 'fail-on': 'error' })
  }
  const neg = path.join(corpus, 'negatives')
  if (existsSync(neg)) {
    const copy = path.join(tmp, 'negatives')
    cpSync(neg, copy, { recursive: true })
    runCli('negatives-json', copy, ['--root', copy, '--fail-on', 'never', '--format', 'json', '.'])
    runCli('negatives-fix', copy, ['--root', copy, '--fail-on', 'never', '--fix', '.'])
    const fixed = []
    const walk = d => { for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.rst')) fixed.push(`=== ${path.relative(copy, p)}\n${readFileSync(p, 'utf8')}`) } }
    walk(copy)
    writeFileSync(path.join(out, 'negatives-fixed.txt'), fixed.join('\n'))
  }
}
rmSync(tmp, { recursive: true, force: true })
console.log(`snapshot written to ${out}`)
