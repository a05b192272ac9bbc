/**
 * --fix never makes a file worse: on every spec of the nova, heat and neutron
 * corpora and on every negative, the findings after --fix are no more than
 * before, and a second --fix changes nothing. Skipped without ../shared/corpus.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fixText } from '../../src/engine/fix.js'
import { checkText } from '../../src/engine/check.js'
import { decode } from '../../src/engine/decode.js'
import { templateFromText } from '../../src/templates/templates.js'
import { DEFAULT_TEMPLATE_TEXT } from '../../src/engine/default-template.generated.js'
import type { CheckOptions, TemplateRules } from '../../src/engine/types.js'
import { CORPUS, describeCorpus, novaOptionalSections } from '../corpus/corpus.js'
import { RULES } from '../../src/rules/index.js'

const NEUTRON_ALLOWED = ['Implementation', 'Testing', 'Dependencies', 'Documentation Impact']

interface Case {
  file: string
  template: string
  options: Partial<CheckOptions>
}

function rstFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.rst'))
    .map(f => f.split(path.sep).join('/'))
    .sort()
}

const isTemplate = (f: string): boolean => /(^|\/)(template\.rst|[^/]*[-_]template\.rst)$/.test(f)

/** Every checked file with the template its upstream test uses (given explicitly, per release). */
function cases(): Case[] {
  const out: Case[] = []
  for (const f of rstFiles(path.join(CORPUS, 'nova-specs/specs'))) {
    if (isTemplate(f) || !f.includes('/')) continue
    const release = f.split('/')[0]!
    const template = `nova-specs/specs/${release}-template.rst`
    if (!existsSync(path.join(CORPUS, template))) continue
    out.push({ file: `nova-specs/specs/${f}`, template, options: { optionalSections: novaOptionalSections(release) } })
  }
  for (const f of rstFiles(path.join(CORPUS, 'heat-specs/specs'))) {
    if (isTemplate(f) || !f.includes('/') || f.startsWith('templates/')) continue
    const template = `heat-specs/specs/templates/${f.split('/')[0]}-template.rst`
    if (!existsSync(path.join(CORPUS, template))) continue
    out.push({ file: `heat-specs/specs/${f}`, template, options: {} })
    // What heat got before discovery knew its layout: the embedded default template.
    out.push({ file: `heat-specs/specs/${f}`, template: EMBEDDED, options: {} })
  }
  for (const f of rstFiles(path.join(CORPUS, 'neutron-specs/specs'))) {
    if (isTemplate(f) || !f.includes('/') || /(^|\/)(index|README)\.rst$/.test(f)) continue
    out.push({ file: `neutron-specs/specs/${f}`, template: 'neutron-specs/specs/template.rst', options: { allowedSections: NEUTRON_ALLOWED } })
  }
  for (const f of rstFiles(path.join(CORPUS, 'negatives'))) {
    const release = path.basename(f).split('__')[0]!
    out.push({ file: `negatives/${f}`, template: `nova-specs/specs/${release}-template.rst`, options: { optionalSections: novaOptionalSections(release) } })
  }
  return out
}

const EMBEDDED = '(embedded default)'
const templates = new Map<string, TemplateRules>()
function templateOf(p: string): TemplateRules {
  let t = templates.get(p)
  if (!t && p === EMBEDDED) templates.set(p, (t = templateFromText(DEFAULT_TEMPLATE_TEXT, p, true, 2)))
  if (!t) {
    let text = readFileSync(path.join(CORPUS, p), 'utf8')
    // A git symlink stored as a file holds the name of its target.
    if (/^[\w.-]+-template\.rst\s*$/.test(text)) text = readFileSync(path.join(CORPUS, path.dirname(p), text.trim()), 'utf8')
    templates.set(p, (t = templateFromText(text, p, false, 2)))
  }
  return t
}

describeCorpus('--fix never makes a corpus file worse', () => {
  const all = cases()

  test('the corpora are all there', () => {
    expect(all.filter(c => c.file.startsWith('nova-specs/')).length).toBeGreaterThan(700)
    expect(all.filter(c => c.file.startsWith('heat-specs/')).length).toBeGreaterThan(200)
    expect(all.filter(c => c.file.startsWith('neutron-specs/')).length).toBeGreaterThan(200)
    expect(all.filter(c => c.file.startsWith('negatives/'))).toHaveLength(30)
  })

  test('findings after --fix <= before, and a second --fix changes nothing', () => {
    const worse: string[] = []
    const unstable: string[] = []
    let before = 0
    let after = 0
    for (const c of all) {
      const d = decode(readFileSync(path.join(CORPUS, c.file)))
      if (!d.ok) continue
      const t = templateOf(c.template)
      const o: CheckOptions = { file: c.file, rules: {}, optionalSections: [], sectionDepth: 2, ...c.options }
      const n0 = checkText(d.text, t, o, RULES).findings.length
      const once = fixText(d.text, t, o, RULES)
      const n1 = checkText(once.text, t, o, RULES).findings.length
      before += n0
      after += n1
      if (n1 > n0) worse.push(`${c.file}: ${n0} -> ${n1}`)
      if (fixText(once.text, t, o, RULES).changed) unstable.push(c.file)
    }
    expect(worse).toEqual([])
    expect(unstable).toEqual([])
    expect(after).toBeLessThan(before)
  })
})
