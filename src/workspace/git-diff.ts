/**
 * --lines changed for the CLI: the lines each file changed relative to a git
 * revision (working tree vs --base, default HEAD), from one `git diff -U0`.
 */
import { childProcess } from './builtins.js'
import { ConfigError } from '../config/config.js'
import { changedLinesFromPatch } from '../engine/changed-lines.js'

/** Per file: the changed lines, or undefined when the whole file is new (untracked or added). */
export function changedLinesFromGit(root: string, base: string, files: string[]): Map<string, Set<number> | undefined> {
  const git = (args: string[]): string => {
    try {
      return childProcess().execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (e) {
      const err = e as { stderr?: string; message: string }
      const why = (err.stderr || err.message).trim().split('\n')[0]
      throw new ConfigError(`--lines changed needs git and a valid --base revision ("${base}"): ${why}`)
    }
  }
  const out = new Map<string, Set<number> | undefined>()
  if (files.length === 0) return out
  git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`])
  const tracked = new Set(git(['ls-tree', '-r', '--name-only', '-z', '--full-name', base, '--', ...files]).split('\0').filter(Boolean))
  const prefix = git(['rev-parse', '--show-prefix']).trim()
  const diff = git(['diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--relative', base, '--', ...files])
  const patches = new Map<string, string>()
  for (const chunk of diff.split(/^diff --git /m).slice(1)) {
    const m = /^\+\+\+ b\/(.*)$/m.exec(chunk)
    if (m) patches.set(m[1]!, chunk)
  }
  for (const file of files) {
    if (!tracked.has(prefix + file)) out.set(file, undefined) // new at base: every line is changed
    else out.set(file, changedLinesFromPatch(patches.get(file) ?? ''))
  }
  return out
}
