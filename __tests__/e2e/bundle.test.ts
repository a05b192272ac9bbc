/** The bundle stamp: a source change without a rebundle is caught, with a clear message. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { srcStamp } from '../../scripts/src-stamp.mjs'
import { assertBundleCurrent } from './bundle.js'

describe('dist/ is the bundle of src/', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stc-stamp-'))
    mkdirSync(path.join(dir, 'src/engine'), { recursive: true })
    mkdirSync(path.join(dir, 'dist'))
    writeFileSync(path.join(dir, 'src/engine/a.ts'), 'export const a = 1\n')
    writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 2\n')
    writeFileSync(path.join(dir, 'package-lock.json'), '{}\n')
    writeFileSync(path.join(dir, 'dist/src-stamp.txt'), srcStamp(dir) + '\n')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('this repository: the committed dist/ was bundled from the working tree', () => {
    expect(() => assertBundleCurrent()).not.toThrow()
  })

  test('a stamp that matches passes', () => {
    expect(() => assertBundleCurrent(dir)).not.toThrow()
  })

  test('an edited, added or copied source file, or a changed lock file, fails with "dist/ is older than src/"', () => {
    const edits: Array<() => void> = [
      () => writeFileSync(path.join(dir, 'src/engine/a.ts'), 'export const a = 3\n'),
      () => writeFileSync(path.join(dir, 'src/c.ts'), ''),
      () => cpSync(path.join(dir, 'src/b.ts'), path.join(dir, 'src/engine/b.ts')),
      () => writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n')
    ]
    for (const edit of edits) {
      const stamp = srcStamp(dir)
      edit()
      expect(srcStamp(dir)).not.toBe(stamp)
      expect(() => assertBundleCurrent(dir)).toThrow(/^dist\/ is older than src\/ .*run `npm run bundle` first$/)
      writeFileSync(path.join(dir, 'dist/src-stamp.txt'), srcStamp(dir) + '\n')
    }
  })

  test('no stamp: says to bundle', () => {
    rmSync(path.join(dir, 'dist/src-stamp.txt'))
    expect(() => assertBundleCurrent(dir)).toThrow(/src-stamp\.txt is missing: run `npm run bundle`/)
  })
})
