/** The files delivery writes: the JSON report and SARIF the inputs ask for, the fallback JSON report, and the job summary's file check. */
import * as core from '../core.js'
import { constants as fsConstants } from 'node:fs'
import { access, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Report } from '../../engine/types.js'
import { formatSarif, logLine } from '../../report/index.js'
import { formatJsonChunks } from '../../report/json.js'
import { RULES } from '../../rules/index.js'
import { writeChunks } from '../../workspace/write-chunks.js'
import { writeOutputFile, type WrittenFiles } from '../outputs.js'
import type { ActionSettings } from '../settings.js'

export async function writeReports(report: Report, settings: ActionSettings): Promise<WrittenFiles> {
  const written: WrittenFiles = {}
  if (settings.reportFile) {
    written.reportFile = await writeOutputFile(settings.workspace, process.env.RUNNER_TEMP, settings.reportFile, formatJsonChunks(report), 'report-file')
  }
  if (settings.sarifFile) {
    written.sarifFile = await writeOutputFile(settings.workspace, process.env.RUNNER_TEMP, settings.sarifFile, formatSarif(report, RULES), 'sarif-file')
  }
  return written
}

/**
 * Whether the job summary can be written (as @actions/core needs: an
 * existing, readable and writable file). Said in a warning when it cannot,
 * so that nothing points people to a summary that will not exist.
 */
export async function summaryWritable(file: string | undefined): Promise<boolean> {
  if (!file) return false
  try {
    await access(file, fsConstants.R_OK | fsConstants.W_OK)
    if (!(await stat(file)).isFile()) throw new Error('not a regular file')
    return true
  } catch (err) {
    core.warning(`could not write the job summary: GITHUB_STEP_SUMMARY=${logLine(file)} is not a writable file (${logLine((err as Error).message)})`)
    return false
  }
}

/** The whole JSON report at `file` (absolute), written as a stream; false (with a warning) when it cannot be written. */
export async function writeFallbackReport(report: Report, file: string): Promise<boolean> {
  try {
    await mkdir(path.dirname(file), { recursive: true })
    await writeChunks(file, formatJsonChunks(report))
    return true
  } catch (err) {
    core.warning(`could not write the JSON report to ${file}: ${logLine((err as Error).message)}`)
    return false
  }
}
