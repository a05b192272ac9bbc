/**
 * Markdown specs on real folder layouts: which files are specs (KEP READMEs
 * are, index READMEs and templates are not), which template each gets
 * (template.md, <folder>-template.md, NNNN-*-template/README.md, the
 * configuration's mapping), and no embedded default for Markdown.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkFiles } from '../../src/runner/check-files.js'
import type { Settings } from '../../src/config/config.js'
import { DEFAULT_PATHS } from '../../src/config/config.js'
import { expandGlobs } from '../../src/workspace/files.js'
import { isTemplateName, templateLevels } from '../../src/engine/discover.js'
import { writeTree } from '../helpers.js'

let ws: string
beforeEach(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'stc-md-disc-'))
})
afterEach(() => rmSync(ws, { recursive: true, force: true }))

function write(files: Record<string, string>): void {
  writeTree(ws, files)
}

function settings(extra: Partial<Settings> = {}): Settings {
  return { workspace: ws, paths: ['**/*.md'], exclude: [], optionalSections: [], maxLineLength: 79, rules: {}, sectionDepth: 2, failOn: 'error', ...extra }
}

async function templatesOf(extra: Partial<Settings> = {}): Promise<Record<string, string>> {
  const s = settings(extra)
  const report = await checkFiles(await expandGlobs(s), s)
  return Object.fromEntries(report.files.map(f => [f.file, f.error ?? f.template]))
}

const TPL = '# Title\n\n## Summary\n\nWhat.\n\n## Motivation\n\nWhy.\n'
const SPEC = '# Real\n\n## Summary\n\nIt.\n\n## Motivation\n\nBecause.\n'

describe('Markdown discovery', () => {
  test('KEPs: keps/NNNN-kep-template/README.md for every keps/<sig>/<NNNN-name>/README.md; index READMEs are not specs', async () => {
    write({
      'keps/README.md': '# KEPs\n\nIndex.\n',
      'keps/NNNN-kep-template/README.md': TPL,
      'keps/sig-node/README.md': '# SIG Node KEPs\n',
      'keps/sig-node/2008-pod-resize/README.md': SPEC,
      'keps/sig-apps/17-jobs/README.md': SPEC
    })
    expect(await templatesOf()).toEqual({
      'keps/sig-apps/17-jobs/README.md': 'keps/NNNN-kep-template/README.md',
      'keps/sig-node/2008-pod-resize/README.md': 'keps/NNNN-kep-template/README.md'
    })
  })

  test('template.md and <folder>-template.md, nearest first; an RST spec never takes a Markdown template', async () => {
    write({
      'specs/template.md': TPL,
      'specs/a.md': SPEC,
      'specs/v2/v2-template.md': TPL,
      'specs/v2/b.markdown': SPEC,
      'specs/v2/c.rst': '=====\nTitle\n=====\n\nProblem description\n===================\n\nIt.\n'
    })
    expect(await templatesOf({ paths: ['**/*.md', '**/*.markdown', '**/*.rst'] })).toEqual({
      'specs/a.md': 'specs/template.md',
      'specs/v2/b.markdown': 'specs/v2/v2-template.md',
      'specs/v2/c.rst': '(embedded default)'
    })
  })

  test('no Markdown template: an error for the spec, not the RST default', async () => {
    write({ 'docs/a.md': SPEC })
    const got = await templatesOf()
    expect(got['docs/a.md']).toMatch(/^no Markdown template found .*; name one with the template setting .*, or leave the file out of paths \(exclude\) if it is not a spec; this spec was not checked$/)
  })

  test('OpenShift: the configuration maps enhancements/** to guidelines/enhancement_template.md', async () => {
    write({ 'guidelines/enhancement_template.md': TPL, 'guidelines/README.md': '# Guidelines\n', 'enhancements/x/y.md': SPEC })
    expect(await templatesOf({ templates: [{ files: ['enhancements/**/*.md'], template: 'guidelines/enhancement_template.md', optionalSections: [] }] })).toEqual({
      'enhancements/x/y.md': 'guidelines/enhancement_template.md'
    })
  })

  test('names: templates of both formats, levels look for the spec\'s own extension', () => {
    expect(['template.md', 'kep-template.md', 'template.rst', 'x-template.rst'].every(n => isTemplateName(n))).toBe(true)
    expect(isTemplateName('template.md', '.rst')).toBe(false)
    expect(isTemplateName('-template.md')).toBe(false)
    expect(templateLevels('specs/v2/a.md')[0]!.tiers.map(t => t.paths)).toEqual([
      ['specs/templates/v2-template.md', 'specs/v2-template.md', 'specs/v2/v2-template.md'],
      ['specs/v2/template.md'],
      []
    ])
    expect(DEFAULT_PATHS).toEqual(['specs/**/*.rst', 'specs/**/*.md'])
  })
})
