/**
 * Linear everywhere: huge templates, specs missing all of their sections,
 * specs renaming all of them, with and without --fix. Bounds are generous
 * (a shared machine); the scaling check compares 800 against 8,000
 * sections, where quadratic work would take about 100 times as long, not 10
 * (the smaller size is timed at least 5 ms, the best of three runs).
 */
import { checkText } from '../../src/engine/check.js'
import { fixText } from '../../src/engine/fix.js'
import { templateFromText } from '../../src/templates/templates.js'
import type { CheckOptions, TemplateRules } from '../../src/engine/types.js'
import { RULES } from '../../src/rules/index.js'
import { workMs } from '../work-clock.js'

/** A template of n sections: n/2 top-level ones with one subsection each. */
function templateText(n: number): string {
  const out = ['=====', 'Title', '=====', '', 'Intro.', '']
  for (let i = 0; i < n / 2; i++) {
    const top = `Section ${i}`
    const sub = `Sub ${i}`
    out.push(top, '='.repeat(top.length), '', `Guidance ${i}.`, '', sub, '-'.repeat(sub.length), '', 'Text.', '')
  }
  return out.join('\n')
}

const options: CheckOptions = { file: 'x.rst', rules: {}, optionalSections: [], sectionDepth: 2 }
const EMPTY_SPEC = '====\nMine\n====\n\nHello.\n'

interface Work {
  template: TemplateRules
  text: string
}

const cases: Record<string, (n: number) => Work> = {
  'a spec missing every section': n => ({ template: templateFromText(templateText(n), 't.rst', false, 2), text: EMPTY_SPEC }),
  'a spec renaming every section': n => {
    const text = templateText(n)
    return { template: templateFromText(text, 't.rst', false, 2), text: text.replace('Title', 'Mine').replace(/^Section /gm, 'section ') }
  },
  'a spec of only extra sections': n => ({
    template: templateFromText(templateText(20), 't.rst', false, 2),
    text: templateText(n).replace('Title', 'Mine').replace(/^Section /gm, 'Other part ')
  })
}

/** Check and fix time (ms) at size n: the best of `runs` runs. */
function cost(name: string, n: number, runs: number): number {
  const w = cases[name]!(n)
  const once = (): number => workMs(() => {
    checkText(w.text, w.template, options, RULES)
    fixText(w.text, w.template, options, RULES)
  })
  return Math.min(...Array.from({ length: runs }, once))
}

describe('linear time', () => {
  test.each(Object.keys(cases))('%s: 10 times the sections, well under 30 times the time', name => {
    const small = Math.max(cost(name, 800, 3), 5)
    const large = cost(name, 8000, 2)
    expect(large / small).toBeLessThan(30)
  }, 120_000)

  test('a template of 30,000 sections and a spec missing all of them: check and --fix finish', () => {
    const template = templateFromText(templateText(30000), 't.rst', false, 2)
    const r = checkText(EMPTY_SPEC, template, options, RULES)
    expect(r.findings.filter(f => f.rule === 'missing-section')).toHaveLength(15000)
    const fixed = fixText(EMPTY_SPEC, template, options, RULES)
    expect(checkText(fixed.text, template, options, RULES).findings.filter(f => f.rule === 'missing-section')).toEqual([])
    expect(fixText(fixed.text, template, options, RULES).changed).toBe(false)
  }, 120_000)
})
