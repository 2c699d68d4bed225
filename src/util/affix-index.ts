/**
 * A list searched for the first entry whose key a string starts (or ends) with, bucketed by the keys' first (or last)
 * few characters: only the entries of the string's own bucket can match, and they keep their order in the list, so
 * the first match is the whole list's. The rules list hundreds of script URL prefixes and host suffixes, and every
 * host in every string of the code is looked up.
 */
export class AffixIndex<T> {
  /** The shortest key's length, at most 8: every key has that many characters to bucket by. */
  private readonly width: number
  private readonly buckets = new Map<string, T[]>()

  constructor(
    entries: readonly T[],
    private readonly keyOf: (entry: T) => string,
    private readonly side: 'start' | 'end',
  ) {
    this.width = Math.min(8, ...entries.map((e) => keyOf(e).length))
    for (const e of entries) {
      const cut = this.cut(keyOf(e))
      const bucket = this.buckets.get(cut)
      if (bucket) bucket.push(e)
      else this.buckets.set(cut, [e])
    }
  }

  /** The first entry, in the list's order, whose key `text` starts (or ends) with. */
  first(text: string): T | undefined {
    if (text.length < this.width) return undefined
    const bucket = this.buckets.get(this.cut(text))
    if (!bucket) return undefined
    for (const e of bucket)
      if (this.side === 'start' ? text.startsWith(this.keyOf(e)) : text.endsWith(this.keyOf(e))) return e
    return undefined
  }

  private cut(text: string): string {
    return this.side === 'start' ? text.slice(0, this.width) : text.slice(text.length - this.width)
  }
}
