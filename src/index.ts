/**
 * The action's entry point (bundled to dist/index.js by `npm run bundle`).
 *
 * Started by the runner (`node dist/index.js`) it runs the action. Imported
 * (as @github/local-action does: it imports the entry and calls `run()`) it
 * only exports `run`, so the action runs once, when the importer says.
 */
import { run } from './action/main.js'
import { startedDirectly } from './workspace/entry.js'

export { run }

if (startedDirectly(import.meta.url)) await run()
