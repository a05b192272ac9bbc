#!/usr/bin/env node
// The folder graph of src/ has no cycle: each top folder (engine/rst and
// engine/markdown count as engine) imports only folders below it.
// `node scripts/check-layout.mjs` prints the graph and exits 1 on a cycle.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')

/** folder -> Map(imported folder -> one example "file -> import") */
export function folderGraph(root = src) {
  const graph = new Map()
  const folderOf = file => path.relative(root, file).split(path.sep)[0].replace(/\.ts$/, '') || '(top)'
  const walk = dir => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.ts')) {
        const from = path.relative(root, p).includes(path.sep) ? folderOf(p) : '(top)'
        const text = readFileSync(p, 'utf8')
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']*)'/g)) {
          const target = path.resolve(path.dirname(p), m[1])
          const to = path.relative(root, target).includes(path.sep) ? folderOf(target) : '(top)'
          if (to === from) continue
          if (!graph.has(from)) graph.set(from, new Map())
          if (!graph.get(from).has(to)) graph.get(from).set(to, `${path.relative(root, p)} -> ${m[1]}`)
        }
      }
    }
  }
  walk(root)
  return graph
}

/** Every cycle's folders (one per strongly connected component larger than one folder). */
export function cycles(graph) {
  const index = new Map(), low = new Map(), stack = [], on = new Set(), out = []
  let i = 0
  const visit = v => {
    index.set(v, i); low.set(v, i); i++; stack.push(v); on.add(v)
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))) }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)))
    }
    if (low.get(v) === index.get(v)) {
      const comp = []
      let w
      do { w = stack.pop(); on.delete(w); comp.push(w) } while (w !== v)
      if (comp.length > 1) out.push(comp.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return out
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const graph = folderGraph()
  for (const [from, tos] of [...graph].sort()) console.log(`${from} -> ${[...tos.keys()].sort().join(', ')}`)
  const found = cycles(graph)
  for (const c of found) {
    console.error(`cycle: ${c.join(' <-> ')}`)
    for (const a of c) for (const [b, why] of graph.get(a) ?? []) if (c.includes(b)) console.error(`  ${why}`)
  }
  process.exit(found.length > 0 ? 1 : 0)
}
