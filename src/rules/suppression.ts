import type { Rule } from '../engine/types.js'
import { parseSuppressions, suppressionText } from '../engine/suppress.js'
import { RULE_IDS } from './ids.js'

export const suppression: Rule = {
  id: 'suppression',
  description:
    'A spec-template-check suppression comment names an unknown rule; with suppressions: deny, every suppression comment; with suppressions: report, what each one hides (notice).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  check(ctx, report) {
    if (!ctx.text.includes('spec-template-check:')) return
    const deny = ctx.options.suppressions === 'deny'
    for (const s of parseSuppressions(ctx.outline)) {
      if (deny) {
        report({
          line: s.line,
          message: `Suppression comments are not honoured in this repository (suppressions: deny): "${suppressionText(s)}" is ignored; fix the findings instead.`
        })
        continue
      }
      for (const rule of s.rules) {
        if (RULE_IDS.includes(rule) && rule !== 'suppression') continue
        report({
          line: s.line,
          message: `Unknown rule "${rule}" in a ${s.scope} comment: use one of ${RULE_IDS.filter(r => r !== 'suppression').join(', ')}.`
        })
      }
    }
  }
}
