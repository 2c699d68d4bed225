/** Edit distance between two strings (Levenshtein, with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length
  const n = b.length
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)])
  for (let j = 0; j <= n; j++) d[0]![j] = j
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  }
  return d[m]![n]!
}

/** The closest candidate when it is near enough to be a likely typo; undefined otherwise. */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  const needle = value.toLowerCase()
  let best: string | undefined
  let bestScore = Infinity
  for (const c of candidates) {
    const hay = c.toLowerCase()
    let score = editDistance(needle, hay)
    // A dotted key whose last segment matches is a near-miss too (`contact.email` → `user.contact.email`).
    if (hay.endsWith('.' + needle) || needle.endsWith('.' + hay.split('.').pop()))
      score = Math.min(score, 1.5)
    if (score < bestScore) {
      bestScore = score
      best = c
    }
  }
  if (best === undefined) return undefined
  const limit = Math.max(2, Math.floor(needle.length / 3))
  return bestScore <= limit ? best : undefined
}

/** " — did you mean `x`?" or a fallback listing a few valid values. */
export function suggestion(value: string, candidates: readonly string[], what: string): string {
  const near = closest(value, candidates)
  if (near) return `did you mean "${near}"?`
  if (candidates.length <= 8) return `valid ${what}: ${candidates.join(', ')}`
  return `run \`privacy-drift explain --list ${what}\` to see every valid ${what}`
}
