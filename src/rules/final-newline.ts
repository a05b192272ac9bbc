import type { Rule } from '../engine/types.js'

export const finalNewline: Rule = {
  id: 'final-newline',
  description: 'The file does not end with a newline.',
  defaultSeverity: 'warning',
  lineRule: false,
  check(ctx, report) {
    const t = ctx.text
    if (t.length === 0 || t.endsWith('\n') || t.endsWith('\r')) return
    const last = ctx.outline.lines.length
    report({ line: last, message: 'The file does not end with a newline: add one.' })
  }
}
