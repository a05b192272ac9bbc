import type { Fix, Rule, Section } from '../engine/types.js'
import { columnWidth } from '../engine/rst/scan-text.js'

export const titleUnderline: Rule = {
  id: 'title-underline',
  description: 'A title adornment is too short, or title levels are inconsistent.',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst'],
  fixable: true,
  docs: 'An underline shorter than its title, inconsistent title levels, or a template title whose too-short underline makes it plain text.',
  help: {
    name: 'TitleUnderline',
    checks: 'Title adornments are at least as long as their titles and levels are used consistently; a template title whose underline is too short is plain text, not a title.',
    fix: 'Make the underline (and overline) as long as the title. `--fix` does it.',
    example: 'Work Items\n----------\n'
  },
  check(ctx, report) {
    if (ctx.outline.problems.length === 0) return // most specs: nothing to look up
    const titles = new Set(ctx.template.all.map(t => t.title))
    if (ctx.template.exampleTitle) titles.add(ctx.template.exampleTitle)
    // The first section on each title line (a Map, not a search per problem: a file can have many of both).
    const sectionAt = new Map<number, Section>()
    for (const s of ctx.outline.sections) if (!sectionAt.has(s.line)) sectionAt.set(s.line, s)
    for (const p of ctx.outline.problems) {
      // Reported at the adornment line, as docutils does; the title line is named in the message.
      const titleLine = p.titleLine ?? p.line
      if (p.kind === 'short-adornment') {
        const text = (ctx.outline.lines[titleLine - 1] ?? '').trim()
        if (!titles.has(text)) continue
        const ch = (ctx.outline.lines[p.line - 1] ?? '').trim()[0] ?? '='
        report({
          line: p.line,
          section: text,
          message: `"${text}" is not a title: its underline is shorter than 4 characters and than the title, so it is read as plain text; underline the whole title.`,
          // A too-short overline above it (no underline): which adornment was meant is unclear, so no fix.
          fix: p.line === titleLine + 1 ? titleFix(titleLine, p.line + 1, text, ch, false) : undefined
        })
        continue
      }
      const section = sectionAt.get(titleLine)
      const text = (ctx.outline.lines[titleLine - 1] ?? '').trim()
      let message = p.message
      if (p.kind === 'title-underline') {
        const which = section?.overline === p.line ? 'overline' : 'underline'
        message = `The ${which} of "${text}" is shorter than the title: make it at least as long as the title.`
      } else if (p.kind === 'title-overline') {
        message = `"${text}" has an overline that does not match its underline (${p.message.replace(/\.$/, '')}): use the same character and length for both.`
      }
      const fix =
        section && p.kind === 'title-underline'
          ? titleFix(
              section.overline ?? section.line,
              section.underline + 1,
              section.overline !== undefined ? (ctx.outline.lines[titleLine - 1] ?? '').trimEnd() : text,
              (ctx.outline.lines[section.underline - 1] ?? '').trim()[0] ?? '=',
              section.overline !== undefined
            )
          : undefined
      report({ line: p.line, section: section?.title, message, fix })
    }
  }
}

/** The title block with adornments of the right length (at least 4, at least the title's width). */
function titleFix(startLine: number, endLine: number, title: string, ch: string, overline: boolean): Fix {
  const bar = ch.repeat(Math.max(4, columnWidth(title)))
  return {
    description: `Make the adornment of "${title.trim()}" as long as the title`,
    startLine,
    endLine,
    text: (overline ? [bar, title, bar] : [title, bar]).join('\n') + '\n'
  }
}
