import { availableParallelism } from 'node:os'

/**
 * Jest over the TypeScript sources as ESM (run with --experimental-vm-modules,
 * see `npm test`). ts-jest only transpiles (tsconfig.json sets
 * isolatedModules): `npm run typecheck` checks the types.
 *
 * `npm test -- --coverage` measures src/ (the end-to-end tests run dist/ in
 * child processes and do not count) and fails when a folder of src/ is at or
 * under its line threshold; `npm run coverage:folders` prints the line
 * coverage of every folder from coverage/coverage-summary.json.
 */

/** Folders of src/ that must keep over 85% of their lines covered. */
const FOLDERS = [
  'engine',
  'engine/markdown',
  'engine/rst',
  'rules',
  'report',
  'workspace',
  'templates',
  'config',
  'runner',
  'github',
  'action',
  'action/deliver',
  'cli'
]

/**
 * Files of type declarations only: nothing of them runs (they compile to an
 * empty module), so they have no lines to cover. __tests__/coverage.test.ts
 * checks that each still compiles to nothing.
 */
export const DECLARATIONS_ONLY = ['src/engine/types.ts', 'src/engine/markdown/types.ts']

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 30000,
  // Jest's default is one worker less than the cores (1 on a 2-core machine). Many
  // suites wait on child processes, local servers and request timeouts: with half a
  // worker more than the cores (3 on 2), another suite uses a core one of them leaves
  // idle (measured on 2 cores: 37-39 s with 3 workers, 39-46 s with 2). A number, not
  // '150%': jest 30 started 150 workers for it here.
  maxWorkers: Math.ceil(availableParallelism() * 1.5),
  // Longest files first, also with a cold cache (scripts/jest-sequencer.mjs).
  testSequencer: '<rootDir>/scripts/jest-sequencer.mjs',
  collectCoverageFrom: ['src/**/*.ts', '!src/engine/default-template.generated.ts', ...DECLARATIONS_ONLY.map(f => `!${f}`)],
  coverageProvider: 'v8',
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  // One key per folder; a folder's key also counts its subfolders (./src/engine/ includes engine/rst/),
  // which have their own keys too. `npm run coverage:folders` checks each folder on its own.
  coverageThreshold: Object.fromEntries(FOLDERS.map(f => [`./src/${f}/`, { lines: 85 }]))
}
