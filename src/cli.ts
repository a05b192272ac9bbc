#!/usr/bin/env node
// The CLI entry: only runs main() (the flow lives in cli/run.ts).
import { main } from './cli/run.js'

process.exitCode = await main(process.argv.slice(2))
