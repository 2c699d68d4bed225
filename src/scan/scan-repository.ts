import type { Confidence, Finding, Inventory, ScanNote } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import type { FileFacts } from './file-scan.js'
import { discoverFiles } from './files.js'
import { buildInventory, type ModuleIndex } from './inventory.js'
import type { ProductScope } from './product-scope.js'
import { readAndScan } from './read-file.js'
import { DEFAULT_LIMITS, type FileLimits } from './scan-file.js'
import { filesOfShard, type Shard } from './shard.js'
import {
  defaultWorkerCount,
  fileSizes,
  scanFilesInWorkers,
  startScanPool,
  workerCeiling,
  type PoolStats,
  type ScanPool,
} from './workers.js'

/** Re-exported: callers and tests read single files through the scan module. */
export { readAndScan }

export interface ScanOptions {
  rules: RuleSet
  include?: readonly string[]
  exclude?: readonly string[]
  noDefaultExcludes?: boolean
  minConfidence?: Confidence
  ignoreFingerprints?: ReadonlySet<string>
  /** The product's own domains: never reported as third parties. */
  firstParty?: readonly string[]
  /** Globs overriding which code is the deployed product (manifest `scope`). */
  scope?: ProductScope
  maxFileBytes?: number
  /** Worker threads to scan with besides this one; 0 scans in this thread only. Default: defaultWorkerCount. */
  workers?: number
  /** Rule folders the workers must load (the same ones `rules` came from). */
  rulesDirs?: readonly string[]
  onProgress?: (done: number, total: number) => void
  /** Filled in with how the files were spread over worker threads. */
  poolStats?: PoolStats
  /** Scan only this shard's files (`merge` joins the shards' facts into the whole inventory). */
  shard?: Shard
  /** `false` skips the flows analysis. */
  flows?: boolean
}

export interface ScanResult {
  inventory: Inventory
  findings: Finding[]
  /** Per-file facts, reusable to build a base inventory cheaply. */
  facts: FileFacts[]
  /** Notes from discovering the files (unreadable folders, .gitignore files): every shard has them all. */
  discoveryNotes: ScanNote[]
  /** How the files' imports resolve: a base inventory of the same layout reuses it. */
  modules: ModuleIndex
}

/** Scans a repository: discovers files, runs the detectors on each, links and groups the inventory. */
export async function scanRepository(root: string, options: ScanOptions): Promise<ScanResult> {
  // Workers load the compiler while this thread lists the files: at once when asked for, else once the tree
  // looks large enough for them (small trees never start one) and this machine has room for any.
  let pool: ScanPool | undefined
  const startAt = options.workers === undefined ? EARLY_POOL_FILES * (options.shard?.count ?? 1) : 0
  const onListed = (count: number): void => {
    if (count === startAt) pool = startPool(root, options, options.workers ?? workerCeiling())
  }
  if (options.workers !== 0) onListed(0)
  const { files, notes } = discoverFiles(root, {
    ...options,
    ruleExcludes: options.rules.repositoryRoles.excludes,
    onListed,
  })
  const facts = await scanPaths(
    root,
    options.shard ? filesOfShard(files, options.shard) : files,
    options,
    pool,
  )
  const { inventory, findings, modules } = buildInventory(facts, options.rules, options, notes)
  return { inventory, findings, facts, discoveryNotes: notes, modules }
}

/** Source text the facts of files scanned in this thread may keep alive before they are copied instead. */
const KEPT_SOURCE_BYTES = 48 * 1024 * 1024

/** Files listed before an automatic pool starts (the final choice waits for the tree's size in bytes). */
const EARLY_POOL_FILES = 1000

function startPool(root: string, options: ScanOptions, workers: number): ScanPool | undefined {
  if (workers < 1) return undefined
  return startScanPool(root, {
    workers,
    limits: limitsOf(options),
    rules: options.rules,
    rulesDirs: options.rulesDirs ?? [],
    onProgress: options.onProgress,
    stats: options.poolStats,
  })
}

const limitsOf = (options: ScanOptions): FileLimits => ({
  maxBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxBytes,
  flows: options.flows,
})

/**
 * Scans the given repo-relative files, in worker threads when they pay off; facts in the order given. A pool
 * started ahead (`scanRepository`) is used, or closed unused when the files are too few or too small for it.
 */
export async function scanPaths(
  root: string,
  files: readonly string[],
  options: ScanOptions,
  pool?: ScanPool,
): Promise<FileFacts[]> {
  const limits = limitsOf(options)
  const sizes = fileSizes(root, files)
  const sizeOf = new Map(files.map((f, i) => [f, sizes[i]!]))
  // The facts' strings are slices of the file's text and keep it alive (28 MB on a 4,100-file monorepo). Keeping
  // it costs less than copying each file's facts (structuredClone: ~8 % of a one-thread scan), up to a budget;
  // past it the facts are copied, so memory stays bounded on any tree. Facts from workers are copies anyway.
  let kept = 0
  const inThread = (path: string): FileFacts => {
    const facts = readAndScan(root, path, options.rules, limits)
    kept += sizeOf.get(path) ?? 0
    return kept <= KEPT_SOURCE_BYTES ? facts : structuredClone(facts)
  }
  const workers = options.workers ?? defaultWorkerCount(sizes.reduce((a, b) => a + b, 0))
  if (pool) {
    if (workers > 0 && files.length >= 2) return pool.scan(files, inThread, sizes)
    await pool.close()
  } else if (workers > 0 && files.length >= 2) {
    const facts = await scanFilesInWorkers(
      root,
      files,
      {
        workers,
        limits,
        rules: options.rules,
        rulesDirs: options.rulesDirs ?? [],
        onProgress: options.onProgress,
        stats: options.poolStats,
      },
      inThread,
    )
    if (facts) return facts
  }
  const out: FileFacts[] = []
  let done = 0
  for (const path of files) {
    out.push(inThread(path))
    options.onProgress?.(++done, files.length)
  }
  return out
}
