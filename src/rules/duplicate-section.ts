import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'

/** A template section's title repeated among siblings: one finding at the repeat. */
export const duplicateSection: Rule = {
  id: 'duplicate-section',
  description: 'A template section appears twice under the same parent.',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  docs: 'A template section\'s title repeated under the same parent: reported at the repeat, naming the first.',
  help: {
    name: 'DuplicateSection',
    checks: 'Each template section appears once under its parent.',
    fix: 'Merge the repeated section into the first one (move its text there and delete the second title).',
    example: 'Alternatives\n------------\n\nA cache of provisioned widgets; rejected because it wastes capacity.\n'
  },
  check(ctx, report) {
    const st = structureOf(ctx)
    for (const d of st.duplicates.values()) {
      report({
        line: d.repeat.line,
        section: d.tpl.title,
        message: `Section "${d.repeat.rawTitle}" repeats the one at line ${d.first.line}: the template has it once; merge the two.`
      })
    }
  }
}
