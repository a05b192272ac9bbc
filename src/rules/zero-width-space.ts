import type { Rule } from '../engine/types.js'

export const zeroWidthSpace: Rule = {
  id: 'zero-width-space',
  description: 'A line contains a zero-width space (U+200B).',
  defaultSeverity: 'error',
  kind: 'line',
  formats: ['rst', 'markdown'],
  fixable: false,
  help: {
    name: 'ZeroWidthSpace',
    checks: 'No line contains a zero-width space (U+200B), which is invisible and breaks search and titles.',
    fix: 'Delete the invisible character (retype the word around it).',
    example: 'Proposed change\n'
  },
  check(ctx, report) {
    if (!ctx.text.includes('\u200b')) return
    ctx.outline.lines.forEach((line, i) => {
      const col = line.indexOf('\u200b')
      if (col === -1) return
      report({ line: i + 1, column: col + 1, message: 'Line contains an invisible zero-width space (U+200B): delete it.' })
    })
  }
}
