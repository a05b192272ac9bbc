import type { Rule } from '../engine/types.js'

export const trailingWhitespace: Rule = {
  id: 'trailing-whitespace',
  description: 'A line ends with spaces or tabs.',
  defaultSeverity: 'error',
  lineRule: true,
  check(ctx, report) {
    // Lines end at LF, CR or the end of the text: no space or tab before one of those, no finding.
    const text = ctx.text
    const last = text.charCodeAt(text.length - 1)
    if (last !== 32 && last !== 9 && !text.includes(' \n') && !text.includes('\t\n') && !text.includes(' \r') && !text.includes('\t\r')) return
    ctx.outline.lines.forEach((line, i) => {
      const last = line.charCodeAt(line.length - 1)
      if (last !== 32 && last !== 9) return
      let start = line.length
      while (start > 0 && (line[start - 1] === ' ' || line[start - 1] === '\t')) start--
      report({
        line: i + 1,
        column: start + 1,
        endColumn: line.length + 1,
        message: start === 0 ? 'Line has only whitespace: make it empty.' : 'Line ends with whitespace: remove it.',
        fix: { description: 'Remove trailing whitespace', startLine: i + 1, endLine: i + 2, text: line.slice(0, start) + '\n' }
      })
    })
  }
}
