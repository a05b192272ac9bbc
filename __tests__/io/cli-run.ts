/**
 * The bundled CLI (dist/cli/index.js) as a real process, for the io tests;
 * optionally as another user (to make permissions bite when the tests run
 * as root), with a timeout so a hang is a failure, not a stuck test.
 */
import { execFile } from 'node:child_process'
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ROOT } from '../e2e/action-harness.js'
import { assertBundleCurrent } from '../e2e/bundle.js'
import { writeTree } from '../helpers.js'

export const CLI = path.join(ROOT, 'dist', 'cli', 'index.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  ms: number
  timedOut: boolean
}

/** The uid that permissions apply to: "nobody" when we are root (root reads everything), else ourselves. */
export const UNPRIVILEGED = process.getuid?.() === 0 ? 65534 : undefined

export function runCli(args: string[], cwd: string, opts: { uid?: number; timeoutMs?: number; input?: string } = {}): Promise<CliRun> {
  assertBundleCurrent()
  const started = Date.now()
  return new Promise(resolve => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd,
        encoding: 'utf8',
        timeout: opts.timeoutMs ?? 20_000,
        killSignal: 'SIGKILL',
        env: { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: cwd },
        ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {})
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
          timedOut: Boolean(e?.killed)
        })
      }
    )
    child.stdin?.end(opts.input ?? '')
  })
}

const made: string[] = []

/** A temporary workspace with these files; owned by `uid` when given (so that user may write it). */
export function workspace(files: Record<string, string | Uint8Array>, uid?: number): string {
  const ws = mkdtempSync(path.join(tmpdir(), 'stc-io-'))
  made.push(ws)
  chmodSync(ws, 0o755)
  writeTree(ws, files)
  if (uid !== undefined) chownTree(ws, uid)
  return ws
}

function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid)
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) chownTree(p, uid)
    else chownSync(p, uid, uid)
  }
}

export function cleanup(): void {
  for (const ws of made.splice(0)) {
    try {
      chmodTree(ws)
    } catch {
      /* best effort */
    }
    rmSync(ws, { recursive: true, force: true })
  }
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o755)
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) chmodTree(path.join(dir, e.name))
}
