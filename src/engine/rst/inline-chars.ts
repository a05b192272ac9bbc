/**
 * Character classes and escaping of docutils' inline parser
 * (`Inliner` start/end-string contexts, `escape2null`, `unescape`).
 */

import { inRanges, isPySpace } from './scan-text.js'
import { CLOSERS, CLOSING_DELIMITERS, DELIMITER_RANGES, OPENERS, QUOTE_PAIRS } from './scan-unicode.js'

export const NUL = '\x00'

export const isSpace = (ch: string | undefined): boolean => ch !== undefined && isPySpace(ch.codePointAt(0) as number)
export const isDelimiter = (ch: string): boolean => inRanges(DELIMITER_RANGES, ch.codePointAt(0) as number)

const startContextOf = (ch: string): boolean => isSpace(ch) || OPENERS.includes(ch) || isDelimiter(ch)
const endContextOf = (ch: string): boolean =>
  isSpace(ch) || ch === NUL || CLOSING_DELIMITERS.includes(ch) || isDelimiter(ch) || CLOSERS.includes(ch)

/** The two contexts for ASCII characters, looked up (bit 1: start context, bit 2: end context). */
const ASCII_CONTEXT = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  ASCII_CONTEXT[c] = (startContextOf(ch) ? 1 : 0) | (endContextOf(ch) ? 2 : 0)
}

/** `start_string_prefix`: what may precede an inline markup start-string. */
export function startContext(ch: string): boolean {
  const c = ch.charCodeAt(0)
  return c < 128 ? (ASCII_CONTEXT[c] & 1) !== 0 : startContextOf(ch)
}

/** `end_string_suffix`: what may follow an end-string (or the end of text). */
export function endContext(ch: string | undefined): boolean {
  if (ch === undefined) return true
  const c = ch.charCodeAt(0)
  return c < 128 ? (ASCII_CONTEXT[c] & 2) !== 0 : endContextOf(ch)
}

/** `punctuation_chars.match_chars`. */
export function matchChars(c1: string, c2: string): boolean {
  const i = OPENERS.indexOf(c1)
  if (i < 0) return false
  return c2 === CLOSERS[i] || (QUOTE_PAIRS[c1] ?? '').includes(c2)
}

/** `docutils.utils.escape2null`, on an array of code points. */
export function escape2null(text: string): string[] {
  const src = Array.from(text)
  const out: string[] = []
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\') {
      out.push(NUL)
      if (i + 1 < src.length) out.push(src[++i])
    } else {
      out.push(src[i])
    }
  }
  return out
}

/** `nodes.unescape(text)`: drop escaped whitespace and the escape markers. */
export function unescape(text: string): string {
  if (!text.includes(NUL)) return text
  return text.split(NUL + ' ').join('').split(NUL + '\n').join('').split(NUL).join('')
}

/** `nodes.unescape(text, restore_backslashes=True)`. */
export function restore(text: string): string {
  return text.split(NUL).join('\\')
}

