import type { Rule } from '../engine/types.js'
import { structureOf } from '../engine/structure.js'

export const title: Rule = {
  id: 'title',
  description: "The spec has no document title, or keeps the template's example title.",
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  help: {
    name: 'DocumentTitle',
    checks: 'The spec starts with a document title of its own, not the one in the template.',
    fix: 'Put the spec\'s own title at the top, over- and underlined as in the template.',
    example: '=================================\nSupport for live resize of volumes\n=================================\n'
  },
  check(ctx, report) {
    const { docTitle } = structureOf(ctx).shape
    // A Markdown template without a title (a Rust RFC's) asks for none.
    if (!docTitle && ctx.outline.format === 'markdown' && ctx.template.exampleTitle === undefined) return
    if (!docTitle) {
      const first = ctx.outline.roots[0]
      report({
        line: first?.line ?? 1,
        message: first
          ? ctx.outline.format === 'markdown'
            ? `The spec has no document title: it starts with "${first.rawTitle}", not a "# Title" heading; put its title above it (as in the template).`
            : `The spec has no document title: "${first.rawTitle}" and the sections after it share the outermost level; put a title above them with its own adornment style (as in the template).`
          : ctx.outline.format === 'markdown'
            ? 'The spec has no document title: start it with a "# Title" heading (as in the template).'
            : 'The spec has no document title: start it with a title, over- and underlined as in the template.'
      })
    } else if (ctx.template.exampleTitle !== undefined && docTitle.title === ctx.template.exampleTitle) {
      report({
        line: docTitle.line,
        section: docTitle.title,
        message: `The document title is still the template's example title "${docTitle.title}": give the spec its own title.`
      })
    }
  }
}
