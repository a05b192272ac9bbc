/**
 * Explicit markup (`.. ` lines) as docutils 0.19 tells its constructs apart
 * (`Body.explicit.constructs`), and the two checks that decide whether a
 * hyperlink target or a substitution definition is malformed (docutils then
 * re-reads the block as a comment, which can take more lines).
 */

import { matchExplicit, spacesOrEnd } from './scan-blocks.js'
import { isPySpaceChar, pyRstrip, pyStrip, simplenameEnd } from './scan-text.js'

export type ExplicitKind = 'footnote' | 'citation' | 'target' | 'substitution' | 'directive' | 'comment'

/**
 * Which explicit construct an `..` line starts (`Body.explicit.constructs`),
 * and where its match ends. The patterns, each tried in turn, all start with
 * `\.\. +` (k is the index after it) and the character at k tells them apart:
 *
 * - footnote:     `\[(?:[0-9]+|#|#simplename|\*)\](?: +|$)`
 * - citation:     `\[simplename\](?: +|$)`
 * - target:       `_(?! |$)`
 * - substitution: `\|(?! |$)`
 * - directive:    `(simplename) ?::(?: +|$)`
 *
 * A `simplename` can only be followed by what follows it here when it is the
 * longest one (a shorter one is followed by a name character or by a
 * separator and a name character), so the regular expressions' backtracking
 * never finds another match.
 */
export function classifyExplicit(line: string): { kind: ExplicitKind; end: number; name?: string } {
  let k = 2
  while (k < line.length && line.charCodeAt(k) === 32) k++
  if (k > 2 && k < line.length) {
    const c = line.charCodeAt(k)
    if (c === 0x5b) {
      // [
      const q = footnoteLabelEnd(line, k + 1)
      if (q >= 0 && q < line.length && line.charCodeAt(q) === 0x5d) {
        const end = spacesOrEnd(line, q + 1)
        if (end >= 0) return { kind: 'footnote', end }
      }
      const e = simplenameEnd(line, k + 1)
      if (e > k + 1 && e < line.length && line.charCodeAt(e) === 0x5d) {
        const end = spacesOrEnd(line, e + 1)
        if (end >= 0) return { kind: 'citation', end }
      }
    } else if (c === 0x5f || c === 0x7c) {
      // _ or |, not followed by a space or the end of the line
      if (k + 1 < line.length && line.charCodeAt(k + 1) !== 32) return { kind: c === 0x5f ? 'target' : 'substitution', end: k + 1 }
    } else {
      const e = simplenameEnd(line, k)
      if (e > k) {
        const colons = e < line.length && line.charCodeAt(e) === 32 ? e + 1 : e
        const end = line.startsWith('::', colons) ? spacesOrEnd(line, colons + 2) : -1
        if (end >= 0) return { kind: 'directive', end, name: line.slice(k, e) }
      }
    }
  }
  return { kind: 'comment', end: matchExplicit(line) }
}

/** End of a footnote label (`[0-9]+`, `#`, `#simplename` or `*`) at `i`, or -1. */
function footnoteLabelEnd(line: string, i: number): number {
  const c = line.charCodeAt(i)
  if (c === 0x2a) return i + 1 // *
  if (c === 0x23) return simplenameEnd(line, i + 1) // # or #name
  let k = i
  while (k < line.length && line.charCodeAt(k) >= 0x30 && line.charCodeAt(k) <= 0x39) k++
  return k > i ? k : -1
}

const NUL = '\x00'

/** `docutils.utils.escape2null`: each escaping backslash becomes NUL (the length is kept). */
function escape2null(text: string): string {
  if (text.indexOf('\\') < 0) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      out += NUL
      if (i + 1 < text.length) out += text[++i]
    } else out += text[i]
  }
  return out
}

const wsOrNul = (c: string | undefined): boolean => c === NUL || isPySpaceChar(c)

/**
 * Would docutils' hyperlink target pattern (`Body.explicit.patterns.target`)
 * match some prefix concatenation of the target's lines? When it never does,
 * docutils reports "malformed hyperlink target" and re-reads the block as a
 * comment. The target's lines are searched escaped and concatenated
 * without separator.
 */
export function targetMatches(block: readonly string[]): boolean {
  let s = ''
  const ends: number[] = []
  for (const line of block) {
    s += escape2null(line)
    ends.push(s.length)
  }
  const n = s.length
  if (n === 0) return false
  const anonymous = s[0] === '_'
  const quote = !anonymous && s[0] === '`'
  const ns = quote ? 1 : 0
  if (!anonymous && (s[ns] === undefined || s[ns] === ' ' || s[ns] === '`')) return false
  // the end of the searched text, or a space, at k
  const after = (k: number, len: number): boolean => k === len || (k < len && s[k] === ' ')
  // q: position right after the name (and its closing quote); len: length of the text searched
  const at = (q: number, len: number): boolean => {
    if (anonymous) {
      if (q !== 1) return false
    } else if (quote) {
      if (s[q - 1] !== '`' || q - 1 < ns + 1 || wsOrNul(s[q - 2])) return false
    } else if (q < ns + 1) return false
    if (s[q - 1] === ':' && !(q >= 2 && s[q - 2] === NUL)) return false
    if (wsOrNul(s[q - 1])) return false
    if (q < len && s[q] === ' ' && q + 1 < len && s[q + 1] === ':' && after(q + 2, len)) return true
    return q < len && s[q] === ':' && after(q + 1, len)
  }
  for (let q = 1; q < n; q++) if (at(q, n)) return true
  for (const len of ends) {
    if (len === n) continue
    for (let q = Math.max(1, len - 2); q < len; q++) if (at(q, len)) return true
  }
  return false
}

/**
 * Would the substitution definition pattern match (`Body.explicit.patterns.substitution`)?
 * `block[0]` is the first line after `.. |`; later lines are joined with a space.
 */
export function substitutionMatches(block: readonly string[]): boolean {
  let s = ''
  const ends: number[] = []
  block.forEach((line, i) => {
    if (i > 0) s += ' '
    s += escape2null(i === 0 ? pyRstrip(line) : pyStrip(line))
    ends.push(s.length)
  })
  const n = s.length
  if (n === 0 || s[0] === ' ') return false
  const at = (c: number, len: number): boolean =>
    c >= 1 && c < len && s[c] === '|' && !wsOrNul(s[c - 1]) && (c + 1 === len || s[c + 1] === ' ')
  for (let c = 1; c < n; c++) if (at(c, n)) return true
  for (const len of ends) if (len !== n && at(len - 1, len)) return true
  return false
}

