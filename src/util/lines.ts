/** Offsets where each line of a text starts (the first is 0). */
export function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/**
 * Whether a text breaks lines anywhere but at `\n`: a `\r` not followed by `\n`, U+2028 or U+2029, which TypeScript
 * (and so a position it reports) counts as line breaks too.
 */
export function breaksLinesElsewhere(text: string): boolean {
  if (text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) return true
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1))
    if (text.charCodeAt(i + 1) !== 10) return true
  return false
}

/** Index (0-based) of the line that holds an offset, by binary search over the line starts. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Line and column (1-based) of an offset. */
export function positionIn(starts: readonly number[], offset: number): { line: number; column: number } {
  const i = lineIndexAt(starts, offset)
  return { line: i + 1, column: offset - starts[i]! + 1 }
}
