import { posix } from 'node:path'
import type {
  Confidence,
  CookieItem,
  CookiePurpose,
  Evidence,
  EvidenceBasis,
  Finding,
  FlowItem,
  Inventory,
  PersonalDataItem,
  ScanNote,
  UnusedDependency,
  VendorItem,
} from '../model/types.js'
import { packageOfSpecifier, type RuleSet } from '../rules/ruleset.js'
import type { VendorRule } from '../rules/schema.js'
import { hostUnder } from '../util/domain.js'
import {
  fingerprintOf,
  ILLUSTRATIVE_PATH,
  isLocalSpecifier,
  parseFlowKey,
  type FileFacts,
  type ModuleRef,
  type PendingCookie,
} from './file-scan.js'
import { commentAudience } from './content-audience.js'
import { linkFlows } from './flows/link.js'
import { codeCookieFinding, linkCookieHelpers, persistedStoreCookies } from './link-cookies.js'
import { linkImportedUrls, linkUrlArguments } from './link-urls.js'
import { CODE_HOSTS } from './manifests/dependencies.js'
import { ownValue } from '../util/own.js'
import { demoteOutsideProduct, type ProductScope } from './product-scope.js'
import { demoteUnreached, importUsage } from './reachability.js'
import { demoteUnnamedEnumMembers } from './enum-labels.js'
import { ENV_EXAMPLE } from './scan-file.js'
import { cookiesByInstalledVersion } from './library-versions.js'

export interface InventoryOptions {
  /** Evidence below this confidence is dropped (default: medium). */
  minConfidence?: Confidence
  /** Fingerprints to leave out (manifest `ignore.findings`). */
  ignoreFingerprints?: ReadonlySet<string>
  /** The product's own domains (manifest `firstParty`, the policy URL): never reported as third parties. */
  firstParty?: readonly string[]
  /** Globs overriding which code is the deployed product (manifest `scope`). */
  scope?: ProductScope
  /** The module index of another scan of the same tree (a PR check's head): its import resolutions are reused. */
  modules?: ModuleIndex
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 }

/** Named exports of a multi-vendor module that decide the vendor (`GoogleTagManager` is not Google Analytics). */
const NAMED_EXPORT_VENDORS: Record<string, Record<string, string | null>> = {
  '@next/third-parties/google': {
    GoogleAnalytics: 'google-analytics',
    sendGAEvent: 'google-analytics',
    GoogleTagManager: 'google-tag-manager',
    sendGTMEvent: 'google-tag-manager',
    GoogleMapsEmbed: 'google-maps',
    YouTubeEmbed: null,
  },
}

/** Every finding after the cross-file link step: imports → vendors, dependencies, imported cookie names, SDK cookies. */
export function linkFindings(
  files: readonly FileFacts[],
  rules: RuleSet,
  modules = new ModuleIndex(files),
): { findings: Finding[]; unused: UnusedDependency[] } {
  let findings: Finding[] = []
  findings.push(...linkUrlArguments(files, modules, rules), ...linkImportedUrls(files, modules, rules))
  for (const f of files) {
    findings.push(...f.findings)
    for (const imp of f.imports) {
      if (imp.typeOnly) continue
      const redirected = f.redirectedImports?.includes(imp.specifier) === true
      const configured = f.configuredImports?.includes(imp.specifier) === true
      const vendors = vendorsOfImport(rules, imp.specifier, imp.names)
      const wrapper = vendors.length === 0 ? wrappedVendor(rules, imp.specifier) : undefined
      if (wrapper)
        findings.push(
          vendorFinding(
            rules,
            wrapper.vendor.id,
            f.path,
            imp.line,
            imp.column,
            imp.how,
            imp.specifier,
            `${imp.how} of "${imp.specifier}", a package named after ${wrapper.vendor.name} ("${wrapper.token}")`,
            imp.excerpt,
            'medium',
          ),
        )
      for (const vendor of vendors)
        findings.push(
          vendorFinding(
            rules,
            vendor.id,
            f.path,
            imp.line,
            imp.column,
            imp.how,
            imp.specifier,
            redirected
              ? `${imp.how} of "${imp.specifier}", whose clients here are all pointed at another service`
              : configured
                ? `${imp.how} of "${imp.specifier}", whose clients here are all pointed at a host set at run time (the configured provider)`
                : `${imp.how} of "${imp.specifier}"`,
            imp.excerpt,
            redirected || configured ? 'low' : 'high',
          ),
        )
    }
    for (const p of f.pendingCookies) {
      const resolved = resolvePendingName(modules, f.path, p)
      if (!resolved) continue
      findings.push(
        codeCookieFinding(rules, resolved.name, resolved.pattern, { path: f.path, ...p }, resolved.reason),
      )
    }
  }
  findings.push(...workspaceWrapperFindings(files, modules, rules))
  findings.push(...linkCookieHelpers(files, rules), ...persistedStoreCookies(files, rules))
  const linked = linkFlows(files, modules, rules)
  // A flow a helper's parameter name gave is decided by the helper's callers when the repository has any.
  if (linked.superseded.size > 0)
    findings = findings.filter((x) => !linked.superseded.has(x.evidence.fingerprint))
  findings.push(...linked.findings)
  findings.push(...receiverVendors(findings, rules))
  findings = cookiesByInstalledVersion(weighVendorEvidence(findings), files, rules)
  // A declared dependency supports a vendor only as far as its use in code does: never above the best evidence,
  // and not at all when the only use is in example or demo code (then it is "declared, unused").
  const bestUse = bestVendorEvidence(findings)
  const unused: UnusedDependency[] = []
  const sourceDirs = sourceFolders(files)
  for (const f of files) {
    for (const dep of f.dependencies) {
      /** A vendor finding whose evidence is this dependency's line in the manifest. */
      const declared = (
        vendor: string,
        how: Evidence['how'],
        detail: string,
        confidence: Confidence,
      ): void => {
        findings.push(
          vendorFinding(
            rules,
            vendor,
            f.path,
            dep.line,
            dep.column,
            how,
            dep.name,
            detail,
            undefined,
            confidence,
          ),
        )
      }
      if (dep.ecosystem === 'npm') {
        const vendor = rules.vendorForPackage(dep.name) ?? rules.vendorForWrapperPackage(dep.name)?.vendor
        if (!vendor) continue
        const best = bestUse.get(vendor.id)
        // A provider package a framework loads from the dependencies by name (Strapi) is used without an import.
        const loader = dep.dev ? undefined : rules.frameworkModules.loaderOf(dep.name)
        if (loader && (!best || best === 'low')) {
          // The framework imports it: a use, which the cap on declared dependencies does not lower.
          declared(
            vendor.id,
            'import',
            `declared dependency "${dep.name}", a provider ${loader} loads by its name`,
            'medium',
          )
        } else if (best && best !== 'low') {
          declared(vendor.id, 'manifest', `declared dependency "${dep.name}"`, best)
        } else if (!dep.dev) {
          unused.push({
            vendor: vendor.id,
            name: vendor.name,
            package: dep.name,
            path: f.path,
            line: dep.line,
          })
        }
        continue
      }
      // Other ecosystems' code is not parsed: the declared SDK is the evidence, at medium confidence.
      // Go modules carry their major version in the path (`github.com/stripe/stripe-go/v79`).
      const vendor =
        rules.vendorForEcosystemPackage(dep.ecosystem, dep.name) ??
        (dep.ecosystem === 'golang'
          ? rules.vendorForEcosystemPackage(dep.ecosystem, dep.name.replace(/\/v\d+$/, ''))
          : undefined)
      if (!vendor) continue
      // In a JS or TS repository, a manifest of a part without such code (a Python backend beside the web app, a
      // native iOS folder) speaks for code this scan never reads, whose use of the SDK it cannot see: a hint, not
      // evidence. A repository of other languages only has its manifests to go by.
      const dir = posix.dirname(f.path)
      if (sourceDirs.size > 0 && !sourceDirs.has(dir === '.' ? '' : dir))
        declared(
          vendor.id,
          'manifest',
          `${dep.ecosystem} dependency "${dep.name}", in ${dir === '.' ? 'the repository' : `${dir}/`} where no JavaScript or TypeScript code is`,
          'low',
        )
      else declared(vendor.id, 'manifest', `${dep.ecosystem} dependency "${dep.name}"`, 'medium')
    }
  }
  // Default cookies of every vendor whose browser SDK or script the code uses.
  const firstEvidence = new Map<string, Evidence>()
  const cookieSetters: Finding[] = []
  for (const x of findings) {
    if (x.kind !== 'analytics' && x.kind !== 'processor') continue
    if (!setsCookies(rules, x)) continue
    cookieSetters.push(x)
    const prev = firstEvidence.get(x.key)
    if (!prev || compareEvidence(x.evidence, prev) < 0) firstEvidence.set(x.key, x.evidence)
  }
  // An SDK set up only to keep its state in storage other than cookies (`persistence: 'localStorage'`) sets none.
  const cookieless = new Set(files.flatMap((f) => f.sdkStorage?.cookieless ?? []))
  for (const f of files) for (const v of f.sdkStorage?.cookies ?? []) cookieless.delete(v)
  for (const [vendorId, first] of firstEvidence) {
    if (cookieless.has(vendorId)) continue
    const vendor = rules.vendors.get(vendorId)!
    for (const c of vendor.cookies) {
      // A cookie that one SDK call writes is reported where that call is made (sink-calls), not by default.
      if (c.set_by_calls.length > 0) continue
      // A cookie only some of the vendor's packages set needs one of those packages, and points at its import.
      const ev = c.packages.length === 0 ? first : packageEvidence(cookieSetters, vendorId, c.packages)
      if (!ev) continue
      findings.push({
        kind: 'cookie',
        key: c.name,
        cookie: {
          pattern: c.name.includes('*'),
          vendor: vendor.id,
          purpose: c.purpose as CookiePurpose,
          source: 'sdk-default',
        },
        evidence: {
          ...ev,
          symbol: `${vendor.id} SDK`,
          rule: `vendor.${vendor.id}.cookies`,
          confidence: ev.confidence === 'low' || c.set_on ? 'low' : 'medium',
          how: 'sdk-default',
          reason:
            `${vendor.name} sets ${c.name}${c.set_on ? ` on its own domain ${c.set_on} (a third-party cookie)` : ''} by default${c.duration ? ` (${c.duration})` : ''}; found by ${ev.how} ${ev.symbol ?? ''}`.trim(),
          fingerprint: fingerprintOf('cookie', c.name, ev.path, `${vendor.id} SDK`),
        },
      })
    }
  }
  return { findings, unused }
}

/** The most a vendor finding resting on each basis may count: none of these shows an integration on its own. */
const BASIS_CONFIDENCE: Partial<Record<EvidenceBasis, { confidence: Confidence; why: string }>> = {
  copy: { confidence: 'low', why: 'the host is in UI copy or prose' },
  link: { confidence: 'low', why: 'the host is a link' },
  image: { confidence: 'low', why: 'the host serves images, fonts or media files, or names an icon to show' },
  'schema-id': { confidence: 'low', why: 'the host names a schema' },
  email: {
    confidence: 'low',
    why: "the host is in an e-mail template's markup, which the recipient's mail client loads, not the app's pages",
  },
  catalogue: {
    confidence: 'low',
    why: 'the host is an entry of a catalogue of options (a list of named, described entries shown to people)',
  },
  lookup: {
    confidence: 'low',
    why: 'the host is a key of a table the code looks hosts up in (referrers, bots), not an address it calls',
  },
  // Beside code that shows the vendor a policy's source is no place the app calls it (README, "How the truth files
  // were written"); alone it shows nothing either (weighVendorEvidence).
  'allow-list': {
    confidence: 'low',
    why: 'only allowed by a Content-Security-Policy, which permits but does not show an integration',
  },
}

/**
 * The confidence rules for vendor evidence, in one place. Evidence on a weak basis (copy, links, images, schema
 * ids, allow-lists) is capped at low. A vendor known only by environment variable names (in code or `.env.example`)
 * or by a Content-Security-Policy allow-list entry is low too: a name or a permission corroborates an integration
 * found otherwise, it does not show one; an environment template's lines are dropped once code shows the vendor,
 * and an allow-list entry stays low beside it. Returns new findings where a rule applies; the per-file facts are
 * never changed (they are reused for the base commit's inventory).
 */
export function weighVendorEvidence(findings: readonly Finding[]): Finding[] {
  const lower = (f: Finding, to: Confidence, why: string): Finding =>
    RANK[f.evidence.confidence] > RANK[to]
      ? { ...f, evidence: { ...f.evidence, confidence: to, reason: `${f.evidence.reason ?? ''}; ${why}` } }
      : f
  const isVendor = (f: Finding): boolean => f.kind === 'analytics' || f.kind === 'processor'
  const corroborates = (f: Finding): string | undefined =>
    f.evidence.how === 'env'
      ? 'only named by environment variables, which corroborate but do not show an integration'
      : f.basis === 'allow-list'
        ? 'only allowed by a Content-Security-Policy, which permits but does not show an integration'
        : undefined
  const capped = findings.map((f) => {
    const cap = f.basis && isVendor(f) ? BASIS_CONFIDENCE[f.basis] : undefined
    return cap ? lower(f, cap.confidence, cap.why) : f
  })
  // A package.json dependency only mirrors the code's use of the SDK (capDeclaredDependencies): weighed again after
  // reachability, it must not show a vendor whose code is all lowered and so keep a CSP entry or a variable up.
  const declared = (f: Finding): boolean =>
    f.evidence.how === 'manifest' && f.evidence.path.endsWith('package.json')
  const shown = new Set<string>()
  for (const f of capped)
    if (isVendor(f) && !corroborates(f) && !declared(f) && f.evidence.confidence !== 'low') shown.add(f.key)
  const out: Finding[] = []
  for (const f of capped) {
    const vendor = isVendor(f)
    if (vendor && shown.has(f.key)) {
      // An environment template (`.env.example`) lists settings an operator fills in; next to code that shows the
      // integration its lines add nothing a reader needs, so only code is cited (README, "What it finds").
      if (f.evidence.how === 'env' && ENV_EXAMPLE.test(posix.basename(f.evidence.path))) continue
      out.push(f)
      continue
    }
    const why = vendor ? corroborates(f) : undefined
    out.push(why ? lower(f, 'low', why) : f)
  }
  return out
}

/** The vendor a package no rule lists is named after (`nodemailer-sendgrid` → SendGrid), for a non-local import. */
function wrappedVendor(rules: RuleSet, specifier: string): ReturnType<RuleSet['vendorForWrapperPackage']> {
  const pkg = isLocalSpecifier(specifier) ? undefined : packageOfSpecifier(specifier)
  return pkg ? rules.vendorForWrapperPackage(pkg) : undefined
}

/** The vendors an import specifier belongs to, refined by its named imports where one module serves several. */
function vendorsOfImport(
  rules: RuleSet,
  specifier: string,
  names: readonly string[] | undefined,
): VendorRule[] {
  const table = ownValue(NAMED_EXPORT_VENDORS, specifier)
  if (table && names && names.length > 0) {
    const out = new Map<string, VendorRule>()
    for (const n of names) {
      const id = ownValue(table, n)
      const v = id ? rules.vendors.get(id) : undefined
      if (v) out.set(v.id, v)
    }
    if (names.every((n) => Object.hasOwn(table, n))) return [...out.values()]
  }
  const vendor = rules.vendorForImport(specifier)
  const named = names ? rules.vendorsForNamedImports(specifier, names) : []
  return [...new Set([...(vendor ? [vendor] : []), ...named])]
}

/** The first evidence of a vendor's finding that imports one of the given packages (or a subpath of one). */
function packageEvidence(
  setters: readonly Finding[],
  vendorId: string,
  packages: readonly string[],
): Evidence | undefined {
  let best: Evidence | undefined
  for (const x of setters) {
    if (x.key !== vendorId) continue
    const specifier = x.evidence.symbol ?? ''
    if (!packages.some((p) => specifier === p || specifier.startsWith(p + '/'))) continue
    if (!best || compareEvidence(x.evidence, best) < 0) best = x.evidence
  }
  return best
}

/** Whether a vendor finding implies the vendor's default cookies: a script tag, or a browser package. */
function setsCookies(rules: RuleSet, f: Finding): boolean {
  const how = f.evidence.how
  if (how === 'script-url') return true
  if (how !== 'import' && how !== 'require' && how !== 'dynamic-import') return false
  return rules.browserPackage(f.key, f.evidence.symbol ?? '')
}

/**
 * Apps that import a workspace package wrapping an SDK (`@acme/analytics` → `export * from 'posthog-js'`) use that
 * vendor too: one medium-confidence finding per importing file, pointing at the import and naming the wrapper.
 */
function workspaceWrapperFindings(
  files: readonly FileFacts[],
  modules: ModuleIndex,
  rules: RuleSet,
): Finding[] {
  if (modules.workspacePackages.size === 0) return []
  const wrapped = new Map<string, { vendor: string; specifier: string; path: string }[]>()
  const vendorsOf = (name: string): { vendor: string; specifier: string; path: string }[] => {
    const hit = wrapped.get(name)
    if (hit) return hit
    const pkg = modules.workspacePackages.get(name)!
    const out: { vendor: string; specifier: string; path: string }[] = []
    const seen = new Set<string>()
    for (const file of modules.reachable(pkg.entries)) {
      for (const imp of file.imports) {
        if (imp.typeOnly) continue
        for (const v of vendorsOfImport(rules, imp.specifier, imp.names))
          if (!seen.has(v.id)) {
            seen.add(v.id)
            out.push({ vendor: v.id, specifier: imp.specifier, path: file.path })
          }
      }
    }
    wrapped.set(name, out)
    return out
  }
  const findings: Finding[] = []
  for (const f of files) {
    for (const imp of f.imports) {
      if (imp.typeOnly) continue
      const name = modules.workspacePackageOf(imp.specifier)
      if (!name || f.path.startsWith(modules.workspacePackages.get(name)!.dir)) continue
      for (const w of vendorsOf(name)) {
        const finding = vendorFinding(
          rules,
          w.vendor,
          f.path,
          imp.line,
          imp.column,
          imp.how,
          imp.specifier,
          `${imp.how} of workspace package "${imp.specifier}", which wraps "${w.specifier}" (${w.path})`,
          imp.excerpt,
          'medium',
        )
        findings.push(finding)
      }
    }
  }
  return findings
}

/** The best confidence of each vendor's evidence. */
function bestVendorEvidence(findings: readonly Finding[]): Map<string, Confidence> {
  const best = new Map<string, Confidence>()
  for (const f of findings) {
    if (f.kind !== 'analytics' && f.kind !== 'processor') continue
    const prev = best.get(f.key)
    if (!prev || RANK[f.evidence.confidence] > RANK[prev]) best.set(f.key, f.evidence.confidence)
  }
  return best
}

/**
 * A service the code sends personal data to is one of its vendors, however the receiver was found: a mail transport's
 * `service: 'SES'`, an SDK's `baseURL` on another vendor's host, a request URL read from a setting named after the
 * vendor (`process.env.MAILGUN_API_URL`). One vendor finding at each flow of a vendor no stronger evidence names.
 */
function receiverVendors(findings: readonly Finding[], rules: RuleSet): Finding[] {
  const best = bestVendorEvidence(findings)
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const f of findings) {
    if (f.kind !== 'flow') continue
    const { vendor, category } = parseFlowKey(f.key)
    const known = best.get(vendor)
    if (known && RANK[known] >= RANK[f.evidence.confidence]) continue
    const e = f.evidence
    const at = `${vendor} ${e.path}:${e.line}`
    if (seen.has(at)) continue
    seen.add(at)
    const reason = `receives ${category} here${e.reason ? ` (${e.reason})` : ''}`
    if (rules.vendors.has(vendor))
      out.push(
        vendorFinding(
          rules,
          vendor,
          e.path,
          e.line,
          e.column,
          'sink',
          e.symbol ?? '',
          reason,
          e.excerpt,
          e.confidence,
        ),
      )
    else if (vendor.includes('.'))
      out.push({
        kind: 'processor',
        key: vendor,
        evidence: {
          ...e,
          rule: 'vendor.receiver',
          how: 'sink',
          reason,
          fingerprint: fingerprintOf('processor', vendor, e.path, e.symbol),
        },
      })
  }
  return out
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
  confidence: Confidence = 'high',
): Finding {
  const vendor = rules.vendors.get(vendorId)!
  const kind = rules.roleOf(vendor) === 'analytics' ? 'analytics' : 'processor'
  const illustrative = ILLUSTRATIVE_PATH.test(path)
  return {
    kind,
    key: vendor.id,
    evidence: {
      path,
      line,
      column,
      symbol,
      rule: `vendor.${vendor.id}`,
      confidence: illustrative ? 'low' : confidence,
      how,
      excerpt,
      reason: illustrative ? `${reason}; in example/demo code` : reason,
      fingerprint: fingerprintOf(kind, vendor.id, path, symbol),
    },
  }
}

/** Resolves a cookie name imported from another module (through re-exports), or a template built from such names. */
function resolvePendingName(
  modules: ModuleIndex,
  from: string,
  p: PendingCookie,
): { name: string; pattern: boolean; reason: string } | undefined {
  const refs = p.parts ?? [p as ModuleRef]
  let name = ''
  let pattern = false
  const sources: string[] = []
  for (const part of refs) {
    if (typeof part === 'string') {
      name += part
      if (part.includes('*')) pattern = true
      continue
    }
    const key = part.property ? `${part.exportName}.${part.property}` : part.exportName
    const hit = modules.exportedString(from, part.from, key)
    if (hit) {
      // An exported function's name: its arguments go where its parameters are (unknown ones stay `*`).
      const value = hit.value.replace(/\{(\d+)\}/g, (_, i: string) => part.args?.[Number(i)] ?? '*')
      name += value
      if (value.includes('*')) pattern = true
      sources.push(`${key} in ${hit.path}`)
    } else {
      name += '*'
      pattern = true
    }
  }
  if (sources.length === 0 || !name || /^\**$/.test(name)) return undefined
  return { name, pattern, reason: `name from ${sources.join(', ')}` }
}

const MODULE_SUFFIXES = [
  '',
  '.ts',
  '.tsx',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.mts',
  '.cts',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.jsx',
  '/index.mjs',
]
/** A name of a module, and (once asked) the modules it is re-exported from. */
interface ExportNode {
  file: FileFacts
  name: string
  depth: number
  sources: ExportNode[] | undefined
}

/** The stems a path answers for (`src/x.ts` → `src/x.ts`, `src/x`), with the rank of the suffix that makes it. */
function stemsOf(path: string): [string, number][] {
  const out: [string, number][] = []
  MODULE_SUFFIXES.forEach((suffix, rank) => {
    if (path.endsWith(suffix)) out.push([path.slice(0, path.length - suffix.length), rank])
  })
  return out
}

const DEFAULT_ENTRIES = ['src/index', 'index', 'src/main', 'lib/index', 'src/lib/index']

/** The import aliases a project config gives the files below its folder, with targets relative to the repository. */
interface AliasScope {
  /** The config's folder (with a trailing slash, or '' at the root). */
  dir: string
  /** `@utils/*` → `src/shared/utils/*`, longest prefix first. */
  patterns: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[]
  /** The resolved `baseUrl`, against which bare specifiers also resolve. */
  baseUrl?: string
}

/**
 * The alias scopes of the repository's tsconfig / jsconfig files, deepest folder first. A config's `paths` and
 * `baseUrl` are its own or those of the configs it `extends` (relative extends only); targets resolve against
 * `baseUrl`, or against the folder of the config that declares `paths`.
 */
function aliasScopes(files: ReadonlyMap<string, FileFacts>): AliasScope[] {
  const effective = (
    path: string,
    depth: number,
  ): { paths?: [string, Record<string, string[]>]; baseUrl?: string } => {
    const facts = files.get(path)?.pathAliases
    if (!facts || depth > 5) return {}
    const dir = posix.dirname(path)
    let paths = facts.paths ? ([dir, facts.paths] as [string, Record<string, string[]>]) : undefined
    let baseUrl = facts.baseUrl !== undefined ? posix.normalize(posix.join(dir, facts.baseUrl)) : undefined
    for (const ext of facts.extends ?? []) {
      if (!ext.startsWith('.')) continue
      const target = posix.normalize(posix.join(dir, ext))
      const parent = effective(files.has(target) ? target : `${target}.json`, depth + 1)
      paths ??= parent.paths
      baseUrl ??= parent.baseUrl
    }
    return { paths, baseUrl }
  }
  const scopes: AliasScope[] = []
  for (const [path, f] of files) {
    if (!f.pathAliases) continue
    const { paths, baseUrl } = effective(path, 0)
    if (!paths && baseUrl === undefined) continue
    const base = baseUrl ?? paths![0]
    const patterns = Object.entries(paths?.[1] ?? {}).map(([pattern, targets]) => {
      const star = pattern.indexOf('*')
      return {
        prefix: star < 0 ? pattern : pattern.slice(0, star),
        suffix: star < 0 ? '' : pattern.slice(star + 1),
        wildcard: star >= 0,
        targets: targets.map((t) => posix.join(base, t)),
      }
    })
    patterns.sort((a, b) => b.prefix.length - a.prefix.length)
    const dir = posix.dirname(path)
    scopes.push({ dir: dir === '.' ? '' : `${dir}/`, patterns, baseUrl })
  }
  return scopes.sort((a, b) => b.dir.length - a.dir.length)
}

/**
 * The repository's modules: resolves relative imports, tsconfig `paths` aliases (and the common `@/` / `~/` ones
 * without a config) and workspace package names to scanned files.
 */
export class ModuleIndex {
  readonly byPath: Map<string, FileFacts>
  /** Workspace package name → its folder (with a trailing slash, or '' at the root) and entry files. */
  readonly workspacePackages = new Map<string, { dir: string; entries: string[] }>()
  /** Folders holding a package.json, deepest first: the roots `@/` aliases resolve against. */
  private readonly packageDirs: string[]
  private readonly aliases: AliasScope[]
  /** Answers of `resolve`: the file's path, and the stems looked up to find it (what the answer depends on). */
  private readonly resolved = new Map<string, { path: string | undefined; probes: string[] }>()
  /** `exportedFact`'s walk through re-exports, by module, name and depth: linking asks it for every call. */
  private readonly exportNodes = new Map<string, ExportNode>()
  /**
   * `exportedString`'s answers by module, name and depth (null: none): linking asks it for every URL built on an
   * imported constant, and each question walks the same barrels' `export *` again.
   */
  private readonly strings = new Map<string, { value: string; path: string } | null>()
  /** Each path stem (`src/x`, `src/x/index`'s `src/x`) → the file its first matching module suffix names. */
  private readonly stems = new Map<string, { file: FileFacts; rank: number }>()
  /** The stems `file()` looks up while `resolveOnce` runs. */
  private probes: string[] = []

  /**
   * With `previous`, the index of another scan of the same tree (a PR check's head, when building its base), its
   * answers are reused where nothing they depend on differs.
   */
  constructor(files: readonly FileFacts[], previous?: ModuleIndex) {
    this.byPath = new Map(files.map((f) => [f.path, f]))
    // `file()` is asked for every import of every file: one lookup per stem instead of one per suffix.
    for (const f of files) for (const [stem, rank] of stemsOf(f.path)) this.addStem(stem, f, rank)
    this.aliases = aliasScopes(this.byPath)
    const dirs = new Set<string>([''])
    for (const f of files) {
      if (
        !f.path.endsWith('package.json') ||
        (f.path !== 'package.json' && !f.path.endsWith('/package.json'))
      )
        continue
      const dir = f.path.slice(0, f.path.length - 'package.json'.length)
      dirs.add(dir)
      if (!f.packageName) continue
      const entries: string[] = []
      for (const e of [...(f.packageEntries ?? []), ...DEFAULT_ENTRIES]) {
        const hit = this.file(posix.normalize(dir + e))
        if (hit && !entries.includes(hit.path)) entries.push(hit.path)
      }
      this.workspacePackages.set(f.packageName, { dir, entries })
    }
    this.packageDirs = [...dirs].sort((a, b) => b.length - a.length)
    if (previous) this.reuse(previous)
  }

  private addStem(stem: string, file: FileFacts, rank: number): void {
    const known = this.stems.get(stem)
    if (!known || rank < known.rank) this.stems.set(stem, { file, rank })
  }

  /**
   * Takes the answers of another index whose aliases, package folders and workspace packages are the same: an
   * answer holds unless it looked up a stem of a file only one of the two has (an added or deleted file).
   */
  private reuse(previous: ModuleIndex): void {
    const layout = (m: ModuleIndex): string =>
      JSON.stringify([m.aliases, m.packageDirs, [...m.workspacePackages]])
    if (layout(previous) !== layout(this)) return
    const differing = new Set<string>()
    for (const path of this.byPath.keys())
      if (!previous.byPath.has(path)) for (const [stem] of stemsOf(path)) differing.add(stem)
    for (const path of previous.byPath.keys())
      if (!this.byPath.has(path)) for (const [stem] of stemsOf(path)) differing.add(stem)
    for (const [key, answer] of previous.resolved)
      if (!answer.probes.some((p) => differing.has(p))) this.resolved.set(key, answer)
  }

  /** A scanned file for a path stem (`src/x` → `src/x.ts`, `src/x/index.tsx` …); `./x.js` may be `./x.ts` on disk. */
  file(stem: string): FileFacts | undefined {
    for (const s of [stem, stem.replace(/\.(m|c)?js$/, ''), stem.replace(/\.(m|c)?jsx?$/, '')]) {
      this.probes.push(s)
      const hit = this.stems.get(s)
      if (hit) return hit.file
    }
    return undefined
  }

  /** The workspace package a bare specifier names (`@acme/analytics`, `@acme/analytics/react`). */
  workspacePackageOf(specifier: string): string | undefined {
    const pkg = packageOfSpecifier(specifier)
    return pkg && this.workspacePackages.has(pkg) ? pkg : undefined
  }

  /** Resolves an import specifier written in `from` to a scanned file of the repository. */
  resolve(from: string, specifier: string): FileFacts | undefined {
    // Linking asks the same question once per call of an import: the answer is fixed for the index's lifetime. It
    // depends on the importing file's folder only (every folder compared with `from` ends with a slash), so files of
    // one folder share their answers.
    const key = `${from.slice(0, from.lastIndexOf('/') + 1)}\0${specifier}`
    let answer = this.resolved.get(key)
    if (!answer) {
      this.probes = []
      answer = { path: this.resolveOnce(from, specifier)?.path, probes: this.probes }
      this.resolved.set(key, answer)
    }
    return answer.path === undefined ? undefined : this.byPath.get(answer.path)
  }

  private resolveOnce(from: string, specifier: string): FileFacts | undefined {
    if (specifier.startsWith('.'))
      return this.file(posix.normalize(posix.join(posix.dirname(from), specifier)))
    const aliased = this.resolveAlias(from, specifier)
    if (aliased) return aliased
    if (/^[@~#]\//.test(specifier)) {
      const rest = specifier.slice(2)
      for (const dir of this.packageDirs) {
        if (dir && !from.startsWith(dir)) continue
        const hit =
          this.file(`${dir}src/${rest}`) ?? this.file(`${dir}${rest}`) ?? this.file(`${dir}app/${rest}`)
        if (hit) return hit
      }
      return undefined
    }
    // SvelteKit's built-in `$lib` alias (`src/lib` of the app's package): its generated tsconfig is not committed.
    if (specifier === '$lib' || specifier.startsWith('$lib/')) {
      const rest = specifier.slice('$lib'.length)
      for (const dir of this.packageDirs) {
        if (dir && !from.startsWith(dir)) continue
        const hit = this.file(`${dir}src/lib${rest || '/index'}`)
        if (hit) return hit
      }
      return undefined
    }
    const pkg = this.workspacePackageOf(specifier)
    if (!pkg) return undefined
    const { dir, entries } = this.workspacePackages.get(pkg)!
    const sub = specifier.slice(pkg.length + 1)
    if (!sub) return entries[0] ? this.byPath.get(entries[0]) : undefined
    return this.file(`${dir}src/${sub}`) ?? this.file(`${dir}${sub}`)
  }

  /** A specifier through the `paths` and `baseUrl` of the nearest project config above `from` that resolves it. */
  private resolveAlias(from: string, specifier: string): FileFacts | undefined {
    for (const scope of this.aliases) {
      if (scope.dir && !from.startsWith(scope.dir)) continue
      for (const p of scope.patterns) {
        if (!specifier.startsWith(p.prefix) || !specifier.endsWith(p.suffix)) continue
        if (!p.wildcard && specifier !== p.prefix) continue
        const rest = p.wildcard ? specifier.slice(p.prefix.length, specifier.length - p.suffix.length) : ''
        for (const t of p.targets) {
          const hit = this.file(posix.normalize(t.replace('*', rest)))
          if (hit) return hit
        }
      }
      if (scope.baseUrl !== undefined) {
        const hit = this.file(posix.normalize(posix.join(scope.baseUrl, specifier)))
        if (hit) return hit
      }
    }
    return undefined
  }

  /** The string an exported name holds, following re-exports (at most a few hops). */
  exportedString(
    from: string,
    specifier: string,
    key: string,
    depth = 0,
  ): { value: string; path: string } | undefined {
    const target = this.resolve(from, specifier)
    if (!target || depth > 5) return undefined
    const memo = `${target.path}\0${key}\0${depth}`
    let answer = this.strings.get(memo)
    if (answer === undefined) {
      answer = this.stringIn(target, key, depth) ?? null
      this.strings.set(memo, answer)
    }
    return answer ?? undefined
  }

  /** `exportedString` once its module is found. */
  private stringIn(
    target: FileFacts,
    key: string,
    depth: number,
  ): { value: string; path: string } | undefined {
    const direct = ownValue(target.exportedStrings, key)
    if (direct !== undefined) return { value: direct, path: target.path }
    const [head, ...rest] = key.split('.')
    for (const re of target.reexports ?? []) {
      if (re.names) {
        const original = ownValue(re.names, head!)
        if (original === undefined) continue
        const hit = this.exportedString(target.path, re.from, [original, ...rest].join('.'), depth + 1)
        if (hit) return hit
      } else {
        const hit = this.exportedString(target.path, re.from, key, depth + 1)
        if (hit) return hit
      }
    }
    return undefined
  }

  /**
   * A fact a module exports under a name (`pick` reads it from the module's facts), following re-exports; with the
   * module it was found in.
   */
  exportedFact<T>(
    from: string,
    specifier: string,
    name: string,
    pick: (file: FileFacts, name: string) => T | undefined,
  ): { value: T; path: string } | undefined {
    const target = this.resolve(from, specifier)
    return target && this.firstExported(this.exportOf(target, name, 0), pick)
  }

  /** The first fact `pick` finds for a name: in its module, else along its re-exports in order, depth first. */
  private firstExported<T>(
    node: ExportNode,
    pick: (file: FileFacts, name: string) => T | undefined,
  ): { value: T; path: string } | undefined {
    const direct = pick(node.file, node.name)
    if (direct !== undefined) return { value: direct, path: node.file.path }
    for (const source of this.sourcesOf(node)) {
      const hit = this.firstExported(source, pick)
      if (hit) return hit
    }
    return undefined
  }

  /** The node of `name` in `file` at `depth` hops from the module asked first: one per module, name and depth. */
  private exportOf(file: FileFacts, name: string, depth: number): ExportNode {
    const key = `${file.path}\0${name}\0${depth}`
    let node = this.exportNodes.get(key)
    if (!node) {
      node = { file, name, depth, sources: undefined }
      this.exportNodes.set(key, node)
    }
    return node
  }

  /** Where a name of a module may come from, in order: the re-exports that pass it on (at most a few hops). */
  private sourcesOf(node: ExportNode): ExportNode[] {
    if (node.sources) return node.sources
    node.sources = []
    if (node.depth >= 5) return node.sources
    for (const re of node.file.reexports ?? []) {
      const original = re.names ? ownValue(re.names, node.name) : node.name
      if (original === undefined) continue
      const target = this.resolve(node.file.path, re.from)
      if (target) node.sources.push(this.exportOf(target, original, node.depth + 1))
    }
    return node.sources
  }

  /** The files reachable from some entry files through local imports and re-exports (bounded). */
  reachable(entries: readonly string[]): FileFacts[] {
    const out: FileFacts[] = []
    const seen = new Set<string>()
    const queue = entries.map((e) => ({ path: e, depth: 0 }))
    while (queue.length > 0 && out.length < 200) {
      const { path, depth } = queue.shift()!
      if (seen.has(path)) continue
      seen.add(path)
      const file = this.byPath.get(path)
      if (!file) continue
      out.push(file)
      if (depth >= 4) continue
      const next = [
        ...(file.localImports ?? []),
        ...(file.reexports ?? []).map((r) => r.from).filter((s) => isLocalSpecifier(s)),
      ]
      for (const spec of next) {
        const hit = this.resolve(file.path, spec)
        if (hit && !seen.has(hit.path)) queue.push({ path: hit.path, depth: depth + 1 })
      }
    }
    return out
  }
}

/**
 * A package.json dependency supports a vendor only as far as its use in code does, judged again once code outside
 * the product is lowered: an SDK only a build script imports (`openai` in a data package's `bin/` generator) is
 * low confidence in the manifest too.
 */
function capDeclaredDependencies(findings: readonly Finding[]): Finding[] {
  const isVendor = (f: Finding): boolean => f.kind === 'analytics' || f.kind === 'processor'
  const declared = (f: Finding): boolean =>
    f.evidence.how === 'manifest' && f.evidence.path.endsWith('package.json')
  const best = new Map<string, Confidence>()
  for (const f of findings) {
    if (!isVendor(f) || declared(f)) continue
    const prev = best.get(f.key)
    if (!prev || RANK[f.evidence.confidence] > RANK[prev]) best.set(f.key, f.evidence.confidence)
  }
  return findings.map((f) => {
    if (!isVendor(f) || !declared(f)) return f
    const cap = best.get(f.key) ?? 'low'
    if (RANK[f.evidence.confidence] <= RANK[cap]) return f
    return { ...f, evidence: { ...f.evidence, confidence: cap } }
  })
}

/** Groups findings into the inventory: sorted, de-duplicated, filtered by confidence and ignores. */
export function buildInventory(
  files: readonly FileFacts[],
  rules: RuleSet,
  options: InventoryOptions = {},
  extraNotes: readonly ScanNote[] = [],
): { inventory: Inventory; findings: Finding[]; modules: ModuleIndex } {
  const min = RANK[options.minConfidence ?? 'medium']
  const modules = new ModuleIndex(files, options.modules)
  const { findings: all, unused } = linkFindings(files, rules, modules)
  const resolve = (from: string, specifier: string): string | undefined =>
    modules.resolve(from, specifier)?.path
  const usage = importUsage(files, resolve)
  // Weighed again once reachability has lowered code no user path reaches: an environment variable that only such
  // code reads corroborates nothing.
  const linked = capDeclaredDependencies(
    weighVendorEvidence(
      demoteUnreached(
        demoteUnnamedEnumMembers(
          demoteOutsideProduct(all, files, rules.repositoryRoles, options.scope, { resolve, usage }),
          files,
        ),
        files,
        modules,
        usage,
      ),
    ),
  )
  const ownDomains = firstPartyDomains(files, options.firstParty ?? [])
  const findings = commentAudience(
    linked
      .filter((f) => RANK[f.evidence.confidence] >= min)
      .filter((f) => !options.ignoreFingerprints?.has(f.evidence.fingerprint))
      .filter((f) => f.kind !== 'processor' || !isFirstParty(f.key, ownDomains)),
  )
  const personal = new Map<string, PersonalDataItem>()
  const cookies = new Map<string, CookieItem>()
  const analytics = new Map<string, VendorItem>()
  const processors = new Map<string, VendorItem>()
  const flows = new Map<string, FlowItem>()
  for (const f of findings) {
    if (f.kind === 'flow') {
      const item = flows.get(f.key) ?? { ...parseFlowKey(f.key), evidence: [] }
      item.evidence.push(f.evidence)
      flows.set(f.key, item)
    } else if (f.kind === 'personalData') {
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
      const item = cookies.get(f.key) ?? {
        name: f.key,
        pattern: c.pattern,
        vendor: c.vendor,
        purpose: c.purpose,
        source: c.source,
        evidence: [],
      }
      // Code evidence outranks an SDK default for the same name.
      if (c.source === 'code') item.source = 'code'
      item.evidence.push(f.evidence)
      cookies.set(f.key, item)
    } else {
      const map = f.kind === 'analytics' ? analytics : processors
      const vendor = rules.vendors.get(f.key)
      const item =
        map.get(f.key) ??
        (vendor
          ? { vendor: vendor.id, name: vendor.name, categories: [...vendor.categories], evidence: [] }
          : { vendor: f.key, name: f.key, domain: true, categories: [], evidence: [] })
      // A service no rule knows that users sign in at is an identity provider by what the code does with it.
      if (item.domain && f.evidence.how === 'sign-in' && !item.categories.includes('identity-provider'))
        item.categories.push('identity-provider')
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
    flows: sortEvidence([...flows.values()]).sort(
      (a, b) => cmp(a.vendor, b.vendor) || cmp(a.category, b.category),
    ),
    unusedDependencies: unused.sort((a, b) => cmp(a.vendor, b.vendor) || cmp(a.path, b.path)),
    notes,
  }
  return { inventory, findings, modules }
}

/** A domain no rule knows that URLs in this many files name without calling it is the product's own (links, assets, base URLs). */
const OWN_DOMAIN_FILES = 5

/**
 * The product's own registrable domains: the ones configured, the `homepage` / `repository` hosts of its
 * package.json files (code hosts excluded), domains whose name is the project's (`rallly.co` for a repository
 * whose root package is `rallly` or whose workspace scope is `@rallly`), and domains named across the code — a
 * service's host sits in its client module, a product's own domain in its links, emails and templates everywhere
 * (but links to the project's repository on a code host make that host no more its own).
 */
function firstPartyDomains(files: readonly FileFacts[], configured: readonly string[]): FirstParty {
  const domains = new Set(configured.map((d) => d.toLowerCase()))
  const names = new Set<string>()
  const mentions = new Map<string, number>()
  for (const f of files) {
    // A file that calls the domain does not count: a service is called, a product names itself.
    const called = new Set(f.findings.filter((x) => x.kind === 'processor').map((x) => x.key))
    for (const d of f.mentionedDomains ?? []) if (!called.has(d)) mentions.set(d, (mentions.get(d) ?? 0) + 1)
    for (const d of f.ownDomains ?? []) domains.add(d)
    const name = f.packageName
    if (!name) continue
    const scope = /^@([^/]+)\//.exec(name)?.[1]
    if (scope) names.add(scope.toLowerCase())
    else if (f.path === 'package.json') names.add(name.toLowerCase())
  }
  for (const [d, n] of mentions) if (n >= OWN_DOMAIN_FILES && !CODE_HOSTS.has(d)) domains.add(d)
  return { domains: [...domains], names: new Set([...names].filter((n) => n.length >= 4)) }
}

interface FirstParty {
  domains: string[]
  /** Project names: a domain whose first label is one of them is the project's own. */
  names: Set<string>
}

/** Whether a processor key is a domain the product owns. Vendor ids (no dot) never are. */
function isFirstParty(key: string, own: FirstParty): boolean {
  if (!key.includes('.')) return false
  return own.domains.some((d) => hostUnder(key, d)) || own.names.has(key.slice(0, key.indexOf('.')))
}

function isSpecial(rules: RuleSet, key: string): boolean {
  const parts = key.split('.')
  for (let i = parts.length; i > 0; i--)
    if (rules.categories.get(parts.slice(0, i).join('.'))?.special) return true
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

/** Source files whose code the scan reads: JS and TS modules and the components of frameworks built on them. */
const READ_SOURCE = /\.([cm]?[jt]sx?|vue|svelte|astro)$/

/** Every folder (`''` for the root) that holds, at any depth, a JS or TS source file of the scan. */
function sourceFolders(files: readonly { path: string }[]): Set<string> {
  const dirs = new Set<string>()
  for (const f of files) {
    if (!READ_SOURCE.test(f.path)) continue
    for (let dir = posix.dirname(f.path); !dirs.has(dir === '.' ? '' : dir); dir = posix.dirname(dir)) {
      dirs.add(dir === '.' ? '' : dir)
      if (dir === '.') break
    }
  }
  return dirs
}
