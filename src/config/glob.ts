/**
 * Glob matching in time linear in the path for each pattern (no regular
 * expression, no backtracking): the patterns come from the configuration
 * file, which a pull request can change, and a backtracking matcher takes
 * minutes on `** /*a*a*a*a*a*a*a*b` (without the space) against a 60-character name.
 *
 * The syntax is the usual one (picomatch's, for what it has in common):
 * `*` any characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]`,
 * `[!a]` / `[^a]` classes (both negate, as in a shell; picomatch reads `[!a]`
 * differently), `**` as a whole path segment for zero or more
 * segments, `{a,b}` alternatives, `\x` a literal x, a leading `!` negates.
 * With `dot: false`, `*`, `?`, classes and `**` do not match a segment that
 * starts with `.` (write the dot: `.github/*.rst`). Extended globs
 * (`+(a|b)`, `@(...)`, ...), POSIX classes (`[[:alpha:]]`) and brace
 * ranges (`{1..9}`) are refused with a GlobError, as are patterns longer
 * than MAX_GLOB_LENGTH, with more than MAX_GLOB_ALTERNATIVES brace
 * alternatives, or expanding to more than MAX_GLOB_EXPANDED characters (a
 * list: MAX_GLOB_LIST_EXPANDED).
 *
 * Cost: a path of n characters and a pattern of m tokens take O(n * m) steps
 * (a set-of-states simulation, segment by segment).
 */

export const MAX_GLOB_LENGTH = 1000
export const MAX_GLOB_ALTERNATIVES = 256
/**
 * Characters of a pattern after brace expansion, and of all the patterns of
 * one list (`paths`, `exclude`, `templates[].files`): matching costs path
 * length x pattern size, so the size is bounded too.
 */
export const MAX_GLOB_EXPANDED = 4000
export const MAX_GLOB_LIST_EXPANDED = 16000

export class GlobError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GlobError'
  }
}

type Token =
  | { t: 'lit'; c: string }
  | { t: 'one' }
  | { t: 'star' }
  | { t: 'class'; negated: boolean; chars: string[]; ranges: [string, string][] }

/**
 * A path segment pattern, or `**` (any number of segments). The common
 * shapes have a shortcut that gives the simulation's answer: only literals
 * (`literal`: the segment is that string), `*` then literals (`suffix`: the
 * segment ends with it, and does not start with a dot unless `dot`).
 */
type Segment =
  | { globstar: true }
  | { globstar: false; tokens: Token[]; /** characters it needs at least */ min: number; literal?: string; suffix?: string }

interface Compiled {
  negated: boolean
  segments: Segment[]
  /** Characters of the expanded pattern. */
  size: number
}

export interface GlobOptions {
  /** Let wildcards match segments that start with a dot (default false). */
  dot?: boolean
}

/** A predicate matching any of the globs (empty list: nothing). Throws GlobError for a pattern it refuses. */
export function globMatcher(globs: readonly string[], opts: GlobOptions = {}): (path: string) => boolean {
  const dot = opts.dot === true
  const compiled = globs.flatMap(compile)
  const size = compiled.reduce((n, c) => n + c.size, 0)
  if (size > MAX_GLOB_LIST_EXPANDED) {
    throw new GlobError(`the ${globs.length} patterns expand to ${size} characters in all, over the limit of ${MAX_GLOB_LIST_EXPANDED}`)
  }
  if (compiled.length === 0) return () => false
  return (p: string): boolean => {
    const segs = p.split('/')
    return compiled.some(c => matchPath(c.segments, segs, dot) !== c.negated)
  }
}

/** Throws GlobError when the pattern is refused (too long, unsupported syntax, too many alternatives). */
export function validateGlob(glob: string): void {
  compile(glob)
}

function compile(glob: string): Compiled[] {
  if (glob.length > MAX_GLOB_LENGTH) {
    throw new GlobError(`the pattern is ${glob.length} characters long, over the limit of ${MAX_GLOB_LENGTH}`)
  }
  let negated = false
  let body = glob
  if (body.startsWith('!') && !body.startsWith('!(')) {
    negated = true
    body = body.slice(1)
  }
  while (body.startsWith('./')) body = body.slice(2)
  const alternatives = expandBraces(body)
  const size = alternatives.reduce((n, p) => n + p.length, 0)
  if (size > MAX_GLOB_EXPANDED) {
    throw new GlobError(`the pattern's braces expand to ${size} characters, over the limit of ${MAX_GLOB_EXPANDED}`)
  }
  return alternatives.map(p => ({ negated, segments: segments(p), size: p.length }))
}

/** Index of the `}` closing the `{` at i (honouring nesting and escapes), or -1. */
function closingBrace(s: string, i: number): number {
  let depth = 0
  for (let j = i; j < s.length; j++) {
    const c = s[j]
    if (c === '\\') j++
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return j
  }
  return -1
}

/** Split the inside of a brace group at its top-level commas. */
function topLevelCommas(s: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let j = 0; j < s.length; j++) {
    const c = s[j]
    if (c === '\\') j++
    else if (c === '{') depth++
    else if (c === '}') depth--
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, j))
      start = j + 1
    }
  }
  parts.push(s.slice(start))
  return parts
}

/** `a{b,c}d` -> [abd, acd]; a group without a top-level comma stays literal. */
function expandBraces(p: string): string[] {
  let out = [p]
  let done: string[] = []
  while (out.length) {
    const next: string[] = []
    for (const s of out) {
      let open = -1
      let close = -1
      for (let j = 0; j < s.length; j++) {
        if (s[j] === '\\') {
          j++
          continue
        }
        if (s[j] !== '{') continue
        const k = closingBrace(s, j)
        if (k < 0) break
        const inner = s.slice(j + 1, k)
        if (/^[^,]*\.\.[^,]*$/.test(inner) && /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(\.\.-?\d+)?$/.test(inner)) {
          throw new GlobError(`brace ranges such as {${inner}} are not supported; list the alternatives: {a,b,c}`)
        }
        if (topLevelCommas(inner).length > 1) {
          open = j
          close = k
          break
        }
      }
      if (open < 0) {
        done.push(s)
        continue
      }
      for (const alt of topLevelCommas(s.slice(open + 1, close))) next.push(s.slice(0, open) + alt + s.slice(close + 1))
      if (done.length + next.length > MAX_GLOB_ALTERNATIVES) {
        throw new GlobError(`the pattern's braces make more than ${MAX_GLOB_ALTERNATIVES} alternatives`)
      }
    }
    out = next
  }
  done = [...new Set(done)]
  return done
}

function segments(p: string): Segment[] {
  const out: Segment[] = []
  for (const raw of splitSegments(p)) {
    if (raw === '**') {
      // Consecutive ** segments mean the same as one.
      if (!(out.length && out[out.length - 1]!.globstar)) out.push({ globstar: true })
    } else {
      const toks = tokens(raw)
      out.push({ globstar: false, tokens: toks, min: toks.filter(t => t.t !== 'star').length, ...shortcut(toks) })
    }
  }
  return out
}

/** The segment pattern's shortcut, when it has one of the common shapes. */
function shortcut(toks: readonly Token[]): { literal: string } | { suffix: string } | undefined {
  const lits = (from: number): string | undefined => {
    let out = ''
    for (let i = from; i < toks.length; i++) {
      const t = toks[i]!
      if (t.t !== 'lit') return undefined
      out += t.c
    }
    return out
  }
  if (toks[0]?.t !== 'star') {
    const literal = lits(0)
    return literal === undefined ? undefined : { literal }
  }
  const suffix = lits(1)
  // The simulation steps by code point: a suffix starting with a low surrogate could end inside a pair of the segment.
  if (suffix === undefined || suffix === '' || (suffix.charCodeAt(0) >= 0xdc00 && suffix.charCodeAt(0) <= 0xdfff)) return undefined
  return { suffix }
}

/** One path segment against one segment pattern (not `**`). */
function segmentMatches(pat: Extract<Segment, { globstar: false }>, seg: string, dot: boolean): boolean {
  if (pat.literal !== undefined) return seg === pat.literal
  if (pat.suffix !== undefined) return seg.endsWith(pat.suffix) && (dot || !seg.startsWith('.'))
  return matchSegment(pat.tokens, seg, dot)
}

/** Split at unescaped `/` (a `/` inside a class is refused by tokens()). */
function splitSegments(p: string): string[] {
  const out: string[] = []
  let start = 0
  for (let j = 0; j < p.length; j++) {
    if (p[j] === '\\') j++
    else if (p[j] === '/') {
      out.push(p.slice(start, j))
      start = j + 1
    }
  }
  out.push(p.slice(start))
  return out
}

function tokens(seg: string): Token[] {
  const out: Token[] = []
  const chars = Array.from(seg)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if ('@!+*?'.includes(c) && chars[i + 1] === '(') {
      throw new GlobError(`extended globs such as ${c}(...) are not supported; use {a,b} alternatives`)
    }
    if (c === '\\') {
      out.push({ t: 'lit', c: chars[i + 1] ?? '\\' })
      i++
    } else if (c === '*') {
      while (chars[i + 1] === '*') i++
      if (out[out.length - 1]?.t !== 'star') out.push({ t: 'star' })
    } else if (c === '?') {
      out.push({ t: 'one' })
    } else if (c === '[') {
      const cls = parseClass(chars, i)
      if (cls) {
        out.push(cls.token)
        i = cls.end
      } else {
        out.push({ t: 'lit', c })
      }
    } else {
      out.push({ t: 'lit', c })
    }
  }
  return out
}

/** `[...]` starting at i: the token and the index of `]`, or undefined when it does not close (a literal `[`). */
function parseClass(chars: string[], i: number): { token: Token; end: number } | undefined {
  let j = i + 1
  let negated = false
  if (chars[j] === '!' || chars[j] === '^') {
    negated = true
    j++
  }
  const list: string[] = []
  const ranges: [string, string][] = []
  let first = true
  for (; j < chars.length; j++) {
    let c = chars[j]!
    if (c === ']' && !first) return { token: { t: 'class', negated, chars: list, ranges }, end: j }
    first = false
    if (c === '[' && chars[j + 1] === ':') throw new GlobError('POSIX classes such as [[:alpha:]] are not supported; use [a-z]')
    if (c === '\\' && j + 1 < chars.length) c = chars[++j]!
    if (chars[j + 1] === '-' && j + 2 < chars.length && chars[j + 2] !== ']') {
      let hi = chars[j + 2]!
      j += 2
      if (hi === '\\' && j + 1 < chars.length) hi = chars[++j]!
      ranges.push([c, hi])
    } else {
      list.push(c)
    }
  }
  return undefined
}

function classMatches(tok: Extract<Token, { t: 'class' }>, c: string): boolean {
  const hit = tok.chars.includes(c) || tok.ranges.some(([lo, hi]) => lo <= c && c <= hi)
  return hit !== tok.negated
}

/** One path segment against one segment pattern: a set-of-states simulation, O(len * tokens). */
function matchSegment(toks: readonly Token[], seg: string, dot: boolean): boolean {
  // A leading dot is only matched by a literal dot or a class (unless dot: true).
  if (!dot && seg.startsWith('.')) {
    const t0 = toks[0]
    if (!t0 || t0.t === 'star' || t0.t === 'one' || (t0.t === 'lit' && t0.c !== '.')) return false
  }
  const m = toks.length
  let cur = new Uint8Array(m + 1)
  let nxt = new Uint8Array(m + 1)
  const close = (set: Uint8Array): void => {
    for (let i = 0; i < m; i++) if (set[i] && toks[i]!.t === 'star') set[i + 1] = 1
  }
  cur[0] = 1
  close(cur)
  for (const c of seg) {
    nxt.fill(0)
    let any = false
    for (let i = 0; i < m; i++) {
      if (!cur[i]) continue
      const tok = toks[i]!
      switch (tok.t) {
        case 'star':
          nxt[i] = 1
          any = true
          break
        case 'one':
          nxt[i + 1] = 1
          any = true
          break
        case 'lit':
          if (tok.c === c) {
            nxt[i + 1] = 1
            any = true
          }
          break
        case 'class':
          if (classMatches(tok, c)) {
            nxt[i + 1] = 1
            any = true
          }
          break
      }
    }
    if (!any) return false
    close(nxt)
    ;[cur, nxt] = [nxt, cur]
  }
  // `*` alone does not match an empty segment (paths have none anyway).
  return cur[m] === 1 && !(seg === '' && m > 0)
}

/** Path segments against segment patterns: the same simulation one level up, O(segments * patterns). */
function matchPath(pats: readonly Segment[], segs: readonly string[], dot: boolean): boolean {
  const m = pats.length
  // Without `**` each pattern segment takes exactly one path segment, in order: the simulation's
  // answer without its state sets (most patterns: `*-template.rst` against a file name).
  let globstar = false
  for (let i = 0; i < m; i++) if (pats[i]!.globstar) globstar = true
  if (!globstar) {
    if (segs.length !== m) return false
    for (let i = 0; i < m; i++) {
      const pat = pats[i] as Extract<Segment, { globstar: false }>
      const seg = segs[i]!
      if (!(seg.length >= pat.min && segmentMatches(pat, seg, dot))) return false
    }
    return true
  }
  let cur = new Uint8Array(m + 1)
  let nxt = new Uint8Array(m + 1)
  const close = (set: Uint8Array): void => {
    for (let i = 0; i < m; i++) if (set[i] && pats[i]!.globstar) set[i + 1] = 1
  }
  cur[0] = 1
  close(cur)
  for (const seg of segs) {
    nxt.fill(0)
    let any = false
    for (let i = 0; i < m; i++) {
      if (!cur[i]) continue
      const pat = pats[i]!
      if (pat.globstar) {
        if (dot || !seg.startsWith('.')) {
          nxt[i] = 1
          any = true
        }
      } else if (seg.length >= pat.min && segmentMatches(pat, seg, dot)) {
        nxt[i + 1] = 1
        any = true
      }
    }
    if (!any) return false
    close(nxt)
    ;[cur, nxt] = [nxt, cur]
  }
  return cur[m] === 1
}
