// npm run fuzz [-- CASES [SEED]]: the fuzz test (__tests__/fuzz) with many
// cases, in one jest process. Defaults: FUZZ_CASES=100000 and a fresh random
// FUZZ_SEED (printed, so a run can be repeated). Replay one failing case with
// FUZZ_SEED=<seed> FUZZ_CASE=<index> npm run fuzz. Cross-platform: sets the
// environment itself instead of relying on the shell.
import { spawnSync } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = fileURLToPath(new URL('..', import.meta.url))
const [casesArg, seedArg] = process.argv.slice(2)
const env = { ...process.env }
env.FUZZ_CASES = casesArg ?? env.FUZZ_CASES ?? '100000'
env.FUZZ_SEED = seedArg ?? env.FUZZ_SEED ?? String(randomInt(0, 2 ** 31))
if (!/^\d+$/.test(env.FUZZ_CASES)) {
  console.error(`fuzz: FUZZ_CASES must be a whole number, got "${env.FUZZ_CASES}"`)
  process.exit(2)
}
console.error(
  env.FUZZ_CASE
    ? `fuzz: replaying case ${env.FUZZ_CASE} of seed ${env.FUZZ_SEED}`
    : `fuzz: ${env.FUZZ_CASES} cases, seed ${env.FUZZ_SEED} (repeat with FUZZ_SEED=${env.FUZZ_SEED} npm run fuzz)`
)
const jest = path.join(root, 'node_modules/jest/bin/jest.js')
const r = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings', jest, '--runInBand', '--rootDir', root, '__tests__/fuzz/fuzz.test.ts'],
  { cwd: root, env, stdio: 'inherit' }
)
if (r.error) {
  console.error(`fuzz: could not run jest: ${r.error.message}`)
  process.exit(2)
}
if (r.signal) console.error(`fuzz: jest ended by ${r.signal}${r.signal === 'SIGKILL' ? ' (the hang watchdog, see above)' : ''}`)
process.exit(r.status ?? 1)
