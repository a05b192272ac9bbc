import { checkText } from '../../src/engine/check.js'
import { GOOD_SPEC, check, only, smallTemplate, variant, lineOf } from '../helpers.js'

const long = 'word '.repeat(20).trim()

describe('suppression comments', () => {
  test('disable= turns rules off for the next non-blank line only', () => {
    const spec = variant('Unit tests.', `.. spec-template-check: disable=line-length\n\n${long}\n\n${long}`)
    const f = only(check(spec), 'line-length')
    expect(f.map(x => x.line)).toEqual([lineOf(spec, '.. spec-template-check: disable=line-length') + 4])
  })

  test('disable-section= covers the section it stands in (and its subsections)', () => {
    const spec = variant('Add a frobnicator.', `Add a frobnicator.\n\n.. spec-template-check: disable-section=line-length, tab\n\n${long}\n\nA\ttab.`)
      .replace('Unit tests.', long)
    const all = check(spec)
    expect(only(all, 'tab')).toEqual([])
    const testing = lineOf(spec, 'Testing')
    const lines = spec.split('\n')
    const longInTesting = lines.findIndex((l, i) => l === long && i + 1 > testing) + 1
    expect(only(all, 'line-length').map(x => x.line)).toEqual([longInTesting])
  })

  test('disable-file= covers the whole file; the report counts what was suppressed', () => {
    const spec = variant('Unit tests.', `.. spec-template-check: disable-file=line-length\n\n${long}\n\n${long}`)
    const r = checkText(spec, smallTemplate(), { file: 'x', maxLineLength: 79, rules: {}, optionalSections: [], sectionDepth: 2 })
    expect(only(r.findings, 'line-length')).toEqual([])
    expect(r.suppressed).toBe(2)
    expect(checkText(GOOD_SPEC, smallTemplate(), { file: 'x', maxLineLength: 79, rules: {}, optionalSections: [], sectionDepth: 2 }).suppressed).toBeUndefined()
  })

  test('an unknown rule in a suppression is itself a finding', () => {
    const spec = variant('Unit tests.', 'Unit tests.\n\n.. spec-template-check: disable=line-lenght')
    const f = only(check(spec), 'suppression')
    expect(f.map(x => x.line)).toEqual([lineOf(spec, '.. spec-template-check: disable=line-lenght')])
    expect(f[0]!.message).toContain('Unknown rule "line-lenght"')
  })

  test('structural findings can be suppressed for the file', () => {
    const spec = variant('History\n=======\n\nNone\n', '.. spec-template-check: disable-file=missing-section\n')
    expect(only(check(spec), 'missing-section')).toEqual([])
  })
})
