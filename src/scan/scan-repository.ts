import type { Confidence, Finding, Inventory, ScanNote } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import type { FileFacts } from './file-scan.js'
import { discoverFiles } from './files.js'
import { buildInventory } from './inventory.js'
import { readAndScan } from './read-file.js'
import { DEFAULT_LIMITS, type FileLimits } from './scan-file.js'
import { filesOfShard, type Shard } from './shard.js'
import { defaultWorkerCount, scanFilesInWorkers, type PoolStats } from './workers.js'

/** Re-exported: callers and tests read single files through the scan module. */
export { readAndScan }

export interface ScanOptions {
  rules: RuleSet
  include?: readonly string[]
  exclude?: readonly string[]
  noDefaultExcludes?: boolean
  minConfidence?: Confidence
  ignoreFingerprints?: ReadonlySet<string>
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
}

export interface ScanResult {
  inventory: Inventory
  findings: Finding[]
  /** Per-file facts, reusable to build a base inventory cheaply. */
  facts: FileFacts[]
  /** Notes from discovering the files (unreadable folders, .gitignore files): every shard has them all. */
  discoveryNotes: ScanNote[]
}

/** Scans a repository: discovers files, runs the detectors on each, links and groups the inventory. */
export async function scanRepository(root: string, options: ScanOptions): Promise<ScanResult> {
  const { files, notes } = discoverFiles(root, options)
  const facts = await scanPaths(root, options.shard ? filesOfShard(files, options.shard) : files, options)
  const { inventory, findings } = buildInventory(facts, options.rules, options, notes)
  return { inventory, findings, facts, discoveryNotes: notes }
}

/** Scans the given repo-relative files, in worker threads when there are many; facts in the order given. */
export async function scanPaths(
  root: string,
  files: readonly string[],
  options: ScanOptions,
): Promise<FileFacts[]> {
  const limits: FileLimits = { maxBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxBytes }
  const workers = options.workers ?? defaultWorkerCount(files.length)
  // A copy of the facts: their strings are slices of the file's text and would keep every scanned file in memory
  // (about as much again as the source; facts from workers are copies already).
  const inThread = (path: string): FileFacts =>
    structuredClone(readAndScan(root, path, options.rules, limits))
  if (workers > 0 && files.length >= 2) {
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
