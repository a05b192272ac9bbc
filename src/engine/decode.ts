/**
 * Bytes -> text for a spec file. Pure: a spec that cannot be read as UTF-8
 * text becomes one clear, located error instead of garbage findings.
 */

export type Decoded =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; error: string; line: number; column?: number }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const which = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE'
    return { ok: false, line: 1, error: `file is ${which} encoded (byte order mark); save it as UTF-8` }
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const { line, column } = position(bytes, nul)
    return { ok: false, line, column, error: `binary file: NUL byte at line ${line}, column ${column}; a spec must be UTF-8 text` }
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = bom ? bytes.subarray(3) : bytes
  try {
    return { ok: true, text: utf8.decode(body), bom }
  } catch {
    const bad = firstInvalidUtf8(body) + (bom ? 3 : 0)
    const { line, column } = position(bytes, bad)
    return { ok: false, line, column, error: `not valid UTF-8: invalid byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at line ${line}, column ${column}; save the file as UTF-8` }
  }
}

/** Line and column (1-based, in bytes) of an offset; lines end at LF, CRLF or a lone CR, as the findings count them. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset; i++) {
    const b = bytes[i]
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++
      start = i + 1
    }
  }
  return { line, column: offset - start + 1 }
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    let n = 0
    let min = 0
    if (c < 0x80) { i++; continue }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80 }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800 }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000 }
    else return i
    let cp = c & (0x3f >> n)
    for (let k = 1; k <= n; k++) {
      const d = b[i + k]
      if (d === undefined || (d & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (d & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += n + 1
  }
  return b.length
}
