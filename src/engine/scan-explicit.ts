/**
 * Explicit markup (`.. ` lines) as docutils 0.19 tells its constructs apart
 * (`Body.explicit.constructs`), and the two checks that decide whether a
 * hyperlink target or a substitution definition is malformed (docutils then
 * re-reads the block as a comment, which can take more lines).
 */

import { matchExplicit } from './scan-blocks.js'
import { SIMPLENAME, isPySpaceChar, pyRstrip, pyStrip } from './scan-text.js'

export type ExplicitKind = 'footnote' | 'citation' | 'target' | 'substitution' | 'directive' | 'comment'

const FOOTNOTE = new RegExp(`^\\.\\. +\\[(?:[0-9]+|#|#${SIMPLENAME}|\\*)\\](?: +|$)`, 'u')
const CITATION = new RegExp(`^\\.\\. +\\[${SIMPLENAME}\\](?: +|$)`, 'u')
const TARGET = /^\.\. +_(?! |$)/
const SUBSTITUTION = /^\.\. +\|(?! |$)/
const DIRECTIVE = new RegExp(`^\\.\\. +(${SIMPLENAME}) ?::(?: +|$)`, 'u')

/** Which explicit construct an `..` line starts (`Body.explicit.constructs`), and where its match ends. */
export function classifyExplicit(line: string): { kind: ExplicitKind; end: number; name?: string } {
  let m = FOOTNOTE.exec(line)
  if (m) return { kind: 'footnote', end: m[0].length }
  m = CITATION.exec(line)
  if (m) return { kind: 'citation', end: m[0].length }
  m = TARGET.exec(line)
  if (m) return { kind: 'target', end: m[0].length }
  m = SUBSTITUTION.exec(line)
  if (m) return { kind: 'substitution', end: m[0].length }
  m = DIRECTIVE.exec(line)
  if (m) return { kind: 'directive', end: m[0].length, name: m[1] }
  return { kind: 'comment', end: matchExplicit(line) }
}

const NUL = '\x00'

function escape2null(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      out.push(NUL)
      if (i + 1 < text.length) out.push(text[++i])
    } else out.push(text[i])
  }
  return out
}

const wsOrNul = (c: string | undefined): boolean => c === NUL || isPySpaceChar(c)

/**
 * Would docutils' hyperlink target pattern (`Body.explicit.patterns.target`)
 * match some prefix concatenation of the target's lines? When it never does,
 * docutils reports "malformed hyperlink target" and re-reads the block as a
 * comment. `parts` are the escaped lines, concatenated without separator.
 */
export function targetMatches(block: readonly string[]): boolean {
  const s: string[] = []
  const ends: number[] = []
  for (const line of block) {
    for (const c of escape2null(line)) s.push(c)
    ends.push(s.length)
  }
  const n = s.length
  if (n === 0) return false
  const anonymous = s[0] === '_'
  const quote = !anonymous && s[0] === '`'
  const ns = quote ? 1 : 0
  if (!anonymous && (s[ns] === undefined || s[ns] === ' ' || s[ns] === '`')) return false
  // q: position right after the name (and its closing quote); len: length of the text searched
  const at = (q: number, len: number): boolean => {
    if (anonymous) {
      if (q !== 1) return false
    } else if (quote) {
      if (s[q - 1] !== '`' || q - 1 < ns + 1 || wsOrNul(s[q - 2])) return false
    } else if (q < ns + 1) return false
    if (s[q - 1] === ':' && !(q >= 2 && s[q - 2] === NUL)) return false
    if (wsOrNul(s[q - 1])) return false
    const after = (k: number): boolean => k === len || (k < len && s[k] === ' ')
    if (q < len && s[q] === ' ' && q + 1 < len && s[q + 1] === ':' && after(q + 2)) return true
    return q < len && s[q] === ':' && after(q + 1)
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
  const s: string[] = []
  const ends: number[] = []
  block.forEach((line, i) => {
    if (i > 0) s.push(' ')
    for (const c of escape2null(i === 0 ? pyRstrip(line) : pyStrip(line))) s.push(c)
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

