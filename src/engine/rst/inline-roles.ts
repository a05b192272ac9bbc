/**
 * What docutils' built-in interpreted text roles and phrase references leave
 * as text in a title (`docutils.parsers.rst.roles`, `Inliner.phrase_ref`).
 */

import { NUL, isSpace, restore, unescape } from './inline-chars.js'
import { foldWhitespace, isPySpace } from './scan-text.js'

const GENERIC_ROLES = new Set([
  '',
  'abbreviation',
  'ab',
  'acronym',
  'ac',
  'emphasis',
  'literal',
  'strong',
  'subscript',
  'sub',
  'superscript',
  'sup',
  'title-reference',
  'title',
  't'
])

/** Python's `int(s)` for the role arguments: decimal, optional sign and underscores. */
function pyInt(s: string): bigint | undefined {
  let a = 0
  let b = s.length
  while (a < b && isPySpace(s.charCodeAt(a))) a++
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--
  const t = s.slice(a, b)
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(t)) return undefined
  return BigInt(t.replace(/_/g, ''))
}

/** Text of the node an interpreted text role produces (docutils' built-in roles). */
export function roleText(role: string, escaped: string, rawtext: string): string {
  const name = role.toLowerCase()
  if (GENERIC_ROLES.has(name)) return unescape(escaped)
  if (name === 'code' || name === 'math') return restore(escaped)
  if (name === 'pep' || name === 'pep-reference') {
    const n = pyInt(unescape(escaped))
    return n !== undefined && n >= 0n && n <= 9999n ? 'PEP ' + unescape(escaped) : rawtext
  }
  if (name === 'rfc' || name === 'rfc-reference') {
    const text = unescape(escaped)
    const hash = escaped.includes('#') ? text.indexOf('#') : -1
    const n = pyInt(hash >= 0 ? text.slice(0, hash) : text)
    return n !== undefined && n >= 1n ? 'RFC ' + n.toString() : rawtext
  }
  // raw (no format), index, the *-reference placeholders, unknown roles: problematic
  return rawtext
}

/** Text of a phrase reference `` `text <target>`_ ``: the text, or the target when there is none. */
export function phraseRefText(escaped: string): string {
  const s = Array.from(escaped)
  const n = s.length
  if (n < 3 || s[n - 1] !== '>' || isSpace(s[n - 2]) || s[n - 2] === NUL) return unescape(escaped)
  let j = n - 2
  let open = -1
  while (j >= 0) {
    const c = s[j]
    if ((c === '<' || c === '>') && j > 0 && s[j - 1] === NUL) {
      j -= 2
      continue
    }
    if (c === '>') return unescape(escaped)
    if (c === '<') {
      open = j
      break
    }
    j--
  }
  if (open < 0 || open > n - 3 || isSpace(s[open + 1])) return unescape(escaped)
  let start = open
  while (start > 0 && (s[start - 1] === ' ' || s[start - 1] === '\n')) start--
  if (start === open && open !== 0) return unescape(escaped)
  const text = s.slice(0, start).join('')
  if (text) return unescape(text)
  const aliasText = s.slice(open + 1, n - 1).join('')
  const rawAlias = restore(aliasText)
  const looksLikeUri = /^[a-zA-Z][a-zA-Z0-9.+-]*:/.test(aliasText) || /^[^\s@]+@[^\s@]+$/.test(aliasText)
  if (aliasText.endsWith('_') && !(rawAlias.endsWith('\\_') || looksLikeUri)) {
    // an alias to another target: its normalised name
    return foldWhitespace(unescape(aliasText.slice(0, -1))).toLowerCase()
  }
  let alias = aliasText
    .split(NUL + ' ')
    .flatMap(part => part.split(NUL + '\n'))
    .map(part => part.replace(/\s+/gu, ''))
    .join(' ')
  alias = unescape(alias)
  if (/^[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9]+(?:\.[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9]+)*@[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9]+(?:\.[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9]*)*$/.test(alias)) {
    alias = 'mailto:' + alias
  }
  if (alias.endsWith('\\_')) alias = alias.slice(0, -2) + '_'
  return alias
}

