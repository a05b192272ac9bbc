import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'
import { bodyParagraphs } from './body.js'

export const templateText: Rule = {
  id: 'template-text',
  description: "A section still contains only the template's guidance text.",
  defaultSeverity: 'warning',
  lineRule: false,
  check(ctx, report) {
    const st = structureOf(ctx)
    for (const m of st.matches) {
      if (!m.spec || m.tpl.guidance === '') continue
      // Cheap pre-check: the first line of the body must occur in the guidance.
      const first = firstText(ctx.outline.lines, m.spec.bodyStart, m.spec.bodyEnd)
      if (first === undefined || !m.tpl.guidance.includes(first)) continue
      const guidance = new Set(m.tpl.guidance.split('\n\n'))
      const body = bodyParagraphs(ctx.outline.lines, m.spec)
      if (body.length === 0 || !body.every(p => guidance.has(p))) continue
      report({
        line: m.spec.line,
        endLine: m.spec.bodyEnd >= m.spec.bodyStart ? m.spec.bodyEnd : undefined,
        section: m.tpl.title,
        message: `Section "${m.tpl.title}" still holds the template's guidance text: replace it with your own (or "None").`
      })
    }
  }
}

function firstText(lines: string[], from: number, to: number): string | undefined {
  for (let n = from; n <= to; n++) {
    const t = (lines[n - 1] ?? '').trim()
    if (t !== '') return t.replace(/\s+/g, ' ')
  }
  return undefined
}
