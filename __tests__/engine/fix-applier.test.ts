/**
 * One fix applier: `--fix` (fixText) writes exactly what applying the rules'
 * own reported fixes gives, one at a time, with a plain reference applier
 * written here; and the suggestions shown to users (annotation raw details,
 * workflow-command "Suggested fix", review suggestions) are those same fixes,
 * computed by the same code. On fixtures, and on the corpus negatives when
 * ../shared/corpus is there (skipped otherwise).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { applyFixes, fixText, fixWindow, suggestedFix } from '../../src/engine/fix.js'
import { checkText } from '../../src/engine/check.js'
import { templateFromText } from '../../src/templates/templates.js'
import { formatCommand } from '../../src/report/commands.js'
import { toAnnotations } from '../../src/github/check-run.js'
import { planReview } from '../../src/report/review.js'
import { summarize } from '../../src/engine/check.js'
import type { CheckOptions, Fix, TemplateRules } from '../../src/engine/types.js'
import { RULES } from '../../src/rules/index.js'
import { GOOD_SPEC, smallTemplate, variant } from '../helpers.js'
import { CORPUS, novaOptionalSections } from '../corpus/corpus.js'

const opts = (o: Partial<CheckOptions> = {}): CheckOptions => ({ file: 'specs/x.rst', rules: {}, optionalSections: [], sectionDepth: 2, ...o })

/**
 * The reference: a single line edit as Fix documents it, on lines split with
 * their endings. Replaced lines take the file's first line ending, the last
 * one the ending of the last line it replaces (or all `newline`); at the end
 * of a text ending with a newline, an insertion goes before the final empty
 * line without a trailing blank line; after a last line without a newline,
 * that line gets one and the block does not.
 */
function applyOne(text: string, fix: Fix): string {
  const parts = text.split(/(\r\n|\r|\n)/)
  const lines = parts.filter((_, i) => i % 2 === 0)
  const ends = [...parts.filter((_, i) => i % 2 === 1), '']
  const nl = ends.find(e => e !== '') ?? '\n'
  const add = fix.text.replace(/\n$/, '').split('\n')
  const n = lines.length
  if (fix.endLine > fix.startLine) {
    const from = fix.startLine - 1
    const to = Math.min(fix.endLine - 1, n)
    const last = fix.newline ?? ends[to - 1]!
    lines.splice(from, to - from, ...add)
    ends.splice(from, to - from, ...add.map((_, k) => (k === add.length - 1 ? last : (fix.newline ?? nl))))
  } else {
    let at = Math.min(Math.max(fix.startLine - 1, 0), n)
    if (lines[n - 1] === '' && at >= n - 1) {
      at = n - 1
      if (add.length > 1 && add[add.length - 1] === '') add.pop()
      lines.splice(at, 0, ...add)
      ends.splice(at, 0, ...add.map(() => nl))
    } else if (at === n) {
      ends[n - 1] = nl
      lines.push(...add)
      ends.splice(n, 1, ...add.map((_, k) => (k === add.length - 1 ? '' : nl)))
    } else {
      lines.splice(at, 0, ...add)
      ends.splice(at, 0, ...add.map(() => nl))
    }
  }
  return lines.map((l, i) => l + ends[i]).join('')
}

/** --fix by hand: check, apply the first reported fix (replacements before insertions), until none is left. */
function fixOneByOne(text: string, t: TemplateRules, o: CheckOptions): string {
  const fixable = new Set(RULES.filter(r => r.fixable && o.rules[r.id] !== 'off').map(r => r.id))
  for (let step = 0; step < 200; step++) {
    const fixes = checkText(text, t, o, RULES).findings.filter(f => f.fix && fixable.has(f.rule))
    const next = fixes.find(f => f.fix!.endLine > f.fix!.startLine) ?? fixes[0]
    if (!next) return text
    text = applyOne(text, next.fix!)
  }
  throw new Error('did not settle in 200 fixes')
}

const FIXTURES: Record<string, string> = {
  'missing sections': GOOD_SPEC.slice(0, GOOD_SPEC.indexOf('Implementation\n')),
  'a missing subsection and a missing last section': variant('Alternatives\n------------\n\nNone\n\n', '').replace('History\n=======\n\nNone\n', ''),
  'renamed headings': variant('Proposed change\n===============', 'Proposed Changes\n================').replace('Use Cases\n---------', 'Use cases\n---------'),
  'short adornments, one under 4 characters': variant('Testing\n=======', 'Testing\n===').replace('History\n=======', 'History\n====='),
  'trailing whitespace on a title with a short underline': variant('Testing\n=======', 'Testing  \n=====').replace('Unit tests.', 'Unit tests.\t '),
  'CRLF, no final newline, a missing section': variant('Testing\n=======\n\nUnit tests.\n\n', '').replace(/\n/g, '\r\n').replace(/\r\n$/, ''),
  'some lines CR': GOOD_SPEC.replace('Unit tests.\n', 'Unit tests.\r').replace('None\n', 'None  \r'),
  // Found by fuzzing: the final newline takes the first line ending (CR here), which the
  // carriage-return fix then converts; that CR finding is new, not one that came back.
  'first line CR, other CR lines, no final newline': GOOD_SPEC.replace('\n', '\r').replace('Unit tests.\n', 'Unit tests.\r').replace(/\n$/, '')
}

describe('--fix equals applying the rules\' own fixes', () => {
  test.each(Object.entries(FIXTURES))('%s', (_name, spec) => {
    const o = opts()
    const out = fixText(spec, smallTemplate(), o, RULES).text
    expect(out).not.toBe(spec)
    expect(out).toBe(fixOneByOne(spec, smallTemplate(), o))
    expect(fixText(out, smallTemplate(), o, RULES).changed).toBe(false)
  })

  test('with carriage-return off, the line endings stay', () => {
    const spec = variant('Testing\n=======', 'Testing\n=====').replace(/\n/g, '\r\n')
    const o = opts({ rules: { 'carriage-return': 'off' } })
    expect(fixText(spec, smallTemplate(), o, RULES).text).toBe(fixOneByOne(spec, smallTemplate(), o))
    expect(fixText(spec, smallTemplate(), o, RULES).text).toBe(GOOD_SPEC.replace(/\n/g, '\r\n'))
  })

  const negatives = path.join(CORPUS, 'negatives')
  const files = existsSync(negatives)
    ? readdirSync(negatives, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.rst')).sort()
    : []
  const templates = new Map<string, TemplateRules>()
  let changed = 0
  ;(files.length ? test.each(files) : test.skip.each(['(no ../shared/corpus/negatives)']))('negative %s', file => {
    const release = path.basename(file).split('__')[0]!
    const tplPath = `specs/${release}-template.rst`
    let t = templates.get(tplPath)
    if (!t) templates.set(tplPath, (t = templateFromText(readFileSync(path.join(CORPUS, 'nova-specs', tplPath), 'utf8'), tplPath, false, 2)))
    const o = opts({ file, optionalSections: novaOptionalSections(release) })
    const text = readFileSync(path.join(negatives, file), 'utf8')
    const out = fixText(text, t, o, RULES)
    if (out.changed) changed++
    expect(out.text).toBe(fixOneByOne(text, t, o))
  })

  ;(files.length ? test : test.skip)('the negatives gave fixes to compare', () => {
    expect(changed).toBeGreaterThanOrEqual(10)
  })
})

describe('the suggestions users see are the rules\' fixes, shown by the applier', () => {
  const spec = variant('Testing\n=======\n\nUnit tests.\n\n', '').replace('Add a frobnicator.', 'Add a frobnicator.  ').replace('History\n=======', 'History\n=====')
  const findings = checkText(spec, smallTemplate(), opts(), RULES).findings
  const fixed = findings.filter(f => f.fix)
  const report = summarize([{ file: 'specs/x.rst', template: 't', embeddedTemplate: false, findings, sections: [] }], '0')

  test('the fixture has a fix of every kind (insertion, replacement, line endings)', () => {
    expect(new Set(fixed.map(f => f.rule))).toEqual(new Set(['missing-section', 'trailing-whitespace', 'title-underline']))
    const le = checkText(spec.replace(/\n/g, '\r\n').replace(/\r\n$/, ''), smallTemplate(), opts(), RULES).findings.filter(f => f.fix?.newline)
    expect(le.map(f => f.rule).sort()).toEqual(['carriage-return', 'final-newline'])
    // Line-ending fixes are applied by --fix but offered nowhere as a suggestion (nothing to show).
    for (const f of le) expect(suggestedFix(f)).toBeUndefined()
  })

  test('annotations: raw details and "Suggested fix" are the fix text the applier writes', () => {
    const annotations = toAnnotations(report)
    for (const f of fixed) {
      const a = annotations.find(x => x.start_line === f.line && x.title.endsWith(f.rule))!
      expect(a.raw_details).toBe(f.fix!.text)
      expect(formatCommand(f)).toContain(`Suggested fix (${f.fix!.description}):`)
      // What the applier writes for this fix alone contains its text, where the fix says.
      const one = applyFixes(spec, [f]).text.split('\n')
      const lines = f.fix!.text.replace(/\n$/, '').split('\n').filter(l => l !== '')
      for (const l of lines) expect(one).toContain(l)
    }
  })

  test.each([
    ['in the middle', spec],
    ['at the end of the file (no blank line left after the last section)', GOOD_SPEC.replace('\nHistory\n=======\n\nNone\n', '')]
  ])('review suggestions %s: applying one gives what the applier writes for that fix', (_name, spec) => {
    const findings = checkText(spec, smallTemplate(), opts(), RULES).findings
    const fixed = findings.filter(f => f.fix)
    expect(fixed.length).toBeGreaterThan(0)
    const report = summarize([{ file: 'specs/x.rst', template: 't', embeddedTemplate: false, findings, sections: [] }], '0')
    const lines = spec.split('\n')
    const plan = planReview(report, new Map([['specs/x.rst', { lines, diff: new Set(lines.map((_, i) => i + 1)) }]]), 'a'.repeat(40))!
    expect(plan.comments).toHaveLength(fixed.length)
    for (const f of fixed) {
      const w = fixWindow(lines, f.fix!)!
      const c = plan.comments.find(x => x.line === w.end && (x.start_line ?? x.line) === w.start)!
      const body = /\n(`{3,})suggestion\n([\s\S]*)\n\1$/.exec(c.body)![2]!
      expect(body).toBe(w.lines.join('\n'))
      const suggested = [...lines.slice(0, w.start - 1), ...body.split('\n'), ...lines.slice(w.end)].join('\n')
      expect(suggested).toBe(applyFixes(spec, [f]).text)
    }
  })
})
