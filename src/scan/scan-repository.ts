import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Confidence, Finding, Inventory, ScanNote } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import type { FileFacts } from './file-scan.js'
import { discoverFiles } from './files.js'
import { buildInventory } from './inventory.js'
import { DEFAULT_LIMITS, scanFile } from './scan-file.js'
import { scanFilesInWorkers } from './workers.js'

export interface ScanOptions {
  rules: RuleSet
  include?: readonly string[]
  exclude?: readonly string[]
  noDefaultExcludes?: boolean
  minConfidence?: Confidence
  ignoreFingerprints?: ReadonlySet<string>
  maxFileBytes?: number
  /** Worker threads to parse with; 0 scans in this thread. Default 0. */
  workers?: number
  /** Rule folders the workers must load (the same ones `rules` came from). */
  rulesDirs?: readonly string[]
  onProgress?: (done: number, total: number) => void
}

export interface ScanResult {
  inventory: Inventory
  findings: Finding[]
  /** Per-file facts, reusable to build a base inventory cheaply. */
  facts: FileFacts[]
}

/** Scans a repository: discovers files, runs the detectors on each, links and groups the inventory. */
export async function scanRepository(root: string, options: ScanOptions): Promise<ScanResult> {
  const { files, notes } = discoverFiles(root, options)
  const facts = await scanPaths(root, files, options)
  const { inventory, findings } = buildInventory(facts, options.rules, options, notes)
  return { inventory, findings, facts }
}

/** Scans the given repo-relative files (in workers when there are many). */
export async function scanPaths(root: string, files: readonly string[], options: ScanOptions): Promise<FileFacts[]> {
  const limits = { maxBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxBytes }
  const workers = options.workers ?? 0
  if (workers > 0 && files.length >= 2) {
    return scanFilesInWorkers(root, files, { workers, limits, rulesDirs: options.rulesDirs ?? [], onProgress: options.onProgress })
  }
  const out: FileFacts[] = []
  let done = 0
  for (const path of files) {
    out.push(readAndScan(root, path, options.rules, limits))
    options.onProgress?.(++done, files.length)
  }
  return out
}

/** Reads and scans one file; an unreadable file becomes a note. */
export function readAndScan(root: string, path: string, rules: RuleSet, limits = DEFAULT_LIMITS): FileFacts {
  let content: Buffer
  try {
    content = readFileSync(join(root, path))
  } catch (e) {
    const note: ScanNote = { path, level: 'warning', message: `could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }
    return { path, findings: [], imports: [], dependencies: [], exportedStrings: {}, pendingCookies: [], notes: [note] }
  }
  return scanFile(path, content, rules, limits)
}
