/** The reports say which template discovery chose among several, and why. */
import { formatJson, formatSummary, formatText } from '../../src/report/index.js'
import { file, makeReport } from './fixtures.js'

const choice = {
  reason: 'specs/x/lite-template.rst chosen among 2 templates found side by side, as the one the spec\'s section titles match best: ...',
  candidates: [
    { template: 'specs/x/template.rst', matched: 2, total: 10, extra: 0 },
    { template: 'specs/x/lite-template.rst', matched: 2, total: 2, extra: 0 }
  ]
}
const report = makeReport([file({ file: 'specs/x/a.rst', template: 'specs/x/lite-template.rst', templateChoice: choice }), file({ file: 'specs/b.rst' })])

test('text: a line under the file', () => {
  expect(formatText(report)).toBe(`specs/x/a.rst:\n  template: ${choice.reason}\n\n2 files checked: 0 errors, 0 warnings\n`)
})

test('JSON: templateChoice with every candidate; absent when there was no choice', () => {
  const json = JSON.parse(formatJson(report))
  expect(json.files[1].file).toBe('specs/x/a.rst')
  expect(json.files[1].templateChoice).toEqual(choice)
  expect(json.files[0]).not.toHaveProperty('templateChoice')
})

test('job summary: under the template name', () => {
  expect(formatSummary(report, { maxBytes: Infinity })).toContain(
    '| specs/x/a.rst<br><sub>template: specs/x/lite-template.rst</sub><br><sub>specs/x/lite-template.rst chosen among 2 templates found side by side'
  )
})
