import type { FileResult, Finding } from '../../src/engine/types.js'
import { formatSummary } from '../../src/report/summary.js'
import { escapeMarkdown } from '../../src/report/escape.js'
import { utf8Length } from '../../src/report/util.js'
import { finding, file, makeReport } from './fixtures.js'


describe('formatSummary', () => {
  const r = makeReport([
    file({
      file: 'specs/b.rst',
      findings: [
        finding({ file: 'specs/b.rst', line: 4, rule: 'missing-section', severity: 'error', message: 'Missing section "Alternatives"', section: 'Alternatives' }),
        finding({ file: 'specs/b.rst', line: 20 }),
        finding({ file: 'specs/b.rst', line: 21 }),
        finding({ file: 'specs/b.rst', line: 22 }),
        finding({ file: 'specs/b.rst', line: 2, rule: 'title', severity: 'notice', message: 'n' })
      ],
      sections: [
        { title: 'Problem description', path: [], required: true, status: 'ok', line: 3 },
        { title: 'Alternatives', path: ['Proposed change'], required: true, status: 'missing' },
        { title: 'Data model impact', path: ['Proposed change'], required: true, status: 'template-text', line: 30 },
        { title: 'Work items', path: ['Implementation'], required: true, status: 'empty', line: 40 },
        { title: 'Assignee(s)', path: ['Implementation'], required: true, status: 'placeholder', line: 44 },
        { title: 'Optional', path: [], required: false, status: 'missing' }
      ]
    }),
    file({ file: 'specs/a.rst', error: 'Cannot decode' }),
    file({ file: 'specs/c.rst', embeddedTemplate: true, template: '(embedded default)' })
  ])

  test('layout', () => {
    const md = formatSummary(r, { annotationsNote: 'Only **10** annotations are shown.' })
    expect(md).toBe(
      [
        '### ❌ spec-template-check: 3 files checked, 2 with errors',
        '',
        '2 errors, 3 warnings, 1 notice',
        '',
        'Only **10** annotations are shown.',
        '',
        '| File | Status | Missing sections | Incomplete sections | Other problems |',
        '| --- | --- | --- | --- | --- |',
        '| specs/a.rst<br><sub>template: specs/template.rst</sub> | ❌ not checked | — | — | could not be checked: Cannot decode |',
        '| specs/b.rst<br><sub>template: specs/template.rst</sub> | ❌ 1 error, 3 warnings, 1 notice | Alternatives | Work items (empty), Data model impact (template text), Assignee(s) (placeholder) | line-length ×3, title ×1 |',
        '| specs/c.rst<br><sub>⚠️ checked against the embedded default template</sub> | ✅ OK | — | — | — |',
        '',
        '<details>',
        '<summary>All findings (6)</summary>',
        '',
        '- **error** specs/a.rst — file-error: Cannot decode',
        '- **notice** specs/b.rst:2 — title: n',
        '- **error** specs/b.rst:4 — missing-section: Missing section &quot;Alternatives&quot;',
        '- **warning** specs/b.rst:20 — line-length: Line is too long',
        '- **warning** specs/b.rst:21 — line-length: Line is too long',
        '- **warning** specs/b.rst:22 — line-length: Line is too long',
        '',
        '</details>',
        ''
      ].join('\n')
    )
  })

  test('clean and warnings-only headlines', () => {
    expect(formatSummary(makeReport([file({})]))).toMatch(/^### ✅ spec-template-check: 1 file checked, 0 with errors\n\n0 errors, 0 warnings, 0 notices\n/)
    expect(formatSummary(makeReport([file({ findings: [finding({})] })]))).toMatch(/^### ⚠️ /)
    expect(formatSummary(makeReport([]))).toContain('No spec files were found.')
  })

  test('one note when every file used the embedded template', () => {
    const md = formatSummary(
      makeReport([file({ embeddedTemplate: true }), file({ file: 'specs/b.rst', embeddedTemplate: true })])
    )
    expect(md).toContain('**All files were checked against the embedded default template**')
    expect(md).not.toContain('<sub>')
  })

  test('markup injection is escaped everywhere', () => {
    const evilFile = 'specs/a|b<img src=x onerror=alert(1)>`x`*y*_z_[l](http://e).rst'
    const evilMsg = '| col | <script>alert(1)</script> [click](https://evil.example) ![i](x) **b** ~~s~~ $x$ www.evil.com a@b.c &amp;\n\n# heading\r\n- item'
    const md = formatSummary(
      makeReport([
        file({
          file: evilFile,
          findings: [finding({ file: evilFile, rule: 'r|<b>', message: evilMsg })],
          sections: [{ title: 'T|<i>x</i>', path: [], required: true, status: 'empty', line: 3 }]
        })
      ])
    )
    // No raw markup characters from the spec survive.
    expect(md).not.toMatch(/<script|<img|<i>|<b>|\]\(|https:\/\/|http:\/\/|www\.evil|~~|\*\*b\*\*|`x`|a@b/)
    // Table rows keep exactly 5 cells.
    const rows = md.split('\n').filter(l => l.startsWith('| '))
    expect(rows.length).toBe(3)
    for (const row of rows) expect(row.split('|').length - 2).toBe(5)
    // Message stays on one list line.
    const items = md.split('\n').filter(l => l.startsWith('- '))
    expect(items).toHaveLength(1)
    expect(items[0]).toContain('&#124; col &#124; &lt;script&gt;alert(1)&lt;/script&gt; &#91;click&#93;(https:<!-- -->//evil.example)')
    expect(md).toContain('&amp;amp;')
    expect(md.split('\n').some(l => l.startsWith('#') && !l.startsWith('### '))).toBe(false)
  })

  test('escapeMarkdown', () => {
    expect(escapeMarkdown('a_b*c`d|e<f>g&h[i]j\\k~l$m@n')).toBe(
      'a&#95;b&#42;c&#96;d&#124;e&lt;f&gt;g&amp;h&#91;i&#93;j&#92;k&#126;l&#36;m\uff20n'
    )
    expect(escapeMarkdown('see https://x.org or WWW.x.org\nnext')).toBe('see https:<!-- -->//x.org or WWW<!-- -->.x.org&#92;nnext')
    expect(escapeMarkdown('Proposed change – Ünïcode')).toBe('Proposed change – Ünïcode')
  })

  test('50,000 findings: stays under maxBytes and says how many were left out', () => {
    const findings: Finding[] = []
    for (let i = 1; i <= 50_000; i++) {
      findings.push(finding({ line: i, message: `Line is ${80 + (i % 50)} characters long — “wrap” it_${i}` }))
    }
    findings.push(finding({ line: 60_000, severity: 'error', rule: 'missing-section', message: 'THE ERROR' }))
    const big = makeReport([file({ findings }), file({ file: 'specs/ok.rst' })])
    const md = formatSummary(big, { reportFile: 'reports/spec_check.json' })
    expect(utf8Length(md)).toBeLessThanOrEqual(1_000_000)
    expect(utf8Length(md)).toBeGreaterThan(900_000)
    expect(new TextEncoder().encode(md).length).toBe(utf8Length(md))
    const shown = md.split('\n').filter(l => l.startsWith('- ')).length
    expect(shown).toBeGreaterThan(1000)
    expect(md).toContain(`<summary>Findings: ${shown} of 50001 shown</summary>`)
    expect(md).toContain(`${50_001 - shown} of 50001 findings are not listed`)
    expect(md).toContain('reports/spec&#95;check.json')
    // The error is kept before warnings.
    expect(md).toContain('THE ERROR')
    // Table intact.
    expect(md).toContain('| specs/ok.rst<br><sub>template: specs/template.rst</sub> | ✅ OK |')
    expect(md.endsWith('</details>\n\n> **Note:** this summary was shortened to stay under GitHub\'s size limit for job summaries: ' +
      `${50_001 - shown} of 50001 findings are not listed. The full report is in the JSON report file reports/spec&#95;check.json.\n`)).toBe(true)

    const small = formatSummary(big, { maxBytes: 20_000 })
    expect(utf8Length(small)).toBeLessThanOrEqual(20_000)
    expect(small).toContain('use the `report-file` input')
    expect(small.trimEnd().endsWith('(it writes every finding as JSON).')).toBe(true)
  })

  test('table rows are dropped when even the table does not fit', () => {
    const files: FileResult[] = []
    for (let i = 0; i < 500; i++) files.push(file({ file: `specs/file-${String(i).padStart(3, '0')}.rst` }))
    files.push(file({ file: 'specs/zz-bad.rst', findings: [finding({ file: 'specs/zz-bad.rst', severity: 'error' })] }))
    const rep = makeReport(files)
    const md = formatSummary(rep, { maxBytes: 5_000 })
    expect(utf8Length(md)).toBeLessThanOrEqual(5_000)
    expect(md).not.toContain('<details>')
    expect(md).toContain('| specs/zz-bad.rst<br><sub>template: specs/template.rst</sub> |')
    const rows = md.split('\n').filter(l => l.startsWith('| specs/')).length
    expect(md).toContain(`1 of 1 finding and ${501 - rows} of 501 files are not listed`)
  })

  test('any maxBytes: never over, and a note whenever something was left out', () => {
    const findings: Finding[] = []
    for (let i = 1; i <= 60; i++) findings.push(finding({ line: i, severity: i % 7 === 0 ? 'error' : 'warning', message: `m${i} ✅` }))
    const files = [file({ findings, sections: [{ title: 'A', path: [], required: true, status: 'missing' }] })]
    for (let i = 0; i < 20; i++) files.push(file({ file: `specs/f${i}.rst` }))
    const rep = makeReport(files)
    const full = formatSummary(rep)
    const fullBytes = utf8Length(full)
    let keptFindings = false
    for (let max = 900; max < fullBytes + 50; max += 23) {
      const md = formatSummary(rep, { maxBytes: max })
      expect(utf8Length(md)).toBeLessThanOrEqual(max)
      if (max >= fullBytes) expect(md).toBe(full)
      else {
        expect(md).toContain('**Note:** this summary was shortened')
        if (md.includes('<details>')) keptFindings = true
      }
    }
    expect(keptFindings).toBe(true)
  })

  test('never exceeds a tiny maxBytes', () => {
    for (const max of [0, 10, 100, 300]) expect(utf8Length(formatSummary(r, { maxBytes: max }))).toBeLessThanOrEqual(max)
  })
})

describe('escapeMarkdown: text with nothing to escape is returned as it is, anything else is escaped', () => {
  it('every character or sequence it acts on makes a change, also inside plain text', () => {
    const acted = ['&', '<', '>', '"', '|', '`', '*', '_', '[', ']', '\\', '~', '$', '@', '://', 'www.', 'WwW.', '\n', '\r', '\u0000', '\u001b', '\u007f', '\u0085', '\u009f', '\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069']
    for (const s of acted) expect([s, escapeMarkdown(`specs/a${s}b.rst`)]).not.toEqual([s, `specs/a${s}b.rst`])
    for (const s of ['specs/a-b_c.rst'.replace('_', ''), 'Proposed change', 'é😀 ok: 1/2 #3 (x) {y} = + ! ? %', '\t', 'www', ':/', 'http:']) expect(escapeMarkdown(s)).toBe(s)
    expect(escapeMarkdown(12 as unknown as string)).toBe('12')
  })
})
