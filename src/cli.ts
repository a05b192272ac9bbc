#!/usr/bin/env node
/**
 * The CLI's entry point (bundled to dist/cli/index.js, the
 * `spec-template-check` bin). Started as a program it runs main() on its
 * arguments and exits with main's code; imported, it only exports `main`
 * (the flow lives in cli/run.ts), so a program or a test can call it.
 */
import { main } from './cli/run.js'
import { startedDirectly } from './workspace/entry.js'

export { main }

if (startedDirectly(import.meta.url)) process.exitCode = await main(process.argv.slice(2))
