import { renderTitle, scan, splitLines } from '../../src/engine/rst/scan.js'
import type { Outline } from '../../src/engine/types.js'
import { workClock } from '../work-clock.js'

/** Joins lines with LF and a final newline. */
const rst = (...lines: string[]): string => lines.join('\n') + '\n'

/** [level, line, title] of every section, the shape docutils-sections.jsonl uses. */
const tree = (o: Outline): [number, number, string][] => o.sections.map(s => [s.level, s.line, s.title])

const kinds = (o: Outline): string[] => o.problems.map(p => `${p.kind}@${p.line}`)

describe('titles', () => {
  test('underlined title', () => {
    const o = scan(rst('Title', '=====', '', 'Body text.'))
    expect(tree(o)).toEqual([[1, 1, 'Title']])
    expect(o.sections[0]).toMatchObject({ rawTitle: 'Title', underline: 2, style: '=', bodyStart: 3 })
    expect(o.sections[0].overline).toBeUndefined()
    expect(o.problems).toEqual([])
  })

  test('overline and underline, title text may be indented', () => {
    const o = scan(rst('=========', '  Title', '=========', '', 'Sub', '---'))
    expect(tree(o)).toEqual([
      [1, 2, 'Title'],
      [2, 5, 'Sub']
    ])
    expect(o.sections[0]).toMatchObject({ overline: 1, underline: 3, style: '=/=', rawTitle: 'Title', bodyStart: 4 })
  })

  test('an overlined style is a different style from the same underline alone', () => {
    const o = scan(rst('=====', 'Doc', '=====', '', 'Part', '====', '', 'Other', '====='))
    expect(tree(o)).toEqual([
      [1, 2, 'Doc'],
      [2, 5, 'Part'],
      [2, 8, 'Other']
    ])
  })

  test('every non-alphanumeric printable ASCII character can adorn a title', () => {
    for (const c of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') {
      const o = scan(rst('Title', c.repeat(5)))
      expect([c, tree(o)]).toEqual([c, [[1, 1, 'Title']]])
    }
    expect(tree(scan(rst('Title', 'aaaaa')))).toEqual([])
    expect(tree(scan(rst('Title', '=-=-=')))).toEqual([])
  })

  test('underline shorter than the title but at least 4 characters: title plus a warning', () => {
    const o = scan(rst('Testing', '=====', '', 'text'))
    expect(tree(o)).toEqual([[1, 1, 'Testing']])
    expect(o.problems).toEqual([{ kind: 'title-underline', line: 2, titleLine: 1, message: 'Title underline too short.' }])
  })

  test('underline shorter than 4 and shorter than the title: plain text, flagged', () => {
    const o = scan(rst('Dependencies', '===', '', 'None'))
    expect(tree(o)).toEqual([])
    expect(o.problems).toEqual([expect.objectContaining({ kind: 'short-adornment', line: 2, titleLine: 1 })])
  })

  test('short underline as long as the title is fine', () => {
    expect(tree(scan(rst('API', '---')))).toEqual([[1, 1, 'API']])
    expect(tree(scan(rst('A', '=')))).toEqual([[1, 1, 'A']])
  })

  test('"::" and ellipses under a line are not reported as short adornments', () => {
    expect(scan(rst('JSON response', '::', '', '  {}')).problems).toEqual([])
    expect(scan(rst('an example follows', '...')).problems).toEqual([])
  })

  test('title width counts East Asian wide characters twice', () => {
    expect(tree(scan(rst('日本語', '======')))).toEqual([[1, 1, '日本語']])
    const o = scan(rst('日本語', '=====', '', 'x'))
    expect(tree(o)).toEqual([[1, 1, '日本語']])
    expect(kinds(o)).toEqual(['title-underline@2'])
  })

  test('overline problems', () => {
    const mismatch = scan(rst('=====', 'Title', '-----', '', 'text'))
    expect(tree(mismatch)).toEqual([])
    expect(kinds(mismatch)).toEqual(['title-overline@1'])
    const short = scan(rst('====', 'Long title', '====', '', 'text'))
    expect(tree(short)).toEqual([[1, 2, 'Long title']])
    expect(kinds(short)).toEqual(['title-underline@1'])
    const tiny = scan(rst('==', 'Title', '==', '', 'text'))
    expect(tree(tiny)).toEqual([])
    expect(kinds(tiny)).toEqual(['short-adornment@1'])
  })

  test('a title line directly after a paragraph line belongs to the paragraph', () => {
    expect(tree(scan(rst('Some text', 'Title', '=====')))).toEqual([])
  })

  test('a title may directly follow a list, a title, or the start of the document', () => {
    expect(tree(scan(rst('- item', 'Title', '=====')))).toEqual([[1, 2, 'Title']])
    expect(tree(scan(rst('Title', '=====', 'Sub', '---')))).toEqual([
      [1, 1, 'Title'],
      [2, 3, 'Sub']
    ])
  })

  test('enumerator-like titles are titles when the next line is an underline', () => {
    expect(tree(scan(rst('1. Intro', '========', '', '2. Next', '=======')))).toEqual([
      [1, 1, '1. Intro'],
      [1, 4, '2. Next']
    ])
  })
})

describe('levels', () => {
  test('levels follow the order in which adornment styles first appear', () => {
    const o = scan(rst('Doc', '~~~', '', 'A', '#', '', 'A1', '**', '', 'B', '#', '', 'B1', '**', '', 'B11', '+++'))
    expect(tree(o)).toEqual([
      [1, 1, 'Doc'],
      [2, 4, 'A'],
      [3, 7, 'A1'],
      [2, 10, 'B'],
      [3, 13, 'B1'],
      [4, 16, 'B11']
    ])
  })

  test('a known style more than one level deeper is dropped as inconsistent', () => {
    const o = scan(rst('A', '=', '', 'B', '-', '', 'C', '~', '', 'D', '=', '', 'E', '~', '', 'text'))
    expect(tree(o)).toEqual([
      [1, 1, 'A'],
      [2, 4, 'B'],
      [3, 7, 'C'],
      [1, 10, 'D']
    ])
    expect(o.problems).toEqual([expect.objectContaining({ kind: 'inconsistent-level', line: 14, titleLine: 13 })])
    // the dropped title's lines are body text of the section before it
    expect(o.sections[3]).toMatchObject({ bodyStart: 12, bodyEnd: 16, end: 16 })
  })

  test('a new style is only accepted one level below the deepest known level', () => {
    // after C (level 1) only "=" and "-" may follow: "~" would be level 3
    const o = scan(rst('A', '=', '', 'B', '-', '', 'C', '=', '', 'D', '~', '', 'E', '-', '', 'F', '~'))
    expect(tree(o)).toEqual([
      [1, 1, 'A'],
      [2, 4, 'B'],
      [1, 7, 'C'],
      [2, 13, 'E'],
      [3, 16, 'F']
    ])
    expect(kinds(o)).toEqual(['inconsistent-level@11'])
  })
})

describe('places where no title can start', () => {
  test('literal block after "::" (expanded, partial and quoted forms)', () => {
    for (const intro of ['Example::', 'Example ::', '::']) {
      const o = scan(rst('Doc', '===', '', intro, '', '    Not a title', '    ===========', '', 'After', '-----'))
      expect([intro, tree(o)]).toEqual([
        intro,
        [
          [1, 1, 'Doc'],
          [2, 9, 'After']
        ]
      ])
      expect(o.verbatim.slice(5, 7)).toEqual([true, true])
    }
    const quoted = scan(rst('Example::', '', '> quoted', '> =====', '', 'Title', '====='))
    expect(tree(quoted)).toEqual([[1, 6, 'Title']])
    expect(quoted.verbatim.slice(2, 4)).toEqual([true, true])
  })

  test('an escaped "::" starts no literal block', () => {
    expect(tree(scan(rst('Example\\::', '', 'Title', '=====')))).toEqual([[1, 3, 'Title']])
  })

  test('directive bodies and comments', () => {
    const o = scan(
      rst('Doc', '===', '', '.. code-block:: rst', '', '   Inner', '   =====', '', '.. a comment', '   Inner', '   =====', '', 'End', '---')
    )
    expect(tree(o)).toEqual([
      [1, 1, 'Doc'],
      [2, 13, 'End']
    ])
    expect(o.verbatim.slice(3, 11)).toEqual([false, false, true, true, false, true, true, true])
  })

  test('block quotes, definitions and list items', () => {
    const o = scan(rst('Term', '  Inner', '  =====', '', '* item', '', '  Inner', '  =====', '', '  Quote', '  -----'))
    expect(tree(o)).toEqual([])
  })

  test('simple tables: borders are not titles', () => {
    const o = scan(rst('=====  =====', 'A      B', '=====  =====', 'a      b', '=====  =====', '', 'Title', '====='))
    expect(tree(o)).toEqual([[1, 7, 'Title']])
    expect(o.verbatim.slice(0, 6)).toEqual([true, true, true, true, true, false])
  })

  test('an unclosed simple table swallows what follows, as in docutils', () => {
    expect(tree(scan(rst('=====  =====', 'a      b', '', 'Title', '-----', '', 'text')))).toEqual([])
  })

  test('grid tables', () => {
    const o = scan(rst('+-------+-----+', '| Title | x   |', '+=======+=====+', '| a     | b   |', '+-------+-----+', '', 'After', '====='))
    expect(tree(o)).toEqual([[1, 7, 'After']])
    expect(o.verbatim.slice(0, 5).every(Boolean)).toBe(true)
  })

  test('transitions are not titles', () => {
    const o = scan(rst('Title', '=====', '', 'text', '', '----------', '', 'more text'))
    expect(tree(o)).toEqual([[1, 1, 'Title']])
    expect(o.problems).toEqual([])
  })
})

describe('section ranges and tree', () => {
  const text = rst(
    '=====', // 1
    'Doc', // 2
    '=====', // 3
    '', // 4
    'intro', // 5
    '', // 6
    'A', // 7
    '-', // 8
    'a text', // 9
    '', // 10
    'A1', // 11
    '~~', // 12
    '', // 13
    'B', // 14
    '-', // 15
    '', // 16
    'b text' // 17
  )
  const o = scan(text)

  test('roots, children and parents', () => {
    expect(o.roots.map(s => s.title)).toEqual(['Doc'])
    const [doc, a, a1, b] = o.sections
    expect(doc.children).toEqual([a, b])
    expect(a.children).toEqual([a1])
    expect(a1.parent).toBe(a)
    expect(b.parent).toBe(doc)
    expect(doc.parent).toBeUndefined()
  })

  test('bodyStart, bodyEnd and end', () => {
    const ranges = o.sections.map(s => [s.title, s.bodyStart, s.bodyEnd, s.end])
    expect(ranges).toEqual([
      ['Doc', 4, 6, 17],
      ['A', 9, 10, 13],
      ['A1', 13, 13, 13],
      ['B', 16, 17, 17]
    ])
  })

  test('a title directly followed by another has an empty body', () => {
    const s = scan(rst('A', '=', 'B', '-')).sections[0]
    expect(s.bodyEnd).toBeLessThan(s.bodyStart)
  })

  test('the boundary before an overlined section is its overline', () => {
    const [a, b] = scan(rst('===', 'A', '===', '', 'text', '', '===', 'B', '===', '')).sections
    expect([a.bodyStart, a.bodyEnd, a.end]).toEqual([4, 6, 6])
    expect([b.line, b.overline, b.bodyStart, b.bodyEnd, b.end]).toEqual([8, 7, 10, 10, 10])
  })
})

describe('input', () => {
  test('BOM is stripped, CRLF and lone CR split lines', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const o = scan('\ufeff' + ['Title', '=====', '', 'Sub', '---', ''].join(eol))
      expect(tree(o)).toEqual([
        [1, 1, 'Title'],
        [2, 4, 'Sub']
      ])
      expect(o.lines).toEqual(['Title', '=====', '', 'Sub', '---'])
    }
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd'])
    expect(splitLines('')).toEqual([])
  })

  test("Python's extra line breaks (U+2028 ...) split lines for docutils, numbers stay per file line", () => {
    const o = scan(rst('Intro\u2028Title', '=====', '', 'A\u2028-', '', 'text'))
    expect(o.lines).toHaveLength(6)
    // docutils sees "Intro" / "Title" / "=====": a paragraph, no title; then "A" / "-": a title
    expect(tree(o)).toEqual([[1, 4, 'A']])
    expect(o.sections[0]).toMatchObject({ rawTitle: 'A', underline: 4, bodyStart: 5 })
  })

  test('tabs are expanded to 8 columns before measuring', () => {
    expect(tree(scan(rst('a\tb', '==========')))).toEqual([[1, 1, 'a b']])
    expect(kinds(scan(rst('a\tb', '========')))).toEqual(['title-underline@2'])
  })

  test('never throws, stays fast', () => {
    let seed = 42
    const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff)
    let garbage = ''
    for (let i = 0; i < 200_000; i++) garbage += String.fromCharCode(rand() % 0x10000)
    const inputs = [
      garbage,
      '=\n'.repeat(20_000),
      '*'.repeat(50_000) + '\n' + '='.repeat(50_000),
      'x ' + '`a '.repeat(50_000) + '\n' + '='.repeat(200_000),
      'x ' + '*a '.repeat(50_000) + '\n' + '='.repeat(200_000),
      Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + '- item').join('\n'),
      ('word '.repeat(2000) + '\n').repeat(100),
      '.. _' + 'a'.repeat(1000) + '\n' + '   b c\n'.repeat(20_000),
      '=====  =====\n' + 'a b\n'.repeat(50_000),
      '',
      '\n\n\n',
      '::',
      '=',
      '..'
    ]
    for (const input of inputs) {
      const t0 = workClock()
      expect(() => scan(input)).not.toThrow()
      expect(t0.ms()).toBeLessThan(2000)
    }
  })

  test('scan time grows linearly: 10 MB in well under 3 s', () => {
    const spec = rst(
      'Section',
      '=======',
      '',
      'Some *text* with ``markup`` and a list:',
      '',
      '* item one',
      '* item two::',
      '',
      '    literal',
      '',
      'Sub section',
      '-----------',
      '',
      '.. code-block:: python',
      '',
      '   x = 1',
      ''
    )
    const small = spec.repeat(Math.ceil(1e6 / spec.length))
    const big = spec.repeat(Math.ceil(1e7 / spec.length))
    scan(small) // warm up
    const t0 = workClock()
    const o = scan(big)
    const ms = t0.ms()
    expect(o.sections.length).toBe(2 * Math.ceil(1e7 / spec.length))
    expect(ms).toBeLessThan(3000)
  })
})

describe('verbatim', () => {
  test('prose lines are not verbatim, literal and markup blocks are', () => {
    const o = scan(
      rst(
        'Title', // 1
        '=====', // 2
        '', // 3
        'Prose::', // 4
        '', // 5
        '    code', // 6
        '', // 7
        '- item::', // 8
        '', // 9
        '    nested code', // 10
        '', // 11
        '  item text', // 12
        '', // 13
        '   quoted prose', // 14
        '', // 15
        '>>> doctest', // 16
        '', // 17
        '.. note::', // 18
        '   directive body' // 19
      )
    )
    const v = o.lines.map((_, i) => (o.verbatim[i] ? i + 1 : 0)).filter(Boolean)
    expect(v).toEqual([6, 10, 14, 16, 19])
    expect(o.verbatim).toHaveLength(o.lines.length)
  })

  const verbatimLines = (o: Outline): number[] => o.lines.map((_, i) => (o.verbatim[i] ? i + 1 : 0)).filter(Boolean)

  test('list items of plain prose hold nothing verbatim; markup inside an item still counts', () => {
    const o = scan(
      rst(
        '* ``literal`` first, then', // 1
        '  "quoted" and <angled> text', // 2
        '  ~~~~~~~~', // 3: an adornment line inside an item is text, not a title
        '* item with a literal block::', // 4
        '', // 5
        '    code', // 6
        '', // 7
        '* ``literal`` starts this one', // 8
        '  and ends with a marker::', // 9
        '', // 10
        '    more code', // 11
        '', // 12
        '#. auto', // 13
        '   ``x``', // 14
        '', // 15
        '   >>> doctest in an item', // 16
        '', // 17
        '* item', // 18
        '', // 19
        '  - nested', // 20
        '', // 21
        '      quoted' // 22: a block quote in the nested item
      )
    )
    expect(tree(o)).toEqual([])
    expect(verbatimLines(o)).toEqual([6, 11, 16, 22])
  })

  test('enumerated items, definitions and options nest like list items', () => {
    const o = scan(
      rst(
        'ii. roman', // 1
        '    text::', // 2
        '', // 3
        '      code', // 4
        '', // 5
        'term', // 6
        '  definition::', // 7
        '', // 8
        '    code', // 9
        '', // 10
        '-o FILE  option description', // 11
        '         continued::', // 12
        '', // 13
        '           code', // 14
        '', // 15
        'e.g. is not an enumerator', // 16
        '', // 17
        '    so this is a block quote' // 18
      )
    )
    expect(verbatimLines(o)).toEqual([4, 9, 14, 18])
  })

  test('explicit markup: footnotes, citations, targets, substitutions, directives, comments', () => {
    const o = scan(
      rst(
        '.. [1] footnote', // 1: footnote body is parsed, not verbatim
        '   text', // 2
        '.. [#note] auto footnote', // 3
        '.. [CIT2002] citation', // 4
        '.. _target: http://example.com/', // 5
        '.. |sub| replace:: text', // 6
        '.. code-block:: python', // 7
        '', // 8
        '   x = 1', // 9
        '.. a:b:: name with a colon', // 10
        '   body', // 11
        '.. not a directive: comment', // 12
        '   comment body', // 13
        '..', // 14
        '', // 15
        'Title', // 16
        '=====' // 17
      )
    )
    expect(tree(o)).toEqual([[1, 16, 'Title']])
    expect(verbatimLines(o)).toEqual([5, 6, 9, 11, 12, 13, 14])
  })
})

describe('lines as docutils reads them', () => {
  test('trailing whitespace, tabs and non-ASCII text give the same structure', () => {
    const plain = rst('Title', '=====', '', '* item::', '', '    code', '', 'Sub', '---', '', 'Text.')
    const expected = { tree: tree(scan(plain)), verbatim: scan(plain).verbatim }
    for (const variant of [
      plain.replace(/\n/g, '  \n'),
      plain.replace(/\n/g, '\u00a0\n'),
      plain.replace('    code', '\tcode'),
      plain.replace('Text.', 'Tëxt — “quoted” 中文.'),
      plain.replace(/\n/g, '\r\n')
    ]) {
      const o = scan(variant)
      expect({ tree: tree(o), verbatim: o.verbatim }).toEqual(expected)
    }
  })

  test('titles with and without inline markup', () => {
    const o = scan(rst('snake_case title', '================', '', 'The ``nova-manage`` command', '===========================', '', 'ref_ title', '=========='))
    expect(tree(o)).toEqual([
      [1, 1, 'snake_case title'],
      [1, 4, 'The nova-manage command'],
      [1, 7, 'ref title']
    ])
  })
})

describe('renderTitle', () => {
  test.each([
    ['Plain   title ', 'Plain title'],
    ['Use ``PCPU`` and ``VCPU``', 'Use PCPU and VCPU'],
    ['*emph* and **strong**', 'emph and strong'],
    ['`GET /resource_providers`', 'GET /resource_providers'],
    ['`Create Server <http://example.com/#create>`_', 'Create Server'],
    ['`<http://example.com/>`_', 'http://example.com/'],
    ['name_ and anonymous__ refs', 'name and anonymous refs'],
    ['Bandwidth [1]_ Feature', 'Bandwidth 1 Feature'],
    ['auto [#]_ footnote', 'auto footnote'],
    ['|subst| here', 'subst here'],
    [':ref:`unknown role`', ':ref:`unknown role`'],
    [':code:`x\\y` and :sub:`2`', 'x\\y and 2'],
    [':pep:`8` :rfc:`0042`', 'PEP 8 RFC 42'],
    ['\\*not emphasis\\*', '*not emphasis*'],
    ['a\\ b', 'ab'],
    ['``a\\``', 'a\\'],
    ['*unclosed emphasis', '*unclosed emphasis'],
    ['quoted "*" star', 'quoted "*" star'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['snake_case_name', 'snake_case_name'],
    ['hw:cpu_policy', 'hw:cpu_policy']
  ])('%j -> %j', (raw, text) => {
    expect(renderTitle(raw)).toBe(text)
  })

  test('linear on pathological input', () => {
    const t0 = workClock()
    renderTitle('*'.repeat(50_000))
    renderTitle('`'.repeat(50_000))
    renderTitle('x ' + '`a '.repeat(50_000))
    renderTitle('x ' + '*a '.repeat(50_000))
    renderTitle('a-'.repeat(50_000) + '_')
    renderTitle('[a '.repeat(50_000))
    expect(t0.ms()).toBeLessThan(2000)
  })
})
