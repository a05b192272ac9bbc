import { isTemplateFile, templateCandidates } from '../../src/engine/discover.js'

describe('template discovery order', () => {
  test('template.rst up the tree, then <folder>-template.rst beside ancestors', () => {
    expect(templateCandidates('specs/2025.1/approved/x.rst')).toEqual([
      'specs/2025.1/approved/template.rst',
      'specs/2025.1/template.rst',
      'specs/template.rst',
      'template.rst',
      'specs/2025.1/approved-template.rst',
      'specs/2025.1-template.rst',
      'specs-template.rst'
    ])
    expect(templateCandidates('x.rst')).toEqual(['template.rst'])
  })

  test('template files are recognised', () => {
    expect(isTemplateFile('specs/template.rst')).toBe(true)
    expect(isTemplateFile('specs/2025.1-template.rst')).toBe(true)
    expect(isTemplateFile('specs/templates.rst')).toBe(false)
    expect(isTemplateFile('specs/my-template-ideas.rst')).toBe(false)
  })
})

import { chooseTemplate, templateScope } from '../../src/engine/discover.js'

describe('template choice', () => {
  test('scope of a template', () => {
    expect(templateScope('specs/2025.1/template.rst')).toBe('specs/2025.1')
    expect(templateScope('specs/2025.1-template.rst')).toBe('specs/2025.1')
    expect(templateScope('template.rst')).toBe('')
  })

  test('first existing candidate wins; nearer folders first', () => {
    const have = new Set(['specs/template.rst', 'specs/2025.1-template.rst'])
    expect(chooseTemplate('specs/2025.1/approved/x.rst', p => have.has(p))).toEqual({ template: 'specs/template.rst' })
    expect(chooseTemplate('other/x.rst', p => have.has(p))).toEqual({})
  })

  test('two templates for the same folder are a conflict', () => {
    const have = new Set(['specs/2025.1/template.rst', 'specs/2025.1-template.rst'])
    expect(chooseTemplate('specs/2025.1/approved/x.rst', p => have.has(p))).toEqual({
      template: 'specs/2025.1/template.rst',
      conflict: ['specs/2025.1/template.rst', 'specs/2025.1-template.rst']
    })
  })
})
