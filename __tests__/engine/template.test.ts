import { DEFAULT_TEMPLATE_TEXT } from '../../src/engine/default-template.generated.js'
import { findPlaceholders } from '../../src/engine/template.js'
import { templateFromText } from '../../src/templates/templates.js'
import { readFileSync } from 'node:fs'
import { smallTemplate } from '../helpers.js'

describe('template -> rules', () => {
  test('the section tree, order, parents and depth come from the template', () => {
    const t = smallTemplate()
    expect(t.exampleTitle).toBe('Example Spec - Title')
    expect(t.sections.map(s => s.title)).toEqual(['Problem description', 'Proposed change', 'Implementation', 'Testing', 'History'])
    const proposed = t.sections[1]!
    expect(proposed.children.map(s => [s.title, s.parent, s.index, s.depth])).toEqual([
      ['Alternatives', 'Proposed change', 0, 2],
      ['Data model impact', 'Proposed change', 1, 2]
    ])
    const details = proposed.children[1]!.children[0]!
    expect([details.title, details.depth, details.required]).toEqual(['Details', 3, false])
    expect(smallTemplate(3).all.find(s => s.title === 'Details')!.required).toBe(true)
  })

  test('guidance text is kept per section, whitespace-normalised', () => {
    const t = smallTemplate()
    expect(t.all.find(s => s.title === 'Testing')!.guidance).toBe('How will this be tested?')
  })

  test('placeholders are found, links and emails are not placeholders', () => {
    expect(smallTemplate().placeholders.sort()).toEqual(['<add_url_here>', '<launchpad-id or None>'])
    expect(findPlaceholders(['`a <https://x.org>`_ <b@c.org> <http://x> <name and/or nick> <x>`_'])).toEqual(['<name and/or nick>'])
  })

  test('a template without sections is a configuration error naming the file', () => {
    expect(() => templateFromText('Just text.\n', 'specs/template.rst', false, 2)).toThrow(/specs\/template.rst: no sections/)
  })

  test('two sibling sections with one title are a configuration error naming both lines', () => {
    const text = 'Title\n=====\n\nA\n-\n\nx\n\nB\n-\n\ny\n\nA\n-\n\nz\n'
    expect(() => templateFromText(text, 'specs/template.rst', false, 2)).toThrow(
      'template specs/template.rst: section "A" appears twice under the same parent (lines 4 and 14)'
    )
    // The same title under different parents is fine.
    expect(() => templateFromText('T\n=\n\nA\n-\n\nU\n~\n\nB\n-\n\nU\n~\n', 't', false, 2)).not.toThrow()
  })

  test('the embedded default is the seed template, license header kept', () => {
    expect(DEFAULT_TEMPLATE_TEXT).toBe(readFileSync('templates/default-template.rst', 'utf8'))
    expect(DEFAULT_TEMPLATE_TEXT).toContain('Creative Commons Attribution 3.0 Unported')
    const t = templateFromText(DEFAULT_TEMPLATE_TEXT, '(embedded default)', true, 2)
    expect(t.exampleTitle).toBe('Example Spec - The title of your specification')
    expect(t.sections.map(s => s.title)).toEqual([
      'Problem description', 'Proposed change', 'Implementation', 'Dependencies', 'Testing', 'Documentation Impact', 'References'
    ])
    expect(t.placeholders.sort()).toEqual(['<add_url_here>', '<launchpad-id or None>'])
  })
})
