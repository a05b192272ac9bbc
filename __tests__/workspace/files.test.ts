/**
 * src/workspace/files.ts: finding spec files, telling whether one exists and
 * listing a folder, never through a link that leaves the workspace.
 */
import { mkdirSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../../src/config/config.js'
import { expandGlobs, hasSpecFile, isSpecPath, listWorkspaceFolder, workspaceFileExists } from '../../src/workspace/files.js'
import { folder, removeFolders, settings } from './fixtures.js'

afterAll(removeFolders)

describe('hasSpecFile', () => {
  test('a spec deep in the tree is found', async () => {
    expect(await hasSpecFile(settings(folder({ 'specs/2025/x/a.rst': 'A' })))).toBe(true)
  })

  test('templates, excluded files, other names and files under .git or node_modules are not specs', async () => {
    const ws = folder({
      'specs/template.rst': 'T',
      'specs/2025-template.rst': 'T',
      'specs/index.rst': 'I',
      'specs/skip/a.rst': 'A',
      'specs/a.txt': 'A',
      'specs/node_modules/a.rst': 'A',
      '.git/specs/a.rst': 'A'
    })
    expect(await hasSpecFile(settings(ws, { exclude: ['specs/skip/**'] }))).toBe(false)
    expect(await hasSpecFile(settings(ws))).toBe(true) // specs/skip/a.rst once not excluded
    expect(await hasSpecFile(settings(ws, { paths: ['**/*.rst'], exclude: ['specs/skip/**'] }))).toBe(false)
  })

  test('a link to a spec counts (it is read later, and refused there when it leaves)', async () => {
    const ws = folder({ 'real/a.txt': 'A' })
    mkdirSync(path.join(ws, 'specs'))
    symlinkSync(path.join(ws, 'real/a.txt'), path.join(ws, 'specs/a.rst'))
    expect(await hasSpecFile(settings(ws))).toBe(true)
  })

  test('a workspace that does not exist has none', async () => {
    expect(await hasSpecFile(settings(path.join(folder(), 'missing')))).toBe(false)
  })
})

describe('expandGlobs', () => {
  test('a workspace that cannot be listed is reported, not silently empty', async () => {
    const ws = folder({ 'file.rst': 'x' })
    const seen: [string, string][] = []
    const files = await expandGlobs(settings(path.join(ws, 'file.rst'), { paths: ['**/*.rst'] }), (dir, code) => seen.push([dir, code]))
    expect(files).toEqual([])
    expect(seen).toEqual([['.', 'ENOTDIR']])
  })

  test('a pattern over the limits is a ConfigError naming the setting and the pattern', async () => {
    const long = 'specs/' + 'a'.repeat(1000) + '.rst'
    await expect(expandGlobs(settings(folder(), { paths: [long] }))).rejects.toThrow(ConfigError)
    await expect(expandGlobs(settings(folder(), { paths: [long] }))).rejects.toThrow(/^"paths": the pattern is 1010 characters long, over the limit of 1000 \("specs\/a+\.rst"\)$/)
    expect(() => isSpecPath('specs/a.rst', settings(folder(), { exclude: ['@(a|b)'] }))).toThrow(
      /^"exclude": extended globs such as @\(\.\.\.\) are not supported/
    )
  })
})

describe('isSpecPath and the template setting', () => {
  test('the explicit template is not a spec; a template outside the workspace excludes nothing', () => {
    const ws = folder()
    const paths = ['specs/**/*.rst']
    expect(isSpecPath('specs/base.rst', settings(ws, { paths, template: 'specs/base.rst' }))).toBe(false)
    expect(isSpecPath('specs/base.rst', settings(ws, { paths, template: path.join(ws, 'specs/base.rst') }))).toBe(false)
    expect(isSpecPath('specs/base.rst', settings(ws, { paths, template: '../elsewhere/specs/base.rst' }))).toBe(true)
    expect(isSpecPath('specs/base.rst', settings(ws, { paths }))).toBe(true)
  })

  test('keepTemplateNames keeps files named like templates, but not other names that are not specs', () => {
    const ws = folder()
    expect(isSpecPath('specs/template.rst', settings(ws, { keepTemplateNames: true }))).toBe(true)
    expect(isSpecPath('specs/template.rst', settings(ws))).toBe(false)
    expect(isSpecPath('specs/README.rst', settings(ws, { keepTemplateNames: true }))).toBe(false)
  })
})

describe('workspaceFileExists', () => {
  test('regular files and links to files inside; not folders, links out, dangling links or paths that leave', async () => {
    const outside = folder({ 'secret.rst': 's' })
    const ws = folder({ 'specs/a.rst': 'a', 'specs/sub/b.rst': 'b' })
    symlinkSync(path.join(ws, 'specs/a.rst'), path.join(ws, 'specs/in.rst'))
    symlinkSync(path.join(outside, 'secret.rst'), path.join(ws, 'specs/out.rst'))
    symlinkSync(path.join(ws, 'specs/none.rst'), path.join(ws, 'specs/dangling.rst'))
    symlinkSync(path.join(ws, 'specs/sub'), path.join(ws, 'specs/dir-link'))
    symlinkSync(outside, path.join(ws, 'specs/escape'))
    const exists = (f: string): Promise<boolean> => workspaceFileExists(ws, f)
    expect(await exists('specs/a.rst')).toBe(true)
    expect(await exists('specs/in.rst')).toBe(true)
    expect(await exists('specs/dir-link/b.rst')).toBe(true)
    expect(await exists('specs/sub')).toBe(false)
    expect(await exists('specs/dir-link')).toBe(false)
    expect(await exists('specs/out.rst')).toBe(false)
    expect(await exists('specs/escape/secret.rst')).toBe(false)
    expect(await exists('specs/dangling.rst')).toBe(false)
    expect(await exists('specs/none.rst')).toBe(false)
    expect(await exists('../secret.rst')).toBe(false)
  })
})

describe('listWorkspaceFolder', () => {
  test('the files and links to files of a folder; not its subfolders', () => {
    const ws = folder({ 'specs/a.rst': 'a', 'specs/b.md': 'b', 'specs/sub/c.rst': 'c' })
    symlinkSync(path.join(ws, 'specs/a.rst'), path.join(ws, 'specs/link.rst'))
    expect(listWorkspaceFolder(ws, 'specs').sort()).toEqual(['a.rst', 'b.md', 'link.rst'])
    expect(listWorkspaceFolder(ws, '').sort()).toEqual([])
  })

  test('nothing from a folder that leaves the workspace, by name or through a link, or that does not exist', () => {
    const outside = folder({ 'x.rst': 'x' })
    const ws = folder({ 'specs/a.rst': 'a' })
    symlinkSync(outside, path.join(ws, 'specs/escape'))
    expect(listWorkspaceFolder(ws, 'specs/escape')).toEqual([])
    expect(listWorkspaceFolder(ws, `../${path.basename(outside)}`)).toEqual([])
    expect(listWorkspaceFolder(ws, 'missing')).toEqual([])
    expect(listWorkspaceFolder(path.join(ws, 'no-workspace'), 'specs')).toEqual([])
  })
})
