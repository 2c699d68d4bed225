import type {
  CookieItem,
  CoveredItem,
  Drift,
  Inventory,
  ItemKind,
  StaleItem,
  UndeclaredItem,
  VendorItem,
} from '../model/types.js'
import type { Manifest } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { hostUnder } from '../util/domain.js'
import { compileGlob } from '../util/glob.js'
import { cmp } from '../scan/inventory.js'
import { flowKey } from '../scan/file-scan.js'
import { compareFlows } from './flows.js'
import { sentByVendor, sentenceFor, suggestCookie, suggestData, suggestVendor } from './suggest.js'

/** Compares the inventory with the manifest: what is undeclared, what is stale, what is covered, and what is new. */
export function compareWithManifest(
  inventory: Inventory,
  manifest: Manifest,
  rules: RuleSet,
  base?: Inventory,
): Drift {
  const undeclared: UndeclaredItem[] = []
  const covered: CoveredItem[] = []

  for (const item of inventory.personalData) {
    const by = manifest.data.find(
      (e) => item.category === e.category || item.category.startsWith(e.category + '.'),
    )
    if (by) covered.push({ kind: 'personalData', key: item.category, by: by.category })
    else
      undeclared.push({
        kind: 'personalData',
        key: item.category,
        name: item.name,
        categories: [],
        evidence: item.evidence,
        suggestion: suggestData(item, rules),
        sentence: sentenceFor('personalData', item, rules),
      })
  }

  const cookieEntries = manifest.cookies.map((e) => ({
    entry: e,
    glob: e.name ? compileGlob(e.name) : undefined,
  }))
  for (const item of inventory.cookies) {
    const by = cookieEntries.find(({ entry, glob }) => {
      if (entry.name) return entry.name === item.name || glob!.test(item.name)
      if (entry.vendor)
        return item.vendor === entry.vendor && (!entry.purpose || entry.purpose === item.purpose)
      return entry.purpose !== undefined && entry.purpose === item.purpose
    })
    if (by) covered.push({ kind: 'cookie', key: item.name, by: describeCookieEntry(by.entry) })
    else undeclared.push(cookieDrift(item, rules))
  }

  const sentData = sentByVendor(inventory.flows)
  const recipients = [...manifest.analytics, ...manifest.processors]
  const vendorKinds: [ItemKind, VendorItem[]][] = [
    ['analytics', inventory.analytics],
    ['processor', inventory.processors],
  ]
  for (const [kind, items] of vendorKinds) {
    for (const item of items) {
      const byVendor = recipients.find((e) => e.vendor === item.vendor)
      const byDomain = byVendor
        ? undefined
        : recipients.find((e) => e.domain && domainCovers(e.domain, item, rules))
      const byCategory =
        byVendor || byDomain
          ? undefined
          : recipients.find((e) => e.category !== undefined && item.categories.includes(e.category))
      if (byVendor) covered.push({ kind, key: item.vendor, by: `vendor: ${item.vendor}` })
      else if (byDomain) covered.push({ kind, key: item.vendor, by: `domain: ${byDomain.domain}` })
      else if (byCategory) covered.push({ kind, key: item.vendor, by: `category: ${byCategory.category}` })
      else
        undeclared.push({
          kind,
          key: item.vendor,
          name: item.name,
          categories: item.categories,
          evidence: item.evidence,
          suggestion: suggestVendor(
            item,
            kind === 'analytics' ? 'analytics' : 'processors',
            rules,
            sentData.get(item.vendor),
          ),
          sentence: sentenceFor(kind, item, rules, sentData.get(item.vendor)),
        })
    }
  }

  const flows = compareFlows(inventory, manifest, rules)
  undeclared.push(...flows.undeclared)
  covered.push(...flows.covered)

  const stale: StaleItem[] = []
  for (const e of manifest.data) {
    const isLeaf = ![...rules.categories.keys()].some((k) => k.startsWith(e.category + '.'))
    if (!isLeaf) continue
    if (
      !inventory.personalData.some(
        (p) => p.category === e.category || p.category.startsWith(e.category + '.'),
      )
    )
      stale.push({ kind: 'personalData', key: e.category, line: e.line })
  }
  for (const { entry, glob } of cookieEntries) {
    if (!entry.name) continue
    if (!inventory.cookies.some((c) => c.name === entry.name || glob!.test(c.name)))
      stale.push({ kind: 'cookie', key: entry.name, line: entry.line })
  }
  const found = new Set([...inventory.analytics, ...inventory.processors].map((v) => v.vendor))
  for (const e of manifest.analytics)
    if (e.vendor && !found.has(e.vendor)) stale.push({ kind: 'analytics', key: e.vendor, line: e.line })
  for (const e of manifest.processors)
    if (e.vendor && !found.has(e.vendor)) stale.push({ kind: 'processor', key: e.vendor, line: e.line })
  const vendors = [...inventory.analytics, ...inventory.processors]
  for (const [kind, entries] of [
    ['analytics', manifest.analytics],
    ['processor', manifest.processors],
  ] as const)
    for (const e of entries)
      if (e.domain && !vendors.some((v) => domainCovers(e.domain!, v, rules)))
        stale.push({ kind, key: e.domain, line: e.line })

  const baseKeys = base ? inventoryKeys(base) : undefined
  const fresh = baseKeys ? undeclared.filter((u) => !baseKeys.has(itemKey(u.kind, u.key))) : []
  const order = (a: { kind: string; key: string }, b: { kind: string; key: string }): number =>
    KIND_ORDER[a.kind as ItemKind] - KIND_ORDER[b.kind as ItemKind] || cmp(a.key, b.key)
  return {
    undeclared: undeclared.sort(order),
    stale: stale.sort(order),
    covered: covered.sort(order),
    new: fresh.sort(order),
    ...(flows.observedData.length > 0 ? { observedData: flows.observedData } : {}),
  }
}

/**
 * Whether a `domain:` entry covers a found vendor: a domain-keyed service at or under the domain, or a vendor whose
 * rule's hosts all lie under it (a service declared by domain before a rule for it existed stays declared).
 */
function domainCovers(domain: string, item: VendorItem, rules: RuleSet): boolean {
  if (item.domain) return hostUnder(item.vendor, domain)
  const hosts = rules.vendors.get(item.vendor)?.hostnames ?? []
  return hosts.length > 0 && hosts.every((h) => hostUnder(h.replace(/^\*\./, ''), domain))
}

const KIND_ORDER: Record<ItemKind, number> = {
  personalData: 0,
  cookie: 1,
  analytics: 2,
  processor: 3,
  flow: 4,
}

/** Stable identity of an inventory item across commits: kind + key (never a line). */
export function itemKey(kind: ItemKind, key: string): string {
  return `${kind}:${key}`
}

/** Every item key of an inventory. */
export function inventoryKeys(inv: Inventory): Set<string> {
  return new Set([
    ...inv.personalData.map((p) => itemKey('personalData', p.category)),
    ...inv.cookies.map((c) => itemKey('cookie', c.name)),
    ...inv.analytics.map((a) => itemKey('analytics', a.vendor)),
    ...inv.processors.map((p) => itemKey('processor', p.vendor)),
    ...inv.flows.map((f) => itemKey('flow', flowKey(f.vendor, f.category))),
  ])
}

function cookieDrift(item: CookieItem, rules: RuleSet): UndeclaredItem {
  return {
    kind: 'cookie',
    key: item.name,
    name: item.name,
    categories: item.purpose ? [item.purpose] : [],
    evidence: item.evidence,
    suggestion: suggestCookie(item),
    sentence: sentenceFor('cookie', item, rules),
  }
}

function describeCookieEntry(e: { name?: string; purpose?: string; vendor?: string }): string {
  if (e.name) return `name: ${e.name}`
  if (e.vendor) return `vendor: ${e.vendor}`
  return `purpose: ${e.purpose}`
}
