/**
 * The end-to-end tests run the committed bundle (dist/), not src/. Each of
 * them calls assertBundleCurrent first, so a source edit without
 * `npm run bundle` fails them with a clear message instead of passing
 * against the old bundle.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { staleBundle } from '../../scripts/src-stamp.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const checked = new Map<string, string | undefined>()

/** Throws "dist/ is older than src/ ..." unless dist/ was bundled from the working tree (checked once per process). */
export function assertBundleCurrent(root: string = ROOT): void {
  if (!checked.has(root)) checked.set(root, staleBundle(root))
  const why = checked.get(root)
  if (why) throw new Error(why)
}
