import { readFileSync } from 'node:fs'
import { parseConfigFile } from '../src/config/file.js'
import { RULE_IDS } from '../src/rules/index.js'

const schema = JSON.parse(readFileSync('schema/spec-template-check.schema.json', 'utf8'))

describe('.spec-template-check.yml', () => {
  test('every key', async () => {
    const c = await parseConfigFile(
      [
        'paths: [specs/**/*.rst, proposals/*.rst]',
        'exclude: specs/abandoned/**',
        'max-line-length: 100',
        'section-depth: 3',
        'fail-on: warning',
        'suppressions: deny',
        'optional-sections: [History]',
        'allowed-sections: [Implementation, Testing]',
        'rules:',
        '  image: off',
        '  tab: error',
        'templates:',
        '  - files: specs/2025.1/**',
        '    template: specs/2025.1-template.rst',
        '    optional-sections: Feature Liaison',
        '    allowed-sections: [Dependencies]',
        ''
      ].join('\n'),
      '.spec-template-check.yml'
    )
    expect(c).toEqual({
      source: '.spec-template-check.yml',
      paths: ['specs/**/*.rst', 'proposals/*.rst'],
      exclude: ['specs/abandoned/**'],
      maxLineLength: 100,
      sectionDepth: 3,
      failOn: 'warning',
      suppressions: 'deny',
      optionalSections: ['History'],
      allowedSections: ['Implementation', 'Testing'],
      rules: { image: 'off', tab: 'error' },
      templates: [{ files: ['specs/2025.1/**'], template: 'specs/2025.1-template.rst', optionalSections: ['Feature Liaison'], allowedSections: ['Dependencies'] }]
    })
  })

  test('an empty file is an empty configuration', async () => {
    expect(await parseConfigFile('', 'c.yml')).toEqual({ source: 'c.yml' })
    expect(await parseConfigFile('# nothing\n', 'c.yml')).toEqual({ source: 'c.yml' })
  })

  test.each([
    ['pathz: x', /c\.yml: unknown key "pathz"; known keys: paths, exclude/],
    ['- a\n- b', /must be a mapping of keys/],
    ['paths: 3', /"paths" must be a string or a list of strings/],
    ['max-line-length: wide', /"max-line-length" must be a whole number/],
    ['rules:\n  nope: error', /unknown rule "nope"/],
    ['rules:\n  tab: fatal', /unknown severity "fatal" for tab/],
    ['rules: [tab]', /"rules" must be a mapping/],
    ['fail-on: sometimes', /"fail-on" must be one of: error, warning, never/],
    ['suppressions: never', /"suppressions" must be one of: allow, report, deny/],
    ['template: ../outside.rst', /must stay inside the repository/],
    ['templates:\n  - files: a/**', /templates\[0\]: "template" is required/],
    ['templates:\n  - files: a/**\n    template: t.rst\n    extra: 1', /templates\[0\]: unknown key "extra"/],
    ['paths: [a\n', /not valid YAML/],
    ['a: 1\na: 2', /not valid YAML/]
  ])('%j is a clear error', async (text, message) => {
    await expect(parseConfigFile(text, 'c.yml')).rejects.toThrow(message)
  })

  test('the JSON Schema knows the same keys and rules', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['paths', 'exclude', 'not-specs', 'template', 'templates', 'optional-sections', 'allowed-sections', 'rules', 'max-line-length', 'section-depth', 'fail-on', 'suppressions'].sort()
    )
    expect(Object.keys(schema.properties.rules.properties)).toEqual([...RULE_IDS])
    expect(schema.additionalProperties).toBe(false)
  })
})
