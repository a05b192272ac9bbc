/** The CLI's main() in this process: stdout, stderr and the exit code, without spawning. cwd is changed for the call and restored. */
import { main } from '../../src/cli/run.js'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function runMain(args: string[], cwd: string): Promise<CliResult> {
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
    const code = await main(args)
    return { code, stdout, stderr }
  } finally {
    process.stdout.write = out
    process.stderr.write = err
    process.chdir(saved)
  }
}
