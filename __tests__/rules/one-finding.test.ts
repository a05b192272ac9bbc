/**
 * One finding per mistake: repeats, renames, headings that pull subsections
 * away, runs of missing sections; empty as a reader sees it; literal blocks;
 * one block, one finding; "None" only where the template asks for it.
 */
import { GOOD_SPEC, SMALL_TEMPLATE, check, only, variant, lineOf } from '../helpers.js'
import { checkText } from '../../src/engine/check.js'
import { templateFromText } from '../../src/templates/templates.js'
import type { CheckOptions, Finding } from '../../src/engine/types.js'
import { RULES } from '../../src/rules/index.js'

const rulesOf = (fs: Finding[]): string[] => fs.map(f => f.rule)

/** The small template without its "just write: None" sentence. */
const NO_NONE = SMALL_TEMPLATE.replace(' If you have nothing to say for a whole section, just write: None.\n', '')

function checkWith(templateText: string, spec: string, o: Partial<CheckOptions> = {}): Finding[] {
  const t = templateFromText(templateText, 'specs/template.rst', false, 2)
  return checkText(spec, t, { file: 'x.rst', rules: {}, optionalSections: [], sectionDepth: 2, ...o }, RULES).findings
}

describe('duplicate-section', () => {
  const repeat = 'Proposed change\n===============\n\nMore of the change.\n\n'
  const at = GOOD_SPEC.indexOf('Implementation\n')

  test('a repeated title is one finding at the repeat, naming the first', () => {
    const spec = GOOD_SPEC.slice(0, at) + repeat + GOOD_SPEC.slice(at)
    const all = check(spec)
    expect(rulesOf(all)).toEqual(['duplicate-section'])
    const first = lineOf(spec, 'Proposed change')
    expect(all[0]!.line).toBe(spec.split('\n').lastIndexOf('Proposed change') + 1)
    expect(all[0]!.message).toBe(`Section "Proposed change" repeats the one at line ${first}: the template has it once; merge the two.`)
  })

  test('subsections under the repeat are no level findings and no "did you mean" about the same title', () => {
    // The template's subsections of "Proposed change" all stand under the second one.
    const subs = 'Alternatives\n------------\n\nNone\n\nData model impact\n-----------------\n\nNone\n\n'
    const spec = GOOD_SPEC.replace(subs, '').replace('Implementation\n==============', repeat + subs + 'Implementation\n==============')
    const all = check(spec)
    expect(rulesOf(all)).toEqual(['duplicate-section'])
    expect(all.some(f => /did you mean/.test(f.message))).toBe(false)
  })
})

describe('renames', () => {
  test('spacing and spelling: one finding each, at the heading, with a fix that renames it', () => {
    const spec = variant('Data model impact\n-----------------', 'Data  model impacts\n-------------------')
    const all = check(spec)
    expect(all.map(f => [f.rule, f.line, f.section])).toEqual([['missing-section', lineOf(spec, 'Data  model impacts'), 'Data model impact']])
    expect(all[0]!.fix).toEqual({
      description: 'Rename "Data  model impacts" to "Data model impact"',
      startLine: lineOf(spec, 'Data  model impacts'),
      endLine: lineOf(spec, 'Data  model impacts') + 2,
      text: 'Data model impact\n-----------------\n'
    })
  })

  test('a renamed top-level section keeps its subsections: no findings about them', () => {
    const spec = variant('Implementation\n==============', 'implementation\n==============')
    const all = check(spec)
    expect(all.map(f => [f.rule, f.line])).toEqual([['missing-section', lineOf(spec, 'implementation')]])
  })

  test('an unrelated title is no rename: missing where it belongs plus an extra section', () => {
    const spec = variant('Testing\n=======', 'Frequently asked\n================')
    expect(rulesOf(check(spec)).sort()).toEqual(['extra-section', 'missing-section'])
  })
})

describe('a heading that pulls subsections away', () => {
  test('an extra top-level heading above template subsections is one finding listing them', () => {
    const spec = variant('Alternatives\n------------\n\nNone\n\n', 'Alternatives\n------------\n\nNone\n\nDesign\n======\n\nHow.\n\n')
    const all = check(spec)
    expect(all.map(f => [f.rule, f.line])).toEqual([['section-level', lineOf(spec, 'Design')]])
    expect(all[0]!.message).toBe(
      'Heading "Design" takes "Data model impact" away from "Proposed change", where the template puts it: make "Design" a subsection (fix its underline) or move it after it.'
    )
  })

  test('a template subsection written as top level takes its followers: one finding at it', () => {
    const spec = variant('Alternatives\n------------', 'Alternatives\n============')
    const all = check(spec)
    expect(all.map(f => [f.rule, f.line])).toEqual([['section-level', lineOf(spec, 'Alternatives')]])
    expect(all[0]!.message).toBe(
      'Section "Alternatives" is at the top level, but the template makes it a subsection of "Proposed change"; it also takes "Data model impact" away from "Proposed change", where the template puts it: fix its underline or move it.'
    )
  })
})

describe('missing runs', () => {
  test('"add it after" names the missing neighbour before it', () => {
    const start = GOOD_SPEC.indexOf('Implementation\n')
    const spec = GOOD_SPEC.slice(0, start) + GOOD_SPEC.slice(GOOD_SPEC.indexOf('History\n'))
    const f = only(check(spec), 'missing-section')
    expect(f.map(x => x.message)).toEqual([
      'Missing section "Implementation": add it after "Proposed change"; if there is nothing to say, write "None" (as the template asks).',
      'Missing section "Testing": add it after "Implementation" (missing too); if there is nothing to say, write "None" (as the template asks).'
    ])
  })
})

describe('"None" only where the template asks for it', () => {
  const emptied = variant('Testing\n=======\n\nUnit tests.\n', 'Testing\n=======\n\n')

  test('template asks: empty template section says write "None", quoting the line', () => {
    const f = only(check(emptied), 'empty-section')
    expect(f[0]!.message).toBe('Section "Testing" is empty: write "None" if there is nothing to say, as the template asks (line 3).')
  })

  test('template does not ask: no "None" in empty-section, missing-section or template-text', () => {
    expect(only(checkWith(NO_NONE, emptied), 'empty-section')[0]!.message).toBe('Section "Testing" is empty: write its content.')
    const missing = checkWith(NO_NONE, variant('Testing\n=======\n\nUnit tests.\n\n', ''))
    expect(only(missing, 'missing-section')[0]!.message).toBe('Missing section "Testing": add it after "Implementation".')
    const guidance = checkWith(NO_NONE, variant('Unit tests.', 'How will this be tested?'))
    expect(only(guidance, 'template-text')[0]!.message).toBe(`Section "Testing" still holds the template's guidance text: replace it with your own.`)
  })

  test('an empty section that is not in the template: write content or remove it', () => {
    const spec = variant('Operators frobnicate widgets daily.\n', 'Operators frobnicate widgets daily.\n\nNotes\n-----\n\n')
    expect(only(check(spec), 'empty-section')[0]!.message).toBe('Section "Notes" is empty: write its content or remove it.')
  })
})

describe('empty as a reader sees it', () => {
  test.each([
    ['a comment', '.. TODO: write this\n   later\n'],
    ['hyperlink targets', '.. _spec: https://example.org\n\n__ https://example.org/b\n'],
    ['a substitution definition', '.. |name| replace:: frobnicator\n']
  ])('a body of only %s is empty', (_name, body) => {
    const spec = variant('Testing\n=======\n\nUnit tests.\n', `Testing\n=======\n\n${body}`)
    expect(only(check(spec), 'empty-section').map(f => f.section)).toEqual(['Testing'])
  })

  test('a directive, a footnote or text after a comment is content', () => {
    for (const body of ['.. note:: Later.\n', '.. [1] A footnote.\n', '.. a comment\n\nUnit tests.\n']) {
      const spec = variant('Testing\n=======\n\nUnit tests.\n', `Testing\n=======\n\n${body}`)
      expect(only(check(spec), 'empty-section')).toEqual([])
    }
  })
})

describe('placeholders', () => {
  test('a placeholder inside a literal block or a code block is text as written', () => {
    for (const block of ['Example::\n\n  <launchpad-id or None>\n', '.. code-block:: text\n\n   <launchpad-id or None>\n']) {
      const spec = variant('Add a frobnicator.', `Add a frobnicator.\n\n${block}`)
      expect(only(check(spec), 'placeholder')).toEqual([])
    }
  })

  test('a placeholder in a table is still reported', () => {
    const spec = variant('Add a frobnicator.', 'Add a frobnicator.\n\n====  ======================\nWho   <launchpad-id or None>\n====  ======================\n')
    expect(only(check(spec), 'placeholder')).toHaveLength(1)
  })

  test('a body that is still all guidance is one template-text finding, not also placeholders', () => {
    const tpl = SMALL_TEMPLATE.replace('How will this be tested?', 'How will this be tested?\n\nList them at <test_url>.')
    const spec = variant('Unit tests.', 'How will this be tested?\n\nList them at <test_url>.')
    expect(rulesOf(checkWith(tpl, spec))).toEqual(['template-text'])
    // A body that is only a form to fill in: the placeholder is the finding.
    const form = variant('Unit tests.', 'List them at <test_url>.')
    expect(rulesOf(checkWith(tpl.replace('How will this be tested?\n\n', ''), form))).toEqual(['placeholder'])
  })

  test("a template's literal block holds no placeholders for specs", () => {
    const tpl = SMALL_TEMPLATE.replace('Describe database changes.', 'Describe database changes::\n\n  GET /servers/<id>')
    const t = templateFromText(tpl, 't.rst', false, 2)
    expect(t.placeholders).toEqual(['<add_url_here>', '<launchpad-id or None>'])
  })
})

describe('allowed-sections', () => {
  const spec = GOOD_SPEC + '\nDependencies\n============\n\nNone\n'

  test('a listed top-level title is no extra section', () => {
    expect(only(check(spec), 'extra-section')).toHaveLength(1)
    expect(check(spec, { allowedSections: ['Dependencies'] })).toEqual([])
  })

  test('an allowed title is not taken for a rename either', () => {
    const renamed = variant('Testing\n=======', 'Testings\n========')
    expect(only(check(renamed, { allowedSections: ['Testings'] }), 'missing-section').map(f => f.fix?.description)).toEqual(['Insert the "Testing" section'])
  })
})
