/**
 * The two entry files at the top of src/, in-process: importing the action's
 * entry runs nothing and gives run(), importing the CLI's runs nothing and
 * gives main(). (Started as programs, both run: the end-to-end suites start
 * dist/index.js and dist/cli/index.js.)
 */
import { jest } from '@jest/globals'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startedDirectly } from '../src/workspace/entry.js'
import { VERSION } from '../src/report/version.js'

afterEach(() => {
  jest.restoreAllMocks()
  process.exitCode = undefined
})

test("src/index.ts: importing it gives the action's run() and runs nothing", async () => {
  const writes = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  const entry = await import('../src/index.js')
  const main = await import('../src/action/main.js')
  expect(entry.run).toBe(main.run)
  expect(writes).not.toHaveBeenCalled()
  expect(process.exitCode).toBeUndefined()
})

test("src/cli.ts: importing it gives the CLI's main() and runs nothing", async () => {
  const writes = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  const entry = await import('../src/cli.js')
  const run = await import('../src/cli/run.js')
  expect(entry.main).toBe(run.main)
  expect(writes).not.toHaveBeenCalled()
  expect(process.exitCode).toBeUndefined()
})

test('startedDirectly: node started on the file itself, or on a symbolic link to it; not an importer, not no script', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stc-entry-'))
  try {
    const file = path.join(dir, 'index.js')
    writeFileSync(file, '')
    symlinkSync(file, path.join(dir, 'bin'))
    const url = pathToFileURL(file).href
    expect(startedDirectly(url, file)).toBe(true)
    expect(startedDirectly(url, path.join(dir, 'bin'))).toBe(true)
    expect(startedDirectly(url, path.join(dir, 'other.js'))).toBe(false)
    expect(startedDirectly(url, undefined)).toBe(false)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
