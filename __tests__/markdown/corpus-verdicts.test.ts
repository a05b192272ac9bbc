/**
 * The OpenShift enhancements corpus checked against its template with
 * nothing configured: per file, the required headings our missing-section
 * reports equal what upstream's hack/template-lint.sh reports
 * (reference-verdicts.tsv), except where the grep is wrong, each difference
 * classified by looking at the spec's lines:
 *   prefix        grep's `^## Title` matched a longer heading ("## Summary and Motivation")
 *   code/comment  grep matched a line inside a code block or an HTML comment, which GitHub renders as no heading
 * Nothing the grep finds missing may be found present by us.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CORPUS } from '../corpus/corpus.js'
import { checkText } from '../../src/engine/check.js'
import { RULES } from '../../src/rules/index.js'
import { loadReader, readDocument } from '../../src/engine/read.js'
import { templateFromText } from '../../src/templates/templates.js'
import type { TemplateRules } from '../../src/engine/types.js'

const DIR = path.join(CORPUS, 'openshift-enhancements')
const REF = path.join(DIR, 'reference-verdicts.tsv')
const TEMPLATE = 'guidelines/enhancement_template.md'
const present = existsSync(REF)

interface Row { file: string; result: string; missing: string[] }

function grepDefect(file: string, heading: string, text: string): 'prefix' | 'code/comment' | undefined {
  const doc = readDocument(text, 'markdown')
  const hits = doc.lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith(heading))
  if (hits.length === 0) return undefined
  const title = heading.replace(/^#+ /, '')
  const headingLines = new Map(doc.sections.map(s => [s.line, s]))
  if (hits.every(({ i }) => doc.verbatim[i])) return 'code/comment'
  const real = hits.filter(({ i }) => !doc.verbatim[i])
  if (real.every(({ i }) => headingLines.has(i + 1) && headingLines.get(i + 1)!.title !== title)) return 'prefix'
  void file
  return undefined
}

;(present ? describe : describe.skip)(`missing-section on openshift-enhancements agrees with template-lint.sh${present ? '' : ` (skipped: ${REF} not present)`}`, () => {
  let template: TemplateRules
  let rows: Row[] = []
  beforeAll(async () => {
    await loadReader('markdown')
    template = templateFromText(readFileSync(path.join(DIR, TEMPLATE), 'utf8'), TEMPLATE, false, 2)
    rows = readFileSync(REF, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map(l => l.split('\t'))
      .filter(c => c[1] === 'headings')
      .map(c => ({ file: c[0]!, result: c[2]!, missing: (c[3] ?? '').split(';').map(s => s.trim()).filter(Boolean) }))
  })

  it('reads the template: 28 headings, 2 marked [optional], the front matter keys', () => {
    expect(template.format).toBe('markdown')
    expect(template.all).toHaveLength(28)
    expect(template.all.filter(t => !t.required).map(t => t.title)).toEqual(['Open Questions', 'Infrastructure Needed'])
    expect(template.frontMatterKeys!.map(k => k.key)).toContain('creation-date')
  })

  it('reports per file the missing required headings the grep reports, except grep defects (17 prefix, 12 code/comment)', () => {
    const byHeading = new Map(template.all.map(t => [t.title, `${'#'.repeat(t.level!)} ${t.rawTitle}`]))
    const differences: string[] = []
    const defects = { prefix: 0, 'code/comment': 0 }
    const defectFiles = new Set<string>()
    let agree = 0
    let passing = 0
    const passingWithDefects: string[] = []
    expect(rows.length).toBe(606)
    for (const row of rows) {
      const text = readFileSync(path.join(DIR, row.file), 'utf8')
      const r = checkText(text, template, { file: row.file, rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
      const required = new Set(template.all.filter(t => t.required).map(t => t.title))
      const ours = new Set(r.findings.filter(f => f.rule === 'missing-section' && required.has(f.section!)).map(f => byHeading.get(f.section!)!))
      const theirs = new Set(row.missing)
      let same = true
      for (const h of theirs) {
        if (!ours.has(h)) {
          differences.push(`${row.file}: grep says "${h}" is missing, we do not`)
          same = false
        }
      }
      for (const h of ours) {
        if (theirs.has(h)) continue
        same = false
        const defect = grepDefect(row.file, h, text)
        if (defect) {
          defects[defect]++
          defectFiles.add(row.file)
        } else differences.push(`${row.file}: we say "${h}" is missing, grep does not (no grep defect found)`)
      }
      if (same) agree++
      if (row.result === 'PASS') {
        passing++
        // A file the grep passes gets no missing-section, unless the grep was wrong about it.
        if (defectFiles.has(row.file)) passingWithDefects.push(row.file)
        else expect([row.file, [...ours]]).toEqual([row.file, []])
      }
    }
    if (process.env.CORPUS_REPORT) console.log({ files: rows.length, agree, defectFiles: defectFiles.size, defects, passing, passingWithDefects })
    expect(passing).toBe(59)
    // The one file the grep passes that we do not: "### Tech Preview -> GA (target: OpenShift 5.0)" is not the template's heading.
    expect(passingWithDefects).toEqual(['enhancements/network/ovn-kubernetes-ocp-mcp-server-integration.md'])
    expect(differences).toEqual([])
    expect(defects).toEqual({ prefix: 17, 'code/comment': 12 })
    expect(agree + defectFiles.size).toBe(rows.length)
  })
})
