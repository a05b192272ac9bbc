import { cutUtf8 } from '../../src/report/bytes.js'

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

describe('cutUtf8', () => {
  it('keeps a text that fits (counted in bytes, not UTF-16 units)', () => {
    expect(cutUtf8('€€', 6)).toBe('€€')
    expect(cutUtf8('\u{1F600}', 4)).toBe('\u{1F600}')
  })

  it('cuts by bytes on a character boundary and appends the marker within the limit', () => {
    // "€" is 3 bytes, 1 unit: a 10-byte limit keeps 2 of them + "…" (3 bytes) = 9 bytes.
    expect(cutUtf8('€€€€', 10)).toBe('€€…')
    // 4-byte characters (2 UTF-16 units): never half a pair.
    for (let max = 0; max < 30; max++) {
      const out = cutUtf8('a\u{1F600}\u{1F600}\u{1F600}\u{1F600}\u{1F600}\u{1F600}\u{1F600}', max)
      expect(bytes(out)).toBeLessThanOrEqual(max)
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    }
    expect(cutUtf8('a\u{1F600}\u{1F600}', 8)).toBe('a\u{1F600}…')
  })

  it('a custom marker, and a limit smaller than the marker', () => {
    expect(cutUtf8('abcdef', 4, '.')).toBe('abc.')
    expect(cutUtf8('abcdef', 2)).toBe('')
  })

  it('lone surrogates count as the 3 bytes they are sent as', () => {
    expect(bytes(cutUtf8('\uD800'.repeat(10), 10))).toBeLessThanOrEqual(10)
  })
})
