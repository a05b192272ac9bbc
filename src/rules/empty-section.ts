import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'
import { isEmptyBody } from './body.js'

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A section shows nothing to a reader (no text, or only comments and link targets).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  sectionStatus: 'empty',
  docs: 'A section that shows nothing to a reader (no text, or only comments, hyperlink targets, substitution definitions; Markdown: nothing, or only HTML comments such as the template\'s guidance).',
  help: {
    name: 'EmptySection',
    checks: 'No section is empty: the template asks for "None" when there is nothing to say.',
    fix: 'Write the content, or "None".',
    example: 'Security impact\n---------------\n\nNone\n'
  },
  check(ctx, report) {
    const st = structureOf(ctx)
    const inTemplate = new Set<typeof st.shape.top[number]>()
    for (const m of st.matches) {
      const s = m.spec ?? m.misplaced
      if (s) inTemplate.add(s)
    }
    const none = ctx.template.stated.none
    for (const s of ctx.outline.sections) {
      if (s === st.shape.docTitle || s.children.length > 0) continue
      if (!isEmptyBody(ctx.outline, s)) continue
      const advice = !inTemplate.has(s)
        ? 'write its content or remove it'
        : none
          ? `write "None" if there is nothing to say, as the template asks (line ${none.line})`
          : 'write its content'
      report({
        line: s.line,
        section: s.title,
        message: `Section "${s.rawTitle}" is empty: ${advice}.`
      })
    }
  }
}
