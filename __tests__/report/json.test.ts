import type { FileResult, Report } from '../../src/engine/types.js'
import { formatJson } from '../../src/report/json.js'
import { finding, file } from './fixtures.js'

const report = (files: FileResult[]): Report => ({
  tool: { name: 'spec-template-check', version: '1.2.3' },
  files,
  totals: { files: files.length, errors: 2, warnings: 1, notices: 0, filesWithErrors: 2 }
})

describe('formatJson', () => {
  const r = report([
    file({
      file: 'specs/b.rst',
      findings: [
        finding({ file: 'specs/b.rst', line: 20, column: 80, endColumn: 85, message: 'long' }),
        finding({
          file: 'specs/b.rst',
          line: 4,
          endLine: 4,
          rule: 'missing-section',
          severity: 'error',
          message: 'Missing "Alternatives"',
          section: 'Alternatives',
          fix: { description: 'add it', startLine: 4, endLine: 4, text: 'Alternatives\n------------\n' }
        })
      ],
      sections: [
        { title: 'Problem description', path: [], required: true, status: 'ok', line: 3 },
        { title: 'Alternatives', path: ['Proposed change'], required: true, status: 'missing' }
      ]
    }),
    file({ file: 'specs/a.rst', error: 'unreadable', template: '(embedded default)', embeddedTemplate: true })
  ])

  test('shape, order and formatting', () => {
    const text = formatJson(r)
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.startsWith('{\n  "tool": {\n    "name": "spec-template-check",')).toBe(true)
    const j = JSON.parse(text)
    expect(Object.keys(j)).toEqual(['tool', 'summary', 'files', 'templates'])
    expect(j.templates).toEqual([])
    expect(j.tool).toEqual({ name: 'spec-template-check', version: '1.2.3' })
    expect(j.summary).toEqual({ files: 2, errors: 2, warnings: 1, notices: 0, filesWithErrors: 2, suppressed: 0 })
    expect(j.files.map((f: { file: string }) => f.file)).toEqual(['specs/a.rst', 'specs/b.rst'])
    expect(j.files[0]).toEqual({
      file: 'specs/a.rst',
      template: '(embedded default)',
      embeddedTemplate: true,
      error: 'unreadable',
      suppressed: 0,
      findings: [],
      sections: []
    })
    const b = j.files[1]
    expect(Object.keys(b)).toEqual(['file', 'template', 'embeddedTemplate', 'suppressed', 'findings', 'sections'])
    expect(b.findings).toEqual([
      {
        rule: 'missing-section',
        severity: 'error',
        message: 'Missing "Alternatives"',
        file: 'specs/b.rst',
        line: 4,
        endLine: 4,
        section: 'Alternatives',
        fix: { description: 'add it', startLine: 4, endLine: 4, text: 'Alternatives\n------------\n' }
      },
      { rule: 'line-length', severity: 'warning', message: 'long', file: 'specs/b.rst', line: 20, column: 80, endColumn: 85 }
    ])
    expect(b.sections).toEqual([
      { title: 'Problem description', path: [], required: true, status: 'ok', line: 3 },
      { title: 'Alternatives', path: ['Proposed change'], required: true, status: 'missing', line: null }
    ])
  })

  test('per template, once: the rules it switched on by its own words, and from which line', () => {
    const rules = [
      { rule: 'line-length', line: 49, text: 'Please wrap text at 79 columns.' },
      { rule: 'image', line: 63, text: 'ascii diagrams are required.' }
    ]
    const j = JSON.parse(
      formatJson(
        report([
          file({ file: 'specs/x/b.rst', template: 'specs/x-template.rst', templateRules: rules }),
          file({ file: 'specs/x/a.rst', template: 'specs/x-template.rst', templateRules: rules }),
          file({ file: 'specs/y/a.rst', template: 'specs/y-template.rst' })
        ])
      )
    )
    expect(j.templates).toEqual([{ template: 'specs/x-template.rst', rules }])
  })

  test('deterministic', () => {
    expect(formatJson(r)).toBe(formatJson(r))
  })

  test('hostile strings round-trip, and cannot trigger runner commands when printed', () => {
    const msg = '::add-mask::x\n::error::pwned ##[error]x %0A | <script> \u001b[2J \u2028'
    const t = formatJson(report([file({ file: '::error::f.rst', findings: [finding({ file: '::error::f.rst', message: msg })] })]))
    const j = JSON.parse(t)
    expect(j.files[0].findings[0].message).toBe(msg)
    expect(j.files[0].file).toBe('::error::f.rst')
    expect(t).not.toContain('##[')
    for (const line of t.split(/\r\n|\r|\n/)) expect(line.trimStart().startsWith('::')).toBe(false)
    expect(/[\u0000-\u0009\u000b-\u001f]/.test(t)).toBe(false)
  })
})
