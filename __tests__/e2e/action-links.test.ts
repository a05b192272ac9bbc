/**
 * Issue 11 item 1: in the job summary and the check run's summary every file
 * and every finding line is a link to the head commit:
 * <GITHUB_SERVER_URL>/<owner>/<repo>/blob/<head sha>/<path>#L<line>.
 */
import type { DiffEntry } from './mock-github.js'
import { BAD, GOOD, HEAD_SHA, TEMPLATE, cleanupWorkspaces, makeWorkspace, prPayload, startMock, stopMock } from './action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

const LINK = /<a href="([^"]*)">([^<]*)<\/a>/g

function links(md: string): { href: string; text: string }[] {
  return [...md.matchAll(LINK)].map(m => ({ href: m[1]!.replace(/&amp;/g, '&'), text: m[2]! }))
}

/** The findings list items and the table rows of a summary. */
function parts(md: string): { items: string[]; rows: string[] } {
  const lines = md.split('\n')
  return {
    items: lines.filter(l => /^- \*\*(error|warning|notice)\*\* /.test(l)),
    rows: lines.filter(l => l.startsWith('| ') && !l.startsWith('| File ') && !l.startsWith('| ---'))
  }
}

describe('links to the head commit', () => {
  it('job summary and check-run summary: every file and every finding line links to blob/<head sha>/<path>#L<line>', async () => {
    const odd = 'specs/sub dir/bad_(1) [x].rst'
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD, [odd]: BAD })
    const listed: DiffEntry[] = [
      { filename: 'specs/good.rst', status: 'modified' },
      { filename: 'specs/bad.rst', status: 'modified' },
      { filename: odd, status: 'added' }
    ]
    const gh = await startMock({ pullFiles: { 31: listed } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(31, listed.length) })
    expect(res.stderr).toBe('')
    const base = `${gh.url}/octo/specs/blob/${HEAD_SHA}/`
    const encoded: Record<string, string> = {
      'specs/good.rst': 'specs/good.rst',
      'specs/bad.rst': 'specs/bad.rst',
      [odd]: 'specs/sub%20dir/bad_%281%29%20%5Bx%5D.rst'
    }
    for (const md of [res.summary, gh.checkRuns[0]!.summary]) {
      const { items, rows } = parts(md)
      expect(rows).toHaveLength(3)
      expect(items.length).toBeGreaterThanOrEqual(4)
      for (const row of rows) {
        const [first] = links(row)
        expect(first).toBeDefined()
        expect(row.startsWith(`| <a href=`)).toBe(true)
        const file = Object.keys(encoded).find(f => first!.href === base + encoded[f])
        expect(file).toBeDefined()
      }
      for (const item of items) {
        const [first] = links(item)
        const m = /^(.*):(\d+)$/.exec(first!.text)!
        expect(m).not.toBeNull()
        const file = Object.keys(encoded).find(f => first!.href === `${base}${encoded[f]}#L${m[2]}`)
        expect(file).toBeDefined()
      }
      // Every link goes to the head commit; the odd file name stays escaped text.
      for (const l of links(md)) expect(l.href.startsWith(base)).toBe(true)
      expect(md).not.toContain('[x]')
    }
  })

  it('no links when the server URL or the commit is not of the expected shape', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/bad.rst': BAD })
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, {
      event: 'workflow_dispatch',
      payload: {},
      inputs: { scope: 'all', annotations: 'none' },
      env: { GITHUB_SERVER_URL: 'javascript:alert(1)//' }
    })
    expect(res.summary).toContain('specs/bad.rst')
    expect(res.summary).not.toContain('<a ')
  })
})
