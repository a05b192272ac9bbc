/** Temporary folders and settings for the workspace tests. */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_PATHS, DEFAULT_SECTION_DEPTH, type Settings } from '../../src/config/config.js'
import { writeTree } from '../helpers.js'

const dirs: string[] = []

/** Removes every folder made by folder() (call in afterAll). */
export function removeFolders(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

/** A fresh temporary folder (its real path) with these files. */
export function folder(files: Record<string, string> = {}): string {
  const d = realpathSync(mkdtempSync(path.join(tmpdir(), 'stc-ws-')))
  dirs.push(d)
  writeTree(d, files)
  return d
}

/** Default settings for this workspace, with some changed. */
export function settings(workspace: string, extra: Partial<Settings> = {}): Settings {
  return { workspace, paths: DEFAULT_PATHS, exclude: [], optionalSections: [], rules: {}, sectionDepth: DEFAULT_SECTION_DEPTH, failOn: 'error', ...extra }
}
