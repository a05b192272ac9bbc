import type { FileResult, Finding, Report, Severity } from '../../src/engine/types.js'
import {
  ANNOTATIONS_PER_REQUEST,
  MAX_CHECK_RUN_ANNOTATIONS,
  MAX_DETAIL_BYTES,
  MAX_SUMMARY_BYTES,
  MAX_TITLE_BYTES,
  checkTitle,
  publishCheckRun,
  annotationCount,
  toAnnotations,
  type CheckRunApi
} from '../../src/github/check-run.js'
import { conclusionFor } from '../../src/config/policy.js'

function finding(i: number, severity: Severity = 'error', over: Partial<Finding> = {}): Finding {
  return { rule: 'line-length', severity, message: `line ${i} is too long`, file: 'specs/a.rst', line: i, ...over }
}

function report(files: Partial<FileResult>[]): Report {
  const full: FileResult[] = files.map(f => ({
    file: 'specs/a.rst',
    template: 'specs/template.rst',
    embeddedTemplate: false,
    findings: [],
    sections: [],
    ...f
  }))
  const totals = { files: full.length, errors: 0, warnings: 0, notices: 0, filesWithErrors: 0 }
  for (const f of full) {
    let e = f.error ? 1 : 0
    for (const x of f.findings) {
      if (x.severity === 'error') e++
      else if (x.severity === 'warning') totals.warnings++
      else totals.notices++
    }
    totals.errors += e
    if (e) totals.filesWithErrors++
  }
  return { tool: { name: 'spec-template-check', version: '0.0.0' }, files: full, totals }
}

type Call = { method: 'create' | 'update'; params: Record<string, any> }

function mockApi(opts: { createStatus?: number; failUpdateAt?: number } = {}) {
  const calls: Call[] = []
  const api = {
    rest: {
      checks: {
        create: async (params: Record<string, any>) => {
          calls.push({ method: 'create', params })
          if (opts.createStatus) {
            throw Object.assign(new Error('Resource not accessible by integration'), { status: opts.createStatus })
          }
          return { data: { id: 42, html_url: 'https://github.test/runs/42' } }
        },
        update: async (params: Record<string, any>) => {
          calls.push({ method: 'update', params })
          if (opts.failUpdateAt !== undefined && calls.filter(c => c.method === 'update').length === opts.failUpdateAt) {
            throw Object.assign(new Error('Server Error'), { status: 502 })
          }
          return { data: { id: 42 } }
        }
      }
    }
  } as unknown as CheckRunApi
  return { api, calls }
}

const base = { owner: 'octo', repo: 'specs', headSha: 'b'.repeat(40), summary: '## Summary' }

describe('publishCheckRun', () => {
  it('120 findings: 1 create with 50 annotations, then 2 updates (50, 20)', async () => {
    const findings = Array.from({ length: 120 }, (_, i) => finding(i + 1))
    const { api, calls } = mockApi()
    const res = await publishCheckRun(api, report([{ findings }]), { ...base, failOn: 'error' })
    expect(res).toMatchObject({ ok: true, id: 42, annotations: 120, requests: 3, url: 'https://github.test/runs/42' })
    expect(calls.map(c => c.method)).toEqual(['create', 'update', 'update'])
    const [create, u1, u2] = calls
    expect(create!.params).toMatchObject({
      owner: 'octo',
      repo: 'specs',
      name: 'spec-template-check',
      head_sha: 'b'.repeat(40),
      status: 'completed',
      conclusion: 'failure'
    })
    expect(create!.params.output.title).toBe('120 errors in 1 of 1 spec file')
    // The long summary is sent once, with the last request; the ones before carry a short placeholder.
    expect(create!.params.output.summary).toBe('Adding annotations (50 of 120 so far)...')
    expect(u1!.params.output.summary).toBe('Adding annotations (100 of 120 so far)...')
    expect(u2!.params.output.summary).toBe('## Summary')
    expect(create!.params.output.annotations).toHaveLength(ANNOTATIONS_PER_REQUEST)
    expect(u1!.params).toMatchObject({ owner: 'octo', repo: 'specs', check_run_id: 42 })
    expect(u1!.params.output.annotations).toHaveLength(50)
    expect(u2!.params.output.annotations).toHaveLength(20)
    expect(u1!.params.output.title).toBeTruthy()
    expect(u1!.params.output.summary).toBeTruthy()
    const lines = [create, u1, u2].flatMap(c => c!.params.output.annotations.map((a: any) => a.start_line))
    expect(lines).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
  })

  it('no findings: success, one request, no annotations', async () => {
    const { api, calls } = mockApi()
    const res = await publishCheckRun(api, report([{}]), { ...base, failOn: 'error' })
    expect(res.ok).toBe(true)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.params.conclusion).toBe('success')
    expect(calls[0]!.params.output.annotations).toEqual([])
  })

  it('403 on create (fork / read-only token): refused, no update', async () => {
    const { api, calls } = mockApi({ createStatus: 403 })
    const res = await publishCheckRun(api, report([{ findings: [finding(1)] }]), { ...base, failOn: 'error' })
    expect(res).toMatchObject({ ok: false, status: 403, refused: true, partial: false })
    if (!res.ok) expect(res.reason).toMatch(/HTTP 403/)
    expect(calls).toHaveLength(1)
  })

  it('404 on create is refused too; 500 is not', async () => {
    expect(await publishCheckRun(mockApi({ createStatus: 404 }).api, report([{}]), { ...base, failOn: 'error' })).toMatchObject({
      ok: false,
      refused: true
    })
    expect(await publishCheckRun(mockApi({ createStatus: 500 }).api, report([{}]), { ...base, failOn: 'error' })).toMatchObject({
      ok: false,
      refused: false
    })
  })

  it('an update that fails: partial', async () => {
    const findings = Array.from({ length: 160 }, (_, i) => finding(i + 1))
    const { api, calls } = mockApi({ failUpdateAt: 2 })
    const res = await publishCheckRun(api, report([{ findings }]), { ...base, failOn: 'error' })
    expect(res).toMatchObject({ ok: false, partial: true, refused: false })
    if (!res.ok) expect(res.reason).toMatch(/100 of 160/)
    // The failed batch, then one last update that puts the real summary in place of the placeholder.
    expect(calls.map(c => c.method)).toEqual(['create', 'update', 'update', 'update'])
    expect(calls[3]!.params.output).toEqual({ title: '160 errors in 1 of 1 spec file', summary: '## Summary' })
  })

  it.each([
    ['an empty body', ''],
    ['null', null],
    ['an object without an id', { html_url: 'x' }],
    ['an id that is not a number', { id: '42' }]
  ])('a create answered with %s: not ok (the caller falls back), not refused', async (_, data) => {
    const api = { rest: { checks: { create: async () => ({ data }), update: async () => ({ data: { id: 42 } }) } } } as unknown as CheckRunApi
    const res = await publishCheckRun(api, report([{ findings: [finding(1)] }]), { ...base, failOn: 'error' })
    expect(res).toMatchObject({ ok: false, refused: false, partial: false })
    if (!res.ok) expect(res.reason).toMatch(/could not create the check run \(the answer is .*not a check run with an id\)/)
  })

  it('an update answered with an empty body: partial', async () => {
    const findings = Array.from({ length: 60 }, (_, i) => finding(i + 1))
    const api = { rest: { checks: { create: async () => ({ data: { id: 42 } }), update: async () => ({ data: '' }) } } } as unknown as CheckRunApi
    const res = await publishCheckRun(api, report([{ findings }]), { ...base, failOn: 'error' })
    expect(res).toMatchObject({ ok: false, partial: true })
  })

  it(`caps the annotations at ${1000} per check run (errors first), 20 requests, and counts the rest`, async () => {
    expect(MAX_CHECK_RUN_ANNOTATIONS).toBe(1000)
    const findings = [
      ...Array.from({ length: 1500 }, (_, i) => finding(i + 1, 'warning')),
      ...Array.from({ length: 700 }, (_, i) => finding(2000 + i, 'error'))
    ]
    const { api, calls } = mockApi()
    const res = await publishCheckRun(api, report([{ findings }]), { ...base, failOn: 'error' })
    expect(res).toMatchObject({ ok: true, annotations: 1000, omitted: 1200, requests: 20 })
    expect(calls).toHaveLength(20)
    const sent = calls.flatMap(c => c.params.output.annotations)
    expect(sent).toHaveLength(1000)
    expect(sent.slice(0, 700).every((a: any) => a.annotation_level === 'failure')).toBe(true)
    expect(sent.slice(700).every((a: any) => a.annotation_level === 'warning')).toBe(true)
  })

  it('maxAnnotations can lower the cap; under the cap nothing is omitted', async () => {
    const findings = Array.from({ length: 120 }, (_, i) => finding(i + 1))
    const { api, calls } = mockApi()
    expect(await publishCheckRun(api, report([{ findings }]), { ...base, failOn: 'error', maxAnnotations: 60 })).toMatchObject({
      ok: true,
      annotations: 60,
      omitted: 60,
      requests: 2
    })
    expect(calls.map(c => c.params.output.annotations.length)).toEqual([50, 10])
    expect(await publishCheckRun(mockApi().api, report([{ findings }]), { ...base, failOn: 'error' })).toMatchObject({ omitted: 0 })
  })

  it('cuts the summary to 65535 UTF-8 bytes, on a character boundary (4-byte characters)', async () => {
    const { api, calls } = mockApi()
    await publishCheckRun(api, report([{}]), { ...base, failOn: 'error', summary: 'x'.repeat(70000) })
    expect(Buffer.byteLength(calls[0]!.params.output.summary)).toBe(MAX_SUMMARY_BYTES)
    const emoji = mockApi()
    // 20,000 × U+1F600: 40,000 UTF-16 units (under the old character limit), 80,000 bytes.
    await publishCheckRun(emoji.api, report([{}]), { ...base, failOn: 'error', summary: 'x' + '\u{1F600}'.repeat(20000) })
    const sent: string = emoji.calls[0]!.params.output.summary
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(sent.endsWith('\u{1F600}…')).toBe(true)
    expect(sent).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})

describe('toAnnotations', () => {
  it('the first `max` only: the same as the first `max` of all, errors first; annotationCount counts all', () => {
    const r = report([
      { findings: [finding(1, 'notice'), finding(2, 'warning'), finding(3, 'error'), finding(4, 'warning')] },
      { file: 'specs/b.rst', error: 'not UTF-8' },
      { file: 'specs/c.rst', findings: [finding(5, 'notice', { file: 'specs/c.rst' }), finding(6, 'error', { file: 'specs/c.rst' })] }
    ])
    const all = toAnnotations(r)
    expect(all.map(a => `${a.annotation_level} ${a.path}:${a.start_line}`)).toEqual([
      'failure specs/a.rst:3',
      'failure specs/b.rst:1',
      'failure specs/c.rst:6',
      'warning specs/a.rst:2',
      'warning specs/a.rst:4',
      'notice specs/a.rst:1',
      'notice specs/c.rst:5'
    ])
    expect(annotationCount(r)).toBe(7)
    for (let max = 0; max <= 8; max++) expect(toAnnotations(r, max)).toEqual(all.slice(0, max))
  })

  it('cuts message, title and raw_details by UTF-8 bytes: a long line of "€" plus a space, 4-byte characters', () => {
    // The trailing-whitespace case: the fix is the line without its space, 40,000 × "€" = 120,001 bytes with the newline.
    const euro = '€'.repeat(40000)
    const emoji = '\u{1D11E}'.repeat(30000) // 60,000 UTF-16 units, 120,000 bytes
    const [a] = toAnnotations(
      report([{ findings: [finding(1, 'error', { rule: `r-${'\u{1F600}'.repeat(100)}`, message: emoji, fix: { description: 'strip', startLine: 1, endLine: 2, text: euro + '\n' } })] }])
    )
    expect(Buffer.byteLength(euro + '\n')).toBe(120001)
    for (const [field, max] of [['raw_details', MAX_DETAIL_BYTES], ['message', MAX_DETAIL_BYTES], ['title', MAX_TITLE_BYTES]] as const) {
      const v = a![field]!
      expect(Buffer.byteLength(v)).toBeLessThanOrEqual(max)
      expect(Buffer.byteLength(v)).toBeGreaterThan(max - 8)
      expect(v.endsWith('…')).toBe(true)
      // No half surrogate pair.
      expect(v).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    }
    expect(a!.raw_details!.startsWith('€€€')).toBe(true)
  })

  it('maps findings: levels, title, lines, columns, raw_details from the fix', () => {
    const r = report([
      {
        findings: [
          finding(3, 'notice', { rule: 'image', message: 'img' }),
          finding(5, 'warning', { rule: 'tab', column: 4, endColumn: 6 }),
          finding(7, 'error', {
            rule: 'missing-section',
            endLine: 9,
            column: 2,
            message: 'Section "Alternatives" is missing',
            fix: { description: 'add it', startLine: 7, endLine: 7, text: 'Alternatives\n------------\n' }
          })
        ]
      },
      { file: 'specs/b.rst', error: '"specs/b.rst" is not in the workspace' }
    ])
    const a = toAnnotations(r)
    expect(a.map(x => x.annotation_level)).toEqual(['failure', 'failure', 'warning', 'notice'])
    expect(a[0]).toEqual({
      path: 'specs/a.rst',
      start_line: 7,
      end_line: 9,
      annotation_level: 'failure',
      title: 'spec-template-check: missing-section',
      message: 'Section "Alternatives" is missing',
      raw_details: 'Alternatives\n------------\n'
    })
    expect(a[1]).toMatchObject({ path: 'specs/b.rst', start_line: 1, end_line: 1, title: 'spec-template-check: file-error' })
    expect(a[2]).toMatchObject({ start_line: 5, end_line: 5, start_column: 4, end_column: 6, title: 'spec-template-check: tab' })
    expect(a[3]!.raw_details).toBeUndefined()
  })
})

describe('conclusion and title', () => {
  const errors = report([{ findings: [finding(1, 'error')] }])
  const warnings = report([{ findings: [finding(1, 'warning')] }])
  const clean = report([{}, { file: 'specs/b.rst' }])
  it.each([
    ['errors', 'error', 'failure', errors],
    ['errors', 'never', 'neutral', errors],
    ['warnings', 'error', 'neutral', warnings],
    ['warnings', 'warning', 'failure', warnings],
    ['clean', 'warning', 'success', clean]
  ] as const)('%s with fail-on %s -> %s', (_name, failOn, expected, r) => {
    expect(conclusionFor(r, failOn)).toBe(expected)
  })

  it('a file that could not be read fails the run', () => {
    expect(conclusionFor(report([{ error: 'unreadable' }]), 'error')).toBe('failure')
  })

  it('titles', () => {
    expect(checkTitle(clean)).toBe('2 spec files checked: no problems')
    expect(checkTitle(warnings)).toBe('1 warning in 1 of 1 spec file')
  })
})
