/**
 * Conformance with docutils 0.19 on the real nova-specs, heat-specs and
 * neutron-specs corpora: for every file
 * in `docutils-sections.jsonl`, the scanner's (level, line, title) list must
 * equal the section tree docutils builds, and the title problems it reports
 * must sit where docutils complains. The corpus (CC-BY 3.0) lives outside the
 * repository, in ../shared/corpus; without it these tests are skipped.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { scan } from '../../src/engine/rst/scan.js'
import { workClock } from '../work-clock.js'

interface Expected {
  file: string
  sections: { level: number; line: number; title: string }[]
  messages: { level: number; line: number | null; msg: string }[]
}

const corpus = path.resolve(process.cwd(), '../shared/corpus')
/** Each corpus and how many files its docutils-sections.jsonl has. */
const CORPORA: [string, number][] = [
  ['nova-specs', 840],
  ['heat-specs', 161],
  ['neutron-specs', 293]
]

const show = (s: Expected['sections'][number] | undefined): string => (s ? `${s.level} ${String(s.line).padStart(4)} ${s.title}` : '(none)')

/** A readable diff of two section lists: the first difference with some context. */
function diff(file: string, want: Expected['sections'], got: Expected['sections']): string {
  let i = 0
  while (i < want.length && i < got.length && JSON.stringify(want[i]) === JSON.stringify(got[i])) i++
  const out = [`${file}: first difference at section #${i + 1} (level line title)`]
  for (let k = Math.max(0, i - 3); k < Math.min(Math.max(want.length, got.length), i + 4); k++) {
    const w = show(want[k])
    const g = show(got[k])
    if (w === g) out.push(`    ${w}`)
    else out.push(`  - ${w}`, `  + ${g}`)
  }
  out.push(`  (docutils: ${want.length} sections, scanner: ${got.length})`)
  return out.join('\n')
}

describe.each(CORPORA)('docutils 0.19 conformance on %s', (name, count) => {
  const novaRoot = path.join(corpus, name)
  const jsonl = path.join(novaRoot, 'docutils-sections.jsonl')
  const present = existsSync(jsonl)
  if (!present) console.log(`docutils conformance: skipped, ${jsonl} not present`)
  const test = present ? global.test : global.test.skip
  const rows: Expected[] = present
    ? readFileSync(jsonl, 'utf8')
        .split('\n')
        .filter(l => l.trim())
        .map(l => JSON.parse(l) as Expected)
    : []

  test('corpus is complete', () => {
    expect(rows.length).toBe(count)
  })

  test('every file: (level, line, title) of every section equals docutils', () => {
    const failures: string[] = []
    for (const row of rows) {
      const outline = scan(readFileSync(path.join(novaRoot, row.file), 'utf8'))
      const got = outline.sections.map(s => ({ level: s.level, line: s.line, title: s.title }))
      if (JSON.stringify(got) !== JSON.stringify(row.sections)) failures.push(diff(row.file, row.sections, got))
    }
    if (failures.length) {
      throw new Error(`${failures.length}/${rows.length} files differ from docutils; first one:\n${failures[0]}`)
    }
  })

  test('title problems are where docutils reports them', () => {
    const failures: string[] = []
    for (const row of rows) {
      const outline = scan(readFileSync(path.join(novaRoot, row.file), 'utf8'))
      const lines = (re: RegExp): number[] =>
        row.messages
          .filter(m => re.test(m.msg) && m.line !== null)
          .map(m => m.line as number)
          .sort((a, b) => a - b)
      const mine = (kind: string, key: 'line' | 'titleLine'): number[] =>
        outline.problems
          .filter(p => p.kind === kind)
          .map(p => p[key] as number)
          .sort((a, b) => a - b)
      const checks: [string, number[], number[]][] = [
        ['title-underline', lines(/Title (underline|overline) too short/), mine('title-underline', 'line')],
        ['inconsistent-level', lines(/Title level inconsistent/), mine('inconsistent-level', 'titleLine')],
        ['title-overline', lines(/Title overline & underline mismatch|Missing matching underline|Incomplete section title/), mine('title-overline', 'line')]
      ]
      for (const [kind, want, got] of checks) {
        if (JSON.stringify(want) !== JSON.stringify(got)) failures.push(`${row.file}: ${kind} docutils ${JSON.stringify(want)}, scanner ${JSON.stringify(got)}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('the whole corpus scans quickly', () => {
    const texts = rows.map(r => readFileSync(path.join(novaRoot, r.file), 'utf8'))
    const t0 = workClock()
    for (const t of texts) scan(t)
    expect(t0.ms()).toBeLessThan(5000)
  })
})
