import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'

export const sectionLevel: Rule = {
  id: 'section-level',
  description: 'A template section is at another level or under another parent.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    const st = structureOf(ctx)
    for (const m of st.matches) {
      const s = m.misplaced
      if (!s) continue
      const expected = m.tpl.parent ? `a subsection of "${m.tpl.parent}"` : 'a top-level section'
      const actualParent = s.parent && s.parent !== st.shape.docTitle ? `under "${s.parent.title}"` : 'at the top level'
      report({
        line: s.line,
        section: m.tpl.title,
        message: `Section "${m.tpl.title}" is ${actualParent}, but the template makes it ${expected}: fix its underline or move it.`
      })
    }
  }
}
