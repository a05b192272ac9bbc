/**
 * The action's entry point (bundled to dist/index.js by `npm run bundle`).
 */
import { run } from './main.js'

await run()
