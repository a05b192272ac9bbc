/**
 * Whether node was started on an entry file (`node dist/index.js`, the
 * `spec-template-check` bin, or a symbolic link to either) rather than the
 * file being imported by another module (as @github/local-action imports the
 * action's entry, or a test imports a bundle to call its export).
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export function startedDirectly(moduleUrl: string, script: string | undefined = process.argv[1]): boolean {
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl))
  } catch {
    return false
  }
}
