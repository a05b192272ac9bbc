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

import { templateScope } from '../../src/engine/discover.js'

describe('template scope', () => {
  test('the folder a template applies to', () => {
    expect(templateScope('specs/2025.1/template.rst')).toBe('specs/2025.1')
    expect(templateScope('specs/2025.1-template.rst')).toBe('specs/2025.1')
    expect(templateScope('template.rst')).toBe('')
  })
})
