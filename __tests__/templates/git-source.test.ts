/** template-ref: base reads templates from a commit: discovery lists the spec's folder there too. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkFiles } from '../../src/runner/check-files.js'
import { gitTemplateSource } from '../../src/templates/templates.js'
import { GOOD_SPEC, SMALL_TEMPLATE } from '../helpers.js'

let ws: string
beforeEach(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'stc-gitsrc-'))
})
afterEach(() => rmSync(ws, { recursive: true, force: true }))

const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: ws, encoding: 'utf8' })

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true })
  writeFileSync(path.join(ws, rel), text)
}

test('a *-template.rst in the spec\'s own folder at the base is found; one the change adds is not', async () => {
  write('doc/specs/v1/approved/v1-template.rst', SMALL_TEMPLATE)
  write('doc/specs/v1/approved/a.rst', GOOD_SPEC)
  git('init', '-q')
  git('add', '-A')
  git('commit', '-qm', 'base')
  const sha = git('rev-parse', 'HEAD').trim()
  write('doc/specs/v1/approved/new-template.rst', 'no sections\n') // added by the change, not at the base
  const source = gitTemplateSource({ workspace: ws, sha })
  expect(await source.list!('doc/specs/v1/approved')).toEqual(['a.rst', 'v1-template.rst'])
  expect(await source.list!('')).toEqual(['doc'])
  const settings = { workspace: ws, paths: ['**/*.rst'], exclude: [], optionalSections: [], maxLineLength: 79, rules: {}, sectionDepth: 2, failOn: 'error' as const }
  const [f] = (await checkFiles(['doc/specs/v1/approved/a.rst'], settings, { templateSource: source })).files
  expect([f!.template, f!.error, f!.findings]).toEqual(['doc/specs/v1/approved/v1-template.rst', undefined, []])
})
