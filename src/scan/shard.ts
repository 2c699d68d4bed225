import { createHash } from 'node:crypto'
import { UsageError } from '../util/errors.js'

/** One of `count` shards of a scan, `index` from 1. */
export interface Shard {
  index: number
  count: number
}

/** Parses `K/N` (1 ≤ K ≤ N), as given to `scan --shard`. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim())
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || count < 1 || index < 1 || index > count || count > 1000)
    throw new UsageError(`--shard ${value}: expected K/N with 1 ≤ K ≤ N ≤ 1000 (e.g. 2/4)`)
  return { index, count }
}

/**
 * The shard (1…count) a repo-relative path belongs to: a hash of the path alone, so that every runner, whatever
 * its file system order or its other files, puts a file in the same shard.
 */
export function shardOfPath(path: string, count: number): number {
  if (count === 1) return 1
  return (createHash('sha1').update(path).digest().readUInt32BE(0) % count) + 1
}

/** The files of one shard, in their given order. */
export function filesOfShard(files: readonly string[], shard: Shard): string[] {
  return files.filter((f) => shardOfPath(f, shard.count) === shard.index)
}
