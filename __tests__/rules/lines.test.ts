import { GOOD_SPEC, check, only, variant, lineOf } from '../helpers.js'
import { finalNewline } from '../../src/rules/final-newline.js'

const long = 'word '.repeat(20).trim() // 99 characters

describe('line-length', () => {
  test('a long prose line is reported with its length', () => {
    const spec = variant('Unit tests.', long)
    const f = only(check(spec), 'line-length')
    expect(f.map(x => [x.line, x.column])).toEqual([[lineOf(spec, long), 80]])
    expect(f[0]!.message).toContain('99 characters')
  })

  test('exempt as upstream: URLs, single tokens, literal blocks', () => {
    const url = `See https://example.org/${'x'.repeat(80)} for details.`
    const token = 'x'.repeat(100)
    const literal = `Example::\n\n    ${long}\n\n${'    ' + long}`
    for (const text of [url, token, `  ${token}`, literal]) {
      expect(only(check(variant('Unit tests.', text)), 'line-length')).toEqual([])
    }
  })

  test('the literal-block exemption ends at the first unindented line', () => {
    const spec = variant('Unit tests.', `Example::\n\n    code\n\n${long}`)
    expect(only(check(spec), 'line-length')).toHaveLength(1)
  })

  test('the limit is configurable and counts characters, not UTF-16 units', () => {
    const spec = variant('Unit tests.', 'é'.repeat(40) + ' ' + '😀'.repeat(38))
    expect(only(check(spec), 'line-length')).toEqual([])
    expect(only(check(spec, { ruleOptions: { 'line-length': { max: 60 } } }), 'line-length')).toHaveLength(1)
  })
})

describe('trailing-whitespace', () => {
  test('spaces and tabs at the end of a line, and whitespace-only lines', () => {
    const spec = variant('Unit tests.\n', 'Unit tests.   \n    \nMore.\t\n')
    const f = only(check(spec), 'trailing-whitespace')
    expect(f.map(x => x.column)).toEqual([12, 1, 6])
    expect(f[0]!.fix?.text).toBe('Unit tests.\n')
  })
})

describe('tab', () => {
  test('a tab anywhere is a warning at its column', () => {
    const spec = variant('Unit tests.', 'Unit\ttests.')
    const f = only(check(spec), 'tab')
    expect(f.map(x => [x.column, x.severity])).toEqual([[5, 'warning']])
  })
})

describe('carriage-return', () => {
  test('a whole CRLF file is one finding at line 1', () => {
    const f = only(check(GOOD_SPEC.replace(/\n/g, '\r\n')), 'carriage-return')
    expect(f).toHaveLength(1)
    expect(f[0]!.line).toBe(1)
    expect(f[0]!.message).toContain('CRLF')
  })

  test('a single CRLF line is reported at that line; structure is still read', () => {
    const spec = variant('Unit tests.\n', 'Unit tests.\r\n')
    const all = check(spec)
    expect(only(all, 'carriage-return').map(x => x.line)).toEqual([lineOf(spec, 'Unit tests.\r')])
    expect(all.filter(x => x.rule !== 'carriage-return')).toEqual([])
  })

  test('lone CR line endings are reported too', () => {
    const f = only(check(GOOD_SPEC.replace(/\n/g, '\r')), 'carriage-return')
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain('CR line endings')
  })
})

describe('zero-width-space', () => {
  test('U+200B is reported at its column', () => {
    const f = only(check(variant('Unit tests.', 'Unit\u200b tests.')), 'zero-width-space')
    expect(f.map(x => x.column)).toEqual([5])
  })
})

describe('final-newline', () => {
  test('missing final newline is a warning on the last line', () => {
    const spec = GOOD_SPEC.replace(/\n$/, '')
    const f = only(check(spec), 'final-newline')
    expect(f.map(x => [x.line, x.severity])).toEqual([[spec.split('\n').length, 'warning']])
    expect(only(check(GOOD_SPEC), 'final-newline')).toEqual([])
  })

  test('a text the outline counts no line in is reported on line 1, never line 0 (fuzz seed 4242 case 62847: two BOMs)', () => {
    const found: number[] = []
    const ctx = { text: '\uFEFF', outline: { lines: [] } } as unknown as Parameters<typeof finalNewline.check>[0]
    finalNewline.check(ctx, f => found.push(f.line))
    expect(found).toEqual([1])
  })
})

describe('image', () => {
  test('image and figure directives are warnings; literal text is not', () => {
    const spec = variant('Add a frobnicator.', 'Add a frobnicator.\n\n.. image:: a.png\n\n.. figure:: b.svg\n\n   Caption.')
    const f = only(check(spec), 'image')
    expect(f.map(x => x.line)).toEqual([lineOf(spec, '.. image:: a.png'), lineOf(spec, '.. figure:: b.svg')])
    expect(only(check(variant('Add a frobnicator.', 'Use the ``.. image::`` directive? No.')), 'image')).toEqual([])
  })
})
