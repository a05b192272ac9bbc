import type { FileResult, Finding, Report } from '../../src/engine/types.js'
import { FINGERPRINT_KEY, MAX_SARIF_RESULTS, formatSarif, toUri, type RuleInfo } from '../../src/report/sarif.js'
import { finding, file } from './fixtures.js'
import { missingSection } from '../../src/rules/missing-section.js'

const report = (files: FileResult[]): Report => ({
  tool: { name: 'spec-template-check', version: '1.2.3' },
  files,
  totals: { files: files.length, errors: 0, warnings: 0, notices: 0, filesWithErrors: 0 }
})
const RULES: RuleInfo[] = [
  // Help comes with the rule (its module's metadata), not from a table keyed by id.
  { id: 'missing-section', description: 'A section of the template is absent.', defaultSeverity: 'error', help: missingSection.help },
  { id: 'line-length', description: 'Lines longer than the limit.', defaultSeverity: 'warning' },
  { id: 'title-case', description: 'Title case [sic].', defaultSeverity: 'notice' }
]

/* eslint-disable @typescript-eslint/no-explicit-any */
const isPos = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1

/** Structural checks of what SARIF 2.1.0 and GitHub code scanning require; returns the problems found. */
function problems(log: any): string[] {
  const out: string[] = []
  const check = (ok: boolean, what: string): void => {
    if (!ok) out.push(what)
  }
  check(log.$schema === 'https://json.schemastore.org/sarif-2.1.0.json', '$schema')
  check(log.version === '2.1.0', 'version')
  check(Array.isArray(log.runs) && log.runs.length === 1, 'one run')
  const run = log.runs[0]
  const driver = run.tool.driver
  check(driver.name === 'spec-template-check', 'driver.name')
  check(typeof driver.version === 'string', 'driver.version')
  check(driver.informationUri === 'https://github.com/spec-template-check/spec-template-check', 'informationUri')
  const ids = driver.rules.map((r: any) => r.id)
  check(new Set(ids).size === ids.length, 'unique rule ids')
  for (const r of driver.rules) {
    check(typeof r.id === 'string' && r.id.length > 0, 'rule.id')
    check(typeof r.shortDescription?.text === 'string' && r.shortDescription.text.length > 0, `shortDescription of ${r.id}`)
    check(['error', 'warning', 'note'].includes(r.defaultConfiguration?.level), `defaultConfiguration.level of ${r.id}`)
  }
  check(Array.isArray(run.results) && run.results.length <= 25_000, 'at most 25,000 results')
  run.results.forEach((res: any, i: number) => {
    const at = `result ${i}`
    check(driver.rules[res.ruleIndex]?.id === res.ruleId, `${at}: ruleIndex`)
    check(['error', 'warning', 'note'].includes(res.level), `${at}: level`)
    check(typeof res.message?.text === 'string' && res.message.text.length > 0, `${at}: message.text`)
    check(Array.isArray(res.locations) && res.locations.length === 1, `${at}: one location`)
    const pl = res.locations[0].physicalLocation
    check(pl.artifactLocation.uriBaseId === '%SRCROOT%', `${at}: uriBaseId`)
    check(!/^[a-z][a-z0-9+.-]*:|^\/|[\s#?]|%(?![0-9A-F]{2})/i.test(pl.artifactLocation.uri), `${at}: relative URI reference`)
    const region = pl.region
    check(isPos(region.startLine), `${at}: startLine`)
    if ('endLine' in region) check(isPos(region.endLine) && region.endLine >= region.startLine, `${at}: endLine`)
    if ('startColumn' in region) check(isPos(region.startColumn), `${at}: startColumn`)
    check(Object.keys(region).every(k => ['startLine', 'endLine', 'startColumn'].includes(k)), `${at}: region keys`)
    check(typeof res.partialFingerprints?.[FINGERPRINT_KEY] === 'string', `${at}: fingerprint`)
    check(res.partialFingerprints?.primaryLocationLineHash === undefined, `${at}: primaryLocationLineHash is GitHub's`)
  })
  return out
}
const validate = (log: any): void => expect(problems(log)).toEqual([])

describe('formatSarif', () => {
  const r = report([
    file({
      findings: [
        finding({ line: 12, endLine: 14, column: 3, rule: 'missing-section', severity: 'error', message: 'Missing "X"', section: 'X' }),
        finding({ line: 20, severity: 'notice', rule: 'title-case', message: 'Use [sentence] case' }),
        finding({ line: 0, column: 0, endLine: -1, rule: 'custom-rule', message: 'bad position' })
      ]
    }),
    file({ file: 'specs/sub dir/b#1.rst', error: 'cannot decode' })
  ])
  const text = formatSarif(r, RULES)
  const log = JSON.parse(text)

  test('valid structure', () => {
    expect(text.endsWith('\n')).toBe(true)
    validate(log)
  })

  test('the validator itself catches broken logs', () => {
    const broken = JSON.parse(text)
    broken.runs[0].results[1].ruleIndex = 1
    broken.runs[0].results[2].locations[0].physicalLocation.region.startLine = 0
    broken.runs[0].results[3].locations[0].physicalLocation.artifactLocation.uri = 'specs/a b.rst'
    expect(problems(broken)).toEqual(['result 1: ruleIndex', 'result 2: startLine', 'result 3: relative URI reference'])
  })

  test('rules: given ones in order, unknown rules added, file-error last', () => {
    const rules = log.runs[0].tool.driver.rules
    expect(rules.map((x: any) => x.id)).toEqual(['missing-section', 'line-length', 'title-case', 'custom-rule', 'file-error'])
    expect(rules[0]).toMatchObject({
      id: 'missing-section',
      name: 'MissingSection',
      shortDescription: { text: 'A section of the template is absent.' },
      fullDescription: { text: 'A section of the template is absent.' },
      defaultConfiguration: { level: 'error' },
      helpUri: 'https://github.com/spec-template-check/spec-template-check#rules'
    })
    // Known rules (file-error too) carry help: what, how to fix, an example; unknown ones do not invent any.
    expect(rules[0].help.text).toMatch(/^Every section .*\n\nHow to fix: .*\n\nExample:\n\n {4}Alternatives\n {4}-{12}\n\n {4}None$/s)
    expect(rules[0].help.markdown).toContain('**How to fix:**')
    expect(rules[0].help.markdown).toContain('```rst\nAlternatives\n------------\n\nNone\n```')
    expect(rules[4].help.text).toContain('How to fix:')
    expect(rules[3].help).toBeUndefined()
    expect(rules[1].help).toBeUndefined() // given without help: none is looked up by id
    expect(rules[3].name).toBeUndefined()
    expect(rules[2].defaultConfiguration.level).toBe('note')
    expect(rules[2].shortDescription.text).toBe('Title case \\[sic\\].')
    expect(log.runs[0].tool.driver.version).toBe('1.2.3')
  })

  test('results: levels, regions, uris, file errors', () => {
    const results = log.runs[0].results
    expect(results.map((x: any) => [x.ruleId, x.level])).toEqual([
      ['custom-rule', 'warning'],
      ['missing-section', 'error'],
      ['title-case', 'note'],
      ['file-error', 'error']
    ])
    expect(results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1 })
    expect(results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'specs/a.rst', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, endLine: 14, startColumn: 3 }
    })
    expect(results[2].message.text).toBe('Use \\[sentence\\] case')
    expect(results[3].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'specs/sub%20dir/b%231.rst', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 }
    })
    expect(results[3].message.text).toBe('cannot decode')
    expect(log.runs[0].invocations).toBeUndefined()
  })

  test('fingerprints: stable across line moves, distinct for repeats', () => {
    const base = [finding({ line: 5, message: 'same', section: 'S' }), finding({ line: 9, message: 'same', section: 'S' }), finding({ line: 10, message: 'other', section: 'S' })]
    const fp = (fs: Finding[]): string[] =>
      JSON.parse(formatSarif(report([file({ findings: fs })]), RULES)).runs[0].results.map((x: any) => x.partialFingerprints[FINGERPRINT_KEY])
    const a = fp(base)
    expect(new Set(a).size).toBe(3)
    expect(a[0]).toMatch(/^[0-9a-f]{16}:1$/)
    expect(a[1]).toBe(a[0]!.replace(/:1$/, ':2'))
    // Lines move (an edit above): same fingerprints.
    expect(fp(base.map(f => ({ ...f, line: f.line + 7 })))).toEqual(a)
    // Another file: different.
    expect(fp(base.map(f => ({ ...f, file: 'specs/z.rst' })))[0]).not.toBe(a[0])
  })

  test('hostile text stays data', () => {
    const evil = report([file({ file: 'specs/::error::x.rst', findings: [finding({ file: 'specs/::error::x.rst', message: '[click](https://evil) ##[error]x\n::add-mask::y \u001b[2J' })] })])
    const t = formatSarif(evil, RULES)
    expect(t).not.toContain('##[')
    const res = JSON.parse(t).runs[0].results[0]
    validate(JSON.parse(t))
    expect(res.message.text).toBe('\\[click\\](https://evil) ##\\[error\\]x\\n::add-mask::y \\x1b\\[2J')
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('specs/%3A%3Aerror%3A%3Ax.rst')
  })

  test('empty report is still a valid log', () => {
    const l = JSON.parse(formatSarif(report([]), []))
    validate(l)
    expect(l.runs[0].results).toEqual([])
    expect(l.runs[0].tool.driver.rules.map((x: any) => x.id)).toEqual(['file-error'])
  })

  test(`at most ${MAX_SARIF_RESULTS} results, errors kept first, with a notification`, () => {
    const findings: Finding[] = []
    for (let i = 1; i <= 25_010; i++) findings.push(finding({ line: i, message: `w${i}` }))
    findings.push(finding({ line: 30_000, severity: 'error', rule: 'missing-section', message: 'the error' }))
    const l = JSON.parse(formatSarif(report([file({ findings })]), RULES))
    const run = l.runs[0]
    expect(run.results).toHaveLength(25_000)
    expect(run.results.some((x: any) => x.message.text === 'the error')).toBe(true)
    expect(run.invocations[0].executionSuccessful).toBe(true)
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^11 of 25011 results were left out/)
    validate(l)
  })

  test('toUri', () => {
    expect(toUri('./specs/a.rst')).toBe('specs/a.rst')
    expect(toUri('specs\\win.rst')).toBe('specs/win.rst')
    expect(toUri('specs/ünï 100%.rst')).toBe('specs/%C3%BCn%C3%AF%20100%25.rst')
  })
})
