/**
 * Checks of the paths a user gives (inputs, flags, the configuration file):
 * pure path arithmetic, nothing is read. A ConfigError names the setting.
 */
import * as path from 'node:path'
import { ConfigError } from './config.js'

/** Does a relative path (path.relative's answer) leave its base? Only a '..' segment does: '..draft' stays inside. */
export function leavesBase(rel: string): boolean {
  return rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)
}

/** Is `abs` strictly below `root`? */
export function within(root: string, abs: string): boolean {
  const rel = path.relative(root, abs)
  return rel !== '' && !leavesBase(rel)
}

/**
 * A path inside the workspace, given relative to it (or absolute inside it).
 * Returns it workspace-relative with forward slashes; throws ConfigError when
 * it would escape the workspace.
 */
export function workspacePath(workspace: string, value: string, name: string): string {
  const abs = path.resolve(workspace, value)
  if (!within(workspace, abs)) throw new ConfigError(`${name}: "${value}" must be a file path inside the workspace (${workspace})`)
  return path.relative(workspace, abs).split(path.sep).join('/')
}

/**
 * Globs of `paths` / `exclude`: relative to the workspace, so not absolute
 * and without "." or ".." parts. Throws ConfigError naming the setting.
 */
export function checkGlobs(globs: string[], name: string): string[] {
  for (const g of globs) {
    const bad =
      g.startsWith('/') ||
      g.startsWith('\\') ||
      /^[A-Za-z]:/.test(g) ||
      g.includes('\0') ||
      g.split(/[\\/]/).some(part => part === '..' || part === '.')
    if (bad) {
      throw new ConfigError(
        `${name}: "${g}" must be a glob relative to the workspace (not absolute, no "." or ".." parts), e.g. specs/**/*.rst`
      )
    }
  }
  return globs
}

/**
 * A path for a file the action writes (report-file, sarif-file): inside the
 * workspace (returned workspace-relative, forward slashes) or inside
 * RUNNER_TEMP, where workflows are told to put such files (returned
 * absolute). Anything else throws ConfigError naming both allowed places.
 */
export function outputFilePath(workspace: string, runnerTemp: string | undefined, value: string, name: string): string {
  const abs = path.resolve(workspace, value)
  if (within(workspace, abs)) return path.relative(workspace, abs).split(path.sep).join('/')
  if (runnerTemp && within(path.resolve(runnerTemp), abs)) return abs
  const temp = runnerTemp ? ` or inside RUNNER_TEMP (${path.resolve(runnerTemp)})` : ''
  throw new ConfigError(`${name}: "${value}" must be a file path inside the workspace (${workspace})${temp}`)
}
