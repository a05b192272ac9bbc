/**
 * "Only my lines": line rules (kind 'line': line-length, trailing-whitespace,
 * tab, ...) report only lines the change added or modified; structural rules
 * always look at the whole file.
 */
import type { Finding, Rule } from './types.js'

/**
 * New-side line numbers added or modified by a unified diff (a GitHub
 * `patch` or `git diff -U0` output for one file).
 */
export function changedLinesFromPatch(patch: string): Set<number> {
  return patchLines(patch, false)
}

/**
 * New-side line numbers inside the hunks of a unified diff: added and
 * context lines, where pull request review comments may be placed.
 */
export function diffLines(patch: string): Set<number> {
  return patchLines(patch, true)
}

function patchLines(patch: string, withContext: boolean): Set<number> {
  const lines = new Set<number>()
  let next = 0 // next new-side line number
  // Lines of the current hunk still to come on each side (from its header);
  // both 0 = outside a hunk, where "+++ b/file" and the like are headers. Inside
  // a hunk every line is content, also an added line that starts with "++ ".
  let oldLeft = 0
  let newLeft = 0
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (oldLeft <= 0 && newLeft <= 0) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line)
      if (hunk) {
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1])
        next = Number(hunk[2])
        newLeft = hunk[3] === undefined ? 1 : Number(hunk[3])
      }
      continue
    }
    if (line.startsWith('\\')) continue // "\ No newline at end of file"
    if (line.startsWith('+')) {
      lines.add(next++)
      newLeft--
    } else if (line.startsWith('-')) {
      oldLeft-- // '-' lines do not advance the new side
    } else {
      // Context: ' ', or an empty line where a tool stripped the trailing space.
      if (withContext) lines.add(next)
      next++
      oldLeft--
      newLeft--
    }
  }
  return lines
}

/** Keep structural findings, and findings of line rules (of `rules`, kind 'line') on changed lines only. */
export function onlyChangedLines(findings: Finding[], changed: Set<number>, rules: readonly Pick<Rule, 'id' | 'kind'>[]): Finding[] {
  const lineRules = lineRuleIds(rules)
  return findings.filter(f => {
    if (!lineRules.has(f.rule)) return true
    const end = f.endLine ?? f.line
    if (end - f.line > 10000) return [...changed].some(n => n >= f.line && n <= end)
    for (let n = f.line; n <= end; n++) if (changed.has(n)) return true
    return false
  })
}

const lineRuleCache = new WeakMap<readonly Pick<Rule, 'id' | 'kind'>[], Set<string>>()

/** Ids of the line rules among `rules`. */
export function lineRuleIds(rules: readonly Pick<Rule, 'id' | 'kind'>[]): Set<string> {
  let ids = lineRuleCache.get(rules)
  if (!ids) lineRuleCache.set(rules, (ids = new Set(rules.filter(r => r.kind === 'line').map(r => r.id))))
  return ids
}
