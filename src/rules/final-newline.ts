import type { Rule } from '../engine/types.js'

export const finalNewline: Rule = {
  id: 'final-newline',
  description: 'The file does not end with a newline.',
  defaultSeverity: 'warning',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: true,
  check(ctx, report) {
    const t = ctx.text
    if (t.length === 0 || t.endsWith('\n') || t.endsWith('\r')) return
    // A text with no line break the outline counts as a line (e.g. a lone U+FEFF) still has line 1.
    const last = Math.max(1, ctx.outline.lines.length)
    report({ line: last, message: 'The file does not end with a newline: add one.' })
  }
}
