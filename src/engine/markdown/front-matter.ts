/**
 * YAML front matter: a first line `---`, up to the next `---` or `...` line.
 * GitHub shows it as a table and renders no heading from it, so the parser
 * blanks these lines before reading the Markdown.
 */
import { parseDocument, isMap, isScalar, LineCounter } from 'yaml'
import type { FrontMatter } from './types.js'

const OPEN = /^---[ \t]*$/
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/
/** A top-level `key:` line, used when the block is not valid YAML. */
const KEY_LINE = /^([^\s#:'"\-?][^:]*?):(?:[ \t]|$)/

/** Index of the closing line, or -1 when the text has no front matter. */
export function frontMatterEnd(lines: readonly string[]): number {
  if (lines.length < 2 || !OPEN.test(lines[0]!)) return -1
  for (let i = 1; i < lines.length; i++) if (CLOSE.test(lines[i]!)) return i
  return -1
}

/** The front matter of these lines, or undefined when there is none. */
export function readFrontMatter(lines: readonly string[]): FrontMatter | undefined {
  const end = frontMatterEnd(lines)
  if (end < 0) return undefined
  const body = lines.slice(1, end)
  const fm: FrontMatter = { line: 1, endLine: end + 1, keys: [] }
  if (body.every(l => l.trim() === '' || l.trimStart().startsWith('#'))) return fm
  const counter = new LineCounter()
  const doc = parseDocument(body.join('\n'), { lineCounter: counter, prettyErrors: false, uniqueKeys: false })
  if (doc.errors.length === 0 && isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key)
      const offset = isScalar(item.key) && item.key.range ? item.key.range[0] : 0
      fm.keys.push({ key, line: counter.linePos(offset).line + 1 })
    }
    return fm
  }
  fm.error = doc.errors.length ? `front matter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` : 'front matter is not a YAML mapping'
  body.forEach((l, i) => {
    const m = KEY_LINE.exec(l)
    if (m) fm.keys.push({ key: m[1]!.trim(), line: i + 2 })
  })
  return fm
}
