/**
 * Policy-corpus harness: reads every policy listed in bench/policy/corpus.yml with the `init --from-policy` reader and
 * compares what it finds with the reading written by hand (bench/policy/expected/<id>.yml). Prints precision and
 * recall per kind, for each part separately (tuned, held-out, held-out-2, held-out-3, held-out-4).
 *
 *   npm run policy-corpus                  # table per part
 *   npm run policy-corpus -- --part tuned  # only that part's table (and, with --verbose, only its policies)
 *   npm run policy-corpus -- --verbose     # also every false positive and miss per tuned policy (--part: that part's)
 *   npm run policy-corpus -- --fetch       # first download the texts that are not stored here (checked by sha256)
 *   npm run policy-corpus -- --json
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { z } from 'zod'
import { readPolicy, type Draft, type Source } from '../src/policy/from-policy.js'
import { policyText, type PolicyText } from '../src/policy/text.js'
import { loadRules } from '../src/rules/load.js'
import type { RuleSet } from '../src/rules/ruleset.js'

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'policy')
const CACHE_DIR = join(CORPUS_DIR, '.cache')

/** The parts of the corpus: one read while the reader was improved, and blind parts kept out of all tuning. */
export const PARTS = [
  'tuned',
  'held-out',
  'held-out-2',
  'held-out-3',
  'held-out-4',
  'held-out-5',
  'held-out-6',
  'held-out-7',
  'held-out-8',
  'held-out-9',
  'held-out-10',
  'held-out-11',
  'held-out-12',
  'held-out-13',
  'held-out-14',
  'held-out-15',
  'held-out-16',
  'held-out-17',
  'held-out-18',
  'held-out-19',
] as const
export type Part = (typeof PARTS)[number]

export type Kind = 'data' | 'recipients' | 'cookies' | 'retention' | 'transfers'
export const KINDS: readonly Kind[] = ['data', 'recipients', 'cookies', 'retention', 'transfers']

const entrySchema = z
  .object({
    id: z.string(),
    file: z.string(),
    expected: z.string().optional(),
    kind: z.string(),
    origin: z.string(),
    part: z.enum(PARTS),
    licence: z.string().optional(),
    stored: z.boolean(),
    copyright: z.string().optional(),
    source: z.object({ repo: z.string(), commit: z.string(), path: z.string() }).optional(),
    url: z.string().optional(),
    sha256: z.string().optional(),
    bytes: z.number().optional(),
  })
  .strict()
export type CorpusEntry = z.infer<typeof entrySchema>

const line = z.number().int().positive()
const expectedSchema = z.object({
  data: z.array(z.object({ key: z.string(), line })).default([]),
  recipients: z
    .object({
      vendors: z.array(z.object({ id: z.string(), line })).default([]),
      named: z
        .array(z.object({ name: z.union([z.string(), z.number()]).transform(String), line }))
        .default([]),
      categories: z.array(z.object({ key: z.string(), line })).default([]),
    })
    .default({ vendors: [], named: [], categories: [] }),
  cookies: z.array(z.object({ purpose: z.string(), line })).default([]),
  retention: z.array(line).default([]),
  /** Absent in readings written before transfers were read: such policies are not scored on transfers. */
  transfers: z
    .object({
      countries: z.array(z.object({ code: z.string(), line })).default([]),
      safeguards: z.array(z.object({ key: z.string(), line })).default([]),
    })
    .optional(),
})
export type Expected = z.infer<typeof expectedSchema>

/** The corpus list. */
export function readCorpus(): CorpusEntry[] {
  const raw = parse(readFileSync(join(CORPUS_DIR, 'corpus.yml'), 'utf8')) as { policies: unknown[] }
  return raw.policies.map((p) => entrySchema.parse(p))
}

/** The hand-written reading of one policy. */
export function readExpected(entry: CorpusEntry): Expected {
  const file = entry.expected
    ? join(CORPUS_DIR, entry.expected)
    : join(CORPUS_DIR, 'expected', `${entry.id}.yml`)
  return expectedSchema.parse(parse(readFileSync(file, 'utf8')) ?? {})
}

/** Where the policy text is on disk: stored in the repository, or downloaded into the cache. */
export function textPath(entry: CorpusEntry): string {
  if (entry.file.startsWith('../')) return join(CORPUS_DIR, entry.file)
  return entry.stored ? join(CORPUS_DIR, 'texts', entry.file) : join(CACHE_DIR, entry.file)
}

/** Downloads a policy that is not stored here and checks it against its sha256; returns an error message or undefined. */
export async function fetchText(entry: CorpusEntry): Promise<string | undefined> {
  if (!entry.url || !entry.sha256) return `${entry.id}: no url/sha256 to fetch from`
  try {
    const res = await fetch(entry.url, { signal: AbortSignal.timeout(30_000) })
    if (!res.ok) return `${entry.id}: ${entry.url} answered ${res.status}`
    const body = Buffer.from(await res.arrayBuffer())
    const sha = createHash('sha256').update(body).digest('hex')
    if (sha !== entry.sha256) return `${entry.id}: sha256 ${sha} does not match ${entry.sha256}`
    mkdirSync(CACHE_DIR, { recursive: true })
    writeFileSync(join(CACHE_DIR, entry.file), body)
    return undefined
  } catch (e) {
    return `${entry.id}: ${(e as Error).message}`
  }
}

/** The items of a reading, as comparable strings per kind. */
export type Items = Record<Kind, string[]>

export function expectedItems(e: Expected): Items & { scoresTransfers: boolean } {
  return {
    data: e.data.map((d) => d.key),
    recipients: [
      ...e.recipients.vendors.map((v) => `vendor:${v.id}`),
      ...e.recipients.categories.map((c) => `category:${c.key}`),
      ...e.recipients.named.map((n) => `named:${n.name}`),
    ],
    cookies: e.cookies.map((c) => c.purpose),
    retention: e.retention.map(String),
    transfers: [
      ...(e.transfers?.countries ?? []).map((c) => `country:${c.code}`),
      ...(e.transfers?.safeguards ?? []).map((s) => `safeguard:${s.key}`),
    ],
    scoresTransfers: e.transfers !== undefined,
  }
}

export function draftItems(d: Draft): Items {
  return {
    data: d.data.map((x) => x.category),
    recipients: [
      // A category entry made only to hold named companies is not a category the text names.
      ...d.recipients.flatMap((r) =>
        r.vendor ? [`vendor:${r.vendor}`] : r.categoryNamed ? [`category:${r.category}`] : [],
      ),
      ...d.recipients.flatMap((r) => r.names.map((n) => `named:${n.name}`)),
      ...d.unplaced.map((u) => `named:${u.name}`),
    ],
    cookies: d.cookies.map((c) => c.purpose),
    retention: [
      ...d.retention.map((r) => r.line),
      ...d.data.flatMap((x) => x.retention.map((r) => r.source.line)),
    ].map(String),
    transfers: [
      ...(d.transfers?.countries ?? []).map((c) => `country:${c.code}`),
      ...(d.transfers?.safeguards ?? []).map((s) => `safeguard:${s.key}`),
    ],
  }
}

/** Every place a draft says it read something: the entries and the comments (retention, names, transfers). */
export function draftSources(d: Draft): { what: string; source: Source }[] {
  return [
    ...d.data.flatMap((x) => [
      ...x.sources.map((source) => ({ what: x.category, source })),
      ...x.retention.map((r) => ({ what: `retention of ${x.category}`, source: r.source })),
    ]),
    ...d.cookies.flatMap((c) => c.sources.map((source) => ({ what: `${c.purpose} cookies`, source }))),
    ...d.recipients.flatMap((r) => [
      ...r.sources.map((source) => ({ what: r.vendor ?? r.category!, source })),
      ...r.names.map((n) => ({ what: n.name, source: n.source })),
    ]),
    ...d.unplaced.map((u) => ({ what: u.name, source: u.source })),
    ...d.retention.map((source) => ({ what: 'retention', source })),
    ...(d.transfers?.countries ?? []).map((c) => ({ what: c.code, source: c.source })),
    ...(d.transfers?.safeguards ?? []).map((g) => ({ what: g.key, source: g.source })),
  ]
}

/**
 * The sources whose quote is not their policy line: the quote, without the "…" that shortens it, must be part of the
 * line it names (spaces collapsed), and must hold the start of the words that were read.
 */
export function misquoted(d: Draft, text: PolicyText): { what: string; source: Source }[] {
  const collapse = (x: string): string => x.replace(/\s+/g, ' ').trim()
  return draftSources(d).filter(({ source }) => {
    const quote = collapse(source.quote.replace(/^…|…$/g, ''))
    const line = collapse(text.lines[source.line - 1] ?? '')
    const firstWord = /^\S+/.exec(collapse(source.text))?.[0] ?? ''
    return quote === '' || !line.includes(quote) || !quote.toLowerCase().includes(firstWord.toLowerCase())
  })
}

export interface Score {
  tp: number
  fp: number
  fn: number
  falsePositives: string[]
  falseNegatives: string[]
}

const LEGAL = /\b(?:inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|pbc|b\.?v|s\.?a|sas|ag|se|oü)\b\.?/g

/** A name written as a domain ("ws.zoominfo.com"): the label before the top-level domain names the company. */
const DOMAIN = /^(?:[a-z0-9-]+\.)*([a-z0-9-]+)\.[a-z]{2,6}$/i

/**
 * A company name reduced for comparison: lower case, without legal forms, punctuation or a leading "the"; a domain
 * ("clickagy.com", a cookie table's provider) as its registrable label ("clickagy").
 */
export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(DOMAIN, '$1')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(LEGAL, ' ')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/^the\s+/, '')
    .trim()
}

/**
 * Whether a found item stands for an expected one: equal; for named companies, one name a word-prefix of the
 * other; for retention lines, the same or the next line (a wrapped sentence starts at the end of the line before).
 */
function sameItem(found: string, expected: string): boolean {
  if (found === expected) return true
  if (/^\d+$/.test(found) && /^\d+$/.test(expected)) return Math.abs(Number(found) - Number(expected)) <= 1
  if (!found.startsWith('named:') || !expected.startsWith('named:')) return false
  const a = normalizeName(found.slice(6))
  const b = normalizeName(expected.slice(6))
  if (!a || !b) return false
  return a === b || `${a} `.startsWith(`${b} `) || `${b} `.startsWith(`${a} `)
}

/**
 * A reading lists a company as `named:` when no vendor rule knew it when the reading was written; a rule added
 * since then makes the reader find `vendor:<id>`. Such a vendor counts as the named company it is (by its name or
 * legal entity, or a name rules/policy/names.yaml gives it), so adding vendor rules does not read as a regression.
 */
export function alignNewVendors(found: string[], expected: readonly string[], rules: RuleSet): string[] {
  return found.map((f) => {
    if (!f.startsWith('vendor:') || expected.includes(f)) return f
    const v = rules.vendors.get(f.slice(7))
    // The names policies call the vendor by (`aliases` in rules/policy/names.yaml: "AdMob" for Google AdMob) too.
    const aliases = rules.policy.names.aliases.find((a) => a.vendor === v?.id)?.aliases ?? []
    // The product's own names first: its legal entity ("Google LLC") would also match another product of its maker.
    const names = [v?.name, ...aliases, v?.legal_entity].filter((n): n is string => Boolean(n))
    for (const n of names) {
      const match = expected.find((e) => e.startsWith('named:') && sameItem(`named:${n}`, e))
      if (match) return match
    }
    return f
  })
}

/**
 * A company the reader names by its canonical name ("Amazon Web Services") and a reading names by one of the
 * aliases `rules/policy/names.yaml` gives it ("AWS") are one recipient: the found name is written as the reading's.
 */
export function alignAliases(found: string[], expected: readonly string[], rules: RuleSet): string[] {
  const spellings = (name: string): string[] => {
    const k = rules.policy.names.known.find((c) =>
      [c.name, ...c.aliases].some((n) => sameItem(`named:${n}`, `named:${name}`)),
    )
    return k ? [k.name, ...k.aliases] : [name]
  }
  return found.map((f) => {
    if (!f.startsWith('named:') || expected.some((e) => sameItem(f, e))) return f
    const names = spellings(f.slice(6))
    return expected.find((e) => e.startsWith('named:') && names.some((n) => sameItem(`named:${n}`, e))) ?? f
  })
}

/** True/false positives and negatives of found items against expected items (each expected item matched once). */
export function score(found: readonly string[], expected: readonly string[]): Score {
  const left = [...new Set(expected)]
  let unmatched = [...new Set(found)].sort()
  let tp = 0
  // Exact matches first, then the looser ones, so a near match never takes an item another found item names exactly.
  for (const same of [(f: string, e: string) => f === e, sameItem]) {
    const rest: string[] = []
    for (const f of unmatched) {
      const i = left.findIndex((e) => same(f, e))
      if (i === -1) rest.push(f)
      else {
        tp++
        left.splice(i, 1)
      }
    }
    unmatched = rest
  }
  return { tp, fp: unmatched.length, fn: left.length, falsePositives: unmatched, falseNegatives: left.sort() }
}

export function precision(s: Pick<Score, 'tp' | 'fp'>): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp)
}
export function recall(s: Pick<Score, 'tp' | 'fn'>): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn)
}

export interface PolicyResult {
  entry: CorpusEntry
  scores: Partial<Record<Kind, Score>>
  /** How many places the draft quotes, and the ones whose quote is not their line. */
  quotes: number
  misquoted: { what: string; source: Source }[]
}

export interface CorpusReport {
  policies: PolicyResult[]
  missing: string[]
  totals: Record<Part, Record<Kind, Pick<Score, 'tp' | 'fp' | 'fn'>>>
}

/**
 * Reads and scores every policy whose text is present; with `storedOnly`, only the texts stored in the repository
 * (what a test can rely on, whatever has been fetched into the cache).
 */
export function runCorpus(rules: RuleSet = loadRules(), opts: { storedOnly?: boolean } = {}): CorpusReport {
  const policies: PolicyResult[] = []
  const missing: string[] = []
  const zero = (): Record<Kind, Pick<Score, 'tp' | 'fp' | 'fn'>> =>
    Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as never
  const totals = Object.fromEntries(PARTS.map((p) => [p, zero()])) as CorpusReport['totals']
  for (const entry of readCorpus()) {
    if (opts.storedOnly && !entry.stored) continue
    const path = textPath(entry)
    if (!existsSync(path)) {
      missing.push(entry.id)
      continue
    }
    const text = policyText(readFileSync(path, 'utf8'), entry.file.split('/').pop()!)
    const expected = expectedItems(readExpected(entry))
    const draft = readPolicy(text, rules)
    const found = draftItems(draft)
    found.recipients = alignAliases(
      alignNewVendors(found.recipients, expected.recipients, rules),
      expected.recipients,
      rules,
    )
    const scores: PolicyResult['scores'] = {}
    for (const k of KINDS) {
      if (k === 'transfers' && !expected.scoresTransfers) continue
      const s = score(found[k], expected[k])
      scores[k] = s
      const t = totals[entry.part][k]
      t.tp += s.tp
      t.fp += s.fp
      t.fn += s.fn
    }
    policies.push({ entry, scores, quotes: draftSources(draft).length, misquoted: misquoted(draft, text) })
  }
  return { policies, missing, totals }
}

const pct = (n: number): string => n.toFixed(2)

/** The report as a plain-text table. */
export function renderCorpus(report: CorpusReport, opts: { verbose?: boolean; part?: Part } = {}): string {
  const out: string[] = []
  // First, not last: a part whose texts are absent would otherwise read as a perfect score of nothing.
  if (report.missing.length)
    out.push(`not scored (text not present; run with --fetch): ${report.missing.join(', ')}`, '')
  // With --part, only that part's totals: the held-out part stays unseen while the tuned one is worked on.
  for (const part of PARTS.filter((p) => !opts.part || p === opts.part)) {
    const n = report.policies.filter((p) => p.entry.part === part).length
    if (n === 0 && !opts.part) continue
    if (n === 0) {
      out.push(`${part} (0 policies): nothing scored`, '')
      continue
    }
    out.push(`${part} (${n} policies)`)
    out.push('  kind        precision  recall   tp   fp   fn')
    for (const k of KINDS) {
      const t = report.totals[part][k]
      out.push(
        `  ${k.padEnd(10)}  ${pct(precision(t)).padStart(9)}  ${pct(recall(t)).padStart(6)}  ${String(t.tp).padStart(3)}  ${String(t.fp).padStart(3)}  ${String(t.fn).padStart(3)}`,
      )
    }
    out.push('')
  }
  const counted = report.policies.filter((p) => !opts.part || p.entry.part === opts.part)
  // Per-policy details only for the part asked for, and without --part only for the tuned part: a blind part is read
  // by its totals alone.
  const shown = report.policies.filter((p) => p.entry.part === (opts.part ?? 'tuned'))
  const quotes = counted.reduce((n, p) => n + p.quotes, 0)
  const wrong = counted.reduce((n, p) => n + p.misquoted.length, 0)
  out.push(`quotes: ${quotes - wrong} of ${quotes} drafted entries and comments quote their source line`)
  if (opts.verbose)
    for (const p of shown)
      for (const m of p.misquoted)
        out.push(`  ${p.entry.id}: ${m.what} — line ${m.source.line}: "${m.source.quote}"`)
  out.push('')
  if (opts.verbose)
    for (const p of shown) {
      const lines = KINDS.flatMap((k) => {
        const s = p.scores[k]
        if (!s || (s.fp === 0 && s.fn === 0)) return []
        return [
          `    ${k}: ${s.falsePositives.length ? `+ ${s.falsePositives.join(', ')}` : ''}${s.falsePositives.length && s.falseNegatives.length ? '  ' : ''}${s.falseNegatives.length ? `- ${s.falseNegatives.join(', ')}` : ''}`,
        ]
      })
      out.push(`  ${p.entry.id} (${p.entry.part})${lines.length ? '' : ': exact'}`, ...lines)
    }
  return out.join('\n') + '\n'
}

async function main(argv: string[]): Promise<number> {
  const partArg = argv.includes('--part') ? argv[argv.indexOf('--part') + 1] : undefined
  if (partArg !== undefined && !PARTS.includes(partArg as Part)) {
    process.stderr.write(`--part: expected one of ${PARTS.join(', ')}, got ${partArg ?? 'nothing'}\n`)
    return 2
  }
  const part = partArg as Part | undefined
  if (argv.includes('--fetch')) {
    for (const entry of readCorpus()) {
      if (existsSync(textPath(entry))) continue
      const error = await fetchText(entry)
      process.stderr.write(error ? `fetch failed: ${error}\n` : `fetched ${entry.id}\n`)
    }
  }
  const report = runCorpus()
  if (argv.includes('--json')) {
    // With --part, only that part: a blind part's per-policy differences never show while another part is worked on.
    const parts = PARTS.filter((p) => !part || p === part)
    process.stdout.write(
      JSON.stringify(
        {
          totals: Object.fromEntries(parts.map((p) => [p, report.totals[p]])),
          missing: report.missing,
          policies: report.policies
            .filter((p) => parts.includes(p.entry.part))
            .map((p) => ({
              id: p.entry.id,
              part: p.entry.part,
              scores: p.scores,
              quotes: p.quotes,
              misquoted: p.misquoted,
            })),
        },
        null,
        2,
      ) + '\n',
    )
  } else process.stdout.write(renderCorpus(report, { verbose: argv.includes('--verbose'), part }))
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(process.argv.slice(2))
