/**
 * Title text as docutils renders it: `renderTitle(raw)` returns what
 * `title_node.astext()` gives after docutils 0.19's inline parser
 * (`docutils.parsers.rst.states.Inliner.parse`, no transforms), with
 * whitespace folded (`' '.join(text.split())`).
 *
 * The recognition rules (start-string context, end-string context, "quoted"
 * start-strings, first end-string wins, empty content rejected) follow the
 * Inliner's regular expressions one by one, but the search is a single left
 * to right pass: every "where is the next valid end-string" question is
 * answered from a table built once per string, so the work is linear in the
 * length of the title whatever it contains (50,000 unclosed `*` included).
 */

import { NUL, endContext, escape2null, isSpace, matchChars, restore, startContext, unescape } from './inline-chars.js'
import { phraseRefText, roleText } from './inline-roles.js'
import { foldWhitespace, isAsciiAlnum, isNameChar } from './scan-text.js'

class TitleInliner {
  private readonly s: string[]
  private readonly n: number
  /** For a name character at i: end (exclusive) of the greedy `simplename` starting there. */
  private nameEnd?: Int32Array
  private readonly ends = new Map<string, Int32Array>()

  constructor(text: string) {
    this.s = escape2null(text)
    this.n = this.s.length
  }

  private slice(a: number, b: number): string {
    return this.s.slice(a, b).join('')
  }

  private greedyName(i: number): number {
    if (!this.nameEnd) {
      const s = this.s
      const ne = new Int32Array(this.n + 1).fill(-1)
      for (let k = this.n - 1; k >= 0; k--) {
        if (!isNameChar(s[k])) continue
        if (k + 1 < this.n && isNameChar(s[k + 1])) ne[k] = ne[k + 1]
        else if (k + 2 < this.n && '-._+:'.includes(s[k + 1]) && isNameChar(s[k + 2])) ne[k] = ne[k + 2]
        else ne[k] = k + 1
      }
      this.nameEnd = ne
    }
    return i < this.n ? this.nameEnd[i] : -1
  }

  /** Negative look-behind `(?<![\s\x00])` (or `(?<!\s)` when `nulOk`), within [lo, q). */
  private behindOk(q: number, lo: number, nulOk: boolean): boolean {
    if (q <= lo) return true
    const c = this.s[q - 1]
    return !(isSpace(c) || (!nulOk && c === NUL))
  }

  /**
   * Length of the end-string of `kind` at q (0 = no match), `lo` being the
   * start of the searched text (look-behinds cannot see before it).
   */
  private endAt(kind: string, q: number, lo: number): number {
    const s = this.s
    switch (kind) {
      case '*':
        return s[q] === '*' && this.behindOk(q, lo, false) && endContext(s[q + 1]) ? 1 : 0
      case '**':
        return s[q] === '*' && s[q + 1] === '*' && this.behindOk(q, lo, false) && endContext(s[q + 2]) ? 2 : 0
      case '``':
        return s[q] === '`' && s[q + 1] === '`' && this.behindOk(q, lo, true) && endContext(s[q + 2]) ? 2 : 0
      case '_`':
        return s[q] === '`' && this.behindOk(q, lo, false) && endContext(s[q + 1]) ? 1 : 0
      case '|': {
        if (s[q] !== '|' || !this.behindOk(q, lo, false)) return 0
        if (s[q + 1] === '_' && s[q + 2] === '_' && endContext(s[q + 3])) return 3
        if (s[q + 1] === '_' && endContext(s[q + 2])) return 2
        return endContext(s[q + 1]) ? 1 : 0
      }
      case '`': {
        if (s[q] !== '`') return 0
        // (?<!(?<!\x00)[\s\x00])
        if (q > lo && (isSpace(s[q - 1]) || s[q - 1] === NUL) && !(q - 2 >= lo && s[q - 2] === NUL)) return 0
        return this.interpretedSuffix(q + 1)
      }
    }
    return 0
  }

  /** `(?P<role>:name:)?(?P<refend>__?)?` + end context after a closing backquote; returns 1 + suffix length. */
  private interpretedSuffix(i: number): number {
    const s = this.s
    const refend = (k: number): number => {
      if (s[k] === '_' && s[k + 1] === '_' && endContext(s[k + 2])) return 2
      if (s[k] === '_' && endContext(s[k + 1])) return 1
      return endContext(s[k]) ? 0 : -1
    }
    if (s[i] === ':' && isNameChar(s[i + 1])) {
      const e = this.greedyName(i + 1)
      if (s[e] === ':') {
        const r = refend(e + 1)
        if (r >= 0) return 1 + (e + 1 - i) + r
      }
    }
    const r = refend(i)
    return r >= 0 ? 1 + r : 0
  }

  /** First q >= lo where the end-string of `kind` matches: [q, length] or undefined. */
  private findEnd(kind: string, lo: number): [number, number] | undefined {
    for (let q = lo; q < lo + 2 && q < this.n; q++) {
      const len = this.endAt(kind, q, lo)
      if (len) return [q, len]
    }
    if (lo + 2 >= this.n) return undefined
    let table = this.ends.get(kind)
    if (!table) {
      table = new Int32Array(this.n + 1).fill(-1)
      for (let q = this.n - 1; q >= 0; q--) table[q] = this.endAt(kind, q, 0) ? q : table[q + 1]
      this.ends.set(kind, table)
    }
    const q = table[lo + 2]
    return q < 0 ? undefined : [q, this.endAt(kind, q, 0)]
  }

  /** `Inliner.quoted_start`: start-string between matching brackets/quotes (or at the very end). */
  private quoted(start: number, end: number, seg: number): boolean {
    if (start === seg) return false
    if (end >= this.n) return true
    return matchChars(this.s[start - 1], this.s[end])
  }

  render(): string {
    const s = this.s
    const n = this.n
    let out = ''
    let pending = 0 // start of text not yet emitted
    let seg = 0 // start of `remaining` in docutils' loop
    let p = 0
    const emit = (nodeStart: number, text: string, next: number): void => {
      out += unescape(this.slice(pending, nodeStart)) + text
      pending = seg = p = next
    }
    while (p < n) {
      if (p !== seg && !startContext(s[p - 1])) {
        p++
        continue
      }
      const c = s[p]
      // start-strings: ** * `` _` | followed by non-whitespace
      let start = ''
      if (c === '*') start = s[p + 1] === '*' ? '**' : '*'
      else if (c === '`' && s[p + 1] === '`') start = '``'
      else if (c === '_' && s[p + 1] === '`') start = '_`'
      else if (c === '|' && s[p + 1] !== '|') start = '|'
      if (start && !isSpace(s[p + start.length])) {
        const mEnd = p + start.length
        if (this.quoted(p, mEnd, seg)) {
          seg = p = mEnd
          continue
        }
        const end = this.findEnd(start, mEnd)
        if (end && end[0] > mEnd) {
          const content = this.slice(mEnd, end[0])
          emit(p, start === '``' ? restore(content) : unescape(content), end[0] + end[1])
        } else {
          emit(p, start, mEnd) // problematic: the start-string itself
        }
        continue
      }
      // whole constructs: reference name + _ or __, footnote/citation reference
      if (isNameChar(c)) {
        const e = this.greedyName(p)
        if (s[e] === '_') {
          const len = s[e + 1] === '_' && endContext(s[e + 2]) ? 2 : endContext(s[e + 1]) ? 1 : 0
          if (len) {
            emit(p, this.slice(p, e), e + len)
            continue
          }
        }
      } else if (c === '[') {
        const fn = this.footnote(p)
        if (fn) {
          emit(p, fn[0], fn[1])
          continue
        }
      }
      // interpreted text / phrase reference: (:role:)? ` not followed by ` or whitespace
      let bq = -1
      let role = ''
      if (c === ':' && isNameChar(s[p + 1])) {
        const e = this.greedyName(p + 1)
        if (s[e] === ':' && s[e + 1] === '`') {
          bq = e + 1
          role = this.slice(p + 1, e)
        }
      } else if (c === '`') {
        bq = p
      }
      if (bq >= 0 && s[bq + 1] !== '`' && !isSpace(s[bq + 1])) {
        this.interpreted(p, bq, role, seg, emit, (next: number) => {
          seg = p = next
        })
        continue
      }
      p++
    }
    out += unescape(this.slice(pending, n))
    return out
  }

  /** Footnote or citation reference at p (`[`): [text, end] or undefined. */
  private footnote(p: number): [string, number] | undefined {
    const s = this.s
    const close = (k: number): boolean => s[k] === ']' && s[k + 1] === '_' && endContext(s[k + 2])
    let k = p + 1
    while (k < this.n && s[k] >= '0' && s[k] <= '9') k++
    if (k > p + 1 && close(k)) return [this.slice(p + 1, k), k + 2]
    if (s[p + 1] === '#') {
      if (isNameChar(s[p + 2])) {
        const e = this.greedyName(p + 2)
        if (close(e)) return ['', e + 2]
      }
      if (close(p + 2)) return ['', p + 4]
    }
    if (s[p + 1] === '*' && close(p + 2)) return ['', p + 4]
    if (isNameChar(s[p + 1])) {
      const e = this.greedyName(p + 1)
      if (close(e)) return [this.slice(p + 1, e), e + 2]
    }
    return undefined
  }

  /** `Inliner.interpreted_or_phrase_ref`, from the role start p and the backquote bq. */
  private interpreted(
    p: number,
    bq: number,
    role: string,
    seg: number,
    emit: (nodeStart: number, text: string, next: number) => void,
    skip: (next: number) => void
  ): void {
    const mEnd = bq + 1
    if (!role && this.quoted(p, mEnd, seg)) {
      skip(mEnd)
      return
    }
    const end = this.findEnd('`', mEnd)
    if (!end || end[0] === mEnd) {
      emit(bq, '`', mEnd) // problematic backquote; a role prefix stays text
      return
    }
    const [q, len] = end
    const textEnd = q + len
    const suffix = this.slice(q + 1, textEnd)
    const escaped = this.slice(mEnd, q)
    const raw = restore(this.slice(p, textEnd))
    const suffixRole = /^:(.+):/u.exec(suffix)
    if (suffixRole) {
      if (role) {
        emit(p, raw, textEnd) // both a prefix and a suffix role: problematic
        return
      }
      role = suffixRole[1]
    }
    if (suffix.endsWith('_')) {
      if (role) emit(p, raw, textEnd) // role and reference: problematic
      else emit(bq, phraseRefText(escaped), textEnd)
      return
    }
    emit(p, roleText(role, escaped, raw), textEnd)
  }
}

/**
 * The text of a section title as docutils renders it (`title.astext()`), with
 * whitespace folded: inline markup stripped (`*emph*`, `**strong**`,
 * ``` ``literal`` ```, `` `interpreted` ``, `:role:`text``, `` `text <url>`_ ``,
 * `name_`, `[1]_`, `|subst|`), backslash escapes resolved. Unknown roles stay
 * as written, as docutils keeps them (a "problematic" node).
 */
export function renderTitle(raw: string): string {
  return foldWhitespace(mayHaveMarkup(raw) ? new TitleInliner(raw).render() : raw)
}

const MARKUP_CHAR = /[\\*`_|[]/

/**
 * Could `raw` hold inline markup? Not without one of `\ * ` _ | [`; and an
 * underscore followed by a letter or digit (as in `snake_case`) starts or
 * ends nothing.
 */
function mayHaveMarkup(raw: string): boolean {
  for (let i = raw.search(MARKUP_CHAR); i >= 0 && i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === 0x5f) {
      if (i + 1 === raw.length || !isAsciiAlnum(raw.charCodeAt(i + 1))) return true
    } else if (c === 0x5c || c === 0x2a || c === 0x60 || c === 0x7c || c === 0x5b) return true
  }
  return false
}
