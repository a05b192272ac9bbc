import type { FileResult, Finding, Report } from '../../src/engine/types.js'
import { formatCommand, formatCommands } from '../../src/report/commands.js'
import { escapeData, escapeProperty, plainLogSafe } from '../../src/report/escape.js'
import { finding, file } from './fixtures.js'

function makeReport(files: FileResult[]): Report {
  return { tool: { name: 'spec-template-check', version: '1.2.3' }, files, totals: { files: files.length, errors: 0, warnings: 0, notices: 0, filesWithErrors: 0 } }
}

/** The runner's parser (actions/runner ActionCommand.TryParseV2 + TryParse), enough to see what a line does. */
function runnerParse(line: string): { command: string; props: Record<string, string>; data: string } | undefined {
  const m = line.trimStart()
  if (m.startsWith('::')) {
    const end = m.indexOf('::', 2)
    if (end < 0) return undefined
    const info = m.slice(2, end)
    const sp = info.indexOf(' ')
    const command = sp < 0 ? info : info.slice(0, sp)
    const props: Record<string, string> = {}
    if (sp > 0) {
      for (const p of info.slice(sp + 1).trim().split(',').filter(Boolean)) {
        const eq = p.indexOf('=')
        if (eq > 0) {
          props[p.slice(0, eq)] = p
            .slice(eq + 1)
            .replace(/%0D/g, '\r')
            .replace(/%0A/g, '\n')
            .replace(/%3A/g, ':')
            .replace(/%2C/g, ',')
            .replace(/%25/g, '%')
        }
      }
    }
    const data = m.slice(end + 2).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
    return { command, props, data }
  }
  const legacy = line.indexOf('##[')
  if (legacy >= 0 && line.indexOf(']', legacy) > 0) return { command: line.slice(legacy + 3, line.indexOf(']', legacy)), props: {}, data: '' }
  return undefined
}

describe('escaping', () => {
  test('escapeData and escapeProperty match @actions/core', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b')
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb')
    expect(escapeData('%0A')).toBe('%250A')
  })
})

describe('formatCommand', () => {
  test('exact output', () => {
    expect(formatCommand(finding({ line: 12, endLine: 14, column: 5, rule: 'missing-section', severity: 'error', message: 'Missing section "X"' }))).toBe(
      '::error file=specs/a.rst,line=12,endLine=14,col=5,title=spec-template-check%3A missing-section::Missing section "X"'
    )
    expect(formatCommand(finding({ line: 3, severity: 'notice' }))).toBe(
      '::notice file=specs/a.rst,line=3,endLine=3,col=1,title=spec-template-check%3A line-length::Line is too long'
    )
  })
})

describe('formatCommands', () => {
  test('exact output, errors first, file errors without position', () => {
    const r = makeReport([
      file({
        findings: [
          finding({ line: 9, message: 'w1' }),
          finding({ line: 2, severity: 'notice', message: 'n1' }),
          finding({ line: 30, severity: 'error', rule: 'missing-section', message: 'e1' })
        ]
      }),
      file({ file: 'specs/b.rst', error: 'Cannot read: 50% broken' })
    ])
    const res = formatCommands(r)
    expect(res).toEqual({
      text: [
        '::error file=specs/a.rst,line=30,endLine=30,col=1,title=spec-template-check%3A missing-section::e1',
        '::error file=specs/b.rst,title=spec-template-check%3A file-error::Cannot read: 50%25 broken',
        '::warning file=specs/a.rst,line=9,endLine=9,col=1,title=spec-template-check%3A line-length::w1',
        '::notice file=specs/a.rst,line=2,endLine=2,col=1,title=spec-template-check%3A line-length::n1',
        ''
      ].join('\n'),
      shown: 4,
      omitted: 0
    })
  })

  test('empty report', () => {
    expect(formatCommands(makeReport([file({})]))).toEqual({ text: '', shown: 0, omitted: 0 })
  })

  test('caps per severity (default 10) and counts what was left out', () => {
    const findings: Finding[] = []
    for (let i = 1; i <= 15; i++) findings.push(finding({ line: i, severity: 'error', message: `e${i}` }))
    for (let i = 1; i <= 12; i++) findings.push(finding({ line: i, severity: 'warning', message: `w${i}` }))
    for (let i = 1; i <= 3; i++) findings.push(finding({ line: i, severity: 'notice', message: `n${i}` }))
    const r = makeReport([file({ findings })])
    const res = formatCommands(r)
    expect(res.shown).toBe(23)
    expect(res.omitted).toBe(7)
    const lines = res.text.trimEnd().split('\n')
    expect(lines.filter(l => l.startsWith('::error ')).length).toBe(10)
    expect(lines.filter(l => l.startsWith('::warning ')).length).toBe(10)
    expect(lines.filter(l => l.startsWith('::notice ')).length).toBe(3)
    // The first ten by line are kept.
    expect(lines[9]).toContain('::e10')
    expect(formatCommands(r, { maxPerSeverity: 2 })).toMatchObject({ shown: 6, omitted: 24 })
    expect(formatCommands(r, { maxPerSeverity: 0 })).toEqual({ text: '', shown: 0, omitted: 30 })
    expect(formatCommands(r, { maxPerSeverity: Infinity })).toMatchObject({ shown: 30, omitted: 0 })
  })

  test('injection: nothing from a spec produces a command of its own', () => {
    const evilFile = 'specs/x,line=99::add-mask::y\n::error::pwned%0A.rst'
    const messages = ['::add-mask::x', '\n::error::pwned', 'a%0A::error::b', 'ok\r::set-output name=x::y', '##[error]legacy', '| <script>alert(1)</script>']
    const r = makeReport([file({ file: evilFile, findings: messages.map((message, i) => finding({ file: evilFile, message, line: i + 1, rule: 'r,x::y' })) })])
    const { text } = formatCommands(r, { maxPerSeverity: Infinity })
    const lines = text.trimEnd().split(/\r\n|\r|\n/)
    expect(lines).toHaveLength(messages.length)
    lines.forEach((line, i) => {
      const parsed = runnerParse(line)
      expect(parsed?.command).toBe('warning')
      expect(parsed?.props.file).toBe(evilFile)
      expect(parsed?.props.title).toBe('spec-template-check: r,x::y')
      expect(parsed?.props.line).toBe(String(i + 1))
      expect(Object.keys(parsed?.props ?? {}).sort()).toEqual(['col', 'endLine', 'file', 'line', 'title'])
      expect(parsed?.data).toBe(messages[i])
    })
  })

  test('terminal escapes in messages are made visible', () => {
    const r = makeReport([file({ findings: [finding({ message: 'a\u001b[31mb\u0007' })] })])
    expect(formatCommands(r).text).toContain('::a\\x1b[31mb\\x07\n')
  })
})

describe('plainLogSafe', () => {
  test('neutralises command lines, keeps everything else', () => {
    expect(plainLogSafe('::add-mask::x')).toBe('\\::add-mask::x')
    expect(plainLogSafe('  \t::error::x')).toBe('  \t\\::error::x')
    expect(plainLogSafe('ok\n::error::a\r::warning::b\r\n  ::notice::c')).toBe('ok\n\\::error::a\r\\::warning::b\r\n  \\::notice::c')
    expect(plainLogSafe('text with ##[error]inside and ###[x]')).toBe('text with ##\\[error]inside and ###\\[x]')
    expect(plainLogSafe('a :: b\nfile.rst:1:1: error')).toBe('a :: b\nfile.rst:1:1: error')
    expect(plainLogSafe('\u00a0\u2003::stop-commands::t')).toBe('\u00a0\u2003\\::stop-commands::t')
  })

  test('no line of the result is a runner command', () => {
    const evil = ['::add-mask::x', ' ::error::y', '\u3000::debug::z', 'x ##[stop-commands]tok', '::::', '##[##[error]]'].join('\n')
    for (const line of plainLogSafe(evil).split(/\r\n|\r|\n/)) expect(runnerParse(line)).toBeUndefined()
  })
})

describe('suggested fixes', () => {
  test('a fixable finding carries the RST to paste, escaped inside its one command', async () => {
    const { formatCommand } = await import('../../src/report/commands.js')
    const line = formatCommand({
      rule: 'missing-section',
      severity: 'error',
      message: 'Missing section "Testing".',
      file: 'specs/a.rst',
      line: 9,
      fix: { description: 'Insert the "Testing" section', startLine: 9, endLine: 9, text: 'Testing\n=======\n\nNone\n\n' }
    })
    expect(line.split('\n')).toHaveLength(1)
    expect(line).toBe(
      '::error file=specs/a.rst,line=9,endLine=9,col=1,title=spec-template-check%3A missing-section::Missing section "Testing".' +
        '%0A%0ASuggested fix (Insert the "Testing" section):%0ATesting%0A=======%0A%0ANone%0A'
    )
  })
})
