/** The action's failures: the expected ones are one line; the stack goes to the debug log only for the others. */
import * as core from './core.js'
import { ConfigError } from '../config/config.js'
import { ApiError } from '../github/client.js'
import { safeText } from '../report/index.js'

/** A failure we expect and explain in one line (no stack trace). */
export class ActionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ActionError'
  }
}

/** One line for setFailed; the stack only goes to the debug log, and only for unexpected errors. */
export function failureLine(err: unknown): string {
  const oneLine = (s: string): string => safeText(s.replace(/\s*[\r\n]+\s*/g, ' ').trim())
  if (err instanceof ConfigError || err instanceof ActionError || err instanceof ApiError || (err instanceof Error && err.name === 'ConfigError')) {
    return `spec-template-check: ${oneLine(err.message)}`
  }
  if (err instanceof Error) {
    if (err.stack) core.debug(err.stack)
    return `spec-template-check: unexpected error: ${oneLine(err.message)}`
  }
  return `spec-template-check: unexpected error: ${oneLine(String(err))}`
}
