// The floor for `npm run bench`: what any checker of these files must at
// least do. Reads every file named on the command line (relative to the
// working directory; `@list` reads the names from a file, one a line), one
// open and read each, and makes one linear pass over the bytes (lines,
// longest line, trailing blanks, carriage returns, tabs), then prints
// `floor {json}` with files, bytes, lines, ms (inside the process) and peak
// RSS to stderr. No dependencies: node alone, started like the CLI.
import { readFileSync } from 'node:fs'

const started = performance.now()
let names = process.argv.slice(2)
if (names.length === 1 && names[0].startsWith('@')) names = readFileSync(names[0].slice(1), 'utf8').split('\n').filter(Boolean)
let bytes = 0
let lines = 0
let longest = 0
let trailing = 0
let cr = 0
let tabs = 0
for (const name of names) {
  const b = readFileSync(name)
  bytes += b.length
  let start = 0
  for (let i = 0; i < b.length; i++) {
    const c = b[i]
    if (c === 10) {
      lines++
      if (i - start > longest) longest = i - start
      if (i > start && (b[i - 1] === 32 || b[i - 1] === 9)) trailing++
      start = i + 1
    } else if (c === 13) cr++
    else if (c === 9) tabs++
  }
}
const stats = {
  files: names.length,
  bytes,
  lines,
  longest,
  trailing,
  cr,
  tabs,
  ms: +(performance.now() - started).toFixed(1),
  peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1)
}
process.stderr.write(`floor ${JSON.stringify(stats)}\n`)
