/**
 * Which template each spec gets, on real folders: the layouts of nova, heat
 * and neutron, specific before generic, best match among candidates, broken
 * templates as per-spec errors, and which files are specs at all.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkFiles } from '../../src/runner/check-files.js'
import { ConfigError, type Settings } from '../../src/config/config.js'
import { expandGlobs, specFilter } from '../../src/workspace/files.js'
import { GOOD_SPEC, SMALL_TEMPLATE, writeTree } from '../helpers.js'

let ws: string
beforeEach(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'stc-disc-'))
})
afterEach(() => rmSync(ws, { recursive: true, force: true }))

function write(files: Record<string, string>): void {
  writeTree(ws, files)
}

function settings(extra: Partial<Settings> = {}): Settings {
  return {
    workspace: ws,
    paths: ['**/*.rst'],
    exclude: [],
    optionalSections: [],
    maxLineLength: 79,
    rules: {},
    sectionDepth: 2,
    failOn: 'error',
    ...extra
  }
}

/** spec -> template used (or the error) */
async function templatesOf(extra: Partial<Settings> = {}): Promise<Record<string, string>> {
  const s = settings(extra)
  const report = await checkFiles(await expandGlobs(s), s)
  return Object.fromEntries(report.files.map(f => [f.file, f.error ?? f.template]))
}

/** A "lite" template: two of the small template's sections. */
const LITE = '==========\nLite Title\n==========\n\nProblem description\n===================\n\nWhy.\n\nProposed change\n===============\n\nWhat.\n'
const LITE_SPEC = '===========\nSmall thing\n===========\n\nProblem description\n===================\n\nIt hurts.\n\nProposed change\n===============\n\nFix it.\n'

describe('discovery: what projects use', () => {
  test('heat: specs/templates/<release>-template.rst, and the symlink beside the specs is the same template', async () => {
    write({
      'specs/templates/rocky-template.rst': SMALL_TEMPLATE,
      'specs/rocky/rocky-template.rst': '../templates/rocky-template.rst', // a git symlink checked out as text
      'specs/rocky/a.rst': GOOD_SPEC,
      'specs/templates/juno-template.rst': SMALL_TEMPLATE,
      'specs/juno/b.rst': GOOD_SPEC
    })
    const s = settings()
    const report = await checkFiles(await expandGlobs(s), s)
    expect(report.files.map(f => [f.file, f.template, f.templateChoice])).toEqual([
      ['specs/juno/b.rst', 'specs/templates/juno-template.rst', undefined],
      ['specs/rocky/a.rst', 'specs/templates/rocky-template.rst', undefined]
    ])
    expect(report.totals.errors).toBe(0)
  })

  test('nova: specs/<release>-template.rst beside the release folder, for specs two folders down', async () => {
    write({ 'specs/2025.1-template.rst': SMALL_TEMPLATE, 'specs/2025.1/approved/a.rst': GOOD_SPEC, 'specs/template.rst': LITE })
    expect(await templatesOf()).toEqual({ 'specs/2025.1/approved/a.rst': 'specs/2025.1-template.rst' })
  })

  test('a symbolic link stored as text is followed, and the report names its target', async () => {
    write({
      'specs/2026.2-template.rst': SMALL_TEMPLATE,
      'specs/2026.2/approved/2026.2-template.rst': '../../2026.2-template.rst',
      'specs/2026.2/approved/a.rst': GOOD_SPEC
    })
    expect(await templatesOf()).toEqual({ 'specs/2026.2/approved/a.rst': 'specs/2026.2-template.rst' })
  })

  test('neutron: specs/template.rst for every release folder', async () => {
    write({ 'specs/template.rst': SMALL_TEMPLATE, 'specs/2025.1/a.rst': GOOD_SPEC, 'specs/kilo/b.rst': GOOD_SPEC })
    expect(await templatesOf()).toEqual({ 'specs/2025.1/a.rst': 'specs/template.rst', 'specs/kilo/b.rst': 'specs/template.rst' })
  })

  test('at one level the specific name wins over the generic one', async () => {
    write({ 'specs/policy-template.rst': LITE, 'specs/template.rst': SMALL_TEMPLATE, 'specs/policy/a.rst': LITE_SPEC, 'specs/other/b.rst': GOOD_SPEC })
    expect(await templatesOf()).toEqual({ 'specs/policy/a.rst': 'specs/policy-template.rst', 'specs/other/b.rst': 'specs/template.rst' })
    // The same folder claimed by template.rst inside it and <folder>-template.rst beside it: the specific one.
    write({ 'specs/policy/template.rst': SMALL_TEMPLATE })
    expect((await templatesOf())['specs/policy/a.rst']).toBe('specs/policy-template.rst')
  })

  test('the nearest folder wins over a specific name further up', async () => {
    write({ 'specs/2025.1-template.rst': LITE, 'specs/2025.1/approved/template.rst': SMALL_TEMPLATE, 'specs/2025.1/approved/a.rst': GOOD_SPEC })
    expect(await templatesOf()).toEqual({ 'specs/2025.1/approved/a.rst': 'specs/2025.1/approved/template.rst' })
  })

  test('a single *-template.rst in the spec\'s own folder', async () => {
    write({ 'doc/source/specs/v1/approved/v1-template.rst': SMALL_TEMPLATE, 'doc/source/specs/v1/approved/a.rst': GOOD_SPEC })
    expect(await templatesOf()).toEqual({ 'doc/source/specs/v1/approved/a.rst': 'doc/source/specs/v1/approved/v1-template.rst' })
  })

  test('a full and a lite template side by side: the one the spec matches best, and why', async () => {
    write({ 'specs/x/template.rst': SMALL_TEMPLATE, 'specs/x/lite-template.rst': LITE, 'specs/x/full.rst': GOOD_SPEC, 'specs/x/small.rst': LITE_SPEC })
    const s = settings()
    const report = await checkFiles(await expandGlobs(s), s)
    const full = report.files.find(f => f.file === 'specs/x/full.rst')!
    const small = report.files.find(f => f.file === 'specs/x/small.rst')!
    expect(full.template).toBe('specs/x/template.rst')
    expect(small.template).toBe('specs/x/lite-template.rst')
    expect(small.findings).toEqual([])
    expect(full.templateChoice?.reason).toBe(
      "specs/x/template.rst chosen among 2 templates found side by side, as the one the spec's section titles match best: " +
        'the spec has 9 of the 10 section titles of specs/x/template.rst; ' +
        'the spec has 2 of the 2 section titles of specs/x/lite-template.rst, and 7 others'
    )
    expect(small.templateChoice?.candidates.map(c => [c.template, c.matched, c.total])).toEqual([
      ['specs/x/template.rst', 2, 10],
      ['specs/x/lite-template.rst', 2, 2]
    ])
  })

  test('the configuration file\'s templates mapping still wins', async () => {
    write({ 'specs/templates/rocky-template.rst': SMALL_TEMPLATE, 'tpl/other-template.rst': LITE, 'specs/rocky/a.rst': LITE_SPEC })
    expect(await templatesOf({ templates: [{ files: ['specs/rocky/**'], template: 'tpl/other-template.rst', optionalSections: [] }] })).toEqual({
      'specs/rocky/a.rst': 'tpl/other-template.rst'
    })
  })
})

describe('a broken template is an error for the specs that use it, not the end of the run', () => {
  test('no sections: the specs under it get the template\'s path and what is wrong; the others are checked', async () => {
    write({
      'specs/a/template.rst': 'A spec-lite template: just write a paragraph.\n',
      'specs/a/one.rst': GOOD_SPEC,
      'specs/b/template.rst': SMALL_TEMPLATE,
      'specs/b/two.rst': GOOD_SPEC
    })
    const s = settings()
    const report = await checkFiles(await expandGlobs(s), s)
    const one = report.files.find(f => f.file === 'specs/a/one.rst')!
    expect(one.template).toBe('specs/a/template.rst')
    expect(one.error).toBe(
      'template specs/a/template.rst, line 1: no sections found; a template needs a title and at least one section; ' +
        'this spec was not checked against it (fix the template, or choose one with the template setting)'
    )
    const two = report.files.find(f => f.file === 'specs/b/two.rst')!
    expect([two.error, two.findings]).toEqual([undefined, []])
    expect(report.totals.errors).toBe(1)
  })

  test('duplicate sibling titles name the line; an unreadable (binary) template says why', async () => {
    write({
      'specs/a/template.rst': 'T\n=\n\nA\n-\n\nx\n\nA\n-\n\ny\n',
      'specs/a/one.rst': GOOD_SPEC,
      'specs/b/template.rst': '\u0000\u0001',
      'specs/b/two.rst': GOOD_SPEC
    })
    const t = await templatesOf()
    expect(t['specs/a/one.rst']).toMatch(/^template specs\/a\/template\.rst, line 9: section "A" appears twice under the same parent \(lines 4 and 9\)/)
    expect(t['specs/b/two.rst']).toMatch(/^template specs\/b\/template\.rst: line 1: binary file/)
  })

  test('a broken candidate beside a good one: the good one, and the report says why', async () => {
    write({ 'specs/x/template.rst': SMALL_TEMPLATE, 'specs/x/lite-template.rst': 'no sections\n', 'specs/x/a.rst': LITE_SPEC })
    const s = settings()
    const [f] = (await checkFiles(['specs/x/a.rst'], s)).files
    expect(f!.template).toBe('specs/x/template.rst')
    expect(f!.templateChoice?.reason).toMatch(
      /^specs\/x\/template\.rst chosen: specs\/x\/lite-template\.rst cannot be used \(no sections found/
    )
  })

  test('an explicit template that is broken is an error per spec; one that is not there stops the run', async () => {
    write({ 'tpl.rst': 'no sections\n', 'specs/a.rst': GOOD_SPEC })
    const [f] = (await checkFiles(['specs/a.rst'], settings({ template: 'tpl.rst' }))).files
    expect(f!.error).toMatch(/^template tpl\.rst, line 1: no sections found/)
    await expect(checkFiles(['specs/a.rst'], settings({ template: 'nope.rst' }))).rejects.toThrow(ConfigError)
    await expect(checkFiles(['specs/a.rst'], settings({ template: 'nope.rst' }))).rejects.toThrow('template nope.rst: file not found')
  })
})

describe('not every .rst is a spec', () => {
  test('index, README and template files are skipped by default; deploy-templates.rst is a spec', () => {
    const keep = specFilter(settings())
    const names = [
      'specs/index.rst',
      'specs/README.rst',
      'specs/readme.rst',
      'specs/template.rst',
      'specs/2025.1-template.rst',
      'specs/postmortem_template.rst',
      'specs/deploy-templates.rst',
      'specs/templates.rst',
      'specs/a.rst'
    ]
    expect(names.filter(keep)).toEqual(['specs/deploy-templates.rst', 'specs/templates.rst', 'specs/a.rst'])
  })

  test('not-specs replaces the list; an empty list checks every file', () => {
    expect(['specs/index.rst', 'specs/NOTES.rst', 'specs/template.rst'].filter(specFilter(settings({ notSpecs: ['notes.rst'] })))).toEqual([
      'specs/index.rst',
      'specs/template.rst'
    ])
    expect(['specs/index.rst', 'specs/template.rst'].filter(specFilter(settings({ notSpecs: [] })))).toEqual(['specs/index.rst', 'specs/template.rst'])
  })
})

describe('discovery: two formats in one folder', () => {
  const MD_TEMPLATE = '# Title\n\n## Summary\n\n<!-- What and why. -->\n\n## Proposal\n\n<!-- How. -->\n'
  const MD_SPEC = '# Faster listing\n\n## Summary\n\nList faster.\n\n## Proposal\n\nOne query.\n'
  test('an .rst spec and an .md spec beside template.rst and template.md each get the template of their own format, in either order', async () => {
    write({
      'specs/template.rst': SMALL_TEMPLATE,
      'specs/template.md': MD_TEMPLATE,
      'specs/a.md': MD_SPEC,
      'specs/b.rst': GOOD_SPEC,
      'specs/c.md': MD_SPEC
    })
    expect(await templatesOf({ paths: ['specs/*.md', 'specs/*.rst'] })).toEqual({
      'specs/a.md': 'specs/template.md',
      'specs/b.rst': 'specs/template.rst',
      'specs/c.md': 'specs/template.md'
    })
  })

  test('an .rst spec beside only a template.md gets the embedded default, not the Markdown template', async () => {
    write({ 'specs/template.md': MD_TEMPLATE, 'specs/a.md': MD_SPEC, 'specs/b.rst': GOOD_SPEC })
    const got = await templatesOf({ paths: ['specs/*.md', 'specs/*.rst'] })
    expect(got['specs/a.md']).toBe('specs/template.md')
    expect(got['specs/b.rst']).toBe('(embedded default)')
  })
})
