/**
 * Converts the Open Cookie Database CSV (Apache-2.0, https://github.com/jkwakman/Open-Cookie-Database) into
 * rules/cookies/open-cookie-database.yaml.
 *
 *   npx tsx scripts/import-open-cookie-database.ts <open-cookie-database.csv> [--out <yaml>] [--commit <sha>]
 *
 * The conversion maps OCD categories onto our cookie purposes, turns wildcard rows into `prefix*` globs, fixes
 * known misattributions, drops names that are not plausible cookies or too generic to identify a platform, and
 * links a platform to a vendor rule only when rules/vendors/ has that vendor.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Document, parse } from 'yaml'
import { compileGlob } from '../src/util/glob.js'

export type Purpose =
  'strictly-necessary' | 'functional' | 'preferences' | 'analytics' | 'marketing' | 'security'

/** One converted catalogue entry, in the field order of rules/cookies/*.yaml. */
export interface CatalogueCookie {
  name: string
  vendor: string | null
  platform?: string
  purpose: Purpose
  duration?: string
  description?: string
}

/** A CSV row keyed by the OCD header. */
export type OcdRow = Record<string, string>

const COLUMNS = {
  platform: 'Platform',
  category: 'Category',
  name: 'Cookie / Data Key name',
  domain: 'Domain',
  description: 'Description',
  retention: 'Retention period',
  wildcard: 'Wildcard match',
} as const

/** OCD category → our purpose (knowledge-base §2.4; OCD uses both "Necessary" and "Functional"). */
export const CATEGORY_PURPOSES: Record<string, Purpose> = {
  Functional: 'functional',
  Personalization: 'preferences',
  Analytics: 'analytics',
  Marketing: 'marketing',
  Security: 'security',
  Necessary: 'strictly-necessary',
}

/** Spelling variants of one platform in OCD, merged so the vendor map needs one key each. */
const PLATFORM_NAMES: Record<string, string> = {
  CloudFlare: 'Cloudflare',
  Hubspot: 'HubSpot',
  Youtube: 'YouTube',
  ComScore: 'comScore',
  'Blueconic.com': 'BlueConic',
  'openx.net': 'OpenX',
  ZOHO: 'Zoho',
  Xenforo: 'XenForo',
  Mediamath: 'MediaMath',
  'The Tradedesk': 'The Trade Desk',
}

/**
 * OCD platform (after PLATFORM_NAMES) → the id of our vendor rule for it. An id is used only when
 * rules/vendors/ defines it when the script runs; otherwise the entry's vendor is null.
 */
export const PLATFORM_VENDORS: Record<string, string> = {
  // Analytics, product analytics, session replay
  'Google Analytics': 'google-analytics',
  'Google Tag Manager': 'google-tag-manager',
  'Microsoft Clarity': 'microsoft-clarity',
  Hotjar: 'hotjar',
  'Heap Analytics': 'heap',
  'Crazy Egg': 'crazy-egg',
  Amplitude: 'amplitude',
  Mixpanel: 'mixpanel',
  Segment: 'segment',
  Rudderstack: 'rudderstack',
  Snowplow: 'snowplow',
  Matomo: 'matomo',
  'Plausible Analytics': 'plausible',
  'Fathom Analytics': 'fathom',
  Umami: 'umami',
  Optimizely: 'optimizely',
  // Advertising (the whole platform is one recipient, so its site cookies link to its pixel's rule too)
  'Google Ads': 'google-ads',
  'DoubleClick/Google Marketing': 'google-ads',
  Facebook: 'meta-pixel',
  'Bing / Microsoft': 'microsoft-advertising',
  LinkedIn: 'linkedin-insight',
  X: 'x-ads',
  TikTok: 'tiktok-pixel',
  Snapchat: 'snap-pixel',
  Reddit: 'reddit-pixel',
  // CRM, support, marketing automation, forms
  HubSpot: 'hubspot',
  Salesforce: 'salesforce',
  Intercom: 'intercom',
  Zendesk: 'zendesk',
  Crisp: 'crisp',
  Drift: 'drift',
  'Tawk.to': 'tawk-to',
  'Tawk.to Chat': 'tawk-to',
  LiveChat: 'livechat',
  Livechat: 'livechat',
  Braze: 'braze',
  'Customer.io': 'customer-io',
  Mailchimp: 'mailchimp',
  Klaviyo: 'klaviyo',
  Typeform: 'typeform',
  // Payments, auth, search
  Stripe: 'stripe',
  PayPal: 'paypal',
  Adyen: 'adyen',
  Auth0: 'auth0',
  Clerk: 'clerk',
  Supabase: 'supabase',
  Algolia: 'algolia',
  // Marketing, analytics, consent, support and media vendors
  ABTasty: 'ab-tasty',
  'Active Campaign': 'activecampaign',
  'Adobe Analytics': 'adobe-experience-cloud',
  Awin: 'awin',
  Axeptio: 'axeptio',
  Baidu: 'baidu-tongji',
  'Bazaar Voice': 'bazaarvoice',
  Beamer: 'beamer',
  Chartbeat: 'chartbeat',
  Civic: 'civic-cookie-control',
  comScore: 'comscore',
  'Consentmanager.net': 'consentmanager',
  ContentSquare: 'contentsquare',
  'Convert Insights': 'convert',
  CookieYes: 'cookieyes',
  Didomi: 'didomi',
  Disqus: 'disqus',
  'Dynamic Yield': 'dynamic-yield',
  Exponea: 'bloomreach-engagement',
  'Google AdSense': 'google-adsense',
  Inspectlet: 'inspectlet',
  Iubenda: 'iubenda',
  Leadfeeder: 'leadfeeder',
  'Lucky Orange': 'lucky-orange',
  Marketo: 'marketo',
  Osano: 'osano',
  Outbrain: 'outbrain',
  'Parse.ly': 'parsely',
  Pinterest: 'pinterest-tag',
  Piwik: 'piwik-pro',
  Qualtrics: 'qualtrics',
  Quantcast: 'quantcast',
  ShareThis: 'sharethis',
  SurveyMonkey: 'surveymonkey',
  Taboola: 'taboola',
  Termly: 'termly',
  'The Trade Desk': 'the-trade-desk',
  Trustpilot: 'trustpilot',
  'Visual Website Optimizer': 'vwo',
  Vimeo: 'vimeo',
  WhatsApp: 'whatsapp',
  Wistia: 'wistia',
  'Yandex.Metrica': 'yandex-metrica',
  YouTube: 'youtube',
  Zoho: 'zoho',
}

/**
 * Known misattributions and typos in OCD, applied before filtering. Keyed by OCD name (and platform when the
 * name alone is ambiguous). `skip` drops the row with the given reason.
 */
interface Fix {
  platform?: string
  name?: string
  purpose?: Purpose
  description?: string
  skip?: string
}

const FIXES: { name: string; fromPlatform?: string; fix: Fix }[] = [
  // analytics.js (Segment) sets ajs_* cookies; OCD files them under Trustpilot, which merely uses Segment.
  {
    name: 'ajs_anonymous_id',
    fix: {
      platform: 'Segment',
      description: 'Segment analytics.js: anonymous id of the visitor, sent with every event.',
    },
  },
  {
    name: 'ajs_user_id',
    fix: {
      platform: 'Segment',
      description: 'Segment analytics.js: id of the identified user, sent with every event.',
    },
  },
  {
    name: 'ajs_group_id',
    fix: {
      platform: 'Segment',
      description: 'Segment analytics.js: id of the group (account) the user belongs to.',
    },
  },
  // amplitude_id* is Amplitude's legacy SDK cookie, also filed under Trustpilot.
  {
    name: 'amplitude_id',
    fromPlatform: 'Trustpilot',
    fix: {
      platform: 'Amplitude',
      purpose: 'analytics',
      description: 'Amplitude JavaScript SDK (legacy): device id, user id and session of the visitor.',
    },
  },
  // __auc/__asc are Alexa Certified Site Metrics cookies (the __auc row itself says "Alexa analytics").
  {
    name: '__auc',
    fromPlatform: 'Trustpilot',
    fix: { platform: 'Alexa', description: 'Alexa Certified Site Metrics: unique visitor identifier.' },
  },
  {
    name: '__asc',
    fromPlatform: 'Trustpilot',
    fix: { platform: 'Alexa', description: 'Alexa Certified Site Metrics: visit (session) identifier.' },
  },
  // Truncated names in OCD.
  { name: 'ASP.NET_Sessio', fix: { name: 'ASP.NET_SessionId' } },
  { name: 'ASP.NET_Sessio_Fallback', fix: { skip: 'truncated name that cannot be verified' } },
  // Crisp's cookie is crisp-client/session/<website_id>; OCD stores the bare "crisp-client/" prefix.
  { name: 'crisp-client/', fix: { name: 'crisp-client/session/' } },
]

/**
 * Exact names (case-sensitive, as cookie names are) that first-party apps commonly use for their own cookies.
 * OCD lists them for one ad-tech or SaaS platform, but seeing one in a codebase says nothing about that platform.
 */
// prettier-ignore
const GENERIC_NAMES = new Set([
  'id', 'uid', 'uuid', 'cid', 'pid', 'did', 'mid', 'gid', 'sid', 'ssid', 'sess', 'session', 'sessionid',
  'user_session', 'token', 'auth_token', 'api_token', 'csrf', 'login', 'user', 'visitor', 'visitor_id',
  'device_id', 'unique_id', 'lang', 'language', 'locale', 'theme', 'color_mode', 'tz', 'timezone', 'version',
  'test', 'hash', 'store', 'cart', 'callback', 'audience', 'audit', 'europe', 'optout', 'opt_out', 'viewer',
  'sync', 'frontend', 'autocomplete', 'referrer_url', 'remember_me', 'discount_code', 'localization',
  'keep_alive', 'previous_step', 'login_redirect', 'recent_history', 'integration_type', 'presence', 'recs',
  'gdpr', 'gpp', 'cookies_accepted', 'cookie_consent', 'consent', 'data', 'partner', 'welcome', 'sharing', 'ref',
  'done_redirects', 'store_notice', 'checkout_token', 'cart_currency',
  'UID', 'PID', 'LANG', 'Cart', 'JSESSIONID', 'PHPSESSID',
])

/** 3-character glob prefixes that still identify one platform (everything shorter than 4 is dropped otherwise). */
const SHORT_GLOB_PREFIXES = new Set(['mp_', 'sb-'])

/** OCD platforms left out entirely: partner cookie-sync ids set only on the platform's own domain. */
const SKIP_PLATFORMS: Record<string, string> = {
  Nexx360: 'per-partner cookie-sync ids set only on nexx360.io',
}

/** Characters we accept in a cookie name: RFC 6265 token characters in practice, plus ':' and '/'. */
const NAME_RE = /^[A-Za-z0-9_.\-:/]+$/
const MAX_NAME_LENGTH = 64
const MAX_DESCRIPTION = 160

/** Descriptions that say the item lives in Web Storage; kept when they also mention a cookie (fallback). */
const STORAGE_ONLY_RE =
  /\b(?:set|stored|saved|kept|written)\s+(?:only\s+)?(?:in|to)\s+(?:the\s+)?(?:browser'?s?\s+)?(?:local|session)\s?storage\b|^local\s?storage\s+(?:of|item|key)\b/i

/** Minimal RFC 4180 CSV parser: quoted fields, doubled quotes, newlines inside quotes, BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

/** CSV text → rows keyed by header; throws when a column we rely on is missing. */
export function parseOcd(text: string): OcdRow[] {
  const [header, ...body] = parseCsv(text)
  if (!header) throw new Error('empty CSV')
  for (const col of Object.values(COLUMNS))
    if (!header.includes(col)) throw new Error(`CSV has no column "${col}" (header: ${header.join(', ')})`)
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])))
}

/** Removes invisible characters OCD sometimes carries (soft hyphens, zero-width spaces, tabs). */
function clean(text: string | undefined): string {
  return (text ?? '')
    .replace(/\u00ad|\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A description of at most MAX_DESCRIPTION characters: the first sentence if it fits, else cut at a word. */
export function shortDescription(text: string): string | undefined {
  // OCD text sometimes ends in ".." or starts with a stray space.
  const t = clean(text).replace(/(?<!\.)\.\.$/, '.')
  if (!t) return undefined
  if (t.length <= MAX_DESCRIPTION) return t
  const sentence = t.match(/^(.{30,}?[.!?])(?=\s)/)
  if (sentence && sentence[1]!.length <= MAX_DESCRIPTION) return sentence[1]
  const cut = t.slice(0, MAX_DESCRIPTION - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > 80 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`
}

/** Normalises OCD's free-text retention ("Session", "1 Year", "End of session (browser)"). */
export function normaliseDuration(text: string): string | undefined {
  const t = clean(text)
  if (!t || /^(unknown|n\/?a|-|none)$/i.test(t)) return undefined
  if (/^(session|end of (the )?(browser )?session.*|browser session|per session)$/i.test(t)) return 'session'
  return t.replace(/\b(years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b/gi, (u) => u.toLowerCase())
}

/** Why a name is rejected, or undefined when it is a plausible, specific cookie name (or glob). */
export function rejectName(name: string): string | undefined {
  if (!name) return 'empty name'
  if (name.length > MAX_NAME_LENGTH) return 'name too long'
  const literal = name.replace(/\*/g, '')
  if (!NAME_RE.test(literal)) return 'not a plausible cookie name'
  if (name.includes('*')) {
    const prefix = name.slice(0, name.indexOf('*'))
    if (prefix.length < 4 && !SHORT_GLOB_PREFIXES.has(prefix)) return 'glob prefix too short to be specific'
    if (GENERIC_NAMES.has(prefix.replace(/[-_.:/]+$/, ''))) return 'generic name'
    return undefined
  }
  if (name.length <= 2) return 'name too short to be specific'
  // Three lower-case letters (`uid`, `car`, `chk`) are as likely a site's own cookie as the listed platform's.
  if (/^[a-z]{3}$/.test(name)) return 'name too short to be specific'
  if (GENERIC_NAMES.has(name)) return 'generic name'
  return undefined
}

/** Our cookie name for an OCD row: wildcard rows become `prefix*` (names with their own `*` are kept). */
export function cookieName(rawName: string, wildcard: boolean): string {
  const name = clean(rawName)
  if (!wildcard || name.includes('*')) return name
  return `${name}*`
}

export interface ConvertOptions {
  /** Vendor ids that exist in rules/vendors/ (the only ids an entry may reference). */
  vendorIds: ReadonlySet<string>
  /** Names owned by another catalogue file (frameworks.yaml) or by a vendor rule's cookies: left out here. */
  ownedElsewhere?: ReadonlySet<string>
}

export interface ConvertResult {
  cookies: CatalogueCookie[]
  skipped: Record<string, number>
  fixed: number
  vendorLinks: Record<string, string>
}

/** Converts parsed OCD rows into catalogue entries (deduped by name, first row wins). */
export function convertRows(rows: readonly OcdRow[], options: ConvertOptions): ConvertResult {
  const skipped: Record<string, number> = {}
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1
  }
  const byName = new Map<string, CatalogueCookie>()
  const vendorLinks: Record<string, string> = {}
  let fixed = 0
  for (const row of rows) {
    let platform = clean(row[COLUMNS.platform])
    platform = PLATFORM_NAMES[platform] ?? platform
    let rawName = clean(row[COLUMNS.name])
    let description = row[COLUMNS.description] ?? ''
    const fix = FIXES.find((f) => f.name === rawName && (!f.fromPlatform || f.fromPlatform === platform))?.fix
    if (fix) {
      fixed++
      if (fix.skip) {
        skip(fix.skip)
        continue
      }
      platform = fix.platform ?? platform
      rawName = fix.name ?? rawName
      description = fix.description ?? description
    }
    // OCD files Clarity's cookies under "Microsoft"; their domain says which product sets them.
    if (platform === 'Microsoft' && /clarity\.ms/i.test(row[COLUMNS.domain] ?? ''))
      platform = 'Microsoft Clarity'
    if (SKIP_PLATFORMS[platform]) {
      skip(`platform left out: ${SKIP_PLATFORMS[platform]}`)
      continue
    }
    const purpose = fix?.purpose ?? CATEGORY_PURPOSES[clean(row[COLUMNS.category])]
    if (!purpose) {
      skip('unknown category')
      continue
    }
    const wildcard = clean(row[COLUMNS.wildcard]) === '1' || rawName.endsWith('/')
    const name = cookieName(rawName, wildcard)
    const rejected = rejectName(name)
    if (rejected) {
      skip(rejected)
      continue
    }
    if (STORAGE_ONLY_RE.test(clean(description)) && !/\bcookies?\b|fallback/i.test(clean(description))) {
      skip('Web Storage key, not a cookie')
      continue
    }
    if (options.ownedElsewhere?.has(name)) {
      skip('defined by frameworks.yaml or a vendor rule')
      continue
    }
    if (byName.has(name)) {
      skip('duplicate name')
      continue
    }
    const candidate = PLATFORM_VENDORS[platform]
    const vendor = candidate && options.vendorIds.has(candidate) ? candidate : null
    if (vendor) vendorLinks[platform] = vendor
    const entry: CatalogueCookie = platform ? { name, vendor, platform, purpose } : { name, vendor, purpose }
    const duration = normaliseDuration(row[COLUMNS.retention] ?? '')
    if (duration) entry.duration = duration
    const desc = shortDescription(description)
    if (desc) entry.description = desc
    byName.set(name, entry)
  }
  return { cookies: orderForMatching([...byName.values()]), skipped, fixed, vendorLinks }
}

/**
 * Exact names grouped by platform, then globs with the longest literal prefix first: the rule set tries globs in
 * file order, so `_gac_gb_*` must come before `_gac_*`.
 */
export function orderForMatching(cookies: CatalogueCookie[]): CatalogueCookie[] {
  const byPlatform = (a: CatalogueCookie, b: CatalogueCookie): number =>
    (a.platform ?? '').localeCompare(b.platform ?? '', 'en') || a.name.localeCompare(b.name, 'en')
  const exact = cookies.filter((c) => !c.name.includes('*')).sort(byPlatform)
  const globs = cookies
    .filter((c) => c.name.includes('*'))
    .sort((a, b) => b.name.indexOf('*') - a.name.indexOf('*') || byPlatform(a, b))
  // A glob must at least match its own expansion, or the matcher reads it as something else (`[`, `!`, `{`).
  for (const g of globs)
    if (!compileGlob(g.name).test(g.name.replace(/\*/g, 'x')))
      throw new Error(`glob ${g.name} does not match itself`)
  return [...exact, ...globs]
}

/** Vendor ids and the cookie names they define, read from a rules/vendors folder. */
export function readVendorRules(dir: string): { ids: Set<string>; cookieNames: Set<string> } {
  const ids = new Set<string>()
  const cookieNames = new Set<string>()
  if (!existsSync(dir)) return { ids, cookieNames }
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    let doc: { id?: unknown; cookies?: { name?: unknown }[] } | null
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8')) as typeof doc
    } catch {
      continue // another file's syntax error is reported by loadRules, not here
    }
    const id = typeof doc?.id === 'string' ? doc.id : file.replace(/\.ya?ml$/, '')
    // The brief ties a vendor id to its file name; require both to agree.
    if (id === file.replace(/\.ya?ml$/, '')) ids.add(id)
    for (const c of doc?.cookies ?? []) if (typeof c?.name === 'string') cookieNames.add(c.name)
  }
  return { ids, cookieNames }
}

/** Cookie names defined by the other catalogue files in rules/cookies. */
export function readOtherCatalogues(dir: string, except: string): Set<string> {
  const names = new Set<string>()
  if (!existsSync(dir)) return names
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    if (resolve(dir, file) === resolve(except)) continue
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as { cookies?: { name?: unknown }[] } | null
    for (const c of doc?.cookies ?? []) if (typeof c?.name === 'string') names.add(c.name)
  }
  return names
}

/** The YAML text of the catalogue file, one flow mapping per cookie. */
export function renderYaml(cookies: readonly CatalogueCookie[], sourceCommit?: string): string {
  const doc = new Document({
    kind: 'cookie',
    derived_from: {
      dataset: 'Open Cookie Database',
      url: 'https://github.com/jkwakman/Open-Cookie-Database',
      license: 'Apache-2.0',
    },
    cookies: [],
  })
  const list = doc.get('cookies') as { add(v: unknown): void }
  for (const c of cookies) {
    const node = doc.createNode(c)
    node.flow = true
    list.add(node)
  }
  doc.commentBefore = [
    ' Generated by scripts/import-open-cookie-database.ts; do not edit by hand, re-run the script.',
    '',
    ' Derived from the Open Cookie Database by Jack Kwakman (jkwakman) and contributors,',
    ` https://github.com/jkwakman/Open-Cookie-Database${sourceCommit ? ` (commit ${sourceCommit})` : ''},`,
    ' licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0',
    '',
    ' MODIFIED by privacy-drift: categories mapped to our purposes, wildcard rows turned into globs,',
    ' misattributions fixed (e.g. ajs_* → Segment), implausible, generic and duplicate names removed,',
    ' descriptions shortened, retention periods normalised, vendor ids added. See rules/NOTICE.md.',
  ].join('\n')
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true })
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1
  return out
}

function main(argv: string[]): void {
  const args = [...argv]
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name)
    if (i < 0) return undefined
    const [, value] = args.splice(i, 2)
    return value
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const out = resolve(flag('--out') ?? join(root, 'rules/cookies/open-cookie-database.yaml'))
  const commit = flag('--commit')
  const csvPath = args[0]
  if (!csvPath) {
    console.error(
      'usage: npx tsx scripts/import-open-cookie-database.ts <open-cookie-database.csv> [--out f] [--commit sha]',
    )
    process.exit(2)
  }
  const rows = parseOcd(readFileSync(csvPath, 'utf8'))
  const vendors = readVendorRules(join(root, 'rules/vendors'))
  const others = readOtherCatalogues(join(root, 'rules/cookies'), out)
  const result = convertRows(rows, {
    vendorIds: vendors.ids,
    ownedElsewhere: new Set([...others, ...vendors.cookieNames]),
  })
  writeFileSync(out, renderYaml(result.cookies, commit))
  const report = {
    csvRows: rows.length,
    kept: result.cookies.length,
    globs: result.cookies.filter((c) => c.name.includes('*')).length,
    fixedRows: result.fixed,
    perPurpose: countBy(result.cookies, (c) => c.purpose),
    skipped: result.skipped,
    withVendor: result.cookies.filter((c) => c.vendor).length,
    vendorLinks: result.vendorLinks,
    unmappedPlatforms: Object.keys(PLATFORM_VENDORS).filter((p) => !vendors.ids.has(PLATFORM_VENDORS[p]!)),
  }
  console.log(JSON.stringify(report, null, 2))
  console.log(`wrote ${out}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main(process.argv.slice(2))
