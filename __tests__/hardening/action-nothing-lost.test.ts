/**
 * Hardening 6: nothing is lost (bundled action). Every finding reaches at
 * least one of: a check-run annotation, a workflow-command annotation, the
 * job summary, the JSON report. When a channel caps (10 per severity for
 * workflow commands, 1000 per check run, 1 MiB for the job summary), the
 * summary says how many were left out and where they are.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  TEMPLATE,
  cleanupWorkspaces,
  forkPayload,
  longSpec,
  makeWorkspace,
  parseWorkflowCommands,
  prPayload,
  runAction,
  startMock,
  stopMock,
  BAD,
  type RunResult
} from '../e2e/action-harness.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)

/** A finding as a comparable key. */
const key = (file: string, line: number | string, rule: string, message: string): string => `${file}|${line}|${rule}|${message}`

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Findings listed in the job summary's <details> list. */
function summaryKeys(summary: string): Set<string> {
  const out = new Set<string>()
  for (const linked of summary.split('\n')) {
    // File and line are a link to the head commit: keep its text.
    const line = linked.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '$1')
    const m = /^- \*\*(error|warning|notice)\*\* (.+?):(\d+) — ([a-z-]+): (.*)$/.exec(line)
    if (m) out.add(key(decodeEntities(m[2]!), m[3]!, m[4]!, decodeEntities(m[5]!)))
  }
  return out
}

/** Findings annotated with workflow commands. */
function commandKeys(stdout: string): Set<string> {
  const out = new Set<string>()
  for (const c of parseWorkflowCommands(stdout)) {
    const rule = /^spec-template-check: ([a-z-]+)$/.exec(c.properties.title ?? '')?.[1]
    if (rule && c.properties.file) out.add(key(c.properties.file, c.properties.line ?? '1', rule, c.data))
  }
  return out
}

/** Findings printed in the log (the "Findings" group: file:line:col: severity rule message). */
function logKeys(stdout: string): Set<string> {
  const out = new Set<string>()
  for (const line of stdout.split('\n')) {
    const m = /^(specs\/[^:]+):(\d+):\d+: (error|warning|notice) ([a-z-]+) (.*)$/.exec(line)
    if (m) out.add(key(m[1]!, m[2]!, m[4]!, m[5]!))
  }
  return out
}

async function reportKeys(file: string): Promise<Set<string>> {
  const report = JSON.parse(await readFile(file, 'utf8'))
  const out = new Set<string>()
  for (const f of report.files) for (const x of f.findings) out.add(key(x.file, x.line, x.rule, x.message))
  return out
}

function missingFrom(expected: Set<string>, ...channels: Set<string>[]): string[] {
  return [...expected].filter(k => !channels.some(c => c.has(k)))
}

const LINES = 2100

async function forkRun(inputs: Record<string, string>, lines = LINES): Promise<{ res: RunResult; workspace: string; runnerTemp: string }> {
  const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(lines), 'specs/bad.rst': BAD })
  const files = [
    { filename: 'specs/long.rst', status: 'added' as const },
    { filename: 'specs/bad.rst', status: 'added' as const }
  ]
  const gh = await startMock({ pullFiles: { 81: files }, checkRunCreateStatus: 403 })
  const res = await runAction(ws, gh, { event: 'pull_request', payload: forkPayload(81, 2), inputs, timeoutMs: 120_000 })
  return { res, workspace: ws.workspace, runnerTemp: ws.runnerTemp }
}

describe('fork pull request (check run refused), more than 2,000 findings', () => {
  it('with report-file: commands + summary cover every finding of the report; the summary counts the left-out', async () => {
    const { res, workspace } = await forkRun({ 'report-file': 'report.json' })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    const report = await reportKeys(path.join(workspace, 'report.json'))
    expect(report.size).toBeGreaterThan(2000)
    const commands = commandKeys(res.stdout)
    expect(commands.size).toBeLessThanOrEqual(30)
    expect(missingFrom(report, commands, summaryKeys(res.summary))).toEqual([])
    const left = report.size - commands.size
    expect(res.summary).toContain(`Annotations were capped: ${commands.size} of ${report.size} findings are annotated inline, ${left} are not`)
    expect(res.summary).toMatch(/Every finding is in the list below, the JSON report report\.json \(output `report-file`\) and this step's log/)
    expect(res.outputs['report-file']).toBe('report.json')
  }, 120_000)

  it('without report-file: commands + summary cover every finding (the log lists them all too); no extra file', async () => {
    const { res, runnerTemp } = await forkRun({})
    expect(res.code).toBe(1)
    const all = logKeys(res.stdout)
    expect(all.size).toBeGreaterThan(2000)
    const commands = commandKeys(res.stdout)
    expect(missingFrom(all, commands, summaryKeys(res.summary))).toEqual([])
    expect(res.summary).toContain(`${all.size - commands.size} are not`)
    expect(res.summary).toMatch(/Set the `report-file` input to also get every finding as a JSON report/)
    expect(res.outputs['report-file']).toBe('')
    expect(existsSync(path.join(runnerTemp, 'spec-template-check-report.json'))).toBe(false)
  }, 120_000)

  it('summary over 1 MiB without report-file: the full JSON report goes to RUNNER_TEMP, and the summary says where', async () => {
    const { res, runnerTemp } = await forkRun({}, 12_000)
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    expect(Buffer.byteLength(res.summary)).toBeLessThanOrEqual(1024 * 1024)
    const fallback = path.join(runnerTemp, 'spec-template-check-report.json')
    expect(res.outputs['report-file']).toBe(fallback)
    const all = logKeys(res.stdout)
    const report = await reportKeys(fallback)
    expect(missingFrom(all, report)).toEqual([])
    const summary = summaryKeys(res.summary)
    expect(summary.size).toBeLessThan(all.size) // the summary really was cut
    expect(res.summary).toContain(`the JSON report ${fallback}`)
    expect(res.summary).toMatch(/this summary was shortened/)
    expect(res.stdout).toMatch(/::notice::\d+ of \d+ findings are not annotated and do not all fit in the job summary: the full JSON report is at /)
  }, 120_000)

  it('summary: false and capped annotations without report-file: the JSON report goes to RUNNER_TEMP', async () => {
    const { res, runnerTemp } = await forkRun({ summary: 'false' }, 50)
    expect(res.code).toBe(1)
    expect(res.summary).toBe('')
    const fallback = path.join(runnerTemp, 'spec-template-check-report.json')
    expect(res.outputs['report-file']).toBe(fallback)
    expect(missingFrom(logKeys(res.stdout), await reportKeys(fallback))).toEqual([])
  }, 120_000)
})

describe('check run cap', () => {
  it('more than 1,000 findings: 1,000 annotations in 20 requests (errors first); both summaries count the rest and say where', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/long.rst': longSpec(LINES) })
    const gh = await startMock({ pullFiles: { 82: [{ filename: 'specs/long.rst', status: 'added' }] } })
    const res = await runAction(ws, gh, {
      event: 'pull_request',
      payload: prPayload(82, 1),
      inputs: { 'report-file': 'report.json' },
      timeoutMs: 120_000
    })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(1)
    const report = await reportKeys(path.join(ws.workspace, 'report.json'))
    expect(report.size).toBeGreaterThan(2000)
    expect(gh.checkRuns).toHaveLength(1)
    const run = gh.checkRuns[0]!
    expect(run.annotations).toHaveLength(1000)
    expect(1 + run.updates.length).toBe(20)
    const annotated = new Set(run.annotations.map(a => key(String(a.path), Number(a.start_line), String(a.title).replace('spec-template-check: ', ''), String(a.message))))
    expect(missingFrom(report, annotated, summaryKeys(res.summary))).toEqual([])
    const left = report.size - 1000
    const checkSummary = run.summary
    expect(checkSummary).toContain(`the check run has 1000 of ${report.size} findings as annotations (errors first); ${left} are left out`)
    expect(checkSummary).toMatch(/Every finding is in the workflow run's job summary, the JSON report report\.json/)
    expect(res.summary).toContain(`${left} are left out`)
    expect(res.stdout).toMatch(/with 1000 annotations \(\d+ more left out: at most 1000 per check run\)/)
    expect(res.ms).toBeLessThan(60_000)
  }, 120_000)
})
