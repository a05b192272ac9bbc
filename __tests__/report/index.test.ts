import type { Report } from '../../src/engine/types.js'
import {
  REPORT_FORMATS,
  formatCommands,
  formatJson,
  formatReport,
  formatSarif,
  formatText,
  type RuleInfo
} from '../../src/report/index.js'
import { fnv1a64, utf8Length } from '../../src/report/util.js'

const report: Report = {
  tool: { name: 'spec-template-check', version: '1.2.3' },
  files: [
    {
      file: 'specs/a.rst',
      template: 'specs/template.rst',
      embeddedTemplate: false,
      findings: Array.from({ length: 12 }, (_, i) => ({
        rule: 'missing-section',
        severity: 'error' as const,
        message: `m${i}`,
        file: 'specs/a.rst',
        line: i + 1
      })),
      sections: []
    }
  ],
  totals: { files: 1, errors: 12, warnings: 0, notices: 0, filesWithErrors: 1 }
}
const rules: RuleInfo[] = [{ id: 'missing-section', description: 'd', defaultSeverity: 'error' }]

describe('formatReport', () => {
  test('dispatches', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'github'])
    expect(formatReport(report, 'text')).toBe(formatText(report))
    expect(formatReport(report, 'json')).toBe(formatJson(report))
    expect(formatReport(report, 'sarif', rules)).toBe(formatSarif(report, rules))
  })

  test('github: every finding, no cap', () => {
    const out = formatReport(report, 'github', rules)
    expect(out.trimEnd().split('\n')).toHaveLength(12)
    expect(out).toBe(formatCommands(report, { maxPerSeverity: Infinity }).text)
    expect(formatCommands(report).omitted).toBe(2)
  })
})

describe('util', () => {
  function reference(t: string): string {
    let h = 0xcbf29ce484222325n
    for (const b of new TextEncoder().encode(t)) {
      h ^= BigInt(b)
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn
    }
    return h.toString(16).padStart(16, '0')
  }

  test('fnv1a64 matches the reference (and known vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325')
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c')
    expect(fnv1a64('foobar')).toBe('85944171f73967e8')
    for (const t of ['héllo ☃ 𝄞', 'x'.repeat(1000), 'specs/a.rst\u0000line-length\u0000\u0000Line is too long', '\u00ff\u0100']) {
      expect(fnv1a64(t)).toBe(reference(t))
    }
  })

  test('utf8Length matches TextEncoder', () => {
    for (const t of ['', 'abc', 'é', '☃', '𝄞', '✅ ❌ ⚠️', 'a\ud800b', '\udc00']) {
      expect(utf8Length(t)).toBe(new TextEncoder().encode(t).length)
    }
  })
})
