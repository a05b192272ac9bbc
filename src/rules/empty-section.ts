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
    // The sections standing for template sections: gathered only when an empty section is met (few specs have one).
    let inTemplate: Set<typeof st.shape.top[number]> | undefined
    const standsForTemplate = (s: typeof st.shape.top[number]): boolean => {
      if (!inTemplate) {
        inTemplate = new Set()
        for (const m of st.matches) {
          const present = m.spec ?? m.misplaced
          if (present) inTemplate.add(present)
        }
      }
      return inTemplate.has(s)
    }
    const none = ctx.template.stated.none
    for (const s of ctx.outline.sections) {
      if (s === st.shape.docTitle || s.children.length > 0) continue
      if (!isEmptyBody(ctx.outline, s)) continue
      const advice = !standsForTemplate(s)
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
