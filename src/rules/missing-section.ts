import type { Rule } from '../engine/types.js'
import { placementOf, structureOf } from '../engine/structure.js'
import { closestTitle } from './similar.js'
import { styleFor, titleLines } from '../engine/adorn.js'

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
      const before = ctx.outline.lines[place.insertBefore - 2]
      const block = [
        ...(before !== undefined && before.trim() !== '' ? [''] : []),
        ...titleLines(m.tpl.title, styleFor(ctx.outline, ctx.template.styles, m.tpl.depth)),
        '',
        'None',
        ''
      ]
      report({
        line: place.line,
        section: m.tpl.title,
        fix: {
          description: `Insert the "${m.tpl.title}" section`,
          startLine: place.insertBefore,
          endLine: place.insertBefore,
          text: block.join('\n') + '\n'
        },
        message: `Missing ${kind} "${m.tpl.title}"${hint}: add it ${where}; if there is nothing to say, write "None".`
      })
    }
  }
}
