/**
 * Accuracy harness, two modes.
 *
 * Mini apps: scans each repository in fixtures/accuracy/<case>/ and compares the inventory with the hand-written
 * expected.yml next to it.
 *   npm run accuracy                 # table; exit 1 below 0.95 precision or 0.9 recall for any kind
 *   npm run accuracy -- --json       # machine-readable
 *   npm run accuracy -- --verbose    # also list every false positive and miss
 *
 * Real repositories (bench/accuracy/README.md): scans a checked-out public application with the engine's defaults
 * and scores it against its blind truth file in bench/accuracy/.
 *   npm run accuracy -- --real DIR [--truth FILE]   # one checkout; the truth file is found by name or remote
 *   npm run accuracy -- --all-real ROOT             # every truth file whose checkout is ROOT/<name>
 *   … [--json | --markdown]                         # machine-readable, or the tables docs/accuracy.md records
 *   … [--save-inventories DIR | --inventories DIR]  # keep each scan's inventory, or score kept ones again
 *   … [--truth-dir DIR]                             # truth files from another folder (bench/accuracy/heldout, an older commit's)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { z } from 'zod'
import type { Finding, Inventory, ItemKind } from '../src/model/types.js'
import { loadRules } from '../src/rules/load.js'
import type { RuleSet } from '../src/rules/ruleset.js'
import { scanRepository } from '../src/scan/scan-repository.js'
import {
  renderReal,
  renderRealMarkdown,
  scoreReal,
  splitRef,
  totalReal,
  truthRefs,
  truthSchema,
  type RealResult,
  type Truth,
} from './accuracy-real.js'

export const KINDS: readonly ItemKind[] = ['personalData', 'cookie', 'analytics', 'processor', 'flow']
export const THRESHOLDS = { precision: 0.95, recall: 0.9 }

const expectedSchema = z
  .object({
    personalData: z.array(z.string()).default([]),
    cookies: z.array(z.string()).default([]),
    analytics: z.array(z.string()).default([]),
    processors: z.array(z.string()).default([]),
    /** `vendor → category` pairs the code sends (vendor `logs` for loggers). */
    flows: z.array(z.string()).default([]),
    /** Vendors whose package is declared but never imported (checked, reported separately). */
    unusedDependencies: z.array(z.string()).default([]),
    /** Evidence symbols that must never be reported (trap fields): each hit counts as a false positive. */
    absent: z.array(z.string()).default([]),
  })
  .strict()

export type Expected = z.infer<typeof expectedSchema>

export interface Score {
  tp: number
  fp: number
  fn: number
}

export interface CaseResult {
  name: string
  perKind: Record<ItemKind, Score & { falsePositives: string[]; misses: string[] }>
  unused: { expected: string[]; found: string[] }
  trapHits: string[]
}

export interface AccuracyReport {
  cases: CaseResult[]
  totals: Record<ItemKind, Score & { precision: number; recall: number }>
  failures: string[]
}

export const ACCURACY_ROOT = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '..',
  'fixtures',
  'accuracy',
)

/** The inventory keys of one kind. */
function keysOf(inventory: Inventory, kind: ItemKind): string[] {
  switch (kind) {
    case 'personalData':
      return inventory.personalData.map((i) => i.category)
    case 'cookie':
      return inventory.cookies.map((i) => i.name)
    case 'analytics':
      return inventory.analytics.map((i) => i.vendor)
    case 'processor':
      return inventory.processors.map((i) => i.vendor)
    case 'flow':
      return inventory.flows.map((i) => `${i.vendor} → ${i.category}`)
  }
}

function expectedOf(expected: Expected, kind: ItemKind): string[] {
  return kind === 'personalData'
    ? expected.personalData
    : kind === 'cookie'
      ? expected.cookies
      : kind === 'analytics'
        ? expected.analytics
        : kind === 'flow'
          ? expected.flows
          : expected.processors
}

/** Compares one scanned case with its expectations. */
export function scoreCase(
  name: string,
  inventory: Inventory,
  findings: readonly Finding[],
  expected: Expected,
): CaseResult {
  const perKind = {} as CaseResult['perKind']
  const absent = new Set(expected.absent)
  const trapHits = [
    ...new Set(
      findings
        .filter((f) => absent.has(f.evidence.symbol ?? ''))
        .map((f) => `${f.kind} ${f.key} @ ${f.evidence.symbol}`),
    ),
  ].sort()
  for (const kind of KINDS) {
    const want = new Set(expectedOf(expected, kind))
    const got = new Set(keysOf(inventory, kind))
    const falsePositives = [...got].filter((k) => !want.has(k)).sort()
    const misses = [...want].filter((k) => !got.has(k)).sort()
    const traps = trapHits.filter((t) => t.startsWith(`${kind} `))
    perKind[kind] = {
      tp: [...got].filter((k) => want.has(k)).length,
      fp: falsePositives.length + traps.length,
      fn: misses.length,
      falsePositives: [...falsePositives, ...traps.map((t) => `trap: ${t.slice(kind.length + 1)}`)],
      misses,
    }
  }
  return {
    name,
    perKind,
    unused: {
      expected: [...expected.unusedDependencies].sort(),
      found: [...new Set(inventory.unusedDependencies.map((u) => u.vendor))].sort(),
    },
    trapHits,
  }
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den)

/** Scans every case under `root` (default fixtures/accuracy) and scores it. */
export async function runAccuracy(
  root = ACCURACY_ROOT,
  rules: RuleSet = loadRules(),
): Promise<AccuracyReport> {
  const names = readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
  const cases: CaseResult[] = []
  for (const name of names) {
    const dir = join(root, name)
    const expected = expectedSchema.parse(parse(readFileSync(join(dir, 'expected.yml'), 'utf8')) ?? {})
    // expected.yml itself is not scannable, so it never feeds the scan it grades.
    const { inventory, findings } = await scanRepository(dir, { rules })
    cases.push(scoreCase(name, inventory, findings, expected))
  }
  const totals = {} as AccuracyReport['totals']
  const failures: string[] = []
  for (const kind of KINDS) {
    const s = cases.reduce(
      (a, c) => ({
        tp: a.tp + c.perKind[kind].tp,
        fp: a.fp + c.perKind[kind].fp,
        fn: a.fn + c.perKind[kind].fn,
      }),
      { tp: 0, fp: 0, fn: 0 },
    )
    const precision = ratio(s.tp, s.tp + s.fp)
    const recall = ratio(s.tp, s.tp + s.fn)
    totals[kind] = { ...s, precision, recall }
    if (precision < THRESHOLDS.precision)
      failures.push(`${kind} precision ${precision.toFixed(3)} < ${THRESHOLDS.precision}`)
    if (recall < THRESHOLDS.recall)
      failures.push(`${kind} recall ${recall.toFixed(3)} < ${THRESHOLDS.recall}`)
  }
  for (const c of cases)
    if (c.unused.expected.join() !== c.unused.found.join())
      failures.push(
        `${c.name}: unused dependencies ${c.unused.found.join(', ') || '—'} (expected ${c.unused.expected.join(', ') || '—'})`,
      )
  return { cases, totals, failures }
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5) + '%'

/** The report as a plain-text table. */
export function renderAccuracy(report: AccuracyReport, verbose = false): string {
  const lines: string[] = []
  const label: Record<ItemKind, string> = {
    personalData: 'personal data',
    cookie: 'cookies',
    analytics: 'analytics',
    processor: 'processors',
    flow: 'flows',
  }
  lines.push('case                  kind            tp  fp  fn  precision  recall')
  for (const c of report.cases) {
    for (const kind of KINDS) {
      const s = c.perKind[kind]
      lines.push(
        `${c.name.padEnd(21)} ${label[kind].padEnd(14)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}     ${pct(ratio(s.tp, s.tp + s.fp))}  ${pct(ratio(s.tp, s.tp + s.fn))}`,
      )
      if (verbose || s.fp + s.fn > 0) {
        for (const f of s.falsePositives) lines.push(`${''.padEnd(23)}+ false positive: ${f}`)
        for (const m of s.misses) lines.push(`${''.padEnd(23)}- missed: ${m}`)
      }
    }
  }
  lines.push('')
  lines.push('total                 kind            tp  fp  fn  precision  recall')
  for (const kind of KINDS) {
    const t = report.totals[kind]
    lines.push(
      `${''.padEnd(21)} ${label[kind].padEnd(14)} ${String(t.tp).padStart(3)} ${String(t.fp).padStart(3)} ${String(t.fn).padStart(3)}     ${pct(t.precision)}  ${pct(t.recall)}`,
    )
  }
  lines.push('')
  lines.push(
    report.failures.length === 0
      ? `OK: every kind ≥ ${THRESHOLDS.precision} precision and ≥ ${THRESHOLDS.recall} recall`
      : `BELOW TARGET:\n  ${report.failures.join('\n  ')}`,
  )
  return lines.join('\n') + '\n'
}

// ── real repositories ───────────────────────────────────────────────────────────────────────────────────────

export const TRUTH_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', 'bench', 'accuracy')
/** The held-out truth files (bench/accuracy/heldout/): apps nobody tunes on, scored only at the end. */
export const HELDOUT_ROOT = join(TRUTH_ROOT, 'heldout')

/** Reads and validates one truth file; errors name the file and the offending key. */
export function loadTruth(file: string): Truth {
  const result = truthSchema.safeParse(parse(readFileSync(file, 'utf8')))
  if (!result.success)
    throw new Error(
      `${file}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    )
  return result.data
}

/** Every truth file in bench/accuracy, by file name. */
export function listTruthFiles(root = TRUTH_ROOT): string[] {
  return readdirSync(root)
    .filter((n) => n.endsWith('.yml'))
    .sort()
    .map((n) => join(root, n))
}

/** `owner/name` of a GitHub URL (https or ssh, with or without .git), lower-cased. */
export function githubSlug(url: string): string | undefined {
  const m = /github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim())
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined
}

const git = (dir: string, ...args: string[]): string | undefined => {
  try {
    return execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return undefined
  }
}

/** The truth file for a checkout: the one whose name is the folder's name, else the one whose repo is its remote. */
export function findTruthFor(dir: string, files = listTruthFiles()): string {
  const truths = files.map((f) => ({ file: f, truth: loadTruth(f) }))
  const byName = truths.find((t) => t.truth.name === basename(resolve(dir)))
  if (byName) return byName.file
  const remote = git(dir, 'config', '--get', 'remote.origin.url')
  const slug = remote ? githubSlug(remote) : undefined
  const byRemote = slug ? truths.find((t) => githubSlug(t.truth.repo) === slug) : undefined
  if (byRemote) return byRemote.file
  throw new Error(
    `${dir}: no truth file for this checkout (by folder name or remote); pass --truth FILE or --truth-dir DIR`,
  )
}

/** Lines of a file, counted on bytes so UTF-16 files count right too. */
const lineCount = (file: string): number => readFileSync(file).filter((b) => b === 0x0a).length + 1

/** Notes about a checkout that make its score unreliable: another commit, truth lines that no longer exist. */
export function checkoutNotes(dir: string, truth: Truth): string[] {
  const notes: string[] = []
  const head = git(dir, 'rev-parse', 'HEAD')
  if (head !== undefined && head !== truth.commit)
    notes.push(
      `${truth.name}: checkout is at ${head.slice(0, 12)}, the truth file is pinned to ${truth.commit.slice(0, 12)}`,
    )
  const broken = truthRefs(truth).filter((at) => {
    const [path, line] = splitRef(at)
    const file = join(dir, path)
    return !existsSync(file) || !statSync(file).isFile() || line > lineCount(file)
  })
  if (broken.length > 0)
    notes.push(
      `${truth.name}: ${broken.length} truth reference(s) not in the checkout: ${broken.slice(0, 5).join(', ')}`,
    )
  return notes
}

/** Scans one checkout with the engine's defaults (the CLI's default confidence). */
export async function scanReal(dir: string, rules: RuleSet = loadRules()): Promise<Inventory> {
  return (await scanRepository(resolve(dir), { rules, minConfidence: 'medium' })).inventory
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i === -1) return undefined
  const value = args[i + 1]
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`)
  return value
}

async function mainReal(args: readonly string[]): Promise<void> {
  const rules = loadRules()
  const targets: { dir: string; truth: Truth }[] = []
  const root = flag(args, '--all-real')
  const truthDir = flag(args, '--truth-dir')
  if (root !== undefined) {
    for (const file of listTruthFiles(truthDir)) {
      const truth = loadTruth(file)
      const dir = join(root, truth.name)
      if (existsSync(dir)) targets.push({ dir, truth })
      else
        process.stderr.write(`skip ${truth.name}: no checkout at ${dir} (bench/accuracy/fetch.mjs ${root})\n`)
    }
    if (targets.length === 0)
      throw new Error(`${root}: no checkout of any truth file (run bench/accuracy/fetch.mjs)`)
  } else {
    const dir = flag(args, '--real')!
    if (!existsSync(dir)) throw new Error(`${dir}: no such directory`)
    const files = truthDir === undefined ? undefined : listTruthFiles(truthDir)
    targets.push({ dir, truth: loadTruth(flag(args, '--truth') ?? findTruthFor(dir, files)) })
  }
  // --save-inventories keeps each scan's inventory; --inventories scores kept ones again without scanning.
  const saveTo = flag(args, '--save-inventories')
  const savedIn = flag(args, '--inventories')
  const results: RealResult[] = []
  const notes: string[] = []
  for (const { dir, truth } of targets) {
    notes.push(...checkoutNotes(dir, truth))
    let inventory: Inventory
    if (savedIn !== undefined)
      inventory = JSON.parse(readFileSync(join(savedIn, `${truth.name}.json`), 'utf8'))
    else {
      process.stderr.write(`scanning ${truth.name} (${dir})\n`)
      inventory = await scanReal(dir, rules)
    }
    if (saveTo !== undefined) {
      mkdirSync(saveTo, { recursive: true })
      writeFileSync(join(saveTo, `${truth.name}.json`), JSON.stringify(inventory, null, 2) + '\n')
    }
    results.push(scoreReal(truth, inventory, rules))
  }
  process.stdout.write(
    args.includes('--json')
      ? JSON.stringify({ results, totals: totalReal(results), notes }, null, 2) + '\n'
      : args.includes('--markdown')
        ? renderRealMarkdown(results)
        : renderReal(results, notes),
  )
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  if (args.includes('--real') || args.includes('--all-real')) {
    try {
      await mainReal(args)
    } catch (error) {
      process.stderr.write(`accuracy: ${(error as Error).message}\n`)
      process.exitCode = 2
    }
  } else {
    const report = await runAccuracy()
    process.stdout.write(
      args.includes('--json')
        ? JSON.stringify(report, null, 2) + '\n'
        : renderAccuracy(report, args.includes('--verbose')),
    )
    process.exitCode = report.failures.length === 0 ? 0 : 1
  }
}
