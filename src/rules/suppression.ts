import type { Rule } from '../engine/types.js'
import { parseSuppressions } from '../engine/suppress.js'
import { RULE_IDS } from './ids.js'

export const suppression: Rule = {
  id: 'suppression',
  description: 'A spec-template-check suppression comment names an unknown rule.',
  defaultSeverity: 'error',
  lineRule: false,
  check(ctx, report) {
    if (!ctx.text.includes('spec-template-check:')) return
    for (const s of parseSuppressions(ctx.outline)) {
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
