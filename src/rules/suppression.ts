import type { Rule } from '../engine/types.js'
import { describeHidden, mentionsSuppression, parseSuppressions, suppressionText } from '../engine/suppress.js'

const ID = 'suppression'

export const suppression: Rule = {
  id: ID,
  description:
    'A spec-template-check suppression comment names an unknown rule; with suppressions: deny, every suppression comment; with suppressions: report, what each one hides (notice).',
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['rst', 'markdown'],
  fixable: false,
  // Its findings are about the comments themselves: no comment hides them.
  suppressible: false,
  docs: 'A suppression comment names an unknown rule; with `suppressions: deny` every suppression comment; with `suppressions: report` what each one hides (a notice).',
  help: {
    name: 'SuppressionComment',
    checks: 'Suppression comments (`.. spec-template-check: disable=RULE` in RST, `<!-- spec-template-check: disable=RULE -->` in Markdown) name known rules, and follow the repository\'s suppressions policy (allow, report or deny).',
    fix: 'Name a rule that exists, or remove the comment and fix the finding.',
    example: '.. spec-template-check: disable=line-length\n'
  },
  check(ctx, report) {
    if (!mentionsSuppression(ctx)) return
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
        if (ctx.ruleIds.includes(rule) && rule !== ID) continue
        report({
          line: s.line,
          message: `Unknown rule "${rule}" in a ${s.scope} comment: use one of ${ctx.ruleIds.filter(r => r !== ID).join(', ')}.`
        })
      }
    }
  },
  // suppressions: report: each honoured comment is a notice saying what it hid.
  reportSuppressions(uses, report) {
    for (const u of uses) {
      report({
        line: u.line,
        severity: 'notice',
        message: `Suppression "${suppressionText(u)}" hides ${u.count === 0 ? 'nothing' : `${u.count} finding${u.count === 1 ? '' : 's'} (${describeHidden(u)})`} (suppressions: report).`
      })
    }
  }
}
