/**
 * The fault-injection matrix of action-api-faults.test.ts against the
 * sources, in-process: for every endpoint the action calls, every
 * persistent fault fails closed. (The bundle runs one or two of them per
 * endpoint, every fault somewhere, in action-api-faults.test.ts.) A suite
 * of its own so that jest runs it beside the bundle's cases.
 */
import { cleanupWorkspaces } from '../e2e/action-harness.js'
import { FAULTS, SCENARIOS, expectFailsClosed, run } from './api-faults.js'

afterAll(cleanupWorkspaces)

describe.each(SCENARIOS.map(s => [s.endpoint, s] as const))('%s', (_, s) => {
  // In-process runs share this process's environment and stdout: one at a time.
  it.each(FAULTS)('persistently answering %s: fails closed (sources, in-process)', async (_name, fault) => {
    const { res } = await run(s, [{ method: s.method, path: s.path, times: 1000, ...fault }], {}, 'in-process')
    expectFailsClosed(res, s)
  })

})
