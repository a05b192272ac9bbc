import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** ../shared/corpus beside the repository, when present (never copied in). */
export const CORPUS = path.resolve(process.cwd(), '../shared/corpus')
export const HAVE_CORPUS = existsSync(path.join(CORPUS, 'nova-specs/specs'))

/** describe when the corpus is present, otherwise a skipped describe with a note. */
export function describeCorpus(name: string, fn: () => void): void {
  if (HAVE_CORPUS) {
    describe(name, fn)
  } else {
    describe.skip(`${name} (skipped: ${CORPUS} not present)`, fn)
  }
}

/** upstream nova-specs' optional sections per release (tests/test_titles.py). */
export function novaOptionalSections(release: string): string[] {
  return release === 'queens' ? ['History', 'Upgrade impact'] : ['History', 'Feature Liaison']
}

/** Every .md file under dir, at any depth (the OpenShift corpus's Markdown files). */
export function markdownFilesUnder(dir: string): string[] {
  const files: string[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.md$/i.test(name)) files.push(p)
    }
  }
  walk(dir)
  return files
}
