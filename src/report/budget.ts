/**
 * GitHub's size and volume limits, and helpers to fit content into them (ecosystem.md B.10).
 */
export const LIMITS = {
  /** Hard limit of an issue / PR comment body (422 "body is too long" above it). */
  commentChars: 65_536,
  /** What we aim for: room for UTF-16 vs code-point counting and the markers. */
  commentBudget: 60_000,
  /** A step's job summary upload is dropped above 1 MiB. */
  summaryBytes: 1024 * 1024,
  /** Leaves room for the lines appended after the report (the comment link). */
  summaryBudgetBytes: 1000 * 1024,
  /** Annotations per step for each of error / warning / notice. */
  annotationsPerLevel: 10,
  /** Annotations per job, all steps together. */
  annotationsPerJob: 50,
} as const

/**
 * The largest n in [0, total] for which `fits(n)` holds, assuming fits is monotone (true up to some n, then
 * false). Binary search: the renderer is called O(log total) times.
 */
export function largestFitting(total: number, fits: (n: number) => boolean): number {
  if (fits(total)) return total
  let lo = 0
  let hi = total
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** UTF-8 byte length (the job summary limit is in bytes). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * Cuts markdown to at most `maxBytes` at a line boundary, closes an open code fence and open `<details>`
 * blocks, and appends `note`. Returns the text unchanged when it fits.
 */
export function fitMarkdown(text: string, maxBytes: number, note: string): string {
  if (byteLength(text) <= maxBytes) return text
  const tail = `\n\n${note}\n`
  const room = Math.max(0, maxBytes - byteLength(tail) - 64)
  const lines = text.split('\n')
  const kept: string[] = []
  let used = 0
  for (const line of lines) {
    const size = byteLength(line) + 1
    if (used + size > room) break
    kept.push(line)
    used += size
  }
  const closers: string[] = []
  let fence: string | undefined
  let openDetails = 0
  for (const line of kept) {
    const m = /^(`{3,}|~{3,})/.exec(line)
    if (m) {
      if (fence === undefined) fence = m[1]
      else if (line.startsWith(fence) && line.trim() === fence) fence = undefined
      continue
    }
    if (fence !== undefined) continue
    openDetails += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length
  }
  if (fence !== undefined) closers.push(fence)
  for (let i = 0; i < openDetails; i++) closers.push('', '</details>')
  return [...kept, ...closers].join('\n') + tail
}

/** Caps a multi-line block (a suggestion) so one pathological item cannot eat the budget. */
export function capBlock(text: string, maxLines = 20, maxLineChars = 300): string {
  const lines = text.split('\n')
  const out = lines
    .slice(0, maxLines)
    .map((l) => ([...l].length > maxLineChars ? [...l].slice(0, maxLineChars - 1).join('') + '…' : l))
  if (lines.length > maxLines) out.push(`# …${lines.length - maxLines} more lines`)
  return out.join('\n')
}
