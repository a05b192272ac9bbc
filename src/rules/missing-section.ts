import type { Rule } from '../engine/types.js'
import { placementOf, structureOf } from '../engine/structure.js'
import { closestTitle } from './similar.js'

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A section or subsection of the template is absent.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    const st = structureOf(ctx)
    for (const m of st.matches) {
      if (m.spec || m.misplaced || !m.required || !m.parentPresent) continue
      const place = placementOf(ctx, st, m)
      const where = place.after
        ? `after "${place.after.title}"`
        : m.parentSpec
          ? `at the start of "${m.parentSpec.title}"`
          : 'as the first section'
      const siblings = (m.parentSpec?.children ?? st.shape.top).filter(s => !st.matched.has(s))
      const near = closestTitle(m.tpl.title, siblings.map(s => s.title))
      const hint = near ? ` ("${near}" is not the same title: use the template's title exactly)` : ''
      const kind = m.tpl.depth === 1 ? 'section' : 'subsection'
      report({
        line: place.line,
        section: m.tpl.title,
        message: `Missing ${kind} "${m.tpl.title}"${hint}: add it ${where}; if there is nothing to say, write "None".`
      })
    }
  }
}
