/**
 * The CLI's main() in this process: stdout, stderr and the exit code, without
 * spawning. cwd is changed for the call and restored. runMain calls the
 * sources' main(); runCliBundle the bundle's (dist/cli/index.js, imported:
 * it then runs nothing until main() is called).
 */
import path from 'node:path'
import { main } from '../../src/cli/run.js'
import { ROOT } from '../e2e/action-harness.js'
import { bundleExport } from '../e2e/bundle.js'

type Main = (argv: string[]) => Promise<number>

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function runMain(args: string[], cwd: string, entry: Main = main): Promise<CliResult> {
  const out = process.stdout.write
  const err = process.stderr.write
  const saved = process.cwd()
  let stdout = ''
  let stderr = ''
  const capture = (add: (s: string) => void) =>
    ((chunk: string | Uint8Array) => {
      add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return true
    }) as typeof process.stdout.write
  process.stdout.write = capture(s => (stdout += s))
  process.stderr.write = capture(s => (stderr += s))
  process.chdir(cwd)
  try {
    const code = await entry(args)
    return { code, stdout, stderr }
  } finally {
    process.stdout.write = out
    process.stderr.write = err
    process.chdir(saved)
  }
}

/**
 * The bundled CLI's main() in this process, imported once per test file: the
 * code a user runs, without a process start per call (about 100 ms of CPU
 * each). What only a process shows (the exit status, the streams of a real
 * process) is tested by the suites that start it.
 */
export async function runCliBundle(args: string[], cwd: string): Promise<CliResult> {
  return runMain(args, cwd, await bundleExport<Main>(path.join(ROOT, 'dist', 'cli', 'index.js'), 'main'))
}
