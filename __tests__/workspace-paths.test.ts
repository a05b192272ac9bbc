/** A folder whose name starts with ".." (e.g. "..draft") is inside the workspace; only a ".." segment leaves it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { leavesBase, readWorkspaceFileSync, toRelative } from '../src/workspace/files.js'
import { within } from '../src/action/settings.js'

describe('paths that start with ".."', () => {
  let ws: string
  beforeAll(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'stc-dotdot-'))
    mkdirSync(path.join(ws, '..draft'), { recursive: true })
    writeFileSync(path.join(ws, '..draft/idea.rst'), 'Idea\n====\n')
  })
  afterAll(() => rmSync(ws, { recursive: true, force: true }))

  test('leavesBase: only a whole ".." segment or an absolute path leaves', () => {
    expect(['..', `..${path.sep}x`, path.resolve('/elsewhere')].map(leavesBase)).toEqual([true, true, true])
    expect(['..draft', `..draft${path.sep}a.rst`, 'a..b', '...'].map(leavesBase)).toEqual([false, false, false, false])
  })

  test('a spec in the top folder ..draft/ is named and read; ../ is still refused', () => {
    expect(toRelative(ws, '..draft/idea.rst')).toBe('..draft/idea.rst')
    expect(() => toRelative(ws, '../x.rst')).toThrow(/outside the workspace/)
    const r = readWorkspaceFileSync(ws, '..draft/idea.rst')
    expect(r.ok).toBe(true)
    expect(readWorkspaceFileSync(ws, '../idea.rst').ok).toBe(false)
    expect(within(ws, path.join(ws, '..draft'))).toBe(true)
    expect(within(ws, path.join(ws, '..', 'x'))).toBe(false)
  })
})
