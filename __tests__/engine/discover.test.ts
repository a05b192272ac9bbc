import { bestMatch, isTemplateFile, matchScore, templateCandidates, templateLevels } from '../../src/engine/discover.js'

describe('template discovery order', () => {
  test('nearest folder first; at each folder the specific names, then template.rst', () => {
    expect(templateCandidates('specs/2025.1/approved/x.rst')).toEqual([
      'specs/2025.1/templates/approved-template.rst',
      'specs/2025.1/approved-template.rst',
      'specs/2025.1/approved/approved-template.rst',
      'specs/2025.1/approved/template.rst',
      'specs/templates/2025.1-template.rst',
      'specs/2025.1-template.rst',
      'specs/2025.1/2025.1-template.rst',
      'specs/2025.1/template.rst',
      'templates/specs-template.rst',
      'specs-template.rst',
      'specs/specs-template.rst',
      'specs/template.rst',
      'template.rst'
    ])
    expect(templateCandidates('x.rst')).toEqual(['template.rst'])
  })

  test('specific and generic names are separate tiers; only the spec\'s own folder is listed', () => {
    const levels = templateLevels('specs/policy/x.rst')
    expect(levels.map(l => l.folder)).toEqual(['specs/policy', 'specs', ''])
    expect(levels[0]!.tiers).toEqual([
      { paths: ['specs/templates/policy-template.rst', 'specs/policy-template.rst', 'specs/policy/policy-template.rst'] },
      { paths: ['specs/policy/template.rst'], listFolder: 'specs/policy' }
    ])
    expect(levels[1]!.tiers[1]).toEqual({ paths: ['specs/template.rst'], listFolder: undefined })
  })

  test('template files are recognised', () => {
    expect(isTemplateFile('specs/template.rst')).toBe(true)
    expect(isTemplateFile('specs/2025.1-template.rst')).toBe(true)
    expect(isTemplateFile('specs/postmortem_template.rst')).toBe(true)
    expect(isTemplateFile('specs/templates.rst')).toBe(false)
    expect(isTemplateFile('specs/deploy-templates.rst')).toBe(false)
    expect(isTemplateFile('specs/my-template-ideas.rst')).toBe(false)
  })
})

describe('best match among candidates', () => {
  const full = ['Problem description', 'Use Cases', 'Proposed change', 'Alternatives', 'Testing', 'References']
  const lite = ['Problem description', 'Proposed change']
  test('a full spec picks the full template, a short one the lite template', () => {
    expect(bestMatch([matchScore(full, lite), matchScore(full, full)])).toBe(1)
    expect(bestMatch([matchScore(lite, full), matchScore(lite, lite)])).toBe(1)
    expect(matchScore(['problem  DESCRIPTION', 'Other'], lite)).toEqual({ matched: 1, total: 2, extra: 1 })
  })
  test('ties go to the first candidate', () => {
    expect(bestMatch([matchScore([], lite), matchScore([], full)])).toBe(0)
  })
})
