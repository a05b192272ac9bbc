import { sectionProblems } from '../../src/report/util.js'
import type { SectionStatus } from '../../src/engine/types.js'

test('subsections of a missing section are implied by it; optional ones are not problems', () => {
  const s = (title: string, path: string[], status: SectionStatus['status'], required = true): SectionStatus => ({ title, path, status, required })
  const p = sectionProblems([
    s('Proposed change', [], 'missing'),
    s('Alternatives', ['Proposed change'], 'missing'),
    s('Implementation', [], 'ok'),
    s('Work Items', ['Implementation'], 'missing'),
    s('History', [], 'missing', false),
    s('Testing', [], 'empty')
  ])
  expect(p.missing.map(x => x.title)).toEqual(['Proposed change', 'Work Items'])
  expect(p.empty.map(x => x.title)).toEqual(['Testing'])
})
