import type { Rule } from '../engine/types.js'
import { sectionAt } from '../engine/structure.js'
import { literalLines } from '../engine/template.js'
import { guidanceLeft } from './template-text.js'

export const placeholder: Rule = {
  id: 'placeholder',
  description: 'A placeholder from the template (such as <launchpad-id or None>) is left in place (literal blocks are text as written).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst'],
  fixable: false,
  sectionStatus: 'placeholder',
  docs: 'A template placeholder left in place (not in literal blocks: text there is shown as written).',
  help: {
    name: 'PlaceholderLeftInPlace',
    checks: 'No placeholder of the template (such as `<launchpad-id or None>`) is left in place.',
    fix: 'Replace the placeholder with the real value, or "None".',
    example: 'https://blueprints.launchpad.net/nova/+spec/live-resize\n'
  },
  check(ctx, report) {
    const phs = ctx.template.placeholders.filter(ph => ctx.text.includes(ph))
    if (phs.length === 0) return
    const literal = literalLines(ctx.outline)
    // A body that is still all guidance is one template-text finding, not one per placeholder in it.
    const covered = new Array<boolean>(ctx.outline.lines.length).fill(false)
    if (ctx.options.rules['template-text'] !== 'off') {
      for (const m of guidanceLeft(ctx)) for (let n = m.spec!.bodyStart; n <= m.spec!.bodyEnd; n++) covered[n - 1] = true
    }
    const none = ctx.template.stated.none !== undefined
    ctx.outline.lines.forEach((line, i) => {
      if (!line.includes('<') || literal[i] || covered[i]) return
      for (const ph of phs) {
        const col = line.indexOf(ph)
        if (col === -1) continue
        const alt = none && !/\bNone\b/.test(ph) ? ' (or "None")' : ''
        report({
          line: i + 1,
          column: col + 1,
          endColumn: col + ph.length + 1,
          section: sectionAt(ctx.outline, i + 1)?.title,
          message: `Template placeholder "${ph}" is left in place: replace it with the real value${alt}.`
        })
      }
    })
  }
}
