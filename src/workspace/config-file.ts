/** Reading the configuration file from the workspace (parsing is config/file.ts). */
import { lstatSync } from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../config/config.js'
import { CONFIG_FILES, MAX_CONFIG_BYTES, parseConfigFile, type ConfigFile } from '../config/file.js'
import { readWorkspaceFileSync } from './files.js'

/**
 * Read the configuration file from the workspace root, if there is one.
 * It is read like a spec: a regular file inside the workspace (a symbolic
 * link may point inside it, never out), no device, no FIFO, at most
 * MAX_CONFIG_BYTES; anything else is a configuration error that says why
 * and shows nothing of what the link points to.
 */
export async function loadConfigFile(workspace: string): Promise<ConfigFile | undefined> {
  for (const name of CONFIG_FILES) {
    if (!lstatSync(path.join(workspace, name), { throwIfNoEntry: false })) continue
    const r = readWorkspaceFileSync(workspace, name, MAX_CONFIG_BYTES)
    if (!r.ok) throw new ConfigError(`${name}: not read: ${r.error}`)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(r.bytes)
    } catch {
      throw new ConfigError(`${name}: not valid UTF-8`)
    }
    return parseConfigFile(text, name)
  }
  return undefined
}

