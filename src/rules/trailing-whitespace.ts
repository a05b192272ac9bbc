import type { Rule } from '../engine/types.js'

/** Markdown: exactly two spaces after text end a line with a hard break (written on purpose). */
export function isHardBreak(line: string): boolean {
  return line.endsWith('  ') && line.length > 2 && !/\s/.test(line[line.length - 3]!)
}

export const trailingWhitespace: Rule = {
  id: 'trailing-whitespace',
  description: 'A line ends with spaces or tabs.',
  defaultSeverity: 'error',
  kind: 'line',
  formats: ['rst', 'markdown'],
  fixable: true,
  docs: 'Spaces or tabs at the end of a line (Markdown: two spaces after text, a hard line break, are kept).',
  help: {
    name: 'TrailingWhitespace',
    checks: 'No line ends with spaces or tabs.',
    fix: 'Remove the whitespace at the end of the line. `--fix` does it.',
    example: 'A line with nothing after its last word.\n'
  },
  check(ctx, report) {
    const md = ctx.outline.format === 'markdown'
    // A plain loop over the lines (a substring search of the text for " \n" is slower: spaces are everywhere).
    const lines = ctx.outline.lines
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const last = line.charCodeAt(line.length - 1)
      if (last !== 32 && last !== 9) continue
      // Markdown: two spaces after text are a hard line break, written on purpose.
      if (md && isHardBreak(line)) continue
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
