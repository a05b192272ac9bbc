import type { Rule } from '../engine/types.js'

/**
 * CR and CRLF line endings. Runs of consecutive CR-terminated lines are one
 * finding each, so a file converted to CRLF as a whole gives one finding.
 */
export const carriageReturn: Rule = {
  id: 'carriage-return',
  description: 'CR or CRLF line endings (use LF).',
  defaultSeverity: 'error',
  kind: 'line',
  formats: ['rst', 'markdown'],
  fixable: true,
  help: {
    name: 'CarriageReturn',
    checks: 'Lines end with LF, not CR or CRLF.',
    fix: 'Save the file with Unix line endings. `--fix` converts them.',
    example: 'line one\\n\nline two\\n\n'
  },
  check(ctx, report) {
    const text = ctx.text
    if (!text.includes('\r')) return
    let line = 1
    let runStart = 0
    let runEnd = 0
    let crlf = 0
    let cr = 0
    let total = 0
    const flush = (): void => {
      if (!runStart) return
      const kind = crlf && cr ? 'CR and CRLF' : crlf ? 'CRLF' : 'CR'
      const all = runStart === 1 && runEnd === total
      report({
        line: runStart,
        endLine: runEnd > runStart ? runEnd : undefined,
        // The same lines, ending with LF.
        fix: {
          description: 'Convert the line endings to LF',
          startLine: runStart,
          endLine: runEnd + 1,
          text: ctx.outline.lines.slice(runStart - 1, runEnd).join('\n') + '\n',
          newline: '\n'
        },
        message: all
          ? `The file uses ${kind} line endings: convert it to LF (Unix) line endings.`
          : runEnd > runStart
            ? `Lines ${runStart}-${runEnd} end with ${kind}: use LF (Unix) line endings.`
            : `Line ends with ${kind}: use LF (Unix) line endings.`
      })
      runStart = 0
      crlf = cr = 0
    }
    // First pass: count terminated lines so a whole-file run can be named as such.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) total++
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) {
          crlf++
          i++
        } else cr++
        if (!runStart) runStart = line
        runEnd = line
        line++
      } else if (c === 10) {
        flush()
        line++
      }
    }
    flush()
  }
}
