import { blobBase, blobUrl, linkHtml } from '../../src/report/links.js'
import { escapeMarkdown } from '../../src/report/escape.js'
import { formatSummary } from '../../src/report/summary.js'
import { file, makeReport } from './fixtures.js'

const SHA = 'a'.repeat(40)

describe('blobBase', () => {
  it('server, owner, repo and head commit; GitHub Enterprise with a path prefix', () => {
    expect(blobBase({ serverUrl: 'https://github.com', owner: 'octo', repo: 'specs', sha: SHA })).toBe(`https://github.com/octo/specs/blob/${SHA}/`)
    expect(blobBase({ serverUrl: 'https://ghe.example.com/', owner: 'o', repo: 'r.x', sha: SHA })).toBe(`https://ghe.example.com/o/r.x/blob/${SHA}/`)
  })

  it.each([
    ['no server', { owner: 'o', repo: 'r', sha: SHA }],
    ['javascript: URL', { serverUrl: 'javascript:alert(1)', owner: 'o', repo: 'r', sha: SHA }],
    ['credentials in the URL', { serverUrl: 'https://u:p@github.com', owner: 'o', repo: 'r', sha: SHA }],
    ['owner with a quote', { serverUrl: 'https://github.com', owner: 'o"><script>', repo: 'r', sha: SHA }],
    ['repo ..', { serverUrl: 'https://github.com', owner: 'o', repo: '..', sha: SHA }],
    ['short sha', { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'abc' }]
  ])('%s: no links', (_n, t) => {
    expect(blobBase(t)).toBeUndefined()
  })
})

describe('blobUrl / linkHtml', () => {
  it('percent-encodes each segment strictly and adds #L<line>', () => {
    const base = `https://github.com/o/r/blob/${SHA}/`
    expect(blobUrl(base, "specs/a b/(x)'*!~[y]\"<z>|.rst", 12)).toBe(`${base}specs/a%20b/%28x%29%27%2A%21%7E%5By%5D%22%3Cz%3E%7C.rst#L12`)
    expect(blobUrl(base, 'specs/a.rst')).toBe(`${base}specs/a.rst`)
    expect(blobUrl(base, 'specs/a.rst', 0)).toBe(`${base}specs/a.rst`)
    expect(linkHtml('https://x/?a&b"', 'T')).toBe('<a href="https://x/?a&amp;b&quot;">T</a>')
  })

  it('formatSummary links table files, finding lines and suppression lines; without a base none', () => {
    const base = `https://github.com/o/r/blob/${SHA}/`
    const r = makeReport([
      file({
        file: 'specs/@me.rst',
        findings: [{ rule: 'tab', severity: 'warning', message: 'tab', file: 'specs/@me.rst', line: 3 }],
        suppressions: [{ line: 9, scope: 'line', rules: ['tab'], hidden: {}, count: 0 } as never]
      })
    ])
    const md = formatSummary(r, { linkBase: base })
    const me = escapeMarkdown('specs/@me.rst')
    expect(me).not.toContain('@')
    expect(md).toContain(`| <a href="${base}specs/%40me.rst">${me}</a>`)
    expect(md).toContain(`- **warning** <a href="${base}specs/%40me.rst#L3">${me}:3</a> — tab: tab`)
    expect(md).toContain(`- <a href="${base}specs/%40me.rst#L9">${me}:9</a> — `)
    expect(formatSummary(r)).not.toContain('<a ')
  })
})
