/** Every rule on Markdown input: a template with the conventions of KEPs and OpenShift enhancements. */
import { checkText } from '../../src/engine/check.js'
import { RULES } from '../../src/rules/index.js'
import { fixText } from '../../src/engine/fix.js'
import { loadReader } from '../../src/engine/read.js'
import { templateFromText } from '../../src/templates/templates.js'
import type { CheckOptions, Finding, TemplateRules } from '../../src/engine/types.js'

const TEMPLATE = `---
title: neat-enhancement-idea
authors:
  - TBD
creation-date: yyyy-mm-dd
---

# Neat Enhancement Idea

## Table of Contents

<!-- toc -->
- [Summary](#summary)
- [Motivation](#motivation)
  - [Goals](#goals)
  - [Non-Goals (Optional)](#non-goals-optional)
- [Proposal](#proposal)
- [Open Questions [optional]](#open-questions-optional)
<!-- /toc -->

## Summary

<!-- One paragraph: what changes, for whom. -->

## Motivation

Why this matters. Link to the issue: <issue-url>.

### Goals

List the goals.

### Non-Goals (Optional)

What is out of scope.

## Proposal

Tracking issue: KEP-NNNN.

## Open Questions [optional]

Anything still open.
`

const GOOD = `---
title: live-resize
authors:
  - "@jane"
creation-date: 2026-01-15
---

# Live resize of volumes

## Table of Contents

<!-- toc -->
- [Summary](#summary)
- [Motivation](#motivation)
  - [Goals](#goals)
- [Proposal](#proposal)
<!-- /toc -->

## Summary

Volumes can grow while attached.

## Motivation

Operators resize volumes by hand today: https://example.com/issue/1.

### Goals

Grow an attached volume without downtime.

## Proposal

Tracking issue: KEP-1234. \`TBD\` in code is text.
`

let template: TemplateRules
beforeAll(async () => {
  await loadReader('markdown')
  template = templateFromText(TEMPLATE, 'template.md', false, 2)
})

function check(text: string, extra: Partial<CheckOptions> = {}): Finding[] {
  return checkText(text, template, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2, ...extra }, RULES).findings
}
const rules = (fs: Finding[]): string[] => fs.map(f => f.rule)
const replace = (text: string, from: string, to: string): string => {
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in text`)
  return text.replace(from, to)
}

describe('Markdown template', () => {
  it('reads title, sections, optional markers, placeholders, front matter and toc', () => {
    expect(template.format).toBe('markdown')
    expect(template.exampleTitle).toBe('Neat Enhancement Idea')
    expect(template.all.map(t => [t.title, t.level, t.required])).toEqual([
      ['Table of Contents', 2, true],
      ['Summary', 2, true],
      ['Motivation', 2, true],
      ['Goals', 3, true],
      ['Non-Goals', 3, false],
      ['Proposal', 2, true],
      ['Open Questions', 2, false]
    ])
    expect(template.placeholders).toEqual(expect.arrayContaining(['TBD', 'yyyy-mm-dd', '<issue-url>', 'NNNN']))
    expect(template.frontMatterKeys!.map(k => k.key)).toEqual(['title', 'authors', 'creation-date'])
    expect(template.toc).toEqual({ line: 12, endLine: 19, maxLevel: 3 })
    expect(template.all.find(t => t.title === 'Motivation')!.guidance).toBe('Why this matters. Link to the issue: <issue-url>.')
  })

  it('section-depth does not limit a Markdown template (it marks its optional sections itself)', () => {
    const deep = templateFromText('# T\n\n## A\n\n### B\n\n#### C\n\n##### D (Optional)\n\n###### E\n', 'deep.md', false, 1)
    expect(deep.all.map(t => t.required)).toEqual([true, true, true, false, true])
  })
})

describe('every rule on Markdown', () => {
  it('a complete spec passes', () => {
    expect(check(GOOD)).toEqual([])
  })

  it('title: missing, or still the template example', () => {
    expect(rules(check(replace(GOOD, '# Live resize of volumes\n', '')))).toContain('title')
    const f = check(replace(GOOD, '# Live resize of volumes', '# Neat Enhancement Idea')).filter(x => x.rule === 'title')
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain('example title')
  })

  it('title: a KEP title still the template\'s is one finding, not also one per placeholder in it', () => {
    const kep = templateFromText('# KEP-NNNN: Your short, descriptive title\n\n## Summary\n\n<!-- What and why. -->\n', 'README.md', false, 2)
    const run = (text: string): [number, string][] =>
      checkText(text, kep, { file: 'keps/1-x/README.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES).findings.map(f => [f.line, f.rule])
    expect(kep.placeholders).toContain('NNNN')
    expect(run('# KEP-NNNN: Your short, descriptive title\n\n## Summary\n\nResize pods.\n')).toEqual([[1, 'title']])
    // A title of its own that keeps the number placeholder: the placeholder.
    expect(run('# KEP-NNNN: In-place pod resize\n\n## Summary\n\nResize pods.\n')).toEqual([[1, 'placeholder']])
    // With the title rule off, the placeholder is reported after all.
    expect(
      checkText('# KEP-NNNN: Your short, descriptive title\n\n## Summary\n\nResize pods.\n', kep, { file: 'k.md', rules: { title: 'off' }, optionalSections: [], sectionDepth: 2 }, RULES).findings.map(f => f.rule)
    ).toEqual(['placeholder'])
  })

  it('missing-section: reported where it belongs, with an ATX heading to insert; marker kept or dropped', () => {
    const f = check(replace(GOOD, '### Goals\n\nGrow an attached volume without downtime.\n', '')).filter(x => x.rule === 'missing-section')
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toBe('Missing heading "### Goals" under "Motivation": add it at the start of "Motivation".')
    expect(f[0]!.fix!.text).toBe('### Goals\n\n')
    // A spec may keep the [optional] marker; an optional section may be left out.
    expect(check(replace(GOOD, '## Proposal', '## Proposal [optional]')).filter(x => x.rule === 'missing-section')).toEqual([])
  })

  it('missing-section: a heading at another level does not count, and says so', () => {
    const f = check(replace(GOOD, '### Goals', '#### Goals')).filter(x => x.rule === 'missing-section')
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain('is a level-4 heading, the template\'s is level 3')
  })

  it('missing-section: the subsections of a missing section are missing too (no fix until the parent is there)', () => {
    const text = replace(GOOD, '## Motivation\n\nOperators resize volumes by hand today: https://example.com/issue/1.\n\n### Goals\n\nGrow an attached volume without downtime.\n', '')
    const f = check(text).filter(x => x.rule === 'missing-section')
    expect(f.map(x => x.section)).toEqual(['Motivation', 'Goals'])
    expect(f[0]!.fix).toBeDefined()
    expect(f[1]!.fix).toBeUndefined()
  })

  it('missing-section: a renamed heading (case) is one finding with a rename', () => {
    const f = check(replace(GOOD, '## Proposal', '## proposal')).filter(x => x.rule === 'missing-section')
    expect(f).toHaveLength(1)
    expect(f[0]!.fix!.text).toBe('## Proposal\n')
  })

  it('extra-section, duplicate-section, section-order, section-level', () => {
    expect(rules(check(GOOD + '\n## Appendix\n\nMore.\n'))).toContain('extra-section')
    expect(rules(check(GOOD + '\n## Proposal\n\nAgain.\n'))).toContain('duplicate-section')
    const swapped = replace(replace(GOOD, '## Summary\n\nVolumes can grow while attached.\n', ''), '## Proposal\n', '## Summary\n\nVolumes can grow while attached.\n\n## Proposal\n')
    expect(rules(check(swapped))).toContain('section-order')
    // Goals under Proposal: present (same level), at the wrong parent.
    const moved = replace(replace(GOOD, '### Goals\n\nGrow an attached volume without downtime.\n', ''), 'Tracking issue', '### Goals\n\nGrow it.\n\nTracking issue')
    const lv = check(moved)
    expect(rules(lv)).toContain('section-level')
    expect(rules(lv)).not.toContain('missing-section')
    expect(lv.find(f => f.rule === 'section-level')!.message).not.toContain('underline')
  })

  it('empty-section: nothing, or only the template\'s comment', () => {
    const f = check(replace(GOOD, 'Volumes can grow while attached.', '<!-- One paragraph: what changes, for whom. -->'))
    expect(f.filter(x => x.rule === 'empty-section').map(x => x.section)).toEqual(['Summary'])
    expect(check(replace(GOOD, 'Volumes can grow while attached.', '')).filter(x => x.rule === 'empty-section')).toHaveLength(1)
  })

  it('template-text: the template\'s guidance left as it was', () => {
    const f = check(replace(GOOD, 'Grow an attached volume without downtime.', 'List the goals.'))
    expect(f.filter(x => x.rule === 'template-text').map(x => x.section)).toEqual(['Goals'])
  })

  it('placeholder: TBD, yyyy-mm-dd, NNNN and <...> left as values, also in the front matter; not in code', () => {
    const f = check(replace(replace(GOOD, 'creation-date: 2026-01-15', 'creation-date: yyyy-mm-dd'), 'KEP-1234', 'KEP-NNNN'))
    expect(f.filter(x => x.rule === 'placeholder').map(x => [x.line, x.message])).toEqual([
      [5, 'Template placeholder "yyyy-mm-dd" is left in place: replace it with the real value.'],
      [33, 'Template placeholder "NNNN" is left in place: replace it with the real value.']
    ])
    expect(check(replace(GOOD, 'Volumes can grow', 'TBDX and TBD: volumes can grow')).filter(x => x.rule === 'placeholder')).toHaveLength(1)
    expect(check(GOOD + '\n```\nTBD <issue-url>\n```\n').filter(x => x.rule === 'placeholder')).toEqual([])
  })

  it('front-matter: a template key missing, or no front matter at all', () => {
    const f = check(replace(GOOD, 'creation-date: 2026-01-15\n', ''))
    expect(f.filter(x => x.rule === 'front-matter').map(x => [x.line, x.message])).toEqual([
      [5, 'The front matter lacks the key "creation-date" of the template: add it before the closing "---".']
    ])
    const none = check(GOOD.slice(GOOD.indexOf('# Live'))).filter(x => x.rule === 'front-matter')
    expect(none).toHaveLength(1)
    expect(none[0]!.message).toContain('no front matter')
  })

  it('toc: a heading not listed, a stale entry, no table of contents', () => {
    const unlisted = check(replace(GOOD, '  - [Goals](#goals)\n', '')).filter(x => x.rule === 'toc')
    expect(unlisted.map(x => x.message)).toEqual(['The table of contents does not list the heading "Goals" (line 26): regenerate it (mdtoc --inplace).'])
    const stale = check(replace(GOOD, '- [Proposal](#proposal)\n', '- [Proposal](#proposal)\n- [Gone](#gone)\n')).filter(x => x.rule === 'toc')
    expect(stale).toHaveLength(1)
    expect(stale[0]!.message).toContain('"Gone" (#gone)')
    const none = check(replace(GOOD, '<!-- toc -->', '')).filter(x => x.rule === 'toc')
    expect(none[0]!.message).toContain('no table of contents')
  })

  it('line-length only when the template states a width or configuration asks', () => {
    const long = GOOD + '\n' + 'word '.repeat(30) + '\n'
    expect(rules(check(long))).not.toContain('line-length')
    expect(rules(check(long, { ruleOptions: { 'line-length': { max: 80 } } }))).toContain('line-length')
    const stated = templateFromText(TEMPLATE.replace('List the goals.', 'List the goals. Please wrap text at 80 columns.'), 'template.md', false, 2)
    const f = checkText(long, stated, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES).findings
    expect(rules(f)).toContain('line-length')
    // Code blocks are exempt.
    expect(rules(check(GOOD + '\n```\n' + 'x '.repeat(60) + '\n```\n', { ruleOptions: { 'line-length': { max: 80 } } }))).not.toContain('line-length')
  })

  it('line rules: trailing whitespace (not a two-space hard break), CR, zero-width space, final newline', () => {
    expect(rules(check(replace(GOOD, 'attached.', 'attached.  ')))).not.toContain('trailing-whitespace')
    expect(rules(check(replace(GOOD, 'attached.', 'attached. ')))).toContain('trailing-whitespace')
    expect(rules(check(GOOD.replace(/\n/g, '\r\n')))).toContain('carriage-return')
    expect(rules(check(replace(GOOD, 'Volumes', 'Vol\u200bumes')))).toContain('zero-width-space')
    expect(rules(check(GOOD.slice(0, -1)))).toContain('final-newline')
  })

  it('RST-only rules stay silent: tab, title-underline, image', () => {
    const f = check(replace(GOOD, 'Volumes can grow', '\tVolumes can grow\n\n.. image:: x.png\n\nTitle\n==\n\nVolumes'))
    expect(rules(f).filter(r => ['tab', 'title-underline', 'image'].includes(r))).toEqual([])
  })

  it('suppressions are HTML comments; the RST form is text in Markdown', () => {
    const text = replace(GOOD, 'creation-date: 2026-01-15\n', '')
    const f = checkText(replace(text, '# Live resize', '<!-- spec-template-check: disable-file=front-matter -->\n\n# Live resize'), template, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
    expect(rules(f.findings)).not.toContain('front-matter')
    expect(f.suppressed).toBe(1)
    const rst = checkText(replace(text, '# Live resize', '.. spec-template-check: disable-file=front-matter\n\n# Live resize'), template, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
    expect(rules(rst.findings)).toContain('front-matter')
    const unknown = check(replace(GOOD, '# Live resize', '<!-- spec-template-check: disable=no-such-rule -->\n# Live resize'))
    expect(rules(unknown)).toContain('suppression')
  })
})

describe('--fix on Markdown', () => {
  it('inserts missing headings with the template\'s text and level, in place, and touches no prose', () => {
    const text = replace(replace(GOOD, '### Goals\n\nGrow an attached volume without downtime.\n\n', ''), '## Summary\n\nVolumes can grow while attached.\n\n', '')
    const r = fixText(text, template, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
    expect(r.applied.map(a => a.rule)).toEqual(['missing-section', 'missing-section'])
    expect(r.text).toContain('<!-- /toc -->\n\n## Summary\n\n## Motivation\n\nOperators resize volumes by hand today: https://example.com/issue/1.\n\n### Goals\n\n## Proposal\n')
    // Every line of the spec is still there, in order.
    const kept = r.text.split('\n').filter(l => !['## Summary', '### Goals', ''].includes(l))
    expect(kept).toEqual(text.split('\n').filter(l => l !== ''))
    // Idempotent.
    expect(fixText(r.text, template, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES).changed).toBe(false)
  })

  it('keeps two-space hard breaks', () => {
    const r = fixText(replace(GOOD, 'attached.', 'attached.  \nMore. '), template, { file: 'spec.md', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
    expect(r.text).toContain('attached.  \nMore.\n')
  })
})

describe('a Rust RFC-style template: no title, `#` sections, metadata as a leading list', () => {
  const RFC = '- Feature Name: (fill me in with a unique ident, `my_awesome_feature`)\n- Start Date: (fill me in with today\'s date, YYYY-MM-DD)\n- RFC PR: [rust-lang/rfcs#0000](https://github.com/rust-lang/rfcs/pull/0000)\n\n# Summary\n\nOne paragraph explanation of the feature.\n\n# Motivation\n\nWhy are we doing this?\n\n# Drawbacks\n\nWhy should we *not* do this?\n'
  const SPEC = '- Feature Name: `async_drop`\n- Start Date: 2026-02-01\n- RFC PR: [rust-lang/rfcs#4000](https://github.com/rust-lang/rfcs/pull/4000)\n\n# Summary\n\nDrop values asynchronously.\n\n# Motivation\n\nDropping a connection blocks.\n\n# Drawbacks\n\nMore surface.\n'
  const opts = { file: '0000-async-drop.md', rules: {}, optionalSections: [], sectionDepth: 2 }
  let rfc: TemplateRules
  beforeAll(() => {
    rfc = templateFromText(RFC, '0000-template.md', false, 2)
  })

  it('reads every # heading as a section, no example title, the list keys as metadata', () => {
    expect(rfc.exampleTitle).toBeUndefined()
    expect(rfc.sections.map(t => [t.title, t.level])).toEqual([['Summary', 1], ['Motivation', 1], ['Drawbacks', 1]])
    expect(rfc.leadingListKeys).toEqual(['Feature Name', 'Start Date', 'RFC PR'])
  })

  it('a complete RFC passes (no title asked for); a missing section and a missing metadata item are found', () => {
    expect(checkText(SPEC, rfc, opts, RULES).findings).toEqual([])
    const f = checkText(SPEC.replace('- Start Date: 2026-02-01\n', '').replace('# Drawbacks\n\nMore surface.\n', ''), rfc, opts, RULES).findings
    expect(f.map(x => [x.rule, x.line])).toEqual([
      ['front-matter', 1],
      ['missing-section', 11]
    ])
    expect(f[0]!.message).toBe('The metadata list lacks the item "- Start Date:" of the template: add it.')
    expect(f[1]!.message).toBe('Missing heading "# Drawbacks": add it after "Motivation".')
  })
})
