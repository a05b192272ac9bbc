/**
 * Seed documents for the fuzz test: the repository's own specs and
 * templates, plus (read at run time, never copied in) a sample of the real
 * nova-specs corpus and the negatives when ../shared/corpus is present.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { CORPUS, HAVE_CORPUS } from '../corpus/corpus.js'

export interface SeedDoc {
  /** Where it came from (repository-relative or corpus-relative), for failure reports. */
  name: string
  text: string
}

export interface FuzzSeeds {
  /** Documents to mutate and check as specs. */
  specs: SeedDoc[]
  /** Templates to mutate and derive rules from. */
  templates: SeedDoc[]
  /** Templates to check specs against (unmutated). */
  checkTemplates: SeedDoc[]
  /** Markdown documents to mutate and check as specs (against mdTemplates). */
  mdSpecs: SeedDoc[]
  /** Markdown templates, to check Markdown specs against and to mutate. */
  mdTemplates: SeedDoc[]
  /** True when the shared corpus was found and sampled. */
  corpus: boolean
}

const ROOT = process.cwd()

function read(abs: string, name: string): SeedDoc {
  return { name, text: readFileSync(abs, 'utf8') }
}

function rstFiles(dir: string, ext = '.rst'): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith(ext) && statSync(p).isFile()) out.push(p)
    }
  }
  if (existsSync(dir)) walk(dir)
  return out
}

/** Evenly spaced sample of `n` items (deterministic, independent of the fuzz seed). */
function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items
  const out: T[] = []
  for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)]!)
  return out
}

export function loadSeeds(corpusSample: number): FuzzSeeds {
  const local = (rel: string): SeedDoc => read(path.join(ROOT, rel), rel)
  const examples = readdirSync(path.join(ROOT, 'examples')).filter(f => f.endsWith('.rst')).sort().map(f => `examples/${f}`)
  const fixtures = readdirSync(path.join(ROOT, '__tests__/fixtures')).filter(f => f.endsWith('.rst')).sort().map(f => `__tests__/fixtures/${f}`)
  const defaultTemplate = local('templates/default-template.rst')
  const smallTemplate = local('__tests__/fixtures/small-template.rst')

  const specs: SeedDoc[] = [...examples, ...fixtures].map(local)
  specs.push(defaultTemplate)
  const templates: SeedDoc[] = [defaultTemplate, smallTemplate]
  const checkTemplates: SeedDoc[] = [defaultTemplate, smallTemplate]

  if (HAVE_CORPUS) {
    const novaDir = path.join(CORPUS, 'nova-specs/specs')
    const rel = (abs: string): string => path.relative(CORPUS, abs).split(path.sep).join('/')
    const all = rstFiles(novaDir)
    const isTemplate = (f: string): boolean => /-template\.rst$/.test(f) || path.basename(f) === 'template.rst'
    const novaSpecs = all.filter(f => !isTemplate(f))
    const novaTemplates = all.filter(f => isTemplate(f) && path.dirname(f) === novaDir)
    for (const f of sample(novaSpecs, corpusSample)) specs.push(read(f, rel(f)))
    for (const f of rstFiles(path.join(CORPUS, 'negatives'))) specs.push(read(f, rel(f)))
    for (const f of novaTemplates) templates.push(read(f, rel(f)))
    // The newest and the oldest release template: different section trees.
    const newest = novaTemplates.find(f => path.basename(f) === '2027.1-template.rst') ?? novaTemplates[novaTemplates.length - 1]
    const oldest = novaTemplates.find(f => path.basename(f) === 'juno-template.rst') ?? novaTemplates[0]
    for (const f of new Set([newest, oldest])) if (f) checkTemplates.push(read(f, rel(f)))
  }
  // Markdown: our examples and fixtures; with the corpus, a sample of the OpenShift enhancements and their template.
  const mdSpecs: SeedDoc[] = ['examples/good-proposal.md', 'examples/bad-proposal.md'].map(local)
  const mdTemplates: SeedDoc[] = [
    local('examples/template.md'),
    ...readdirSync(path.join(ROOT, '__tests__/fixtures/markdown'))
      .filter(f => f.endsWith('-template.md'))
      .sort()
      .map(f => local(`__tests__/fixtures/markdown/${f}`))
  ]
  mdSpecs.push(...mdTemplates)
  if (HAVE_CORPUS) {
    const os = path.join(CORPUS, 'openshift-enhancements')
    const rel = (abs: string): string => path.relative(CORPUS, abs).split(path.sep).join('/')
    const template = path.join(os, 'guidelines/enhancement_template.md')
    if (existsSync(template)) mdTemplates.push(read(template, rel(template)))
    for (const f of sample(rstFiles(path.join(os, 'enhancements'), '.md'), corpusSample)) mdSpecs.push(read(f, rel(f)))
  }
  return { specs, templates, checkTemplates, mdSpecs, mdTemplates, corpus: HAVE_CORPUS }
}
