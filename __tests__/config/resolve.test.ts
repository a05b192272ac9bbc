import { resolveSettings } from '../../src/config/resolve.js'
import { conclusionFor, exitCodeFor, failedFiles, failMessage, fileFails, reachesFailOn } from '../../src/config/policy.js'
import { applyConfigFile, readActionSettings } from '../../src/action/settings.js'
import type { ConfigFile } from '../../src/config/file.js'
import type { FileResult, Finding, Report } from '../../src/engine/types.js'

const WS = '/repo'

describe('resolveSettings: defaults < configuration file < inputs or flags', () => {
  it('defaults', () => {
    expect(resolveSettings(WS, undefined, {})).toEqual({
      workspace: WS,
      paths: ['specs/**/*.rst', 'specs/**/*.md'],
      exclude: [],
      template: undefined,
      optionalSections: [],
      allowedSections: [],
      maxLineLength: undefined,
      rules: {},
      sectionDepth: 2,
      failOn: 'error',
      suppressions: 'allow'
    })
  })

  const cfg: ConfigFile = {
    source: '.spec-template-check.yml',
    paths: ['docs/**/*.rst'],
    exclude: ['docs/old/**'],
    notSpecs: [],
    template: './docs/template.rst',
    templates: [{ files: ['docs/a/**'], template: 'docs/a.rst', optionalSections: [] }],
    optionalSections: ['History'],
    allowedSections: ['Testing'],
    rules: { tab: 'error', image: 'off' },
    maxLineLength: 100,
    sectionDepth: 3,
    failOn: 'warning',
    suppressions: 'deny'
  }

  it('the configuration file over the defaults (its template normalised inside the workspace)', () => {
    expect(resolveSettings(WS, cfg, {})).toEqual({
      workspace: WS,
      paths: ['docs/**/*.rst'],
      exclude: ['docs/old/**'],
      notSpecs: [],
      template: 'docs/template.rst',
      templates: cfg.templates,
      optionalSections: ['History'],
      allowedSections: ['Testing'],
      maxLineLength: 100,
      rules: { tab: 'error', image: 'off' },
      sectionDepth: 3,
      failOn: 'warning',
      suppressions: 'deny'
    })
  })

  it('what was given over the file; rules merge per rule', () => {
    const s = resolveSettings(WS, cfg, {
      paths: ['x/*.rst'],
      exclude: [],
      notSpecs: ['a.rst'],
      template: 't.rst',
      optionalSections: [],
      allowedSections: ['Other'],
      maxLineLength: 79,
      rules: { tab: 'warning' },
      sectionDepth: 1,
      failOn: 'never',
      suppressions: 'report'
    })
    expect(s).toMatchObject({
      paths: ['x/*.rst'],
      exclude: [],
      notSpecs: ['a.rst'],
      template: 't.rst',
      optionalSections: [],
      allowedSections: ['Other'],
      maxLineLength: 79,
      rules: { tab: 'warning', image: 'off' },
      sectionDepth: 1,
      failOn: 'never',
      suppressions: 'report'
    })
  })

  it("the file's globs and template are checked the same way for the CLI and the action", () => {
    expect(() => resolveSettings(WS, { source: 'c.yml', paths: ['../x/*.rst'] }, {})).toThrow('c.yml: "paths": "../x/*.rst" must be a glob relative to the workspace')
    expect(() => resolveSettings(WS, { source: 'c.yml', exclude: ['/abs/**'] }, {})).toThrow('c.yml: "exclude"')
    expect(() => resolveSettings(WS, { source: 'c.yml', template: '.' }, {})).toThrow('c.yml: "template": "." must be a file path inside the workspace (/repo)')
    // Not checked when an input or flag replaces it.
    expect(resolveSettings(WS, { source: 'c.yml', paths: ['../x'] }, { paths: ['specs/*.rst'] }).paths).toEqual(['specs/*.rst'])
  })

  it('the action resolves through it: an empty input takes the file value', () => {
    const a = applyConfigFile(readActionSettings(name => (name === 'fail-on' ? 'never' : ''), { GITHUB_WORKSPACE: WS }), cfg)
    const want = resolveSettings(WS, cfg, { failOn: 'never' })
    const { given, scope, annotations, suggestions, templateRef, lines, summary, reportFile, sarifFile, token, requestTimeout, ...settings } = a
    expect(settings).toEqual(want)
    expect(given).toEqual(new Set(['fail-on']))
  })
})

const finding = (severity: Finding['severity']): Finding => ({ rule: 'tab', severity, message: 'm', file: 'f', line: 1 })
const file = (name: string, findings: Finding[], error?: string): FileResult => ({
  file: name,
  template: 't',
  embeddedTemplate: false,
  findings,
  sections: [],
  ...(error ? { error } : {})
})
const report = (files: FileResult[]): Report => ({
  tool: { name: 'spec-template-check', version: '0' },
  files,
  totals: {
    files: files.length,
    errors: files.reduce((n, f) => n + f.findings.filter(x => x.severity === 'error').length + (f.error ? 1 : 0), 0),
    warnings: files.reduce((n, f) => n + f.findings.filter(x => x.severity === 'warning').length, 0),
    notices: files.reduce((n, f) => n + f.findings.filter(x => x.severity === 'notice').length, 0),
    filesWithErrors: 0
  }
})

describe('the fail policy', () => {
  const r = report([file('a', [finding('warning')]), file('b', [finding('notice')]), file('c', [], 'unreadable')])
  const warnOnly = report([file('a', [finding('warning'), finding('notice')])])
  const clean = report([file('a', [])])

  it('a file that could not be checked fails unless fail-on is never', () => {
    expect(fileFails(r.files[2]!, 'error')).toBe(true)
    expect(fileFails(r.files[2]!, 'never')).toBe(false)
    expect(reachesFailOn(r, 'error')).toBe(true)
  })

  it('one answer for the exit code, the conclusion and failed-files', () => {
    expect([exitCodeFor(warnOnly, 'error'), exitCodeFor(warnOnly, 'warning'), exitCodeFor(warnOnly, 'never')]).toEqual([0, 1, 0])
    expect([conclusionFor(warnOnly, 'error'), conclusionFor(warnOnly, 'warning'), conclusionFor(clean, 'error')]).toEqual(['neutral', 'failure', 'success'])
    expect(failedFiles(r, 'warning')).toEqual(['a', 'c'])
    expect(failedFiles(r, 'never')).toEqual(['c'])
  })

  it('failMessage counts the failing files', () => {
    expect(failMessage(r, 'error')).toBe('spec-template-check: 1 error in 1 file')
    expect(failMessage(r, 'warning')).toBe('spec-template-check: 1 error and 1 warning in 2 files')
  })
})
