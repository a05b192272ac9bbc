#!/usr/bin/env node
/**
 * Line coverage of every folder of src/ (the files directly in it), read from
 * coverage/coverage-summary.json (written by `npm test -- --coverage`, the
 * json-summary reporter). Prints one row per folder, its least covered
 * files with --files, and exits 1 when a folder is at or under the bar
 * (85% of lines; --min N to change it).
 *
 *   npm test -- --coverage && npm run coverage:folders [-- --files]
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const showFiles = args.includes('--files')
const minAt = args.indexOf('--min')
const MIN = minAt >= 0 ? Number(args[minAt + 1]) : 85
const summaryPath = path.join(ROOT, 'coverage', 'coverage-summary.json')

if (!existsSync(summaryPath)) {
  console.error(`${path.relative(process.cwd(), summaryPath)} not found: run \`npm test -- --coverage\` first`)
  process.exit(2)
}

/** @type {Record<string, { lines: { total: number, covered: number, pct: number } }>} */
const summary = JSON.parse(readFileSync(summaryPath, 'utf8'))
const src = path.join(ROOT, 'src') + path.sep

/** @type {Map<string, { covered: number, total: number, files: { name: string, covered: number, total: number }[] }>} */
const folders = new Map()
for (const [file, data] of Object.entries(summary)) {
  if (file === 'total' || !file.startsWith(src)) continue
  const rel = file.slice(src.length).split(path.sep).join('/')
  const folder = rel.includes('/') ? `src/${rel.slice(0, rel.lastIndexOf('/'))}/` : 'src/'
  const f = folders.get(folder) ?? { covered: 0, total: 0, files: [] }
  f.covered += data.lines.covered
  f.total += data.lines.total
  f.files.push({ name: rel, covered: data.lines.covered, total: data.lines.total })
  folders.set(folder, f)
}

const pct = (covered, total) => (total === 0 ? 100 : (100 * covered) / total)
const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b))
const width = Math.max(...rows.map(([name]) => name.length), 'folder'.length)
let failing = 0
console.log(`${'folder'.padEnd(width)}  ${'lines'.padStart(7)}  ${'covered/total'.padStart(13)}`)
for (const [name, f] of rows) {
  const p = pct(f.covered, f.total)
  const ok = p > MIN
  if (!ok) failing++
  console.log(`${name.padEnd(width)}  ${p.toFixed(2).padStart(6)}%  ${`${f.covered}/${f.total}`.padStart(13)}${ok ? '' : `  <= ${MIN}%`}`)
  if (showFiles) {
    for (const file of f.files.sort((a, b) => pct(a.covered, a.total) - pct(b.covered, b.total))) {
      const fp = pct(file.covered, file.total)
      if (fp < 100) console.log(`  ${file.name.padEnd(width + 4)}${fp.toFixed(2).padStart(6)}%  ${`${file.covered}/${file.total}`.padStart(11)}`)
    }
  }
}
const total = summary.total?.lines
if (total) console.log(`${'all of src/'.padEnd(width)}  ${total.pct.toFixed(2).padStart(6)}%  ${`${total.covered}/${total.total}`.padStart(13)}`)
if (failing) {
  console.error(`${failing} folder(s) at or under ${MIN}% of lines`)
  process.exit(1)
}
