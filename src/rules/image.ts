import type { Rule } from '../engine/types.js'
import { sectionAt } from '../engine/structure.js'

const DIRECTIVE = /^\s*\.\.\s+(image|figure|graphviz|digraph|graph|blockdiag|seqdiag|actdiag|nwdiag|rackdiag|packetdiag|uml|plantuml|mermaid|kroki)::/

const ANYWHERE = /\.\.[ \t]+(?:image|figure|graphviz|digraph|graph|blockdiag|seqdiag|actdiag|nwdiag|rackdiag|packetdiag|uml|plantuml|mermaid|kroki)::/

export const image: Rule = {
  id: 'image',
  description: 'An image, figure or rendered-diagram directive: the template asks for ASCII diagrams.',
  defaultSeverity: 'warning',
  lineRule: false,
  check(ctx, report) {
    if (!ANYWHERE.test(ctx.text)) return
    ctx.outline.lines.forEach((line, i) => {
      if (!line.includes('::')) return
      const m = DIRECTIVE.exec(line)
      if (!m) return
      report({
        line: i + 1,
        column: line.indexOf('..') + 1,
        section: sectionAt(ctx.outline, i + 1)?.title,
        message: `"${m[1]}" directive: the template asks for ASCII diagrams (plain text reviewers can read in the diff); draw it in a literal block instead.`
      })
    })
  }
}
