import type { ReportFn, Rule, RuleContext, Section, TemplateSection } from '../engine/types.js'
import { placementOf, startLine, structureOf, type Placement, type SectionMatch } from '../engine/structure.js'
import { styleFor, titleLines } from '../engine/rst/adorn.js'

/** "; if there is nothing to say, write "None"" where the template says so. */
export function noneAdvice(ctx: RuleContext): string {
  return ctx.template.stated.none ? '; if there is nothing to say, write "None" (as the template asks)' : ''
}

/**
 * A template section the spec does not have, reported where it belongs; or,
 * when a heading there stands for it under another title (case, spacing,
 * spelling), one finding at that heading whose fix renames it.
 */
export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A section or subsection of the template is absent (or renamed).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: true,
  sectionStatus: 'missing',
  docs: 'A template section or subsection is absent; reported where it belongs, naming the section it should follow (or the missing one before it); a renamed one is reported at its heading, with the template\'s title. Markdown: a heading counts by its title and level (number of `#`) wherever it stands, the subsections of a missing section are missing too, and `--fix` inserts the template\'s heading (no text).',
  help: {
    name: 'MissingSection',
    checks: 'Every section and subsection of the template is present in the spec, under the same parent.',
    fix: 'Add the section where the finding says (after the section it names), with its title underlined as in the template; write "None" when there is nothing to say. `--fix` inserts it.',
    example: 'Alternatives\n------------\n\nNone\n'
  },
  check(ctx, report) {
    if (ctx.outline.format === 'markdown') return missingHeadings(ctx, report)
    const st = structureOf(ctx)
    const styles = new Map<number, string>()
    const style = (depth: number): string => {
      let s = styles.get(depth)
      if (s === undefined) styles.set(depth, (s = styleFor(ctx.outline, ctx.template.styles, depth)))
      return s
    }
    const kindOf = (depth: number): string => (depth === 1 ? 'section' : 'subsection')
    for (const m of st.matches) {
      if (m.renamed && m.spec) {
        report(renameFinding(m.spec, m.tpl.title, kindOf(m.tpl.depth)))
        continue
      }
      if (m.spec || m.misplaced || !m.required || !m.parentPresent) continue
      const place = placementOf(ctx, st, m)
      const where = whereText(place, m)
      const before = ctx.outline.lines[place.insertBefore - 2]
      const block = [
        ...(before !== undefined && before.trim() !== '' ? [''] : []),
        ...titleLines(m.tpl.title, style(m.tpl.depth)),
        '',
        'None',
        ''
      ]
      report({
        line: place.line,
        section: m.tpl.title,
        fix: {
          description: `Insert the "${m.tpl.title}" section`,
          startLine: place.insertBefore,
          endLine: place.insertBefore,
          text: block.join('\n') + '\n'
        },
        message: `Missing ${kindOf(m.tpl.depth)} "${m.tpl.title}": add it ${where}${noneAdvice(ctx)}.`
      })
    }
  }
}

function renameFinding(s: Section, title: string, kind: string): Parameters<ReportFn>[0] {
  const first = startLine(s)
  return {
    line: s.line,
    section: title,
    fix: {
      description: `Rename "${s.rawTitle}" to "${title}"`,
      startLine: first,
      endLine: s.underline + 1,
      text: titleLines(title, s.style).join('\n') + '\n'
    },
    message: `${kind === 'section' ? 'Section' : 'Subsection'} "${s.rawTitle}" stands for the template's "${title}": use the template's title exactly (rename it to "${title}").`
  }
}

/** The ATX heading for a template section: the template's level and text (level by depth when the template is RST). */
function atx(tpl: TemplateSection, hasTitle: boolean): string {
  const level = tpl.level ?? Math.min(6, tpl.depth + (hasTitle ? 1 : 0))
  return `${'#'.repeat(level)} ${tpl.rawTitle ?? tpl.title}`
}

/**
 * Markdown: a template heading is present when a heading with its title and
 * level stands anywhere in the spec (under another parent it is
 * section-level's finding). A missing one is reported where it belongs, also
 * under a missing parent (without a fix there: the parent is inserted
 * first); the fix inserts the template's heading, never any text.
 */
function missingHeadings(ctx: RuleContext, report: ReportFn): void {
  const st = structureOf(ctx)
  const hasTitle = st.shape.docTitle !== undefined
  // The first heading of each title, made when a missing heading first needs it.
  let firstByTitle: Map<string, Section> | undefined
  for (const m of st.matches) {
    if (m.renamed && m.spec) {
      const s = m.spec
      report({
        line: s.line,
        section: m.tpl.title,
        ...(s.format?.nested
          ? {}
          : { fix: { description: `Rename "${s.rawTitle}" to "${m.tpl.title}"`, startLine: s.line, endLine: s.underline + 1, text: `${'#'.repeat(s.level)} ${m.tpl.rawTitle ?? m.tpl.title}\n` } }),
        message: `Heading "${s.rawTitle}" stands for the template's "${m.tpl.title}": use the template's title exactly (rename it to "${m.tpl.title}").`
      })
      continue
    }
    if (m.spec || m.misplaced || !m.required) continue
    if (!firstByTitle) {
      firstByTitle = new Map()
      for (const s of ctx.outline.sections) if (s !== st.shape.docTitle && !firstByTitle.has(s.title)) firstByTitle.set(s.title, s)
    }
    const heading = atx(m.tpl, hasTitle)
    const other = firstByTitle.get(m.tpl.title)
    const elsewhere = other ? `; the "${other.rawTitle}" heading at line ${other.line} is a level-${other.level} heading, the template's is level ${m.tpl.level ?? '?'}` : ''
    const under = m.tpl.parent !== undefined ? ` under "${m.tpl.parent}"` : ''
    if (!m.parentPresent) {
      // Reported where the outermost missing ancestor goes.
      let top = m
      for (let p = st.parentOf.get(top.tpl); p && !top.parentPresent; p = st.parentOf.get(p)) top = st.byTemplate.get(p) ?? top
      report({
        line: placementOf(ctx, st, top).line,
        section: m.tpl.title,
        message: `Missing heading "${heading}"${under} (its parent is missing too)${elsewhere}.`
      })
      continue
    }
    const place = placementOf(ctx, st, m)
    const where = whereText(place, m)
    const before = ctx.outline.lines[place.insertBefore - 2]
    const block = [...(before !== undefined && before.trim() !== '' ? [''] : []), heading, '']
    report({
      line: place.line,
      section: m.tpl.title,
      fix: { description: `Insert the heading "${heading}"`, startLine: place.insertBefore, endLine: place.insertBefore, text: block.join('\n') + '\n' },
      message: `Missing heading "${heading}"${under}: add it ${where}${elsewhere}.`
    })
  }
}

/** Where a missing section goes, in the words of the message. */
function whereText(place: Placement, m: SectionMatch): string {
  if (place.afterMissing) return `after "${place.afterMissing.title}" (missing too)`
  if (place.after) return `after "${place.after.title}"`
  return m.parentSpec ? `at the start of "${m.parentSpec.title}"` : 'as the first section'
}
