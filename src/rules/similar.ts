/** "Did you mean": the closest title, for renames and case changes. */

export function closestTitle(title: string, candidates: string[]): string | undefined {
  const t = norm(title)
  let best: string | undefined
  let bestScore = 0
  for (const c of candidates) {
    const n = norm(c)
    if (n === t) return c
    const d = distance(t, n)
    const score = 1 - d / Math.max(t.length, n.length, 1)
    if (score > bestScore) {
      bestScore = score
      best = c
    }
  }
  return bestScore >= 0.7 ? best : undefined
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

/** Levenshtein distance, bounded inputs (titles). */
function distance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Math.max(a.length, b.length)
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}
