/**
 * Scoring against real repositories: a truth file (bench/accuracy/<name>.yml, written by reading the code before
 * the tool ran) is compared with the inventory of a scan. Pure: data in, data out (the CLI in accuracy.ts scans).
 *
 * Matching, per kind:
 * - personal data: the found category equals the truth category or one of its `accept` alternatives;
 * - cookies: exact names, or a glob (`sess_*`) on either side that matches the other name;
 * - analytics + processors (one pool of vendors, the analytics/processor split is reported, not scored): the
 *   found vendor id equals the truth id or an alias, or one of its hosts lies under one of the truth's domains —
 *   a found id's hosts come from its rule, a domain-keyed processor is its own host;
 * - flows: a found `vendor → category` pair whose vendor matches the truth vendor entry and whose category matches
 *   (or is accepted for that category, by the flow entry or the personal-data entry of the same category).
 * Each found item satisfies at most one truth entry (maximum bipartite matching); a found item that only matches an
 * entry another item already satisfies is a duplicate, not a false positive. Entries marked `confidence: unsure` are
 * never counted: a found item that matches one is set aside as unsure.
 */
import { z } from 'zod'
import type { Evidence, Inventory } from '../src/model/types.js'
import { compileGlob } from '../src/util/glob.js'

/** The kinds scored on real repositories; `vendors` is analytics and processors pooled. */
export const REAL_KINDS = ['personalData', 'cookies', 'analytics', 'processors', 'vendors', 'flows'] as const
export type RealKind = (typeof REAL_KINDS)[number]

const ref = z.string().regex(/^.+:\d+$/, 'expected path:line')
const confidence = z.enum(['sure', 'unsure']).default('sure')

const personalDataTruth = z
  .object({
    category: z.string(),
    accept: z.array(z.string()).default([]),
    at: z.array(ref).min(1),
    note: z.string().optional(),
    confidence,
  })
  .strict()

const cookieTruth = z
  .object({
    name: z.string(),
    source: z.enum(['code', 'sdk']).default('code'),
    at: z.array(ref).min(1),
    note: z.string().optional(),
    confidence,
  })
  .strict()

const vendorTruth = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase-hyphen vendor id'),
    name: z.string(),
    aliases: z.array(z.string()).default([]),
    domains: z.array(z.string()).default([]),
    at: z.array(ref).min(1),
    note: z.string().optional(),
    confidence,
  })
  .strict()

const flowTruth = z
  .object({
    vendor: z.string(),
    category: z.string(),
    /** Other categories that are an equally right answer (the personal-data entry's `accept` counts too). */
    accept: z.array(z.string()).default([]),
    at: z.array(ref).min(1),
    note: z.string().optional(),
    confidence,
  })
  .strict()

const absentTruth = z
  .object({
    vendor: z.string().optional(),
    domains: z.array(z.string()).default([]),
    cookie: z.string().optional(),
    at: ref.optional(),
    kind: z.enum(['personalData', 'cookies', 'analytics', 'processors', 'flows']).optional(),
    path: z.string().optional(),
    why: z.string(),
    confidence,
  })
  .strict()
  .refine((a) => [a.vendor, a.cookie, a.at, a.path].filter((x) => x !== undefined).length === 1, {
    message: 'an absent entry names exactly one of vendor, cookie, at, path',
  })

export const truthSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/),
    repo: z.string().url(),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    kind: z.string(),
    files: z.number().int().positive(),
    labelling: z.object({ minutes: z.number().positive(), notes: z.string().optional() }).strict(),
    personalData: z.array(personalDataTruth).default([]),
    cookies: z.array(cookieTruth).default([]),
    analytics: z.array(vendorTruth).default([]),
    processors: z.array(vendorTruth).default([]),
    flows: z.array(flowTruth).default([]),
    absent: z.array(absentTruth).default([]),
    /** Corrections made after the blind run, each with its reason (the blind version stays in git history). */
    review: z.array(z.string()).default([]),
  })
  .strict()

export type Truth = z.infer<typeof truthSchema>
export type VendorTruth = z.infer<typeof vendorTruth>

/** One line of a report: what was found or expected, and where. */
export interface Item {
  key: string
  where: string[]
  note?: string
}

export interface KindScore {
  tp: number
  fp: number
  fn: number
  falsePositives: Item[]
  misses: Item[]
  /** Found items that only match an entry another found item already satisfies. */
  duplicates: Item[]
  /** Found items that only match entries marked unsure. */
  unsure: Item[]
}

export interface RealResult {
  name: string
  commit: string
  perKind: Record<RealKind, KindScore>
  /** Reports of things the truth file says must not be reported. */
  trapHits: Item[]
  /** Truth vendors found under the other kind (analytics reported as a processor or the reverse). */
  kindMismatches: string[]
  /** Vendors reported on names alone: every piece of evidence is an env variable or a manifest entry. */
  nameOnlyVendors: string[]
}

// ── matching helpers ────────────────────────────────────────────────────────────────────────────────────────

const GLOB_SPECIALS = /[.+?^${}()|[\]\\]/g

/** A cookie-name glob: `*` matches any run of characters (including none), everything else is literal. */
function cookieGlob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(GLOB_SPECIALS, '\\$&').replace(/\*/g, '.*')}$`)
}

/** Whether two cookie names or patterns can name the same cookie. */
export function cookieNamesMatch(truth: string, found: string): boolean {
  if (truth === found) return true
  const literal = (p: string): string => p.replace(/\*/g, 'x')
  return cookieGlob(truth).test(literal(found)) || cookieGlob(found).test(literal(truth))
}

/** How strongly two strings match: 2 when equal, 1 when `loose` holds, 0 otherwise. */
const exactOr = (a: string, b: string, loose: boolean): number => (a === b ? 2 : loose ? 1 : 0)

/**
 * The README's "a name in parts is a name" and "an address in parts is an address": an entry `user.name` accepts the
 * name's parts, an entry `user.contact.address` the address's.
 */
const NAME_PARTS = new Set(['user.name.first', 'user.name.last'])
const acceptsPart = (category: string, found: string): boolean =>
  (category === 'user.name' && NAME_PARTS.has(found)) ||
  (category === 'user.contact.address' && found.startsWith('user.contact.address.'))

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/** What the scorer needs from the rules: each vendor rule's hosts (a RuleSet is one). */
export interface VendorHosts {
  vendors: ReadonlyMap<
    string,
    { hostnames: readonly string[]; script_urls: readonly string[]; website?: string | undefined }
  >
}

/** The hosts a found vendor stands for: its own name when domain-keyed, else its rule's egress hosts. */
export function vendorHosts(vendor: string, rules: VendorHosts): string[] {
  if (vendor.includes('.')) return [vendor.toLowerCase()]
  const rule = rules.vendors.get(vendor)
  if (!rule) return []
  const hosts = [
    ...rule.hostnames.map((h) => h.toLowerCase().replace(/^\*\./, '')),
    ...rule.script_urls.map(hostOf).filter((h): h is string => h !== undefined),
  ]
  if (hosts.length === 0 && rule.website) {
    const site = hostOf(rule.website)
    if (site) hosts.push(site.replace(/^www\./, ''))
  }
  return [...new Set(hosts)]
}

const under = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`)

/**
 * How strongly a found vendor (rule id or registrable domain) is the service a truth entry describes: 0 when it is
 * not, more for an id or alias than for a domain, and more for a specific domain than for a broad one.
 */
export function vendorMatch(
  truth: { id: string; aliases?: string[]; domains: string[] },
  found: string,
  rules: VendorHosts,
): number {
  if (found === truth.id) return 1000
  if ((truth.aliases ?? []).includes(found)) return 999
  const domainKeyed = found.includes('.')
  let best = 0
  for (const h of vendorHosts(found, rules))
    for (const d of truth.domains.map((x) => x.toLowerCase()))
      if (under(h, d) || (domainKeyed && under(d, h))) best = Math.max(best, 1 + d.length)
  return best
}

/**
 * Maximum bipartite matching: which truth entry (index) each found item (index) satisfies. Found items with the
 * strongest edge go first and each tries its edges strongest first, so an exact match is not lost to a looser one
 * unless that makes the matching larger.
 */
function bestMatching(edges: { j: number; w: number }[][], truthCount: number): Map<number, number> {
  const owner = new Array<number>(truthCount).fill(-1)
  const tryAssign = (f: number, seen: boolean[]): boolean => {
    for (const { j: t } of edges[f] ?? []) {
      if (seen[t]) continue
      seen[t] = true
      if (owner[t] === -1 || tryAssign(owner[t]!, seen)) {
        owner[t] = f
        return true
      }
    }
    return false
  }
  const strongest = (f: number): number => edges[f]?.[0]?.w ?? 0
  const order = edges.map((_, f) => f).sort((a, b) => strongest(b) - strongest(a) || a - b)
  for (const f of order) tryAssign(f, new Array<boolean>(truthCount).fill(false))
  const byFound = new Map<number, number>()
  owner.forEach((f, t) => {
    if (f !== -1) byFound.set(f, t)
  })
  return byFound
}

interface FoundItem {
  key: string
  where: string[]
  /** The kind the tool reported it under (vendors only). */
  kind?: 'analytics' | 'processors'
}

interface TruthEntry {
  key: string
  at: string[]
  unsure: boolean
  kind?: 'analytics' | 'processors'
}

const where = (evidence: readonly Evidence[], max = 3): string[] =>
  [...new Set(evidence.map((e) => `${e.path}:${e.line}`))].slice(0, max)

const emptyScore = (): KindScore => ({
  tp: 0,
  fp: 0,
  fn: 0,
  falsePositives: [],
  misses: [],
  duplicates: [],
  unsure: [],
})

/** Scores found items against truth entries with a match predicate. */
function scoreKind(
  found: readonly FoundItem[],
  truth: readonly TruthEntry[],
  /** How strongly truth entry `t` matches found item `f`; 0 when it does not. */
  strength: (t: number, f: FoundItem) => number,
): { score: KindScore; matchedBy: Map<number, FoundItem> } {
  const score = emptyScore()
  const sure = truth.map((t, i) => ({ t, i })).filter(({ t }) => !t.unsure)
  const edges = found.map((f) =>
    sure
      .map(({ i }, j) => ({ j, w: strength(i, f) }))
      .filter((e) => e.w > 0)
      .sort((a, b) => b.w - a.w),
  )
  const assigned = bestMatching(edges, sure.length)
  const matchedBy = new Map<number, FoundItem>()
  found.forEach((f, fi) => {
    const j = assigned.get(fi)
    if (j !== undefined) {
      matchedBy.set(sure[j]!.i, f)
      return
    }
    const item = { key: f.key, where: f.where }
    if ((edges[fi] ?? []).length > 0) score.duplicates.push(item)
    else if (truth.some((t, ti) => t.unsure && strength(ti, f) > 0)) score.unsure.push(item)
    else score.falsePositives.push(item)
  })
  score.tp = matchedBy.size
  score.fp = score.falsePositives.length
  for (const { t, i } of sure)
    if (!matchedBy.has(i)) score.misses.push({ key: t.key, where: t.at.slice(0, 3) })
  score.fn = score.misses.length
  return { score, matchedBy }
}

const byKey = (a: Item, b: Item): number => a.key.localeCompare(b.key)

/** Scores one scanned repository against its truth file. */
export function scoreReal(truth: Truth, inventory: Inventory, rules: VendorHosts): RealResult {
  const perKind = {} as Record<RealKind, KindScore>

  // Personal data by category.
  const pdTruth = truth.personalData
  perKind.personalData = scoreKind(
    inventory.personalData.map((p) => ({ key: p.category, where: where(p.evidence) })),
    pdTruth.map((p) => ({ key: p.category, at: p.at, unsure: p.confidence === 'unsure' })),
    (t, f) =>
      exactOr(
        pdTruth[t]!.category,
        f.key,
        pdTruth[t]!.accept.includes(f.key) || acceptsPart(pdTruth[t]!.category, f.key),
      ),
  ).score

  // Cookies by name or pattern.
  const cookieTruths = truth.cookies
  perKind.cookies = scoreKind(
    inventory.cookies.map((c) => ({ key: c.name, where: where(c.evidence) })),
    cookieTruths.map((c) => ({ key: c.name, at: c.at, unsure: c.confidence === 'unsure' })),
    (t, f) => exactOr(cookieTruths[t]!.name, f.key, cookieNamesMatch(cookieTruths[t]!.name, f.key)),
  ).score

  // Vendors: one pool, scored once, then split by the kind the truth gives each entry.
  const vendorTruths: (VendorTruth & { kind: 'analytics' | 'processors' })[] = [
    ...truth.analytics.map((v) => ({ ...v, kind: 'analytics' as const })),
    ...truth.processors.map((v) => ({ ...v, kind: 'processors' as const })),
  ]
  const foundVendors: FoundItem[] = [
    ...inventory.analytics.map((v) => ({
      key: v.vendor,
      where: where(v.evidence),
      kind: 'analytics' as const,
    })),
    ...inventory.processors.map((v) => ({
      key: v.vendor,
      where: where(v.evidence),
      kind: 'processors' as const,
    })),
  ]
  const vendorEntries = vendorTruths.map((v) => ({
    key: v.id,
    at: v.at,
    unsure: v.confidence === 'unsure',
    kind: v.kind,
  }))
  const pooled = scoreKind(foundVendors, vendorEntries, (t, f) => vendorMatch(vendorTruths[t]!, f.key, rules))
  perKind.vendors = pooled.score
  const kindMismatches: string[] = []
  for (const kind of ['analytics', 'processors'] as const) {
    const s = emptyScore()
    vendorTruths.forEach((v, i) => {
      if (v.kind !== kind || v.confidence === 'unsure') return
      const f = pooled.matchedBy.get(i)
      if (f) {
        s.tp++
        if (f.kind !== kind)
          kindMismatches.push(`${v.id} expected as ${kind}, reported as ${f.kind} (${f.key})`)
      } else s.misses.push({ key: v.id, where: v.at.slice(0, 3) })
    })
    const mine = (i: Item): boolean => foundVendors.some((f) => f.kind === kind && f.key === i.key)
    s.falsePositives = pooled.score.falsePositives.filter(mine)
    s.duplicates = pooled.score.duplicates.filter(mine)
    s.unsure = pooled.score.unsure.filter(mine)
    s.fp = s.falsePositives.length
    s.fn = s.misses.length
    perKind[kind] = s
  }

  // Flows by vendor → category pair.
  const vendorEntry = (id: string): { id: string; aliases: string[]; domains: string[] } =>
    vendorTruths.find((v) => v.id === id) ?? { id, aliases: [], domains: [] }
  const flowTruths = truth.flows
  perKind.flows = scoreKind(
    inventory.flows.map((f) => ({ key: `${f.vendor} → ${f.category}`, where: where(f.evidence) })),
    flowTruths.map((f) => ({
      key: `${f.vendor} → ${f.category}`,
      at: f.at,
      unsure: f.confidence === 'unsure',
    })),
    (t, f) => {
      const want = flowTruths[t]!
      const [vendor, category] = f.key.split(' → ') as [string, string]
      // A flow carries a kind of personal data: what the truth accepts for that data it accepts for the flow.
      const accepted = [
        ...want.accept,
        ...pdTruth.filter((p) => p.category === want.category).flatMap((p) => p.accept),
      ]
      if (category !== want.category && !accepted.includes(category) && !acceptsPart(want.category, category))
        return 0
      if (want.vendor === 'logs') return vendor === 'logs' ? 1000 : 0
      return vendorMatch(vendorEntry(want.vendor), vendor, rules)
    },
  ).score

  const trapHits = findTrapHits(truth, inventory, rules)
  // A trap hit on an item that is otherwise counted right (a true category reported from a test file or a flag
  // field) is one more false positive of its kind; vendor and cookie traps are false positives already.
  for (const hit of trapHits) {
    const kind = hit.note as RealKind
    if (perKind[kind].falsePositives.some((f) => f.key === hit.key)) continue
    for (const k of kind === 'analytics' || kind === 'processors' ? [kind, 'vendors' as const] : [kind]) {
      perKind[k].fp++
      perKind[k].falsePositives.push({ key: `trap: ${hit.key}`, where: hit.where })
    }
  }

  for (const s of Object.values(perKind)) {
    s.falsePositives.sort(byKey)
    s.misses.sort(byKey)
    s.duplicates.sort(byKey)
    s.unsure.sort(byKey)
  }
  const nameOnlyVendors = [...inventory.analytics, ...inventory.processors]
    .filter((v) => v.evidence.every((e) => e.how === 'env' || e.how === 'manifest'))
    .map((v) => `${v.vendor} (${[...new Set(v.evidence.map((e) => e.how))].sort().join(', ')})`)
    .sort()
  return {
    name: truth.name,
    commit: truth.commit,
    perKind,
    trapHits,
    kindMismatches: kindMismatches.sort(),
    nameOnlyVendors,
  }
}

/** Reports of the `absent` entries: a trap vendor or cookie reported, a finding on a trap line or under a trap path. */
export function findTrapHits(truth: Truth, inventory: Inventory, rules: VendorHosts): Item[] {
  const hits: Item[] = []
  const evidenceByKind: [RealKind, string, readonly Evidence[]][] = [
    ...inventory.personalData.map(
      (p) => ['personalData', p.category, p.evidence] as [RealKind, string, Evidence[]],
    ),
    ...inventory.cookies.map((c) => ['cookies', c.name, c.evidence] as [RealKind, string, Evidence[]]),
    ...inventory.analytics.map((v) => ['analytics', v.vendor, v.evidence] as [RealKind, string, Evidence[]]),
    ...inventory.processors.map(
      (v) => ['processors', v.vendor, v.evidence] as [RealKind, string, Evidence[]],
    ),
    ...inventory.flows.map(
      (f) => ['flows', `${f.vendor} → ${f.category}`, f.evidence] as [RealKind, string, Evidence[]],
    ),
  ]
  for (const trap of truth.absent) {
    if (trap.confidence === 'unsure') continue
    if (trap.vendor !== undefined) {
      const entry = { id: trap.vendor, domains: trap.domains }
      for (const [kind, key, evidence] of evidenceByKind)
        if ((kind === 'analytics' || kind === 'processors') && vendorMatch(entry, key, rules) > 0)
          hits.push({ key, where: where(evidence), note: kind })
    } else if (trap.cookie !== undefined) {
      for (const c of inventory.cookies)
        if (cookieNamesMatch(trap.cookie, c.name))
          hits.push({ key: c.name, where: where(c.evidence), note: 'cookies' })
    } else if (trap.at !== undefined) {
      const [path, line] = splitRef(trap.at)
      for (const [kind, key, evidence] of evidenceByKind) {
        if (trap.kind !== undefined && kind !== trap.kind) continue
        const on = evidence.filter((e) => e.path === path && e.line === line)
        if (on.length > 0) hits.push({ key, where: where(on), note: kind })
      }
    } else if (trap.path !== undefined) {
      const glob = compileGlob(trap.path)
      for (const [kind, key, evidence] of evidenceByKind) {
        if (trap.kind !== undefined && kind !== trap.kind) continue
        const inside = evidence.filter((e) => glob.test(e.path))
        if (inside.length > 0) hits.push({ key, where: where(inside), note: kind })
      }
    }
  }
  const seen = new Set<string>()
  return hits
    .filter((h) => {
      const id = `${h.note} ${h.key} ${h.where.join()}`
      return seen.has(id) ? false : (seen.add(id), true)
    })
    .sort((a, b) => `${a.note} ${a.key}`.localeCompare(`${b.note} ${b.key}`))
}

/** `path:line` → [path, line]. */
export function splitRef(at: string): [string, number] {
  const i = at.lastIndexOf(':')
  return [at.slice(0, i), Number(at.slice(i + 1))]
}

/** Every `path:line` a truth file cites. */
export function truthRefs(truth: Truth): string[] {
  return [
    ...truth.personalData.flatMap((p) => p.at),
    ...truth.cookies.flatMap((c) => c.at),
    ...truth.analytics.flatMap((v) => v.at),
    ...truth.processors.flatMap((v) => v.at),
    ...truth.flows.flatMap((f) => f.at),
    ...truth.absent.flatMap((a) => (a.at ? [a.at] : [])),
  ]
}

export interface RealTotals {
  perKind: Record<RealKind, { tp: number; fp: number; fn: number; precision: number; recall: number }>
  trapHits: number
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den)

/** Sums the per-kind counts over repositories (micro-average). */
export function totalReal(results: readonly RealResult[]): RealTotals {
  const perKind = {} as RealTotals['perKind']
  for (const kind of REAL_KINDS) {
    const s = results.reduce(
      (a, r) => ({
        tp: a.tp + r.perKind[kind].tp,
        fp: a.fp + r.perKind[kind].fp,
        fn: a.fn + r.perKind[kind].fn,
      }),
      { tp: 0, fp: 0, fn: 0 },
    )
    perKind[kind] = { ...s, precision: ratio(s.tp, s.tp + s.fp), recall: ratio(s.tp, s.tp + s.fn) }
  }
  return { perKind, trapHits: results.reduce((n, r) => n + r.trapHits.length, 0) }
}

const LABEL: Record<RealKind, string> = {
  personalData: 'personal data',
  cookies: 'cookies',
  analytics: 'analytics',
  processors: 'processors',
  vendors: 'vendors (pooled)',
  flows: 'flows',
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
const pct0 = (x: number): string => `${Math.round(x * 100)}%`
/** A markdown cell: precision / recall (tp/fp/fn); precision is n/a when nothing was found. */
const cell = (s: { tp: number; fp: number; fn: number }): string =>
  s.tp + s.fp + s.fn === 0
    ? '—'
    : `${s.tp + s.fp === 0 ? 'n/a' : pct0(ratio(s.tp, s.tp + s.fp))} / ${pct0(ratio(s.tp, s.tp + s.fn))} (${s.tp}/${s.fp}/${s.fn})`

/** Plain-text report: a table per repository with every false positive, miss and trap hit. */
export function renderReal(results: readonly RealResult[], notes: readonly string[] = []): string {
  const out: string[] = []
  for (const r of results) {
    out.push(`${r.name} @ ${r.commit.slice(0, 12)}`)
    out.push('  kind               tp  fp  fn  precision  recall')
    for (const kind of REAL_KINDS) {
      const s = r.perKind[kind]
      out.push(
        `  ${LABEL[kind].padEnd(17)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}     ${pct(ratio(s.tp, s.tp + s.fp)).padStart(6)}  ${pct(ratio(s.tp, s.tp + s.fn)).padStart(6)}`,
      )
      if (kind === 'vendors') continue // its lines repeat analytics + processors
      for (const f of s.falsePositives) out.push(`      + false positive: ${f.key}  (${f.where.join(', ')})`)
      for (const m of s.misses) out.push(`      - missed: ${m.key}  (${m.where.join(', ')})`)
      for (const d of s.duplicates) out.push(`      = duplicate: ${d.key}  (${d.where.join(', ')})`)
      for (const u of s.unsure) out.push(`      ? unsure entry matched: ${u.key}  (${u.where.join(', ')})`)
    }
    for (const t of r.trapHits) out.push(`  ! trap hit (${t.note}): ${t.key}  (${t.where.join(', ')})`)
    for (const k of r.kindMismatches) out.push(`  ~ kind: ${k}`)
    for (const v of r.nameOnlyVendors) out.push(`  ~ reported on names alone: ${v}`)
    out.push('')
  }
  if (results.length > 1) {
    const totals = totalReal(results)
    out.push('total              tp  fp  fn  precision  recall')
    for (const kind of REAL_KINDS) {
      const t = totals.perKind[kind]
      out.push(
        `  ${LABEL[kind].padEnd(17)} ${String(t.tp).padStart(3)} ${String(t.fp).padStart(3)} ${String(t.fn).padStart(3)}     ${pct(t.precision).padStart(6)}  ${pct(t.recall).padStart(6)}`,
      )
    }
    out.push(`  trap hits: ${totals.trapHits}`)
    out.push('')
  }
  for (const n of notes) out.push(`note: ${n}`)
  return out.join('\n') + '\n'
}

/** Markdown tables (per repository and total), as docs/accuracy.md records them. */
export function renderRealMarkdown(results: readonly RealResult[]): string {
  const kinds = REAL_KINDS
  const head = `| repository | ${kinds.map((k) => LABEL[k]).join(' | ')} | trap hits |`
  const rule = `| --- | ${kinds.map(() => '---').join(' | ')} | --- |`
  const rows = results.map(
    (r) => `| ${r.name} | ${kinds.map((k) => cell(r.perKind[k])).join(' | ')} | ${r.trapHits.length} |`,
  )
  const totals = totalReal(results)
  rows.push(
    `| **total** | ${kinds.map((k) => `**${cell(totals.perKind[k])}**`).join(' | ')} | **${totals.trapHits}** |`,
  )
  return [
    'Each cell: precision / recall (true positives / false positives / misses); — when the kind is absent.',
    '',
    head,
    rule,
    ...rows,
    '',
  ].join('\n')
}
