// The parser's floor for `npm run bench` on Markdown corpora: what any
// checker that reads Markdown with markdown-it must at least do. The floor
// (scripts/floor.mjs: one open and read per file, one linear pass), then
// markdown-it's block parse of each text, configured as the Markdown reader
// configures it (src/engine/markdown/markdown-it.ts: html on; the core rules
// inline, linkify, replacements, smartquotes and text_join off), with stock
// markdown-it (no rule of ours). Prints `floor {json}` like floor.mjs, plus
// the module load and the parse time, to stderr.
import { readFileSync } from 'node:fs'

const started = performance.now()
const { default: MarkdownIt } = await import('markdown-it')
const loaded = performance.now()
let names = process.argv.slice(2)
if (names.length === 1 && names[0].startsWith('@')) names = readFileSync(names[0].slice(1), 'utf8').split('\n').filter(Boolean)
const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false })
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'])
let bytes = 0
let lines = 0
let tokens = 0
let parseMs = 0
for (const name of names) {
  const b = readFileSync(name)
  bytes += b.length
  for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++
  const t = performance.now()
  tokens += md.parse(b.toString('utf8'), {}).length
  parseMs += performance.now() - t
}
const stats = {
  files: names.length,
  bytes,
  lines,
  tokens,
  loadMs: +(loaded - started).toFixed(1),
  parseMs: +parseMs.toFixed(1),
  ms: +(performance.now() - started).toFixed(1),
  peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1)
}
process.stderr.write(`floor ${JSON.stringify(stats)}\n`)
