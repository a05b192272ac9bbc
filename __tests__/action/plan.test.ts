import path from 'node:path'
import {
  FALLBACK_REPORT_NAME,
  annotationChannel,
  countBySeverity,
  planDelivery,
  type DeliveryFacts
} from '../../src/action/deliver/plan.js'

const facts = (over: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
  bySeverity: { error: 3, warning: 2 },
  channel: 'workflow-commands',
  summary: 'on',
  summaryFits: true,
  fallbackDir: '/runner/temp',
  ...over
})
const FALLBACK = path.join('/runner/temp', FALLBACK_REPORT_NAME)

describe('annotationChannel: what the input asks, narrowed by the token and the event', () => {
  it('none and workflow-commands are taken as they are', () => {
    expect(annotationChannel('none', { hasToken: true, knowsCommit: true })).toEqual({ channel: 'none' })
    expect(annotationChannel('workflow-commands', { hasToken: false, knowsCommit: false })).toEqual({ channel: 'workflow-commands' })
  })
  it('auto and check-run use a check run when the token and the commit are known', () => {
    expect(annotationChannel('auto', { hasToken: true, knowsCommit: true })).toEqual({ channel: 'check-run' })
    expect(annotationChannel('check-run', { hasToken: true, knowsCommit: true })).toEqual({ channel: 'check-run' })
  })
  it('without a token: workflow commands, said as info for auto and as a warning for check-run', () => {
    expect(annotationChannel('auto', { hasToken: false, knowsCommit: true })).toEqual({
      channel: 'workflow-commands',
      say: { level: 'info', text: 'No github-token: annotating with workflow commands instead of a check run' }
    })
    expect(annotationChannel('check-run', { hasToken: false, knowsCommit: true }).say?.level).toBe('warning')
  })
  it('without the repository or head commit: workflow commands', () => {
    const r = annotationChannel('check-run', { hasToken: true, knowsCommit: false })
    expect(r.channel).toBe('workflow-commands')
    expect(r.say).toEqual({ level: 'warning', text: expect.stringContaining('head commit is unknown') })
  })
})

describe('countBySeverity', () => {
  it('counts findings per severity and a file that could not be checked as an error', () => {
    expect(
      countBySeverity([
        { error: 'unreadable', findings: [] },
        { findings: [{ severity: 'warning' }, { severity: 'error' }, { severity: 'notice' }, { severity: 'warning' }] }
      ])
    ).toEqual({ error: 2, warning: 2, notice: 1 })
    expect(countBySeverity([])).toEqual({})
  })
})

describe('planDelivery', () => {
  it('everything annotated: no notes, no fallback, no log note', () => {
    const p = planDelivery(facts())
    expect(p).toMatchObject({ channel: 'workflow-commands', total: 5, annotated: 5, capped: undefined, summaryFits: true })
    expect(p.fallbackReport).toBeUndefined()
    expect(p.summaryNote).toBeUndefined()
    expect(p.checkRunNote).toBeUndefined()
    expect(p.logNote).toBeUndefined()
  })

  it('workflow commands are capped per severity; the summary lists the rest', () => {
    const p = planDelivery(facts({ bySeverity: { error: 25, warning: 3, notice: 12 } }))
    expect(p).toMatchObject({ total: 40, annotated: 23, capped: 'commands-cap' })
    expect(p.summaryNote).toBe(
      'Annotations were capped: 23 of 40 findings are annotated inline, 17 are not (GitHub shows at most 10 workflow-command annotations per severity). ' +
        "Every finding is in the list below and this step's log (group “Findings”). Set the `report-file` input to also get every finding as a JSON report."
    )
    expect(p.fallbackReport).toBeUndefined()
    expect(p.logNote).toBeUndefined()
  })

  it('limits are parameters', () => {
    const p = planDelivery(facts({ bySeverity: { error: 5 } }), { checkRunAnnotations: 3, commandsPerSeverity: 2 })
    expect(p).toMatchObject({ annotated: 2, capped: 'commands-cap' })
    expect(p.summaryNote).toContain('at most 2 workflow-command annotations')
    expect(planDelivery(facts({ bySeverity: { error: 5 }, channel: 'check-run' }), { checkRunAnnotations: 3, commandsPerSeverity: 2 }).annotated).toBe(3)
  })

  it('one left out: "is"', () => {
    expect(planDelivery(facts({ bySeverity: { error: 11 } })).summaryNote).toContain('1 is not')
    expect(planDelivery(facts({ bySeverity: { error: 1001 }, channel: 'check-run' })).summaryNote).toContain('1 is left out')
  })

  it('capped and the summary does not fit: the fallback report is planned, and every note names it (the check run too)', () => {
    const p = planDelivery(facts({ bySeverity: { error: 1200 }, channel: 'check-run', summaryFits: false, templateNotes: ['ℹ️ base'] }))
    expect(p).toMatchObject({ total: 1200, annotated: 1000, capped: 'check-run-cap', summaryFits: false, fallbackReport: FALLBACK, reportFile: FALLBACK })
    expect(p.checkRunNote).toMatch(/^ℹ️ base\n\nAnnotations were capped: the check run has 1000 of 1200 findings as annotations \(errors first\); 200 are left out/)
    expect(p.checkRunNote).toContain(`Every finding is in the JSON report ${FALLBACK} (output \`report-file\`) and this step's log`)
    expect(p.checkRunNote).not.toContain('Set the `report-file` input')
    expect(p.summaryNote).toContain(`the JSON report ${FALLBACK}`)
    expect(p.logNote).toEqual({
      level: 'notice',
      text:
        `200 of 1200 findings are not annotated and do not all fit in the job summary: the full JSON report is at ${FALLBACK} ` +
        '(output report-file; upload it with actions/upload-artifact, or set the report-file input)'
    })
  })

  it('the check run names the job summary when every finding fits there', () => {
    const p = planDelivery(facts({ bySeverity: { warning: 1500 }, channel: 'check-run' }))
    expect(p.checkRunNote).toContain("Every finding is in the workflow run's job summary and this step's log")
    expect(p.summaryNote).toContain('Every finding is in the list below and')
    expect(p.fallbackReport).toBeUndefined()
  })

  it('a report-file input is where every finding is; no fallback', () => {
    const p = planDelivery(facts({ bySeverity: { error: 30 }, summaryFits: false, reportFile: 'out/r.json' }))
    expect(p.fallbackReport).toBeUndefined()
    expect(p.reportFile).toBe('out/r.json')
    expect(p.summaryNote).toContain('the JSON report out/r.json (output `report-file`)')
    expect(p.logNote).toBeUndefined()
  })

  it('summary off or unwritable: the fallback report, said in the log; no summary note', () => {
    const off = planDelivery(facts({ bySeverity: { error: 30 }, summary: 'off', summaryFits: true }))
    expect(off).toMatchObject({ summaryFits: false, fallbackReport: FALLBACK })
    expect(off.summaryNote).toBeUndefined()
    expect(off.logNote?.text).toContain('are not annotated and the job summary is off: the full JSON report is at')
    const bad = planDelivery(facts({ bySeverity: { error: 30 }, summary: 'unwritable', summaryFits: false }))
    expect(bad.logNote?.text).toContain('the job summary cannot be written')
  })

  it('nowhere to write a fallback report: a warning that the findings are only in the log', () => {
    const p = planDelivery(facts({ bySeverity: { error: 30 }, summaryFits: false, fallbackDir: undefined }))
    expect(p.fallbackReport).toBeUndefined()
    expect(p.reportFile).toBeUndefined()
    expect(p.logNote).toEqual({
      level: 'warning',
      text:
        "20 of 30 findings are not annotated and do not all fit in the job summary; they are only in this step's log (group Findings): " +
        'set the report-file input to keep them as a JSON report'
    })
  })

  it('annotations off: every finding goes to the summary or the report, no capped note', () => {
    const p = planDelivery(facts({ channel: 'none' }))
    expect(p).toMatchObject({ annotated: 0, capped: 'off', summaryFits: true })
    expect(p.summaryNote).toBeUndefined()
    const big = planDelivery(facts({ channel: 'none', summaryFits: false }))
    expect(big.fallbackReport).toBe(FALLBACK)
    expect(big.summaryNote).toBeUndefined()
  })

  it('template notes go first in both notes even when nothing is capped', () => {
    const p = planDelivery(facts({ channel: 'check-run', templateNotes: ['a', 'b'] }))
    expect(p.checkRunNote).toBe('a\n\nb')
    expect(p.summaryNote).toBe('a\n\nb')
  })
})
