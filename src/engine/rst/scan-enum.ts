/**
 * Enumerated list items as docutils 0.19 recognises them (`Body.enumerator`,
 * `parse_enumerator`, `is_enumerated_list_item`, `make_enumerator`, and the
 * `EnumeratedList` state's continuation rules use the same pieces).
 */

import { spacesOrEnd } from './scan-blocks.js'
import { isAsciiAlnum, isPySpaceChar } from './scan-text.js'

export type EnumFormat = 'parens' | 'rparen' | 'period'
export type EnumSequence = 'arabic' | 'loweralpha' | 'upperalpha' | 'lowerroman' | 'upperroman' | '#'

export interface EnumMatch {
  format: EnumFormat
  text: string
  end: number
}

const SEQUENCES: [EnumSequence, RegExp][] = [
  ['arabic', /^[0-9]+$/],
  ['loweralpha', /^[a-z]$/],
  ['upperalpha', /^[A-Z]$/],
  ['lowerroman', /^[ivxlcdm]+$/],
  ['upperroman', /^[IVXLCDM]+$/]
]

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isLowerRoman = (c: number): boolean => c === 0x69 || c === 0x76 || c === 0x78 || c === 0x6c || c === 0x63 || c === 0x64 || c === 0x6d
const isUpperRoman = (c: number): boolean => c === 0x49 || c === 0x56 || c === 0x58 || c === 0x4c || c === 0x43 || c === 0x44 || c === 0x4d

/** `enumerator`: `(\(enum\)|enum\)|enum\.)( +|$)`, on `line` from column `start`. */
export function matchEnumerator(line: string, start = 0): EnumMatch | undefined {
  const parens = line.charCodeAt(start) === 0x28 // (
  let i = parens ? start + 1 : start
  const from = i
  // the enumerator's text, the longest run of [0-9a-zA-Z#]: valid when it is
  // one character (`#`, a digit or a letter), digits or roman numerals; most
  // lines are prose and fail here, on the second letter of their first word
  let digits = true
  let lowerRoman = true
  let upperRoman = true
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (!(isAsciiAlnum(c) || c === 0x23)) break
    digits &&= isDigit(c)
    lowerRoman &&= isLowerRoman(c)
    upperRoman &&= isUpperRoman(c)
    if (i > from && !digits && !lowerRoman && !upperRoman) return undefined
  }
  if (i === from) return undefined
  let format: EnumFormat
  const close = i < line.length ? line.charCodeAt(i) : -1
  if (parens) {
    if (close !== 0x29) return undefined
    format = 'parens'
  } else if (close === 0x29) format = 'rparen'
  else if (close === 0x2e) format = 'period'
  else return undefined
  const end = spacesOrEnd(line, i + 1)
  return end < 0 ? undefined : { format, text: line.slice(from, i), end }
}

const ROMAN = /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/
const ROMAN_MAP: [string, number][] = [
  ['M', 1000],
  ['CM', 900],
  ['D', 500],
  ['CD', 400],
  ['C', 100],
  ['XC', 90],
  ['L', 50],
  ['XL', 40],
  ['X', 10],
  ['IX', 9],
  ['V', 5],
  ['IV', 4],
  ['I', 1]
]

function fromRoman(s: string): bigint | undefined {
  if (!s || !ROMAN.test(s)) return undefined
  let result = 0
  let index = 0
  for (const [numeral, value] of ROMAN_MAP) {
    while (s.startsWith(numeral, index)) {
      result += value
      index += numeral.length
    }
  }
  return BigInt(result)
}

function toRoman(n: bigint): string | undefined {
  if (!(n > 0n && n < 5000n)) return undefined
  let v = Number(n)
  let out = ''
  for (const [numeral, value] of ROMAN_MAP) {
    while (v >= value) {
      out += numeral
      v -= value
    }
  }
  return out
}

/** `Body.parse_enumerator`: sequence and ordinal (undefined = invalid). */
export function parseEnumerator(text: string, expected?: EnumSequence): { sequence: EnumSequence; ordinal?: bigint } {
  let sequence: EnumSequence | '' = ''
  if (text === '#') sequence = '#'
  else if (expected) {
    const re = SEQUENCES.find(([name]) => name === expected)?.[1]
    if (re && re.test(text)) sequence = expected
  } else if (text === 'i') sequence = 'lowerroman'
  else if (text === 'I') sequence = 'upperroman'
  if (!sequence) sequence = (SEQUENCES.find(([, re]) => re.test(text)) ?? SEQUENCES[0])[0]
  let ordinal: bigint | undefined
  switch (sequence) {
    case '#':
      ordinal = 1n
      break
    case 'arabic':
      ordinal = BigInt(text)
      break
    case 'loweralpha':
      ordinal = BigInt(text.charCodeAt(0) - 96)
      break
    case 'upperalpha':
      ordinal = BigInt(text.charCodeAt(0) - 64)
      break
    case 'lowerroman':
      ordinal = fromRoman(text.toUpperCase())
      break
    case 'upperroman':
      ordinal = fromRoman(text)
      break
  }
  return { sequence, ordinal }
}

const PREFIX: Record<EnumFormat, string> = { parens: '(', rparen: '', period: '' }
const SUFFIX: Record<EnumFormat, string> = { parens: ')', rparen: ')', period: '.' }

/** `Body.make_enumerator`: the next enumerator and the auto-enumerator, with their trailing space. */
function makeEnumerator(ordinal: bigint, sequence: EnumSequence, format: EnumFormat): [string, string] | undefined {
  let enumerator: string
  if (sequence === '#') enumerator = '#'
  else if (sequence === 'arabic') enumerator = ordinal.toString()
  else if (sequence.endsWith('alpha')) {
    if (ordinal > 26n) return undefined
    enumerator = String.fromCharCode(Number(ordinal) + 96)
  } else {
    const r = toRoman(ordinal)
    if (r === undefined) return undefined
    enumerator = r
  }
  enumerator = sequence.startsWith('upper') ? enumerator.toUpperCase() : sequence === '#' || sequence === 'arabic' ? enumerator : enumerator.toLowerCase()
  return [PREFIX[format] + enumerator + SUFFIX[format] + ' ', PREFIX[format] + '#' + SUFFIX[format] + ' ']
}

/** `Body.is_enumerated_list_item`: valid ordinal, and the next line fits a list. */
export function isEnumeratedListItem(
  lines: readonly string[],
  pos: number,
  ordinal: bigint | undefined,
  sequence: EnumSequence,
  format: EnumFormat
): boolean {
  if (ordinal === undefined) return false
  if (pos + 1 >= lines.length) return true
  const next = lines[pos + 1]
  if (next.length === 0 || isPySpaceChar(next[0])) return true
  const e = makeEnumerator(ordinal + 1n, sequence, format)
  return e !== undefined && (next.startsWith(e[0]) || next.startsWith(e[1]))
}

