/** Values longer than this are not typos of a key: no suggestion is computed for them. */
const MAX_TYPO_LENGTH = 64

/**
 * Edit distance between two strings (Levenshtein, with adjacent transpositions), or `limit + 1` as soon as it is
 * known to exceed `limit`. Three rows of memory, and no work for strings whose lengths alone rule them out.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const m = a.length
  const n = b.length
  if (Math.abs(m - n) > limit) return limit + 1
  let before = new Array<number>(n + 1).fill(0)
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  let row = new Array<number>(n + 1).fill(0)
  for (let i = 1; i <= m; i++) {
    row[0] = i
    let best = i
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1)
      row[j] = v
      if (v < best) best = v
    }
    if (best > limit) return limit + 1
    ;[before, prev, row] = [prev, row, before]
  }
  return prev[n]!
}

/** The closest candidate when it is near enough to be a likely typo; undefined otherwise (and for long values). */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  if (value.length > MAX_TYPO_LENGTH) return undefined
  const needle = value.toLowerCase()
  const limit = Math.max(2, Math.floor(needle.length / 3))
  let best: string | undefined
  let bestScore = Infinity
  for (const c of candidates) {
    const hay = c.toLowerCase()
    let score = editDistance(needle, hay, limit)
    // A dotted key whose last segment matches is a near-miss too (`contact.email` → `user.contact.email`).
    if (hay.endsWith('.' + needle) || needle.endsWith('.' + hay.split('.').pop()))
      score = Math.min(score, 1.5)
    if (score < bestScore) {
      bestScore = score
      best = c
    }
  }
  return best !== undefined && bestScore <= limit ? best : undefined
}

/** " — did you mean `x`?" or a fallback listing a few valid values. */
export function suggestion(value: string, candidates: readonly string[], what: string): string {
  const near = closest(value, candidates)
  if (near) return `did you mean "${near}"?`
  if (candidates.length <= 8) return `valid ${what}: ${candidates.join(', ')}`
  return `run \`privacy-drift explain --list ${what}\` to see every valid ${what}`
}
