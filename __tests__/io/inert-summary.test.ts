/**
 * Inert summary text: repository text (file names, titles, messages) in the
 * job summary and the check-run summary makes no link and no mention.
 * e-mail-like text became mailto: links because GFM autolinks e-mails after
 * decoding character references (`jane&#64;example.com` still links).
 *
 * Checked two ways: rendered with cmark-gfm (GitHub's renderer, with its
 * autolink extension) when it is installed, and always with a faithful
 * check (firstLink, shared with the fuzz test): the Markdown with its
 * character references decoded must hold no e-mail address, `www.`,
 * `scheme://` or `@name` mention within one text node.
 */
import { execFileSync } from 'node:child_process'
import { formatSummary } from '../../src/report/summary.js'
import { escapeMarkdown } from '../../src/report/escape.js'
import { file, finding, makeReport } from '../report/fixtures.js'
import { firstLink } from '../fuzz/io-cases.js'
import { GOOD, HEAD_SHA, TEMPLATE, cleanupWorkspaces, makeWorkspace, prPayload, startMock, stopMock } from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

function cmark(): boolean {
  try {
    execFileSync('cmark-gfm', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const HAVE_CMARK = cmark()

function render(md: string): string {
  return execFileSync('cmark-gfm', ['-e', 'autolink', '-e', 'table', '-e', 'strikethrough', '-e', 'tagfilter'], { input: md, encoding: 'utf8' })
}

const HOSTILE = [
  'jane.doe@example.com',
  'mailto:ops@example.org',
  'Ping @octocat and @octo-org/admins',
  'see www.evil.test and WWW.Evil.test',
  'go to https://evil.test/x or http&#58;//evil.test or ftp://evil.test',
  'j&#64;example.com',
  'xmpp:foo@bar.example'
]

function hostileReport() {
  return makeReport([
    file({
      file: 'specs/jane@example.com.rst',
      template: 'specs/www.template.rst',
      findings: HOSTILE.map((m, i) => finding({ file: 'specs/jane@example.com.rst', line: i + 1, message: m, severity: 'error' })),
      sections: [
        { title: 'Contact admin@example.com', path: [], level: 1, required: true, status: 'missing' },
        { title: '@octocat', path: [], level: 1, required: true, status: 'empty' }
      ] as never
    }),
    file({ file: 'specs/b.rst', error: 'cannot read "www.x.test/@y": z@example.com' })
  ])
}

function expectInert(md: string): void {
  expect(firstLink(md)).toBeUndefined()
  if (HAVE_CMARK) {
    const html = render(md)
    expect(html.match(/<a [^>]*>[^<]*<\/a>/g) ?? []).toEqual([])
  }
}

describe('escapeMarkdown is inert', () => {
  it.each(HOSTILE)('%s', s => expectInert(escapeMarkdown(s)))

  it('stays readable: @ becomes the full-width ＠, nothing is dropped', () => {
    expect(escapeMarkdown('jane.doe@example.com')).toBe('jane.doe\uff20example.com')
  })
})

describe('formatSummary is inert', () => {
  it('table, findings list and notes', () => {
    const md = formatSummary(hostileReport(), { reportFile: 'out/@me.json' })
    expect(md).toContain('jane.doe\uff20example.com')
    expectInert(md)
    if (HAVE_CMARK) expect(render(md)).toContain('<table>')
  })
})

/**
 * The action's own links (file names and lines to the head commit, issue 11):
 * each must go to `base` (the path percent-encoded, so the URL holds no
 * e-mail or mention); they are taken out, keeping their text, before the
 * rest is checked for anything that links.
 */
function withoutHeadLinks(md: string, base: string): string {
  return md.replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_m, href: string, text: string) => {
    expect(href.startsWith(base)).toBe(true)
    expect(href.slice(base.length)).toMatch(/^[A-Za-z0-9%._\/-]+(#L\d+)?$/)
    return text
  })
}

describe('bundled action: job summary and check-run summary', () => {
  it('e-mails, mentions and www. in titles and names link nothing', async () => {
    const spec = GOOD.replace('Problem description\n===================\n', 'Problem description\n===================\n\nWrite to jane.doe@example.com or @octocat, see www.evil.test.\n')
      .replace('Use Cases\n---------\n', 'Use Cases admin@example.com\n---------------------------\n')
    const name = 'specs/ops@example.com.rst'
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, [name]: spec })
    const gh = await startMock({ pullFiles: { 21: [{ filename: name, status: 'added' }] } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(21, 1), inputs: { annotations: 'check-run' } })
    expect(res.code).toBe(1)
    expect(res.summary).toContain('ops\uff20example.com')
    const base = `${gh.url}/octo/specs/blob/${HEAD_SHA}/`
    expect(res.summary).toContain(`<a href="${base}specs/ops%40example.com.rst#L`)
    expectInert(withoutHeadLinks(res.summary, base))
    const checkSummary = String((gh.checkRuns[0]!.created.output as { summary: string }).summary)
    expect(checkSummary).toContain('ops\uff20example.com')
    expectInert(withoutHeadLinks(checkSummary, base))
  })
})
