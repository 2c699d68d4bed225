import type { Finding } from '../../model/types.js'
import type { RuleSet } from '../../rules/ruleset.js'
import type { CompiledSink } from '../../rules/sinks.js'
import type { FlowVocabulary } from '../../rules/flow-vocabulary.js'
import {
  fingerprintOf,
  flowKey,
  ILLUSTRATIVE_PATH,
  isLocalSpecifier,
  isOpsScript,
  type FileFacts,
} from '../file-scan.js'
import type { ModuleIndex } from '../inventory.js'
import { vendorNamedSinks, vendorOfUrl } from './receiver.js'
import type {
  ClientFact,
  FlowValue,
  HelperSink,
  ModelHelperSink,
  PendingFlowCall,
  SubclassFact,
} from './facts.js'
import { flowOf, flowSymbol, isCredential, selectValues, sentValues, within, type FlowOf } from './send.js'
import { ownValue } from '../../util/own.js'

/** A client resolved to the SDK (or global) it is, with the vendor it was pointed at and where it was found. */
interface ResolvedClient {
  module?: string
  chain: string[]
  vendor?: string
  /** The module that defines it, for the trace. */
  path: string
}

const MAX_HOPS = 4

/**
 * Flows that cross a module boundary, found when files are linked: a call on a client another module exports
 * (`import { stripe } from '@/lib/stripe'; stripe.customers.create({ email })`, a singleton getter, a workspace
 * package re-exporting an SDK), and a call of a helper whose parameter reaches a sink in its own module
 * (`track('signup', { email })` → `posthog.capture(event, props)`), also through helpers that pass their parameter on
 * to another helper, of the same module or an imported one. Helpers whose sink is itself a linked client call count
 * too.
 */
export function linkFlows(
  files: readonly FileFacts[],
  modules: ModuleIndex,
  rules: RuleSet,
): { findings: Finding[]; superseded: ReadonlySet<string> } {
  const out: Finding[] = []
  // Flows a helper's parameter name gave, by fingerprint: whether a caller leaves them standing.
  const fallbacks = new Map<string, boolean>()
  // Helpers found while linking: a helper's sink call that goes through a client of another module.
  const derived = new Map<string, HelperSink[]>()
  // Calls that reached a client's sink: a logger's names (`named`) stand for it only when nothing else does.
  const resolved = new Set<PendingFlowCall>()
  const clients: ClientLookup = {
    modules,
    vendorPackage: (m) => rules.vendorForImport(m) !== undefined,
    exported: new Map(),
  }
  const fieldsOf = recordFields(modules)
  const words = rules.flowVocabulary
  for (const f of files)
    for (const call of f.flows?.calls ?? []) {
      const client = resolveCall(f, call, clients)
      if (!client) continue
      const sinks = matchClient(client, call, rules)
      if (sinks.length > 0) resolved.add(call)
      for (const sink of sinks)
        for (const vendor of receivers(sink, client, rules)) {
          const via = `${client.path}: ${call.exportName} is ${client.module ? `a ${client.module} client` : client.chain.join('.')}`
          const method = call.members[call.members.length - 1] ?? client.chain[client.chain.length - 1]
          for (const v of sentValues(call.values, sink, method, words).flatMap((x) => fieldsOf(f, x))) {
            const flow = flowOf(v, sink, call.call, words)
            const own = flow && finding(f.path, vendor, flow, v, call, sink.rule, [...v.trace, via])
            if (own) out.push(own)
            if (v.param) {
              const key = `${f.path}\0${v.param.fn}`
              const list = derived.get(key) ?? []
              list.push({
                fn: v.param.fn,
                param: v.param.index,
                path: v.param.path,
                vendor,
                ...(sink.category && { category: sink.category }),
                rule: sink.rule,
                call: call.call,
                line: v.line,
                excerpt: traceExcerpt(v.trace[v.trace.length - 1], f.path) ?? call.call,
                ...(own && { fallback: own.evidence.fingerprint }),
              })
              derived.set(key, list)
            }
          }
        }
    }
  // Each module's own helpers by name: linking asks for them once per call.
  const own = new Map<FileFacts, Map<string, HelperSink[]>>()
  const helpersOf = (file: FileFacts, fn: string): HelperSink[] | undefined => {
    let byName = own.get(file)
    if (!byName) {
      byName = new Map()
      for (const h of file.flows?.helpers ?? []) byName.set(h.fn, [...(byName.get(h.fn) ?? []), h])
      own.set(file, byName)
    }
    const mine = byName.get(fn)
    const more = derived.get(`${file.path}\0${fn}`)
    return mine && more ? [...mine, ...more] : (mine ?? more)
  }
  // The helpers a call reaches depend on the module its name resolves to, the name and the members only, and many
  // calls (a barrel's names, asked again every round) walk the same re-exports to the same answer: kept until a helper
  // is derived, which may change any answer.
  const reached = new Map<string, { value: HelperSink[]; path: string } | undefined>()
  const helpersFor = (
    f: FileFacts,
    call: PendingFlowCall,
  ): { value: HelperSink[]; path: string } | undefined => {
    if (call.members.length > 2) return undefined
    const pick = (file: FileFacts, name: string): HelperSink[] | undefined => {
      const fn = helperCalled(file, name, call.members)
      return fn === undefined ? undefined : helpersOf(file, fn)
    }
    const target = call.from === '' ? f : modules.resolve(f.path, call.from)
    if (!target) return undefined
    const key = [target.path, call.exportName, ...call.members].join('\0')
    if (reached.has(key)) return reached.get(key)
    const answer =
      call.from === ''
        ? wrap(pick(f, call.exportName), f.path)
        : modules.exportedFact(f.path, call.from, call.exportName, pick)
    reached.set(key, answer)
    return answer
  }
  // A helper whose parameter goes on into another helper is a helper too, in the same module (`info(module, ...msg)`
  // → `this.log(module, 'info', ...msg)` → `console.log(…, ...msg)`) or an imported one (`log_error(err)` →
  // `send_to_slack(err)` in another module → `axios.post(webhook, …)`, a third party's sink only): grown until no call adds one (at most
  // MAX_HOPS rounds). Only a parameter passed on counts, so a helper that reports a message of its own makes none.
  const local = files.flatMap((f) =>
    (f.flows?.calls ?? []).filter((c) => c.values.some((v) => v.param)).map((call) => ({ f, call })),
  )
  const seen = new Set<string>()
  for (let round = 0; round < MAX_HOPS && local.length > 0; round++) {
    let grew = false
    for (const { f, call } of local)
      // A copy: a helper that passes its own parameter on to itself (recursion) adds to the list being read, which
      // would never end while each pass makes a longer path.
      for (const h of [...(helpersFor(f, call)?.value ?? [])]) {
        // A call that switches the helper's sink off makes no helper of its caller either. Across modules only a
        // third party's sink is passed on: a chain of imported helpers ending in the app's own log is mostly an
        // error's context (`Logger.error(new AppError({ additionalData: { payload } }))`), not what it means to send.
        // A URL helper's receiver is read at its calls only: one hop.
        if (switchedOff(h, call) || (call.from !== '' && h.vendor === 'logs') || h.urlParam !== undefined)
          continue
        for (const v of selectValues(call.values, [{ index: h.param, path: h.path }])) {
          if (!v.param) continue
          const next = passedOn(v, h, call)
          const key = [f.path, next.fn, next.param, next.path.join('.'), next.vendor, next.rule].join('\0')
          if (seen.has(key)) continue
          seen.add(key)
          const list = derived.get(`${f.path}\0${next.fn}`) ?? []
          list.push({ ...next, excerpt: traceExcerpt(v.trace[v.trace.length - 1], f.path) ?? call.call })
          derived.set(`${f.path}\0${next.fn}`, list)
          reached.clear()
          grew = true
        }
      }
    if (!grew) break
  }
  // The vendors whose SDK the repository imports, read only when a call's first name is a vendor's.
  let imported: ReadonlySet<string> | undefined
  for (const f of files)
    for (const call of f.flows?.calls ?? []) {
      const helpers = helpersFor(f, call)
      // A whole typed object passed to a helper: the fields its type declares, each a value of its own category.
      // A helper that sends one member of its parameter (`dto.email`) sends that field of the type only; a typed
      // object the call passes inside that member (`send({ html: render(order) })`) is sent whole.
      const typed =
        helpers?.value.length && call.values.some((v) => (v.typeRef || v.returnRef) && !v.category)
      for (const h of helpers?.value ?? []) {
        if (switchedOff(h, call)) continue
        const sent = typed
          ? { ...call, values: call.values.flatMap((v) => fieldsOf(f, v, h.path[v.at.length - 1])) }
          : call
        out.push(...helperFlows(f.path, sent, h, helpers!.path, words))
        if (h.fallback) decide(fallbacks, h, call)
      }
      if (call.named && !resolved.has(call) && !helpers?.value.length)
        out.push(
          ...namedLogFlows(
            f.path,
            call,
            rules,
            () => (imported ??= importedVendors(files, rules)),
            (v) => fieldsOf(f, v),
          ),
        )
    }
  // A base class's sinks whose receiver its subclasses name: one flow per vendor a subclass uses (several
  // subclasses may use the same one).
  const inherited = new Set<string>()
  for (const f of files)
    for (const sc of f.flows?.subclasses ?? [])
      for (const x of inheritedFlows(f, sc, modules, words))
        if (!inherited.has(x.evidence.fingerprint)) {
          inherited.add(x.evidence.fingerprint)
          out.push(x)
        }
  // Sinks whose model a function of another module returns: one flow per model maker that module or its imports use.
  for (const f of files)
    for (const sink of f.flows?.modelHelpers ?? [])
      for (const x of modelHelperFlows(f, sink, modules, rules))
        if (!inherited.has(x.evidence.fingerprint)) {
          inherited.add(x.evidence.fingerprint)
          out.push(x)
        }
  // A whole typed object a sink of the module sends (`console.info('Adding case', w)`, `w: Worksite`).
  for (const f of files)
    for (const t of f.flows?.typed ?? [])
      for (const v of fieldsOf(f, t.value)) {
        const flow = flowOf(v, { category: undefined }, t.call, words)
        if (flow) out.push(finding(f.path, t.vendor, flow, v, t, t.rule, v.trace))
      }
  // A request whose URL starts with a constant another module exports: the vendor whose host it holds.
  for (const f of files)
    for (const u of f.flows?.urlFlows ?? []) {
      const hit = modules.exportedString(f.path, u.url.from, u.url.key)
      const vendor = hit && vendorOfUrl(rules, hit.value + u.url.suffix)
      if (!vendor) continue
      for (const v of u.values.flatMap((v) => (v.category ? [v] : fieldsOf(f, v)))) {
        const flow = flowOf(v, { category: undefined }, u.call, words)
        if (flow)
          out.push(
            finding(f.path, vendor, flow, v, u, u.rule, [
              ...v.trace,
              `${hit.path}: ${u.url.key} = '${hit.value}'`,
            ]),
          )
      }
    }
  const superseded = new Set([...fallbacks].filter(([, keep]) => !keep).map(([fingerprint]) => fingerprint))
  return { findings: out.filter((x) => !superseded.has(x.evidence.fingerprint)), superseded }
}

/**
 * A logger the repository builds itself (`const logger = createLogger('jobs')` from a workspace package, a class of
 * its own injected as `private logger: PinoLogger`) whose writing the link step cannot follow to a sink: its names say
 * it writes the app's logs, as for a logger whose origin is not seen at all (`by_name` sinks); or a client held under
 * its vendor's name, whose SDK the repository imports (`vendorNamedSinks`).
 */
function namedLogFlows(
  path: string,
  call: PendingFlowCall,
  rules: RuleSet,
  imported: () => ReadonlySet<string>,
  fields: (v: FlowValue) => FlowValue[],
): Finding[] {
  const out: Finding[] = []
  const named = call.named!
  // `const mixpanel = getMixpanel(state); mixpanel.people.set(…)`: a client held under its vendor's name, kept where
  // the link step cannot follow (a store, a selector), whose SDK the repository imports.
  const client = vendorNamedSinks(rules, named)
  const sinks =
    client && imported().has(client.vendor) ? client.sinks : rules.sinks.match(named, false, { byName: true })
  for (const sink of sinks)
    // A whole typed record (`logger.debug(context)`, `context: SocketContext`) writes the fields its type declares.
    for (const v of sentValues(call.values, sink, named[named.length - 1], rules.flowVocabulary).flatMap(
      fields,
    )) {
      const flow = v.category ? flowOf(v, sink, call.call, rules.flowVocabulary) : undefined
      if (flow) out.push(finding(path, sink.vendor, flow, v, call, sink.rule, v.trace))
    }
  return out
}

/** The vendors whose SDK some file of the repository imports (a runtime import, not `import type`). */
function importedVendors(files: readonly FileFacts[], rules: RuleSet): ReadonlySet<string> {
  const out = new Set<string>()
  for (const f of files)
    for (const i of f.imports) {
      const v = i.typeOnly ? undefined : rules.vendorForImport(i.specifier)
      if (v) out.add(v.id)
    }
  return out
}

/** The flows of a base class's sinks whose receiver a method names, sent to the vendor a subclass's method uses. */
function inheritedFlows(
  f: FileFacts,
  sc: SubclassFact,
  modules: ModuleIndex,
  words: FlowVocabulary,
): Finding[] {
  const base = modules.exportedFact(f.path, sc.from, sc.imported, (file, name) => {
    const cls = ownValue(file.flows?.classes, name) ?? name
    const list = file.flows?.inherited?.filter((i) => i.cls === cls)
    return list && list.length > 0 ? list : undefined
  })
  if (!base) return []
  const out: Finding[] = []
  for (const sink of base.value) {
    const vendor = ownValue(sc.vendors, sink.method)
    if (!vendor) continue
    const via = `${f.path}: ${sc.cls}.${sink.method}() uses ${vendor}`
    for (const v of sink.values) {
      const flow = flowOf(v, { category: sink.category }, sink.call, words)
      if (flow) out.push(finding(base.path, vendor, flow, v, sink, sink.rule, [...v.trace, via]))
    }
  }
  return out
}

/**
 * The flows of a sink whose model a function of another repository module returns (`getModel(provider, name)` picking
 * a provider at run time): sent to every vendor found in that module, or in the repository modules it imports, whose
 * rule lists the sink's category among the data it receives (the model makers it can pick, by their packages or hosts).
 */
function modelHelperFlows(
  f: FileFacts,
  sink: ModelHelperSink,
  modules: ModuleIndex,
  rules: RuleSet,
): Finding[] {
  const helper = modules.resolve(f.path, sink.from)
  if (!helper || !sink.category) return []
  const category = sink.category
  const vendors = new Set<string>()
  const receives = (id: string | undefined): boolean =>
    id !== undefined && (rules.vendors.get(id)?.data_categories.includes(category) ?? false)
  const collect = (file: FileFacts): void => {
    for (const i of file.imports) {
      const id = i.typeOnly ? undefined : rules.vendorForImport(i.specifier)?.id
      if (receives(id)) vendors.add(id!)
    }
    // A host the module names (an OpenAI client pointed at OpenRouter's base URL).
    for (const x of file.findings)
      if ((x.kind === 'processor' || x.kind === 'analytics') && receives(x.key)) vendors.add(x.key)
  }
  collect(helper)
  for (const spec of helper.localImports ?? []) {
    const next = modules.resolve(helper.path, spec)
    if (next && next !== f) collect(next)
  }
  const out: Finding[] = []
  for (const vendor of [...vendors].sort()) {
    const via = `${helper.path}: ${sink.exportName}() can return a ${vendor} model`
    for (const v of sink.values) {
      const flow = flowOf(v, { category }, sink.call, rules.flowVocabulary)
      if (flow) out.push(finding(f.path, vendor, flow, v, sink, sink.rule, [...v.trace, via]))
    }
  }
  return out
}

/**
 * Records whether a caller of a helper leaves the flow the helper's parameter name gave standing: it does when it
 * passes, at that parameter, a value of no known category (the name is all there is to go on); a caller that
 * passes a classified value, a literal or nothing there decides it away.
 */
function decide(fallbacks: Map<string, boolean>, h: HelperSink, call: PendingFlowCall): void {
  const arg = { index: h.param, path: h.path }
  const keep =
    selectValues(call.values, [arg]).some((v) => !v.category) ||
    (call.opaque ?? []).some((at) => within(at, arg))
  fallbacks.set(h.fallback!, (fallbacks.get(h.fallback!) ?? false) || keep)
}

/**
 * The helper name a call reaches in the module that exports `name`: `track`, `analytics.track`, or through a name
 * that stands for a class of the module (`log.info` on `export const log = new Logger()`, `Logger.get(…).debug` on
 * a static method returning an instance) the class's method, `Logger.info`.
 */
function helperCalled(file: FileFacts, name: string, members: readonly string[]): string | undefined {
  const classes = file.flows?.classes
  // `const log = require('./Logger'); log.info(…)` on `module.exports = new Logger()`: the instance's method.
  const whole = ownValue(classes, '*')
  if (members.length === 0) return whole === undefined ? name : `${whole}.${name}`
  const owner = ownValue(classes, name) ?? name
  // `product.identify(…)` on `export default { identify }`: the module's function the object's property names.
  if (members.length === 1)
    return ownValue(file.flows?.objects, `${name}.${members[0]}`) ?? `${owner}.${members[0]}`
  const made = ownValue(classes, `${owner}.${members[0]}`)
  return made === undefined ? undefined : `${made}.${members[1]}`
}

/** Whether the call leaves out, or passes `false` at, the parameter the helper's sink needs true (`HelperSink.guard`). */
function switchedOff(h: HelperSink, call: PendingFlowCall): boolean {
  if (h.guard === undefined || call.argc === undefined) return false
  return (call.falsy ?? []).includes(h.guard) || (!h.guardOpen && call.argc <= h.guard)
}

/**
 * The guard a caller's helper inherits when it passes its own parameter at the helper's guard (`search(options,
 * useCache = true) { send(request, useCache) }`): that parameter, which a call switches off only by writing `false`.
 */
function passedGuard(h: HelperSink, call: PendingFlowCall): Pick<HelperSink, 'guard' | 'guardOpen'> {
  if (h.guard === undefined) return {}
  const at = String(h.guard)
  const own = call.values.find(
    (v) => v.param && v.param.path.length === 0 && v.at.length === 1 && v.at[0] === at,
  )
  return own ? { guard: own.param!.index, guardOpen: true } : {}
}

/** The helper a caller's own parameter makes when the caller passes it on to a helper's parameter. */
function passedOn(v: FlowValue, h: HelperSink, call: PendingFlowCall): Omit<HelperSink, 'excerpt'> {
  const param = v.param!
  // The caller passes a whole object of which the helper sends a part: that part of the caller's parameter.
  const deeper = h.path.slice(Math.max(0, v.at.length - 1))
  return {
    fn: param.fn,
    param: param.index,
    path: [...param.path, ...deeper],
    vendor: h.vendor,
    ...(h.category && { category: h.category }),
    ...passedGuard(h, call),
    ...(h.noCredential && { noCredential: true as const }),
    rule: h.rule,
    call: `${call.call} → ${h.call}`,
    line: v.line,
  }
}

function wrap<T>(value: T | undefined, path: string): { value: T; path: string } | undefined {
  return value === undefined ? undefined : { value, path }
}

/**
 * The client fact a module holds under a name: its own, a property of the client a CommonJS module exports whole, or
 * a re-export of a package (`export { PostHog } from …`).
 */
function clientOf(file: FileFacts, name: string): ClientFact | undefined {
  const own = ownValue(file.flows?.clients, name)
  if (own) return own
  // `module.exports = logger` (CommonJS): `require('./log').warn` reads `warn` off the client the module is.
  const whole = name === '*' || name === 'default' ? undefined : ownValue(file.flows?.clients, '*')
  if (whole) return { ...whole, members: [...whole.members, name] }
  for (const re of file.reexports ?? [])
    if (!re.names && !isLocalSpecifier(re.from)) return { module: re.from, imported: name, members: [] }
  return undefined
}

/** What following clients reads: the module index, which packages are a vendor's, and a memo of exported clients. */
interface ClientLookup {
  modules: ModuleIndex
  vendorPackage: (module: string) => boolean
  /**
   * The client fact a module exports under a name, by the module's path and the name: the same for every call that
   * reaches it (a module's facts are fixed while linking), and asked once per call of a client.
   */
  exported: Map<string, { value: ClientFact; path: string } | undefined>
}

/** Follows the name a call is made on to the SDK client it is, through modules and workspace packages. */
function resolveCall(f: FileFacts, call: PendingFlowCall, lookup: ClientLookup): ResolvedClient | undefined {
  return follow(f, { module: call.from, imported: call.exportName, members: [] }, lookup, 0)
}

/** The client fact the module `specifier` names in `from` exports under `name`, following re-exports (memoised). */
function exportedClient(
  from: FileFacts,
  specifier: string,
  name: string,
  lookup: ClientLookup,
): { value: ClientFact; path: string } | undefined {
  const target = lookup.modules.resolve(from.path, specifier)
  if (!target) return undefined
  const key = `${target.path}\0${name}`
  if (lookup.exported.has(key)) return lookup.exported.get(key)
  const found = lookup.modules.exportedFact(from.path, specifier, name, clientOf)
  lookup.exported.set(key, found)
  return found
}

function follow(
  file: FileFacts,
  fact: ClientFact,
  lookup: ClientLookup,
  hops: number,
): ResolvedClient | undefined {
  if (hops > MAX_HOPS) return undefined
  if (fact.module === undefined)
    return { chain: [fact.imported, ...fact.members], vendor: fact.vendor, path: file.path }
  const { modules, vendorPackage } = lookup
  const name = fact.imported
  const found =
    fact.module === ''
      ? wrap(clientOf(file, name), file.path)
      : exportedClient(file, fact.module, name, lookup)
  // A package: the SDK itself. A workspace package a vendor rule names (the vendor's SDK kept in the repository, as
  // a Catalyst storefront keeps @bigcommerce/catalyst-client) is that SDK when no client inside it resolves.
  const sdk = (): ResolvedClient => ({
    module: fact.module,
    chain: name === 'default' || name === '*' ? [...fact.members] : [name, ...fact.members],
    vendor: fact.vendor,
    path: file.path,
  })
  const vendorSdk = fact.module !== '' && vendorPackage(fact.module)
  if (!found)
    return fact.module === '' || (modules.resolve(file.path, fact.module) && !vendorSdk) ? undefined : sdk()
  const next = modules.byPath.get(found.path)!
  const inner = follow(
    next,
    { ...found.value, members: [...found.value.members, ...fact.members] },
    lookup,
    hops + 1,
  )
  if (!inner) return vendorSdk ? sdk() : undefined
  return {
    ...inner,
    vendor: inner.vendor ?? fact.vendor,
    path: inner.module === undefined ? found.path : inner.path,
  }
}

function matchClient(client: ResolvedClient, call: PendingFlowCall, rules: RuleSet): CompiledSink[] {
  const chain = [...client.chain, ...call.members]
  return rules.sinks
    .match(chain, call.ctor, client.module ? { module: client.module } : { global: true })
    .filter((s) => !s.url && !s.vendorArg) // a URL or a model argument is read where the call is written
}

/**
 * Who receives what a client's sink sends. A logger another module of the app builds and streams to a vendor
 * (`createAppLogger()` whose bunyan streams include `createCWStream(…)`) writes the app's own logs as well: a factory
 * of the app's sets up its outputs, the vendor's stream among them.
 */
function receivers(sink: CompiledSink, client: ResolvedClient, rules: RuleSet): string[] {
  if (sink.vendor === 'logs') return client.vendor ? [client.vendor, 'logs'] : ['logs']
  if (sink.vendor) return [client.vendor ?? sink.vendor]
  const vendor = client.module ? (rules.vendorForImport(client.module)?.id ?? client.vendor) : undefined
  return vendor ? [vendor] : []
}

/**
 * A function giving, for a value that is a whole object of a named record type (`FlowValue.typeRef`), one value per
 * category the fields of that record's declaration were classified as (`Worksite.city`, `Worksite.postal_code`), in
 * the module the type comes from (only the field `only` names, when given); any other value is returned as it is.
 * Answers are kept per module and type.
 */
function recordFields(modules: ModuleIndex): (f: FileFacts, v: FlowValue, only?: string) => FlowValue[] {
  const byType = new Map<string, Map<string, Finding> | undefined>()
  const fieldsIn = (file: FileFacts, name: string): Map<string, Finding> | undefined => {
    const key = `${file.path}\0${name}`
    if (byType.has(key)) return byType.get(key)
    let found: Map<string, Finding> | undefined
    for (const x of file.findings)
      if (x.kind === 'personalData' && x.evidence.symbol?.startsWith(`${name}.`) && !found?.has(x.key))
        (found ??= new Map()).set(x.key, x)
    byType.set(key, found)
    return found
  }
  const returnedBy = (file: FileFacts, name: string): FlowValue[] | undefined =>
    ownValue(file.flows?.returns, name)
  return (f, v, only) => {
    if (v.returnRef && !v.category) return returnedValues(f, v, modules, returnedBy)
    const ref = v.typeRef
    if (!ref || v.category) return [v]
    const target = ref.from === '' ? f : modules.resolve(f.path, ref.from)
    const fields = target && fieldsIn(target, ref.name)
    if (!fields) return [v]
    const chosen = [...fields.values()].filter(
      (x) => only === undefined || x.evidence.symbol === `${ref.name}.${only}`,
    )
    return chosen.map((x) => ({
      ...v,
      category: x.key,
      confidence: 'medium',
      reason: `of type ${ref.name}, whose ${x.evidence.symbol} is ${x.key}`,
      trace: [...v.trace, `${target.path}:${x.evidence.line}: ${x.evidence.excerpt ?? x.evidence.symbol}`],
    }))
  }
}

/**
 * The values a call's result carries when it is what a function of another module returns (`FlowValue.returnRef`):
 * that function's returned personal data (`FlowFacts.returns`), under the part of the result the caller took, placed
 * where the call's result sits; nothing when the function is unknown or returns none.
 */
function returnedValues(
  f: FileFacts,
  v: FlowValue,
  modules: ModuleIndex,
  returnedBy: (file: FileFacts, name: string) => FlowValue[] | undefined,
): FlowValue[] {
  const ref = v.returnRef!
  const hit = modules.exportedFact(f.path, ref.from, ref.name, returnedBy)
  if (!hit) return []
  const out: FlowValue[] = []
  for (const r of hit.value) {
    // `const { title } = build(event)`: only what the function returns under `title` (or the whole of it).
    const n = Math.min(ref.path.length, r.at.length)
    if (ref.path.slice(0, n).some((p, i) => r.at[i] !== p)) continue
    out.push({
      ...v,
      category: r.category,
      rule: r.rule,
      confidence: r.confidence,
      source: r.source,
      reason: `${r.reason ?? ''}; returned by ${ref.name}() in ${hit.path}`,
      trace: [...r.trace, ...v.trace],
      at: [...v.at, ...r.at.slice(n)],
      returnRef: undefined,
    })
  }
  return out
}

function helperFlows(
  path: string,
  call: PendingFlowCall,
  h: HelperSink,
  helperPath: string,
  words: FlowVocabulary,
): Finding[] {
  const out: Finding[] = []
  // A URL helper sends to the vendor this call's URL names, and nowhere when it names none.
  const vendor = h.urlParam === undefined ? h.vendor : call.urls?.find((u) => u.index === h.urlParam)?.vendor
  if (!vendor) return out
  for (const v of selectValues(call.values, [{ index: h.param, path: h.path }])) {
    if (!v.category || (h.noCredential && isCredential(v))) continue
    const flow = flowOf(v, { category: undefined }, `${call.call} → ${h.call}`, words)
    if (flow)
      out.push(
        finding(path, vendor, flow, v, call, h.rule, [...v.trace, `${helperPath}:${h.line}: ${h.excerpt}`]),
      )
  }
  return out
}

function finding(
  path: string,
  vendor: string,
  flow: FlowOf,
  v: FlowValue,
  call: Pick<PendingFlowCall, 'call'>,
  rule: string,
  trace: string[],
): Finding {
  const key = flowKey(vendor, flow.category)
  const symbol = flowSymbol(call.call, v)
  const excerpt = traceExcerpt(v.trace[v.trace.length - 1], path)
  const lowered = ILLUSTRATIVE_PATH.test(path)
    ? 'in example/demo code'
    : isOpsScript(path)
      ? 'in an operations script'
      : undefined
  return {
    kind: 'flow',
    key,
    evidence: {
      path,
      line: v.line,
      column: v.column,
      symbol,
      rule,
      confidence: lowered ? 'low' : flow.confidence,
      how: 'sink',
      excerpt,
      reason: lowered ? `${flow.reason}; ${lowered}` : flow.reason,
      fingerprint: fingerprintOf('flow', key, path, symbol),
      trace,
    },
  }
}

/** The source text of a trace step `path:line: text` in `path`. */
function traceExcerpt(step: string | undefined, path: string): string | undefined {
  if (!step?.startsWith(path + ':')) return undefined
  const rest = step.slice(path.length + 1)
  return rest.slice(rest.indexOf(': ') + 2) || undefined
}
