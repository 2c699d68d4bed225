import { posix } from 'node:path'
import type {
  Confidence,
  CookieItem,
  CookiePurpose,
  Evidence,
  Finding,
  Inventory,
  PersonalDataItem,
  ScanNote,
  UnusedDependency,
  VendorItem,
} from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { fingerprintOf, type FileFacts } from './file-scan.js'

export interface InventoryOptions {
  /** Evidence below this confidence is dropped (default: medium). */
  minConfidence?: Confidence
  /** Fingerprints to leave out (manifest `ignore.findings`). */
  ignoreFingerprints?: ReadonlySet<string>
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 }

/** Every finding after the cross-file link step: imports → vendors, dependencies, imported cookie names, SDK cookies. */
export function linkFindings(files: readonly FileFacts[], rules: RuleSet): { findings: Finding[]; unused: UnusedDependency[] } {
  const findings: Finding[] = []
  const byPath = new Map(files.map((f) => [f.path, f]))
  for (const f of files) {
    findings.push(...f.findings)
    for (const imp of f.imports) {
      if (imp.typeOnly) continue
      const vendor = rules.vendorForImport(imp.specifier)
      if (!vendor) continue
      findings.push(vendorFinding(rules, vendor.id, f.path, imp.line, imp.column, imp.how, imp.specifier, `${imp.how} of "${imp.specifier}"`, imp.excerpt))
    }
    for (const p of f.pendingCookies) {
      const target = resolveModule(f.path, p.from, byPath)
      const key = p.property ? `${p.exportName}.${p.property}` : p.exportName
      const name = target?.exportedStrings[key]
      if (name === undefined) continue
      const info = rules.cookieInfo(name)
      findings.push({
        kind: 'cookie',
        key: name,
        cookie: { pattern: false, vendor: info?.vendor ?? null, purpose: info?.purpose ?? null, source: 'code' },
        evidence: {
          path: f.path,
          line: p.line,
          column: p.column,
          symbol: p.symbol,
          rule: p.rule,
          confidence: 'high',
          how: 'cookie-api',
          excerpt: p.excerpt,
          reason: `name from ${key} in ${target!.path}`,
          fingerprint: fingerprintOf('cookie', name, f.path, p.symbol),
        },
      })
    }
  }
  const vendorsWithEvidence = new Set(findings.filter((x) => x.kind === 'analytics' || x.kind === 'processor').map((x) => x.key))
  const unused: UnusedDependency[] = []
  for (const f of files) {
    for (const dep of f.dependencies) {
      if (dep.ecosystem === 'npm') {
        const vendor = rules.vendorForPackage(dep.name)
        if (!vendor) continue
        if (vendorsWithEvidence.has(vendor.id)) {
          findings.push(vendorFinding(rules, vendor.id, f.path, dep.line, dep.column, 'manifest', dep.name, `declared dependency "${dep.name}"`))
        } else if (!dep.dev) {
          unused.push({ vendor: vendor.id, name: vendor.name, package: dep.name, path: f.path, line: dep.line })
        }
        continue
      }
      // Other ecosystems' code is not parsed: the declared SDK is the evidence.
      const vendor = rules.vendorForEcosystemPackage(dep.ecosystem, dep.name)
      if (vendor)
        findings.push(vendorFinding(rules, vendor.id, f.path, dep.line, dep.column, 'manifest', dep.name, `${dep.ecosystem} dependency "${dep.name}"`))
    }
  }
  // Default cookies of every vendor whose browser SDK or script the code uses.
  const firstEvidence = new Map<string, Evidence>()
  for (const x of findings) {
    if (x.kind !== 'analytics' && x.kind !== 'processor') continue
    if (!setsCookies(rules, x)) continue
    const prev = firstEvidence.get(x.key)
    if (!prev || compareEvidence(x.evidence, prev) < 0) firstEvidence.set(x.key, x.evidence)
  }
  for (const [vendorId, ev] of firstEvidence) {
    const vendor = rules.vendors.get(vendorId)!
    for (const c of vendor.cookies) {
      findings.push({
        kind: 'cookie',
        key: c.name,
        cookie: { pattern: c.name.includes('*'), vendor: vendor.id, purpose: c.purpose as CookiePurpose, source: 'sdk-default' },
        evidence: {
          ...ev,
          symbol: `${vendor.id} SDK`,
          rule: `vendor.${vendor.id}.cookies`,
          confidence: 'medium',
          how: 'sdk-default',
          reason: `${vendor.name} sets ${c.name} by default${c.duration ? ` (${c.duration})` : ''}`,
          fingerprint: fingerprintOf('cookie', c.name, ev.path, `${vendor.id} SDK`),
        },
      })
    }
  }
  return { findings, unused }
}

/** Whether a vendor finding implies the vendor's default cookies: a script tag, or a browser package. */
function setsCookies(rules: RuleSet, f: Finding): boolean {
  const how = f.evidence.how
  if (how === 'script-url') return true
  if (how !== 'import' && how !== 'require' && how !== 'dynamic-import') return false
  const browser = rules.vendors.get(f.key)?.browser_packages ?? []
  if (browser.length === 0) return true
  const specifier = f.evidence.symbol ?? ''
  return browser.some((p) => specifier === p || specifier.startsWith(p + '/'))
}

function vendorFinding(
  rules: RuleSet,
  vendorId: string,
  path: string,
  line: number,
  column: number,
  how: Evidence['how'],
  symbol: string,
  reason: string,
  excerpt?: string,
): Finding {
  const vendor = rules.vendors.get(vendorId)!
  const kind = rules.roleOf(vendor) === 'analytics' ? 'analytics' : 'processor'
  return {
    kind,
    key: vendor.id,
    evidence: {
      path,
      line,
      column,
      symbol,
      rule: `vendor.${vendor.id}`,
      confidence: 'high',
      how,
      excerpt,
      reason,
      fingerprint: fingerprintOf(kind, vendor.id, path, symbol),
    },
  }
}

const MODULE_SUFFIXES = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '/index.ts', '/index.tsx', '/index.js', '/index.mjs']

/** Resolves a relative import to a scanned file (`./x.js` may be `./x.ts` on disk, as TS ESM writes it). */
function resolveModule(from: string, specifier: string, byPath: Map<string, FileFacts>): FileFacts | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier))
  const stems = [base, base.replace(/\.(m|c)?js$/, '')]
  for (const stem of stems)
    for (const suffix of MODULE_SUFFIXES) {
      const hit = byPath.get(stem + suffix)
      if (hit) return hit
    }
  return undefined
}

/** Groups findings into the inventory: sorted, de-duplicated, filtered by confidence and ignores. */
export function buildInventory(
  files: readonly FileFacts[],
  rules: RuleSet,
  options: InventoryOptions = {},
  extraNotes: readonly ScanNote[] = [],
): { inventory: Inventory; findings: Finding[] } {
  const min = RANK[options.minConfidence ?? 'medium']
  const { findings: linked, unused } = linkFindings(files, rules)
  const findings = linked
    .filter((f) => RANK[f.evidence.confidence] >= min)
    .filter((f) => !options.ignoreFingerprints?.has(f.evidence.fingerprint))
  const personal = new Map<string, PersonalDataItem>()
  const cookies = new Map<string, CookieItem>()
  const analytics = new Map<string, VendorItem>()
  const processors = new Map<string, VendorItem>()
  for (const f of findings) {
    if (f.kind === 'personalData') {
      const item = personal.get(f.key) ?? {
        category: f.key,
        name: rules.categories.get(f.key)?.name ?? f.key,
        special: isSpecial(rules, f.key),
        evidence: [],
      }
      item.evidence.push(f.evidence)
      personal.set(f.key, item)
    } else if (f.kind === 'cookie') {
      const c = f.cookie!
      const item = cookies.get(f.key) ?? { name: f.key, pattern: c.pattern, vendor: c.vendor, purpose: c.purpose, source: c.source, evidence: [] }
      // Code evidence outranks an SDK default for the same name.
      if (c.source === 'code') item.source = 'code'
      item.evidence.push(f.evidence)
      cookies.set(f.key, item)
    } else {
      const map = f.kind === 'analytics' ? analytics : processors
      const vendor = rules.vendors.get(f.key)!
      const item = map.get(f.key) ?? { vendor: vendor.id, name: vendor.name, categories: [...vendor.categories], evidence: [] }
      item.evidence.push(f.evidence)
      map.set(f.key, item)
    }
  }
  const sortEvidence = <T extends { evidence: Evidence[] }>(items: T[]): T[] => {
    for (const i of items) i.evidence = dedupeEvidence(i.evidence).sort(compareEvidence)
    return items
  }
  const notes = [...extraNotes, ...files.flatMap((f) => f.notes)].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.message, b.message),
  )
  const inventory: Inventory = {
    files: files.length,
    personalData: sortEvidence([...personal.values()]).sort((a, b) => cmp(a.category, b.category)),
    cookies: sortEvidence([...cookies.values()]).sort((a, b) => cmp(a.name, b.name)),
    analytics: sortEvidence([...analytics.values()]).sort((a, b) => cmp(a.vendor, b.vendor)),
    processors: sortEvidence([...processors.values()]).sort((a, b) => cmp(a.vendor, b.vendor)),
    unusedDependencies: unused.sort((a, b) => cmp(a.vendor, b.vendor) || cmp(a.path, b.path)),
    notes,
  }
  return { inventory, findings }
}

function isSpecial(rules: RuleSet, key: string): boolean {
  const parts = key.split('.')
  for (let i = parts.length; i > 0; i--) if (rules.categories.get(parts.slice(0, i).join('.'))?.special) return true
  return false
}

function dedupeEvidence(list: Evidence[]): Evidence[] {
  const seen = new Set<string>()
  return list.filter((e) => {
    const k = `${e.fingerprint}\0${e.line}\0${e.column}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** Orders evidence by path, line, column, then rule (deterministic output). */
export function compareEvidence(a: Evidence, b: Evidence): number {
  return cmp(a.path, b.path) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule)
}

/** Locale-independent string comparison, so output is identical on every machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
