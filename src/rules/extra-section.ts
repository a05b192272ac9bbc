import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'
import { titleMatcher } from './similar.js'

export const extraSection: Rule = {
  id: 'extra-section',
  description: 'A top-level section that the template does not have.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    const st = structureOf(ctx)
    const closest = titleMatcher(ctx.template.sections.map(t => t.title))
    for (const s of st.shape.top) {
      if (st.matched.has(s)) continue
      const near = closest(s.title)
      const hint = near ? `; did you mean "${near}"? Titles must match the template exactly` : '; move its content into a template section or make it a subsection'
      report({
        line: s.line,
        section: s.title,
        message: `Section "${s.rawTitle}" is not in the template${hint}.`
      })
    }
  }
}
