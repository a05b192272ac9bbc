import path from 'node:path'
import { ConfigError } from '../../src/config/config.js'
import { applyConfigFile, envInputReader, readActionSettings } from '../../src/action/settings.js'

const WS = path.resolve('/tmp/ws-settings')

function read(inputs: Record<string, string>, env: NodeJS.ProcessEnv = { GITHUB_WORKSPACE: WS }) {
  const e: NodeJS.ProcessEnv = { ...env }
  for (const [k, v] of Object.entries(inputs)) e[`INPUT_${k.toUpperCase()}`] = v
  return readActionSettings(envInputReader(e), e)
}

describe('readActionSettings', () => {
  it('empty inputs give the defaults', () => {
    const s = read({})
    expect(s).toEqual({
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
      suppressions: 'allow',
      scope: 'changed',
      suggestions: 'off',
      annotations: 'auto',
      templateRef: 'head',
      lines: 'all',
      given: new Set(),
      summary: true,
      reportFile: undefined,
      sarifFile: undefined,
      token: '',
      requestTimeout: 30
    })
  })

  it('reads every input, with the runner naming (INPUT_GITHUB-TOKEN keeps the dash)', () => {
    const s = read({
      'github-token': 'ghs_x',
      paths: 'specs/**/*.rst\nother/*.rst, more/*.rst',
      exclude: 'specs/archive/**',
      template: 'specs/template.rst',
      'optional-sections': 'Alternatives, Upgrade impact',
      'allowed-sections': 'Dependencies\nTesting',
      'max-line-length': '100',
      rules: 'line-length=warning\nimage=off',
      scope: 'all',
      'fail-on': 'warning',
      annotations: 'workflow-commands',
      'template-ref': 'base',
      summary: 'false',
      'report-file': 'out/report.json',
      'sarif-file': './out/x.sarif',
      'request-timeout': '12'
    })
    expect(s).toMatchObject({
      token: 'ghs_x',
      paths: ['specs/**/*.rst', 'other/*.rst', 'more/*.rst'],
      exclude: ['specs/archive/**'],
      template: 'specs/template.rst',
      optionalSections: ['Alternatives', 'Upgrade impact'],
      allowedSections: ['Dependencies', 'Testing'],
      maxLineLength: 100,
      rules: { 'line-length': 'warning', image: 'off' },
      scope: 'all',
      failOn: 'warning',
      annotations: 'workflow-commands',
      templateRef: 'base',
      summary: false,
      reportFile: 'out/report.json',
      sarifFile: 'out/x.sarif',
      requestTimeout: 12
    })
  })

  it('template is normalised to a workspace-relative path', () => {
    expect(read({ template: './specs/../specs/template.rst' }).template).toBe('specs/template.rst')
    expect(read({ template: path.join(WS, 'specs/t.rst') }).template).toBe('specs/t.rst')
  })

  it('workspace falls back to the current directory', () => {
    expect(read({}, {}).workspace).toBe(process.cwd())
  })

  it('report-file and sarif-file may be inside RUNNER_TEMP (kept absolute); other absolute paths are refused', () => {
    const temp = path.resolve('/tmp/runner-temp-settings')
    const env = { GITHUB_WORKSPACE: WS, RUNNER_TEMP: temp }
    const s = read({ 'report-file': `${temp}/report.json`, 'sarif-file': `${temp}/x/r.sarif` }, env)
    expect(s.reportFile).toBe(path.join(temp, 'report.json'))
    expect(s.sarifFile).toBe(path.join(temp, 'x/r.sarif'))
    expect(() => read({ 'report-file': `${temp}/../report.json` }, env)).toThrow(
      /input "report-file": ".*" must be a file path inside the workspace \(.*\) or inside RUNNER_TEMP \(\/tmp\/runner-temp-settings\)/
    )
    // Without RUNNER_TEMP only the workspace is allowed.
    expect(() => read({ 'report-file': `${temp}/report.json` })).toThrow(/inside the workspace \(\/tmp\/ws-settings\)"?$/)
  })

  it.each([
    ['fail-on', 'sometimes', /input "fail-on": "sometimes" is not allowed; use one of: error, warning, never/],
    ['scope', 'some', /input "scope".*changed, all/],
    ['annotations', 'loud', /input "annotations".*auto, check-run, workflow-commands, none/],
    ['summary', 'yes', /input "summary".*true, false/],
    ['max-line-length', '0', /input "max-line-length"/],
    ['rules', 'nonsense-rule=error', /input "rules": unknown rule/],
    ['report-file', '../outside.json', /input "report-file".*inside the workspace/],
    ['sarif-file', '/etc/x.sarif', /input "sarif-file".*inside the workspace/],
    ['template', '../../template.rst', /input "template".*inside the workspace/],
    ['template', '/etc/passwd', /input "template".*inside the workspace/],
    ['template-ref', 'main', /input "template-ref": "main" is not allowed; use one of: head, base/],
    ['request-timeout', '0', /input "request-timeout"/],
    ['request-timeout', 'soon', /input "request-timeout": "soon" is not a whole number/],
    ['suppressions', 'off', /input "suppressions": "off" is not allowed; use one of: allow, report, deny/],
    ['suggestions', 'yes', /input "suggestions": "yes" is not allowed; use one of: off, review/],
    ['max-line-length', 'eighty', /input "max-line-length": "eighty" is not a whole number/],
    ['rules', 'line-length=fatal', /input "rules": unknown severity "fatal".*error, warning, notice, off/],
    ['paths', '../other/**/*.rst', /input "paths": "\.\.\/other\/\*\*\/\*\.rst" must be a glob relative to the workspace/],
    ['paths', 'specs/**/*.rst, /etc/*', /input "paths": "\/etc\/\*" must be a glob relative to the workspace/],
    ['paths', 'specs/../../**', /input "paths".*no "\." or "\.\." parts/],
    ['exclude', '../**', /input "exclude".*relative to the workspace/],
    ['exclude', 'C:\\x\\*.rst', /input "exclude".*relative to the workspace/]
  ])('bad %s is a ConfigError naming the input', (name, value, message) => {
    let err: unknown
    try {
      read({ [name]: value })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toMatch(message)
    expect((err as Error).message).not.toContain('\n')
  })
})

describe('applyConfigFile: allowed-sections and max-line-length', () => {
  const cfg = { source: '.spec-template-check.yml', allowedSections: ['Dependencies'], maxLineLength: 100 }

  it('the configuration file fills inputs left empty', () => {
    const s = applyConfigFile(read({}), cfg)
    expect(s.allowedSections).toEqual(['Dependencies'])
    expect(s.maxLineLength).toBe(100)
  })

  it('a given input wins', () => {
    const s = applyConfigFile(read({ 'allowed-sections': 'Testing', 'max-line-length': '80' }), cfg)
    expect(s.allowedSections).toEqual(['Testing'])
    expect(s.maxLineLength).toBe(80)
  })
})

describe('suppressions: input and configuration file', () => {
  it('the configuration file sets it when the input is empty; a given input wins', () => {
    expect(applyConfigFile(read({}), { source: 'c.yml', suppressions: 'deny' }).suppressions).toBe('deny')
    expect(applyConfigFile(read({ suppressions: 'report' }), { source: 'c.yml', suppressions: 'deny' }).suppressions).toBe('report')
    expect(applyConfigFile(read({ suppressions: 'ALLOW' }), { source: 'c.yml', suppressions: 'deny' }).suppressions).toBe('allow')
    expect(applyConfigFile(read({}), { source: 'c.yml' }).suppressions).toBe('allow')
  })
})
