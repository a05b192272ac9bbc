import type { Rule } from '../engine/types.js'
import { sectionAt } from '../engine/structure.js'
import { quoteOf } from '../engine/stated.js'

// Pictures only: diagram directives (graphviz, blockdiag, plantuml, mermaid, ...)
// hold their diagram as text that reviewers read in the diff, so they are text diagrams.
const DIRECTIVE = /^\s*\.\.\s+(image|figure)::/

const ANYWHERE = /\.\.[ \t]+(?:image|figure)::/

/**
 * Applies only where the template asks for text diagrams ("ascii diagrams are
 * required": warning; "preferred": notice), or configuration switches it on.
 */
export const image: Rule = {
  id: 'image',
  description: 'An image or figure directive where the template asks for text (ASCII) diagrams.',
  defaultSeverity: 'warning',
  lineRule: false,
  check(ctx, report) {
    const stated = ctx.template.stated.image
    const setting = ctx.options.rules.image
    if (!stated && (setting === undefined || setting === 'off')) return
    if (!ANYWHERE.test(ctx.text)) return
    const why = stated
      ? `the template ${stated.level === 'required' ? 'asks for' : 'prefers'} text diagrams: ${quoteOf(stated, ctx.template)}`
      : 'the configuration asks for text diagrams (plain text reviewers can read in the diff)'
    const severity = stated?.level === 'preferred' ? 'notice' : 'warning'
    ctx.outline.lines.forEach((line, i) => {
      if (!line.includes('::')) return
      const m = DIRECTIVE.exec(line)
      if (!m) return
      report({
        line: i + 1,
        column: line.indexOf('..') + 1,
        severity,
        section: sectionAt(ctx.outline, i + 1)?.title,
        message: `"${m[1]}" directive: ${why}; draw it as text (a literal block or a diagram directive such as graphviz) instead.`
      })
    })
  }
}
