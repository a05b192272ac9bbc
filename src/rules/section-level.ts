import type { RuleContext, Rule, Section } from '../engine/types.js'
import { structureOf, type SectionMatch } from '../engine/structure.js'
import { memo } from '../engine/memo.js'

const displacersMemo = memo<RuleContext, Map<Section, SectionMatch[]>>('displacers')

/**
 * Headings that pull template sections out of their parent: a heading that
 * is not a template section (or is one at the wrong level) holding template
 * sections that belong elsewhere. Its one finding lists what it displaced.
 */
export function displacers(ctx: RuleContext): Map<Section, SectionMatch[]> {
  return displacersMemo(ctx, computeDisplacers)
}

function computeDisplacers(ctx: RuleContext): Map<Section, SectionMatch[]> {
  const out = new Map<Section, SectionMatch[]>()
  const st = structureOf(ctx)
  const misplacedSections = new Set<Section>()
  for (const m of st.matches) if (m.misplaced) misplacedSections.add(m.misplaced)
  for (const m of st.matches) {
    const p = m.misplaced?.parent
    if (!p || p === st.shape.docTitle || st.duplicates.has(p)) continue
    if (st.matched.has(p) && !misplacedSections.has(p)) continue
    const list = out.get(p) ?? []
    list.push(m)
    out.set(p, list)
  }
  return out
}

export const sectionLevel: Rule = {
  id: 'section-level',
  description: 'A template section is at another level or under another parent.',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  docs: 'A template section at another level or under another parent; a heading that pulls template subsections away is one finding listing them.',
  help: {
    name: 'SectionLevel',
    checks: 'Each template section is at the same level and under the same parent as in the template.',
    fix: 'Use the underline character the template uses for that level, or move the section under the right parent.',
    example: 'Alternatives\n------------\n'
  },
  check(ctx, report) {
    const st = structureOf(ctx)
    const taking = displacers(ctx)
    const grouped = new Set<SectionMatch>()
    for (const list of taking.values()) for (const m of list) grouped.add(m)
    const md = ctx.outline.format === 'markdown'
    const fixLevel = md ? 'change its number of #' : 'fix its underline'
    const list = (ms: SectionMatch[]): string => ms.map(m => `"${m.tpl.title}"`).join(', ')
    const homes = (ms: SectionMatch[]): string => [...new Set(ms.map(m => (m.tpl.parent ? `"${m.tpl.parent}"` : 'the top level')))].join(', ')
    for (const m of st.matches) {
      const s = m.misplaced
      if (!s || grouped.has(m)) continue
      const expected = m.tpl.parent ? `a subsection of "${m.tpl.parent}"` : 'a top-level section'
      const actualParent = s.parent && s.parent !== st.shape.docTitle ? `under "${s.parent.title}"` : 'at the top level'
      const took = taking.get(s)
      const also = took ? `; it also takes ${list(took)} away from ${homes(took)}, where the template puts ${took.length > 1 ? 'them' : 'it'}` : ''
      report({
        line: s.line,
        section: m.tpl.title,
        message: `Section "${m.tpl.title}" is ${actualParent}, but the template makes it ${expected}${also}: ${md ? 'move it' : 'fix its underline or move it'}.`
      })
    }
    // A heading that is no template section, holding template sections that belong elsewhere.
    for (const [p, took] of taking) {
      if (st.matched.has(p)) continue
      report({
        line: p.line,
        section: p.title,
        message: `Heading "${p.rawTitle}" takes ${list(took)} away from ${homes(took)}, where the template puts ${took.length > 1 ? 'them' : 'it'}: make "${p.rawTitle}" a subsection (${fixLevel}) or move it after ${took.length > 1 ? 'them' : 'it'}.`
      })
    }
  }
}
