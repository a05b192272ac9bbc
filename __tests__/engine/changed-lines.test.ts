import { changedLinesFromPatch, lineRuleIds, onlyChangedLines } from '../../src/engine/changed-lines.js'
import type { Finding } from '../../src/engine/types.js'
import { RULES } from '../../src/rules/index.js'

const patch = [
  'diff --git a/specs/a.rst b/specs/a.rst',
  '--- a/specs/a.rst',
  '+++ b/specs/a.rst',
  '@@ -1,4 +1,5 @@',
  ' Title',
  '-old line',
  '+new line',
  '+another new line',
  ' context',
  ' context',
  '@@ -20 +21,0 @@',
  '-removed only',
  '@@ -30,2 +31,2 @@ Section heading',
  '+added at 31',
  ' context 32',
  '\\ No newline at end of file'
].join('\n')

describe('changed lines', () => {
  test('new-side lines of added and modified lines, across hunks', () => {
    expect([...changedLinesFromPatch(patch)]).toEqual([2, 3, 31])
    expect([...changedLinesFromPatch('@@ -0,0 +1,3 @@\n+a\n+b\n+c')]).toEqual([1, 2, 3])
    expect(changedLinesFromPatch('').size).toBe(0)
  })

  test('an added line whose text starts with "++ " is content, not a header, and later lines keep their numbers', () => {
    // The added text "++ x" appears in a patch as "+++ x".
    const p = ['@@ -1,2 +1,4 @@', ' a', '+++ x', '+y', ' b', '@@ -9,0 +11 @@', '+z'].join('\n')
    expect([...changedLinesFromPatch(p)]).toEqual([2, 3, 11])
  })

  test('a git diff of several files: the next file\'s "--- a/" and "+++ b/" headers are not lines', () => {
    const two = [
      'diff --git a/x.rst b/x.rst', '--- a/x.rst', '+++ b/x.rst', '@@ -1 +1,2 @@', ' a', '+b',
      'diff --git a/y.rst b/y.rst', '--- a/y.rst', '+++ b/y.rst', '@@ -5 +5 @@', '-c', '+d'
    ].join('\n')
    expect([...changedLinesFromPatch(two)]).toEqual([2, 5])
  })

  test('the line rules are the ones the issue names (kind line in the registry)', () => {
    const isLineRule = (id: string): boolean => lineRuleIds(RULES).has(id)
    expect(['line-length', 'trailing-whitespace', 'tab', 'carriage-return', 'zero-width-space'].every(isLineRule)).toBe(true)
    expect(['missing-section', 'final-newline', 'placeholder', 'empty-section'].some(isLineRule)).toBe(false)
    expect([...lineRuleIds(RULES)].sort()).toEqual(['carriage-return', 'line-length', 'tab', 'trailing-whitespace', 'zero-width-space'])
  })

  test('line findings off the changed lines are dropped; structural ones stay', () => {
    const f = (rule: string, line: number, endLine?: number): Finding => ({ rule, line, endLine, severity: 'error', message: 'm', file: 'a' })
    const kept = onlyChangedLines(
      [f('line-length', 2), f('line-length', 5), f('missing-section', 5), f('carriage-return', 1, 40), f('tab', 40)],
      new Set([2, 3, 31]),
      RULES
    )
    expect(kept.map(x => `${x.rule}:${x.line}`)).toEqual(['line-length:2', 'missing-section:5', 'carriage-return:1'])
  })
})
