import type { Rule } from '../engine/types.js'

export const titleUnderline: Rule = {
  id: 'title-underline',
  description: 'A title adornment is too short, or title levels are inconsistent.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    const titles = new Set(ctx.template.all.map(t => t.title))
    if (ctx.template.exampleTitle) titles.add(ctx.template.exampleTitle)
    for (const p of ctx.outline.problems) {
      const line = p.titleLine ?? p.line
      if (p.kind === 'short-adornment') {
        const text = (ctx.outline.lines[line - 1] ?? '').trim()
        if (!titles.has(text)) continue
        report({
          line,
          endLine: p.line,
          section: text,
          message: `"${text}" is not a title: its underline is shorter than 4 characters and than the title, so it is read as plain text; underline the whole title.`
        })
        continue
      }
      report({ line, endLine: p.line !== line ? p.line : undefined, message: p.message })
    }
  }
}
