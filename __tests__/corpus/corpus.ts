import { existsSync } from 'node:fs'
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
