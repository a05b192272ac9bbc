import type { Rule, RuleContext } from '../engine/types.js'
import { structureOf, type SectionMatch } from '../engine/structure.js'
import { bodyParagraphs } from './body.js'
import { foldSpaces } from '../engine/template.js'

const cache = new WeakMap<RuleContext, SectionMatch[]>()

/** Template sections whose body in the spec is still only the template's guidance. */
export function guidanceLeft(ctx: RuleContext): SectionMatch[] {
  let out = cache.get(ctx)
  if (out) return out
  out = []
  for (const m of structureOf(ctx).matches) {
    if (!m.spec || m.tpl.guidance === '') continue
    // Cheap pre-check: the first line of the body must occur in the guidance.
    const first = firstText(ctx.outline.lines, m.spec.bodyStart, m.spec.bodyEnd)
    if (first === undefined || !m.tpl.guidance.includes(first)) continue
    const guidance = new Set(m.tpl.guidance.split('\n\n'))
    const body = bodyParagraphs(ctx.outline.lines, m.spec)
    if (body.length === 0 || !body.every(p => guidance.has(p))) continue
    // A form still to fill in (every paragraph holds a placeholder): the placeholders are the findings.
    const phs = ctx.template.placeholders
    if (phs.length > 0 && body.every(p => phs.some(ph => p.includes(ph)))) continue
    out.push(m)
  }
  cache.set(ctx, out)
  return out
}

export const templateText: Rule = {
  id: 'template-text',
  description: "A section still contains only the template's guidance text.",
  defaultSeverity: 'warning',
  lineRule: false,
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
