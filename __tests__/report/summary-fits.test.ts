import { formatSummary, summaryFits, summaryPieces } from '../../src/report/summary.js'
import { utf8Length } from '../../src/report/util.js'
import { file, finding, makeReport } from './fixtures.js'

/** summaryFits(report, n) says, without building it, whether formatSummary's whole text is at most n bytes. */
describe('summaryFits', () => {
  const reports = {
    empty: makeReport([]),
    clean: makeReport([file({ file: 'specs/ok.rst' })]),
    mixed: makeReport([
      file({ file: 'specs/é.rst', findings: Array.from({ length: 40 }, (_, i) => finding({ file: 'specs/é.rst', line: i + 1, message: `Zeile ${i} ist zu lang — ✓` })) }),
      file({ file: 'specs/b.rst', error: 'not UTF-8' }),
      file({ file: 'specs/c.rst', embeddedTemplate: true, template: '(embedded default)' })
    ])
  }
  for (const [name, report] of Object.entries(reports)) {
    it(`${name}: true exactly up to the full summary's size`, () => {
      for (const opts of [{}, { linkBase: 'https://github.example/o/r/blob/abc/' }]) {
        const size = utf8Length(formatSummary(report, { ...opts, maxBytes: Infinity }))
        expect(summaryFits(report, size, opts)).toBe(true)
        expect(summaryFits(report, size - 1, opts)).toBe(false)
        expect(summaryFits(report, 0, opts)).toBe(false)
      }
    })
  }
})

/** One report's pieces, shared by summaryFits and several formatSummary calls (as the action does), change nothing. */
describe('summaryPieces', () => {
  const many = makeReport(
    Array.from({ length: 60 }, (_, i) =>
      file({
        file: `specs/f${String(i).padStart(2, '0')}.rst`,
        findings: Array.from({ length: i % 4 }, (_, k) => finding({ file: `specs/f${String(i).padStart(2, '0')}.rst`, line: k + 1, severity: k ? 'warning' : 'error' }))
      })
    )
  )
  const linkBase = 'https://github.example/o/r/blob/abc/'
  it('shared pieces give the text fresh ones give, whatever the order of the limits', () => {
    const limits = [Infinity, 20000, 3000, 600, 100, 5000]
    const fresh = limits.map(maxBytes => formatSummary(many, { maxBytes, linkBase, reportFile: 'r.json' }))
    expect(new Set(fresh).size).toBeGreaterThan(3)
    const pieces = summaryPieces(many, linkBase)
    expect(summaryFits(many, 3000, { linkBase }, pieces)).toBe(false)
    expect(limits.map(maxBytes => formatSummary(many, { maxBytes, linkBase, reportFile: 'r.json' }, pieces))).toEqual(fresh)
    const backwards = summaryPieces(many, linkBase)
    expect([...limits].reverse().map(maxBytes => formatSummary(many, { maxBytes, linkBase, reportFile: 'r.json' }, backwards))).toEqual([...fresh].reverse())
  })

  it('pieces of another report or link base are not used', () => {
    const other = summaryPieces(makeReport([file({ file: 'specs/zzz.rst' })]), linkBase)
    expect(formatSummary(many, { linkBase }, other)).toBe(formatSummary(many, { linkBase }))
    expect(formatSummary(many, {}, summaryPieces(many, linkBase))).toBe(formatSummary(many))
    expect(formatSummary(many, {}, summaryPieces(many, linkBase))).not.toContain('<a ')
  })
})
