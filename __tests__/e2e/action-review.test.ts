/**
 * Issue 11 item 2: suggestions: review — one review of the head commit with a
 * ```suggestion block per fixable finding in the diff (the text --fix
 * writes), the other fixes in its body; a re-run leaves one review; fork
 * pull requests and a 403 fall back to the annotations with one notice.
 */
import { escapeMarkdown } from '../../src/report/escape.js'
import type { DiffEntry } from './mock-github.js'
import {
  GOOD,
  HEAD_SHA,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  forkPayload,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock
} from './action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

/** GOOD with: a title naming @octocat (bars now too short), trailing spaces on line 10, a short underline at 18, no Alternatives. */
function spec(trailing = '   '): string {
  const lines = GOOD.split('\n')
  lines[1] = 'Faster @octocat widget provisioning'
  lines[9] += trailing
  lines[17] = '======='
  lines.splice(21, 5)
  return lines.join('\n')
}

const old = GOOD.split('\n')
/** Hunks: lines 1-3 (title), 8-12 (line 10 changed), 19-23 (Alternatives removed). Lines 17-18 are not in the diff. */
const PATCH = [
  '@@ -1,3 +1,3 @@',
  ` ${old[0]}`,
  `-${old[1]}`,
  '+Faster @octocat widget provisioning',
  ` ${old[2]}`,
  '@@ -8,5 +8,5 @@',
  ` ${old[7]}`,
  ' ',
  `-${old[9]}`,
  `+${old[9]}   `,
  ' ',
  ` ${old[11]}`,
  '@@ -24,10 +19,6 @@',
  ' ',
  ` ${old[19]}`,
  ' ',
  ...old.slice(21, 26).map(l => `-${l}`),
  ` ${old[26]}`,
  ` ${old[27]}`
].join('\n')

const FILES: DiffEntry[] = [{ filename: 'specs/a.rst', status: 'modified', patch: PATCH }]

/** Apply a review's suggestions to the file's lines, bottom up. */
function apply(text: string, comments: { line: number; start_line?: number; body: string }[]): string {
  const lines = text.split('\n')
  for (const c of [...comments].sort((a, b) => b.line - a.line)) {
    const m = /\n(`{3,})suggestion\n([\s\S]*)\n\1$/.exec(c.body)!
    expect(m).not.toBeNull()
    const start = c.start_line ?? c.line
    lines.splice(start - 1, c.line - start + 1, ...m[2]!.split('\n'))
  }
  return lines.join('\n')
}

async function setup(text = spec()) {
  const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': text })
  return ws
}

describe('suggestions: review', () => {
  it('one review of the head commit: suggestions in the diff, the rest in the body; a re-run leaves one review', async () => {
    const ws = await setup()
    const gh = await startMock({ pullFiles: { 41: FILES } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(41, 1), inputs: { suggestions: 'review' } })
    expect(res.stderr).toBe('')
    expect(gh.reviews).toHaveLength(1)
    const r = gh.reviews[0]!
    expect(r).toMatchObject({ pull: 41, commit_id: HEAD_SHA, event: 'COMMENT' })
    expect(r.body).toMatch(new RegExp(`^<!-- spec-template-check:review sha=${HEAD_SHA} hash=[0-9a-f]{16} -->\\n`))
    // In the diff: the title (lines 1-3), trailing whitespace (10), the missing section (after line 21).
    expect(r.comments.map(c => [c.path, c.start_line, c.line, c.side])).toEqual([
      ['specs/a.rst', 1, 3, 'RIGHT'],
      ['specs/a.rst', undefined, 10, 'RIGHT'],
      ['specs/a.rst', undefined, 21, 'RIGHT']
    ])
    // Applying them gives what --fix writes for those lines.
    const fixed = apply(spec(), r.comments)
    const want = GOOD.split('\n')
    want[0] = want[2] = '='.repeat('Faster @octocat widget provisioning'.length)
    want[1] = 'Faster @octocat widget provisioning'
    want[17] = '======='
    want.splice(21, 5, 'Alternatives', '------------', '', 'None', '')
    expect(fixed).toBe(want.join('\n'))
    // Outside the diff (the short underline at 17-18): in the body, with the RST to paste.
    expect(r.body).toContain('specs/a.rst:18')
    expect(r.body).toContain('```rst\nProposed change\n===============\n```')
    // Spec text outside code blocks is inert: no mention.
    const outsideFences = (s: string) => s.replace(/(`{3,})[a-z]*\n[\s\S]*?\n\1/g, '')
    for (const text of [r.body, ...r.comments.map(c => c.body)]) expect(outsideFences(text)).not.toMatch(/@octocat/)
    expect(r.comments[0]!.body).toContain(escapeMarkdown('Faster @octocat widget provisioning'))
    expect(res.stdout).toMatch(/Review \d+ posted on pull request #41 with 3 suggested changes \(1 more in its body\)/)
    // The annotations are still there.
    expect(gh.checkRuns).toHaveLength(1)

    // Re-run on the same commit: nothing new.
    const again = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(41, 1), inputs: { suggestions: 'review' } })
    expect(again.stdout).toMatch(/already on pull request #41 .*not posted again/)
    expect(gh.reviews).toHaveLength(1)
    expect(gh.find('POST', /\/reviews$/)).toHaveLength(1)
  })

  it('a re-run with other fixes empties the earlier review and posts one new one', async () => {
    const ws = await setup()
    const gh = await startMock({ pullFiles: { 42: FILES } })
    await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(42, 1), inputs: { suggestions: 'review' } })
    const ws2 = await setup(spec(''))
    const res = await runBundleInProcess(ws2, gh, { event: 'pull_request', payload: prPayload(42, 1), inputs: { suggestions: 'review' } })
    expect(res.stdout).toMatch(/1 earlier review of this commit superseded/)
    expect(gh.reviews).toHaveLength(2)
    expect(gh.reviews[0]!.comments).toEqual([])
    expect(gh.reviews[0]!.body).toMatch(/^spec-template-check: superseded/)
    expect(gh.reviews[1]!.comments.map(c => c.line)).toEqual([3, 21])
  })

  it('fork pull request: no review request, one notice, annotations as before', async () => {
    const ws = await setup()
    const gh = await startMock({ pullFiles: { 43: FILES }, checkRunCreateStatus: 403 })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: forkPayload(43, 1), inputs: { suggestions: 'review' } })
    expect(gh.find('POST', /\/reviews$/)).toEqual([])
    expect(gh.find('GET', /\/reviews$/)).toEqual([])
    const notices = commandLines(res.stdout, 'notice').filter(l => /Suggested changes/.test(l))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/fork/)
    expect(commandLines(res.stdout, 'error').length).toBeGreaterThan(0)
  })

  it('a token without pull-requests: write (403): one notice, the check run as before', async () => {
    const ws = await setup()
    const gh = await startMock({ pullFiles: { 44: FILES }, reviewCreateStatus: 403 })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(44, 1), inputs: { suggestions: 'review' } })
    expect(gh.reviews).toEqual([])
    const notices = commandLines(res.stdout, 'notice').filter(l => /Suggested changes/.test(l))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/pull-requests: write/)
    expect(commandLines(res.stdout, 'warning').filter(l => /Suggested/.test(l))).toEqual([])
    expect(gh.checkRuns).toHaveLength(1)
  })

  it('off (the default): no review requests at all', async () => {
    const ws = await setup()
    const gh = await startMock({ pullFiles: { 45: FILES } })
    await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(45, 1) })
    expect(gh.find('GET', /reviews/)).toEqual([])
    expect(gh.reviews).toEqual([])
  })
})
