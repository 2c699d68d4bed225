import type { Manifest, RecipientEntry } from '../manifest/schema.js'
import type { CookiePurpose, Drift, Inventory, VendorItem } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { sentByVendor } from '../compare/suggest.js'

/**
 * The inventory as records of processing: what the exports (CycloneDX, Fides, RoPA) need, joined once from the
 * inventory, the drift, the rules (vendor facts, taxonomy) and the manifest (purposes, retention, countries).
 */

/** Where a vendor's data categories come from, most certain first. */
/** Where a vendor's data categories come from; `vendor-rule` and `vendor-category` are typical, not observed. */
export type DataSource = 'flows' | 'manifest' | 'vendor-rule' | 'vendor-category' | 'none'

export interface CategoryRecord {
  key: string
  name: string
  special: boolean
  /** The fideslang data category (the key itself, or the nearest one for categories of ours). */
  fideslang: string
  /** Purpose keys (fideslang data uses) from the manifest entries that cover the category. */
  purposes: string[]
  retention?: string
  legalBasis?: string
  /** Undefined without a manifest. */
  declared?: boolean
  /** Vendor ids that receive the category (flows, or the manifest's `data:` lists). */
  recipients: string[]
  evidence: number
  firstEvidence?: string
}

export interface CookieRecord {
  name: string
  purpose: CookiePurpose | null
  vendor: string | null
  source: 'code' | 'sdk-default'
  duration?: string
  declared?: boolean
  evidence: number
  firstEvidence?: string
}

export interface VendorRecord {
  id: string
  name: string
  kind: 'analytics' | 'processor'
  legalEntity?: string
  website?: string
  privacyPolicy?: string
  /** Categories of recipients (vendor categories) with their display names. */
  categories: { key: string; name: string }[]
  /** Why the vendor receives data, in words (manifest, else the rule). */
  purpose?: string
  /** The fideslang data use the vendor's first category serves. */
  dataUse: string
  dataCategories: string[]
  dataSource: DataSource
  /** Endpoint URLs (`https://` + the rule's hostnames; the domain for a service no rule knows). */
  endpoints: string[]
  country?: string
  dpa?: string
  retention?: string
  declared?: boolean
  evidence: number
  firstEvidence?: string
}

export interface Records {
  project: string
  files: number
  policyUrl?: string
  categories: CategoryRecord[]
  cookies: CookieRecord[]
  vendors: VendorRecord[]
  /** `vendor → category` pairs the code shows, in inventory order. */
  flows: { vendor: string; category: string; evidence: number }[]
}

export interface RecordsInput {
  rules: RuleSet
  manifest?: Manifest
  project?: string
}

const covers = (entry: string, key: string): boolean => key === entry || key.startsWith(entry + '.')

function recipientEntry(manifest: Manifest | undefined, v: VendorItem): RecipientEntry | undefined {
  const entries = [...(manifest?.analytics ?? []), ...(manifest?.processors ?? [])]
  return (
    entries.find((e) => e.vendor === v.vendor) ??
    entries.find((e) => e.category !== undefined && v.categories.includes(e.category))
  )
}

/** Whether data categories were seen in the code or declared, rather than typical for the vendor. */
const observed = (source: DataSource): boolean => source !== 'vendor-rule' && source !== 'vendor-category'

const where = (e: { path: string; line: number } | undefined): string | undefined =>
  e ? `${e.path}:${e.line}` : undefined

/** Joins inventory, drift, rules and manifest into records of processing. Pure and deterministic. */
export function buildRecords(inventory: Inventory, drift: Drift | undefined, input: RecordsInput): Records {
  const { rules, manifest } = input
  /** The data every vendor of one of these categories receives (a sign-in provider's), for a service no rule has. */
  const categoryData = (categories: readonly string[]): [string[], DataSource] => {
    const data = [...new Set(categories.flatMap((c) => rules.vendorCategories.get(c)?.data ?? []))].sort()
    return data.length > 0 ? [data, 'vendor-category'] : [[], 'none']
  }
  const undeclared = new Set(drift?.undeclared.map((u) => `${u.kind}:${u.key}`) ?? [])
  const declared = (kind: string, key: string): boolean | undefined =>
    drift ? !undeclared.has(`${kind}:${key}`) : undefined
  const flowsByVendor = sentByVendor(inventory.flows)

  const vendors: VendorRecord[] = []
  for (const [list, kind] of [
    [inventory.analytics, 'analytics'],
    [inventory.processors, 'processor'],
  ] as const)
    for (const v of list) {
      const rule = rules.vendors.get(v.vendor)
      const entry = recipientEntry(manifest, v)
      const fromFlows = flowsByVendor.get(v.vendor)
      const [dataCategories, dataSource]: [string[], DataSource] = fromFlows
        ? [fromFlows, 'flows']
        : entry?.data
          ? [entry.data, 'manifest']
          : rule && rule.data_categories.length > 0
            ? [rule.data_categories, 'vendor-rule']
            : categoryData(v.categories)
      const categories = v.categories.map((key) => ({
        key,
        name: rules.vendorCategories.get(key)?.name ?? key,
      }))
      const hosts = rule ? rule.hostnames.filter((h) => !h.startsWith('*.')) : [v.vendor]
      vendors.push({
        id: v.vendor,
        name: v.name,
        kind,
        legalEntity: rule?.legal_entity,
        website: rule?.website,
        privacyPolicy: rule?.privacy_policy,
        categories,
        purpose: entry?.purpose ?? rule?.purpose,
        dataUse: rules.vendorCategories.get(v.categories[0] ?? '')?.data_use ?? 'essential.service',
        dataCategories: [...new Set(dataCategories)].sort(),
        dataSource,
        endpoints: hosts.map((h) => `https://${h}`),
        country: entry?.country,
        dpa: entry?.dpa,
        retention: entry?.retention,
        declared: declared(kind, v.vendor),
        evidence: v.evidence.length,
        firstEvidence: where(v.evidence[0]),
      })
    }

  const categories: CategoryRecord[] = inventory.personalData.map((p) => {
    const entries = (manifest?.data ?? []).filter((d) => covers(d.category, p.category))
    const first = entries.find((e) => e.retention) ?? entries[0]
    return {
      key: p.category,
      name: p.name,
      special: p.special,
      fideslang: rules.categories.get(p.category)?.fideslang ?? p.category,
      purposes: [...new Set(entries.flatMap((e) => e.purposes ?? []))].sort(),
      retention: first?.retention,
      legalBasis: entries.find((e) => e.legal_basis)?.legal_basis,
      declared: declared('personalData', p.category),
      recipients: vendors
        .filter((v) => observed(v.dataSource) && v.dataCategories.some((c) => covers(c, p.category)))
        .map((v) => v.id),
      evidence: p.evidence.length,
      firstEvidence: where(p.evidence[0]),
    }
  })

  const cookies: CookieRecord[] = inventory.cookies.map((c) => ({
    name: c.name,
    purpose: c.purpose,
    vendor: c.vendor,
    source: c.source,
    duration:
      (manifest?.cookies.find((e) => e.name === c.name)?.duration ?? rules.cookieInfo(c.name)?.duration) ||
      undefined,
    declared: declared('cookie', c.name),
    evidence: c.evidence.length,
    firstEvidence: where(c.evidence[0]),
  }))

  return {
    project: input.project ?? 'project',
    files: inventory.files,
    policyUrl: manifest?.policy.url,
    categories,
    cookies,
    vendors,
    flows: inventory.flows.map((f) => ({
      vendor: f.vendor,
      category: f.category,
      evidence: f.evidence.length,
    })),
  }
}
