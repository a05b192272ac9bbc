/** A folder whose name starts with ".." (e.g. "..draft") is inside the workspace; only a ".." segment leaves it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { leavesBase } from '../src/config/paths.js'
import { readWorkspaceFileSync, toRelative } from '../src/workspace/files.js'
import { within } from '../src/action/settings.js'
import { defaultRoot, mayBeInRepository, selectFiles } from '../src/workspace/paths.js'
import type { Settings } from '../src/config/config.js'

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

describe('the default root without starting git', () => {
  let top: string
  const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE, GIT_COMMON_DIR: process.env.GIT_COMMON_DIR }
  beforeAll(() => {
    top = mkdtempSync(path.join(tmpdir(), 'stc-root-'))
    for (const d of ['plain/a/b', 'repo/.git', 'repo/specs/x', 'gitfile/specs', 'bare/sub']) mkdirSync(path.join(top, d), { recursive: true })
    writeFileSync(path.join(top, 'gitfile/.git'), 'gitdir: ../elsewhere\n')
    writeFileSync(path.join(top, 'bare/HEAD'), 'ref: refs/heads/main\n')
    delete process.env.GIT_DIR
    delete process.env.GIT_WORK_TREE
    delete process.env.GIT_COMMON_DIR
  })
  afterAll(() => {
    rmSync(top, { recursive: true, force: true })
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]
    else process.env[k] = v
  })

  // Only meaningful where the temporary folder is not itself inside a repository.
  const outsideRepos = !mayBeInRepository(tmpdir())

  test('no .git entry and no HEAD from the folder up to the file-system root: git would fail, the folder is the root', () => {
    if (!outsideRepos) return
    expect(mayBeInRepository(path.join(top, 'plain/a/b'))).toBe(false)
    expect(defaultRoot(path.join(top, 'plain/a/b'))).toBe(path.join(top, 'plain/a/b'))
  })

  test('a .git folder or file, or a folder that looks like a git directory, above or at the folder: git is asked', () => {
    expect(mayBeInRepository(path.join(top, 'repo/specs/x'))).toBe(true)
    expect(mayBeInRepository(path.join(top, 'repo'))).toBe(true)
    expect(mayBeInRepository(path.join(top, 'gitfile/specs'))).toBe(true)
    expect(mayBeInRepository(path.join(top, 'bare/sub'))).toBe(true)
  })

  test('GIT_DIR, GIT_WORK_TREE or GIT_COMMON_DIR set: git is asked', () => {
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR']) {
      process.env[k] = path.join(top, 'repo/.git')
      expect(mayBeInRepository(path.join(top, 'plain/a/b'))).toBe(true)
      delete process.env[k]
    }
  })
})

describe('named files: plain names are joined, other forms resolved, with one answer', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'stc-named-'))
    mkdirSync(path.join(root, 'specs/sub'), { recursive: true })
    for (const f of ['specs/a.rst', 'specs/sub/b.rst', 'top.rst']) writeFileSync(path.join(root, f), 'Title\n=====\n')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const settings = (): Settings => ({
    workspace: root,
    paths: ['specs/**/*.rst'],
    exclude: [],
    optionalSections: [],
    rules: {},
    sectionDepth: 2,
    failOn: 'error'
  })
  const select = async (cwd: string, inputs: string[]): Promise<string[][]> =>
    (await selectFiles(inputs, settings(), { cwd })).groups.map(g => [g.prefix, ...g.files])

  test('from the root and from a folder inside it, plain and non-plain spellings give the same files', async () => {
    expect(await select(root, ['specs/a.rst', 'specs/sub/b.rst'])).toEqual([['', 'specs/a.rst', 'specs/sub/b.rst']])
    expect(await select(root, ['./specs/a.rst', 'specs//sub/b.rst'])).toEqual([['', 'specs/a.rst', 'specs/sub/b.rst']])
    const sub = path.join(root, 'specs')
    expect(await select(sub, ['a.rst', 'sub/b.rst'])).toEqual([['', 'specs/a.rst', 'specs/sub/b.rst']])
    expect(await select(sub, ['../top.rst', 'sub/../a.rst'])).toEqual([['', 'specs/a.rst', 'top.rst']])
    expect(await select(sub + '/', ['a.rst'])).toEqual([['', 'specs/a.rst']])
  })

  test('a missing plain name is reported like any other', async () => {
    await expect(select(root, ['specs/none.rst'])).rejects.toThrow(/path "specs\/none.rst" does not exist/)
  })
})
