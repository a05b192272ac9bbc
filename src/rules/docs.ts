/**
 * The documentation generated from the registry: the README's rule table and
 * the JSON Schema's `rules` block. __tests__/rules/registry-docs.test.ts
 * fails when the checked-in files differ; `npm run docs` rewrites them.
 */
import { SEVERITY_SETTINGS } from '../engine/severity.js'
import type { Rule } from '../engine/types.js'

/** Markers around the generated table in README.md. */
export const README_TABLE_START = '<!-- rules table: generated from src/rules by `npm run docs` -->'
export const README_TABLE_END = '<!-- end of rules table -->'

/** A Markdown table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')
}

function optionsText(rule: Rule): string {
  return (rule.options ?? [])
    .map(o => ` Option \`${o.name}\` (${o.type}${o.setBy ? `, set by \`${o.setBy}\`` : ''}): ${o.description}`)
    .join('')
}

/** The README's rule table: id, default severity, kind, formats, fixable, description (its docs when it has them, and its options). */
export function readmeRuleTable(rules: readonly Rule[]): string {
  const rows = rules.map(
    r =>
      `| \`${r.id}\` | ${r.defaultSeverity} | ${r.kind} | ${r.formats.join(', ')} | ${r.fixable ? 'yes' : 'no'} | ${cell((r.docs ?? r.description) + optionsText(r))} |`
  )
  return ['| id | default | kind | formats | fixable | description |', '|---|---|---|---|---|---|', ...rows].join('\n')
}

/** The JSON Schema's `rules` property: one severity setting per rule id. */
export function schemaRulesBlock(rules: readonly Rule[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const r of rules) {
    properties[r.id] = { description: `${r.description} (default: ${r.defaultSeverity})`, enum: [...SEVERITY_SETTINGS] }
  }
  return {
    type: 'object',
    description: 'Severity per rule id.',
    additionalProperties: false,
    properties
  }
}

/** README.md with the part between the markers replaced by the table (throws when the markers are missing). */
export function withReadmeTable(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(README_TABLE_START)
  const end = readme.indexOf(README_TABLE_END)
  if (start < 0 || end < start) throw new Error(`README.md has no "${README_TABLE_START}" ... "${README_TABLE_END}" markers`)
  return readme.slice(0, start + README_TABLE_START.length) + '\n' + readmeRuleTable(rules) + '\n' + readme.slice(end)
}

/** The schema text with its `rules` property generated (other properties and their order kept). */
export function withSchemaRules(schemaText: string, rules: readonly Rule[]): string {
  const schema = JSON.parse(schemaText) as { properties: Record<string, unknown> }
  schema.properties.rules = schemaRulesBlock(rules)
  return JSON.stringify(schema, null, 2) + '\n'
}
