import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { checkText } from '../src/engine/check.js'
import { templateFromText } from '../src/templates/templates.js'
import type { CheckOptions, Finding, TemplateRules } from '../src/engine/types.js'
import { RULES } from '../src/rules/index.js'

/** Writes these files (paths relative to root, folders made as needed). */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
}

export const SMALL_TEMPLATE = readFileSync(path.join(process.cwd(), '__tests__/fixtures/small-template.rst'), 'utf8')

export function smallTemplate(depth = 2): TemplateRules {
  return templateFromText(SMALL_TEMPLATE, 'specs/template.rst', false, depth)
}

/** A spec that passes every rule against the small template. */
export const GOOD_SPEC = `==================
Frobnicate widgets
==================

We want to frobnicate widgets.

Problem description
===================

Widgets are not frobnicated.

Use Cases
---------

Operators frobnicate widgets daily.

Proposed change
===============

Add a frobnicator.

Alternatives
------------

None

Data model impact
-----------------

None

Implementation
==============

Assignee(s)
-----------

Primary assignee:
  jdoe

Testing
=======

Unit tests.

History
=======

None
`

export function check(spec: string, opts: Partial<CheckOptions> & { depth?: number } = {}): Finding[] {
  const { depth, ...rest } = opts
  const options: CheckOptions = {
    file: 'specs/x.rst',
    ruleOptions: { 'line-length': { max: 79 } },
    rules: {},
    optionalSections: [],
    sectionDepth: depth ?? 2,
    ...rest
  }
  const r = checkText(spec, smallTemplate(options.sectionDepth), options, RULES)
  return r.findings
}

/** Findings of one rule as "line:message" strings, for compact assertions. */
export function only(findings: Finding[], rule: string): Finding[] {
  return findings.filter(f => f.rule === rule)
}

/** Replace the first occurrence of `from` in the good spec. */
export function variant(from: string, to: string): string {
  if (!GOOD_SPEC.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`)
  return GOOD_SPEC.replace(from, to)
}

/** 1-based line of the first line equal to `text` in `doc`. */
export function lineOf(doc: string, text: string): number {
  const i = doc.split('\n').indexOf(text)
  if (i === -1) throw new Error(`no line ${JSON.stringify(text)}`)
  return i + 1
}
