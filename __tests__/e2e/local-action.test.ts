/**
 * dist/index.js as @github/local-action uses an entry: importing it runs
 * nothing and gives `run()`; calling `run()` runs the action once.
 */
import { pathToFileURL } from 'node:url'
import { BUNDLE, GOOD, TEMPLATE, cleanupWorkspaces, makeWorkspace, runAction, startMock, stopMock } from './action-harness.js'

afterEach(stopMock)
afterAll(cleanupWorkspaces)


function importer(callRun: boolean): string[] {
  const script =
    `const m = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});\n` +
    `process.stdout.write('imported: run is a ' + typeof m.run + '\\n');\n` +
    (callRun ? `await m.run();\nprocess.stdout.write('run() returned\\n');\n` : '')
  return ['--input-type=module', '-e', script]
}

describe('the bundle as an entry for @github/local-action', () => {
  it('importing it exports run() and runs nothing', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': GOOD })
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all' }, nodeArgs: importer(false) })
    expect(res.code).toBe(0)
    expect(res.stdout).toBe('imported: run is a function\n')
    expect(res.summary).toBe('')
    expect(gh.requests).toEqual([])
  })

  it('calling run() runs the action once (outputs and summary written once)', async () => {
    const ws = await makeWorkspace({ 'specs/template.rst': TEMPLATE, 'specs/a.rst': GOOD })
    const gh = await startMock({})
    const res = await runAction(ws, gh, { event: 'workflow_dispatch', payload: {}, inputs: { scope: 'all', annotations: 'none' }, nodeArgs: importer(true) })
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/^imported: run is a function\n/)
    expect(res.stdout).toMatch(/run\(\) returned\n$/)
    expect(res.outputs['files-checked']).toBe('1')
    expect(res.summary.match(/spec-template-check:/g)).toHaveLength(1)
  })
})
