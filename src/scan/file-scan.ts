import { createHash } from 'node:crypto'
import type {
  Confidence,
  CookiePurpose,
  EvidenceBasis,
  Finding,
  How,
  ItemKind,
  ScanNote,
} from '../model/types.js'
import type { CookieInfo, RuleSet } from '../rules/ruleset.js'
import type { VendorRule } from '../rules/schema.js'
import type { FlowFacts } from './flows/facts.js'
import type { FieldContext, FieldType } from './pii/classify.js'
import { lineStartsOf, positionIn } from '../util/lines.js'
import { ownRecord } from '../util/own.js'

/** A non-relative module a file imports: the raw material for vendor detection. */
export interface ImportFact {
  specifier: string
  line: number
  column: number
  how: 'import' | 'require' | 'dynamic-import'
  excerpt: string
  /** True for `import type` and type-only re-exports: no runtime effect. */
  typeOnly: boolean
  /** Named bindings imported (`GoogleTagManager` from `@next/third-parties/google`), when the import names them. */
  names?: string[]
}

/** A re-export (`export * from './x'`, `export { A as B } from './x'`): how exported names travel between modules. */
export interface ReExport {
  from: string
  /** Exported name → name in the source module; absent for `export *`. */
  names?: Record<string, string>
}

/** A reference to a constant exported by another module of the repository. */
export interface ModuleRef {
  from: string
  exportName: string
  property?: string
  /** For a call of an exported function that returns a name (`stateCookie('github')`): its arguments, when known. */
  args?: (string | null)[]
}

/** A dependency declared in a manifest file (package.json, requirements.txt, go.mod …). */
export interface DeclaredDependency {
  ecosystem: 'npm' | 'pypi' | 'gem' | 'golang' | 'maven' | 'composer' | 'cocoapods' | 'pub' | 'nuget'
  name: string
  line: number
  column: number
  /** npm only: a devDependency (build-time unless imported). */
  dev: boolean
  /** npm only: a peerDependency — the host program's, which a library asks its users to install. */
  peer?: true
  /** npm only: the version range package.json asks for (`^5.0.0-beta.32`), when it is a string. */
  range?: string
}

/** A cookie set with a name imported from another module: resolved when files are linked. */
export interface PendingCookie extends ModuleRef {
  /** For names built from a template: literal text and imported references, in order. */
  parts?: (string | ModuleRef)[]
  line: number
  column: number
  symbol: string
  rule: string
  excerpt: string
}

/** Everything one file contributes: local findings plus facts for the cross-file link step. */
export interface FileFacts {
  path: string
  findings: Finding[]
  imports: ImportFact[]
  dependencies: DeclaredDependency[]
  /**
   * Exported constant strings, and exported objects of strings flattened as `NAME.prop`; `*` marks a pattern.
   * `name()` holds what an exported function returns, with `{0}`, `{1}` … where its parameters go.
   */
  exportedStrings: Record<string, string>
  pendingCookies: PendingCookie[]
  /**
   * Functions nested in another (a service's methods) and named for a cookie that set or read the cookie one of their
   * parameters names (`const setOAuthCookie = (ctx, key, value) => ctx.cookies.set(key, value)`): callers in any file
   * name the cookie (link step). `name` has `\u0001` where the parameter goes.
   */
  cookieHelpers?: { fn: string; index: number; name: string; rule: string; how?: string }[]
  /**
   * Calls of a local named for a cookie that no import binds, with the names their arguments hold (null: not known),
   * for the link step.
   */
  cookieHelperCalls?: {
    fn: string
    args: ({ value: string; pattern: boolean } | null)[]
    line: number
    column: number
    excerpt: string
  }[]
  notes: ScanNote[]
  /** Specifiers of repository-local modules the file imports (relative, `@/` or `~/` aliases). */
  localImports?: string[]
  /** Re-exports, to follow exported names and wrapped SDKs across modules. */
  reexports?: ReExport[]
  /** tsconfig / jsconfig only: import aliases (`compilerOptions.paths`, `baseUrl`) and the configs it extends. */
  pathAliases?: { baseUrl?: string; paths?: Record<string, string[]>; extends?: string[] }
  /** package.json only: the package name (workspace packages) and its entry files, relative to its folder. */
  packageName?: string
  packageEntries?: string[]
  /**
   * Vendor SDK packages whose every client in this file is pointed at another service (`new OpenAI({ baseURL:
   * 'https://openrouter.ai/api/v1' })`): their imports here are not evidence for the SDK's vendor.
   */
  redirectedImports?: string[]
  /**
   * Vendors whose browser SDK this file sets up, by whether the setup keeps state out of cookies (`cookieless`, a
   * vendor's `cookieless_options`) or not (`cookies`): the SDK's default cookies are reported unless every setup is
   * cookieless.
   */
  sdkStorage?: { cookieless: string[]; cookies: string[] }
  /**
   * Pinia stores persisted by pinia-plugin-persistedstate (`defineStore('user', { persist: true })`): the store's id,
   * its `key` when given, and whether its storage is the plugin's cookies or the default one (link step).
   */
  persistedStores?: {
    store: string
    key?: string
    storage: 'cookies' | 'default'
    line: number
    column: number
    excerpt: string
  }[]
  /** nuxt.config only: it registers pinia-plugin-persistedstate's Nuxt module, with the global `storage` and `key`. */
  persistedStateNuxt?: { storage?: string; key?: string }
  /**
   * Vendor SDK packages whose every client in this file takes its host from a value set at run time that is neither
   * the environment nor a config (`new CohereClient({ environment: apiHost })` for the provider a user picked): the
   * client talks to whichever provider is configured, so its import is weak evidence for the SDK's vendor.
   */
  configuredImports?: string[]
  /** package.json only: registrable domains the package names as its own (`homepage`, `repository`). */
  ownDomains?: string[]
  /** package.json only: the package is published for others to install (not `private`, with `files`, `bin` or `publishConfig`). */
  published?: true
  /**
   * package.json only: the files its `scripts` run with a runtime (`"release": "node ./extra/release.mjs"`), relative
   * to its folder, with the script's name.
   */
  scriptFiles?: { script: string; file: string }[]
  /** Registrable domains of the URLs in the file's strings and markup that no vendor rule knows (first-party hints). */
  mentionedDomains?: string[]
  /** Clients, calls through local modules and helpers that send to sinks: linked into flows across files. */
  flows?: FlowFacts
  /**
   * Top-level functions and classes (a class by its constructor) whose parameter is where an outbound call here
   * sends (`constructor(baseUrl) { axios.create({ baseURL: baseUrl }) }`), by the name callers import them by; `key`
   * when the URL's host is a property of an options parameter (`({ domain }) => axios({ baseURL: `https://${domain}` })`).
   */
  urlParameters?: UrlParameter[]
  /** URLs passed to a function or class of the repository: calls if it sends to its parameter (link step). */
  pendingUrls?: PendingUrl[]
  /** Outbound calls whose URL starts with a constant imported from another module (link step). */
  importedUrls?: ImportedUrl[]
  /** Names the file imports or re-exports by name, from any module: the exports the repository uses. */
  importedNames?: string[]
  /** Specifiers the file imports whole (`import * as x`, `require()`, `import()`): every export of theirs may run. */
  wholeImports?: string[]
  /** Members of a sign-in enum this file declares whose value names a provider (`AuthProvider.GITHUB`), by place. */
  signInEnumMembers?: { name: string; line: number; column: number }[]
  /** Sign-in enum members the file names (`AuthProvider.GITHUB`; `AuthProvider.*` for the enum passed whole). */
  signInEnumUses?: string[]
  /** A file with vendor evidence: its exported top-level functions, classes and values (reachability, link step). */
  exportedFunctions?: ExportedFunction[]
  /**
   * With `exportedFunctions`: the module makes a call when it loads (a top-level `main()`, `app.listen(…)`), so it is a
   * script or an entry that runs, not a library of helpers waiting for an import.
   */
  callsOnLoad?: true
}

/** An exported top-level function, class or value, by its lines. */
export interface ExportedFunction {
  /** The name importers use; `default` for a default export. */
  name: string
  from: number
  to: number
  isDefault?: true
  /** The file itself names the function besides declaring it (calls it, hands it on). */
  usedInFile?: true
  /** A value a call computes when the module loads (`export const p = defineProvider(…)`): importing the module runs it. */
  runsOnLoad?: true
}

/** A call's URL that starts with an imported constant (`` fetch(`${API_BASE}/users`) ``): its host is over there. */
export interface ImportedUrl {
  from: string
  /** The exported name, `NAME.prop` for a member of an exported object. */
  key: string
  /** What the URL adds after the constant (`/users`); `*` for unknown parts. */
  suffix: string
  via: string
  rule: string
  hostOnly: boolean
  line: number
  column: number
  excerpt: string
  /** A URL passed to a repository function or class (`request(`${API}/x`)`): a call only if it sends to it. */
  through?: UrlCallee
}

/** A parameter of a top-level function or class (`key`: a property of it) that an outbound call sends to. */
export interface UrlParameter {
  fn: string
  index: number
  key?: string
  /**
   * The repository function the parameter is handed on to (`const fetchRate = (url) => fetch(url)` with `fetch` the
   * app's own wrapper): a call only if that one sends to it (link step).
   */
  through?: UrlCallee
}

/** The repository function or class a call passes a URL to, and where in its arguments. */
export interface UrlCallee {
  /** The import specifier; '' for a function or class of the same file. */
  from: string
  exportName: string
  /** For `this.fetch(url)` in a subclass of the exported class: the inherited method called (`fetch`). */
  method?: string
  /**
   * For `api.get(url)` on an HTTP client another module exports (`export const api = axios.create(…)`): the method
   * called on it (`get`).
   */
  clientMethod?: string
  index: number
  /** The property of that argument the URL or host is (`{ domain: 'api.x.com' }`), when it is one. */
  key?: string
}

/** A URL argument of a call of a repository function or class (`super('https://api.example.com')`). */
export interface PendingUrl extends UrlCallee {
  /** The outbound findings the URL gives if the callee sends to that parameter. */
  findings: Finding[]
}

/** Relative paths and the common `@/` / `~/` / `#/` source-root aliases point into the repository. */
export function isLocalSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/') || /^[@~#]\//.test(specifier)
}

/** The facts of a file that contributes nothing (yet), with optional notes about why. */
export function emptyFacts(path: string, notes: ScanNote[] = []): FileFacts {
  return {
    path,
    findings: [],
    imports: [],
    dependencies: [],
    exportedStrings: ownRecord(),
    pendingCookies: [],
    notes,
  }
}

/** The key of a flow item: `vendor → category`. */
export function flowKey(vendor: string, category: string): string {
  return `${vendor} → ${category}`
}

/** The vendor and category of a flow item's key (the inverse of flowKey). */
export function parseFlowKey(key: string): { vendor: string; category: string } {
  const [vendor = '', category = ''] = key.split(' → ')
  return { vendor, category }
}

/** Stable fingerprint: kind + key + path + symbol, never the line number. */
export function fingerprintOf(kind: ItemKind, key: string, path: string, symbol = ''): string {
  return createHash('sha1').update(`${kind}\0${key}\0${path}\0${symbol}`).digest('hex').slice(0, 16)
}

/**
 * Folders whose code illustrates rather than ships, and example modules named so (`Map.example.js`, a styleguide's
 * entry beside its component, as `*.stories.js` is for Storybook): evidence found there is low confidence (hidden by
 * default). A module named `example.ts` is a name like any other and stays. A page named `demo.html` or `test.html`
 * is a developer's try-out of the assets beside it (an icon font's generated demo, a widget's test page), which no
 * page of the product links to.
 */
export const ILLUSTRATIVE_PATH =
  /(^|\/)(examples?|samples?|demos?|playground|sandbox)\/|^docs?\/|^documentation\/|\.(examples?|samples?|demo)\.[cm]?[jt]sx?$|(^|\/)(demo|tests?)\.html?$/

/**
 * A third-party module copied into the app's tree (`src/lib/vendor/toGeoJSON/`, `third_party/`): it ships, so the hosts
 * it calls are the product's, but its field names describe what the library parses (a GPX parser's `heartRate`), not
 * what the product holds, so its personal-data findings are low confidence.
 */
const VENDORED_PATH = /(^|\/)(vendor|vendors|vendored|third[-_]?party|3rd[-_]?party)\//

/**
 * The same, told by the file itself: a leading comment naming the repository or package it was copied from
 * (`// SOURCE: https://github.com/pbojinov/request-ip`, `Copied from https://github.com/…`), as libraries copied into
 * a `libs/` or `lib/` folder say. Only the comment block at the top counts, so a link to an issue further down, or a
 * copyright header without a source, leaves the file the product's own.
 */
const COPIED_FROM =
  /^(?:\/\/|\/?\*+)?\s*(?:source|copied from|vendored from|forked from|ported from|taken from)\s*:?\s*(?:https?:\/\/)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|npmjs\.com)\//i

/** Comments, blank lines and a `"use strict"` at the very start of a file. */
const LEADING_COMMENTS = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|['"]use strict['"];?)*/

/** Whether the comment block the file opens with says the file was copied from another repository. */
export function copiedFromHeader(text: string): boolean {
  const header = LEADING_COMMENTS.exec(text.slice(0, 2000))![0]
  return header.split('\n').some((line) => COPIED_FROM.test(line.trim()))
}

/** Maintenance scripts and seed data: not what the running app does, so their flows are kept at low confidence. */
const OPS_SCRIPT_PATH = /(^|\/)(scripts?|fixtures)\//

/**
 * Seed data and the scripts that load it into a development database (`seed/`, `seeds/`, `seeders/`,
 * `seed-content/`, `demo-seed/`, `seed.ts`, `seed-users.ts`, `seedSiteData.ts`): the records it writes are made up, and everything
 * found there is low confidence.
 */
const SEED_PATH = /(^|\/)(seeds?|seeders?|seed[-_][\w.-]*|[\w.-]+[-_]seeds?|seed[A-Z]\w*)(\/|\.[cm]?[jt]sx?$)/

/** Whether a path holds a maintenance script or seed data. */
export function isOpsScript(path: string): boolean {
  return OPS_SCRIPT_PATH.test(path) || SEED_PATH.test(path)
}

/** The key of the file scan's one-finding-per-(kind, key, symbol, line) rule. */
const dedupeKey = (kind: ItemKind, key: string, symbol: string | undefined, line: number): string =>
  `${kind}\0${key}\0${symbol ?? ''}\0${line}`

/** A 1-based line and column in the scanned file. */
export interface Position {
  line: number
  column: number
}

/**
 * Where a finding is: a position, or a function that computes it. Detectors pass the function when they may not
 * record anything (most names are not personal data), so a position is only computed for a finding.
 */
export type Where = Position | (() => Position)

const positionOf = (at: Where): Position => (typeof at === 'function' ? at() : at)

/** Called for each field a traced scan classifies, with the context it was classified in (for `explain`). */
export type FieldTrace = (name: string, ctx: FieldContext, symbol: string) => void

/** Per-file accumulator shared by the detectors. */
export class FileScan {
  readonly facts: FileFacts
  /** Offsets where each line starts, computed on the first excerpt or position asked (most files have no findings). */
  private starts: number[] | undefined
  private readonly seen = new Set<string>()
  /** Set by `explain` to see each field the detectors classify; unset on the hot path. */
  trace: FieldTrace | undefined
  /** Whether the sink detector runs (off for the benchmark's flows-off comparison). */
  flowsEnabled = true
  /** Why every finding of the file is low confidence (example, demo and playground code, seed data), if it is. */
  private readonly lowered: string | undefined
  /** Why the file's personal-data findings are low confidence (a copied third-party module), if they are. */
  private readonly loweredData: string | undefined
  /** The file's three folders and base name without extensions (`lib/src/types/polar` for `lib/src/types/polar.ts`): its module. */
  readonly module: string

  constructor(
    readonly path: string,
    readonly text: string,
    readonly rules: RuleSet,
  ) {
    this.facts = emptyFacts(path)
    // Three folders and the base name: a type up to three folders inside an integrations folder is that service's
    // payload (`integrations/hubspot/server/context.ts`: a service's folder split into server and client code).
    // Only the extension goes: the words of a dotted name (`google.map.interface.ts`) may name a two-word vendor.
    const parts = path.split('/').slice(-4)
    const base = parts[parts.length - 1]!
    const dot = base.lastIndexOf('.')
    parts[parts.length - 1] = dot <= 0 ? base : base.slice(0, dot)
    this.module = parts.join('/')
    this.lowered = ILLUSTRATIVE_PATH.test(path)
      ? 'in example/demo code'
      : SEED_PATH.test(path)
        ? 'in seed data for a development database'
        : rules.repositoryRoles.madeUpData(path)
          ? 'in a mock-data module: made-up records, not the data of real users'
          : undefined
    this.loweredData =
      VENDORED_PATH.test(path) || copiedFromHeader(text)
        ? "in a third-party module copied into the repository: the library's fields, not the product's data"
        : undefined
  }

  /** Offsets where each line of the text starts, split at `\n` only. */
  lineStarts(): readonly number[] {
    return (this.starts ??= lineStartsOf(this.text))
  }

  /** The trimmed source line (1-based), cut to a readable length. */
  excerpt(line: number): string {
    const starts = this.lineStarts()
    const start = starts[line - 1]
    if (start === undefined) return ''
    // The line without its `\n` or `\r\n` (as `text.split(/\r?\n/)` would give it).
    let end = line < starts.length ? starts[line]! - 1 : this.text.length
    if (end > start && this.text.charCodeAt(end - 1) === 13 && end < this.text.length) end--
    const raw = this.text.slice(start, end).trim()
    return raw.length > 160 ? raw.slice(0, 157) + '…' : raw
  }

  /** Line and column (1-based) of an offset in the text, by binary search over the line starts. */
  positionAt(offset: number): { line: number; column: number } {
    return positionIn(this.lineStarts(), offset)
  }

  /**
   * Runs `record` and takes the findings it adds out of the file's own, for the link step to confirm. Their
   * one-per-line keys are released too: a finding held aside must not keep another detector (the plain host match
   * of the same string) from recording the same vendor on that line when the link step finds no request.
   */
  deferred(record: () => void): Finding[] {
    const before = this.facts.findings.length
    record()
    const held = this.facts.findings.splice(before)
    for (const f of held) this.seen.delete(dedupeKey(f.kind, f.key, f.evidence.symbol, f.evidence.line))
    return held
  }

  /**
   * Whether a finding already puts this personal-data category on this line. Asked only by rare callers (a recording
   * sink), so it reads the findings rather than keeping an index on every signal's path.
   */
  hasSignalAt(category: string, at: Where): boolean {
    const { line } = positionOf(at)
    return this.facts.findings.some(
      (f) => f.kind === 'personalData' && f.key === category && f.evidence.line === line,
    )
  }

  note(level: ScanNote['level'], message: string): void {
    this.facts.notes.push({ path: this.path, level, message })
  }

  /** Adds a finding; one per (kind, key, symbol, line) so a detector visiting twice does not double count. */
  add(args: {
    kind: ItemKind
    key: string
    line: number
    column: number
    symbol?: string
    rule: string
    confidence: Confidence
    how: How
    reason?: string
    cookie?: Finding['cookie']
    basis?: EvidenceBasis
  }): void {
    const dedupe = dedupeKey(args.kind, args.key, args.symbol, args.line)
    if (this.seen.has(dedupe)) return
    this.seen.add(dedupe)
    const lowered = this.lowered ?? (args.kind === 'personalData' ? this.loweredData : undefined)
    const confidence = lowered ? 'low' : args.confidence
    const reason = lowered ? `${args.reason ?? ''}${args.reason ? '; ' : ''}${lowered}` : args.reason
    this.facts.findings.push({
      kind: args.kind,
      key: args.key,
      cookie: args.cookie,
      ...(args.basis ? { basis: args.basis } : {}),
      evidence: {
        path: this.path,
        line: args.line,
        column: args.column,
        symbol: args.symbol,
        rule: args.rule,
        confidence,
        how: args.how,
        excerpt: this.excerpt(args.line),
        reason,
        fingerprint: fingerprintOf(args.kind, args.key, this.path, args.symbol),
      },
    })
  }

  /** Classifies a field name and records it as personal data when it matches. */
  field(name: string, given: FieldContext, at: Where, how: How, symbol?: string): boolean {
    const ctx: FieldContext = given.module === undefined ? { ...given, module: this.module } : given
    const sym = symbol ?? (ctx.container ? `${ctx.container}.${name}` : name)
    if (this.trace) this.trace(name, ctx, sym)
    const match = this.rules.pii.classify(name, ctx)
    if (!match) return false
    const { line, column } = positionOf(at)
    this.add({
      kind: 'personalData',
      key: match.category,
      line,
      column,
      symbol: sym,
      rule: match.rule.id,
      confidence: match.confidence,
      how,
      reason: match.reason,
    })
    if (match.record)
      this.add({
        kind: 'personalData',
        key: match.record.category,
        line,
        column,
        symbol: sym,
        rule: match.record.rule.id,
        confidence: match.confidence,
        how,
        reason: match.record.reason,
      })
    return true
  }

  /** Records personal data found by a name-independent signal (`z.string().email()`, `autocomplete="email"`). */
  signal(category: string, at: Where, how: How, rule: string, reason: string, symbol?: string): void {
    if (!this.rules.categories.has(category)) return
    const { line, column } = positionOf(at)
    this.add({
      kind: 'personalData',
      key: category,
      line,
      column,
      symbol,
      rule,
      confidence: 'high',
      how,
      reason,
    })
  }

  /**
   * Records evidence that the product uses a vendor (analytics or processor, by the vendor's role); `basis` marks
   * evidence that alone shows no integration (a host in copy, a link), which inventory aggregation weighs.
   */
  vendor(
    vendor: VendorRule,
    at: Where,
    how: How,
    reason: string,
    symbol?: string,
    confidence: Confidence = 'high',
    basis?: EvidenceBasis,
  ): void {
    const { line, column } = positionOf(at)
    this.add({
      kind: this.rules.roleOf(vendor) === 'analytics' ? 'analytics' : 'processor',
      key: vendor.id,
      line,
      column,
      symbol,
      rule: `vendor.${vendor.id}`,
      confidence,
      how,
      reason,
      basis,
    })
  }

  /** Records a call to a service no vendor rule knows: a processor keyed by its registrable domain. */
  domain(
    domain: string,
    at: Where,
    rule: string,
    reason: string,
    symbol: string,
    how: How = 'outbound',
    confidence: Confidence = 'medium',
  ): void {
    const { line, column } = positionOf(at)
    this.add({
      kind: 'processor',
      key: domain,
      line,
      column,
      symbol,
      rule,
      confidence,
      how,
      reason,
    })
  }

  /** Records personal data of one category reaching a vendor's sink (`vendor` `logs` for a logger). */
  flow(args: {
    vendor: string
    category: string
    at: Where
    symbol: string
    rule: string
    confidence: Confidence
    reason?: string
    trace: string[]
  }): void {
    const { line, column } = positionOf(args.at)
    const before = this.facts.findings.length
    const script = isOpsScript(this.path)
    this.add({
      kind: 'flow',
      key: flowKey(args.vendor, args.category),
      line,
      column,
      symbol: args.symbol,
      rule: args.rule,
      confidence: script ? 'low' : args.confidence,
      how: 'sink',
      reason: script ? `${args.reason ?? ''}; in an operations script` : args.reason,
    })
    if (this.facts.findings.length > before) this.facts.findings[before]!.evidence.trace = args.trace
  }

  /** Records a cookie a server library sets with its default or configured name (`connect.sid`, `next-auth.*`). */
  libraryCookie(
    name: string,
    at: Where,
    rule: string,
    symbol: string,
    reason: string,
    configured: boolean,
  ): void {
    this.addCookie(name, at, rule, symbol, {
      pattern: name.includes('*'),
      confidence: configured ? 'high' : 'medium',
      how: configured ? 'cookie-api' : 'sdk-default',
      source: configured ? 'code' : 'sdk-default',
      reason,
    })
  }

  /** Records a cookie set by first-party code. */
  cookie(name: string, pattern: boolean, at: Where, rule: string, symbol: string, how = ''): void {
    const info = this.rules.cookieInfo(name)
    const known = info
      ? `known cookie: ${info.platform ?? info.vendor ?? 'catalogue'} (${info.purpose})`
      : undefined
    this.addCookie(name, at, rule, symbol, {
      pattern,
      confidence: pattern ? 'medium' : 'high',
      how: 'cookie-api',
      source: 'code',
      reason: [how, known].filter(Boolean).join('; ') || undefined,
      info,
    })
  }

  /** A cookie finding, with the vendor and purpose the catalogue knows for its name. */
  private addCookie(
    name: string,
    at: Where,
    rule: string,
    symbol: string,
    o: {
      pattern: boolean
      confidence: Confidence
      how: How
      source: 'code' | 'sdk-default'
      reason?: string
      /** The catalogue entry, when the caller already looked it up. */
      info?: CookieInfo
    },
  ): void {
    const info = o.info ?? this.rules.cookieInfo(name)
    const { line, column } = positionOf(at)
    this.add({
      kind: 'cookie',
      key: name,
      line,
      column,
      symbol,
      rule,
      confidence: o.confidence,
      how: o.how,
      reason: o.reason,
      cookie: {
        pattern: o.pattern,
        vendor: info?.vendor ?? null,
        purpose: (info?.purpose as CookiePurpose) ?? null,
        source: o.source,
      },
    })
  }
}

export type { FieldType }
