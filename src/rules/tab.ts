import type { Rule } from '../engine/types.js'

export const tab: Rule = {
  id: 'tab',
  description: 'A line contains a tab character.',
  defaultSeverity: 'warning',
  kind: 'line',
  formats: ['rst'],
  fixable: false,
  help: {
    name: 'TabCharacter',
    checks: 'No line contains a tab character (RST expands tabs to 8 columns, which shifts indentation).',
    fix: 'Use spaces instead.',
    example: '    indented with four spaces\n'
  },
  check(ctx, report) {
    if (!ctx.text.includes('\t')) return
    ctx.outline.lines.forEach((line, i) => {
      const col = line.indexOf('\t')
      if (col === -1) return
      report({ line: i + 1, column: col + 1, message: 'Line contains a tab character: use spaces (RST expands tabs to 8 columns).' })
    })
  }
}
