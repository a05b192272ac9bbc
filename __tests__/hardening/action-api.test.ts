/**
 * Hardening 5: the GitHub API fails (the bundled action, run in this process, against the mock).
 * 5xx and rate limits (403 / 429 with retry-after) are retried with backoff;
 * a persistent failure is one clear line within a bounded time; a 404 on the
 * pull request's files and a missing token are clear errors; a refused or
 * failing check run falls back to workflow commands.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { DiffEntry } from '../e2e/mock-github.js'
import {
  BAD,
  GOOD,
  TEMPLATE,
  cleanupWorkspaces,
  commandLines,
  longSpec,
  makeWorkspace,
  prPayload,
  startMock,
  stopMock,
  type RunResult
} from '../e2e/action-harness.js'
import { runBundleInProcess } from '../action/in-process.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

const FILES: DiffEntry[] = [{ filename: 'specs/good.rst', status: 'modified' }]
const WS = { 'specs/template.rst': TEMPLATE, 'specs/good.rst': GOOD, 'specs/bad.rst': BAD }

function expectOneErrorLine(res: RunResult, message: RegExp): void {
  expect(res.code).toBe(1)
  expect(res.stderr).toBe('')
  const errors = commandLines(res.stdout, 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(message)
  expect(res.stdout).not.toMatch(/^\s+at /m)
}

describe('retries', () => {
  it('a 502 listing the files, then success: passes', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({ pullFiles: { 41: FILES }, failures: [{ method: 'GET', path: /\/pulls\/41\/files$/, status: 502 }] })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(41, 1) })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(gh.find('GET', /\/pulls\/41\/files$/)).toHaveLength(2)
    expect(res.outputs['files-checked']).toBe('1')
  })

  it('a persistent 502: one clear line, after a bounded number of retries and time', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({ pullFiles: { 42: FILES }, failures: [{ method: 'GET', path: /\/files$/, status: 502, times: 1000 }] })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(42, 1), timeoutMs: 90_000 })
    expectOneErrorLine(res, /^::error::spec-template-check: could not list the changed files \(HTTP 502: injected 502\), still failing after the retries; nothing was checked: re-run the job, or set scope: all to check every spec without the API$/)
    expect(gh.find('GET', /\/files$/)).toHaveLength(4) // 1 + 3 retries (backoff 1, 4, 9 "seconds" of TEST_SECOND_MS)
  })

  it('a secondary rate limit (403, retry-after) then success: passes', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({
      pullFiles: { 43: FILES },
      failures: [
        {
          method: 'GET',
          path: /\/files$/,
          status: 403,
          headers: { 'retry-after': '1' },
          body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }
        }
      ]
    })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(43, 1) })
    expect(res.code).toBe(0)
    expect(gh.find('GET', /\/files$/)).toHaveLength(2)
    expect(res.stdout).toMatch(/GitHub API answered 403 \(secondary rate limit\) for GET \/repos\/octo\/specs\/pulls\/43\/files\?per_page=100; retrying in 1s \(1\/3\)/)
  })

  it('a 429 with retry-after (any message) then success: passes', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({
      pullFiles: { 44: FILES },
      failures: [{ method: 'GET', path: /\/files$/, status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } }]
    })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(44, 1) })
    expect(res.code).toBe(0)
    expect(gh.find('GET', /\/files$/)).toHaveLength(2)
  })

  it('a 403 with retry-after that does not say "secondary rate" is retried too; a plain 403 is not', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({
      pullFiles: { 45: FILES },
      failures: [{ method: 'GET', path: /\/files$/, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have triggered an abuse detection mechanism.' } }]
    })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(45, 1) })
    expect(res.code).toBe(0)
    expect(gh.find('GET', /\/files$/)).toHaveLength(2)
  })

  it('a 502 creating the check run, then success: one check run', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({ pullFiles: { 46: [{ filename: 'specs/bad.rst', status: 'added' }] }, failures: [{ method: 'POST', path: /\/check-runs$/, status: 502 }] })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(46, 1) })
    expect(res.code).toBe(1)
    expect(gh.find('POST', /\/check-runs$/)).toHaveLength(2)
    expect(gh.checkRuns).toHaveLength(1)
    expect(commandLines(res.stdout, 'error').filter(l => l.includes('file='))).toEqual([])
  })
})

describe('clear errors', () => {
  it('404 on the pull request files: says the pull request is not visible to the token', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(47, 1) })
    expectOneErrorLine(
      res,
      /^::error::spec-template-check: could not list the changed files \(HTTP 404: Not Found.*\): GitHub does not show pull request #47 of octo\/specs to this token; check the github-token permissions .* or set scope: all$/
    )
    expect(gh.find('GET', /\/files$/)).toHaveLength(1) // a 404 is not retried
  })

  it('no token, scope changed, pull request (commits not in the checkout): pass github-token or use scope: all', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({ pullFiles: { 48: FILES } })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(48, 1), inputs: { 'github-token': '' } })
    expectOneErrorLine(res, /^::error::spec-template-check: scope: changed needs the pull request's changed files, but there is no github-token .*; pass github-token \(with pull-requests: read\) or set scope: all$/)
    expect(gh.requests).toEqual([])
  })

  it('no token with scope all: checks every spec, annotating with workflow commands', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({})
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(49, 1), inputs: { 'github-token': '', scope: 'all' } })
    expect(res.code).toBe(1)
    expect(gh.requests).toEqual([])
    expect(commandLines(res.stdout, 'error').some(l => l.startsWith('::error file=specs/bad.rst'))).toBe(true)
  })

  it('a check run that keeps failing (500) falls back to workflow commands with a warning', async () => {
    const ws = await makeWorkspace(WS)
    const gh = await startMock({ pullFiles: { 50: [{ filename: 'specs/bad.rst', status: 'added' }] }, checkRunCreateStatus: 500 })
    const res = await runBundleInProcess(ws, gh, { event: 'pull_request', payload: prPayload(50, 1) })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'warning').some(l => /could not create the check run \(HTTP 500.*workflow commands instead/.test(l))).toBe(true)
    expect(commandLines(res.stdout, 'error').some(l => l.startsWith('::error file=specs/bad.rst'))).toBe(true)
  })
})

describe('the job summary cannot be written', () => {
  // A directory cannot be appended to: known before the run points anyone to the summary.
  // The process's own oom_score_adj (Linux) is a writable regular file that refuses text: the write itself fails.
  const cases: [string, (ws: { runnerTemp: string }) => string, string][] = [
    ['not a writable file', ws => ws.runnerTemp, 'cannot be written'],
    ...(process.platform === 'linux' ? [['a file that refuses the write', () => '/proc/self/oom_score_adj', 'could not be written'] as [string, () => string, string]] : [])
  ]
  it.each(cases)('%s: the findings the annotations left out go to the fallback JSON report', async (_, summaryPath, said) => {
    const ws = await makeWorkspace({ ...WS, 'specs/long.rst': longSpec(30) })
    const gh = await startMock({ pullFiles: { 51: [{ filename: 'specs/long.rst', status: 'added' }] } })
    const res = await runBundleInProcess(ws, gh, {
      event: 'pull_request',
      payload: prPayload(51, 1),
      inputs: { annotations: 'workflow-commands' },
      env: { GITHUB_STEP_SUMMARY: summaryPath(ws) }
    })
    expect(res.code).toBe(1)
    expect(commandLines(res.stdout, 'warning').some(l => l.startsWith('::warning::could not write the job summary: '))).toBe(true)
    const file = path.join(ws.runnerTemp, 'spec-template-check-report.json')
    expect(res.outputs['report-file']).toBe(file)
    expect((JSON.parse(await readFile(file, 'utf8')) as { files: { findings: unknown[] }[] }).files[0]!.findings).toHaveLength(30)
    expect(commandLines(res.stdout, 'notice').some(l => l.includes(`20 of 30 findings are not annotated and the job summary ${said}: the full JSON report is at ${file}`))).toBe(true)
  })
})
