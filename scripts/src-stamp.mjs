// The stamp of what dist/ was bundled from: a SHA-256 over every file of
// src/ (paths and contents, in path order) and package-lock.json. `npm run
// bundle` writes it to dist/src-stamp.txt; the end-to-end tests compare it
// with the working tree, so a source change without a rebundle fails them
// with "dist/ is older than src/" instead of quietly testing the old bundle.
//
//   node scripts/src-stamp.mjs write    write dist/src-stamp.txt
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const STAMP_FILE = 'dist/src-stamp.txt'

function filesUnder(root, rel, out) {
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = `${rel}/${e.name}`
    if (e.isDirectory()) filesUnder(root, child, out)
    else if (e.isFile()) out.push(child)
  }
  return out
}

/** The stamp of the sources under `root` (the repository's top folder). */
export function srcStamp(root) {
  const files = [...filesUnder(root, 'src', []), 'package-lock.json'].sort()
  const h = createHash('sha256')
  for (const f of files) {
    h.update(f).update('\0').update(readFileSync(path.join(root, f))).update('\0')
  }
  return h.digest('hex')
}

/** Undefined when dist/ was bundled from these sources, else why not. */
export function staleBundle(root) {
  let stamp
  try {
    stamp = readFileSync(path.join(root, STAMP_FILE), 'utf8').trim()
  } catch {
    return `${STAMP_FILE} is missing: run \`npm run bundle\` before the end-to-end tests`
  }
  if (stamp !== srcStamp(root)) {
    return 'dist/ is older than src/ (or package-lock.json): the end-to-end tests run the bundle; run `npm run bundle` first'
  }
  return undefined
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'write') {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  writeFileSync(path.join(root, STAMP_FILE), srcStamp(root) + '\n')
}
