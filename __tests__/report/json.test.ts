import type { FileResult, Report } from '../../src/engine/types.js'
import { formatJson, formatJsonChunks, reportJson } from '../../src/report/json.js'
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

describe('formatJsonChunks', () => {
  const whole = (r: Report): string => JSON.stringify(reportJson(r), null, 2).replace(/##\[/g, '##\\u005b') + '\n'
  const many = report(
    ['specs/c.rst', 'specs/a.rst', 'specs/b.rst'].map((name, i) =>
      file({
        file: name,
        error: i === 2 ? 'unreadable ##[x]' : undefined,
        template: i === 0 ? 'specs/t.rst' : 'specs/other.rst',
        templateRules: i < 2 ? [{ rule: 'line-length', line: 4 + i, text: `Wrap at 79 ##[columns] ${i}` }] : undefined,
        suppressed: i,
        suppressions: i === 1 ? [{ line: 2, scope: 'disable-file', rules: ['line-length'], hidden: { 'line-length': 1 }, count: 1 }] : undefined,
        findings: [finding({ file: name, line: 3, message: `text "quoted"\nwith ##[command] and \u2028 ${i}`, fix: { description: 'd', startLine: 3, endLine: 3, text: 'a\n  b\n' } })],
        sections: [{ title: 'T\n##[', path: ['P', 'Q'], required: i > 0, status: 'missing' }]
      })
    )
  )

  test.each([
    ['no files', report([])],
    ['one file without findings', report([file({ file: 'specs/a.rst', findings: [], sections: [] })])],
    ['several files, nested values, escapes', many]
  ])('%s: the pieces are exactly the pretty-printed report', (_name, r) => {
    const pieces = [...formatJsonChunks(r)]
    expect(pieces.join('')).toBe(whole(r))
    expect(formatJson(r)).toBe(whole(r))
  })

  test('one piece per file between the head and the end', () => {
    const pieces = [...formatJsonChunks(many)]
    expect(pieces).toHaveLength(3 + 2)
    expect(pieces[1]).toContain('"file": "specs/a.rst"')
    expect(pieces[3]).toContain('"file": "specs/c.rst"')
    expect(pieces[4]).toContain('"templates": [')
  })
})
