/** "Did you mean": the closest title, for renames and case changes. */

export function closestTitle(title: string, candidates: string[]): string | undefined {
  return titleMatcher(candidates)(title)
}

/**
 * closestTitle for many titles against the same candidates: candidates are
 * normalised once and answers cached, so checking every section of a very
 * large file stays linear.
 */
export function titleMatcher(candidates: string[]): (title: string) => string | undefined {
  // The first candidate of each normalised text: a repeated one scores the same, and the first wins ties.
  const norms: { n: string; c: string }[] = []
  const seen = new Set<string>()
  for (const c of candidates) {
    const n = norm(c)
    if (seen.has(n)) continue
    seen.add(n)
    norms.push({ n, c })
  }
  const cache = new Map<string, string | undefined>()
  return title => {
    const t = norm(title)
    if (cache.has(t)) return cache.get(t)
    let best: string | undefined
    let bestScore = 0
    for (const { n, c } of norms) {
      if (n === t) {
        best = c
        bestScore = 1
        break
      }
      // A length difference over 30% cannot reach the 0.7 needed.
      if (Math.abs(t.length - n.length) > 0.3 * Math.max(t.length, n.length, 1)) continue
      const longest = Math.max(t.length, n.length, 1)
      // Distances above the limit score under 0.7: not worth finishing.
      const limit = Math.floor(0.3 * longest) + 1
      const d = distance(t, n, limit)
      if (d > limit) continue
      const score = 1 - d / longest
      if (score > bestScore) {
        bestScore = score
        best = c
      }
    }
    const out = bestScore >= 0.7 ? best : undefined
    cache.set(t, out)
    return out
  }
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

/** Rows reused between calls (titles are short; this runs for every section of a file). */
let prevRow = new Int32Array(64)
let curRow = new Int32Array(64)

/**
 * Levenshtein distance, bounded inputs (titles): exact when it is at most
 * `limit`, otherwise some number above `limit` (a row's minimum never
 * decreases, so the search stops once it passes the limit).
 */
function distance(a: string, b: string, limit: number): number {
  if (a.length > 200 || b.length > 200) return Math.max(a.length, b.length)
  const m = b.length
  if (prevRow.length < m + 1) {
    prevRow = new Int32Array(m + 1)
    curRow = new Int32Array(m + 1)
  }
  let prev = prevRow
  let cur = curRow
  for (let j = 0; j <= m; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1)
    cur[0] = i
    let rowMin = i
    for (let j = 1; j <= m; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1))
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > limit) return limit + 1
    const t = prev
    prev = cur
    cur = t
  }
  return prev[m]!
}
