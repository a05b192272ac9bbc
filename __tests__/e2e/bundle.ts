/**
 * The end-to-end tests run the committed bundle (dist/), not src/. Each of
 * them calls assertBundleCurrent first, so a source edit without
 * `npm run bundle` fails them with a clear message instead of passing
 * against the old bundle.
 */
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { staleBundle } from '../../scripts/src-stamp.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const checked = new Map<string, string | undefined>()

/** Throws "dist/ is older than src/ ..." unless dist/ was bundled from the working tree (checked once per process). */
export function assertBundleCurrent(root: string = ROOT): void {
  if (!checked.has(root)) checked.set(root, staleBundle(root))
  const why = checked.get(root)
  if (why) throw new Error(why)
}

/**
 * This process's environment for a bundled CLI started as a child, without
 * NODE_EXTRA_CA_CERTS: node reads and parses that certificate file at every
 * start (about 30 ms of CPU on a machine that sets it, before any test code
 * runs), and the CLI makes no TLS connection.
 */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_EXTRA_CA_CERTS
  return env
}

const imported = new Map<string, Promise<unknown>>()

/**
 * An export of a bundle (dist/index.js's run, dist/cli/index.js's main),
 * the bundle imported once per test file (imported, an entry runs nothing).
 * Checks first that dist/ is current.
 */
export async function bundleExport<T>(file: string, name: string): Promise<T> {
  assertBundleCurrent()
  const key = `${file}#${name}`
  let p = imported.get(key)
  if (!p) {
    p = import(pathToFileURL(file).href).then((m: Record<string, unknown>) => {
      if (typeof m[name] !== 'function') throw new Error(`${file} does not export ${name}()`)
      return m[name]
    })
    imported.set(key, p)
  }
  return (await p) as T
}
