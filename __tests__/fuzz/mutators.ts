/**
 * Mutators for the fuzz test. Text mutators work on the lines of a document
 * (split on "\n"; CR and other breaks stay inside lines); byte mutators work
 * on its UTF-8 encoding. Each returns a short description (with positions) of
 * what it did, so that a failing case can be read as well as replayed.
 */
import type { Rng } from './prng.js'

export type TextMutator = (lines: string[], rng: Rng, ctx: MutationContext) => string
export type ByteMutator = (bytes: Uint8Array, rng: Rng) => { bytes: Uint8Array; desc: string }

export interface MutationContext {
  /** Other seed documents, for crossover. */
  donors: readonly string[]
  /** Section titles of the templates, for title mutations. */
  titles: readonly string[]
}

/** Characters docutils accepts as section adornments. */
export const ADORNMENT_CHARS: readonly string[] = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~']
const ADORNMENT = /^([!-/:-@[-`{-~])\1*\s*$/

const pos = (lines: string[], rng: Rng): number => rng.int(lines.length + 1)
const at = (lines: string[], rng: Rng): number => rng.int(Math.max(1, lines.length))
const adornmentLines = (lines: string[]): number[] => lines.flatMap((l, i) => (l.length >= 2 && ADORNMENT.test(l) ? [i] : []))
const titleLinesOf = (lines: string[]): number[] => adornmentLines(lines).map(i => i - 1).filter(i => i >= 0 && lines[i]!.trim() !== '' && !ADORNMENT.test(lines[i]!))
const short = (s: string): string => JSON.stringify(s.length > 24 ? `${s.slice(0, 20)}...(${s.length})` : s)

/** A string of random UTF-16 code units, weighted towards the awkward ones. */
export function randomChars(rng: Rng, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) {
    s += rng.weighted<() => string>([
      [30, () => String.fromCharCode(rng.range(0x20, 0x7e))],
      [10, () => rng.pick(['*', '`', '|', '_', ':', '.', '=', '-', '<', '>', '[', ']', '\\', ' ', ' ', '\t'])],
      [6, () => String.fromCharCode(rng.range(0, 0x1f))],
      [4, () => String.fromCharCode(rng.range(0x7f, 0x9f))],
      [6, () => String.fromCharCode(rng.range(0xa0, 0x2fff))],
      [3, () => rng.pick(['\u200b', '\u200c', '\u200d', '\ufeff', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u00a0', '\u3000'])],
      [3, () => String.fromCodePoint(rng.range(0x0300, 0x036f))],
      [3, () => String.fromCodePoint(rng.range(0x4e00, 0x9fff))],
      [2, () => String.fromCodePoint(rng.range(0x1f300, 0x1faff))],
      [1, () => String.fromCharCode(rng.range(0xd800, 0xdfff))], // lone surrogate (string input only survives)
      [1, () => String.fromCharCode(rng.range(0xfff0, 0xffff))]
    ])()
  }
  return s
}

const MARKUP_UNITS = ['*', '**', '`', '``', '|', '_', '__', '`_', ':', '[', ']_', '<', '>', '\\', '.. ', '::', '*`', '`*', ':role:`', '|sub|_', '[#]_', '-', '=']

/** Long runs of inline markup characters, with or without spaces between. */
function markupRun(rng: Rng): string {
  const unit = rng.pick(MARKUP_UNITS)
  const n = rng.size(20000)
  const sep = rng.pick(['', '', ' ', 'a', 'x '])
  const s = (unit + sep).repeat(n)
  return s.length > 60000 ? s.slice(0, 60000) : s
}

const DIRECTIVES = [
  '::',
  'Paragraph ending with a literal block::',
  '.. image:: picture.png',
  '.. figure:: diagram.svg',
  '.. graphviz::',
  '.. code-block:: python',
  '.. note::',
  '.. warning:: Careful',
  '..',
  '.. ',
  '.. comment text',
  '.. _label:',
  '.. __: http://example.com',
  '.. [#] A footnote',
  '.. [1] Numbered footnote',
  '.. [CIT2002] A citation',
  '.. |sub| replace:: text',
  '.. |img| image:: x.png',
  '.. list-table:: Table',
  '.. toctree::',
  '.. include:: other.rst',
  '.. raw:: html',
  '.. ::',
  '.. a:: b',
  '.. _`quoted label`:',
  ':: ',
  'text ::',
  '.. spec-template-check: disable=line-length,tab',
  '.. spec-template-check: disable-section=template-text,empty-section',
  '.. spec-template-check: disable-file=image',
  '.. spec-template-check: disable=nope, ,LINE-LENGTH',
  '.. spec-template-check: disable-section='
]

const BLOCKS = [
  ['+-----+-----+', '| a   | b   |', '+=====+=====+', '| c   | d   |', '+-----+-----+'],
  ['+-----+', '| a', '+----'],
  ['=====  =====', 'col1   col2', '=====  =====', 'a      b', '=====  ====='],
  ['=====  =====', 'a      b'],
  ['1. one', '2. two', '', '#. auto', '(a) paren', 'i) roman', 'A. upper'],
  ['- bullet', '  continued', '* star', '+ plus', '• unicode bullet'],
  [':Field: value', ':Another field: with text', '  more'],
  ['-a         option', '--long=ARG  desc', '/V  dos'],
  ['| line block', '|   indented', '| '],
  ['>>> print(1)', '1'],
  ['term', '  definition', 'term : classifier', '  def'],
  ['  block quote', '', '  -- attribution'],
  ['Title', '=====', 'Not a title', '---'],
  ['=====', 'Title', '=====', '', '-----', 'Sub', '-----'],
  ['', '----------', ''], // transition
  ['.. code-block:: text', '', '  literal', '', 'back'],
  ['::', '', '    literal', '  less indented', 'outdent'],
  ['|sub| text', '', '.. |sub| replace:: x']
]

const UNICODE = ['é', 'e\u0301', '中文标题', '🙂', '\u200b', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001c', '\u001e', '\u00a0', '\u202e', '\ufeff', 'ﬁ', 'Å', '\u3000', '\u0000']

/** The text mutators, by name. */
export const TEXT_MUTATORS: Record<string, TextMutator> = {
  'delete-lines'(lines, rng) {
    const i = at(lines, rng)
    const n = rng.size(8)
    lines.splice(i, n)
    return `delete ${n}@${i + 1}`
  },
  'duplicate-lines'(lines, rng) {
    const i = at(lines, rng)
    const n = rng.size(6)
    const block = lines.slice(i, i + n)
    const times = rng.size(50)
    for (let k = 0; k < times; k++) lines.splice(i, 0, ...block)
    return `duplicate ${n}@${i + 1} x${times}`
  },
  'swap-lines'(lines, rng) {
    const i = at(lines, rng)
    const j = rng.chance(0.5) ? Math.min(lines.length - 1, i + 1) : at(lines, rng)
    if (lines.length > 0) [lines[i], lines[j]] = [lines[j]!, lines[i]!]
    return `swap ${i + 1}<->${j + 1}`
  },
  'move-block'(lines, rng) {
    const i = at(lines, rng)
    const block = lines.splice(i, rng.size(30))
    const j = pos(lines, rng)
    lines.splice(j, 0, ...block)
    return `move ${block.length}@${i + 1}->${j + 1}`
  },
  'flip-adornment'(lines, rng) {
    const ads = adornmentLines(lines)
    if (ads.length === 0) return 'flip-adornment (none)'
    const i = rng.pick(ads)
    const ch = rng.pick(ADORNMENT_CHARS)
    const n = rng.chance(0.7) ? lines[i]!.trimEnd().length : rng.size(100)
    lines[i] = ch.repeat(n)
    return `flip-adornment@${i + 1} ${short(ch)}x${n}`
  },
  'cut-underline'(lines, rng) {
    const ads = adornmentLines(lines)
    if (ads.length === 0) return 'cut-underline (none)'
    const i = rng.pick(ads)
    const l = lines[i]!.trimEnd()
    const n = rng.int(l.length)
    lines[i] = l.slice(0, n)
    return `cut-underline@${i + 1} ${l.length}->${n}`
  },
  'lengthen-adornment'(lines, rng) {
    const ads = adornmentLines(lines)
    if (ads.length === 0) return 'lengthen-adornment (none)'
    const i = rng.pick(ads)
    const extra = rng.size(rng.chance(0.1) ? 20000 : 20)
    lines[i] = lines[i]!.trimEnd() + lines[i]![0]!.repeat(extra)
    return `lengthen-adornment@${i + 1} +${extra}`
  },
  'overline'(lines, rng) {
    const titles = titleLinesOf(lines)
    if (titles.length === 0) return 'overline (none)'
    const t = rng.pick(titles)
    const under = lines[t + 1]!
    const has = t > 0 && ADORNMENT.test(lines[t - 1]!) && lines[t - 1]!.length >= 2
    const what = rng.int(4)
    if (has && what === 0) {
      lines.splice(t - 1, 1)
      return `remove-overline@${t}`
    }
    const ch = rng.chance(0.6) ? under[0]! : rng.pick(ADORNMENT_CHARS)
    const len = Math.max(0, under.trimEnd().length + rng.range(-4, 4))
    const bar = ch.repeat(len)
    if (has) lines[t - 1] = bar
    else lines.splice(t, 0, bar)
    if (rng.chance(0.3)) lines[t + (has ? 0 : 1)] = '  ' + lines[t + (has ? 0 : 1)]! // inset title
    return `${has ? 'change' : 'add'}-overline@${t + 1} ${short(bar)}`
  },
  'random-chars'(lines, rng) {
    const i = at(lines, rng)
    const s = randomChars(rng, rng.size(200))
    const line = lines[i] ?? ''
    const c = rng.int(line.length + 1)
    lines[i] = line.slice(0, c) + s + line.slice(c)
    return `random-chars@${i + 1}:${c} len ${s.length}`
  },
  'markup-run'(lines, rng) {
    const run = markupRun(rng)
    const i = pos(lines, rng)
    if (rng.chance(0.5)) lines.splice(i, 0, run)
    else lines[Math.min(i, Math.max(0, lines.length - 1))] = (lines[Math.min(i, Math.max(0, lines.length - 1))] ?? '') + ' ' + run
    return `markup-run@${i + 1} ${short(run.slice(0, 12))} len ${run.length}`
  },
  'line-endings'(lines, rng) {
    const kind = rng.pick(['crlf-all', 'cr-all', 'crlf-some', 'cr-some', 'cr-in-line', 'mixed'])
    if (kind === 'crlf-all') lines.forEach((l, i) => (lines[i] = l + '\r'))
    else if (kind === 'cr-all') {
      const joined = lines.join('\r')
      lines.length = 0
      lines.push(joined)
    } else if (kind === 'crlf-some' || kind === 'mixed') {
      for (let k = rng.size(20); k > 0; k--) {
        const i = at(lines, rng)
        lines[i] = (lines[i] ?? '') + (kind === 'mixed' && rng.chance(0.5) ? '\r\r' : '\r')
      }
    } else if (kind === 'cr-some') {
      for (let k = rng.size(10); k > 0 && lines.length > 1; k--) {
        const i = rng.int(lines.length - 1)
        lines.splice(i, 2, `${lines[i]}\r${lines[i + 1]}`)
      }
    } else {
      const i = at(lines, rng)
      const l = lines[i] ?? ''
      const c = rng.int(l.length + 1)
      lines[i] = l.slice(0, c) + '\r' + l.slice(c)
    }
    return `line-endings ${kind}`
  },
  'bom'(lines, rng) {
    if (rng.chance(0.7)) {
      lines[0] = '\ufeff' + (lines[0] ?? '')
      return 'bom at start'
    }
    const i = at(lines, rng)
    lines[i] = '\ufeff' + (lines[i] ?? '')
    return `bom@${i + 1}`
  },
  'nul'(lines, rng) {
    const i = at(lines, rng)
    const l = lines[i] ?? ''
    const c = rng.int(l.length + 1)
    lines[i] = l.slice(0, c) + '\0'.repeat(rng.size(4)) + l.slice(c)
    return `nul@${i + 1}:${c + 1}`
  },
  'tabs'(lines, rng) {
    const kind = rng.pick(['indent', 'replace', 'inline', 'title'])
    for (let k = rng.size(10); k > 0; k--) {
      const i = at(lines, rng)
      const l = lines[i] ?? ''
      if (kind === 'indent') lines[i] = '\t'.repeat(rng.size(5)) + l
      else if (kind === 'replace') lines[i] = l.replace(/^ +/, m => '\t'.repeat(Math.max(1, m.length >> 2)))
      else if (kind === 'title') {
        const t = titleLinesOf(lines)
        if (t.length) lines[rng.pick(t)] += '\t'
      } else {
        const c = rng.int(l.length + 1)
        lines[i] = l.slice(0, c) + '\t' + l.slice(c)
      }
    }
    return `tabs ${kind}`
  },
  'zwsp'(lines, rng) {
    const t = titleLinesOf(lines)
    const i = t.length && rng.chance(0.4) ? rng.pick(t) : at(lines, rng)
    const l = lines[i] ?? ''
    const c = rng.int(l.length + 1)
    lines[i] = l.slice(0, c) + '\u200b'.repeat(rng.size(3)) + l.slice(c)
    return `zwsp@${i + 1}:${c + 1}`
  },
  'long-line'(lines, rng) {
    const n = rng.size(100000)
    const kind = rng.pick(['words', 'token', 'adornment', 'url', 'indented'])
    let s: string
    if (kind === 'words') s = 'lorem ipsum '.repeat(Math.ceil(n / 12)).slice(0, n)
    else if (kind === 'token') s = 'x'.repeat(n)
    else if (kind === 'adornment') s = rng.pick(ADORNMENT_CHARS).repeat(n)
    else if (kind === 'url') s = 'see https://example.com/' + 'a'.repeat(n)
    else s = ' '.repeat(rng.size(40)) + 'word '.repeat(Math.ceil(n / 5))
    const i = pos(lines, rng)
    lines.splice(i, 0, s)
    return `long-line ${kind}@${i + 1} len ${s.length}`
  },
  'deep-indent'(lines, rng) {
    const i = at(lines, rng)
    if (rng.chance(0.5)) {
      const n = rng.size(200)
      const depth = rng.size(2000)
      for (let k = i; k < Math.min(lines.length, i + n); k++) lines[k] = ' '.repeat(depth) + lines[k]
      return `indent ${n}@${i + 1} by ${depth}`
    }
    const levels = rng.size(1000)
    const bullet = rng.pick(['- ', '* ', '1. ', '#. ', '> ', '| ', ':f: '])
    const out: string[] = []
    for (let k = 0; k < levels; k++) out.push(' '.repeat(k * bullet.length) + bullet + 'item', '')
    lines.splice(i, 0, ...out)
    return `nested ${JSON.stringify(bullet)} x${levels}@${i + 1}`
  },
  'directive'(lines, rng) {
    const d = rng.pick(DIRECTIVES)
    const i = pos(lines, rng)
    const indent = rng.chance(0.2) ? ' '.repeat(rng.size(8)) : ''
    const block = [indent + d]
    if (rng.chance(0.6)) block.push(...(rng.chance(0.5) ? [''] : []), '   body line', '   ' + randomChars(rng, rng.size(20)))
    if (rng.chance(0.5)) block.push('')
    if (rng.chance(0.3) && lines[i - 1] !== undefined) lines[i - 1] += '::' // turn the previous paragraph into a literal block intro
    lines.splice(i, 0, ...block)
    return `directive@${i + 1} ${short(d)}`
  },
  'block'(lines, rng) {
    const b = rng.pick(BLOCKS)
    const i = pos(lines, rng)
    lines.splice(i, 0, ...b)
    return `block@${i + 1} ${short(b[0]!)}`
  },
  'unicode'(lines, rng) {
    const t = titleLinesOf(lines)
    const i = t.length && rng.chance(0.5) ? rng.pick(t) : at(lines, rng)
    const u = rng.pick(UNICODE).repeat(rng.size(5))
    const l = lines[i] ?? ''
    const c = rng.int(l.length + 1)
    lines[i] = l.slice(0, c) + u + l.slice(c)
    return `unicode@${i + 1}:${c + 1} ${JSON.stringify(u.slice(0, 4))}`
  },
  'trailing-ws'(lines, rng) {
    for (let k = rng.size(10); k > 0; k--) {
      const i = at(lines, rng)
      lines[i] = (lines[i] ?? '') + rng.pick([' ', '  ', '\t', ' \t ', '\u00a0'])
    }
    return 'trailing-ws'
  },
  'truncate'(lines, rng) {
    const text = lines.join('\n')
    const c = rng.int(text.length + 1)
    lines.length = 0
    lines.push(...text.slice(0, c).split('\n'))
    return `truncate at ${c}`
  },
  'blank-lines'(lines, rng) {
    if (rng.chance(0.5)) {
      const blanks = lines.flatMap((l, i) => (l === '' ? [i] : []))
      const drop = new Set<number>()
      for (let k = rng.size(10); k > 0 && blanks.length; k--) drop.add(blanks.splice(rng.int(blanks.length), 1)[0]!)
      for (const i of [...drop].sort((a, b) => b - a)) lines.splice(i, 1)
      return `remove-blank-lines x${drop.size}`
    }
    const i = pos(lines, rng)
    const n = rng.size(rng.chance(0.1) ? 50000 : 5)
    lines.splice(i, 0, ...new Array<string>(n).fill(''))
    return `blank-lines ${n}@${i + 1}`
  },
  'rename-title'(lines, rng, ctx) {
    const t = titleLinesOf(lines)
    if (t.length === 0) return 'rename-title (none)'
    const i = rng.pick(t)
    const old = lines[i]!
    const kind = rng.int(5)
    if (kind === 0) lines[i] = old.toUpperCase()
    else if (kind === 1) lines[i] = old.replace(/\s*\S+\s*$/, '')
    else if (kind === 2) lines[i] = ctx.titles.length ? rng.pick(ctx.titles) : old
    else if (kind === 3) lines[i] = `*${old.trim()}* \`x\` <launchpad-id or None> ${randomChars(rng, 3)}`
    else lines[i] = old + old
    return `rename-title@${i + 1} ${short(lines[i]!)}`
  },
  'insert-section'(lines, rng, ctx) {
    const title = ctx.titles.length && rng.chance(0.8) ? rng.pick(ctx.titles) : randomChars(rng, rng.size(30)).replace(/[\r\n]/g, ' ')
    const ch = rng.pick(rng.chance(0.7) ? ['=', '-', '^', '~', '*', '+'] : ADORNMENT_CHARS)
    const w = Math.max(1, title.length + rng.range(-3, 3))
    const block = rng.chance(0.2) ? [ch.repeat(w), title, ch.repeat(w)] : [title, ch.repeat(w)]
    block.push('', rng.pick(['None', 'Text.', '', '<launchpad-id or None>']), '')
    const i = pos(lines, rng)
    lines.splice(i, 0, ...(rng.chance(0.8) ? [''] : []), ...block)
    return `insert-section@${i + 1} ${short(title)} ${short(ch)}`
  },
  'crossover'(lines, rng, ctx) {
    if (ctx.donors.length === 0) return 'crossover (none)'
    const donor = rng.pick(ctx.donors).split('\n')
    const a = at(donor, rng)
    const piece = donor.slice(a, a + rng.size(200))
    const i = pos(lines, rng)
    lines.splice(i, rng.chance(0.5) ? rng.size(50) : 0, ...piece)
    return `crossover ${piece.length}@${i + 1}`
  },
  'strip-final-newline'(lines) {
    while (lines.length && lines[lines.length - 1] === '') lines.pop()
    return 'strip-final-newline'
  }
}

export const TEXT_MUTATOR_NAMES = Object.keys(TEXT_MUTATORS)

/** The byte mutators, by name (applied to the UTF-8 encoding). */
export const BYTE_MUTATORS: Record<string, ByteMutator> = {
  'utf8-bom'(b) {
    return { bytes: concat(new Uint8Array([0xef, 0xbb, 0xbf]), b), desc: 'utf8-bom' }
  },
  'utf16-bom'(b, rng) {
    const le = rng.chance(0.5)
    if (rng.chance(0.5)) return { bytes: concat(new Uint8Array(le ? [0xff, 0xfe] : [0xfe, 0xff]), b), desc: `utf16-bom ${le ? 'LE' : 'BE'} only` }
    const text = new TextDecoder().decode(b)
    const out = new Uint8Array(2 + text.length * 2)
    out[0] = le ? 0xff : 0xfe
    out[1] = le ? 0xfe : 0xff
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      out[2 + 2 * i] = le ? c & 0xff : c >> 8
      out[3 + 2 * i] = le ? c >> 8 : c & 0xff
    }
    return { bytes: out, desc: `utf16 ${le ? 'LE' : 'BE'} encoded` }
  },
  'invalid-utf8'(b, rng) {
    const seqs = [[0xff], [0xfe], [0xc0, 0xaf], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xbf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x9f, 0x99]]
    const s = rng.pick(seqs)
    const i = rng.int(b.length + 1)
    return { bytes: concat(b.subarray(0, i), new Uint8Array(s), b.subarray(i)), desc: `invalid-utf8@${i} [${s.map(x => x.toString(16)).join(' ')}]` }
  },
  'nul-byte'(b, rng) {
    const i = rng.int(b.length + 1)
    return { bytes: concat(b.subarray(0, i), new Uint8Array([0]), b.subarray(i)), desc: `nul-byte@${i}` }
  },
  'random-bytes'(b, rng) {
    const n = rng.size(64)
    const r = new Uint8Array(n)
    for (let k = 0; k < n; k++) r[k] = rng.int(256)
    const i = rng.int(b.length + 1)
    return { bytes: concat(b.subarray(0, i), r, b.subarray(i)), desc: `random-bytes@${i} len ${n}` }
  },
  'overwrite-bytes'(b, rng) {
    const out = b.slice()
    const n = rng.size(16)
    for (let k = 0; k < n && out.length; k++) out[rng.int(out.length)] = rng.int(256)
    return { bytes: out, desc: `overwrite-bytes x${n}` }
  },
  'truncate-bytes'(b, rng) {
    const i = rng.int(b.length + 1)
    return { bytes: b.subarray(0, i), desc: `truncate-bytes at ${i}` }
  }
}

export const BYTE_MUTATOR_NAMES = Object.keys(BYTE_MUTATORS)

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** Random bytes: either anything at all, or mostly printable ASCII with line breaks. */
export function randomBytes(rng: Rng): { bytes: Uint8Array; desc: string } {
  const n = rng.int(rng.chance(0.1) ? 65536 : 2048)
  const out = new Uint8Array(n)
  const printable = rng.chance(0.6)
  for (let i = 0; i < n; i++) {
    out[i] = printable ? (rng.chance(0.08) ? rng.pick([0x0a, 0x0a, 0x0d, 0x09, 0x20]) : rng.range(0x20, 0x7e)) : rng.int(256)
  }
  return { bytes: out, desc: `random-bytes ${printable ? 'printable' : 'any'} len ${n}` }
}

/** "RST soup": random lines made of the constructs the scanner cares about. */
export function rstSoup(rng: Rng, titles: readonly string[]): { text: string; desc: string } {
  const n = rng.size(rng.chance(0.05) ? 20000 : 400)
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    lines.push(
      rng.weighted<() => string>([
        [20, () => ''],
        [15, () => 'Some words of text'.slice(0, rng.range(1, 18))],
        [12, () => rng.pick(ADORNMENT_CHARS).repeat(rng.size(90))],
        [8, () => (titles.length ? rng.pick(titles) : 'Title')],
        [6, () => ' '.repeat(rng.size(12)) + 'indented text'],
        [6, () => rng.pick(DIRECTIVES)],
        [5, () => rng.pick(rng.pick(BLOCKS))],
        [4, () => markupRun(rng).slice(0, rng.size(300))],
        [3, () => randomChars(rng, rng.size(40))],
        [2, () => rng.pick(UNICODE).repeat(rng.size(6))],
        [2, () => rng.pick(['- ', '* ', '1. ', '#. ', '(a) ', '| ', '>>> ', ':f: ', '-o ']) + 'item'],
        [1, () => '\t' + 'tabbed']
      ])()
    )
  }
  return { text: lines.join(rng.chance(0.9) ? '\n' : rng.pick(['\r\n', '\r'])) + (rng.chance(0.8) ? '\n' : ''), desc: `rst-soup ${n} lines` }
}
