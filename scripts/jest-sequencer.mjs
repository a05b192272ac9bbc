/**
 * Jest's order of the test files, longest first (so that no long file starts
 * last and leaves one worker busy alone at the end), also with a cold cache.
 *
 * Jest's own sequencer sorts by each file's duration in its last run (kept in
 * its cache directory) and, for a file it has no duration for, by file size.
 * Without a cache (a fresh CI machine) that starts the small files that take
 * longest last: the fault matrix, the fuzz test and the linear-time checks are
 * among the smallest files. Here a file without a cached duration is given
 * the one it has on an idle 2-core machine when it is listed in TYPICAL_MS
 * (the files over about a second, measured serially), else an estimate from
 * its size; files that failed in the last run still go first.
 */
// jest's own sequencer (@jest/test-sequencer, a devDependency at jest's version).
import Sequencer from '@jest/test-sequencer'

/** Serial durations (ms) of the longest test files, measured with `npm test -- -i --json`. */
const TYPICAL_MS = {
  '__tests__/hardening/action-api-faults-sources.test.ts': 7000,
  '__tests__/hardening/action-api-faults.test.ts': 5000,
  '__tests__/fuzz/fuzz.test.ts': 4800,
  '__tests__/e2e/cli.test.ts': 3600,
  '__tests__/markdown/cmark-differential.test.ts': 3200,
  '__tests__/e2e/action.test.ts': 2600,
  '__tests__/io/log-escaping.test.ts': 2400,
  '__tests__/engine/linear.test.ts': 2400,
  '__tests__/markdown/markdown-it.test.ts': 2200,
  '__tests__/io/cli-truth.test.ts': 1600,
  '__tests__/action/run.test.ts': 1500,
  '__tests__/corpus/nova-verdicts.test.ts': 1500,
  '__tests__/engine/fix-corpus.test.ts': 1500,
  '__tests__/github/client.test.ts': 1500,
  '__tests__/hardening/inputs.test.ts': 1400,
  '__tests__/io/glob-hang.test.ts': 1300,
  '__tests__/github/template-source.test.ts': 1300,
  '__tests__/hardening/action-api.test.ts': 1200,
  '__tests__/hardening/action-nothing-lost.test.ts': 1200,
  '__tests__/markdown/corpus-verdicts.test.ts': 1100
}

/** A file not listed above: about 1 ms per 40 bytes of test source (under a second for all of them). */
const BYTES_PER_MS = 40

export default class LongestFirst extends Sequencer {
  sort(tests) {
    const expected = test => {
      const cached = this.time(test)
      if (cached != null) return cached
      const rel = test.path.slice(test.context.config.rootDir.length + 1).split('\\').join('/')
      return TYPICAL_MS[rel] ?? (test.context.hasteFS.getSize(test.path) ?? 0) / BYTES_PER_MS
    }
    const keyed = tests.map(test => ({ test, failed: this.hasFailed(test), ms: expected(test) }))
    keyed.sort((a, b) => (a.failed !== b.failed ? (a.failed ? -1 : 1) : b.ms - a.ms))
    return keyed.map(k => {
      k.test.duration = this.time(k.test)
      return k.test
    })
  }
}
