import type { Rule } from '../engine/types.js'
import { sectionAt } from '../engine/structure.js'

export const placeholder: Rule = {
  id: 'placeholder',
  description: 'A placeholder from the template (such as <launchpad-id or None>) is left in place.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    const phs = ctx.template.placeholders.filter(ph => ctx.text.includes(ph))
    if (phs.length === 0) return
    ctx.outline.lines.forEach((line, i) => {
      if (!line.includes('<')) return
      for (const ph of phs) {
        const col = line.indexOf(ph)
        if (col === -1) continue
        report({
          line: i + 1,
          column: col + 1,
          endColumn: col + ph.length + 1,
          section: sectionAt(ctx.outline, i + 1)?.title,
          message: `Template placeholder "${ph}" is left in place: replace it with the real value (or "None").`
        })
      }
    })
  }
}
