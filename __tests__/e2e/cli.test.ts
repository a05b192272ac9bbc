/**
 * The bundled CLI (dist/cli/index.js): the quick start as a real process
 * (`run`), the rest with the bundle's main() called in this process
 * (`runIn`: the same code, without a process start per call).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GOOD_SPEC, SMALL_TEMPLATE, lineOf } from '../helpers.js'
import { assertBundleCurrent, cliEnv } from './bundle.js'
import { runCliBundle } from '../cli/in-process.js'

const CLI = path.resolve('dist/cli/index.js')

interface Run { code: number; stdout: string; stderr: string }

function run(args: string[], cwd = process.cwd()): Promise<Run> {
  assertBundleCurrent()
  return new Promise(resolve => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: cliEnv() }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** The bundle's main() in this process. */
const runIn = (args: string[], cwd = process.cwd()): Promise<Run> => runCliBundle(args, cwd)

let ws: string
beforeEach(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'stc-cli-'))
})
afterEach(() => rmSync(ws, { recursive: true, force: true }))

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true })
  writeFileSync(path.join(ws, rel), text)
}

describe('CLI on the bundled examples (the quick start)', () => {
  test('npm start: findings for the bad spec, a summary, a closing line, exit 0', async () => {
    const r = await run(['--fail-on', 'never', 'examples'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^examples\/bad-spec\.rst:\d+:\d+: error missing-section /m)
    expect(r.stdout).toContain('examples/bad-spec.rst:8:1: error title ')
    expect(r.stdout).toMatch(/4 files checked: \d+ errors, \d+ warnings\n$/)
    // No finding for the good spec; with two templates in use, its block names its template only.
    expect(r.stdout).not.toMatch(/^examples\/good-spec\.rst:\d+/m)
    expect(r.stdout).toContain('examples/good-spec.rst:\n  note: checked against the embedded default template\n')
    // Both formats: the Markdown proposals against examples/template.md.
    expect(r.stdout).toContain('examples/bad-proposal.md:38:1: error missing-section Missing heading "## Test Plan": add it after "Proposal".')
    for (const rule of ['front-matter', 'toc', 'placeholder', 'empty-section', 'extra-section', 'section-level']) {
      expect(r.stdout).toMatch(new RegExp(`^examples/bad-proposal\\.md:\\d+:\\d+: error ${rule} `, 'm'))
    }
    expect(r.stdout).not.toMatch(/^examples\/good-proposal\.md:/m)
    expect(r.stdout).not.toContain('examples/template.md')
  })

  test('without --fail-on never, errors exit 1', async () => {
    expect((await run(['examples'])).code).toBe(1)
    const good = await run(['examples/good-spec.rst'])
    expect(good.stdout).toContain('1 file checked: 0 errors, 0 warnings')
    expect(good.code).toBe(0)
  })

  test('--format json and sarif are parseable and agree', async () => {
    const json = JSON.parse((await run(['--format', 'json', '--fail-on', 'never', 'examples'])).stdout)
    const sarif = JSON.parse((await run(['--format', 'sarif', '--fail-on', 'never', 'examples'])).stdout)
    const findings = json.files.flatMap((f: { findings: unknown[] }) => f.findings)
    expect(findings.length).toBeGreaterThan(5)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results).toHaveLength(findings.length)
    const bad = json.files.find((f: { file: string }) => f.file === 'examples/bad-spec.rst')
    expect(bad.embeddedTemplate).toBe(true)
    const statuses = Object.fromEntries(bad.sections.map((s: { title: string; status: string }) => [s.title, s.status]))
    expect(statuses).toMatchObject({ 'Use Cases': 'empty', 'Proposed change': 'missing', 'Assignee(s)': 'placeholder', 'Work Items': 'template-text' })
  })

  test('--outline prints the section tree the scanner sees', async () => {
    const r = await run(['--outline', 'examples/good-spec.rst'])
    const o = JSON.parse(r.stdout.trim())
    expect(o.file).toBe('examples/good-spec.rst')
    expect(o.sections[0]).toEqual({ level: 1, line: 8, title: 'Cache downloaded images between builds' })
    expect(o.sections[1]).toEqual({ level: 2, line: 15, title: 'Problem description' })
  })

  test('--outline reads .md files as Markdown: the headings GitHub renders', async () => {
    write('doc.md', '---\ntitle: x\n---\n# Title\n\n```\n# not a heading\n```\nSetext\n---\n')
    const r = await run(['--outline', '--stats', 'doc.md'], ws)
    expect(r.stderr).toMatch(/^stats \{"files":1,/)
    const o = JSON.parse(r.stdout.trim())
    expect(o).toEqual({
      file: 'doc.md', format: 'markdown', frontMatter: ['title'], problems: [],
      sections: [{ level: 1, line: 4, title: 'Title' }, { level: 2, line: 9, title: 'Setext' }]
    })
  })
})

describe('CLI in a repository', () => {
  test('discovers specs/template.rst, never checks templates, default path specs', async () => {
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/2025.1/approved/good.rst', GOOD_SPEC)
    write('specs/2025.1/approved/bad.rst', GOOD_SPEC.replace('Testing\n=======\n\nUnit tests.\n\n', ''))
    const r = await runIn(['--format', 'json'], ws)
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(['specs/2025.1/approved/bad.rst', 'specs/2025.1/approved/good.rst'])
    expect(json.files[0].template).toBe('specs/template.rst')
    expect(json.files[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['missing-section'])
  })

  test('nova layout: specs/<release>-template.rst', async () => {
    write('specs/2025.1-template.rst', SMALL_TEMPLATE)
    write('specs/2025.1/approved/good.rst', GOOD_SPEC)
    const r = await runIn(['--format', 'json', 'specs'], ws)
    const json = JSON.parse(r.stdout)
    expect(json.files).toHaveLength(1)
    expect(json.files[0].template).toBe('specs/2025.1-template.rst')
    expect(r.code).toBe(0)
  })

  test('no template anywhere: the embedded default, said in the text report', async () => {
    copyFileSync('examples/good-spec.rst', path.join(ws, 'spec.rst'))
    const r = await runIn(['spec.rst'], ws)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('embedded default')
  })
})

describe('CLI with .spec-template-check.yml', () => {
  test('paths, per-glob templates with optional sections, rules; flags override', async () => {
    write('tpl/main.rst', SMALL_TEMPLATE)
    write('proposals/a.rst', GOOD_SPEC.replace('History\n=======\n\nNone\n', '').replace('Unit tests.', 'Unit\ttests.'))
    write('.spec-template-check.yml', [
      'paths: proposals/*.rst',
      'templates:',
      '  - files: proposals/**',
      '    template: tpl/main.rst',
      '    optional-sections: [History]',
      'rules:',
      '  tab: error',
      ''
    ].join('\n'))
    const r = await runIn(['--format', 'json'], ws)
    const json = JSON.parse(r.stdout)
    expect(json.files.map((f: { file: string; template: string }) => [f.file, f.template])).toEqual([['proposals/a.rst', 'tpl/main.rst']])
    expect(json.files[0].findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity])).toEqual([['tab', 'error']])
    expect(r.code).toBe(1)
    const flag = await runIn(['--format', 'json', '--rules', 'tab=off'], ws)
    expect(JSON.parse(flag.stdout).files[0].findings).toEqual([])
    expect(flag.code).toBe(0)
  })

  test('an unknown key is exit 2 naming the key', async () => {
    write('.spec-template-check.yml', 'max-line-lenght: 80\n')
    write('specs/a.rst', GOOD_SPEC)
    const r = await runIn([], ws)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('.spec-template-check.yml: unknown key "max-line-lenght"')
  })

  test('two template mappings for one spec are exit 2 naming both; discovery takes the specific name', async () => {
    write('specs/2025.1/template.rst', SMALL_TEMPLATE)
    write('specs/2025.1-template.rst', SMALL_TEMPLATE)
    write('specs/2025.1/a.rst', GOOD_SPEC)
    const r = await runIn(['--format', 'json'], ws)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).files.map((f: { template: string }) => f.template)).toEqual(['specs/2025.1-template.rst'])
    write('.spec-template-check.yml', 'templates:\n  - files: specs/**\n    template: specs/2025.1-template.rst\n  - files: "**/a.rst"\n    template: specs/2025.1/template.rst\n')
    const r2 = await runIn([], ws)
    expect(r2.code).toBe(2)
    expect(r2.stderr).toContain('two templates for specs/2025.1/a.rst: specs/2025.1-template.rst (files: specs/**) and specs/2025.1/template.rst')
  })
})

describe('CLI --lines changed', () => {
  test('line rules only on lines changed since --base; structure on the whole file', async () => {
    const long = 'word '.repeat(20).trim()
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/a.rst', GOOD_SPEC.replace('Unit tests.', long))
    const git = (...a: string[]): Promise<Run> =>
      new Promise(resolve => execFile('git', a, { cwd: ws }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })))
    await git('init', '-q')
    await git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'root')
    await git('add', '-A')
    await git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-q', '-m', 'specs')
    // Change one line (adds a second long line) and drop a section.
    write('specs/a.rst', GOOD_SPEC.replace('Unit tests.', long).replace('Add a frobnicator.', long + ' x').replace('History\n=======\n\nNone\n', ''))
    write('specs/new.rst', GOOD_SPEC.replace('Unit tests.', long))
    const all = JSON.parse((await runIn(['--format', 'json', '--fail-on', 'never'], ws)).stdout)
    const changed = JSON.parse((await runIn(['--format', 'json', '--fail-on', 'never', '--lines', 'changed'], ws)).stdout)
    const rules = (j: { files: { file: string; findings: { rule: string; line: number }[] }[] }, file: string): string[] =>
      j.files.find(f => f.file === file)!.findings.map(f => f.rule)
    expect(rules(all, 'specs/a.rst')).toEqual(['line-length', 'line-length', 'missing-section'])
    expect(rules(changed, 'specs/a.rst')).toEqual(['line-length', 'missing-section'])
    expect(rules(changed, 'specs/new.rst')).toEqual(['line-length']) // untracked: every line is new
    const since = JSON.parse((await runIn(['--format', 'json', '--fail-on', 'never', '--lines', 'changed', '--base', 'HEAD~1'], ws)).stdout)
    expect(rules(since, 'specs/a.rst')).toEqual(['line-length', 'line-length', 'missing-section'])
    const bad = await runIn(['--lines', 'changed', '--base', 'nope'], ws)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--lines changed needs git and a valid --base revision ("nope")')
  })
})

describe('CLI --fix', () => {
  test('rewrites the file, says what it fixed, reports the rest; a second run changes nothing', async () => {
    write('specs/template.rst', SMALL_TEMPLATE)
    const broken = GOOD_SPEC.replace('Testing\n=======\n\nUnit tests.\n\n', '').replace('Add a frobnicator.', 'Add a frobnicator.  \t').replace(/\n/g, '\r\n')
    write('specs/a.rst', broken)
    const r = await runIn(['--fix'], ws)
    expect(r.stderr).toMatch(/^fixed specs\/a\.rst: carriage-return, trailing-whitespace, missing-section\n$/)
    expect(r.stdout).toContain('1 file checked: 0 errors, 0 warnings')
    expect(r.code).toBe(0)
    const after = readFileSync(path.join(ws, 'specs/a.rst'), 'utf8')
    expect(after).toBe(GOOD_SPEC.replace('Unit tests.', 'None'))
    const again = await runIn(['--fix'], ws)
    expect(again.stderr).toBe('')
    expect(readFileSync(path.join(ws, 'specs/a.rst'), 'utf8')).toBe(after)
  })
})

describe('CLI errors: exit 2 with one clear line', () => {
  test.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--rules', 'nope=error', 'examples'], /--rules: unknown rule "nope"/],
    [['--fail-on', 'sometimes', 'examples'], /--fail-on: "sometimes" is not allowed; use one of: error, warning, never/],
    [['--max-line-length', 'wide', 'examples'], /--max-line-length: "wide" is not a whole number/],
    [['--format', 'xml', 'examples'], /--format: "xml" is not allowed/],
    [["--template", "nope.rst", "examples"], /template nope\.rst: file not found/],
    [['does-not-exist'], /path "does-not-exist" does not exist/]
  ])('%j', async (args, message) => {
    const r = await runIn(args as string[])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message as RegExp)
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  test('a template with no sections is an error for the specs under it; the others are checked', async () => {
    write('specs/lite/template.rst', 'Only text, no sections.\n')
    write('specs/lite/a.rst', GOOD_SPEC)
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/b.rst', GOOD_SPEC)
    const r = await runIn([], ws)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('specs/lite/a.rst:1:1: error file-error template specs/lite/template.rst, line 1: no sections found')
    expect(r.stdout).toContain('2 files checked: 1 error, 0 warnings')
  })
})

describe('CLI: which files, and where they are read', () => {
  test('a template named as a file: not checked, says so on stderr; --outline prints its tree', async () => {
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/index.rst', 'Index\n=====\n')
    const r = await runIn(['specs/template.rst', 'specs/index.rst'], ws)
    expect(r.stderr).toBe(
      'spec-template-check: not checked: specs/template.rst: index, README and template files are not specs (set not-specs, or --not-specs none, to check it)\n' +
        'spec-template-check: not checked: specs/index.rst: index, README and template files are not specs (set not-specs, or --not-specs none, to check it)\n'
    )
    expect(r.stdout).toBe('0 files checked: 0 errors, 0 warnings\n')
    const o = await runIn(['--outline', 'specs/template.rst'], ws)
    expect(o.code).toBe(0)
    const tree = JSON.parse(o.stdout)
    expect(tree.file).toBe('specs/template.rst')
    expect(tree.sections.slice(0, 2)).toEqual([
      { level: 1, line: lineOf(SMALL_TEMPLATE, 'Example Spec - Title'), title: 'Example Spec - Title' },
      { level: 2, line: lineOf(SMALL_TEMPLATE, 'Problem description'), title: 'Problem description' }
    ])
  })

  test('folders skip index/README/template files; --not-specs none checks them', async () => {
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/README.rst', 'Readme\n======\n')
    write('specs/deploy-templates.rst', GOOD_SPEC)
    const r = await runIn(['--format', 'json', 'specs'], ws)
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual(['specs/deploy-templates.rst'])
    const all = await runIn(['--format', 'json', '--not-specs', 'none', '--template', 'specs/template.rst', 'specs'], ws)
    expect(JSON.parse(all.stdout).files.map((f: { file: string }) => f.file)).toEqual(['specs/README.rst', 'specs/deploy-templates.rst'])
  })

  test('--template and paths outside the current folder are read; the other repository\'s templates are discovered', async () => {
    write('home/tpl.rst', SMALL_TEMPLATE)
    write('other/specs/template.rst', SMALL_TEMPLATE.replace('Testing\n=======', 'Tests\n====='))
    write('other/specs/2025.1/a.rst', GOOD_SPEC)
    mkdirSync(path.join(ws, 'here'))
    const here = path.join(ws, 'here')
    const r = await runIn(['--format', 'json', '--template', '../home/tpl.rst', '../other/specs'], here)
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout)
    expect(json.files.map((f: { file: string; template: string }) => [f.file, f.template])).toEqual([['../other/specs/2025.1/a.rst', '../home/tpl.rst']])
    expect(r.code).toBe(0)
    const d = await runIn(['--format', 'json', '../other/specs'], here)
    expect(JSON.parse(d.stdout).files.map((f: { file: string; template: string }) => [f.file, f.template])).toEqual([
      ['../other/specs/2025.1/a.rst', '../other/specs/template.rst']
    ])
  })

  test('the root defaults to the repository\'s top folder: run from a subfolder, the configuration and templates apply', async () => {
    write('.spec-template-check.yml', 'rules:\n  tab: off\n')
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/2025.1/a.rst', GOOD_SPEC.replace('Unit tests.', 'Unit\ttests.'))
    await new Promise(resolve => execFile('git', ['init', '-q'], { cwd: ws }, resolve))
    const r = await runIn(['--format', 'json', 'a.rst'], path.join(ws, 'specs/2025.1'))
    const json = JSON.parse(r.stdout)
    expect(json.files.map((f: { file: string; template: string }) => [f.file, f.template])).toEqual([['specs/2025.1/a.rst', 'specs/template.rst']])
    expect(json.files[0].findings).toEqual([])
  })

  test('a symbolic link met while walking that leads outside the root is refused; the same file named is read', async () => {
    write('outside/x.rst', GOOD_SPEC)
    write('repo/specs/template.rst', SMALL_TEMPLATE)
    symlinkSync(path.join(ws, 'outside/x.rst'), path.join(ws, 'repo/specs/link.rst'))
    const repo = path.join(ws, 'repo')
    const walked = await runIn(['--format', 'json', 'specs'], repo)
    expect(JSON.parse(walked.stdout).files[0].error).toMatch(/symbolic link that points outside/)
    const named = await runIn(['--format', 'json', 'specs/link.rst'], repo)
    const f = JSON.parse(named.stdout).files[0]
    expect([f.error, f.template, f.findings]).toEqual([undefined, 'specs/template.rst', []])
  })
})

describe('CLI: allowed-sections', () => {
  const spec = GOOD_SPEC + '\nDependencies\n============\n\nNone\n'

  test('--allowed-sections, the configuration key, and the per-template key', async () => {
    write('specs/template.rst', SMALL_TEMPLATE)
    write('specs/a.rst', spec)
    const plain = await runIn(['specs/a.rst'], ws)
    expect(plain.stdout).toContain('error extra-section Section "Dependencies" is not in the template')
    expect(plain.code).toBe(1)
    expect((await runIn(['--allowed-sections', 'Testing,Dependencies', 'specs/a.rst'], ws)).code).toBe(0)
    write('.spec-template-check.yml', 'allowed-sections: [Dependencies]\n')
    expect((await runIn(['specs/a.rst'], ws)).code).toBe(0)
    write('.spec-template-check.yml', 'templates:\n  - files: specs/**\n    template: specs/template.rst\n    allowed-sections: Dependencies\n')
    expect((await runIn(['specs/a.rst'], ws)).code).toBe(0)
  })
})
