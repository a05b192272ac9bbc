/** The two entry modules, imported as a bundler's importer would: src/index.ts exports run() and runs nothing; src/cli.ts runs main() on its arguments. */
import { run as mainRun } from '../../src/action/main.js'

it('src/index.ts exports run() and does not start the action when imported', async () => {
  const write = process.stdout.write
  let out = ''
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write
  try {
    const entry = await import('../../src/index.js')
    expect(entry.run).toBe(mainRun)
  } finally {
    process.stdout.write = write
  }
  expect(out).toBe('')
})

it('src/cli.ts sets the exit code from main() on process.argv', async () => {
  const argv = process.argv
  const write = process.stdout.write
  const exit = process.exitCode
  let out = ''
  process.argv = [argv[0]!, 'spec-template-check', '--version']
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write
  process.exitCode = 9
  try {
    await import('../../src/cli.js')
    expect(process.exitCode).toBe(0)
  } finally {
    process.argv = argv
    process.stdout.write = write
    process.exitCode = exit
  }
  expect(out).toMatch(/^\d+\.\d+\.\d+/)
})
