/** The kinds of item privacy-drift inventories and compares with privacy.yml (a flow: `vendor → category`). */
export type ItemKind = 'personalData' | 'cookie' | 'analytics' | 'processor' | 'flow'

export type Confidence = 'high' | 'medium' | 'low'

/** How a piece of evidence was found (DESIGN.md: JSON output). */
export type How =
  | 'field'
  | 'form-input'
  | 'request'
  | 'schema'
  | 'cookie-api'
  | 'import'
  | 'require'
  | 'dynamic-import'
  | 'script-url'
  | 'hostname'
  | 'manifest'
  | 'env'
  | 'sdk-default'
  | 'outbound'
  | 'sign-in'
  /** A value passed into a sink: an SDK call, a logger or an HTTP request to a third party (a flow). */
  | 'sink'

export type CookiePurpose =
  'strictly-necessary' | 'functional' | 'preferences' | 'analytics' | 'marketing' | 'security'

export const COOKIE_PURPOSES: readonly CookiePurpose[] = [
  'strictly-necessary',
  'functional',
  'preferences',
  'analytics',
  'marketing',
  'security',
]

/** One place in the repository that supports an inventory item. */
export interface Evidence {
  /** Repo-relative POSIX path. */
  path: string
  line: number
  column: number
  /** The code symbol the evidence is about, e.g. `User.email` or `res.cookie`. */
  symbol?: string
  /** Id of the rule that fired. */
  rule: string
  confidence: Confidence
  how: How
  /** A short, single-line excerpt of the source (raw; renderers escape it). */
  excerpt?: string
  /** Why the rule fired: the tokens or signal it matched on. */
  reason?: string
  /** Stable id from kind + key + path + symbol: never the line. */
  fingerprint: string
  /** For a flow: the steps from the value to the sink, each `path:line: source line`, the value first. */
  trace?: string[]
}

/**
 * What a vendor finding rests on when that alone shows no integration: a host in UI copy or prose, a link, an image
 * or font host, a schema `$id`, an entry of a catalogue of options (a list of integrations a user may connect), a
 * host in an e-mail template's markup (the recipient's mail client loads it, not the app's pages).
 * Inventory aggregation decides what confidence such evidence may have.
 */
export type EvidenceBasis =
  'copy' | 'link' | 'image' | 'schema-id' | 'allow-list' | 'catalogue' | 'lookup' | 'email'

/** A single detection before it is grouped into the inventory. */
export interface Finding {
  kind: ItemKind
  /** Stable key: a taxonomy category, a cookie name or pattern, a vendor id, or a registrable domain. */
  key: string
  evidence: Evidence
  /** For vendor findings on weak ground: what the evidence rests on. */
  basis?: EvidenceBasis
  /** Cookie details, when kind is `cookie`. */
  cookie?: {
    pattern: boolean
    vendor: string | null
    purpose: CookiePurpose | null
    source: 'code' | 'sdk-default'
  }
}

export interface PersonalDataItem {
  category: string
  name: string
  special: boolean
  evidence: Evidence[]
}

export interface CookieItem {
  name: string
  /** True when the name is a glob pattern (`ph_*_posthog`) or was built from a template literal. */
  pattern: boolean
  vendor: string | null
  purpose: CookiePurpose | null
  source: 'code' | 'sdk-default'
  evidence: Evidence[]
}

export interface VendorItem {
  /** Vendor id, or the registrable domain of a service no rule knows (then `domain` is true). */
  vendor: string
  name: string
  /** True when `vendor` is a registrable domain (`example-pay.com`): a third party the code calls that no rule knows. */
  domain?: boolean
  categories: string[]
  evidence: Evidence[]
}

/** Personal data of one category that the code passes to a vendor's sink (or to a log sink: vendor `logs`). */
export interface FlowItem {
  /** Vendor id, a registrable domain for a service no rule knows, or `logs`. */
  vendor: string
  category: string
  evidence: Evidence[]
}

/** A vendor package that is declared in a manifest but never used by runtime code. */
export interface UnusedDependency {
  vendor: string
  name: string
  package: string
  path: string
  line: number
}

/** Something the scan could not do fully: a skipped or unparsable file, a detector limit. */
export interface ScanNote {
  path: string
  level: 'info' | 'warning'
  message: string
}

export interface Inventory {
  files: number
  personalData: PersonalDataItem[]
  cookies: CookieItem[]
  analytics: VendorItem[]
  processors: VendorItem[]
  /** Which personal data reaches which vendor (`vendor → category`), sorted by vendor then category. */
  flows: FlowItem[]
  unusedDependencies: UnusedDependency[]
  notes: ScanNote[]
}

/** An inventory item no manifest entry covers: the policy needs an update. */
export interface UndeclaredItem {
  kind: ItemKind
  key: string
  name: string
  /** Vendor categories (for vendors) or the cookie purpose (for cookies). */
  categories: string[]
  evidence: Evidence[]
  /** The YAML to add to privacy.yml. */
  suggestion: string
  /** The plain-language sentence to add to the policy text. */
  sentence: string
}

/** A specific manifest entry with no evidence in code. */
export interface StaleItem {
  kind: ItemKind
  key: string
  /** Where in privacy.yml the entry is declared. */
  line: number
}

export interface CoveredItem {
  kind: ItemKind
  key: string
  /** The manifest entry that covers it, as written (`user.contact`, `purpose: analytics`, `category: payments`). */
  by: string
}

/** A recipient entry without `data:` (not judged for flows) and the personal data the code sends it. */
export interface ObservedData {
  section: 'analytics' | 'processors'
  /** The entry's vendor id or recipient category. */
  key: string
  line: number
  /** Categories the code sends the entry's vendors, sorted. */
  data: string[]
}

export interface Drift {
  undeclared: UndeclaredItem[]
  stale: StaleItem[]
  covered: CoveredItem[]
  /** Undeclared items whose key is absent from the base inventory (only with a base). */
  new: UndeclaredItem[]
  /** Entries without `data:` whose vendors the code sends personal data: the list `check` suggests. */
  observedData?: ObservedData[]
}
