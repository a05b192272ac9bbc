import type { Outline, Rule } from '../engine/types.js'
import { sectionAt, structureOf } from '../engine/structure.js'
import { literalLines } from '../engine/template.js'
import { guidanceLeft } from './template-text.js'

export const placeholder: Rule = {
  id: 'placeholder',
  description: 'A placeholder from the template (such as <launchpad-id or None>) is left in place (literal blocks are text as written).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  sectionStatus: 'placeholder',
  docs: 'A template placeholder left in place (not in literal blocks: text there is shown as written). Markdown: the values the template writes (`TBD`, `yyyy-mm-dd`, `NNNN`, `<...>`), as whole words, also in the front matter; not in code or comments.',
  help: {
    name: 'PlaceholderLeftInPlace',
    checks: 'No placeholder of the template (such as `<launchpad-id or None>`) is left in place.',
    fix: 'Replace the placeholder with the real value, or "None".',
    example: 'https://blueprints.launchpad.net/nova/+spec/live-resize\n'
  },
  check(ctx, report) {
    const phs = ctx.template.placeholders.filter(ph => ctx.text.includes(ph))
    if (phs.length === 0) return
    const literal = ctx.outline.format === 'markdown' ? markdownLiteral(ctx.outline) : literalLines(ctx.outline)
    // A body that is still all guidance is one template-text finding, not one per placeholder in it.
    const covered = new Array<boolean>(ctx.outline.lines.length).fill(false)
    if (ctx.options.rules['template-text'] !== 'off') {
      for (const m of guidanceLeft(ctx)) for (let n = m.spec!.bodyStart; n <= m.spec!.bodyEnd; n++) covered[n - 1] = true
    }
    // A document title still the template's example ("KEP-NNNN: Your title") is one `title` finding, not one per placeholder in it.
    if (ctx.options.rules.title !== 'off' && ctx.ruleIds.includes('title')) {
      const { docTitle } = structureOf(ctx).shape
      if (docTitle && ctx.template.exampleTitle !== undefined && docTitle.title === ctx.template.exampleTitle) covered[docTitle.line - 1] = true
    }
    const none = ctx.template.stated.none !== undefined
    const md = ctx.outline.format === 'markdown'
    // Blanking code spans and comments (withoutCode) only turns characters into spaces: a line that holds no
    // placeholder as written holds none after it, unless a placeholder has whitespace in it.
    const skipByText = md && !phs.some(ph => /\s/.test(ph))
    ctx.outline.lines.forEach((raw, i) => {
      if ((!md && !raw.includes('<')) || literal[i] || covered[i]) return
      if (skipByText) {
        let any = false
        for (let k = 0; k < phs.length && !any; k++) any = raw.includes(phs[k]!)
        if (!any) return
      }
      const line = md ? withoutCode(raw, i, ctx.outline) : raw
      for (const ph of phs) {
        const col = md ? wordAt(line, ph) : line.indexOf(ph)
        if (col === -1) continue
        const alt = none && !/\bNone\b/.test(ph) ? ' (or "None")' : ''
        report({
          line: i + 1,
          column: col + 1,
          endColumn: col + ph.length + 1,
          section: sectionAt(ctx.outline, i + 1)?.title,
          message: `Template placeholder "${ph}" is left in place: replace it with the real value${alt}.`
        })
      }
    })
  }
}

/**
 * Markdown: lines where a placeholder is text as written: code blocks, HTML
 * blocks and comments. The front matter is read (its values are what the
 * template's placeholders stand in).
 */
function markdownLiteral(outline: Outline): boolean[] {
  const fm = outline.frontMatter
  return outline.verbatim.map((v, i) => v && !(fm !== undefined && i + 1 > fm.line && i + 1 < fm.endLine))
}

/** The line with inline code spans (Markdown) and, in the front matter, YAML comments blanked (same length, so columns hold). */
function withoutCode(line: string, i: number, outline: Outline): string {
  const fm = outline.frontMatter
  if (fm !== undefined && i + 1 > fm.line && i + 1 < fm.endLine) return line.replace(/(^|\s)#.*$/, m => ' '.repeat(m.length))
  return line.includes('`') ? line.replace(/(`+)[^`]*?\1/g, m => ' '.repeat(m.length)) : line
}

/** Column of a placeholder; one made of word characters (TBD, NNNN) only as a whole word. */
function wordAt(line: string, ph: string): number {
  let from = 0
  for (;;) {
    const col = line.indexOf(ph, from)
    if (col === -1) return -1
    const before = line[col - 1]
    const after = line[col + ph.length]
    const edge = (c: string | undefined, end: string | undefined): boolean => c === undefined || end === undefined || !/\w/.test(c) || !/\w/.test(end)
    if (edge(before, ph[0]) && edge(after, ph[ph.length - 1])) return col
    from = col + 1
  }
}
