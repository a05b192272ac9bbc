import type { Rule } from '../engine/types.js'

export const finalNewline: Rule = {
  id: 'final-newline',
  description: 'The file does not end with a newline.',
  defaultSeverity: 'warning',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: true,
  help: {
    name: 'FinalNewline',
    checks: 'The file ends with a newline.',
    fix: 'Add a line break at the end of the file. `--fix` does it.',
    example: 'None\n'
  },
  check(ctx, report) {
    const t = ctx.text
    if (t.length === 0 || t.endsWith('\n') || t.endsWith('\r')) return
    // A text with no line break the outline counts as a line (e.g. a lone U+FEFF) still has line 1.
    const last = Math.max(1, ctx.outline.lines.length)
    // The last line, ending with the file's (first) line ending.
    const from = Math.max(t.lastIndexOf('\n'), t.lastIndexOf('\r')) + 1
    const first = /\r\n|\r|\n/.exec(t)
    report({
      line: last,
      message: 'The file does not end with a newline: add one.',
      fix: { description: 'Add the final newline', startLine: last, endLine: last + 1, text: t.slice(from) + '\n', newline: first ? first[0] : '\n' }
    })
  }
}
