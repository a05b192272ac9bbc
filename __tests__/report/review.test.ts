import type { Finding } from '../../src/engine/types.js'
import { MAX_REVIEW_BODY_BYTES, diffLines, fenced, planReview, readMarker, type ReviewFile } from '../../src/report/review.js'
import { file, makeReport } from './fixtures.js'

const SHA = 'b'.repeat(40)

function ws(line: number, text = 'x   '): Finding {
  return { rule: 'trailing-whitespace', severity: 'error', message: 'Line ends with whitespace: remove it.', file: 'specs/a.rst', line, fix: { description: 'strip', startLine: line, endLine: line + 1, text: text.trimEnd() + '\n' } }
}

function files(lines: string[], diff: number[]): Map<string, ReviewFile> {
  return new Map([['specs/a.rst', { lines, diff: new Set(diff) }]])
}

describe('planReview', () => {
  it('batches: at most maxComments comments, the rest go into the body', () => {
    const lines = Array.from({ length: 10 }, () => 'x   ')
    const r = makeReport([file({ findings: lines.map((_, i) => ws(i + 1)) })])
    const plan = planReview(r, files(lines, lines.map((_, i) => i + 1)), SHA, 4)!
    expect(plan.comments).toHaveLength(4)
    expect(plan.inBody).toBe(6)
    expect(plan.body.match(/```rst\nx\n```/g)).toHaveLength(6)
    expect(readMarker(plan.body)).toEqual({ sha: SHA, hash: plan.hash })
  })

  it('no fixable finding: no review', () => {
    expect(planReview(makeReport([file({ findings: [{ rule: 'tab', severity: 'warning', message: 't', file: 'specs/a.rst', line: 1 }] })]), new Map(), SHA)).toBeUndefined()
  })

  it('fences outlast backtick runs in the fix; the body stays under the byte limit with 4-byte characters', () => {
    expect(fenced('suggestion', 'a ```` b')).toBe('`````suggestion\na ```` b\n`````')
    const big = '\u{1F600}'.repeat(20_000) // 80,000 bytes per fix
    const findings = [1, 2, 3].map(i => ws(i, big))
    const plan = planReview(makeReport([file({ findings })]), files([big, big, big], []), SHA)!
    expect(Buffer.byteLength(plan.body)).toBeLessThanOrEqual(MAX_REVIEW_BODY_BYTES + 200)
    expect(plan.body).toMatch(/and 3 more fixes: run `spec-template-check --fix`/)
    // In the diff but too big for a comment: not cut into a broken suggestion, counted in the body.
    const inDiff = planReview(makeReport([file({ findings })]), files([big, big, big], [1, 2, 3]), SHA)!
    expect(inDiff.comments).toEqual([])
    expect(inDiff.inBody).toBe(3)
  })
})

describe('diffLines', () => {
  it('added and context lines of every hunk, not removed ones', () => {
    expect([...diffLines('@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -10,2 +10,1 @@\n-x\n y')].sort((a, b) => a - b)).toEqual([1, 2, 3, 10])
  })
})
