/**
 * Bugs the fuzz test found, each reduced to a small named case (they fail
 * without the fix).
 */
import { checkText } from '../../src/engine/check.js'
import { fixText } from '../../src/engine/fix.js'
import { closestTitle } from '../../src/engine/similar.js'
import { scan } from '../../src/engine/rst/scan.js'
import { titleUnderline } from '../../src/rules/title-underline.js'
import type { CheckOptions, RuleContext } from '../../src/engine/types.js'
import { GOOD_SPEC, smallTemplate, variant } from '../helpers.js'
import { RULES } from '../../src/rules/index.js'
import { workClock } from '../work-clock.js'

const opts = (rules: CheckOptions['rules'] = {}): CheckOptions => ({
  file: 'specs/x.rst',
  ruleOptions: { 'line-length': { max: 79 } },
  rules,
  optionalSections: [],
  sectionDepth: 2
})

describe('fixText: found by fuzzing', () => {
  test('a second leading BOM is not a change: `changed` is true exactly when something was applied', () => {
    const r = fixText('\ufeff\ufeff' + GOOD_SPEC, smallTemplate(), opts(), RULES)
    expect(r.applied).toEqual([])
    expect(r.changed).toBe(false)
    expect(fixText(r.text, smallTemplate(), opts(), RULES).changed).toBe(false)
  })

  test('a title with a wide character gets an underline as long as docutils measures it (U+231A counts 2)', () => {
    const spec = variant('Operators frobnicate widgets daily.\n', 'Operators frobnicate widgets daily.\n\nWidgets \u231a\n---------\n\nText.\n')
    expect(checkText(spec, smallTemplate(), opts(), RULES).findings.map(f => f.rule)).toEqual(['title-underline'])
    const r = fixText(spec, smallTemplate(), opts(), RULES)
    expect(r.text).toContain('Widgets \u231a\n----------\n')
    expect(checkText(r.text, smallTemplate(), opts(), RULES).findings).toEqual([])
    expect(fixText(r.text, smallTemplate(), opts(), RULES).changed).toBe(false)
  })

  test('a too-short overline above a template title is left alone (no phantom underline fix)', () => {
    const spec = '=====\nTitle\n=====\n\ntext\n\n^^\nProblem description\n-------------------\n\nNone\n'
    const r = fixText(spec, smallTemplate(), opts(), RULES)
    expect(r.applied.filter(a => a.rule === 'title-underline')).toEqual([])
    expect(fixText(r.text, smallTemplate(), opts(), RULES).changed).toBe(false)
  })

  test('a missing section that would land inside a table is not inserted (again and again)', () => {
    // The simple table opened on line 1 swallows everything after it, so an
    // inserted title never becomes a section.
    const spec = '=====  =====\nData model impact\n           indented text\n\n\n********\n\n..\nExample Spec - Title\n\ufffd\x18\n'
    const r = fixText(spec, smallTemplate(), opts(), RULES)
    expect(r.applied).toEqual([])
    expect(r.text).toBe(spec)
  })

  test('trailing blanks are removed in linear time (a long run of blanks inside a line was quadratic)', () => {
    const line = `a${' '.repeat(50_000)}b`
    const spec = GOOD_SPEC.replace('Unit tests.\n', `Unit tests.\n\n${line}  \n`)
    const t0 = workClock()
    const r = fixText(spec, smallTemplate(), opts({ 'line-length': 'off' }), RULES)
    expect(t0.ms()).toBeLessThan(500)
    expect(r.text).toContain(`\n${line}\n`)
    expect(r.applied.map(a => a.rule)).toEqual(['trailing-whitespace'])
  })

  test.each([
    ['CR', '\r'],
    ['CRLF', '\r\n']
  ])('with carriage-return off, %s files are fixed on the right lines and keep their line endings', (_name, eol) => {
    const spec = GOOD_SPEC.replace('Alternatives\n------------\n\nNone\n\n', '').replace('Testing\n=======', 'Testing\n=====').replace(/\n/g, eol)
    const o = opts({ 'carriage-return': 'off' })
    const r = fixText(spec, smallTemplate(), o, RULES)
    expect(r.applied.map(a => a.rule).sort()).toEqual(['missing-section', 'title-underline'])
    expect(r.text).toBe(GOOD_SPEC.replace(/\n/g, eol))
    expect(checkText(r.text, smallTemplate(), o, RULES).findings).toEqual([])
  })
})

describe('rules stay linear on files with very many sections', () => {
  test('60,000 subsections with short underlines: the title-underline rule alone under 1 s (was 2 s, a search per problem; ~100 ms when linear)', () => {
    const spec = GOOD_SPEC + '\n' + 'Titles\n-----\n\nNone\n\n'.repeat(60_000)
    const template = smallTemplate()
    const ctx: RuleContext = { file: 'specs/x.rst', outline: scan(spec), template, options: opts(), text: spec, ruleIds: RULES.map(r => r.id) }
    const found: number[] = []
    const t0 = workClock()
    titleUnderline.check(ctx, f => found.push(f.line))
    expect(t0.ms()).toBeLessThan(1000)
    expect(found).toHaveLength(60_000)
  })

  test('closestTitle: the same answers with candidates normalised once (repeats, near misses, no match)', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Section number ${i}`)
    expect(closestTitle('Problem descriptoin', [...many, 'Problem description', 'Problem description'])).toBe('Problem description')
    expect(closestTitle('Section number 12', many)).toBe('Section number 12')
    expect(closestTitle('Totally different', many)).toBeUndefined()
    expect(closestTitle('Use cases', ['Use Cases', 'use cases'])).toBe('Use Cases')
    expect(closestTitle('Data model', ['Data model impact'])).toBeUndefined()
    expect(closestTitle('Data model impakt', ['Data model impact'])).toBe('Data model impact')
  })
})
