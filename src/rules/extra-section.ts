import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'
import { displacers } from './section-level.js'

export const extraSection: Rule = {
  id: 'extra-section',
  description: 'A top-level section that the template does not have (nor allowed-sections).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  docs: 'A top-level section the template does not have, nor `allowed-sections`.',
  help: {
    name: 'ExtraSection',
    checks: 'Each top-level section of the spec is one the template has (or one the configuration allows). A near match is usually a renamed or misspelt template section.',
    fix: 'Rename the section to the template title the finding suggests, or move its text into a template section (or a subsection of one).',
    example: 'Proposed change\n===============\n'
  },
  check(ctx, report) {
    const st = structureOf(ctx)
    const allowed = new Set((ctx.options.allowedSections ?? []).map(t => t.trim()))
    const taking = displacers(ctx)
    for (const s of st.shape.top) {
      if (st.matched.has(s) || st.duplicates.has(s) || taking.has(s) || allowed.has(s.title.trim())) continue
      report({
        line: s.line,
        section: s.title,
        message: `Section "${s.rawTitle}" is not in the template: move its content into a template section or make it a subsection (or list it in allowed-sections).`
      })
    }
  }
}
