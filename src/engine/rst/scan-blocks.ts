/**
 * Block recognisers for the RST scanner: how docutils 0.19 classifies the
 * first line of a block (`Body.patterns`) and how many lines each construct
 * takes (`StringList.get_indented`, `get_text_block`, the table isolators,
 * the simple markers). Enumerators are in scan-enum.ts, explicit markup in
 * scan-explicit.ts. Lines are docutils lines: tabs expanded, trailing
 * whitespace stripped.
 */

import { isPyBlank, isPyBlankPrefix, isPySpace, isUnicodeBullet, pyStrip } from './scan-text.js'

export interface Indented {
  /** Index after the last line of the block. */
  end: number
  /** Common indentation of the lines after the first (0 when none). */
  indent: number
}

/**
 * `StringList.get_indented(start, until_blank, strip_indent, block_indent,
 * first_indent)`: the block of indented (or blank) lines from `start`.
 * Lines are right-stripped, so a blank line is an empty one.
 */
export function getIndented(
  lines: readonly string[],
  start: number,
  untilBlank = false,
  blockIndent?: number,
  firstIndent?: number
): Indented {
  let indent = blockIndent ?? -1
  let end = start
  if (blockIndent !== undefined && firstIndent === undefined) firstIndent = blockIndent
  if (firstIndent !== undefined) end++
  for (; end < lines.length; end++) {
    const line = lines[end]
    if (line === '') {
      if (untilBlank) break
      continue
    }
    if (line.charCodeAt(0) !== 32 || (blockIndent !== undefined && !isPyBlankPrefix(line, blockIndent))) break
    if (blockIndent === undefined) {
      let k = 1
      while (k < line.length && line.charCodeAt(k) === 32) k++
      while (k < line.length && isPySpace(line.charCodeAt(k))) k++
      if (indent < 0 || k < indent) indent = k
    }
  }
  return { end, indent: indent < 0 ? 0 : indent }
}

/**
 * `StringList.get_text_block(start, flush_left)`: the index after the lines
 * up to the next blank one (with `flushLeft`, also up to the first indented
 * one). Lines are right-stripped, so a blank line is an empty one.
 */
export function getTextBlock(lines: readonly string[], start: number, flushLeft: boolean): number {
  let end = start
  while (end < lines.length) {
    const line = lines[end]
    if (line === '' || (flushLeft && line.charCodeAt(0) === 32)) break
    end++
  }
  return end
}

/** `(?<!\\)(\\\\)*::$` on a paragraph's last line: a literal block follows. */
export function endsWithLiteralMarker(lastLine: string): boolean {
  if (!lastLine.endsWith('::')) return false
  let k = lastLine.length - 3
  let backslashes = 0
  while (k >= 0 && lastLine.charCodeAt(k) === 92) {
    backslashes++
    k--
  }
  return backslashes % 2 === 0
}

/** End of the match of `pattern( +|$)` when `pattern` matched `len` characters, or -1. */
export function spacesOrEnd(line: string, len: number): number {
  if (len === line.length) return len
  if (line.charCodeAt(len) !== 32) return -1
  let k = len
  while (k < line.length && line.charCodeAt(k) === 32) k++
  return k
}

/** `bullet`: `[-+*\u2022\u2023\u2043]( +|$)`. */
export function matchBullet(line: string): number {
  const c = line.charCodeAt(0)
  return c === 0x2d || c === 0x2b || c === 0x2a || isUnicodeBullet(c) ? spacesOrEnd(line, 1) : -1
}

/** `doctest`: `>>>( +|$)`. */
export function matchDoctest(line: string): boolean {
  return line.startsWith('>>>') && spacesOrEnd(line, 3) >= 0
}

/** `line_block`: `\|( +|$)`. */
export function matchLineBlock(line: string): number {
  return line[0] === '|' ? spacesOrEnd(line, 1) : -1
}

/** `explicit_markup`: `\.\.( +|$)`. */
export function matchExplicit(line: string): number {
  return line.startsWith('..') ? spacesOrEnd(line, 2) : -1
}

/** `anonymous`: `__( +|$)`. */
export function matchAnonymous(line: string): number {
  return line.startsWith('__') ? spacesOrEnd(line, 2) : -1
}

/** `grid_table_top`: `\+-[-+]+-\+ *$`. */
export function isGridTableTop(line: string): boolean {
  const s = line // already right-stripped
  if (s.length < 5 || !s.startsWith('+-') || !s.endsWith('-+')) return false
  for (let i = 0; i < s.length; i++) if (s[i] !== '-' && s[i] !== '+') return false
  return true
}

/** `simple_table_top`: `=+( +=+)+ *$`. */
export function isSimpleTableTop(line: string): boolean {
  const s = line // already right-stripped
  if (!s.startsWith('=') || !s.endsWith('=') || !s.includes(' ')) return false
  for (let i = 0; i < s.length; i++) if (s[i] !== '=' && s[i] !== ' ') return false
  return true
}

/** `simple_table_border_pat`: `=+[ =]*$`. */
function isSimpleTableBorder(line: string): boolean {
  if (!line.startsWith('=')) return false
  for (let i = 0; i < line.length; i++) if (line[i] !== '=' && line[i] !== ' ') return false
  return true
}

/**
 * `field_marker`: `:(?![: ])([^:\\]|\\.|:(?!([ `]|$)))*(?<! ):( +|$)`.
 * Returns the end of the match or -1.
 */
export function matchFieldMarker(line: string): number {
  if (line[0] !== ':' || line.length < 2 || line[1] === ':' || line[1] === ' ') return -1
  let i = 1
  while (i < line.length) {
    const c = line[i]
    if (c === '\\') {
      if (i + 1 >= line.length) break
      i += 2
    } else if (c === ':') {
      const next = line[i + 1]
      if (next === undefined || next === ' ' || next === '`') break
      i++
    } else {
      i++
    }
  }
  if (line[i] !== ':' || line[i - 1] === ' ') return -1
  return spacesOrEnd(line, i + 1)
}

const OPTARG = '(?:[a-zA-Z][a-zA-Z0-9_-]*|<[^<>]+>)'
const OPTION = `(?:(?:-|\\+)[a-zA-Z0-9](?: ?${OPTARG})?|(?:--|/)[a-zA-Z0-9][a-zA-Z0-9_-]*(?:[ =]${OPTARG})?)`
const OPTION_MARKER = new RegExp(`^${OPTION}(?:, ${OPTION})*(?:  +| ?$)`)

/** `option_marker`; returns the end of the match or -1. */
export function matchOptionMarker(line: string): number {
  const c = line[0]
  if (c !== '-' && c !== '+' && c !== '/') return -1
  const m = OPTION_MARKER.exec(line)
  return m ? m[0].length : -1
}

// --------------------------------------------------------------------- tables

export interface TableResult {
  /** Line offset the state machine is left at (the last line it consumed). */
  pos: number
  /** Lines [first, last] that belong to the table (or the malformed block). */
  first: number
  last: number
}

/** `Body.isolate_grid_table`, from the top border at `start`. */
export function isolateGridTable(lines: readonly string[], start: number): TableResult {
  const end = getTextBlock(lines, start, true)
  let len = end - start
  let pos = end - 1
  const row = (i: number): string => pyStrip(lines[start + i])
  for (let i = 0; i < len; i++) {
    const r = row(i)
    if (r[0] !== '+' && r[0] !== '|') {
      pos -= len - i
      len = i
      break
    }
  }
  if (!isGridTableTop(row(len - 1))) {
    let found = false
    for (let i = len - 2; i > 1; i--) {
      if (isGridTableTop(row(i))) {
        pos -= len - i + 1
        len = i + 1
        found = true
        break
      }
    }
    if (!found) return { pos, first: start, last: start + len - 1 }
  }
  // docutils also checks the right edges (with wide characters counted
  // twice), but a ragged table is only reported as malformed: same extent
  return { pos, first: start, last: start + len - 1 }
}

/** `Body.isolate_simple_table`, from the top border at `start`. */
export function isolateSimpleTable(lines: readonly string[], start: number): TableResult {
  const limit = lines.length - 1
  const toplen = pyStrip(lines[start]).length
  let found = 0
  let foundAt = -1
  for (let i = start + 1; i <= limit; i++) {
    const line = lines[i]
    if (!isSimpleTableBorder(line)) continue
    if (pyStrip(line).length !== toplen) return { pos: i, first: start, last: i }
    found++
    foundAt = i
    if (found === 2 || i === limit || isPyBlank(lines[i + 1])) return { pos: i, first: start, last: i }
  }
  if (found) return { pos: foundAt, first: start, last: foundAt }
  return { pos: limit, first: start, last: limit }
}
