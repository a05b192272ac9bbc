import type { Rule } from '../engine/types.js'

/**
 * Upstream's wrapping check (nova-specs tests/test_titles.py), with the same
 * exemptions: lines after a line containing "::" while they are blank or
 * indented (literal blocks, directive bodies), lines with http:// or
 * https://, and lines that are a single token.
 */
export const lineLength: Rule = {
  id: 'line-length',
  description: 'A line is longer than the maximum (79 by default).',
  defaultSeverity: 'error',
  lineRule: true,
  check(ctx, report) {
    const max = ctx.options.maxLineLength
    if (!ctx.outline.lines.some(l => l.length > max)) return
    let codeBlock = false
    ctx.outline.lines.forEach((line, i) => {
      if (codeBlock) {
        if (line === '' || line.startsWith(' ')) return
        codeBlock = false
      }
      if (line.includes('::')) codeBlock = true
      if (line.length <= max) return
      // Count characters as Python does (code points), not UTF-16 units.
      const length = codePoints(line)
      if (length <= max) return
      if (line.includes('http://') || line.includes('https://')) return
      if (/^\s*\S+$/.test(line)) return
      report({
        line: i + 1,
        column: max + 1,
        endColumn: line.length + 1,
        message: `Line is ${length} characters long; wrap it at ${max}.`
      })
    })
  }
}

function codePoints(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++
  }
  return n
}
