import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CORPUS } from '../corpus/corpus.js'
import { decode } from '../../src/engine/decode.js'
import { markdownOutline } from '../../src/engine/markdown/outline.js'

const DIR = path.join(CORPUS, 'openshift-enhancements')
const REF = path.join(DIR, 'cmark-headings.jsonl')
const present = existsSync(REF)

interface Ref { file: string; headings: Array<{ level: number; line: number; title: string }> }

;(present ? describe : describe.skip)(`--outline on openshift-enhancements equals cmark-gfm${present ? '' : ` (skipped: ${REF} not present)`}`, () => {
  const refs: Ref[] = present ? readFileSync(REF, 'utf8').trim().split('\n').map(l => JSON.parse(l) as Ref) : []

  it('covers every Markdown file of the corpus', () => {
    expect(refs.length).toBeGreaterThanOrEqual(600)
  })

  it('has the same headings (level, line, title) on every file', () => {
    const differ: string[] = []
    for (const ref of refs) {
      const d = decode(readFileSync(path.join(DIR, ref.file)))
      if (!d.ok) {
        differ.push(`${ref.file}: ${d.error}`)
        continue
      }
      const got = markdownOutline(d.text).sections
      if (JSON.stringify(got) !== JSON.stringify(ref.headings)) {
        const i = got.findIndex((h, k) => JSON.stringify(h) !== JSON.stringify(ref.headings[k]))
        const k = i < 0 ? got.length : i
        differ.push(`${ref.file}: ours ${JSON.stringify(got[k])} cmark ${JSON.stringify(ref.headings[k])}`)
      }
    }
    expect(differ).toEqual([])
  })
})
