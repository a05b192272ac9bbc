/** The folder graph of src/ has no cycle (scripts/check-layout.mjs; engine/rst and engine/markdown count as engine). */
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
// @ts-expect-error plain ESM script without types
import { cycles, folderGraph } from '../scripts/check-layout.mjs'

describe('layout', () => {
  test('src/ has no folder cycle, and the engine imports no other folder', () => {
    const graph = folderGraph() as Map<string, Map<string, string>>
    expect(cycles(graph)).toEqual([])
    expect([...(graph.get('engine')?.keys() ?? [])]).toEqual([])
    expect([...(graph.get('rules')?.keys() ?? [])]).toEqual(['engine'])
  })

  test('a cycle is found and named', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'layout-'))
    for (const [f, text] of [
      ['a/x.ts', "import { y } from '../b/y.js'\n"],
      ['b/y.ts', "import { z } from '../c/z.js'\nexport const y = 1\n"],
      ['c/z.ts', "import { x } from '../a/x.js'\nexport const z = 1\n"],
      ['d/w.ts', "import { x } from '../a/x.js'\n"]
    ]) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
      writeFileSync(path.join(dir, f), text)
    }
    expect(cycles(folderGraph(dir))).toEqual([['a', 'b', 'c']])
  })
})
