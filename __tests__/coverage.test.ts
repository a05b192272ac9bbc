/**
 * The coverage set-up (jest.config.js): the files left out of coverage as
 * declarations only must really be, and every folder of src/ has a line
 * threshold.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import type { Config } from 'jest'

const ROOT = process.cwd()
const { default: config, DECLARATIONS_ONLY } = (await import(pathToFileURL(path.join(ROOT, 'jest.config.js')).href)) as {
  default: Config
  DECLARATIONS_ONLY: string[]
}

/** The JavaScript a file compiles to, without comments and the empty export. */
function emitted(file: string): string {
  const out = ts.transpileModule(readFileSync(path.join(ROOT, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true }
  }).outputText
  return out.replace(/^export \{\};?$/m, '').trim()
}

test.each(DECLARATIONS_ONLY)('%s compiles to nothing (declarations only)', file => {
  expect(emitted(file)).toBe('')
})

test('a file with code is not taken for declarations only', () => {
  expect(emitted('src/engine/check.ts')).not.toBe('')
})

test('every folder of src/ with sources has a line threshold of 85%', () => {
  const folders = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true })
      .filter(e => e.isDirectory())
      .flatMap(e => [`${dir}/${e.name}`, ...folders(`${dir}/${e.name}`)])
  const thresholds = config.coverageThreshold as Record<string, { lines?: number }>
  for (const f of folders('src')) {
    expect([f, thresholds[`./${f}/`]?.lines]).toEqual([f, 85])
  }
})
