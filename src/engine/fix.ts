/**
 * --fix: rewrite a spec so the mechanical findings go away, touching only
 * what those findings own: line endings, trailing whitespace, title
 * adornments, missing sections (inserted where the template puts them, with
 * the template's exact title and the body "None") and the final newline.
 * Idempotent: fixing a fixed text changes nothing.
 */
import type { CheckOptions, Rule, TemplateRules } from './types.js'
import { scan } from './scan.js'
import { textWidth } from './adorn.js'
import { checkText } from './check.js'
import { missingSection } from '../rules/missing-section.js'

export const FIXABLE_RULES = ['carriage-return', 'trailing-whitespace', 'title-underline', 'missing-section', 'final-newline'] as const

export interface FixResult {
  text: string
  changed: boolean
  /** What was done, one entry per change. */
  applied: { rule: string; line: number; description: string }[]
}

export function fixText(input: string, template: TemplateRules, options: CheckOptions): FixResult {
  const on = (rule: string): boolean => options.rules[rule] !== 'off'
  const applied: FixResult['applied'] = []
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input

  if (on('carriage-return') && text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n')
    applied.push({ rule: 'carriage-return', line: 1, description: 'Converted line endings to LF' })
  }

  if (on('trailing-whitespace')) {
    const lines = text.split('\n')
    lines.forEach((l, i) => {
      const t = l.replace(/[ \t]+$/, '')
      if (t !== l) {
        lines[i] = t
        applied.push({ rule: 'trailing-whitespace', line: i + 1, description: 'Removed trailing whitespace' })
      }
    })
    text = lines.join('\n')
  }

  if (on('title-underline')) text = fixAdornments(text, template, applied)

  if (on('missing-section')) {
    const only: Rule[] = [missingSection]
    for (let round = 0; round <= template.all.length; round++) {
      const r = checkText(text, template, options, only)
      const f = r.findings.find(x => x.fix)
      if (!f?.fix) break
      const lines = text.split('\n')
      const at = Math.min(f.fix.startLine - 1, lines.length)
      const insert = f.fix.text.replace(/\n$/, '').split('\n')
      // At the end of a file that ends with a newline, insert before the final empty line.
      const atEnd = at >= lines.length - 1 && lines[lines.length - 1] === ''
      const pos = atEnd ? lines.length - 1 : at
      if (atEnd && insert[insert.length - 1] === '') insert.pop()
      lines.splice(pos, 0, ...insert)
      text = lines.join('\n')
      applied.push({ rule: 'missing-section', line: pos + 1, description: f.fix.description })
    }
  }

  if (on('final-newline') && text.length > 0 && !text.endsWith('\n')) {
    text += '\n'
    applied.push({ rule: 'final-newline', line: text.split('\n').length - 1, description: 'Added the final newline' })
  }
  return { text, changed: text !== input, applied }
}

/** Lengthen short underlines/overlines, and turn too-short adornments under template titles into real ones. */
function fixAdornments(text: string, template: TemplateRules, applied: FixResult['applied']): string {
  const outline = scan(text)
  const lines = text.split('\n')
  const titles = new Set(template.all.map(t => t.title))
  if (template.exampleTitle) titles.add(template.exampleTitle)
  const done = new Set<number>()
  for (const p of outline.problems) {
    const titleLine = p.titleLine
    if (titleLine === undefined || done.has(titleLine)) continue
    if (p.kind !== 'short-adornment' && p.kind !== 'title-underline' && p.kind !== 'title-overline') continue
    const title = (lines[titleLine - 1] ?? '').trimEnd()
    const section = outline.sections.find(s => s.line === titleLine)
    if (!section && (p.kind !== 'short-adornment' || !titles.has(title.trim()))) continue
    const underline = section ? section.underline : titleLine + 1
    const overline = section?.overline
    const ch = (lines[underline - 1] ?? '').trim()[0] ?? '='
    const width = Math.max(textWidth(overline !== undefined ? title : title.trim()), 4)
    const bar = ch.repeat(width)
    lines[underline - 1] = bar
    if (overline !== undefined) lines[overline - 1] = bar
    done.add(titleLine)
    applied.push({ rule: 'title-underline', line: titleLine, description: `Made the adornment of "${title.trim()}" ${width} characters long` })
  }
  return lines.join('\n')
}
