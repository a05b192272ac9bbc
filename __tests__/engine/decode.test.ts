import { decode } from '../../src/engine/decode.js'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('decode', () => {
  test('UTF-8, with and without BOM', () => {
    expect(decode(enc('a\nb'))).toEqual({ ok: true, text: 'a\nb', bom: false })
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a', bom: true })
    expect(decode(new Uint8Array())).toEqual({ ok: true, text: '', bom: false })
  })

  test('invalid UTF-8 is located', () => {
    const r = decode(new Uint8Array([...enc('ok\nab'), 0xff, 0x61]))
    expect(r).toMatchObject({ ok: false, line: 2, column: 3 })
    if (!r.ok) expect(r.error).toContain('not valid UTF-8')
    expect(decode(new Uint8Array([0x61, 0xe2, 0x82]))).toMatchObject({ ok: false, line: 1, column: 2 })
    expect(decode(new Uint8Array([0xed, 0xa0, 0x80]))).toMatchObject({ ok: false }) // surrogate
    expect(decode(new Uint8Array([0xc0, 0x80]))).toMatchObject({ ok: false }) // overlong
  })

  test('binary and UTF-16 are refused with a reason', () => {
    const bin = decode(new Uint8Array([0x61, 0x0a, 0x62, 0x00]))
    expect(bin).toMatchObject({ ok: false, line: 2, column: 2 })
    if (!bin.ok) expect(bin.error).toContain('NUL byte')
    const u16 = decode(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))
    expect(u16).toMatchObject({ ok: false, line: 1 })
    if (!u16.ok) expect(u16.error).toContain('UTF-16LE')
  })
})
