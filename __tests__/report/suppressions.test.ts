/** Honoured suppression comments are listed in every report (job summary, JSON, text) and counted. */
import type { SuppressionUse } from '../../src/engine/suppress.js'
import { formatJson } from '../../src/report/json.js'
import { formatSummary, MAX_LISTED_SUPPRESSIONS } from '../../src/report/summary.js'
import { formatText } from '../../src/report/text.js'
import { actionOutputs } from '../../src/action/outputs.js'
import { checkTitle } from '../../src/github/check-run.js'
import { file, makeReport } from './fixtures.js'

const use = (p: Partial<SuppressionUse> = {}): SuppressionUse => ({
  line: 3,
  scope: 'disable-file',
  rules: ['line-length', 'tab'],
  hidden: { 'line-length': 2, tab: 1 },
  count: 3,
  ...p
})

describe('suppressions in the reports', () => {
  const hidden = makeReport([file({ file: 'specs/a.rst', suppressed: 3, suppressions: [use()] }), file({ file: 'specs/b.rst' })])

  test('job summary: a run that is clean only because of suppressions says so, with file, line, rules and what each hid', () => {
    const md = formatSummary(hidden)
    expect(md).toContain('0 errors, 0 warnings, 0 notices')
    expect(md).toContain('🔕 **3 findings hidden by 1 suppression comment** in the specs')
    expect(md).toContain('- specs/a.rst:3 — disable-file=line-length,tab — hid line-length ×2, tab ×1\n')
  })

  test('job summary: a row never says a plain OK for a file whose findings were suppressed', () => {
    const rows = formatSummary(hidden).split('\n').filter(l => l.startsWith('| specs/'))
    expect(rows.find(l => l.startsWith('| specs/a.rst'))).toContain('| 🔕 OK, 3 suppressed |')
    expect(rows.find(l => l.startsWith('| specs/b.rst'))).toContain('| ✅ OK |')
    const failing = makeReport([file({ file: 'specs/c.rst', suppressed: 2, findings: [{ rule: 'tab', severity: 'error', message: 'm', file: 'specs/c.rst', line: 1 }] })])
    expect(formatSummary(failing)).toContain('| ❌ 1 error, 2 suppressed |')
  })

  test('job summary: a comment that hid nothing is listed too; spec text in it is escaped', () => {
    const md = formatSummary(makeReport([file({ file: 'specs/@x_y.rst', suppressions: [use({ rules: ['[a](http://e.test)'], hidden: {}, count: 0 })] })]))
    expect(md).toContain('- specs/\uff20x&#95;y.rst:3 — disable-file=&#91;a&#93;(http:<!-- -->//e.test) — hid nothing\n')
  })

  test('job summary: the list is bounded; the rest are counted', () => {
    const many = Array.from({ length: MAX_LISTED_SUPPRESSIONS + 7 }, (_, i) => use({ line: i + 1, rules: ['tab'], hidden: { tab: 1 }, count: 1 }))
    const md = formatSummary(makeReport([file({ suppressed: many.length, suppressions: many })]))
    expect(md.split('\n').filter(l => l.startsWith('- specs/a.rst:'))).toHaveLength(MAX_LISTED_SUPPRESSIONS)
    expect(md).toContain('- … and 7 more (every one is in the JSON report, `suppressions`)')
  })

  test('no suppressions: nothing added', () => {
    expect(formatSummary(makeReport([file({})]))).not.toContain('suppression')
  })

  test('JSON: each file lists its honoured comments; totals count what they hid', () => {
    const j = JSON.parse(formatJson(hidden))
    expect(j.summary.suppressed).toBe(3)
    expect(j.files[0].suppressions).toEqual([
      { line: 3, scope: 'disable-file', rules: ['line-length', 'tab'], hidden: { 'line-length': 2, tab: 1 }, count: 3 }
    ])
    expect(j.files[1]).not.toHaveProperty('suppressions')
  })

  test('text: the closing line and the file block say what was suppressed', () => {
    const text = formatText(hidden)
    expect(text).toContain('specs/a.rst:\n  suppressed at line 3: disable-file=line-length,tab hid line-length ×2, tab ×1\n')
    expect(text.trimEnd().split('\n').pop()).toBe('2 files checked: 0 errors, 0 warnings (3 suppressed by comments in the specs)')
  })

  test('action output "suppressed" counts the hidden findings', () => {
    expect(actionOutputs(hidden, 'error', {}).suppressed).toBe('3')
    expect(actionOutputs(makeReport([file({})]), 'error', {}).suppressed).toBe('0')
  })

  test('check run title and the last log line: never a bare "no problems" when comments hid findings', () => {
    expect(checkTitle(hidden)).toBe('2 spec files checked: no problems (3 findings suppressed by comments)')
    expect(checkTitle(makeReport([file({})]))).toBe('1 spec file checked: no problems')
  })
})
