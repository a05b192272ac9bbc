import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fixText } from '../../src/engine/fix.js'
import { RULES } from '../../src/rules/index.js'
import { checkText } from '../../src/engine/check.js'
import { templateFromText } from '../../src/templates/templates.js'
import type { CheckOptions, TemplateRules } from '../../src/engine/types.js'
import { GOOD_SPEC, smallTemplate, variant } from '../helpers.js'
import { CORPUS, HAVE_CORPUS, describeCorpus, novaOptionalSections } from '../corpus/corpus.js'

const opts = (o: Partial<CheckOptions> = {}): CheckOptions => ({
  file: 'x.rst',
  ruleOptions: { 'line-length': { max: 79 } },
  rules: {},
  optionalSections: [],
  sectionDepth: 2,
  ...o
})

function fixed(spec: string, t: TemplateRules = smallTemplate(), o: CheckOptions = opts()): string {
  return fixText(spec, t, o, RULES).text
}

const FIXABLE = new Set(RULES.filter(r => r.fixable).map(r => r.id))

const fixableFindings = (text: string, t: TemplateRules, o: CheckOptions): string[] =>
  checkText(text, t, o, RULES)
    .findings.filter(f => FIXABLE.has(f.rule))
    .map(f => `${f.line} ${f.rule} ${f.message}`)

describe('--fix', () => {
  test('a good spec is left alone', () => {
    const r = fixText(GOOD_SPEC, smallTemplate(), opts(), RULES)
    expect(r.changed).toBe(false)
    expect(r.applied).toEqual([])
  })

  test('missing sections are inserted where the template puts them, titled and underlined in the spec style', () => {
    const spec = variant('Testing\n=======\n\nUnit tests.\n\n', '')
    expect(fixed(spec)).toBe(GOOD_SPEC.replace('Testing\n=======\n\nUnit tests.\n\n', 'Testing\n=======\n\nNone\n\n'))
  })

  test('a missing subsection and a missing last section', () => {
    const spec = variant('Alternatives\n------------\n\nNone\n\n', '').replace('History\n=======\n\nNone\n', '')
    const out = fixed(spec)
    expect(out).toContain('Proposed change\n===============\n\nAdd a frobnicator.\n\nAlternatives\n------------\n\nNone\n\nData model impact')
    expect(out.endsWith('Unit tests.\n\nHistory\n=======\n\nNone\n')).toBe(true)
    expect(checkText(out, smallTemplate(), opts(), RULES).findings).toEqual([])
  })

  test('several missing neighbours keep the template order', () => {
    const start = GOOD_SPEC.indexOf('Implementation\n')
    const spec = GOOD_SPEC.slice(0, start)
    const out = fixed(spec)
    const titles = out.split('\n').filter((l, i, a) => /^[=]+$/.test(a[i + 1] ?? '') && l !== '' && !/^=+$/.test(l))
    expect(titles).toEqual(['Frobnicate widgets', 'Problem description', 'Proposed change', 'Implementation', 'Testing', 'History'])
    expect(out).toContain('Implementation\n==============\n\nNone\n\nAssignee(s)\n-----------\n\nNone\n')
    expect(checkText(out, smallTemplate(), opts(), RULES).findings).toEqual([])
  })

  test('a renamed section is fixed by renaming its heading: the body stays, nothing is inserted', () => {
    const spec = variant('Proposed change\n===============', 'Proposed Changes\n================').replace('Use Cases\n---------', 'Use cases\n---------')
    const r = fixText(spec, smallTemplate(), opts(), RULES)
    expect(r.text).toBe(GOOD_SPEC)
    expect(r.applied.map(a => a.description)).toEqual(['Rename "Use cases" to "Use Cases"', 'Rename "Proposed Changes" to "Proposed change"'])
    expect(checkText(r.text, smallTemplate(), opts(), RULES).findings).toEqual([])
  })

  test('a renamed overlined section keeps its overline', () => {
    const spec = GOOD_SPEC.replace('Testing\n=======', '=======\nTESTING\n=======')
    expect(fixed(spec)).toBe(GOOD_SPEC.replace('Testing\n=======', '=======\nTesting\n======='))
  })

  test('short underlines and too-short template-title adornments are made full length', () => {
    expect(fixed(variant('Testing\n=======', 'Testing\n====='))).toBe(GOOD_SPEC)
    expect(fixed(variant('Testing\n=======', 'Testing\n==='))).toBe(GOOD_SPEC)
    expect(fixed(variant('==================\nFrobnicate widgets\n==================', '=====\nFrobnicate widgets\n====='))).toBe(GOOD_SPEC)
  })

  test('line endings, trailing whitespace and the final newline', () => {
    expect(fixed(GOOD_SPEC.replace(/\n/g, '\r\n'))).toBe(GOOD_SPEC)
    expect(fixed(variant('Unit tests.', 'Unit tests.  \t'))).toBe(GOOD_SPEC)
    expect(fixed(GOOD_SPEC.replace(/\n$/, ''))).toBe(GOOD_SPEC)
  })

  test('rules turned off are not fixed', () => {
    const spec = variant('Unit tests.', 'Unit tests.  ')
    expect(fixed(spec, smallTemplate(), opts({ rules: { 'trailing-whitespace': 'off' } }))).toBe(spec)
  })

  test('content it does not own is untouched, and fixing is idempotent', () => {
    const spec = variant('Testing\n=======\n\nUnit tests.\n\n', '').replace('Add a frobnicator.', 'Add a frobnicator.   \n\n.. image:: x.png')
    const once = fixed(spec)
    expect(fixed(once)).toBe(once)
    expect(once).toContain('.. image:: x.png')
    expect(fixableFindings(once, smallTemplate(), opts())).toEqual([])
  })
})

const negatives = HAVE_CORPUS
  ? readdirSync(path.join(CORPUS, 'negatives'), { withFileTypes: true })
      .filter(d => d.isDirectory())
      .flatMap(d => readdirSync(path.join(CORPUS, 'negatives', d.name)).map(f => `${d.name}/${f}`))
  : []

describeCorpus('--fix on every negative', () => {
  test.each(negatives)('%s', file => {
    const release = path.basename(file).split('__')[0]!
    const tplPath = `specs/${release}-template.rst`
    const t = templateFromText(readFileSync(path.join(CORPUS, 'nova-specs', tplPath), 'utf8'), tplPath, false, 2)
    const o = opts({ file, optionalSections: novaOptionalSections(release) })
    const text = readFileSync(path.join(CORPUS, 'negatives', file), 'utf8')
    const once = fixText(text, t, o, RULES)
    expect(fixableFindings(once.text, t, o)).toEqual([])
    const twice = fixText(once.text, t, o, RULES)
    expect(twice.changed).toBe(false)
  })
})
