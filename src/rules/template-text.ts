import type { Rule, RuleContext, TemplateSection } from '../engine/types.js'
import { structureOf, type SectionMatch } from '../engine/structure.js'
import { bodyText } from './body.js'
import { foldSpaces } from '../engine/template.js'
import { memo } from '../engine/memo.js'

const guidanceMemo = memo<RuleContext, SectionMatch[]>('guidance left')
const paragraphsMemo = memo<TemplateSection, Set<string>>('guidance paragraphs')

/** A template section's guidance paragraphs, split once per template (not once per spec). */
function guidanceParagraphs(tpl: TemplateSection): Set<string> {
  return paragraphsMemo(tpl, t => new Set(t.guidance.split('\n\n')))
}

/** Template sections whose body in the spec is still only the template's guidance. */
export function guidanceLeft(ctx: RuleContext): SectionMatch[] {
  return guidanceMemo(ctx, computeGuidanceLeft)
}

function computeGuidanceLeft(ctx: RuleContext): SectionMatch[] {
  const out: SectionMatch[] = []
  for (const m of structureOf(ctx).matches) {
    if (!m.spec || m.tpl.guidance === '') continue
    // Cheap pre-check: the first line of the body (Markdown: of its first block that is not a comment) must occur in the guidance.
    const md = ctx.outline.format === 'markdown'
    const block = md ? m.spec.blocks?.find(b => b.kind !== 'comment') : undefined
    if (md && block === undefined) continue
    const first = block ? firstText(block.text.split('\n', 1), 1, 1) : firstText(ctx.outline.lines, m.spec.bodyStart, m.spec.bodyEnd)
    if (first === undefined || !m.tpl.guidance.includes(first)) continue
    const guidance = guidanceParagraphs(m.tpl)
    const body = bodyText(ctx.outline, m.spec)
    if (body.length === 0 || !body.every(p => guidance.has(p))) continue
    // A form still to fill in (every paragraph holds a placeholder): the placeholders are the findings.
    const phs = ctx.template.placeholders
    if (phs.length > 0 && body.every(p => phs.some(ph => p.includes(ph)))) continue
    out.push(m)
  }
  return out
}

export const templateText: Rule = {
  id: 'template-text',
  description: "A section still contains only the template's guidance text.",
  defaultSeverity: 'warning',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  sectionStatus: 'template-text',
  docs: 'A section whose body is still the template\'s guidance text (its placeholders are not reported again).',
  help: {
    name: 'TemplateText',
    checks: 'A section\'s body is not still the template\'s guidance text.',
    fix: 'Replace the guidance with your own text, or "None".',
    example: 'Performance Impact\n------------------\n\nListing instances becomes one query per page instead of one per instance.\n'
  },
  check(ctx, report) {
    const alt = ctx.template.stated.none ? ' (or "None", as the template asks)' : ''
    for (const m of guidanceLeft(ctx)) {
      const spec = m.spec!
      report({
        line: spec.line,
        endLine: spec.bodyEnd >= spec.bodyStart ? spec.bodyEnd : undefined,
        section: m.tpl.title,
        message: `Section "${m.tpl.title}" still holds the template's guidance text: replace it with your own${alt}.`
      })
    }
  }
}

function firstText(lines: string[], from: number, to: number): string | undefined {
  for (let n = from; n <= to; n++) {
    const t = (lines[n - 1] ?? '').trim()
    if (t !== '') return foldSpaces(t)
  }
  return undefined
}
