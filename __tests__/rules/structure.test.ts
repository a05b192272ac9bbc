import { GOOD_SPEC, check, only, variant, lineOf } from '../helpers.js'

describe('good spec', () => {
  test('has no findings at all', () => {
    expect(check(GOOD_SPEC)).toEqual([])
  })
})

describe('missing-section', () => {
  test('a deleted top-level section is reported where it belongs, naming what it follows', () => {
    const spec = variant('Testing\n=======\n\nUnit tests.\n\n', '')
    const f = only(check(spec), 'missing-section')
    expect(f).toHaveLength(1)
    expect(f[0]!.line).toBe(lineOf(spec, 'History'))
    expect(f[0]!.message).toContain('"Testing"')
    expect(f[0]!.message).toContain('after "Implementation"')
    expect(f[0]!.section).toBe('Testing')
  })

  test('a deleted subsection is reported at the next section, even a top-level one', () => {
    const spec = variant('Assignee(s)\n-----------\n\nPrimary assignee:\n  jdoe\n\n', '')
    const f = only(check(spec), 'missing-section')
    expect(f.map(x => [x.line, x.section])).toEqual([[lineOf(spec, 'Testing'), 'Assignee(s)']])
    expect(f[0]!.message).toContain('subsection')
  })

  test('a section that belongs last is reported at the end of the file', () => {
    const spec = variant('History\n=======\n\nNone\n', '')
    const f = only(check(spec), 'missing-section')
    expect(f).toHaveLength(1)
    expect(f[0]!.line).toBe(spec.split('\n').length - 1)
  })

  test('subsections of a missing section are not reported again', () => {
    const start = GOOD_SPEC.indexOf('Proposed change\n')
    const end = GOOD_SPEC.indexOf('Implementation\n')
    const spec = GOOD_SPEC.slice(0, start) + GOOD_SPEC.slice(end)
    const f = only(check(spec), 'missing-section')
    expect(f.map(x => x.section)).toEqual(['Proposed change'])
  })

  test('optional sections may be absent', () => {
    const spec = variant('History\n=======\n\nNone\n', '')
    expect(only(check(spec, { optionalSections: ['History'] }), 'missing-section')).toEqual([])
  })

  test('third-level headings are optional unless --section-depth asks for them', () => {
    expect(only(check(GOOD_SPEC), 'missing-section')).toEqual([])
    const f = only(check(GOOD_SPEC, { depth: 3 }), 'missing-section')
    expect(f.map(x => x.section)).toEqual(['Details'])
  })

  test('a case change is one finding at the renamed heading, naming the template title', () => {
    const spec = variant('Use Cases\n---------', 'Use cases\n---------')
    const all = check(spec)
    expect(all.map(f => f.rule)).toEqual(['missing-section'])
    expect(all[0]!.line).toBe(lineOf(spec, 'Use cases'))
    expect(all[0]!.message).toBe(`Subsection "Use cases" stands for the template's "Use Cases": use the template's title exactly (rename it to "Use Cases").`)
  })
})

describe('extra-section', () => {
  test('a close spelling of a missing section is a rename, not an extra section', () => {
    const spec = variant('Proposed change\n===============', 'Proposed Changes\n================')
    const all = check(spec)
    expect(only(all, 'extra-section')).toEqual([])
    const f = only(all, 'missing-section')
    expect(f.map(x => [x.line, x.section])).toEqual([[lineOf(spec, 'Proposed Changes'), 'Proposed change']])
    expect(f[0]!.message).toContain('Section "Proposed Changes" stands for the template\'s "Proposed change"')
    expect(all).toHaveLength(1)
  })

  test('extra subsections are allowed', () => {
    const spec = variant('Alternatives\n------------', 'Extra notes\n-----------\n\nSome notes.\n\nAlternatives\n------------')
    expect(only(check(spec), 'extra-section')).toEqual([])
    expect(check(spec)).toEqual([])
  })

  test('an unrelated extra section gets no suggestion', () => {
    const spec = GOOD_SPEC + '\nFrequently asked questions\n==========================\n\nNone\n'
    const f = only(check(spec), 'extra-section')
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toBe('Section "Frequently asked questions" is not in the template: move its content into a template section or make it a subsection (or list it in allowed-sections).')
  })
})

describe('section-order', () => {
  test('two swapped top-level sections: the one moved up is reported', () => {
    const a = 'Implementation\n==============\n\nAssignee(s)\n-----------\n\nPrimary assignee:\n  jdoe\n\n'
    const b = 'Testing\n=======\n\nUnit tests.\n\n'
    const spec = GOOD_SPEC.replace(a + b, b + a)
    const f = only(check(spec), 'section-order')
    expect(f).toHaveLength(1)
    expect(f[0]!.line).toBe(lineOf(spec, 'Testing'))
    expect(f[0]!.message).toContain('after "Implementation"')
    expect(only(check(spec), 'missing-section')).toEqual([])
  })

  test('swapped subsections are reported within their parent', () => {
    const a = 'Alternatives\n------------\n\nNone\n\n'
    const b = 'Data model impact\n-----------------\n\nNone\n\n'
    const spec = GOOD_SPEC.replace(a + b, b + a)
    const f = only(check(spec), 'section-order')
    expect(f.map(x => x.section)).toEqual(['Data model impact'])
  })

  test('in order: nothing', () => {
    expect(only(check(GOOD_SPEC), 'section-order')).toEqual([])
  })
})

describe('section-level', () => {
  test('a subsection promoted to top level is reported, not missing nor extra', () => {
    const spec = variant('Data model impact\n-----------------', 'Data model impact\n=================')
    const all = check(spec)
    expect(only(all, 'section-level').map(x => [x.line, x.section])).toEqual([[lineOf(spec, 'Data model impact'), 'Data model impact']])
    expect(only(all, 'section-level')[0]!.message).toContain('a subsection of "Proposed change"')
    expect(only(all, 'missing-section')).toEqual([])
    expect(only(all, 'extra-section')).toEqual([])
  })

  test('a top-level section demoted under another is reported', () => {
    const spec = variant('Testing\n=======', 'Testing\n-------')
    const f = only(check(spec), 'section-level')
    expect(f.map(x => x.section)).toEqual(['Testing'])
    expect(f[0]!.message).toContain('under "Implementation"')
  })

  test('children of a renamed section are not reported again', () => {
    const spec = variant('Proposed change\n===============', 'Proposed Changes\n================')
    const all = check(spec)
    expect(only(all, 'section-level')).toEqual([])
    expect(only(all, 'missing-section').map(x => x.section)).toEqual(['Proposed change'])
  })
})

describe('empty-section', () => {
  test('a section with no text is reported at its title', () => {
    const spec = variant('Testing\n=======\n\nUnit tests.\n', 'Testing\n=======\n\n')
    const f = only(check(spec), 'empty-section')
    expect(f.map(x => [x.line, x.section])).toEqual([[lineOf(spec, 'Testing'), 'Testing']])
    expect(f[0]!.message).toContain('None')
  })

  test('a section that only holds subsections is not empty', () => {
    expect(only(check(GOOD_SPEC), 'empty-section')).toEqual([])
  })

  test('"None" is content', () => {
    expect(only(check(variant('Unit tests.', 'None')), 'empty-section')).toEqual([])
  })
})

describe('template-text', () => {
  test("a section still holding the template's guidance is a warning", () => {
    const spec = variant('Unit tests.', 'How will this be\ntested?')
    const f = only(check(spec), 'template-text')
    expect(f).toHaveLength(1)
    expect(f[0]!.severity).toBe('warning')
    expect(f[0]!.section).toBe('Testing')
  })

  test('own text mixed with guidance is fine', () => {
    const spec = variant('Unit tests.', 'How will this be tested?\n\nWith unit tests.')
    expect(only(check(spec), 'template-text')).toEqual([])
  })
})

describe('placeholder', () => {
  test('a template placeholder left in place is reported at its column', () => {
    const spec = variant('  jdoe', '  <launchpad-id or None>')
    const f = only(check(spec), 'placeholder')
    expect(f.map(x => [x.line, x.column, x.section])).toEqual([[lineOf(spec, '  <launchpad-id or None>'), 3, 'Assignee(s)']])
  })

  test('other angle brackets and links are not placeholders', () => {
    const spec = variant('Add a frobnicator.', 'Add a frobnicator, see `docs <https://example.org>`_ and <jdoe@example.org>.')
    expect(only(check(spec), 'placeholder')).toEqual([])
  })
})

describe('title', () => {
  test("the template's example title is reported", () => {
    const spec = variant('==================\nFrobnicate widgets\n==================', '====================\nExample Spec - Title\n====================')
    const f = only(check(spec), 'title')
    expect(f.map(x => x.line)).toEqual([2])
  })

  test('no document title is reported', () => {
    const spec = GOOD_SPEC.split('\n').slice(4).join('\n')
    const f = only(check(spec), 'title')
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain('no document title')
  })
})

describe('title-underline', () => {
  test('an underline shorter than the title (>= 4) is reported at the title line', () => {
    const spec = variant('Testing\n=======', 'Testing\n=====')
    const f = only(check(spec), 'title-underline')
    expect(f.map(x => [x.line, x.section])).toEqual([[lineOf(spec, 'Testing') + 1, 'Testing']])
  })

  test('the finding carries the corrected title block', () => {
    const spec = variant('Testing\n=======', 'Testing\n=====')
    const f = only(check(spec), 'title-underline')[0]!
    expect(f.fix).toEqual({
      description: 'Make the adornment of "Testing" as long as the title',
      startLine: lineOf(spec, 'Testing'),
      endLine: lineOf(spec, 'Testing') + 2,
      text: 'Testing\n=======\n'
    })
    const over = variant('==================\nFrobnicate widgets\n==================', '======\nFrobnicate widgets\n======')
    expect(only(check(over), 'title-underline')[0]!.fix).toMatchObject({ startLine: 1, endLine: 4, text: '==================\nFrobnicate widgets\n==================\n' })
  })

  test('a template title with an adornment under 4 characters is plain text, and said so', () => {
    const spec = variant('Testing\n=======', 'Testing\n===')
    const all = check(spec)
    const f = only(all, 'title-underline')
    expect(f.map(x => x.line)).toEqual([lineOf(spec, 'Testing') + 1])
    expect(f[0]!.message).toContain('plain text')
    expect(f[0]!.fix?.text).toBe('Testing\n=======\n')
    expect(only(all, 'missing-section').map(x => x.section)).toEqual(['Testing'])
  })
})

describe('severity overrides', () => {
  test('off disables a rule, and a severity replaces the default', () => {
    const spec = variant('Testing\n=======\n\nUnit tests.\n', 'Testing\n=======\n\n')
    expect(only(check(spec, { rules: { 'empty-section': 'off' } }), 'empty-section')).toEqual([])
    expect(only(check(spec, { rules: { 'empty-section': 'notice' } }), 'empty-section')[0]!.severity).toBe('notice')
  })
})
