import type { Rule, RuleContext } from '../engine/types.js'
import { quoteOf } from '../engine/stated.js'

const ID = 'line-length'

/** Fallback width when configuration switches the rule on and neither it nor the template gives one. */
export const DEFAULT_WIDTH = 79

/**
 * The width lines are held to, and why: the template's own sentence, else
 * configuration (max-line-length, or the rule switched on); undefined = no rule.
 */
export function widthOf(ctx: RuleContext): { max: number; why: string } | undefined {
  const stated = ctx.template.stated.lineLength
  const configured = ctx.options.ruleOptions?.[ID]?.max
  if (typeof configured === 'number') return { max: configured, why: 'max-line-length' }
  if (stated?.width !== undefined) return { max: stated.width, why: `the template asks for it: ${quoteOf(stated, ctx.template)}` }
  const setting = ctx.options.rules[ID]
  if (setting !== undefined && setting !== 'off') return { max: DEFAULT_WIDTH, why: 'line-length is switched on in the configuration' }
  return undefined
}

/**
 * Applies only where the template asks for a width ("Please wrap text at 79
 * columns") or configuration asks for it. Upstream's wrapping check (nova-specs tests/test_titles.py), with the same
 * exemptions: lines after a line containing "::" while they are blank or
 * indented (literal blocks, directive bodies), lines with http:// or
 * https://, and lines that are a single token.
 */
export const lineLength: Rule = {
  id: ID,
  description: 'A line is longer than the width the template asks for ("wrap text at 79 columns"), or max-line-length.',
  defaultSeverity: 'error',
  kind: 'line',
  formats: ['rst', 'markdown'],
  fixable: false,
  statedBy: 'lineLength',
  options: [
    {
      name: 'max',
      type: 'integer',
      description: 'Longest allowed line: overrides the width the template states, and switches the rule on where the template states none.',
      setBy: 'max-line-length'
    }
  ],
  docs: 'Longer than the width the template asks for, or `max-line-length`; no width asked, no rule; exempt as upstream: lines with `http://`/`https://`, single-token lines, literal blocks and directive bodies.',
  help: {
    name: 'LineLength',
    checks: 'Lines are at most the maximum length (79 by default, or what the template states). Lines with URLs, single-token lines, literal blocks and directive bodies are exempt.',
    fix: 'Wrap the line at the limit.',
    example: 'This paragraph is wrapped at 79 columns so that reviewers can read it in the\ndiff without scrolling.\n'
  },
  check(ctx, report) {
    const width = widthOf(ctx)
    if (!width) return
    const { max, why } = width
    const lines = ctx.outline.lines
    let first = 0
    while (first < lines.length && lines[first]!.length <= max) first++
    if (first === lines.length) return
    let codeBlock = false
    // Markdown: code and HTML blocks and table rows are exempt (what the `::` rule is to RST).
    const md = ctx.outline.format === 'markdown'
    // Lines before the first long one report nothing; in RST they only carry the `::` block state,
    // which the last line before it that is neither blank nor indented sets on its own: start there.
    let start = first
    if (!md) while (start > 0 && (lines[start] === '' || lines[start]!.startsWith(' '))) start--
    for (let i = start; i < lines.length; i++) {
      const line = lines[i]!
      if (md) {
        if (ctx.outline.verbatim[i] || /^\s*\|/.test(line)) continue
      } else if (codeBlock) {
        if (line === '' || line.startsWith(' ')) continue
        codeBlock = false
      }
      if (!md && line.includes('::')) codeBlock = true
      if (line.length <= max) continue
      // Count characters as Python does (code points), not UTF-16 units.
      const length = codePoints(line)
      if (length <= max) continue
      if (line.includes('http://') || line.includes('https://')) continue
      if (/^\s*\S+$/.test(line)) continue
      report({
        line: i + 1,
        column: max + 1,
        endColumn: line.length + 1,
        message: `Line is ${length} characters long; wrap it at ${max} (${why}).`
      })
    }
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
