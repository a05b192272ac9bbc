/**
 * Suppressions written in the spec as RST comments (invisible when rendered):
 *
 *   .. spec-template-check: disable=line-length,tab          the next non-blank line
 *   .. spec-template-check: disable-section=template-text    the section it stands in
 *   .. spec-template-check: disable-file=image               the whole file
 */
import type { Finding, Outline } from './types.js'
import { sectionAt, startLine } from './structure.js'

export type SuppressionScope = 'disable' | 'disable-section' | 'disable-file'

export interface Suppression {
  scope: SuppressionScope
  rules: string[]
  /** 1-based line of the comment. */
  line: number
  /** Lines [from, to] the suppression covers. */
  from: number
  to: number
}

// Only the head is matched by the regular expression; the rule list is sliced and trimmed (linear).
const COMMENT = /^\s*\.\.\s+spec-template-check:\s*(disable-section|disable-file|disable)\s*=/

export function parseSuppressions(outline: Outline): Suppression[] {
  const out: Suppression[] = []
  const { lines } = outline
  if (!lines.some(l => l.includes('spec-template-check:'))) return out
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (!line.includes('spec-template-check:')) continue
    const m = COMMENT.exec(line)
    if (!m) continue
    const scope = m[1] as SuppressionScope
    const rules = line.slice(m[0].length).split(',').map(r => r.trim().toLowerCase()).filter(Boolean)
    let from = 1
    let to = Math.max(1, lines.length)
    if (scope === 'disable') {
      let next = i + 1
      while (next < lines.length && lines[next]!.trim() === '') next++
      from = to = next + 1
    } else if (scope === 'disable-section') {
      const s = sectionAt(outline, i + 1)
      if (s) {
        from = startLine(s)
        to = s.end
      }
    }
    out.push({ scope, rules, line: i + 1, from, to })
  }
  return out
}


/** Split findings into those kept and the number suppressed. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): { kept: Finding[]; suppressed: number } {
  if (suppressions.length === 0) return { kept: findings, suppressed: 0 }
  const kept: Finding[] = []
  let suppressed = 0
  for (const f of findings) {
    const hit = f.rule !== 'suppression' && suppressions.some(s => s.rules.includes(f.rule) && f.line >= s.from && f.line <= s.to)
    if (hit) suppressed++
    else kept.push(f)
  }
  return { kept, suppressed }
}
