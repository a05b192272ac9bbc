import { formatSummary, summaryFits } from '../../src/report/summary.js'
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
