import { sinkCallSchema, type SinkCall, type SinkFile, type VendorRule } from './schema.js'

/** A part of a call's arguments that leaves the app: an argument (or all of them) and a property path inside it. */
export interface SinkArg {
  /** The argument index, or -1 for every argument. */
  index: number
  /** Property names inside the argument; empty for the whole argument. */
  path: readonly string[]
}

/** A sink call compiled for matching: who receives the data, the chain to match, and what leaves. */
export interface CompiledSink {
  /** The receiving vendor's id, `logs`, or '' when `url` decides it. */
  vendor: string
  /** The rule it came from, for evidence: `vendor.stripe.sinks` or `sinks.loggers`. */
  rule: string
  /** The chain as written in the rule, for evidence. */
  call: string
  /** Allowed names per segment, root first. */
  segments: readonly (readonly string[])[]
  /** A constructor sink (`new Rollbar`). */
  ctor: boolean
  global: boolean
  /** Explicit modules; undefined means the vendor's own packages. */
  modules: readonly string[] | undefined
  args: readonly SinkArg[]
  url: SinkArg | undefined
  /** Arguments that are the URL's query string (axios `params`): read as part of the URL. */
  query: readonly SinkArg[]
  vendorArg: SinkArg | undefined
  /** Constructor options that point the client elsewhere (the vendor rule's `host_options`). */
  hostOptions: readonly string[]
  returnsClient: boolean
  /** The chain starts at a parameter (a framework's request context) in a file importing one of `modules`. */
  fromParameter: boolean
  /** Read on a receiver of unknown origin, by its names alone (`this.log.info`). */
  byName: boolean
  /** Read on a call of the repository's own function (a request wrapper), whose arguments name the URL. */
  ownFunction: boolean
  category: string | undefined
  /** A category the vendor records by the call alone (a session replay integration). */
  records: string | undefined
  /** Options of which one must be on (not `0` or `false`) for the call to record: none means always. */
  recordsWhen: readonly SinkArg[]
  /** Parts of the arguments whose category the vendor's API defines (an e-mail's `to`). */
  argCategories: readonly { arg: SinkArg; category: string }[]
  /** The default read on a call of a vendor's SDK whose rule lists no sinks (`SinkIndex.clientDefault`). */
  fallback: boolean
}

/** Where a call's chain starts, which decides the sinks read on it. */
export type SinkReadOn =
  | { module: string }
  | { global: true }
  | { parameter: true }
  | { byName: true }
  | { ownFunction: true }
  /** A receiver held under the vendor's own name (`mixpanel.people.set` on a client kept in app state): its SDK sinks. */
  | { vendor: string }

/** A vendor a run-time URL goes to when the code names it: its names as lists of lower-case words. */
export interface NamedReceiver {
  vendor: string
  rule: string
  names: readonly (readonly string[])[]
}

/** Parses a `sinkArgSchema` string (`1.body`, `*`). */
export function parseSinkArg(text: string): SinkArg {
  const [head, ...path] = text.split('.')
  return { index: head === '*' ? -1 : Number(head), path }
}

function compile(call: SinkCall, vendor: string, rule: string, hostOptions: readonly string[] = []): CompiledSink {
  const ctor = call.call.startsWith('new ')
  const chain = ctor ? call.call.slice(4) : call.call
  const segments = chain
    .split(/\.(?![^{]*\})/)
    .map((s) => (s.startsWith('{') ? s.slice(1, -1).split(',') : [s]))
  return {
    vendor,
    rule,
    call: call.call,
    segments,
    ctor,
    global: call.global,
    modules: call.modules,
    args: call.args.map(parseSinkArg),
    url: call.url === undefined ? undefined : parseSinkArg(call.url),
    query: (call.query ?? []).map(parseSinkArg),
    vendorArg: call.vendor_arg === undefined ? undefined : parseSinkArg(call.vendor_arg),
    hostOptions,
    returnsClient: call.returns_client,
    fromParameter: call.from_parameter,
    byName: call.by_name,
    ownFunction: call.own_function,
    category: call.category,
    records: call.records,
    recordsWhen: (call.records_when ?? []).map(parseSinkArg),
    argCategories: Object.entries(call.arg_categories ?? {}).map(([arg, category]) => ({
      arg: parseSinkArg(arg),
      category,
    })),
    fallback: false,
  }
}

/**
 * Every sink of the rules, indexed by the last name of its chain: a call is looked up by its last member, so the
 * walk pays one map read per call expression and nothing more unless some sink ends with that name.
 */
export class SinkIndex {
  private readonly byLast = new Map<string, CompiledSink[]>()
  /** The names a global sink's chain may start with (`console`, `window`): read per top-level declaration. */
  private readonly globalRoots = new Set<string>()
  readonly all: CompiledSink[] = []
  /** Vendors a run-time URL is sent to when the code around it names them (sinks files' `named_receivers`). */
  readonly namedReceivers: readonly NamedReceiver[]
  /** Words that say a constant-case setting holds a URL (sinks files' `setting_words`). */
  readonly settingWords: ReadonlySet<string>
  /** Keys that make an object literal a request config (sinks files' `request_config.markers`). */
  readonly requestMarkers: ReadonlySet<string>
  /** Keys of a request config whose object is the payload sent (sinks files' `request_config.payloads`). */
  readonly requestPayloads: ReadonlySet<string>
  /** Vendors a URL on whose hosts is itself a request (vendor rules' `image_urls`: avatar APIs). */
  readonly imageUrlVendors = new Set<string>()

  constructor(
    vendors: readonly VendorRule[],
    files: readonly SinkFile[],
    /** The vendor of an import specifier (the rule set's lookup). */
    private readonly vendorForImport: (specifier: string) => VendorRule | undefined,
  ) {
    for (const v of vendors) {
      for (const c of v.sinks?.calls ?? []) this.add(compile(c, v.id, `vendor.${v.id}.sinks`, v.sinks!.host_options))
      if (v.sinks?.image_urls) this.imageUrlVendors.add(v.id)
    }
    for (const f of files) for (const c of f.calls) this.add(compile(c, f.vendor ?? '', `sinks.${f.id}`))
    this.defaultExcept = new Set(files.flatMap((f) => f.sdk_default?.except_categories ?? []))
    this.settingWords = new Set(files.flatMap((f) => f.setting_words))
    this.requestMarkers = new Set(files.flatMap((f) => f.request_config?.markers ?? []))
    this.requestPayloads = new Set(files.flatMap((f) => f.request_config?.payloads ?? []))
    this.namedReceivers = files.flatMap((f) =>
      f.named_receivers.map((r) => ({
        vendor: r.vendor,
        rule: `sinks.${f.id}`,
        names: r.names.map((n) => n.toLowerCase().split(/\s+/)),
      })),
    )
  }

  private add(sink: CompiledSink): void {
    this.all.push(sink)
    if (sink.global) for (const name of sink.segments[0]!) this.globalRoots.add(name)
    for (const name of sink.segments[sink.segments.length - 1]!) {
      const list = this.byLast.get(name)
      if (list) list.push(sink)
      else this.byLast.set(name, [sink])
    }
  }

  /** Vendor categories whose SDKs have no default sink (sinks files' `sdk_default.except_categories`). */
  private readonly defaultExcept: ReadonlySet<string>
  /** Per module specifier, the default sink of its vendor's SDK (null: the module has none). */
  private readonly defaults = new Map<string, CompiledSink | null>()

  /**
   * The sink a call on a vendor's SDK is read as when the vendor's rule lists no sinks of its own
   * (`revenuecat.logIn(user.id)`, `client.contacts.create({ email })`): the SDK's calls talk to the vendor, so personal
   * data passed in any argument goes there. Only values of a category count (the caller asks `dataOnly`), never a
   * constructor's options; a vendor whose rule lists sinks is read by those alone, and a vendor in a category the
   * sinks files' `sdk_default` excepts (a hosted database) has none.
   */
  clientDefault(module: string): CompiledSink | undefined {
    let sink = this.defaults.get(module)
    if (sink === undefined) {
      const vendor = this.vendorForImport(module)
      sink =
        vendor && !vendor.sinks?.calls.length && this.defaultExcept.size > 0 && !vendor.categories.some((c) => this.defaultExcept.has(c))
          ? { ...compile(sinkCallSchema.parse({ call: 'client' }), vendor.id, `vendor.${vendor.id}.client`), fallback: true }
          : null
      this.defaults.set(module, sink)
    }
    return sink ?? undefined
  }

  /** True when some global sink's chain starts at this name (`export const log = console` is then a client). */
  startsGlobal(name: string): boolean {
    return this.globalRoots.has(name)
  }

  /** True when some sink's chain ends with this name: the cheap pre-filter for a call. */
  mayEndWith(name: string): boolean {
    return this.byLast.has(name)
  }

  /**
   * The sinks a call matches. `chain` is the call's member chain, root first: for an import, the imported name (when
   * it is a named export) and the members read off it; for a global, the global's name and its members.
   */
  match(
    chain: readonly string[],
    ctor: boolean,
    origin: SinkReadOn,
  ): CompiledSink[] {
    // A default export called directly (`Intercom({ … })`) has no name in the chain: sinks call it `default`.
    if (chain.length === 0 && !ctor) chain = ['default']
    const last = chain[chain.length - 1]
    const candidates = last === undefined ? this.ctorCandidates(ctor) : this.byLast.get(last)
    if (!candidates) return []
    const out: CompiledSink[] = []
    for (const s of candidates)
      if (s.ctor === ctor && this.readOn(s, origin) && endsWith(chain, s.segments, s.ctor)) out.push(s)
    return out
  }

  /**
   * The sinks a call of a method chosen at run time matches (`console[level](…)`, `logger[method](…)`): those whose
   * last name lists several methods of the object `chain` ends at, which are then all sinks alike.
   */
  matchDynamic(chain: readonly string[], origin: { module: string } | { global: true }): CompiledSink[] {
    return this.all.filter((s) => {
      const last = s.segments[s.segments.length - 1]!
      if (s.ctor || last.length < 2 || chain.length + 1 < s.segments.length || !this.readOn(s, origin)) return false
      return endsWith(chain, s.segments.slice(0, -1), false)
    })
  }

  /** Whether a sink is read where the call's chain starts: a parameter, a global or a module. */
  private readOn(
    s: CompiledSink,
    origin: SinkReadOn,
  ): boolean {
    if ('byName' in origin) return s.byName
    if (s.byName) return false
    if ('ownFunction' in origin) return s.ownFunction
    if (s.ownFunction) return false
    if ('vendor' in origin) return s.vendor === origin.vendor && !s.global && !s.fromParameter
    if ('parameter' in origin) return s.fromParameter
    if ('global' in origin) return s.global
    return !s.global && this.fromModule(s, origin.module)
  }

  /** `new X()` on a default import has an empty chain: any constructor sink of the module may match. */
  private ctorCandidates(ctor: boolean): CompiledSink[] | undefined {
    return ctor ? this.all.filter((s) => s.ctor) : undefined
  }

  /** Whether a sink is read on a module: its explicit `modules`, else its vendor's packages. */
  private fromModule(s: CompiledSink, module: string): boolean {
    if (s.modules) return s.modules.some((m) => module === m || module.startsWith(m + '/'))
    return this.vendorForImport(module)?.id === s.vendor
  }
}

/**
 * Whether a call chain ends with a sink's segments. A constructor of a default import has no name in the chain, so
 * `new Rollbar` matches the empty chain too.
 */
function endsWith(chain: readonly string[], segments: readonly (readonly string[])[], ctor: boolean): boolean {
  if (ctor && chain.length === 0) return segments.length === 1
  if (chain.length < segments.length) return false
  const offset = chain.length - segments.length
  for (let i = 0; i < segments.length; i++) if (!segmentHas(segments[i]!, chain[offset + i]!)) return false
  return true
}

/**
 * Whether a name is one of a segment's alternatives: the name itself, or for `*Logger` a name whose last camel-case
 * word is `Logger` (`appLogger`, `AuditLogger`, not `Logger` alone, which the segment lists when it means it).
 */
function segmentHas(segment: readonly string[], name: string): boolean {
  if (segment.includes(name)) return true
  for (const alt of segment) {
    if (!alt.startsWith('*')) continue
    const tail = alt.slice(1)
    const before = name.length - tail.length - 1
    if (before >= 0 && name.endsWith(tail) && /[a-z0-9]/.test(name[before]!)) return true
  }
  return false
}
