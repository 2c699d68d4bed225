import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Confidence, ScanNote } from '../model/types.js'
import { TOOL } from '../report/version.js'
import { UsageError } from '../util/errors.js'
import { cmp } from './inventory.js'
import type { FileFacts } from './file-scan.js'
import type { Shard } from './shard.js'

/**
 * What `scan --shard K/N` writes: the per-file facts of its files (everything a file contributes, before the
 * cross-file link step) plus what every shard sees alike (the discovery notes, the settings). The link step
 * (imports → vendors, imported cookie names, workspace wrappers, flows) needs every file's facts, so it runs once,
 * in `merge`, on the union: the merged report is the report of one scan.
 */
export interface ShardFile {
  privacyDriftShard: 1
  tool: { name: string; version: string }
  shard: Shard
  /** The scanned folder's name (report titles). */
  project: string
  /** The scan options that shape the inventory; `merge` applies them (the base of `merge --check --base` too). */
  options: ShardScanOptions
  /** Digests of the rules and of privacy.yml (null: none) the shard was scanned with; `merge` must use the same. */
  rules: string
  manifest: string | null
  discoveryNotes: ScanNote[]
  facts: FileFacts[]
}

export interface ShardScanOptions {
  include: string[]
  exclude: string[]
  minConfidence: Confidence
  maxFileBytes: number
  /** The flows analysis ran (`--no-flows`: it did not). */
  flows: boolean
}

/** A stable digest of JSON-able settings (key order does not matter). */
export function settingsDigest(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => cmp(a, b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
}

const note = z.object({ path: z.string(), level: z.enum(['info', 'warning']), message: z.string() })
const shardFileSchema = z.object({
  privacyDriftShard: z.literal(1),
  tool: z.object({ name: z.string(), version: z.string() }),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  project: z.string(),
  options: z.object({
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    minConfidence: z.enum(['low', 'medium', 'high']),
    maxFileBytes: z.number().positive(),
    flows: z.boolean(),
  }),
  rules: z.string(),
  manifest: z.string().nullable(),
  discoveryNotes: z.array(note),
  // Facts are checked for what merging relies on (a path); their content is the scanner's own output.
  facts: z.array(z.looseObject({ path: z.string() })),
})

/** Parses one shard file; `name` locates the error. */
export function parseShardFile(text: string, name: string): ShardFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`${name}: not a shard file (invalid JSON: ${(e as Error).message})`)
  }
  const parsed = shardFileSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UsageError(
      `${name}: not a shard file written by \`privacy-drift scan --shard K/N\` (${issue.path.join('.') || 'top level'}: ${issue.message})`,
    )
  }
  return parsed.data as unknown as ShardFile
}

/** The union of the shards: every file's facts in path order, once each; refuses an incomplete or mixed set. */
export function mergeShardFiles(shards: readonly { name: string; file: ShardFile }[]): {
  facts: FileFacts[]
  first: ShardFile
} {
  if (shards.length === 0) throw new UsageError('merge: no shard files given')
  const first = shards[0]!.file
  const count = first.shard.count
  const seen = new Map<number, string>()
  for (const { name, file } of shards) {
    if (file.tool.version !== first.tool.version)
      throw new UsageError(
        `${name}: written by privacy-drift ${file.tool.version}, ${shards[0]!.name} by ${first.tool.version}; use one version for every shard`,
      )
    if (file.shard.count !== count)
      throw new UsageError(
        `${name}: shard ${file.shard.index}/${file.shard.count}, but ${shards[0]!.name} is one of ${count}`,
      )
    if (settingsOf(file) !== settingsOf(first))
      throw new UsageError(
        `${name}: scanned with other settings than ${shards[0]!.name} (rules, privacy.yml, folder name or contents, --include/--exclude, --min-confidence, --max-file-size or --no-flows differ)`,
      )
    const dup = seen.get(file.shard.index)
    if (dup) throw new UsageError(`${name}: shard ${file.shard.index}/${count} is given twice (also ${dup})`)
    seen.set(file.shard.index, name)
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i))
  if (missing.length)
    throw new UsageError(
      `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`,
    )
  const facts = shards.flatMap((s) => s.file.facts).sort((a, b) => cmp(a.path, b.path))
  for (let i = 1; i < facts.length; i++)
    if (facts[i]!.path === facts[i - 1]!.path)
      throw new UsageError(
        `merge: ${facts[i]!.path} is in two shards (were they cut from different file lists?)`,
      )
  return { facts, first }
}

const settingsOf = (f: ShardFile): string =>
  settingsDigest([f.options, f.rules, f.manifest, f.project, f.discoveryNotes])

/** The shard file's text for a scan's facts. */
export function renderShardFile(file: Omit<ShardFile, 'privacyDriftShard' | 'tool'>): string {
  const out: ShardFile = { privacyDriftShard: 1, tool: { name: TOOL.name, version: TOOL.version }, ...file }
  return JSON.stringify(out) + '\n'
}
