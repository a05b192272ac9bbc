/**
 * The SARIF of the 30 negatives passes Microsoft's SARIF multitool
 * (`validate`, which runs the SARIF rules and GitHub's GHxxxx rules, e.g.
 * GH2012 "rules need help"). Skips cleanly when the corpus is absent or the
 * multitool (dev dependency @microsoft/sarif-multitool) cannot run here.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkText } from '../../src/engine/check.js'
import { formatSarif } from '../../src/report/sarif.js'
import { RULES } from '../../src/rules/index.js'
import { templateFromText } from '../../src/templates/templates.js'
import { file, makeReport } from '../report/fixtures.js'
import { CORPUS, HAVE_CORPUS, novaOptionalSections } from './corpus.js'

function multitool(): string | undefined {
  try {
    const bin = createRequire(import.meta.url)(`@microsoft/sarif-multitool-${process.platform}`) as string
    const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 })
    return probe.status === 0 ? bin : undefined
  } catch {
    return undefined
  }
}

const BIN = HAVE_CORPUS ? multitool() : undefined
const run = BIN ? describe : describe.skip

run('SARIF of the negatives under @microsoft/sarif-multitool validate', () => {
  it('has no error or warning from the SARIF and GitHub rule kinds, and every rule has help', () => {
    const manifest = readFileSync(path.join(CORPUS, 'negatives/MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
    const files = manifest.map(line => {
      const [name, , , , source] = line.split('\t') as [string, string, string, string, string]
      const release = source.split('/')[1]!
      const tplPath = `specs/${release}-template.rst`
      const template = templateFromText(readFileSync(path.join(CORPUS, 'nova-specs', tplPath), 'utf8'), tplPath, false, 2)
      const res = checkText(readFileSync(path.join(CORPUS, 'negatives', name)), template, {
        file: `negatives/${name}`,
        ruleOptions: { 'line-length': { max: 79 } },
        rules: {},
        optionalSections: novaOptionalSections(release),
        sectionDepth: 2
      }, RULES)
      return file({ file: `negatives/${name}`, template: tplPath, findings: res.findings })
    })
    const sarif = formatSarif(makeReport(files), RULES)
    const rules = JSON.parse(sarif).runs[0].tool.driver.rules as { id: string; name?: string; help?: { text: string; markdown: string }; helpUri?: string }[]
    expect(rules.length).toBe(RULES.length + 1)
    for (const r of rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z]+$/)
      expect(r.help?.text).toMatch(/How to fix: .*\n\nExample:\n\n {4}/s)
      // The example in the markup the rule is for: Markdown-only rules show Markdown.
      expect(r.help?.markdown).toContain(['front-matter', 'toc'].includes(r.id) ? '```markdown\n' : '```rst\n')
      expect(r.helpUri).toMatch(/^https:\/\/github\.com\/.*#rules$/)
    }

    const dir = mkdtempSync(path.join(tmpdir(), 'stc-sarif-'))
    try {
      const input = path.join(dir, 'negatives.sarif')
      const output = path.join(dir, 'validation.sarif')
      writeFileSync(input, sarif)
      const res = spawnSync(BIN!, ['validate', input, '--output', output, '--rule-kind', 'Gh;Sarif', '--log', 'ForceOverwrite'], {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' }
      })
      expect(existsSync(output)).toBe(true)
      const log = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, ''))
      const problems = (log.runs ?? [])
        .flatMap((r: { results?: unknown[] }) => r.results ?? [])
        .filter((x: { level?: string }) => x.level === 'error' || x.level === 'warning' || x.level === undefined)
        .map((x: { ruleId: string; message: { text?: string; id?: string; arguments?: string[] } }) => `${x.ruleId} ${x.message.text ?? x.message.id} ${(x.message.arguments ?? []).join(' | ')}`)
      expect(problems).toEqual([])
      expect(res.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
