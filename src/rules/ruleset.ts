import { compileGlob, type GlobMatcher } from '../util/glob.js'
import { PiiClassifier } from '../scan/pii/classify.js'
import { singularise, tokenizeIdentifier } from '../scan/pii/tokenize.js'
import type { CookiePurpose } from '../model/types.js'
import { hostOfUrl, registrableDomain } from '../util/domain.js'
import { LibraryRules } from './libraries.js'
import type { FrameworkModules, OutboundCalls, PackageWrappers, SignInLibraries } from './library-schema.js'
import { FrameworkModuleIndex } from './framework-modules.js'
import { FormControlIndex, type FormControlsFile } from './form-controls.js'
import { SessionLibraries, type SessionLibrariesFile } from './session-libraries.js'
import { InjectedClasses, type DependencyInjectionFile } from './injected-classes.js'
import { RepositoryRoles, type RepositoryRolesFile } from './repository-roles.js'
import { SignInIndex } from './sign-in.js'
import { WrapperIndex, type WrapperMatch } from './wrappers.js'
import type {
  CookieEntry,
  DataCategory,
  PiiRule,
  PiiVocabulary,
  Purpose,
  SinkFile,
  SubmittedSource,
  VendorCategory,
  VendorRule,
} from './schema.js'
import { SinkIndex } from './sinks.js'
import { emptyPolicyRules, type PolicyRules } from './policy-rules.js'
import { SubmittedData } from './submitted-data.js'
import { OperatorValues, type OperatorValuesFile } from './operator-values.js'
import { FlowVocabulary, mergeFlowVocabularies, type FlowVocabularyFile } from './flow-vocabulary.js'
import { AffixIndex } from '../util/affix-index.js'

export type Ecosystem = 'npm' | 'pypi' | 'gem' | 'golang' | 'maven' | 'composer' | 'cocoapods' | 'pub' | 'nuget'

/** A known cookie: from the catalogue or a vendor's default cookies. */
export interface CookieInfo {
  name: string
  vendor: string | null
  platform?: string
  purpose: CookiePurpose
  duration?: string
  description?: string
}

/** A library call that sets a cookie under a default name, unless its `name_argument` renames it. */
export interface CookieSetter {
  name: string
  call: string
  modules: string[]
  name_argument?: number
  option?: string
  option_is?: string
}

export interface RuleSetInput {
  categories: DataCategory[]
  purposes: Purpose[]
  vendorCategories: VendorCategory[]
  piiRules: PiiRule[]
  piiVocabulary: PiiVocabulary
  vendors: VendorRule[]
  cookies: CookieEntry[]
  /** `kind: sinks` files: loggers and HTTP clients (vendor rules carry their own sinks). */
  sinkFiles?: SinkFile[]
  /** Policy-text rules (rules/policy); empty when the set is built by hand. */
  policy?: PolicyRules
  /** Where server code reads submitted data (rules/requests); none when the set is built by hand. */
  submitted?: SubmittedSource[]
  /** How libraries look in code (HTTP clients, SDK host options); optional for hand-built rule sets. */
  outbound?: OutboundCalls[]
  /** Which package names wrap a vendor (tokens, exclusions); optional for hand-built rule sets. */
  wrappers?: PackageWrappers[]
  /** How auth libraries name sign-in providers; optional for hand-built rule sets. */
  signIn?: SignInLibraries[]
  /** Which framework config keys list packages the framework loads; optional for hand-built rule sets. */
  frameworkModules?: FrameworkModules[]
  /** How form libraries name their controls in code and templates; optional for hand-built rule sets. */
  formControls?: FormControlsFile[]
  /** Class decorators of dependency-injection frameworks (rules/packages); optional for hand-built rule sets. */
  dependencyInjection?: DependencyInjectionFile[]
  /** Which objects hold the operator's settings rather than users' data (rules/flows); optional for hand-built sets. */
  operatorValues?: OperatorValuesFile[]
  /** The words the flows reader takes a value's meaning from (rules/flows); optional for hand-built sets. */
  flowVocabulary?: FlowVocabularyFile[]
  /** Test libraries and source roots that say a file is no part of the product; optional for hand-built sets. */
  repositoryRoles?: RepositoryRolesFile[]
  /** How session and auth libraries are configured to set cookies (rules/cookies); optional for hand-built sets. */
  sessionLibraries?: SessionLibrariesFile[]
}

/** All rules and taxonomies, validated and indexed for the detectors. */
export class RuleSet {
  readonly categories = new Map<string, DataCategory>()
  readonly purposes = new Map<string, Purpose>()
  readonly vendorCategories = new Map<string, VendorCategory>()
  readonly vendors = new Map<string, VendorRule>()
  readonly piiRules: PiiRule[]
  readonly pii: PiiClassifier
  /** Vendor ids and one-word names that are also everyday words (`stream`, `front`): a name holding one is no evidence. */
  readonly everydayVendorWords: ReadonlySet<string>
  /** rules/pii/vocabulary.yaml `organisation_words` and the person nouns, for organisationRecordType. */
  private readonly organisationWords: ReadonlySet<string>
  private readonly personNouns: ReadonlySet<string>
  /** Where server code reads what a client submitted. */
  readonly submitted: SubmittedData
  readonly cookies: CookieInfo[] = []
  /** Library calls that set a cookie under a default name (rules/cookies `set_by`), by the call's last name. */
  private readonly cookieSetters = new Map<string, CookieSetter[]>()
  /** Default cookies tied to a package's major versions (rules/cookies `default_of`), by cookie name. */
  readonly cookieDefaults = new Map<string, { package: string; majors: number[] }>()
  /** How policies word data, recipients, cookie purposes and transfers (rules/policy). */
  readonly policy: PolicyRules
  readonly libraries: LibraryRules
  /** How auth libraries name their sign-in providers (the providers themselves: `signInProvider`, `signInClass`). */
  readonly signInLibraries: SignInIndex
  /** Framework config files and the keys in them that list packages the framework loads (rules/packages). */
  readonly frameworkModules: FrameworkModuleIndex
  /** Calls and template attributes that name a form's controls (rules/requests/form-controls.yaml). */
  readonly formControls: FormControlIndex
  /** Class decorators whose classes a DI framework builds, injecting their constructors' parameters (rules/packages). */
  readonly injectedClasses: InjectedClasses
  /** Test libraries and source roots (rules/packages/repository-roles.yaml), for `roles.ts`. */
  readonly repositoryRoles: RepositoryRoles
  /** Objects whose fields are the operator's settings, not users' data (rules/flows): no flow is read off them. */
  readonly operatorValues: OperatorValues
  /** The flows reader's words: generic ids, carrier objects, mailed and session secrets, renderers (rules/flows). */
  readonly flowVocabulary: FlowVocabulary
  /** Session middleware, Remix runtimes, Auth.js and nuxt-auth-utils as code configures them (rules/cookies). */
  readonly sessionLibraries: SessionLibraries
  private readonly wrappers: WrapperIndex
  private readonly exactCookies = new Map<string, CookieInfo>()
  private readonly globCookies: { info: CookieInfo; re: GlobMatcher }[] = []
  private readonly packages = new Map<string, VendorRule>()
  private readonly buildTime = new Map<string, VendorRule>()
  private readonly importPrefixes: { prefix: string; folder: string; vendor: VendorRule }[] = []
  private readonly ecosystemPackages = new Map<string, VendorRule>()
  private readonly exactHosts = new Map<string, VendorRule>()
  /** `*.host` and `*-host` names, longest first, by their suffix (`.host`, `-host`). */
  private readonly wildcardHosts: AffixIndex<{ suffix: string; vendor: VendorRule }>
  /** Script URLs without their scheme, longest first, by their prefix. */
  private readonly scriptUrls: AffixIndex<{ prefix: string; vendor: VendorRule }>
  private readonly stylesheetUrls: { prefix: string; vendor: VendorRule }[] = []
  private readonly envNames = new Map<string, VendorRule>()
  /** Project config file name → the vendor whose native SDK reads it (rule `config_files`). */
  private readonly configFiles = new Map<string, VendorRule>()
  private readonly workerBindings = new Map<string, VendorRule>()
  private readonly signInIds = new Map<string, VendorRule>()
  private readonly signInClasses = new Map<string, VendorRule>()
  /** Registrable domain → the one vendor whose hostnames lie under it (null when several do). */
  private domainOwners: Map<string, VendorRule | null> | undefined
  /** Registrable domain → the subdomain all of its one owner's hosts lie under, when deeper than the domain. */
  private productSuffixes: Map<string, string> | undefined
  private vendorsByToken: Map<string, VendorRule> | undefined
  /** Dotted calls on a global an inline loader snippet defines → its vendor (rule `snippet_globals`). */
  private readonly snippetGlobals = new Map<string, VendorRule>()
  /** API path prefix → its vendor (rule `api_paths`), and one pattern of them all for a URL without a host. */
  private readonly apiPaths = new Map<string, VendorRule>()
  private readonly apiPathPattern: RegExp | undefined
  /** Module → named export → the vendors it is the product of (rule `named_imports`). */
  private readonly namedImports = new Map<string, Map<string, VendorRule[]>>()
  private signInDomains: Map<string, VendorRule | null> | undefined
  /** Calls whose arguments leave the app: vendor SDK sinks, loggers, HTTP clients. */
  readonly sinks: SinkIndex

  constructor(input: RuleSetInput) {
    for (const c of input.categories) this.categories.set(c.key, c)
    for (const p of input.purposes) this.purposes.set(p.key, p)
    for (const c of input.vendorCategories) this.vendorCategories.set(c.key, c)
    this.piiRules = input.piiRules
    this.policy = input.policy ?? emptyPolicyRules()
    this.pii = new PiiClassifier(
      input.piiRules,
      input.piiVocabulary,
      (word) => this.vendorNamedToken(word)?.categories,
    )
    this.submitted = new SubmittedData(input.submitted ?? [])
    this.libraries = new LibraryRules(input.outbound)
    this.signInLibraries = new SignInIndex(input.signIn)
    this.frameworkModules = new FrameworkModuleIndex(input.frameworkModules)
    this.formControls = new FormControlIndex(input.formControls)
    this.injectedClasses = new InjectedClasses(input.dependencyInjection)
    this.repositoryRoles = new RepositoryRoles(input.repositoryRoles)
    this.sessionLibraries = new SessionLibraries(input.sessionLibraries)
    const words = input.piiVocabulary.words
    this.everydayVendorWords = new Set(words.everyday_vendor_words)
    const notNouns = new Set(words.not_person_nouns)
    this.organisationWords = new Set(words.organisation_words)
    this.personNouns = new Set(words.person_words.filter((w) => !notNouns.has(w)))
    this.operatorValues = new OperatorValues(
      input.operatorValues,
      new Set(words.person_words.filter((w) => !notNouns.has(w))),
    )
    this.flowVocabulary = new FlowVocabulary(mergeFlowVocabularies(input.flowVocabulary ?? []))
    const wildcardHosts: { suffix: string; vendor: VendorRule }[] = []
    const scriptUrls: { prefix: string; vendor: VendorRule }[] = []
    for (const v of input.vendors) {
      this.vendors.set(v.id, v)
      for (const p of v.packages) this.packages.set(p, v)
      for (const p of v.build_time_packages) this.buildTime.set(p, v)
      for (const i of v.imports) this.importPrefixes.push({ prefix: i, folder: i + '/', vendor: v })
      for (const [eco, names] of Object.entries(v.ecosystems ?? {}))
        for (const n of names ?? []) this.ecosystemPackages.set(`${eco}:${normaliseEcosystemName(eco, n)}`, v)
      for (const h of v.hostnames) {
        const host = h.toLowerCase()
        // `*-speech.googleapis.com`: a regional first label (`eu-speech`, `us-central1-speech`) of one product.
        if (host.startsWith('*.') || host.startsWith('*-')) wildcardHosts.push({ suffix: host.slice(1), vendor: v })
        else this.exactHosts.set(host, v)
      }
      for (const u of v.script_urls) scriptUrls.push({ prefix: stripScheme(u).toLowerCase(), vendor: v })
      for (const u of v.stylesheet_urls)
        this.stylesheetUrls.push({ prefix: stripScheme(u).toLowerCase(), vendor: v })
      for (const g of v.snippet_globals) this.snippetGlobals.set(g, v)
      for (const [module, names] of Object.entries(v.named_imports)) {
        const byName = this.namedImports.get(module) ?? new Map<string, VendorRule[]>()
        for (const n of names) byName.set(n, [...(byName.get(n) ?? []), v])
        this.namedImports.set(module, byName)
      }
      for (const e of v.env) this.envNames.set(e, v)
      for (const f of v.config_files) this.configFiles.set(f, v)
      for (const p of v.api_paths) this.apiPaths.set(p, v)
      for (const b of v.worker_bindings) this.workerBindings.set(b, v)
      for (const id of v.sign_in?.ids ?? []) this.signInIds.set(id, v)
      for (const c of v.sign_in?.classes ?? []) this.signInClasses.set(c, v)
      for (const c of v.cookies)
        this.addCookie({ name: c.name, vendor: v.id, platform: v.name, purpose: c.purpose as CookiePurpose, duration: c.duration, description: c.description })
    }
    for (const { set_by, default_of, ...c } of input.cookies) {
      this.addCookie({ ...c, purpose: c.purpose as CookiePurpose, vendor: c.vendor ?? null })
      for (const s of set_by ?? []) {
        const last = s.call.slice(s.call.lastIndexOf('.') + 1)
        const setters = this.cookieSetters.get(last)
        if (setters) setters.push({ ...s, name: c.name })
        else this.cookieSetters.set(last, [{ ...s, name: c.name }])
      }
      if (default_of) this.cookieDefaults.set(c.name, default_of)
    }
    this.wrappers = new WrapperIndex(this.vendors.values(), input.wrappers)
    // Longest prefix first so `@next/third-parties/google` beats `@next/third-parties`.
    this.importPrefixes.sort((a, b) => b.prefix.length - a.prefix.length)
    scriptUrls.sort((a, b) => b.prefix.length - a.prefix.length)
    wildcardHosts.sort((a, b) => b.suffix.length - a.suffix.length)
    this.scriptUrls = new AffixIndex(scriptUrls, (u) => u.prefix, 'start')
    this.wildcardHosts = new AffixIndex(wildcardHosts, (h) => h.suffix, 'end')
    // No host but unknown parts before the path (`*`, `https://*`), the path ending at a segment's end.
    // Paths hold only letters, digits, `.`, `_`, `-` and `/` (the schema): `.` is the one to escape.
    const paths = [...this.apiPaths.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/\./g, '\\.'))
    this.apiPathPattern =
      paths.length > 0 ? new RegExp(`^(?:[a-z]+:)?(?:\\/\\/)?\\**(${paths.join('|')})(?=[/?#]|$)`) : undefined
    this.sinks = new SinkIndex(input.vendors, input.sinkFiles ?? [], (s) => this.vendorForImport(s))
  }

  private addCookie(info: CookieInfo): void {
    if (info.name.includes('*')) {
      if (this.globCookies.some((g) => g.info.name === info.name)) return
      this.globCookies.push({ info, re: compileGlob(info.name) })
    } else {
      const existing = this.exactCookies.get(info.name)
      // Vendor rules come first and win over the catalogue's entry for the same name.
      if (existing) return
      this.exactCookies.set(info.name, info)
    }
    this.cookies.push(info)
  }

  /** The role a vendor plays in the inventory: analytics or processor. */
  roleOf(vendor: VendorRule): 'analytics' | 'processor' {
    if (vendor.role) return vendor.role
    return this.vendorCategories.get(vendor.categories[0]!)?.role ?? 'processor'
  }

  /**
   * True when a type's name names an organisation's record (`Organization`, `IOrganisation`, `CompanyExpanded`): its
   * first word (after an interface's `I`) is an organisation word and no person noun follows (`OrganizationMember`
   * is a person). A field of that type links to the organisation's record, as a Prisma relation does.
   */
  organisationRecordType(name: string): boolean {
    const tokens = tokenizeIdentifier(name)
    if (tokens[0] === 'i' && tokens.length > 1) tokens.shift()
    return (
      tokens.length > 0 &&
      this.organisationWords.has(singularise(tokens[0]!)) &&
      !tokens.slice(1).some((t) => this.personNouns.has(singularise(t)))
    )
  }

  /**
   * The vendor whose id, or name written as one word, is this lower-case token (`clearbit`, `serpapi`, or a two-word
   * id such as `google-maps`), of any category; undefined for none.
   */
  vendorNamedToken(token: string): VendorRule | undefined {
    if (!this.vendorsByToken) {
      this.vendorsByToken = new Map()
      for (const v of this.vendors.values())
        for (const t of [v.id, v.name.toLowerCase().replace(/[^a-z0-9]/g, '')])
          if (/^[a-z0-9]+(-[a-z0-9]+)?$/.test(t) && !this.vendorsByToken.has(t)) this.vendorsByToken.set(t, v)
    }
    return this.vendorsByToken.get(token)
  }

  /**
   * The webhook vendor (rules/outbound `webhook_vendor_categories`) a name's words name: its id or its name written
   * as one word (`discordUrl` → Discord, `PushoverAgent` → Pushover). Words are lower case.
   */
  webhookVendorNamed(words: readonly string[]): VendorRule | undefined {
    const notifies = words.some((w) => this.libraries.webhookNotifyWords.has(w))
    for (const w of words) {
      const named = this.vendorNamedToken(w)
      const v = named?.categories.some((c) => this.libraries.webhookCategories.has(c)) ? named : undefined
      // `OrderLineItem` is about order lines, `LineNotifier` about LINE.
      if (v && (notifies || !this.libraries.webhookEverydayNames.has(w))) return v
    }
    return undefined
  }

  /**
   * The library calls that set a cookie under a default name (rules/cookies `set_by`) whose call ends with this name
   * (`exportToCookie` for `authStore.exportToCookie`), in the rules' order: only they can match a callee ending so.
   */
  cookieSettersNamed(last: string): readonly CookieSetter[] {
    return this.cookieSetters.get(last) ?? []
  }

  /** Vendor of a runtime npm package. */
  vendorForPackage(name: string): VendorRule | undefined {
    return this.packages.get(name)
  }

  /** Vendor of an npm build-time tool (never a processor). */
  buildTimeVendorForPackage(name: string): VendorRule | undefined {
    return this.buildTime.get(name)
  }

  /** Vendor of an import specifier: extra import paths first, then the package it belongs to. */
  /** The vendor whose inline loader snippet defines the global a call is made on (`posthog.init`). */
  vendorForSnippetGlobal(dotted: string): VendorRule | undefined {
    return this.snippetGlobals.get(dotted)
  }

  /**
   * The vendors whose product a named export of a module is (rule `named_imports`, keyed by a module or by a package
   * for all its subpaths), for the names imported.
   */
  vendorsForNamedImports(specifier: string, names: readonly string[]): VendorRule[] {
    const byName = this.namedImportsOf(specifier)
    if (!byName) return []
    return [...new Set(names.flatMap((n) => byName.get(n) ?? []))]
  }

  /** Whether a rule `named_imports` names products among a module's exports (or its package's). */
  hasNamedImports(specifier: string): boolean {
    return this.namedImportsOf(specifier) !== undefined
  }

  private namedImportsOf(specifier: string): Map<string, VendorRule[]> | undefined {
    return this.namedImports.get(specifier) ?? this.namedImports.get(packageOfSpecifier(specifier) ?? '')
  }

  vendorForImport(specifier: string): VendorRule | undefined {
    // Asked for every call on an import, of every file: the prefix list is long, the specifiers few.
    if (this.importVendors.has(specifier)) return this.importVendors.get(specifier)
    // A relative path is the repository's own module (and a new string from nearly every file).
    if (specifier.startsWith('.')) return undefined
    let found: VendorRule | undefined
    for (const { prefix, folder, vendor } of this.importPrefixes)
      if (specifier === prefix || specifier.startsWith(folder)) {
        found = vendor
        break
      }
    if (!found) {
      const pkg = packageOfSpecifier(specifier)
      found = pkg ? this.packages.get(pkg) : undefined
    }
    this.importVendors.set(specifier, found)
    return found
  }

  private readonly importVendors = new Map<string, VendorRule | undefined>()

  /**
   * The vendor an npm package no rule lists is named after (`nodemailer-sendgrid`, `@nuxtjs/sentry`): medium
   * evidence, never for build tools, types, linters or mocks.
   */
  vendorForWrapperPackage(name: string): WrapperMatch | undefined {
    if (this.packages.has(name) || this.buildTime.has(name)) return undefined
    return this.wrappers.vendorFor(name)
  }

  /** Vendor of a package in another ecosystem (pypi, gem, golang …). */
  vendorForEcosystemPackage(ecosystem: Ecosystem, name: string): VendorRule | undefined {
    if (ecosystem === 'npm') return this.packages.get(name)
    return this.ecosystemPackages.get(`${ecosystem}:${normaliseEcosystemName(ecosystem, name)}`)
  }

  /** Vendor receiving data at a hostname. */
  vendorForHost(hostname: string): VendorRule | undefined {
    const host = hostname.toLowerCase().replace(/\.$/, '')
    const exact = this.exactHosts.get(host)
    if (exact) return exact
    return this.wildcardHosts.first(host)?.vendor
  }

  /**
   * The vendor a host of an unknown subdomain belongs to: the one vendor rule whose hostnames lie under the same
   * registrable domain (`mcp.notion.com` → the rule with `api.notion.com`). Undefined when no rule or several do
   * (`googleapis.com` serves many products), or when another rule's website is on that domain (another product of
   * the same company). When the rule's several hosts there all lie under one subdomain (`open.weixin.qq.com`,
   * `api.weixin.qq.com`), the product lives under that subdomain and `host` must too: a sibling (`fanyi.qq.com`) is
   * another product of the company.
   */
  vendorForDomain(domain: string, host?: string): VendorRule | undefined {
    if (!this.domainOwners) {
      const owners = new Map<string, VendorRule | null>()
      const hostsUnder = new Map<string, string[]>()
      for (const v of this.vendors.values())
        for (const h of v.hostnames) {
          const bare = h.replace(/^\*[.-]/, '')
          const d = registrableDomain(bare)
          if (!d) continue
          const prev = owners.get(d)
          owners.set(d, prev === undefined || prev === v ? v : null)
          const under = hostsUnder.get(d)
          if (under) under.push(bare)
          else hostsUnder.set(d, [bare])
        }
      const productSuffixes = new Map<string, string>()
      for (const [d, hosts] of hostsUnder) {
        const suffix = hosts.length > 1 ? commonDomainSuffix(hosts) : d
        if (suffix !== d && suffix.endsWith(`.${d}`)) productSuffixes.set(d, suffix)
      }
      this.productSuffixes = productSuffixes
      // A company whose other products have their own rules (Cloudflare's Turnstile, Workers AI …): one product's
      // host does not make the company's other hosts (`api.cloudflare.com`) that product.
      for (const v of this.vendors.values()) {
        const site = v.website ? hostOfUrl(v.website) : undefined
        const d = site ? registrableDomain(site) : undefined
        const owner = d ? owners.get(d) : undefined
        if (d && owner && owner !== v) owners.set(d, null)
      }
      this.domainOwners = owners
    }
    const suffix = host === undefined ? undefined : this.productSuffixes?.get(domain)
    if (suffix && host !== suffix && !host!.endsWith(`.${suffix}`)) return undefined
    return this.domainOwners.get(domain) ?? undefined
  }

  /** Vendor whose script is loaded from a URL (host + path prefix), falling back to its host. */
  vendorForScriptUrl(url: string): VendorRule | undefined {
    const script = this.vendorLoadingScript(url)
    if (script) return script
    const host = stripScheme(url).toLowerCase().split(/[/?#:]/)[0]
    return host ? this.vendorForHost(host) : undefined
  }

  /**
   * The vendor whose API a URL with no written host calls, by a path prefix only that vendor serves (rule
   * `api_paths`): a relative path, or one after a host known only at run time (written `*`: `*` + `/openai/deployments`,
   * `https://*` + `/rest/api/3/…`). Undefined when the URL names a host or no rule knows the path.
   */
  vendorForApiPath(url: string): { vendor: VendorRule; path: string } | undefined {
    const m = this.apiPathPattern?.exec(url)
    if (!m) return undefined
    const vendor = this.apiPaths.get(m[1]!)
    return vendor ? { vendor, path: m[1]! } : undefined
  }

  /** The vendor whose native SDK is built with a project config file of this name (`google-services.json`). */
  vendorForConfigFile(name: string): VendorRule | undefined {
    return this.configFiles.get(name)
  }

  /** The vendor whose service a stylesheet URL is (`fonts.googleapis.com/css2?…`), by its listed host and path. */
  vendorServingStylesheet(url: string): VendorRule | undefined {
    const bare = stripScheme(url).toLowerCase()
    for (const { prefix, vendor } of this.stylesheetUrls) if (bare.startsWith(prefix)) return vendor
    return undefined
  }

  /** The vendor whose script a URL is by its listed host and path (`www.clarity.ms/tag/…`), not by host alone. */
  vendorLoadingScript(url: string): VendorRule | undefined {
    const bare = stripScheme(url).toLowerCase()
    return this.scriptUrls.first(bare)?.vendor
  }

  /** Vendor named by an environment variable. */
  vendorForEnv(name: string): VendorRule | undefined {
    return this.envNames.get(name)
  }

  /** Vendor a Cloudflare Workers config section binds the worker to (`ai`, `analytics_engine_datasets`). */
  vendorForWorkerBinding(key: string): VendorRule | undefined {
    return this.workerBindings.get(key)
  }

  /** Identity provider named by an auth library's provider id (`github`, `google-oauth2`, `apple.com`); case-sensitive. */
  signInProvider(id: string): VendorRule | undefined {
    return this.signInIds.get(id)
  }

  /**
   * The identity provider whose website lies under a registrable domain (`discord.com` → Discord): an OAuth or SAML
   * endpoint on a provider's own domain is that provider. Undefined when no identity provider's site, or several, do.
   */
  signInDomain(domain: string): VendorRule | undefined {
    if (!this.signInDomains) {
      const owners = new Map<string, VendorRule | null>()
      for (const v of this.vendors.values()) {
        const site = v.categories.includes('identity-provider') && v.website ? hostOfUrl(v.website) : undefined
        const d = site ? registrableDomain(site) : undefined
        if (d) owners.set(d, owners.has(d) && owners.get(d) !== v ? null : v)
      }
      this.signInDomains = owners
    }
    return this.signInDomains.get(domain) ?? undefined
  }

  /** Identity provider of an auth library's provider class or factory (`GitHub`, `GoogleAuthProvider`). */
  signInClass(name: string): VendorRule | undefined {
    return this.signInClasses.get(name)
  }

  /** Whether an import of the vendor is its browser SDK (its `browser_packages`, or a name not of a server or phone). */
  browserPackage(vendorId: string, specifier: string): boolean {
    const browser = this.vendors.get(vendorId)?.browser_packages ?? []
    if (browser.length === 0) return !NON_BROWSER_PACKAGE.test(packageOfSpecifier(specifier) ?? specifier)
    return browser.some((p) => specifier === p || specifier.startsWith(p + '/'))
  }

  /**
   * The names a package sets by default under one major version (`next-auth`, 5 → `authjs.*`), in catalogue order;
   * empty when the catalogue does not tie the package's defaults to versions.
   */
  cookieDefaultsFor(pkg: string, major: number): string[] {
    const out: string[] = []
    for (const [name, d] of this.cookieDefaults) if (d.package === pkg && d.majors.includes(major)) out.push(name)
    return out
  }

  /** What the catalogue knows about a cookie name. */
  cookieInfo(name: string): CookieInfo | undefined {
    const exact = this.exactCookies.get(name)
    if (exact) return exact
    for (const { info, re } of this.globCookies) if (re.test(name)) return info
    return undefined
  }

  /** The taxonomy key and all its ancestors, nearest first (`user.contact.email`, `user.contact`, `user`). */
  static ancestors(key: string): string[] {
    const parts = key.split('.')
    const out: string[] = []
    for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join('.'))
    return out
  }
}

/** PyPI names compare case- and separator-insensitively (PEP 503); others case-insensitively. */
function normaliseEcosystemName(ecosystem: string, name: string): string {
  const lower = name.toLowerCase()
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower
}

/** Package names that run on a server or a phone, where an SDK sets no browser cookies. */
const NON_BROWSER_PACKAGE =
  /(^|[-/@])(node|server|backend|admin|api|react-native|native|capacitor|cordova|expo|flutter|ionic|ios|android)([-/]|$)|-(node|server|api|sdk-node)$/

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; relative and node: specifiers → undefined. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined
  // Cut at the first slash (the second for a scope), without splitting: asked for every call on an import.
  const slash = specifier.indexOf('/')
  if (!specifier.startsWith('@')) return slash < 0 ? specifier : specifier.slice(0, slash)
  if (slash < 0) return undefined
  const end = specifier.indexOf('/', slash + 1)
  return end < 0 ? specifier : specifier.slice(0, end)
}

function stripScheme(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').replace(/^\/\//, '')
}

/** The longest run of trailing DNS labels the hosts share (`open.weixin.qq.com`, `api.weixin.qq.com` → `weixin.qq.com`). */
function commonDomainSuffix(hosts: readonly string[]): string {
  let common = hosts[0]!.split('.').reverse()
  for (const h of hosts.slice(1)) {
    const labels = h.split('.').reverse()
    let i = 0
    while (i < common.length && i < labels.length && common[i] === labels[i]) i++
    common = common.slice(0, i)
  }
  return common.reverse().join('.')
}
