import { readFileSync } from 'node:fs'
import path from 'node:path'
import { checkFiles } from '../../src/runner/check-files.js'
import { isTemplateFile } from '../../src/engine/discover.js'
import type { Settings } from '../../src/config/config.js'
import { CORPUS, describeCorpus, novaOptionalSections } from './corpus.js'

const UPSTREAM_RULES = ['missing-section', 'extra-section', 'line-length', 'trailing-whitespace', 'zero-width-space']

describeCorpus('nova-specs: agrees with upstream verdicts', () => {
  test('no upstream-checked finding on any file upstream passes', async () => {
    const root = path.join(CORPUS, 'nova-specs')
    const rows = readFileSync(path.join(root, 'reference-verdicts.tsv'), 'utf8').trim().split('\n').slice(1)
    const passed = new Map<string, string[]>() // release -> files
    for (const row of rows) {
      const [file, , result] = row.split('\t')
      if (result !== 'PASS') continue
      const release = file!.split('/')[1]!
      const list = passed.get(release) ?? []
      if (!list.includes(file!)) list.push(file!)
      passed.set(release, list)
    }
    let files = 0
    let templates = 0
    const bad: string[] = []
    for (const [release, all] of passed) {
      // Upstream also "checks" 4 template files (symlinks stored as text);
      // template files are never checked as specs here.
      const list = all.filter(f => !isTemplateFile(f))
      templates += all.length - list.length
      const settings: Settings = {
        workspace: root,
        paths: ['specs/**/*.rst'],
        exclude: [],
        optionalSections: novaOptionalSections(release),
        maxLineLength: 79,
        rules: {},
        sectionDepth: 2,
        failOn: 'error'
      }
      const report = await checkFiles(list, settings)
      for (const f of report.files) {
        files++
        expect(f.embeddedTemplate).toBe(false)
        if (f.error) bad.push(`${f.file}: ${f.error}`)
        for (const x of f.findings) if (UPSTREAM_RULES.includes(x.rule)) bad.push(`${f.file}:${x.line}: ${x.rule} ${x.message}`)
      }
    }
    expect(files + templates).toBe(813)
    expect(templates).toBe(4)
    expect(bad).toEqual([])
  })
})
