/**
 * The README's rule table and the JSON Schema's `rules` block are generated
 * from the registry (src/rules/index.ts, rendered by src/rules/docs.ts).
 * This fails when the checked-in files differ; `npm run docs` rewrites them
 * (UPDATE_DOCS=1 runs this test in write mode).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { RULES, RULE_IDS } from '../../src/rules/index.js'
import { README_TABLE_END, README_TABLE_START, readmeRuleTable, schemaRulesBlock, withReadmeTable, withSchemaRules } from '../../src/rules/docs.js'
import { SEVERITY_SETTINGS } from '../../src/engine/severity.js'
import type { Rule } from '../../src/engine/types.js'

const README = 'README.md'
const SCHEMA = 'schema/spec-template-check.schema.json'
const update = process.env.UPDATE_DOCS === '1'

/** Compare a checked-in file with what the registry gives; rewrite it in update mode. */
function expectGenerated(file: string, want: string): void {
  const have = readFileSync(file, 'utf8')
  if (update) {
    if (have !== want) writeFileSync(file, want)
    return
  }
  if (have !== want) {
    const a = have.split('\n')
    const b = want.split('\n')
    let i = 0
    while (i < a.length && a[i] === b[i]) i++
    throw new Error(
      `${file} is not what the rule registry (src/rules) gives: run \`npm run docs\` and commit the result.\n` +
        `First difference at line ${i + 1}:\n  checked in: ${JSON.stringify(a[i])}\n  generated:  ${JSON.stringify(b[i])}`
    )
  }
}

describe('docs generated from the rule registry', () => {
  test('README.md rule table', () => {
    expectGenerated(README, withReadmeTable(readFileSync(README, 'utf8'), RULES))
  })

  test('JSON Schema rules block', () => {
    expectGenerated(SCHEMA, withSchemaRules(readFileSync(SCHEMA, 'utf8'), RULES))
  })

  test('the table has one row per rule with its metadata, in registry order', () => {
    const rows = readmeRuleTable(RULES).split('\n').slice(2)
    expect(rows.map(r => /^\| `([^`]+)`/.exec(r)![1])).toEqual([...RULE_IDS])
    const ll = rows[RULE_IDS.indexOf('line-length')]!
    expect(ll).toMatch(/^\| `line-length` \| error \| line \| rst, markdown \| no \| /)
    expect(ll).toContain('Option `max` (integer, set by `max-line-length`)')
    expect(rows[RULE_IDS.indexOf('missing-section')]).toMatch(/^\| `missing-section` \| error \| structure \| rst, markdown \| yes \| /)
    expect(rows[RULE_IDS.indexOf('title-underline')]).toMatch(/^\| `title-underline` \| error \| structure \| rst \| yes \| /)
    expect(rows[RULE_IDS.indexOf('toc')]).toMatch(/^\| `toc` \| error \| structure \| markdown \| no \| /)
  })

  test('the schema lists every rule id with the severity settings', () => {
    const block = schemaRulesBlock(RULES) as { properties: Record<string, { enum: string[] }> }
    expect(Object.keys(block.properties)).toEqual([...RULE_IDS])
    for (const p of Object.values(block.properties)) expect(p.enum).toEqual([...SEVERITY_SETTINGS])
  })

  test('a change in the registry shows: a new rule is a new row and a new schema property', () => {
    const extra: Rule = { ...RULES[0]!, id: 'made-up-rule', description: 'A | pipe\nand a newline.', docs: undefined, formats: ['rst'] }
    const table = readmeRuleTable([...RULES, extra])
    expect(table).toContain('| `made-up-rule` | error | structure | rst | no | A \\| pipe and a newline. |')
    expect(withReadmeTable(readFileSync(README, 'utf8'), [...RULES, extra])).not.toBe(readFileSync(README, 'utf8'))
    expect(JSON.parse(withSchemaRules(readFileSync(SCHEMA, 'utf8'), [...RULES, extra])).properties.rules.properties['made-up-rule']).toBeDefined()
    expect(() => withReadmeTable('no markers here', RULES)).toThrow(README_TABLE_START)
    expect(README_TABLE_END).toMatch(/^<!--.*-->$/)
  })

  test('every rule carries its metadata and help', () => {
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(10)
      expect(['line', 'structure']).toContain(r.kind)
      expect(r.formats.length).toBeGreaterThan(0)
      expect(r.help.name).toMatch(/^[A-Z][A-Za-z]+$/)
      expect(r.help.checks && r.help.fix && r.help.example).toBeTruthy()
    }
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length)
  })
})
