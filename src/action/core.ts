/**
 * The part of @actions/core the action uses, written out so that starting
 * the action loads no HTTP client: @actions/core imports @actions/http-client
 * (undici, for OIDC tokens) and @actions/exec at the top of its entry
 * module, and a bundle evaluates them on every run, also when no request is
 * made. Same behaviour as @actions/core 3: workflow commands on stdout with
 * the runner's escaping, outputs as file commands with a random delimiter,
 * the job summary appended to GITHUB_STEP_SUMMARY.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync, constants as fsConstants } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'
import { escapeData, escapeProperty } from '../report/escape.js'

/** `::name key=value,...::message` on stdout. */
function issue(name: string, message: string, properties: Record<string, string> = {}): void {
  const props = Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(v)}`)
  process.stdout.write(`::${name}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}${EOL}`)
}

/** INPUT_<NAME> (spaces as '_', upper-cased), trimmed. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    process.stdout.write(EOL)
    issue('set-output', value, { name })
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Unexpected input: the output ${name} contains its delimiter`)
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  issue('debug', message)
}

export function notice(message: string): void {
  issue('notice', message)
}

export function warning(message: string): void {
  issue('warning', message)
}

export function error(message: string): void {
  issue('error', message)
}

/** Exit code 1 and the message as an error. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export function startGroup(name: string): void {
  issue('group', name)
}

export function endGroup(): void {
  issue('endgroup', '')
}

/** The job summary: text is collected with addRaw and appended to GITHUB_STEP_SUMMARY by write. */
class Summary {
  private buffer = ''

  addRaw(text: string, addEOL = false): this {
    this.buffer += addEOL ? text + EOL : text
    return this
  }

  emptyBuffer(): this {
    this.buffer = ''
    return this
  }

  async write(): Promise<this> {
    const file = process.env.GITHUB_STEP_SUMMARY
    if (!file) {
      throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.')
    }
    try {
      await access(file, fsConstants.R_OK | fsConstants.W_OK)
    } catch {
      throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`)
    }
    await appendFile(file, this.buffer, { encoding: 'utf8' })
    return this.emptyBuffer()
  }
}

export const summary = new Summary()
