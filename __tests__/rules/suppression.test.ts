import { checkText } from '../../src/engine/check.js'
import { applySuppressions, suppressionText, textLines, type Suppression } from '../../src/engine/suppress.js'
import { RULE_IDS } from '../../src/rules/index.js'
import type { CheckOptions, Finding } from '../../src/engine/types.js'
import { GOOD_SPEC, check, only, smallTemplate, variant, lineOf } from '../helpers.js'
import { RULES } from '../../src/rules/index.js'
import { workClock } from '../work-clock.js'

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
    const r = checkText(spec, smallTemplate(), { file: 'x', ruleOptions: { 'line-length': { max: 79 } }, rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
    expect(only(r.findings, 'line-length')).toEqual([])
    expect(r.suppressed).toBe(2)
    expect(checkText(GOOD_SPEC, smallTemplate(), { file: 'x', ruleOptions: { 'line-length': { max: 79 } }, rules: {}, optionalSections: [], sectionDepth: 2 }, RULES).suppressed).toBeUndefined()
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

const opts = (extra: Partial<CheckOptions> = {}): CheckOptions => ({
  file: 'specs/x.rst',
  ruleOptions: { 'line-length': { max: 79 } },
  rules: {},
  optionalSections: [],
  sectionDepth: 2,
  ...extra
})

/** Every rule off for the file, and a spec with a long line, a tab and no "History" section. */
const EVERY_RULE = `.. spec-template-check: disable-file=${RULE_IDS.filter(r => r !== 'suppression').join(',')}`
const hiding = (comment: string): string =>
  variant('History\n=======\n\nNone\n', '').replace('Unit tests.', `Unit tests.\n\n${comment}\n\n${long}\n\nA\ttab.`)

describe('suppression comments that are text, not comments', () => {
  const literal = (block: string): string => variant('Unit tests.', `Unit tests.\n\n${block}\n\n${long}`)
  const c = '.. spec-template-check: disable-file=line-length'

  test.each([
    ['a literal block after "::"', `An example::\n\n    ${c}`],
    ['a literal block after an expanded "::"', `An example:\n\n::\n\n  ${c}`],
    ['a literal block nested deeper', `An example::\n\n    first\n        ${c}`],
    ['a quoted literal block', `An example::\n\n${c}`],
    ['a code-block directive', `.. code-block:: rst\n\n   ${c}`],
    ['a literal block in a list item', `- An example::\n\n      ${c}`],
    ['the body of another comment', `..\n   ${c}`]
  ])('in %s it suppresses nothing', (_what, block) => {
    const spec = literal(block)
    const r = checkText(spec, smallTemplate(), opts(), RULES)
    expect(only(r.findings, 'line-length').length).toBeGreaterThanOrEqual(1)
    expect(r.suppressed).toBeUndefined()
    expect(r.suppressions).toBeUndefined()
  })

  test.each([
    ['at the top level', c],
    ['after a literal block has ended', `An example::\n\n    code\n\n${c}`],
    ['in a note directive (its body is RST)', `.. note::\n\n   ${c}`],
    ['in a list item', `- item\n\n  ${c}`],
    ['in a block quote', `  quoted\n\n  ${c}`]
  ])('%s it is a suppression', (_what, block) => {
    const r = checkText(literal(block), smallTemplate(), opts(), RULES)
    expect(only(r.findings, 'line-length')).toEqual([])
    expect(r.suppressed).toBe(1)
  })

  test('textLines is linear: 200,000 nested lines in well under a second', () => {
    const lines = ['Text::', '', ...Array.from({ length: 200_000 }, (_, i) => ' '.repeat(4 + (i % 50)) + `.. spec-template-check: disable=tab`)]
    const t0 = workClock()
    const text = textLines(lines)
    expect(t0.ms()).toBeLessThan(1000)
    expect(text.slice(2).every(Boolean)).toBe(true)
  })
})

describe('suppressions policy', () => {
  test('allow (default): honoured, and each comment says what it hid', () => {
    const spec = hiding('.. spec-template-check: disable-file=line-length,tab,missing-section')
    const r = checkText(spec, smallTemplate(), opts(), RULES)
    expect(r.findings).toEqual([])
    expect(r.suppressed).toBe(3)
    expect(r.suppressions).toEqual([
      {
        line: lineOf(spec, '.. spec-template-check: disable-file=line-length,tab,missing-section'),
        scope: 'disable-file',
        rules: ['line-length', 'tab', 'missing-section'],
        hidden: { 'missing-section': 1, 'line-length': 1, tab: 1 },
        count: 3
      }
    ])
  })

  test('a disable-file naming every rule hides everything in allow mode, but is listed', () => {
    const spec = hiding(EVERY_RULE)
    const r = checkText(spec, smallTemplate(), opts(), RULES)
    expect(r.findings).toEqual([])
    expect(r.suppressions).toHaveLength(1)
    expect(r.suppressions![0]!.count).toBe(r.suppressed)
    expect(r.suppressed).toBeGreaterThanOrEqual(3)
  })

  test('report: honoured, and each comment is a suppression notice at its line naming what it hides', () => {
    const spec = hiding(EVERY_RULE)
    const r = checkText(spec, smallTemplate(), opts({ suppressions: 'report' }), RULES)
    const line = lineOf(spec, EVERY_RULE)
    expect(r.findings.map(f => [f.rule, f.severity, f.line])).toEqual([['suppression', 'notice', line]])
    expect(r.findings[0]!.message).toMatch(/^Suppression "disable-file=title,missing-section,.*" hides 4 findings \(line-length ×2, tab ×1, missing-section ×1\) \(suppressions: report\)\.$/)
    expect(r.suppressed).toBe(4) // the comment line itself is over 79 characters
    // A severity set for the rule applies (a repository can make report strict).
    expect(checkText(spec, smallTemplate(), opts({ suppressions: 'report', rules: { suppression: 'warning' } }), RULES).findings[0]!.severity).toBe('warning')
    expect(checkText(spec, smallTemplate(), opts({ suppressions: 'report', rules: { suppression: 'off' } }), RULES).findings).toEqual([])
  })

  test('deny: ignored, and each comment is an error at its line', () => {
    const spec = hiding(EVERY_RULE).replace('Unit tests.', 'Unit tests.\n\n.. spec-template-check: disable=line-length')
    const r = checkText(spec, smallTemplate(), opts({ suppressions: 'deny' }), RULES)
    expect(r.suppressed).toBeUndefined()
    expect(r.suppressions).toBeUndefined()
    const denied = only(r.findings, 'suppression')
    expect(denied.map(f => [f.line, f.severity])).toEqual([
      [lineOf(spec, '.. spec-template-check: disable=line-length'), 'error'],
      [lineOf(spec, EVERY_RULE), 'error']
    ])
    expect(denied[0]!.message).toBe(
      'Suppression comments are not honoured in this repository (suppressions: deny): "disable=line-length" is ignored; fix the findings instead.'
    )
    expect(only(r.findings, 'line-length')).toHaveLength(2) // the long line and the comment line
    expect(only(r.findings, 'tab')).toHaveLength(1)
    expect(only(r.findings, 'missing-section')).toHaveLength(1)
  })

  test('overlapping comments: a finding counts for the disable= comment on its line before a section or file one', () => {
    const spec = variant('Unit tests.', `.. spec-template-check: disable-section=line-length\n\n.. spec-template-check: disable=line-length\n\n${long}\n\n${long}`)
    const r = checkText(spec, smallTemplate(), opts(), RULES)
    expect(r.suppressions!.map(u => [u.scope, u.count])).toEqual([
      ['disable-section', 1],
      ['disable', 1]
    ])
  })
})

describe('applySuppressions', () => {
  const f = (line: number, rule: string): Finding => ({ rule, severity: 'error', message: 'm', file: 'x', line })
  const sup = (scope: Suppression['scope'], line: number, from: number, to: number, rules: string[]): Suppression => ({ scope, rules, line, from, to })

  test('agrees with the plain definition on random inputs (disable= on the line first, else the first covering comment)', () => {
    let seed = 7
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n)
    const rules = ['tab', 'line-length', 'image', 'suppression']
    for (let round = 0; round < 300; round++) {
      const sups = Array.from({ length: rnd(6) }, () => {
        const scope = (['disable', 'disable-section', 'disable-file'] as const)[rnd(3)]!
        const from = 1 + rnd(30)
        const to = scope === 'disable' ? from : from + rnd(20)
        return sup(scope, 1 + rnd(50), from, to, Array.from({ length: 1 + rnd(2) }, () => rules[rnd(3)]!))
      })
      const findings = Array.from({ length: rnd(15) }, () => f(1 + rnd(50), rules[rnd(4)]!))
      const covers = (s: Suppression, x: Finding): boolean => s.rules.includes(x.rule) && x.line >= s.from && x.line <= s.to
      const expected = findings.map(x => {
        if (x.rule === 'suppression') return -1
        const line = sups.findIndex(s => s.scope === 'disable' && covers(s, x))
        return line >= 0 ? line : sups.findIndex(s => s.scope !== 'disable' && covers(s, x))
      })
      const r = applySuppressions(findings, sups)
      expect(r.kept).toEqual(findings.filter((_, k) => expected[k] === -1))
      expect(r.suppressed).toBe(expected.filter(i => i >= 0).length)
      expect(r.used.map(u => u.count)).toEqual(sups.map((_, i) => expected.filter(e => e === i).length))
    }
  })

  test('many comments, long rule lists and many findings: fast', () => {
    const n = 50_000
    // Comments for section A (lines 1..n), findings in section B (lines n+1..2n), same rule; one comment naming 50,000 rules.
    const sups = Array.from({ length: n }, (_, i) => sup('disable-section', i + 1, 1, n, ['line-length']))
    sups.push(sup('disable-file', 1, 1, 2 * n, Array.from({ length: n }, (_, i) => `r${i}`)))
    const findings = Array.from({ length: n }, (_, i) => f(n + 1 + i, 'line-length'))
    const t0 = workClock()
    const r = applySuppressions(findings, sups)
    expect(t0.ms()).toBeLessThan(1000)
    expect(r.kept).toHaveLength(n)
  })

  test('messages quote a long rule list cut to 200 characters', () => {
    const spec = variant('Unit tests.', `Unit tests.\n\n.. spec-template-check: disable-file=${'x'.repeat(5000)}`)
    for (const policy of ['deny', 'allow'] as const) {
      const msgs = only(checkText(spec, smallTemplate(), opts({ suppressions: policy }), RULES).findings, 'suppression').map(f => f.message)
      expect(msgs).toHaveLength(1)
      expect(msgs[0]!.length).toBeLessThan(policy === 'deny' ? 400 : 5400) // allow: the unknown rule is named (as before)
    }
    expect(suppressionText({ scope: 'disable', rules: ['x'.repeat(300)] })).toBe(`disable=${'x'.repeat(192)}…`)
  })
})
