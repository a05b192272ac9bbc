/** Rules the template states: line-length and image only where the template's own words ask. */
import { GOOD_SPEC, SMALL_TEMPLATE, variant, lineOf } from '../helpers.js'
import { checkText } from '../../src/engine/check.js'
import { scan } from '../../src/engine/rst/scan.js'
import { statedRules } from '../../src/engine/stated.js'
import { templateFromText } from '../../src/templates/templates.js'
import { DEFAULT_TEMPLATE_TEXT } from '../../src/engine/default-template.generated.js'
import type { CheckOptions, Finding } from '../../src/engine/types.js'
import { RULES } from '../../src/rules/index.js'
import { workClock } from '../work-clock.js'

const stated = (text: string) => statedRules(scan(text))

/** The small template with its header comment replaced. */
const withHeader = (header: string): string => SMALL_TEMPLATE.replace(/^\.\.\n(?: .*\n)+/, `..\n ${header.split('\n').join('\n ')}\n`)
const SILENT = withHeader('A small template written for the tests.')

function run(templateText: string, spec: string, o: Partial<CheckOptions> = {}): Finding[] {
  const t = templateFromText(templateText, 'specs/template.rst', false, 2)
  return checkText(spec, t, { file: 'x.rst', rules: {}, optionalSections: [], sectionDepth: 2, ...o }, RULES).findings
}
const rule = (fs: Finding[], id: string) => fs.filter(f => f.rule === id)

const LONG = 'x '.repeat(45).trim() // 89 characters
const longSpec = variant('Unit tests.', LONG)
const imageSpec = variant('Add a frobnicator.', 'Add a frobnicator.\n\n.. image:: a.png')

describe('template sentences', () => {
  test('a paragraph that is one long run of sentence marks is read in linear time (fuzz seed 20261203 case 34813: 3.5 s for 74k "!")', () => {
    // Quadratic splitting took about 3.5 s for 74,000 marks, so about 25 s here; linear takes milliseconds.
    const t0 = workClock()
    expect(stated(`Notes:\n\n${'!'.repeat(200_000)}\n`)).toEqual(stated('Notes:\n\nNothing.\n'))
    expect(t0.ms()).toBeLessThan(2000)
  })

  test('a number followed by a long run of spaces is read in linear time', () => {
    const t0 = workClock()
    const s = stated(`Notes:\n\nPlease wrap text at 80${' '.repeat(100_000)}x and keep lines to 79${' '.repeat(100_000)}y.\n`)
    expect(s.lineLength).toBeUndefined()
    expect(t0.ms()).toBeLessThan(2000)
  })

  test('nova: "Please wrap text at 79 columns." and "ascii diagrams are required"', () => {
    const s = stated(
      'Notes:\n\n* Please wrap text at 79 columns.\n\n* If you would like to provide a diagram with your spec, ascii diagrams are\n  required.  http://asciiflow.com/ is a very nice tool.\n'
    )
    expect(s.lineLength).toEqual({ line: 3, text: 'Please wrap text at 79 columns.', width: 79 })
    expect(s.image).toEqual({ line: 5, text: 'If you would like to provide a diagram with your spec, ascii diagrams are required.', level: 'required' })
  })

  test('heat (in a comment): "just write: None", no width, no diagrams', () => {
    const s = stated('..\n This template should be in ReSTructured text. Please do not delete\n any of the sections. If you have nothing to say for a\n whole section, just write: None\n')
    expect(s.lineLength).toBeUndefined()
    expect(s.image).toBeUndefined()
    expect(s.none).toEqual({ line: 4, text: 'If you have nothing to say for a whole section, just write: None' })
  })

  test('other wordings of a width', () => {
    expect(stated('Wrap lines at 80 columns.').lineLength?.width).toBe(80)
    expect(stated('Text should be wrapped to 72 characters.').lineLength?.width).toBe(72)
    expect(stated('Keep lines under 80 characters.').lineLength?.width).toBe(79)
    expect(stated('Lines must be no longer than 100 characters.').lineLength?.width).toBe(100)
    expect(stated('Use a 99 character line limit.').lineLength?.width).toBe(99)
    expect(stated('The maximum line length is 88.').lineLength?.width).toBe(88)
    expect(stated('Please keep lines to 79 characters or less.').lineLength?.width).toBe(79)
    expect(stated('Text must fit in 72 columns.').lineLength?.width).toBe(72)
    expect(stated('This is the 80th spec. We have 79 reviewers and 12 columns of text.').lineLength).toBeUndefined()
  })

  test('text diagrams merely preferred; diagrams mentioned without a demand', () => {
    expect(stated('ASCII diagrams are preferred.').image?.level).toBe('preferred')
    expect(stated('Text diagrams are preferred. Diagrams must be in ASCII.').image?.level).toBe('required')
    expect(stated('See http://asciiflow.com for ascii diagrams.').image).toBeUndefined()
  })

  test('a line longer than a paragraph may be is read once (fuzz: it looped forever)', () => {
    const long = 'word '.repeat(5000)
    expect(stated(`${long}\n${long}\nPlease wrap text at 79 columns.\n`).lineLength?.width).toBe(79)
  })

  test('the embedded default template states both rules', () => {
    const s = stated(DEFAULT_TEMPLATE_TEXT)
    expect(s.lineLength?.width).toBe(79)
    expect(s.image?.level).toBe('required')
    expect(s.none).toBeDefined()
  })
})

describe('line-length', () => {
  test('no sentence, no rule (neutron)', () => {
    expect(rule(run(SILENT, longSpec), 'line-length')).toEqual([])
  })

  test("the template's width, quoting its words and line", () => {
    const f = rule(run(SMALL_TEMPLATE, longSpec), 'line-length')
    expect(f.map(x => [x.line, x.message])).toEqual([
      [lineOf(longSpec, LONG), 'Line is 89 characters long; wrap it at 79 (the template asks for it: "Please wrap text at 79 columns." (specs/template.rst line 2)).']
    ])
    expect(rule(run(withHeader('Wrap text at 100 columns.'), longSpec), 'line-length')).toEqual([])
  })

  test('configuration switches it on or off, and max-line-length overrides the width', () => {
    expect(rule(run(SILENT, longSpec, { rules: { 'line-length': 'warning' } }), 'line-length').map(f => [f.severity, f.message])).toEqual([
      ['warning', 'Line is 89 characters long; wrap it at 79 (line-length is switched on in the configuration).']
    ])
    expect(rule(run(SILENT, longSpec, { ruleOptions: { 'line-length': { max: 60 } } }), 'line-length')[0]!.message).toContain('wrap it at 60 (max-line-length)')
    expect(rule(run(SMALL_TEMPLATE, longSpec, { ruleOptions: { 'line-length': { max: 100 } } }), 'line-length')).toEqual([])
    expect(rule(run(SMALL_TEMPLATE, longSpec, { rules: { 'line-length': 'off' } }), 'line-length')).toEqual([])
  })
})

describe('image', () => {
  test('no sentence, no rule', () => {
    expect(rule(run(SILENT, imageSpec), 'image')).toEqual([])
  })

  test('required: a warning quoting the template', () => {
    const f = rule(run(SMALL_TEMPLATE, imageSpec), 'image')
    expect(f.map(x => [x.line, x.severity, x.message])).toEqual([
      [
        lineOf(imageSpec, '.. image:: a.png'),
        'warning',
        '"image" directive: the template asks for text diagrams: "If you would like to provide a diagram, ascii diagrams are required." (specs/template.rst line 4); draw it as text (a literal block or a diagram directive such as graphviz) instead.'
      ]
    ])
  })

  test('preferred: a notice', () => {
    const f = rule(run(withHeader('ASCII diagrams are preferred.'), imageSpec), 'image')
    expect(f.map(x => x.severity)).toEqual(['notice'])
    expect(f[0]!.message).toContain('the template prefers text diagrams: "ASCII diagrams are preferred."')
  })

  test('graphviz and other text-source diagrams are text diagrams, never images', () => {
    const spec = variant('Add a frobnicator.', 'Add a frobnicator.\n\n.. graphviz::\n\n   digraph { a -> b }\n\n.. blockdiag::\n\n   { a -> b }')
    expect(rule(run(SMALL_TEMPLATE, spec), 'image')).toEqual([])
  })

  test('configuration switches it on or off', () => {
    expect(rule(run(SILENT, imageSpec, { rules: { image: 'error' } }), 'image').map(f => f.severity)).toEqual(['error'])
    expect(rule(run(SMALL_TEMPLATE, imageSpec, { rules: { image: 'off' } }), 'image')).toEqual([])
  })
})

describe('reports', () => {
  test('each check says which rules its template switched on, and from which line', () => {
    const t = templateFromText(SMALL_TEMPLATE, 'specs/template.rst', false, 2)
    const r = checkText(GOOD_SPEC, t, { file: 'x.rst', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
    expect(r.templateRules).toEqual([
      { rule: 'line-length', line: 2, text: 'Please wrap text at 79 columns.' },
      { rule: 'image', line: 4, text: 'If you would like to provide a diagram, ascii diagrams are required.' }
    ])
    const silent = templateFromText(SILENT, 'specs/template.rst', false, 2)
    expect(checkText(GOOD_SPEC, silent, { file: 'x.rst', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES).templateRules).toBeUndefined()
  })
})
