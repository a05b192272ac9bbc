import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'
import { isBlankBody } from './body.js'

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A section has no content; the template asks for "None" when there is nothing to say.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    const st = structureOf(ctx)
    for (const s of ctx.outline.sections) {
      if (s === st.shape.docTitle || s.children.length > 0) continue
      if (!isBlankBody(ctx.outline.lines, s)) continue
      report({
        line: s.line,
        section: s.title,
        message: `Section "${s.rawTitle}" is empty: write "None" if there is nothing to say.`
      })
    }
  }
}
