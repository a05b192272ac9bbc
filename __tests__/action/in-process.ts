/**
 * Runs the action's run() (src/action/main.ts, or the bundle's: see
 * runBundleInProcess) in this process, as the runner would start
 * dist/index.js: the same environment as the e2e harness
 * (__tests__/e2e/action-harness.ts), with stdout and stderr captured
 * (workflow commands and the log; anything on stderr, and any process
 * warning, is the run's stderr) and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY read
 * back. process.env, cwd, stdout, stderr and process.exitCode are restored
 * afterwards. Runs in one process share its environment: never run two at once.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { run } from '../../src/action/main.js'
import { SECOND_MS_ENV } from '../../src/github/client.js'
import { BUNDLE, parseOutputs, runnerEnv, type RunOptions, type RunResult, type Workspace } from '../e2e/action-harness.js'
import { bundleExport } from '../e2e/bundle.js'
import type { MockGitHub } from '../e2e/mock-github.js'

/** Where a run without a mock API sends its requests: nothing listens there, so each one is refused at once. */
export const NO_API = 'http://127.0.0.1:9'

/**
 * Without a mock, every request is refused (no answer to wait for): "seconds"
 * of 2 ms keep the back-offs of the retries short (1 + 4 + 9 "seconds":
 * 28 ms instead of 280), while a request may still take 500 of them (1 s), so
 * a refusal on a loaded machine is never taken for a timeout; all requests
 * of the run may take 900 (1.8 s). opts.env and opts.inputs still win.
 */
export const SHORT_WAITS = { env: { [SECOND_MS_ENV]: '2' }, inputs: { 'request-timeout': '500' } }

export async function runInProcess(ws: Workspace, mock: MockGitHub | undefined, opts: RunOptions, entry: () => Promise<void> = run): Promise<RunResult> {
  await writeFile(ws.eventPath, JSON.stringify(opts.payload))
  if (!mock) opts = { ...opts, env: { ...SHORT_WAITS.env, ...opts.env }, inputs: { ...SHORT_WAITS.inputs, ...opts.inputs } }
  const env = runnerEnv(ws, mock?.url ?? NO_API, opts)
  const savedEnv = { ...process.env }
  const savedCwd = process.cwd()
  const savedExit = process.exitCode
  const write = process.stdout.write
  const writeErr = process.stderr.write
  let stdout = ''
  let stderr = ''
  const text = (chunk: string | Uint8Array): string => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
  const onWarning = (w: Error): void => void (stderr += `(node) ${w.name}: ${w.message}\n`)
  for (const k of Object.keys(process.env)) delete process.env[k]
  Object.assign(process.env, env)
  process.exitCode = undefined
  process.chdir(ws.workspace)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += text(chunk)
    return true
  }) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += text(chunk)
    return true
  }) as typeof process.stderr.write
  process.on('warning', onWarning)
  const started = Date.now()
  let code: number
  try {
    await entry()
    code = Number(process.exitCode ?? 0)
  } finally {
    process.off('warning', onWarning)
    process.stdout.write = write
    process.stderr.write = writeErr
    process.exitCode = savedExit
    process.chdir(savedCwd)
    for (const k of Object.keys(process.env)) delete process.env[k]
    Object.assign(process.env, savedEnv)
  }
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(ws.outputPath, 'utf8')),
    summary: await readFile(ws.summaryPath, 'utf8'),
    ms: Date.now() - started
  }
}

/**
 * The bundle's run() in this process: dist/index.js imported (as
 * @github/local-action does, it then runs nothing until run() is called),
 * once per test file, and called per run like runInProcess. The code under
 * test is the bundle the runner runs, without a process start per run (about
 * 200 ms of CPU each); what only a process shows (exit, its own stdout and
 * stderr) is tested by the suites that spawn it (runAction).
 */
export async function runBundleInProcess(ws: Workspace, mock: MockGitHub | undefined, opts: RunOptions): Promise<RunResult> {
  if (opts.nodeArgs) throw new Error('runBundleInProcess: nodeArgs need a process (runAction)')
  return runInProcess(ws, mock, opts, await bundleExport<() => Promise<void>>(BUNDLE, 'run'))
}
