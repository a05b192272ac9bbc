/**
 * YAML front matter: a first line `---`, up to the next `---` or `...` line.
 * GitHub shows it as a table and renders no heading from it, so the parser
 * blanks these lines before reading the Markdown.
 */
import type { FrontMatter } from './types.js'

const OPEN = /^---[ \t]*$/
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/
/** A top-level `key:` line of a YAML block mapping (plain or quoted key). */
const KEY_LINE = /^(?:"((?:[^"\\]|\\.)*)"[ \t]*|'((?:[^']|'')*)'[ \t]*|([^\s#:'"\-?[\]{}|>&*!%@`,][^:#]*|-[^\s:#][^:#]*)):(?:[ \t]|$)/

/** Index of the closing line, or -1 when the text has no front matter. */
export function frontMatterEnd(lines: readonly string[]): number {
  if (lines.length < 2 || !OPEN.test(lines[0]!)) return -1
  for (let i = 1; i < lines.length; i++) if (CLOSE.test(lines[i]!)) return i
  return -1
}

/**
 * The front matter of these lines, or undefined when there is none. Keys are
 * read from the unindented `key:` lines (a YAML block mapping), without a
 * YAML parser: the action only needs which keys are there. A line at the
 * left margin that is neither a key, a comment nor blank is reported.
 */
export function readFrontMatter(lines: readonly string[]): FrontMatter | undefined {
  const end = frontMatterEnd(lines)
  if (end < 0) return undefined
  const fm: FrontMatter = { line: 1, endLine: end + 1, keys: [] }
  for (let i = 1; i < end; i++) {
    const l = lines[i]!
    if (/^(?:[ \t]|#|$)/.test(l)) continue
    const m = KEY_LINE.exec(l)
    if (m) fm.keys.push({ key: m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]!.trim(), line: i + 1 })
    else if (/^- /.test(l) && fm.keys.length) continue // a sequence under the previous key, written at the margin
    else fm.error ??= `front matter line ${i + 1} is not a "key: value" line`
  }
  return fm
}
