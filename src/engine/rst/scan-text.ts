/**
 * Character and line helpers for the RST scanner, written to behave like the
 * Python string operations docutils relies on (`str.isspace`, `str.strip`,
 * `str.expandtabs`, `docutils.utils.column_width`), not like JavaScript's.
 */

import { COMBINING_RANGES, WIDE_RANGES } from './scan-unicode.js'

/** Python's whitespace (`str.isspace()`), looked up: all of it is at or below U+3000. */
const PY_SPACE = new Uint8Array(0x3001)
for (const [first, last] of [
  [0x09, 0x0d],
  [0x1c, 0x20],
  [0x85, 0x85],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000]
]) {
  PY_SPACE.fill(1, first, last + 1)
}

/** Python's `str.isspace()` for one code point. */
export function isPySpace(cp: number): boolean {
  return cp <= 0x3000 && PY_SPACE[cp] === 1
}

/** Python's `str.isspace()` for a one-unit string (all Python spaces are BMP). */
export function isPySpaceChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isPySpace(ch.charCodeAt(0))
}

/** `s.rstrip()` with Python's notion of whitespace. */
export function pyRstrip(s: string): string {
  let end = s.length
  while (end > 0 && isPySpace(s.charCodeAt(end - 1))) end--
  return end === s.length ? s : s.slice(0, end)
}

/** `s.lstrip()` with Python's notion of whitespace. */
export function pyLstrip(s: string): string {
  let start = 0
  while (start < s.length && isPySpace(s.charCodeAt(start))) start++
  return start === 0 ? s : s.slice(start)
}

/** `s.strip()` with Python's notion of whitespace. */
export function pyStrip(s: string): string {
  return pyLstrip(pyRstrip(s))
}

/** True when `s.strip()` would be empty. */
export function isPyBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isPySpace(s.charCodeAt(i))) return false
  return true
}

/** True when `s.strip()` would be empty for `s[0:n]` (`s.slice(0, n)`, without the copy). */
export function isPyBlankPrefix(s: string, n: number): boolean {
  const end = Math.min(n, s.length)
  for (let i = 0; i < end; i++) if (!isPySpace(s.charCodeAt(i))) return false
  return true
}

/** True when `s` is already folded: single spaces between words, none at either end. */
function isFolded(s: string): boolean {
  let afterSpace = true
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 32) {
      if (afterSpace) return false
      afterSpace = true
    } else if (c < 32 || isPySpace(c)) {
      return false
    } else {
      afterSpace = false
    }
  }
  return !afterSpace || s.length === 0
}

/** `' '.join(s.split())`: whitespace folded, Python whitespace. */
export function foldWhitespace(s: string): string {
  if (isFolded(s)) return s
  let out = ''
  let pendingSpace = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (isPySpace(c)) {
      pendingSpace = out.length > 0
    } else {
      if (pendingSpace) out += ' '
      pendingSpace = false
      out += s[i]
    }
  }
  return out
}

/** Is `cp` in a flat [first, last, first, last, ...] range table? */
export function inRanges(ranges: readonly number[], cp: number): boolean {
  let lo = 0
  let hi = (ranges.length >> 1) - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cp < ranges[mid * 2]) hi = mid - 1
    else if (cp > ranges[mid * 2 + 1]) lo = mid + 1
    else return true
  }
  return false
}

/** East Asian Width W or F (as Python's unicodedata reports it). */
export function isWide(cp: number): boolean {
  return cp >= 0x1100 ? inRanges(WIDE_RANGES, cp) : cp >= 0x378 && inRanges(WIDE_RANGES, cp)
}

/** Non-zero canonical combining class. */
export function isCombining(cp: number): boolean {
  return cp >= 0x300 && inRanges(COMBINING_RANGES, cp)
}

/** `docutils.utils.column_width`: wide = 2 columns, combining = 0. */
export function columnWidth(s: string): number {
  let w = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) as number
    if (c > 0xffff) i++
    if (c < 0x300) w += 1
    else w += (isWide(c) ? 2 : 1) - (isCombining(c) ? 1 : 0)
  }
  return w
}

/** Characters that Python's `str.splitlines` also breaks lines at (besides CR and LF; VT and FF are spaces by then). */
export const PY_EXTRA_LINE_BREAKS = /[\x1c\x1d\x1e\x85\u2028\u2029]/

/**
 * The lines docutils' `string2lines` makes of one line of the file: `\v` and
 * `\f` become spaces, tabs are expanded to 8 columns (Python's
 * `expandtabs`, counting code points), the line is split where Python's
 * `splitlines` splits (usually nowhere) and each piece is right-stripped.
 */
export function docutilsLines(raw: string): string[] {
  let s = raw
  if (s.indexOf('\t') >= 0) {
    let out = ''
    let col = 0
    let from = 0
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c === 9) {
        out += s.slice(from, i)
        const n = 8 - (col % 8)
        out += ' '.repeat(n)
        col += n
        from = i + 1
      } else if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) {
        col++
      }
    }
    s = out + s.slice(from)
  }
  if (s.indexOf('\v') >= 0 || s.indexOf('\f') >= 0) s = s.replace(/[\v\f]/g, ' ')
  if (!PY_EXTRA_LINE_BREAKS.test(s)) return [pyRstrip(s)]
  return s.split(new RegExp(PY_EXTRA_LINE_BREAKS.source, 'g')).map(pyRstrip)
}

const ADORNMENT = new Uint8Array(128)
ADORNMENT.fill(1, 0x21, 0x30)
ADORNMENT.fill(1, 0x3a, 0x41)
ADORNMENT.fill(1, 0x5b, 0x61)
ADORNMENT.fill(1, 0x7b, 0x7f)

/** Docutils' `nonalphanum7bit`: `[!-/:-@[-\`{-~]`. */
export function isAdornmentChar(c: number): boolean {
  return c < 0x80 && ADORNMENT[c] === 1
}

/** The non-ASCII bullets of docutils' `bullet` pattern: U+2022, U+2023, U+2043. */
export function isUnicodeBullet(c: number): boolean {
  return c === 0x2022 || c === 0x2023 || c === 0x2043
}

/** `[0-9a-zA-Z]`. */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
}

/**
 * Docutils' `line` pattern `(nonalphanum7bit)\1* *$` on an rstripped line:
 * one adornment character repeated.
 */
export function isAdornmentLine(s: string): boolean {
  if (s.length === 0) return false
  const c = s.charCodeAt(0)
  if (!isAdornmentChar(c)) return false
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== c) return false
  return true
}

const WORD_RE = /[\p{L}\p{N}]/u

/** `(?:(?!_)\w)` in Python: a letter or a number, for a one-code-point string. */
export function isNameChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false
  const c = ch.charCodeAt(0)
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
  return WORD_RE.test(ch)
}

/** Length (in code units) of the `[\p{L}\p{N}]` code point at `s[i]`; 0 when there is none. */
export function nameCharLength(s: string, i: number): number {
  if (i >= s.length) return 0
  const c = s.charCodeAt(i)
  if (c < 0x80) return isAsciiAlnum(c) ? 1 : 0
  const len = (s.codePointAt(i) as number) > 0xffff ? 2 : 1
  return WORD_RE.test(s.slice(i, i + len)) ? len : 0
}

/**
 * Docutils' `simplename`, `[\p{L}\p{N}]+(?:[-._+:][\p{L}\p{N}]+)*`: the end
 * of the longest one at `s[i]`, or `i` when none starts there.
 */
export function simplenameEnd(s: string, i: number): number {
  let end = i
  for (;;) {
    for (let n = nameCharLength(s, end); n > 0; n = nameCharLength(s, end)) end += n
    if (end === i || end === s.length) return end
    // a separator belongs to the name when a name character follows it
    const c = s.charCodeAt(end)
    const separator = c === 0x2d || c === 0x2e || c === 0x5f || c === 0x2b || c === 0x3a
    if (!separator || nameCharLength(s, end + 1) === 0) return end
    end++
  }
}
