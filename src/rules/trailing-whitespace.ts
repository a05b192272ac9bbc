import type { Rule } from '../engine/types.js'

export const trailingWhitespace: Rule = {
  id: 'trailing-whitespace',
  description: 'A line ends with spaces or tabs.',
  defaultSeverity: 'error',
  lineRule: true,
  check(ctx, report) {
    // A plain loop over the lines (a substring search of the text for " \n" is slower: spaces are everywhere).
    const lines = ctx.outline.lines
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const last = line.charCodeAt(line.length - 1)
      if (last !== 32 && last !== 9) continue
      let start = line.length
      while (start > 0 && (line[start - 1] === ' ' || line[start - 1] === '\t')) start--
      report({
        line: i + 1,
        column: start + 1,
        endColumn: line.length + 1,
        message: start === 0 ? 'Line has only whitespace: make it empty.' : 'Line ends with whitespace: remove it.',
        fix: { description: 'Remove trailing whitespace', startLine: i + 1, endLine: i + 2, text: line.slice(0, start) + '\n' }
      })
    }
  }
}
