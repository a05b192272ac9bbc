/**
 * The action's entry point (bundled to dist/index.js by `npm run bundle`).
 *
 * Started by the runner (`node dist/index.js`) it runs the action. Imported
 * (as @github/local-action does: it imports the entry and calls `run()`) it
 * only exports `run`, so the action runs once, when the importer says.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { run } from './action/main.js'

export { run }

/** Was node started on this file (not importing it from elsewhere)? */
function startedDirectly(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (startedDirectly()) await run()
