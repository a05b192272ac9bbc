/**
 * The two entry files at the top of src/, in-process: importing the action's
 * entry runs nothing and gives run(); the CLI's entry runs main() on its
 * arguments and sets the exit code from it.
 */
import { jest } from '@jest/globals'
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

test('src/cli.ts: runs main() with the arguments after the script and sets the exit code', async () => {
  const argv = process.argv
  const out: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    out.push(String(chunk))
    return true
  })
  process.argv = [process.execPath, 'spec-template-check', '--version']
  try {
    await import('../src/cli.js')
  } finally {
    process.argv = argv
  }
  expect(out.join('')).toBe(`${VERSION}\n`)
  expect(process.exitCode).toBe(0)
})
