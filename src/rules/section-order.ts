import type { Rule, Section } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'

export const sectionOrder: Rule = {
  id: 'section-order',
  description: 'Sections are not in the order of the template.',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  docs: 'Sections not in template order; each section outside the longest in-order run is reported.',
  help: {
    name: 'SectionOrder',
    checks: 'The template sections appear in the order of the template.',
    fix: 'Move each reported section to the place the finding names (after the section it should follow).',
    example: 'Problem description\n===================\n\nProposed change\n===============\n'
  },
  check(ctx, report) {
    const st = structureOf(ctx)
    // Group the matched spec sections by their parent, in document order.
    const groups = new Map<Section | undefined, { spec: Section; index: number; title: string }[]>()
    for (const m of st.matches) {
      if (!m.spec) continue
      const list = groups.get(m.parentSpec) ?? []
      list.push({ spec: m.spec, index: m.tpl.index, title: m.tpl.title })
      groups.set(m.parentSpec, list)
    }
    for (const list of groups.values()) {
      // Most specs: already in document order and in template order, nothing to sort or report.
      if (inOrder(list)) continue
      list.sort((a, b) => a.spec.line - b.spec.line)
      const keep = longestIncreasing(list.map(x => x.index))
      // Kept sections are in increasing template order: find the neighbours by binary search.
      const kept = list.filter((_y, j) => keep.has(j))
      list.forEach((x, i) => {
        if (keep.has(i)) return
        let lo = 0
        let hi = kept.length
        while (lo < hi) {
          const mid = (lo + hi) >> 1
          if (kept[mid]!.index < x.index) lo = mid + 1
          else hi = mid
        }
        const after = lo > 0 ? kept[lo - 1] : undefined
        const before = kept[lo]
        report({
          line: x.spec.line,
          section: x.title,
          message: after
            ? `Section "${x.title}" is out of order: the template puts it after "${after.title}".`
            : before
              ? `Section "${x.title}" is out of order: the template puts it before "${before.title}".`
              : `Section "${x.title}" is out of order: move it to where the template puts it.`
        })
      })
    }
  }
}

/** True when both the spec lines and the template indices strictly increase along the list. */
function inOrder(list: readonly { spec: Section; index: number }[]): boolean {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.spec.line <= list[i - 1]!.spec.line || list[i]!.index <= list[i - 1]!.index) return false
  }
  return true
}

/** Indices (into `seq`) of one longest strictly increasing subsequence; ties keep earlier-ending runs. */
export function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [] // index into seq of the smallest tail of each length
  const prev: number[] = new Array(seq.length).fill(-1)
  for (let i = 0; i < seq.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const keep = new Set<number>()
  let k = tails.length ? tails[tails.length - 1]! : -1
  while (k !== -1) {
    keep.add(k)
    k = prev[k]!
  }
  return keep
}
