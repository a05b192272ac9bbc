import { memo } from '../../src/engine/memo.js'
import { checkText, templateRuleSources } from '../../src/engine/check.js'
import { structureOf } from '../../src/engine/structure.js'
import { scan } from '../../src/engine/rst/scan.js'
import { RULES } from '../../src/rules/index.js'
import { templateFromText } from '../../src/templates/templates.js'
import type { CheckOptions, RuleContext } from '../../src/engine/types.js'

describe('memo', () => {
  it('computes once per object and keeps the value where no copy, key list or comparison sees it', () => {
    let calls = 0
    const lengthOf = memo<{ s: string }, { n: number }>('length')
    const a = { s: 'abc' }
    const first = lengthOf(a, k => (calls++, { n: k.s.length }))
    expect(lengthOf(a, () => ({ n: -1 }))).toBe(first)
    expect(calls).toBe(1)
    expect(Object.keys(a)).toEqual(['s'])
    // On the object itself, not in a WeakMap (whose values V8's minor collections keep alive: see memo.ts).
    expect(Object.getOwnPropertySymbols(a)).toHaveLength(1)
    expect(JSON.stringify(a)).toBe('{"s":"abc"}')
    expect({ ...a }).toStrictEqual({ s: 'abc' })
    expect(a).toStrictEqual({ s: 'abc' })
    // Another object, another memo: their own values.
    expect(lengthOf({ s: 'abcd' }, k => ({ n: k.s.length })).n).toBe(4)
    const other = memo<{ s: string }, { n: number }>('length')
    expect(other(a, () => ({ n: 99 })).n).toBe(99)
    expect(lengthOf(a, () => ({ n: -1 }))).toBe(first)
  })

  it('computes every time for a frozen object', () => {
    let calls = 0
    const m = memo<object, number[]>('frozen')
    const key = Object.freeze({})
    m(key, () => (calls++, [1]))
    m(key, () => (calls++, [1]))
    expect(calls).toBe(2)
  })
})

const TEMPLATE = `=====
Title
=====

Say what this is about.

Problem description
===================

Describe the problem. Please wrap text at 79 columns.

Proposed change
===============

Describe the change.
`
const opts = (file: string): CheckOptions => ({ file, rules: {}, optionalSections: [], sectionDepth: 2 })

describe('what a large run keeps per spec', () => {
  const template = templateFromText(TEMPLATE, 'specs/template.rst', false, 2)
  const spec = TEMPLATE.replace('=====\nTitle\n=====', '=======\nA title\n=======').replace('Describe the change.', 'x'.repeat(90))

  it('a context keeps its structure on itself, not visible as a property', () => {
    const ctx: RuleContext = { file: 'specs/a.rst', outline: scan(spec), template, options: opts('specs/a.rst'), text: spec, ruleIds: [] }
    expect(structureOf(ctx)).toBe(structureOf(ctx))
    expect(Object.keys(ctx)).toEqual(['file', 'outline', 'template', 'options', 'text', 'ruleIds'])
  })

  it('one frozen list of the rules a template states, shared by every spec checked against it', () => {
    const a = checkText(spec, template, opts('specs/a.rst'), RULES)
    const b = checkText(spec, template, opts('specs/b.rst'), RULES)
    expect(a.templateRules).toEqual([{ rule: 'line-length', line: 10, text: expect.stringContaining('wrap text at 79 columns') }])
    expect(b.templateRules).toBe(a.templateRules)
    expect(templateRuleSources(template, RULES)).toBe(a.templateRules)
    expect(Object.isFrozen(a.templateRules)).toBe(true)
    expect(Object.isFrozen(a.templateRules![0])).toBe(true)
    // Another rule list: its own.
    expect(templateRuleSources(template, RULES.filter(r => r.id !== 'line-length'))).toEqual([])
  })

  it('section statuses: the line only when the section is there, one path array per title', () => {
    const gone = spec.replace(/Proposed change\n=+\n\n[^\n]*\n/, '')
    const a = checkText(spec, template, opts('specs/a.rst'), RULES)
    const b = checkText(gone, template, opts('specs/b.rst'), RULES)
    const present = a.sections.find(s => s.title === 'Proposed change')!
    const missing = b.sections.find(s => s.title === 'Proposed change')!
    expect(present).toStrictEqual({ title: 'Proposed change', path: [], required: true, status: 'ok', line: 12 })
    expect(missing).toStrictEqual({ title: 'Proposed change', path: [], required: true, status: 'missing' })
    expect(missing.path).toBe(present.path)
  })
})
