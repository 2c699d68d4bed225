import { relative } from 'node:path'
import type { Confidence, Drift, Finding, Inventory, ScanNote } from '../model/types.js'
import { compareWithManifest } from '../compare/compare.js'
import { findManifest, loadManifest } from '../manifest/load.js'
import type { Manifest } from '../manifest/schema.js'
import { loadRules } from '../rules/load.js'
import type { RuleSet } from '../rules/ruleset.js'
import { changedFiles, readManyAtCommit, repoRoot, resolveCommit } from '../git/git.js'
import type { FileFacts } from '../scan/file-scan.js'
import { createPathFilter, isDownloadedSchema, isGeneratedMigrationSql } from '../scan/files.js'
import { buildInventory, type ModuleIndex } from '../scan/inventory.js'
import { DEFAULT_LIMITS, isScannable, oversizeFacts, scanFile } from '../scan/scan-file.js'
import { scanRepository } from '../scan/scan-repository.js'
import type { Shard } from '../scan/shard.js'
import { domainOfUrlOrHost } from '../util/domain.js'
import { ConfigError } from '../util/errors.js'

/** Everything the engine needs, already parsed from flags or action inputs. */
export interface EngineOptions {
  root: string
  manifest?: string
  rulesDirs?: string[]
  include?: string[]
  exclude?: string[]
  minConfidence?: Confidence
  maxFileBytes?: number
  workers?: number
  /** `false` skips the flows analysis (which personal data reaches which vendor). */
  flows?: boolean
  /** Git ref or SHA: report what is new since it. */
  base?: string
  /** Head commit for PRs; the working tree when absent. */
  head?: string
  onProgress?: (done: number, total: number) => void
  /** Scan only this shard's files (`scan --shard K/N`). */
  shard?: Shard
  /** Facts already scanned (the merged shards of `merge`): the inventory is built from them, nothing is read. */
  scanned?: { facts: FileFacts[]; discoveryNotes: ScanNote[] }
}

export interface ScanOutcome {
  rules: RuleSet
  inventory: Inventory
  findings: Finding[]
  facts: FileFacts[]
  /** Notes from discovering the files, apart from the files' own. */
  discoveryNotes: ScanNote[]
  /** How the files' imports resolve: the base inventory of a PR check reuses it. */
  modules: ModuleIndex
}

export interface CheckOutcome extends ScanOutcome {
  manifest: Manifest
  drift: Drift
  baseInventory?: Inventory
  /** Repo-relative paths changed since the base. */
  changedPaths?: string[]
}

/** Builds the inventory (no manifest needed). */
export async function runScan(options: EngineOptions, manifest?: Manifest): Promise<ScanOutcome> {
  const rules = loadRules(options.rulesDirs ?? [], process.cwd())
  if (options.scanned) {
    const { facts, discoveryNotes } = options.scanned
    const inventoryOptions = {
      minConfidence: options.minConfidence,
      ignoreFingerprints: ignoredFingerprints(manifest),
      firstParty: firstPartyOf(manifest),
      scope: manifest?.scope,
    }
    return { rules, ...buildInventory(facts, rules, inventoryOptions, discoveryNotes), facts, discoveryNotes }
  }
  const result = await scanRepository(options.root, {
    rules,
    rulesDirs: options.rulesDirs,
    include: options.include,
    exclude: excludesFor(options, manifest),
    minConfidence: options.minConfidence,
    ignoreFingerprints: ignoredFingerprints(manifest),
    firstParty: firstPartyOf(manifest),
    scope: manifest?.scope,
    maxFileBytes: options.maxFileBytes,
    workers: options.workers,
    flows: options.flows,
    onProgress: options.onProgress,
    shard: options.shard,
  })
  return { rules, ...result }
}

/** Scans and compares with the manifest; with `base`, also computes what is new since that commit. */
export async function runCheck(options: EngineOptions): Promise<CheckOutcome> {
  const rules = loadRules(options.rulesDirs ?? [], process.cwd())
  const manifestPath = findManifest(options.root, options.manifest)
  if (!manifestPath)
    throw new ConfigError([
      {
        file: relative(process.cwd(), options.root) || '.',
        line: 1,
        column: 1,
        message: 'no privacy.yml found (looked for privacy.yml and .github/privacy.yml)',
        hint: 'create one with `privacy-drift init`, or pass --manifest',
      },
    ])
  const manifest = loadManifest(manifestPath, rules, process.cwd())
  const scan = await runScan(options, manifest)
  let baseInventory: Inventory | undefined
  let changedPaths: string[] | undefined
  if (options.base) {
    const base = baseInventoryFor(options, scan, manifest)
    baseInventory = base.inventory
    changedPaths = base.changedPaths
  }
  const drift = compareWithManifest(scan.inventory, manifest, rules, baseInventory)
  return { ...scan, manifest, drift, baseInventory, changedPaths }
}

/**
 * The inventory at the base commit without a second full scan: the head's per-file facts, with only the
 * files changed since the base re-scanned from their base content.
 */
export function baseInventoryFor(
  options: EngineOptions,
  head: ScanOutcome,
  manifest?: Manifest,
): { inventory: Inventory; changedPaths: string[] } {
  const top = repoRoot(options.root)
  if (!top)
    throw new ConfigError([
      { file: options.root, line: 1, column: 1, message: '--base needs a git repository' },
    ])
  const baseSha = resolveCommit(top, options.base!)
  const headSha = options.head ? resolveCommit(top, options.head) : undefined
  const prefix = relative(top, options.root).split('\\').join('/')
  const inRoot = (p: string): string | undefined =>
    prefix === '' ? p : p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : undefined
  const changes = changedFiles(top, baseSha, headSha)
  // The same file filters as the head scan decide which base files count.
  const allowed = createPathFilter({
    include: options.include,
    exclude: excludesFor(options, manifest),
    ruleExcludes: head.rules.repositoryRoles.excludes,
  })
  const byPath = new Map(head.facts.map((f) => [f.path, f]))
  const changedPaths: string[] = []
  const limits = { maxBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxBytes, flows: options.flows }
  const atBase: { rel: string; path: string }[] = []
  for (const ch of changes) {
    const rel = inRoot(ch.path)
    if (rel !== undefined) {
      changedPaths.push(rel)
      byPath.delete(rel)
    }
    const basePath = ch.previousPath ?? ch.path
    const baseRel = inRoot(basePath)
    if (
      ch.status === 'added' ||
      baseRel === undefined ||
      !allowed(baseRel, false) ||
      !isScannable(baseRel) ||
      // The head scan leaves generated migrations out (scan/files.ts); the base must too, or they read as removed.
      isGeneratedMigrationSql(options.root, baseRel) ||
      isDownloadedSchema(options.root, baseRel)
    )
      continue
    atBase.push({ rel: baseRel, path: basePath })
  }
  // Every changed file read at the base by two git processes, not two per file.
  const blobs = readManyAtCommit(
    top,
    baseSha,
    atBase.map((b) => b.path),
    limits.maxBytes,
  )
  for (const { rel, path } of atBase) {
    const blob = blobs.get(path)
    if (blob)
      byPath.set(
        rel,
        blob.content
          ? scanFile(rel, blob.content, head.rules, limits)
          : oversizeFacts(rel, blob.size, limits),
      )
  }
  const facts = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const { inventory } = buildInventory(facts, head.rules, {
    minConfidence: options.minConfidence,
    ignoreFingerprints: ignoredFingerprints(manifest),
    firstParty: firstPartyOf(manifest),
    scope: manifest?.scope,
    modules: head.modules,
  })
  return { inventory, changedPaths: changedPaths.sort() }
}

/** The command-line excludes plus the manifest's `ignore.paths`: the same files are skipped at head and base. */
function excludesFor(options: EngineOptions, manifest?: Manifest): string[] {
  return [...(options.exclude ?? []), ...(manifest?.ignore.paths ?? [])]
}

/** The product's own domains: the manifest's `firstParty` and the domain of its policy URL. */
function firstPartyOf(manifest?: Manifest): string[] {
  const policy = manifest?.policy.url ? domainOfUrlOrHost(manifest.policy.url) : undefined
  return [...(manifest?.firstParty ?? []), ...(policy ? [policy] : [])]
}

/** The manifest's `ignore.findings`, by fingerprint. */
function ignoredFingerprints(manifest?: Manifest): Set<string> {
  return new Set(manifest?.ignore.findings.map((f) => f.fingerprint) ?? [])
}
