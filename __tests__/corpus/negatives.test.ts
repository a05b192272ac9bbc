import { readFileSync } from 'node:fs'
import path from 'node:path'
import { checkText } from '../../src/engine/check.js'
import { templateFromText } from '../../src/templates/templates.js'
import { CORPUS, HAVE_CORPUS, describeCorpus, novaOptionalSections } from './corpus.js'
import { RULES } from '../../src/rules/index.js'

const RULE_FOR: Record<string, string[]> = {
  delete_required_section: ['missing-section'],
  delete_subsection: ['missing-section'],
  rename_section_title: ['extra-section', 'missing-section'],
  swap_section_order: ['section-order'],
  long_line_100: ['line-length'],
  trailing_whitespace: ['trailing-whitespace'],
  tab_character: ['tab'],
  template_placeholder: ['placeholder'],
  empty_section: ['empty-section'],
  short_title_underline: ['title-underline'],
  crlf_line_endings: ['carriage-return']
}
/** Long lines that upstream exempts by design: must not be reported. */
const EXEMPT = new Set(['in_literal_block', 'contains_url'])

interface Row { file: string; defect: string; line: number; variant: string; source: string }

const rows: Row[] = HAVE_CORPUS
  ? readFileSync(path.join(CORPUS, 'negatives/MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map(l => {
      const [file, defect, line, variant, source] = l.split('\t')
      return { file: file!, defect: defect!, line: Number(line), variant: variant!, source: source! }
    })
  : []

describeCorpus('negatives: every injected defect at its line', () => {
  test('the manifest lists 30 defects', () => {
    expect(rows).toHaveLength(30)
  })

  test.each(rows.map(r => [`${r.defect} ${r.variant} ${r.file}`, r] as const))('%s', (_name, r) => {
    const release = r.source.split('/')[1]!
    const tplPath = `specs/${release}-template.rst`
    const template = templateFromText(readFileSync(path.join(CORPUS, 'nova-specs', tplPath), 'utf8'), tplPath, false, 2)
    const bytes = readFileSync(path.join(CORPUS, 'negatives', r.file))
    const result = checkText(bytes, template, {
      file: r.file,
      ruleOptions: { 'line-length': { max: 79 } },
      rules: {},
      optionalSections: novaOptionalSections(release),
      sectionDepth: 2
    }, RULES)
    expect(result.error).toBeUndefined()
    const rules = RULE_FOR[r.defect]!
    if (r.defect === 'long_line_100' && EXEMPT.has(r.variant)) {
      expect(result.findings.filter(f => rules.includes(f.rule))).toEqual([])
    } else {
      const hits = result.findings.filter(f => rules.includes(f.rule) && f.line === r.line)
      expect(hits.length).toBeGreaterThan(0)
    }
  })
})
