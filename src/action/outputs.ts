/**
 * Step outputs and the report files (JSON, SARIF) the user asked for.
 * File paths are workspace-relative or inside RUNNER_TEMP and may not leave
 * those (also not through a symbolic link); parent directories are created.
 */
import { lstat, mkdir, realpath, writeFile } from 'node:fs/promises'
import { writeChunks } from '../workspace/write-chunks.js'
import * as path from 'node:path'
import { ConfigError, type FailOn } from '../config/config.js'
import { within } from '../config/paths.js'
import type { Report } from '../engine/types.js'
import { failedFiles } from '../config/policy.js'

export { failedFiles }

export interface WrittenFiles {
  /** Path of the JSON report, when written (workspace-relative, or absolute in RUNNER_TEMP). */
  reportFile?: string
  /** Path of the SARIF file, when written (workspace-relative, or absolute in RUNNER_TEMP). */
  sarifFile?: string
}

export interface ActionOutputs {
  'files-checked': string
  errors: string
  warnings: string
  /** Findings hidden by suppression comments. */
  suppressed: string
  'failed-files': string
  'report-file': string
  'sarif-file': string
}

export function actionOutputs(report: Report, failOn: FailOn, written: WrittenFiles): ActionOutputs {
  return {
    'files-checked': String(report.totals.files),
    errors: String(report.totals.errors),
    warnings: String(report.totals.warnings),
    suppressed: String(report.totals.suppressed ?? report.files.reduce((n, f) => n + (f.suppressed ?? 0), 0)),
    'failed-files': JSON.stringify(failedFiles(report, failOn)),
    'report-file': written.reportFile ?? '',
    'sarif-file': written.sarifFile ?? ''
  }
}

export function setOutputs(outputs: ActionOutputs, setOutput: (name: string, value: string) => void): void {
  for (const [name, value] of Object.entries(outputs)) setOutput(name, value)
}

/**
 * Write `content` to `file`: workspace-relative (or absolute inside the
 * workspace), or absolute inside `runnerTemp`; parent directories are
 * created. Refuses paths that leave both, parents that resolve (through
 * links) outside the root the path is in, and an existing symbolic link at
 * the target. Returns the path as the step output shows it.
 */
export async function writeOutputFile(
  workspace: string,
  runnerTemp: string | undefined,
  file: string,
  content: string | Iterable<string>,
  inputName: string
): Promise<string> {
  const ws = path.resolve(workspace)
  const abs = path.resolve(ws, file)
  const temp = runnerTemp ? path.resolve(runnerTemp) : undefined
  const root = within(ws, abs) ? ws : temp && within(temp, abs) ? temp : undefined
  if (!root) {
    const also = temp ? ` or inside RUNNER_TEMP (${temp})` : ''
    throw new ConfigError(`input "${inputName}": "${file}" must be a file path inside the workspace (${ws})${also}`)
  }
  const where = root === ws ? 'the workspace' : 'RUNNER_TEMP'
  const parent = path.dirname(abs)
  await mkdir(parent, { recursive: true })
  const rootReal = await realpath(root)
  const parentReal = await realpath(parent)
  if (parentReal !== rootReal && !within(rootReal, parentReal)) {
    throw new ConfigError(`input "${inputName}": "${file}" is in a directory that links outside ${where}`)
  }
  const existing = await lstat(abs).catch(() => undefined)
  if (existing?.isSymbolicLink()) {
    throw new ConfigError(`input "${inputName}": "${file}" is a symbolic link; refusing to write through it`)
  }
  if (existing?.isDirectory()) {
    throw new ConfigError(`input "${inputName}": "${file}" is a directory`)
  }
  if (typeof content === 'string') await writeFile(abs, content.endsWith('\n') ? content : content + '\n', 'utf8')
  else await writeChunks(abs, content) // a large report is written piece by piece (its pieces end with a newline)
  return root === ws ? path.relative(ws, abs).split(path.sep).join('/') : abs
}
