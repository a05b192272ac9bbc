/**
 * The CLI's file selection and reading (src/workspace/paths.ts), --lines
 * changed from git (src/workspace/git-diff.ts) and the configuration file
 * read from the workspace (src/workspace/config-file.ts), in-process on
 * temporary folders and git repositories.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigError } from '../../src/config/config.js'
import { MAX_FILE_BYTES } from '../../src/workspace/files.js'
import { changedLinesFromGit } from '../../src/workspace/git-diff.js'
import { loadConfigFile } from '../../src/workspace/config-file.js'
import { defaultRoot, readNamedFile, selectFiles, shownPath, specReader } from '../../src/workspace/paths.js'
import { folder, removeFolders, settings } from './fixtures.js'

afterAll(removeFolders)

const GIT_ENV = {
  PATH: process.env.PATH,
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.test',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.test'
}
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim()

/** A git repository with these files committed. */
function repo(files: Record<string, string>): string {
  const d = folder(files)
  git(d, 'init', '-q', '-b', 'main')
  git(d, 'add', '-A')
  git(d, 'commit', '-q', '-m', 'base')
  return d
}

const SPEC = 'Title\n=====\n\nText.\n'

describe('defaultRoot', () => {
  test("a repository's top folder, also from a subfolder", () => {
    const r = repo({ 'specs/a.rst': SPEC })
    expect(defaultRoot(path.join(r, 'specs'))).toBe(r)
  })

  test('outside any repository: the folder itself', () => {
    const d = folder()
    // A temporary folder is not in a repository (GIT_CEILING_DIRECTORIES is not needed: /tmp is no repository).
    expect(defaultRoot(d)).toBe(d)
  })

  test('a folder that does not exist: given back as it is', () => {
    const d = path.join(folder(), 'missing')
    expect(defaultRoot(d)).toBe(d)
  })
})

describe('selectFiles', () => {
  test('folders give their .rst files recursively, sorted and without duplicates; a named file is named', async () => {
    const r = folder({ 'specs/b.rst': SPEC, 'specs/x/a.rst': SPEC, 'specs/notes.txt': 'no', 'specs/index.rst': SPEC, 'other/c.rst': SPEC })
    const sel = await selectFiles(['specs', 'specs/b.rst', 'other/c.rst'], settings(r), { cwd: r })
    expect(sel.skipped).toEqual([])
    expect(sel.groups).toHaveLength(1)
    const g = sel.groups[0]!
    expect(g.root).toBe(r)
    expect(g.prefix).toBe('')
    expect(g.files).toEqual(['other/c.rst', 'specs/b.rst', 'specs/x/a.rst'])
    expect([...g.named].sort()).toEqual(['other/c.rst', 'specs/b.rst'])
  })

  test('"." from the root is the whole root', async () => {
    const r = folder({ 'specs/b.rst': SPEC, 'docs/d.rst': SPEC })
    const sel = await selectFiles(['.'], settings(r), { cwd: r })
    expect(sel.groups[0]!.files).toEqual(['docs/d.rst', 'specs/b.rst'])
  })

  test('globs are matched inside the root from the current folder', async () => {
    const r = folder({ 'specs/a.rst': SPEC, 'specs/b.rst': SPEC, 'specs/sub/c.rst': SPEC, 'x.rst': SPEC })
    const fromRoot = await selectFiles(['specs/*.rst'], settings(r), { cwd: r })
    expect(fromRoot.groups[0]!.files).toEqual(['specs/a.rst', 'specs/b.rst'])
    const fromSpecs = await selectFiles(['./**/*.rst'], settings(r), { cwd: path.join(r, 'specs') })
    expect(fromSpecs.groups[0]!.files).toEqual(['specs/a.rst', 'specs/b.rst', 'specs/sub/c.rst'])
  })

  test('a glob that matches nothing, a glob from outside the root and a missing path are errors', async () => {
    const r = folder({ 'specs/a.rst': SPEC })
    await expect(selectFiles(['specs/*.md'], settings(r), { cwd: r })).rejects.toThrow(new ConfigError('no spec files match "specs/*.md"'))
    const outside = folder()
    await expect(selectFiles(['*.rst'], settings(r), { cwd: outside })).rejects.toThrow(
      `glob "*.rst": the current folder is outside ${r}; pass --root`
    )
    await expect(selectFiles(['specs/none.rst'], settings(r), { cwd: r })).rejects.toThrow(new ConfigError('path "specs/none.rst" does not exist'))
  })

  test('the template and files named like index, README or template are skipped, saying why', async () => {
    const r = folder({ 'specs/template.rst': SPEC, 'specs/README.rst': SPEC, 'specs/a.rst': SPEC })
    const sel = await selectFiles(['specs/template.rst', 'specs/README.rst', 'specs/a.rst'], settings(r), {
      cwd: r,
      template: path.join(r, 'specs/template.rst')
    })
    expect(sel.groups[0]!.files).toEqual(['specs/a.rst'])
    expect(sel.skipped).toEqual([
      { file: 'specs/template.rst', why: 'it is the template (--template)' },
      { file: 'specs/README.rst', why: 'index, README and template files are not specs (set not-specs, or --not-specs none, to check it)' }
    ])
  })

  test('with anyName (--outline) every named file is taken, the template too', async () => {
    const r = folder({ 'specs/template.rst': SPEC, 'notes/README.md': '# Notes\n' })
    const sel = await selectFiles(['specs/template.rst', 'notes/README.md'], settings(r), {
      cwd: r,
      anyName: true,
      template: path.join(r, 'specs/template.rst')
    })
    expect(sel.skipped).toEqual([])
    expect(sel.groups[0]!.files).toEqual(['notes/README.md', 'specs/template.rst'])
  })

  test('a folder outside the root is checked in its own root, shown from the main root', async () => {
    const parent = folder({ 'main/specs/a.rst': SPEC, 'elsewhere/specs/b.rst': SPEC, 'elsewhere/specs/c.rst': SPEC })
    const main = path.join(parent, 'main')
    const sel = await selectFiles(['specs', '../elsewhere/specs', '../elsewhere/specs/c.rst'], settings(main), { cwd: main })
    expect(sel.groups.map(g => [g.root, g.prefix, g.files])).toEqual([
      [main, '', ['specs/a.rst']],
      [path.join(parent, 'elsewhere/specs'), '../elsewhere/specs', ['b.rst', 'c.rst']]
    ])
    expect([...sel.groups[1]!.named]).toEqual(['c.rst'])
  })

  test('a file outside the root, in another repository: its root is that repository, even from a subfolder', async () => {
    const main = folder({ 'specs/a.rst': SPEC })
    const other = repo({ 'specs/deep/b.rst': SPEC, 'specs/README.rst': SPEC })
    const sel = await selectFiles([path.join(other, 'specs/deep/b.rst'), path.join(other, 'specs/README.rst')], settings(main), { cwd: main })
    expect(sel.groups).toHaveLength(1)
    expect(sel.groups[0]!.root).toBe(other)
    expect(sel.groups[0]!.prefix).toBe(path.relative(main, other).split(path.sep).join('/'))
    expect(sel.groups[0]!.files).toEqual(['specs/deep/b.rst'])
    expect(sel.skipped.map(s => s.file)).toEqual([`${path.relative(main, other).split(path.sep).join('/')}/specs/README.rst`])
  })

  test('a group with no file left is dropped', async () => {
    const r = folder({ 'specs/index.rst': SPEC })
    const sel = await selectFiles(['specs/index.rst'], settings(r), { cwd: r })
    expect(sel.groups).toEqual([])
    expect(sel.skipped).toHaveLength(1)
  })
})

describe('reading what the user named, and what was found', () => {
  test('specReader reads a named file through a link that leaves the root, a found one only inside', async () => {
    const outside = folder({ 'real.rst': SPEC })
    const r = folder({ 'specs/a.rst': SPEC })
    symlinkSync(path.join(outside, 'real.rst'), path.join(r, 'specs/link.rst'))
    const named = specReader({ root: r, prefix: '', files: ['specs/link.rst'], named: new Set(['specs/link.rst']) })
    const found = specReader({ root: r, prefix: '', files: ['specs/link.rst', 'specs/a.rst'], named: new Set() })
    const n = await named('specs/link.rst')
    expect(n.ok && Buffer.from(n.bytes).toString()).toBe(SPEC)
    const f = await found('specs/link.rst')
    expect(f).toMatchObject({ ok: false, problem: 'outside' })
    expect((await found('specs/a.rst')).ok).toBe(true)
  })

  test('readNamedFile: a folder, a missing file, a file under a file, a file over the limit', () => {
    const r = folder({ 'a.rst': SPEC })
    expect(readNamedFile(r, 'dir')).toEqual({ ok: false, problem: 'not-a-file', error: '"dir" is not a regular file' })
    expect(readNamedFile(path.join(r, 'none.rst'), 'none.rst')).toEqual({ ok: false, problem: 'missing', error: '"none.rst" does not exist' })
    expect(readNamedFile(path.join(r, 'a.rst', 'x.rst'), 'a.rst/x.rst')).toMatchObject({ ok: false, problem: 'missing' })
    const big = path.join(r, 'big.rst')
    writeFileSync(big, '')
    truncateSync(big, MAX_FILE_BYTES + 1) // sparse: refused by its size, never read
    expect(readNamedFile(big, 'big.rst')).toEqual({
      ok: false,
      problem: 'too-large',
      error: `"big.rst" is ${MAX_FILE_BYTES + 1} bytes, over the ${MAX_FILE_BYTES}-byte limit for a spec`
    })
  })

  test('readNamedFile: a link loop cannot be read, and says the error code', () => {
    const r = folder()
    symlinkSync(path.join(r, 'b.rst'), path.join(r, 'a.rst'))
    symlinkSync(path.join(r, 'a.rst'), path.join(r, 'b.rst'))
    expect(readNamedFile(path.join(r, 'a.rst'), 'a.rst')).toEqual({ ok: false, problem: 'unreadable', error: 'cannot read "a.rst": ELOOP' })
  })

  test('shownPath: relative to the root, "." for the root, "../x" outside', () => {
    expect(shownPath('/r/main', '/r/main/specs/a.rst')).toBe('specs/a.rst')
    expect(shownPath('/r/main', '/r/main')).toBe('.')
    expect(shownPath('/r/main', '/r/other/b.rst')).toBe('../other/b.rst')
  })
})

describe('changedLinesFromGit (--lines changed)', () => {
  const BASE = 'Title\n=====\n\none\ntwo\nthree\n'

  test('the lines changed since the base; a file new since the base is changed everywhere; an unchanged file has no lines', () => {
    const r = repo({ 'specs/a.rst': BASE, 'specs/same.rst': BASE })
    writeFileSync(path.join(r, 'specs/a.rst'), 'Title\n=====\n\none\nTWO\nthree\nfour\n')
    writeFileSync(path.join(r, 'specs/new.rst'), SPEC)
    const out = changedLinesFromGit(r, 'HEAD', ['specs/a.rst', 'specs/new.rst', 'specs/same.rst'])
    expect([...out.keys()]).toEqual(['specs/a.rst', 'specs/new.rst', 'specs/same.rst'])
    expect([...out.get('specs/a.rst')!].sort((a, b) => a - b)).toEqual([5, 7])
    expect(out.get('specs/new.rst')).toBeUndefined()
    expect(out.has('specs/new.rst')).toBe(true)
    expect([...out.get('specs/same.rst')!]).toEqual([])
  })

  test('run from a subfolder: paths relative to it (git --relative, --show-prefix)', () => {
    const r = repo({ 'specs/a.rst': BASE })
    writeFileSync(path.join(r, 'specs/a.rst'), BASE.replace('one', 'ONE'))
    const out = changedLinesFromGit(path.join(r, 'specs'), 'HEAD', ['a.rst'])
    expect([...out.get('a.rst')!]).toEqual([4])
  })

  test('against an older commit', () => {
    const r = repo({ 'specs/a.rst': BASE })
    writeFileSync(path.join(r, 'specs/a.rst'), BASE + 'four\n')
    git(r, 'commit', '-q', '-am', 'four')
    expect([...changedLinesFromGit(r, 'HEAD', ['specs/a.rst']).get('specs/a.rst')!]).toEqual([])
    expect([...changedLinesFromGit(r, 'HEAD~1', ['specs/a.rst']).get('specs/a.rst')!]).toEqual([7])
  })

  test('no files: no git at all (also outside a repository)', () => {
    expect(changedLinesFromGit(folder(), 'HEAD', []).size).toBe(0)
  })

  test('a base that is no commit, or no repository: a ConfigError naming --base', () => {
    const r = repo({ 'specs/a.rst': BASE })
    expect(() => changedLinesFromGit(r, 'no-such-rev', ['specs/a.rst'])).toThrow(ConfigError)
    expect(() => changedLinesFromGit(r, 'no-such-rev', ['specs/a.rst'])).toThrow(
      /^--lines changed needs git and a valid --base revision \("no-such-rev"\): /
    )
    expect(() => changedLinesFromGit(folder(), 'HEAD', ['a.rst'])).toThrow(/--lines changed needs git and a valid --base revision \("HEAD"\): .*not a git repository/i)
  })
})

describe('loadConfigFile', () => {
  test('no configuration file: undefined', async () => {
    expect(await loadConfigFile(folder({ 'specs/a.rst': SPEC }))).toBeUndefined()
  })

  test('the first configuration file found is parsed', async () => {
    const r = folder({ '.spec-template-check.yml': 'paths:\n  - docs/**/*.rst\nfail-on: warning\n' })
    const cfg = await loadConfigFile(r)
    expect(cfg).toBeDefined()
    expect(cfg!.paths).toEqual(['docs/**/*.rst'])
  })

  test('not UTF-8, not a regular file, or a link out of the workspace: a ConfigError that says why', async () => {
    const bad = folder()
    writeFileSync(path.join(bad, '.spec-template-check.yml'), Buffer.from([0x70, 0x3a, 0x20, 0xff, 0xfe, 0x0a]))
    await expect(loadConfigFile(bad)).rejects.toThrow(new ConfigError('.spec-template-check.yml: not valid UTF-8'))

    const dir = folder()
    mkdirSync(path.join(dir, '.spec-template-check.yml'))
    await expect(loadConfigFile(dir)).rejects.toThrow(/^\.spec-template-check\.yml: not read: ".spec-template-check.yml" is not a regular file$/)

    const secret = folder({ 'secret.yml': 'paths: [x]\n' })
    const linked = folder()
    symlinkSync(path.join(secret, 'secret.yml'), path.join(linked, '.spec-template-check.yml'))
    const err = await loadConfigFile(linked).catch((e: Error) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toMatch(/^\.spec-template-check\.yml: not read: refused: .* points outside the workspace$/)
    expect((err as Error).message).not.toContain(secret)
  })

  test('an unreadable file (no permission) is a ConfigError, unless running as root', async () => {
    const r = folder({ '.spec-template-check.yml': 'paths: [x]\n' })
    chmodSync(path.join(r, '.spec-template-check.yml'), 0o000)
    if (process.getuid?.() === 0) {
      expect(await loadConfigFile(r)).toBeDefined()
    } else {
      await expect(loadConfigFile(r)).rejects.toThrow(/not read: cannot read ".spec-template-check.yml": EACCES/)
    }
  })
})
