import type { SectionStatus } from '../../src/engine/types.js'
import { formatText, formatTextChunks } from '../../src/report/text.js'
import { safeText } from '../../src/report/escape.js'
import { finding, file, makeReport } from './fixtures.js'

const sec = (title: string, status: SectionStatus['status'], path: string[] = [], required = true, line?: number): SectionStatus => ({
  title,
  path,
  required,
  status,
  line
})

describe('formatText', () => {
  test('clean report: just the closing line', () => {
    expect(formatText(makeReport([file({}), file({ file: 'specs/b.rst' })]))).toBe('2 files checked: 0 errors, 0 warnings\n')
    expect(formatText(makeReport([]))).toBe('0 files checked: 0 errors, 0 warnings\n')
  })

  test('singular forms', () => {
    const r = makeReport([file({ findings: [finding({ line: 3 })] })])
    expect(formatText(r)).toBe('specs/a.rst:3:1: warning line-length Line is too long\n\n1 file checked: 0 errors, 1 warning\n')
    const r2 = makeReport([file({ findings: [finding({ severity: 'error' })] })])
    expect(formatText(r2).endsWith('\n1 file checked: 1 error, 0 warnings\n')).toBe(true)
  })

  test('notices are mentioned only when there are some', () => {
    const r = makeReport([file({ findings: [finding({ severity: 'notice' }), finding({ severity: 'notice', line: 2 })] })])
    expect(formatText(r).endsWith('1 file checked: 0 errors, 0 warnings, 2 notices\n')).toBe(true)
  })

  test('findings sorted by file then line; file errors; section summary; embedded note', () => {
    const r = makeReport([
      file({
        file: 'specs/b.rst',
        findings: [
          finding({ file: 'specs/b.rst', line: 20, column: 80, message: 'Line is 85 characters' }),
          finding({ file: 'specs/b.rst', line: 4, rule: 'missing-section', severity: 'error', message: 'Missing section "Alternatives"', section: 'Alternatives' })
        ],
        sections: [
          sec('Problem description', 'ok', [], true, 3),
          sec('Alternatives', 'missing', ['Proposed change']),
          sec('Data model impact', 'template-text', ['Proposed change'], true, 30),
          sec('Work items', 'empty', ['Implementation'], true, 40),
          sec('Assignee(s)', 'placeholder', ['Implementation'], true, 44),
          sec('Optional thing', 'missing', [], false)
        ]
      }),
      file({ file: 'specs/a.rst', error: 'Cannot decode the file as UTF-8' }),
      file({ file: 'specs/c.rst', embeddedTemplate: true, template: '(embedded default)' })
    ])
    expect(formatText(r)).toBe(
      [
        'specs/a.rst:1:1: error file-error Cannot decode the file as UTF-8',
        'specs/b.rst:4:1: error missing-section Missing section "Alternatives"',
        'specs/b.rst:20:80: warning line-length Line is 85 characters',
        '',
        'specs/b.rst: 1 missing section, 3 incomplete sections',
        '  missing: "Proposed change > Alternatives"',
        '  empty: "Implementation > Work items"',
        '  template text: "Proposed change > Data model impact"',
        '  placeholder: "Implementation > Assignee(s)"',
        'specs/c.rst:',
        '  note: checked against the embedded default template',
        '',
        '3 files checked: 2 errors, 1 warning',
        ''
      ].join('\n')
    )
  })

  test('one note when every file used the embedded template', () => {
    const r = makeReport([
      file({ embeddedTemplate: true, template: '(embedded default)' }),
      file({ file: 'specs/b.rst', embeddedTemplate: true, template: '(embedded default)' })
    ])
    expect(formatText(r)).toBe(
      'note: all 2 files were checked against the embedded default template\n\n2 files checked: 0 errors, 0 warnings\n'
    )
  })

  test('control characters in messages and file names are made visible', () => {
    const r = makeReport([
      file({
        file: 'specs/evil\u001b[2J.rst',
        findings: [finding({ file: 'specs/evil\u001b[2J.rst', message: 'a\nb\rc\u0007d\u009be\u202ef\tg' })]
      })
    ])
    const out = formatText(r)
    expect(out).toBe(
      'specs/evil\\x1b[2J.rst:1:1: warning line-length a\\nb\\rc\\x07d\\x9be\\u202ef\tg\n\n1 file checked: 0 errors, 1 warning\n'
    )
    // No control character other than the line breaks we wrote ourselves.
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(out)).toBe(false)
    expect(out.split('\n')).toHaveLength(4)
  })

  test('cannot inject workflow commands or extra lines', () => {
    const r = makeReport([
      file({
        file: '::add-mask::x',
        findings: [finding({ file: '::add-mask::x', message: 'x\n::error::pwned ##[error]legacy' })],
        sections: [sec('T\n::warning::t', 'empty')]
      })
    ])
    const out = formatText(r)
    for (const line of out.split('\n')) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line.includes('##[')).toBe(false)
    }
    expect(out).toContain('\\::add-mask::x:1:1: warning line-length x\\n::error::pwned ##\\[error]legacy')
    expect(out).toContain('  empty: "T\\n::warning::t"')
  })

  test('color', () => {
    const r = makeReport([file({ findings: [finding({ severity: 'error', rule: 'r' })] })])
    const out = formatText(r, { color: true })
    expect(out).toContain('\u001b[31merror\u001b[0m')
    expect(out).toContain('\u001b[1m\u001b[31m1 file checked: 1 error, 0 warnings\u001b[0m')
    expect(formatText(r, { color: false })).not.toContain('\u001b')
  })

  test('missing or invalid line/column fall back to 1', () => {
    const r = makeReport([file({ findings: [finding({ line: 0, column: -3 })] })])
    expect(formatText(r).startsWith('specs/a.rst:1:1: warning')).toBe(true)
  })
})

describe('safeText', () => {
  test('escapes controls, keeps tab and ordinary text', () => {
    expect(safeText('plain – ünïcödé 𝄞\tx')).toBe('plain – ünïcödé 𝄞\tx')
    expect(safeText('\u0000\u001f\u007f\u0085\u2028\u2029\u2066')).toBe('\\x00\\x1f\\x7f\\x85\\u2028\\u2029\\u2066')
  })
})

describe('formatTextChunks', () => {
  it('gives formatText\'s text in pieces of whole lines, each safe for the log on its own', () => {
    // Over 64 KiB of findings in a file whose name starts like a workflow command, and blocks after them.
    const name = '::add-mask::x.rst'
    const findings = Array.from({ length: 2000 }, (_, i) => finding({ file: name, line: i + 1, message: `Line ${i + 1} is too long ##[error] no` }))
    const sections = [{ title: 'Alternatives', path: [], required: true, status: 'missing' as const }]
    const r = makeReport([file({ file: name, findings, sections }), file({ file: 'specs/b.rst', sections })])
    const pieces = [...formatTextChunks(r)]
    expect(pieces.length).toBeGreaterThan(1)
    for (const p of pieces) expect(p.endsWith('\n')).toBe(true)
    const text = pieces.join('')
    expect(text).toBe(formatText(r))
    const lines = text.split('\n')
    expect(lines).toHaveLength(2000 + 1 + 4 + 1 + 1 + 1)
    expect(lines[0]).toBe('\\::add-mask::x.rst:1:1: warning line-length Line 1 is too long ##\\[error] no')
    expect(lines.filter(l => l.startsWith('::') || l.includes('##['))).toEqual([])
    expect(lines.slice(2000)).toEqual([
      '',
      '\\::add-mask::x.rst: 1 missing section',
      '  missing: "Alternatives"',
      'specs/b.rst: 1 missing section',
      '  missing: "Alternatives"',
      '',
      '2 files checked: 0 errors, 2000 warnings',
      ''
    ])
  })
})
