import { ts } from 'ts-morph'
import type { CompiledSink } from '../../../rules/sinks.js'
import { fingerprintOf, flowKey, isLocalSpecifier } from '../../file-scan.js'
import type { ClientFact, FlowFacts, FlowValue } from '../../flows/facts.js'
import { originOf, originsOf, parameterChain, type CallOrigin } from '../../flows/origin.js'
import {
  argumentAt,
  hostOverride,
  hostUnknown,
  namedReceiver,
  stringOf,
  transportVendor,
  vendorNamedSinks,
  vendorOfUrl,
} from '../../flows/receiver.js'
import { deferredMethod, subclassFacts } from '../../flows/inherited.js'
import {
  flowOf,
  flowSymbol,
  isCredential,
  isTestFile,
  selectValues,
  sendFlows,
  sentValues,
} from '../../flows/send.js'
import { topLevelClassName, ValueReader } from '../../flows/values.js'
import { importedUrlRefs } from './outbound-calls.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { ownRecord, ownValue } from '../../../util/own.js'
import { tokenizeIdentifier } from '../../pii/tokenize.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Where a sink call's chain starts: an SDK's module or a global. */
type SinkOrigin = Exclude<CallOrigin, { kind: 'local' }>

/** What sends to a sink: a call, or a vendor's component rendered with props (`<IntercomProvider autoBootProps={…}>`). */
type SinkSite = ts.CallExpression | ts.NewExpression | ts.JsxElement | ts.JsxSelfClosingElement

/** The detector's per-file state: the file's value reader and flow facts, which image-urls shares. */
export interface SinkCallsState {
  reader: ValueReader
  facts: FlowFacts
  /** Whether the file imports a vendor's SDK whose rule lists no sinks: its method calls are then read too. */
  sinklessSdk: boolean
  /** Local names of imported vendor components that send their props (computed at the file's first JSX element). */
  components?: ReadonlySet<string>
  /** The module's exported top-level functions, by node: what their `return`s carry is a fact for other modules. */
  exported: ReadonlyMap<ts.Node, string>
}

/** Modules that are never a repository's own: Node built-ins. */
const BUILTIN =
  /^(node:|(fs|path|os|crypto|http|https|url|util|events|stream|child_process|zlib|buffer|querystring|net|tls|dns|assert|worker_threads)(\/|$))/

/**
 * Records a call whose destination another module decides: a client or helper it imports from the repository. Only
 * calls that pass personal data (or a helper's own parameter) are kept.
 */
function pending(
  state: SinkCallsState,
  ctx: WalkContext,
  call: ts.CallExpression | ts.NewExpression,
  from: string,
  imported: string,
  members: readonly string[],
  ctor: boolean,
): void {
  const args = call.arguments ?? []
  if (args.length === 0) return
  // `import * as analytics from './analytics'; analytics.track(…)`: the export is the first member.
  const [exportName, rest] =
    imported === '*' && members.length > 0 ? [members[0]!, members.slice(1)] : [imported, members]
  if (exportName === '*') return
  ownFunctionSinks(state, ctx, call, [exportName, ...rest])
  // Linking can use the call in two ways only: as a helper (`track(…)`, `analytics.track(…)`: at most one member)
  // or as a client call, whose chain ends with the call's last member — which must then end some sink.
  if (rest.length > 1 && !ctx.scan.rules.sinks.mayEndWith(rest[rest.length - 1]!)) return
  // `const logger = require('@medic/logger'); logger.info(…)`: a whole module under a logger's name, whose export the
  // link step may not follow (`module.exports = create()`), names the logger as a member chain does.
  const callee =
    rest.length > 0 || imported === '*' ? loggerNames(ctx, call) : moduleLoggerNames(ctx, from, exportName)
  const named = callee?.names
  const opaque: string[][] = []
  const values = state.reader.args(
    args,
    true,
    opaque,
    callee?.logs === true,
    namesMailSend([exportName, ...rest]),
  )
  if (values.length === 0) return
  const { line, column } = ctx.pos(call)
  const falsy = args.flatMap((a, i) => (unwrap(a)?.kind === SK.FalseKeyword ? [i] : []))
  const urls = urlVendors(args, ctx)
  ;(state.facts.calls ??= []).push({
    from,
    exportName,
    members: [...rest],
    ctor,
    values,
    ...(opaque.length > 0 && { opaque }),
    argc: args.length,
    ...(falsy.length > 0 && { falsy }),
    call: callText(call),
    ...(named && { named }),
    ...(urls && { urls }),
    line,
    column,
  })
}

/** Whether a vendor sends e-mail: the message it is handed goes to the person's inbox. */
function sendsMail(ctx: WalkContext, vendor: string): boolean {
  return ctx.scan.rules.vendors.get(vendor)?.categories.some((c) => c.startsWith('email-')) ?? false
}

/**
 * Whether a call of the repository's own code sends an e-mail by its names (`sendEmail(…)`,
 * `mailClient.sendEmail(…)`, `EmailService.sendGenericEmail(…)`): its last name says send, a name says mail.
 */
function namesMailSend(names: readonly string[]): boolean {
  const last = tokenizeIdentifier(names[names.length - 1] ?? '')
  return (
    last[0] === 'send' &&
    names.some((n) => tokenizeIdentifier(n).some((t) => t === 'mail' || t === 'email' || t === 'mailer'))
  )
}

/** Argument kinds that may spell a URL: a literal, a template, or a name or field holding one. */
const URL_LIKE = new Set<ts.SyntaxKind>([
  SK.StringLiteral,
  SK.NoSubstitutionTemplateLiteral,
  SK.TemplateExpression,
  SK.Identifier,
  SK.PropertyAccessExpression,
])

/**
 * The vendors the URLs among a call's arguments name (a host literal, a constant, a class field `this.baseUrl`):
 * read on calls of the repository's own functions that pass data, where a URL helper may receive them.
 */
function urlVendors(
  args: readonly ts.Expression[],
  ctx: WalkContext,
): { index: number; vendor: string }[] | undefined {
  if (args.length < 2) return undefined
  let out: { index: number; vendor: string }[] | undefined
  args.forEach((a, index) => {
    const e = unwrap(a)
    if (!e || !URL_LIKE.has(e.kind)) return
    const url = stringOf(e, ctx)
    const vendor = url ? vendorOfUrl(ctx.scan.rules, url) : undefined
    if (vendor) (out ??= []).push({ index, vendor })
  })
  return out
}

/**
 * The names a call on an imported object is written with (`logger.info`, `this.logger.info`) when a `by_name` logger
 * sink matches them: in server and browser code alike, as `console.*` (bench/accuracy/README.md, the logs convention);
 * or when they name a vendor and one of its SDK's sinks (`vendorNamedSinks`). `logs` says which (the arguments of a
 * logger are read for a signed-in user's secrets), matched once per call.
 */
function loggerNames(
  ctx: WalkContext,
  call: ts.CallExpression | ts.NewExpression,
): { names: string[]; logs: boolean } | undefined {
  const callee = unwrap(call.expression)
  if (callee?.kind !== SK.PropertyAccessExpression) return undefined
  const sinks = ctx.scan.rules.sinks
  if (!sinks.mayEndWith((callee as ts.PropertyAccessExpression).name.text)) return undefined
  const names: string[] = []
  let n: ts.Expression | undefined = callee
  while (n?.kind === SK.PropertyAccessExpression) {
    const name = nameText((n as ts.PropertyAccessExpression).name)
    if (name === undefined) return undefined
    names.unshift(name)
    n = unwrap((n as ts.PropertyAccessExpression).expression)
  }
  if (n?.kind === SK.Identifier) names.unshift((n as ts.Identifier).text)
  else if (n?.kind !== SK.ThisKeyword) return undefined
  const logs = namesLogger(ctx, names)
  // A client the app keeps somewhere the walk cannot follow (a store, a selector, an injected service), held under
  // its vendor's name: the link step credits it to the vendor when the repository imports its SDK.
  return logs || vendorNamedSinks(ctx.scan.rules, names)?.sinks.length ? { names, logs } : undefined
}

/**
 * The names of a function imported by name from a module of the repository named for a logger (`import { log } from
 * '@acme/logger'`, `import { warn } from '../utils/log'`): the module's name and the function's, matched like a
 * member chain (`logger.log`), as the link step may not follow what the module exports (`export const log =
 * logger.info` on a logger its own factory builds).
 */
function moduleLoggerNames(
  ctx: WalkContext,
  from: string,
  exportName: string,
): { names: string[]; logs: boolean } | undefined {
  const parts = from.split('/')
  let file = parts.pop()?.replace(/\.[cm]?[jt]sx?$/, '')
  if (file === 'index') file = parts.pop()
  if (!file) return undefined
  const names = [file.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), exportName]
  return namesLogger(ctx, names) ? { names, logs: true } : undefined
}

/** Whether a callee's names alone make it a logger of the app (a `by_name` sink of the logs: `logger.info`). */
function namesLogger(ctx: WalkContext, names: readonly string[]): boolean {
  return ctx.scan.rules.sinks.match(names, false, { byName: true }).some((s) => s.vendor === 'logs')
}

/**
 * A call of the repository's own request wrapper (`request(token, { method: 'POST', url: 'https://…', body })`,
 * `networkSvc.request(config)`): what its `own_function` sinks list goes to the host the arguments' URL names, which
 * the wrapper's body (an `XMLHttpRequest`, a client built from the config) does not say.
 */
function ownFunctionSinks(
  state: SinkCallsState,
  ctx: WalkContext,
  call: ts.CallExpression | ts.NewExpression,
  chain: readonly string[],
): void {
  if (call.kind !== SK.CallExpression) return
  const sinks = ctx.scan.rules.sinks.match(chain, false, { ownFunction: true })
  if (sinks.length > 0)
    sendToSinks(state, ctx, call, { kind: 'global', chain: [...chain], builders: [] }, sinks)
}

/** A bare module no vendor rule or sink names, which a workspace package of the repository may be. */
function mayBeWorkspace(module: string, ctx: WalkContext): boolean {
  return !BUILTIN.test(module) && ctx.scan.rules.vendorForImport(module) === undefined
}

/**
 * A module the repository may hold: a relative path or source-root alias (SvelteKit's `$lib/` too), or a scoped
 * package no vendor owns (workspace packages are nearly always scoped: `@acme/analytics`).
 */
function isRepositoryModule(module: string, ctx: WalkContext): boolean {
  if (isLocalSpecifier(module) || module.startsWith('$lib/')) return true
  return module.startsWith('@') && mayBeWorkspace(module, ctx)
}

/**
 * Values passed into sinks (rules' `sinks:`): SDK calls, loggers, HTTP requests to third parties. A call is looked at
 * only when its last name ends some sink's chain, or when it calls a name imported from another module of the
 * repository (or a top-level function of this file): those are recorded with their values and linked across files
 * (a client exported from `lib/stripe.ts`, a helper whose parameter reaches a sink).
 */
export const sinkCalls: SourceDetector<SinkCallsState | undefined> = {
  name: 'sink-calls',
  kinds: [SK.CallExpression, SK.NewExpression, SK.JsxElement, SK.JsxSelfClosingElement, SK.ReturnStatement],
  start(ctx) {
    if (!ctx.scan.flowsEnabled || isTestFile(ctx.scan.path)) return undefined
    return {
      reader: new ValueReader(ctx),
      facts: {},
      sinklessSdk: importsSinklessSdk(ctx),
      exported: exportedFunctions(ctx.sf),
    }
  },
  visit(node, ctx, state) {
    if (!state) return
    if (node.kind === SK.ReturnStatement) {
      const name = state.exported.get(ctx.scope.node)
      const e = (node as ts.ReturnStatement).expression
      if (name !== undefined && e) returnFacts(state, name, e)
      return
    }
    if (node.kind === SK.JsxElement || node.kind === SK.JsxSelfClosingElement) {
      vendorComponent(state, ctx, node as ts.JsxElement | ts.JsxSelfClosingElement)
      return
    }
    const call = node as ts.CallExpression | ts.NewExpression
    const own = ownMethodCall(call, ctx)
    if (own) {
      // `this.log(module, 'info', ...msg)`: a method of the same class, linked like a top-level function of the file.
      pending(state, ctx, call, '', own.cls, [own.method], false)
      return
    }
    const dynamic = dynamicMethod(call, ctx)
    if (dynamic) {
      sendToSinks(state, ctx, call, dynamic.origin, dynamic.sinks)
      return
    }
    if (!mayBeSink(call, ctx)) {
      if (state.sinklessSdk && call.expression.kind === SK.PropertyAccessExpression)
        sdkDefault(state, ctx, call)
      return
    }
    const origin = originOf(call.expression, ctx)
    if (!origin) {
      contextSinks(state, call, ctx)
      namedSinks(state, call, ctx)
      return
    }
    const ctor = node.kind === SK.NewExpression
    if (origin.kind === 'local') {
      pending(state, ctx, call, origin.from, origin.exportName, origin.members, ctor)
      return
    }
    if (origin.kind === 'import' && origin.module.startsWith('$lib/')) {
      // SvelteKit's alias for src/lib.
      pending(state, ctx, call, '@/lib/' + origin.module.slice(5), origin.imported, origin.members, ctor)
      return
    }
    const sinks = ctx.scan.rules.sinks.match(
      origin.chain,
      ctor,
      origin.kind === 'import' ? { module: origin.module } : { global: true },
    )
    // A vendor's SDK whose rule lists no sinks: its calls send what they are passed to the vendor.
    const fallback =
      sinks.length > 0 || ctor || origin.kind !== 'import'
        ? undefined
        : ctx.scan.rules.sinks.clientDefault(origin.module)
    if (fallback) {
      sendToSinks(state, ctx, call, origin, [fallback])
      return
    }
    if (sinks.length === 0) {
      // A package no rule knows may be a workspace package of this repository that wraps an SDK.
      if (origin.kind === 'import' && mayBeWorkspace(origin.module, ctx))
        pending(state, ctx, call, origin.module, origin.imported, origin.members, ctor)
      // A parameter typed with a package's type that no sink names may still be a framework's request context.
      else contextSinks(state, call, ctx)
      // A field or parameter typed with such a type (`constructor(public readonly log: Logger)`): the type names
      // no client the link step can follow, so its own names say what it is.
      if (origin.kind === 'import' && origin.typed) namedSinks(state, call, ctx)
      return
    }
    sendToSinks(state, ctx, call, origin, sinks)
  },
  finish(ctx, state) {
    if (!state) return
    // `export const build = (event) => ({ … })`: an arrow's body is what it returns, and no `return` was visited.
    for (const [fn, name] of state.exported) {
      const body = (fn as ts.ArrowFunction).body
      if (fn.kind === SK.ArrowFunction && body.kind !== SK.Block)
        returnFacts(state, name, body as ts.Expression)
    }
    const clients = moduleClients(ctx)
    if (clients) state.facts.clients = clients
    const classes = classNames(ctx)
    if (classes) state.facts.classes = classes
    const objects = objectFunctions(ctx)
    if (objects) state.facts.objects = objects
    const subclasses = subclassFacts(ctx, (m) => isRepositoryModule(m, ctx))
    if (subclasses) state.facts.subclasses = subclasses
    if (
      state.facts.calls ||
      state.facts.helpers ||
      state.facts.clients ||
      state.facts.classes ||
      state.facts.objects ||
      state.facts.inherited ||
      state.facts.modelHelpers ||
      state.facts.subclasses ||
      state.facts.typed ||
      state.facts.urlFlows ||
      state.facts.returns
    )
      ctx.scan.facts.flows = state.facts
  },
}

/** Kinds of a returned expression that may build a record or a text of the caller's data (not markup, not a literal). */
const RETURNED_KINDS = new Set<ts.SyntaxKind>([
  SK.ObjectLiteralExpression,
  SK.ArrayLiteralExpression,
  SK.TemplateExpression,
  SK.Identifier,
  SK.CallExpression,
  SK.BinaryExpression,
  SK.PropertyAccessExpression,
])

/**
 * The module's exported top-level functions (`export function build…`, `export const build = (…) => …`, a default
 * export), by their function node: a call of one in another module holds what its `return`s carry.
 */
function exportedFunctions(sf: ts.SourceFile): Map<ts.Node, string> {
  const out = new Map<ts.Node, string>()
  const exported = (s: ts.Statement): boolean =>
    (s as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers?.some(
      (m) => m.kind === SK.ExportKeyword,
    ) ?? false
  for (const s of sf.statements) {
    if (s.kind === SK.FunctionDeclaration && exported(s)) {
      const f = s as ts.FunctionDeclaration
      const isDefault = f.modifiers?.some((m) => m.kind === SK.DefaultKeyword)
      const name = isDefault ? 'default' : f.name?.text
      if (name !== undefined) out.set(f, name)
    } else if (s.kind === SK.VariableStatement && exported(s))
      for (const d of (s as ts.VariableStatement).declarationList.declarations) {
        const init = unwrap(d.initializer)
        if (
          d.name.kind === SK.Identifier &&
          (init?.kind === SK.ArrowFunction || init?.kind === SK.FunctionExpression)
        )
          out.set(init, d.name.text)
      }
  }
  return out
}

/**
 * Records the personal data one `return` of an exported function carries (`return { text: `From ${author}` }`), at
 * places relative to the returned value: a caller in another module sends it on (`FlowFacts.returns`).
 */
function returnFacts(state: SinkCallsState, name: string, e: ts.Expression): void {
  let x: ts.Expression | undefined = e
  while (
    x &&
    (x.kind === SK.AwaitExpression || x.kind === SK.ParenthesizedExpression || x.kind === SK.AsExpression)
  )
    x = (x as ts.AwaitExpression).expression
  if (!x || !RETURNED_KINDS.has(x.kind)) return
  const values = state.reader.args([x], true).filter((v) => v.category)
  if (values.length === 0) return
  const returns = (state.facts.returns ??= ownRecord<FlowValue[]>())
  const list = ownValue(returns, name) ?? []
  for (const v of values) list.push({ ...v, at: v.at.slice(1), param: undefined })
  returns[name] = list
}

/**
 * A vendor's component rendered with props (`<IntercomProvider autoBootProps={{ email }}>`, `<AutumnProvider
 * customerData={{ name, email }}>`): the props are the component's argument 0, sent like a call's to the sinks its
 * rule lists under the component's name, or to the vendor when its rule lists none. Only an element whose tag is a
 * name imported from a vendor's package is read (one set lookup per element).
 */
function vendorComponent(
  state: SinkCallsState,
  ctx: WalkContext,
  el: ts.JsxElement | ts.JsxSelfClosingElement,
): void {
  const opening = el.kind === SK.JsxElement ? el.openingElement : el
  const tag = opening.tagName
  if (tag.kind !== SK.Identifier || opening.attributes.properties.length === 0) return
  state.components ??= vendorComponentNames(ctx)
  if (!state.components.has(tag.text)) return
  const origin = originOf(tag, ctx)
  if (origin?.kind !== 'import') return
  const sinks = ctx.scan.rules.sinks.match(origin.chain, false, { module: origin.module })
  const fallback = sinks.length === 0 ? ctx.scan.rules.sinks.clientDefault(origin.module) : undefined
  if (sinks.length > 0 || fallback) sendToSinks(state, ctx, el, origin, fallback ? [fallback] : sinks)
}

/** The file's names imported from a vendor's package whose rule lists sinks under that name, or lists no sinks. */
function vendorComponentNames(ctx: WalkContext): ReadonlySet<string> {
  const out = new Set<string>()
  const sinks = ctx.scan.rules.sinks
  for (const [local, { module, imported }] of ctx.bindings.imports)
    if (
      (imported !== 'default' && imported !== '*' && sinks.match([imported], false, { module }).length > 0) ||
      sinks.clientDefault(module)
    )
      out.add(local)
  return out
}

/** Whether any import of the file is a vendor's SDK whose rule lists no sinks (`SinkIndex.clientDefault`). */
function importsSinklessSdk(ctx: WalkContext): boolean {
  for (const { module } of ctx.bindings.imports.values())
    if (ctx.scan.rules.sinks.clientDefault(module)) return true
  return false
}

/**
 * A method call no sink's last name covers, in a file that imports a vendor's SDK without sinks of its own
 * (`purchases.logIn(userId)` on a `Purchases` client): sent to that vendor when the call is on its SDK.
 */
function sdkDefault(
  state: SinkCallsState,
  ctx: WalkContext,
  call: ts.CallExpression | ts.NewExpression,
): void {
  if (call.kind !== SK.CallExpression || call.arguments.length === 0) return
  const origin = originOf(call.expression, ctx)
  if (origin?.kind !== 'import') return
  const sink = ctx.scan.rules.sinks.clientDefault(origin.module)
  if (sink) sendToSinks(state, ctx, call, origin, [sink])
}

/**
 * A request whose URL (or the host it starts with) is a parameter of the enclosing function (`postJson(url, body)` →
 * `fetch(url, { body: JSON.stringify(body) })`, `` fetch(`${baseUrl}/chat`, …) ``): the helper's other parameters
 * that reach the body are sent to whatever vendor each call's URL names, which the link step reads at the calls
 * (`PendingFlowCall.urls`). One hop: a helper made of such a helper is not followed.
 */
function urlHelper(
  state: SinkCallsState,
  ctx: WalkContext,
  call: SinkSite,
  sink: CompiledSink,
  origin: SinkOrigin,
  args: readonly ts.Expression[],
  urlArg: ts.Expression | undefined,
): void {
  const url = hostPart(urlArg)
  const [ref] = url ? state.reader.args([url]).filter((v) => v.param && v.at.length === 1) : []
  const urlParam = ref?.param
  if (!urlParam || urlParam.index < 0) return
  const values = state.reader.args(args, true)
  const sent = sentValues(values, sink, origin.chain[origin.chain.length - 1], ctx.scan.rules.flowVocabulary)
  for (const v of sent)
    if (v.param && v.param.fn === urlParam.fn && v.param.index !== urlParam.index && !isCredential(v))
      (state.facts.helpers ??= []).push({
        fn: v.param.fn,
        param: v.param.index,
        path: v.param.path,
        vendor: '',
        urlParam: urlParam.index,
        rule: sink.rule,
        call: callText(call),
        line: v.line,
        excerpt: ctx.scan.excerpt(v.line),
      })
}

/** The part of a URL expression that decides its host: the whole, or a template's first substitution (`${base}/x`). */
function hostPart(e: ts.Expression | undefined): ts.Expression | undefined {
  const x = unwrap(e)
  if (x?.kind !== SK.TemplateExpression) return x
  const t = x as ts.TemplateExpression
  return t.head.text === '' ? t.templateSpans[0]!.expression : undefined
}

/**
 * `console[level](…)`: a method chosen at run time on an object whose logging methods are all sinks (a rule lists
 * several alternatives for the last name), which the call is then one of.
 */
function dynamicMethod(
  call: ts.CallExpression | ts.NewExpression,
  ctx: WalkContext,
): { origin: SinkOrigin; sinks: CompiledSink[] } | undefined {
  const callee = unwrap(call.expression)
  if (call.kind !== SK.CallExpression || callee?.kind !== SK.ElementAccessExpression) return undefined
  const access = callee as ts.ElementAccessExpression
  const key = access.argumentExpression
  if (ts.isStringLiteralLike(key) || key.kind === SK.NumericLiteral) return undefined
  const origin = originOf(access.expression, ctx)
  if (!origin || (origin.kind !== 'import' && origin.kind !== 'global')) return undefined
  const sinks = ctx.scan.rules.sinks.matchDynamic(
    origin.chain,
    origin.kind === 'import' ? { module: origin.module } : { global: true },
  )
  return sinks.length > 0 ? { origin, sinks } : undefined
}

/** Sends a call's values to the sinks it matched, and records the parameters that reach them as helpers. */
function sendToSinks(
  state: SinkCallsState,
  ctx: WalkContext,
  call: SinkSite,
  origin: SinkOrigin,
  sinks: readonly CompiledSink[],
): void {
  const args = siteArgs(call)
  let values: FlowValue[] | undefined
  let mailed: FlowValue[] | undefined
  for (const sink of sinks) {
    const receivers = receiversOf(sink, origin, args, ctx)
    if (receivers.length === 0) {
      if (sink.vendorArg) inheritedSink(state, ctx, call, sink, origin)
      else if (sink.url) {
        const url = argumentAt(args, sink.url, ctx)
        if (!importedUrlFlow(state, ctx, call, sink, origin, args, url))
          urlHelper(state, ctx, call, sink, origin, args, url)
      }
      continue
    }
    for (const to of receivers) {
      const vendor = to.vendor
      if (sink.records && recordsOn(sink, args, ctx)) recordsFlow(ctx, call, vendor, sink)
      // Only a browser SDK or the snippet's global writes cookies; a server SDK's group() sets none.
      if (
        !sink.fallback &&
        (origin.kind === 'global' || ctx.scan.rules.browserPackage(vendor, origin.module))
      )
        callCookies(ctx, call, vendor, origin.chain[origin.chain.length - 1])
      // A fixed-category sink (a prompt) sends any computed value; others only values that carry data.
      const dataOnly = sinks.every((s) => !s.category && s.argCategories.length === 0)
      const read = sendsMail(ctx, vendor)
        ? (mailed ??= state.reader.args(args, dataOnly, undefined, false, true))
        : (values ??= state.reader.args(
            args,
            dataOnly,
            undefined,
            sinks.every((s) => s.vendor === 'logs'),
          ))
      // A URL known only at run time is where the data goes, not data the vendor receives.
      const sent = to.byName ? read.filter((v) => !selectValues([v], [sink.url!]).length) : read
      const all = sentValues(sent, sink, origin.chain[origin.chain.length - 1], ctx.scan.rules.flowVocabulary)
      // A credential handed to an SDK with no listed sinks, or in a request's headers (`Authorization: Bearer …`),
      // authenticates the call to the service that issued it (bench/accuracy/README.md, credentials).
      const authenticates = (v: FlowValue): boolean =>
        sink.fallback || (sink.url !== undefined && vendor !== 'logs' && inHeaders(v))
      const selected = all.filter((v) => !(isCredential(v) && authenticates(v)))
      sendWithHelpers(state, ctx, selected, vendor, sink, callText(call), authenticates)
    }
  }
}

/**
 * A request whose URL starts with a constant another module of the repository exports (`` fetch(`${SHOP_API}/orders`,
 * { body }) ``): what it sends is kept for the link step, which reads the host where the constant is exported.
 * Credentials are left out: such a URL is mostly the issuer's own (a token endpoint, an API the key is for), which
 * the host alone does not tell. Whether one was recorded.
 */
function importedUrlFlow(
  state: SinkCallsState,
  ctx: WalkContext,
  call: SinkSite,
  sink: CompiledSink,
  origin: SinkOrigin,
  args: readonly ts.Expression[],
  urlExpr: ts.Expression | undefined,
): boolean {
  if (!urlExpr || sink.category) return false
  const url = stringOf(urlExpr, ctx)
  const refs = importedUrlRefs(ctx, urlExpr, new Set(url === undefined ? [] : [url]))
  if (refs.length !== 1) return false
  const read = state.reader.args(args, true)
  const sent = sentValues(
    read,
    sink,
    origin.chain[origin.chain.length - 1],
    ctx.scan.rules.flowVocabulary,
  ).filter(
    (v) =>
      (v.category !== undefined || v.typeRef !== undefined || v.returnRef !== undefined) && !isCredential(v),
  )
  if (sent.length > 0)
    (state.facts.urlFlows ??= []).push({ url: refs[0]!, rule: sink.rule, call: callText(call), values: sent })
  return true
}

/** Whether a value lies in a request's headers (`{ headers: { Authorization } }`), where it authenticates the call. */
function inHeaders(v: FlowValue): boolean {
  return v.at.some((k, i) => i > 0 && k.toLowerCase() === 'headers')
}

/**
 * Records the flows of the values a sink sends, and for each value that is a parameter of the function around it
 * a helper, so that what callers pass there is sent too (`generateEmbedding(text)`, under a prompt's category).
 */
export function sendWithHelpers(
  state: SinkCallsState,
  ctx: WalkContext,
  selected: readonly FlowValue[],
  vendor: string,
  sink: Pick<CompiledSink, 'category' | 'rule' | 'fallback'>,
  call: string,
  authenticates: (v: FlowValue) => boolean = () => sink.fallback,
): void {
  sendFlows(ctx.scan, selected, { vendor, sink, call }, state.facts)
  const guard = selected.some((v) => v.param) ? offByDefault(ctx) : undefined
  for (const v of selected)
    if (v.param)
      (state.facts.helpers ??= []).push({
        fn: v.param.fn,
        param: v.param.index,
        path: v.param.path,
        vendor,
        ...(sink.category && { category: sink.category }),
        ...(guard !== undefined && { guard }),
        ...(authenticates(v) && { noCredential: true as const }),
        rule: sink.rule,
        call,
        line: v.line,
        excerpt: ctx.scan.excerpt(v.line),
        ...(v.category && {
          fallback: fingerprintOf('flow', flowKey(vendor, v.category), ctx.scan.path, flowSymbol(call, v)),
        }),
      })
}

/**
 * The parameter of the function around the call that defaults to `false` and an enclosing `if` requires
 * (`if (useCache && request.method !== 'GET') console.warn(…)` in `send(request, useCache = false)`): its index.
 */
function offByDefault(ctx: WalkContext): number | undefined {
  const path = ctx.path
  for (let i = path.length - 1; i > 0; i--) {
    const n = path[i]!
    if (ts.isFunctionLike(n)) return undefined
    const parent = path[i - 1]!
    if (!ts.isIfStatement(parent) || parent.thenStatement !== n) continue
    let fn: ts.SignatureDeclaration | undefined
    for (let j = i - 2; j >= 0 && !fn; j--)
      if (ts.isFunctionLike(path[j]!)) fn = path[j] as ts.SignatureDeclaration
    if (!fn) return undefined
    for (const name of requiredNames(parent.expression)) {
      const index = fn.parameters.findIndex(
        (p) => nameText(p.name) === name && p.initializer?.kind === SK.FalseKeyword,
      )
      if (index >= 0) return index
    }
  }
  return undefined
}

/** The plain names a condition requires to be true: `a`, and each name of `a && b && …`. */
function requiredNames(e: ts.Expression): string[] {
  const x = unwrap(e)
  if (!x) return []
  if (ts.isIdentifier(x)) return [x.text]
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === SK.AmpersandAmpersandToken)
    return [...requiredNames(x.left), ...requiredNames(x.right)]
  return []
}

/**
 * A sink whose receiver a method of the calling class leaves to its subclasses (`streamText({ model:
 * this.getChatModel() })` in an abstract base class), or a function of another repository module returns
 * (`streamText({ model: await getModel(p, m) })`): what it sends is recorded for the link step, which gives it to
 * the vendor each subclass's implementation uses, or to the model makers the helper's module uses.
 */
function inheritedSink(
  state: SinkCallsState,
  ctx: WalkContext,
  call: SinkSite,
  sink: CompiledSink,
  origin: SinkOrigin,
): void {
  const args = siteArgs(call)
  const model = argumentAt(args, sink.vendorArg!, ctx)
  const deferred = deferredMethod(model, ctx)
  const from = deferred ? undefined : model && originOf(model, ctx)
  // Only a call of a function the module exports (`getModel(p, m)`; an imported constant is one model): a member of an exported registry (`registry.languageModel('fast')`)
  // picks one model by its id, not every maker the module imports.
  const helper =
    from?.kind === 'local' && from.from !== '' && from.members.length === 0 && from.builders.length > 0
      ? from
      : undefined
  if (!deferred && !helper) return
  const text = callText(call)
  const values = sentValues(
    state.reader.args(args, !sink.category),
    sink,
    origin.chain[origin.chain.length - 1],
    ctx.scan.rules.flowVocabulary,
  ).filter((v) => flowOf(v, sink, text, ctx.scan.rules.flowVocabulary))
  if (values.length === 0) return
  if (helper) {
    ;(state.facts.modelHelpers ??= []).push({
      from: helper.from,
      exportName: helper.exportName,
      rule: sink.rule,
      ...(sink.category && { category: sink.category }),
      values,
      call: text,
    })
    return
  }
  ;(state.facts.inherited ??= []).push({
    ...deferred!,
    rule: sink.rule,
    ...(sink.category && { category: sink.category }),
    values,
    call: text,
  })
}

/**
 * Whether a recording sink records on this call: always, or when one of its `records_when` options is written with a
 * value other than `0` or `false` (a sample rate read from settings counts as on).
 */
function recordsOn(sink: CompiledSink, args: readonly ts.Expression[], ctx: WalkContext): boolean {
  if (sink.recordsWhen.length === 0) return true
  return sink.recordsWhen.some((arg) => {
    const value = argumentAt(args, arg, ctx)
    if (!value) return false
    if (value.kind === SK.FalseKeyword) return false
    return value.kind !== SK.NumericLiteral || Number((value as ts.NumericLiteral).text) !== 0
  })
}

/**
 * The flow of a sink that records a category by being called at all (a session replay integration), and the category
 * as personal data at the call: the recording is the app collecting it, with no field that names it anywhere else.
 */
function recordsFlow(ctx: WalkContext, call: SinkSite, vendor: string, sink: CompiledSink): void {
  const text = callText(call)
  // Another detector may already read this call as the app collecting the category (a push-token request).
  if (!ctx.scan.hasSignalAt(sink.records!, ctx.pos(call)))
    ctx.scan.signal(
      sink.records!,
      ctx.pos(call),
      'sink',
      sink.rule,
      `${text}: ${vendor} records ${sink.records} once this is called`,
      `${text.replace(/\(…\)$/, '')}()`,
    )
  ctx.scan.flow({
    vendor,
    category: sink.records!,
    at: ctx.pos(call),
    symbol: `${text.replace(/\(…\)$/, '')}()`,
    rule: sink.rule,
    confidence: 'high',
    reason: `${text}: ${vendor} records ${sink.records} once this is called`,
    trace: [],
  })
}

/** The cookies the vendor's SDK writes when this method of it is called (vendor cookies' `set_by_calls`). */
function callCookies(ctx: WalkContext, call: SinkSite, vendor: string, method: string | undefined): void {
  if (!method) return
  for (const c of ctx.scan.rules.vendors.get(vendor)?.cookies ?? [])
    if (c.set_by_calls.includes(method))
      ctx.scan.cookie(
        c.name,
        c.name.includes('*'),
        ctx.at(call),
        `vendor.${vendor}.cookies`,
        `${callText(call).replace(/\(…\)$/, '')}()`,
        `${callText(call)} makes the ${vendor} SDK write ${c.name}`,
      )
}

/**
 * `this.<method>(…)` inside a top-level class that declares the method: the class and method names, which the
 * method's helper facts are recorded under (`Logger.log`).
 */
function ownMethodCall(
  call: ts.CallExpression | ts.NewExpression,
  ctx: WalkContext,
): { cls: string; method: string } | undefined {
  const callee = call.expression
  if (call.kind !== SK.CallExpression || callee.kind !== SK.PropertyAccessExpression) return undefined
  if ((callee as ts.PropertyAccessExpression).expression.kind !== SK.ThisKeyword) return undefined
  // `this.#log(…)`: a private method is declared (and its helpers recorded) under its name without the `#`.
  const method = nameText((callee as ts.PropertyAccessExpression).name)
  if (method === undefined) return undefined
  // The innermost class, when it is a top-level declaration (the path's first node is the file).
  const n = ctx.enclosingClass()
  if (n?.kind !== SK.ClassDeclaration || ctx.path[1] !== n) return undefined
  const cls = topLevelClassName(n as ts.ClassDeclaration)
  const declared = n.members.some((m) => m.kind === SK.MethodDeclaration && nameText(m.name) === method)
  return cls && declared ? { cls, method } : undefined
}

/**
 * Names that stand for a top-level class of the module, so that a call on them reaches the class's method helpers:
 * the default export (`export default class Logger`), an instance (`export const log = new Logger()`), and a method
 * that hands back an instance (`static get(name) { return new Logger(name) }`, `child() { return this }`) as
 * `Logger.get`.
 */
function classNames(ctx: WalkContext): Record<string, string> | undefined {
  let out: Record<string, string> | undefined
  const set = (name: string, cls: string): void => {
    ;(out ??= ownRecord())[name] = cls
  }
  const classes = new Set<string>()
  for (const stmt of ctx.sf.statements)
    if (stmt.kind === SK.ClassDeclaration) {
      const name = topLevelClassName(stmt as ts.ClassDeclaration)
      if (name) classes.add(name)
    }
  if (classes.size === 0) return undefined
  const instanceOf = (e: ts.Expression | undefined, own?: string): string | undefined => {
    const v = unwrap(e)
    if (v?.kind === SK.ThisKeyword) return own
    if (v?.kind !== SK.NewExpression) return undefined
    const callee = (v as ts.NewExpression).expression
    return callee.kind === SK.Identifier && classes.has((callee as ts.Identifier).text)
      ? (callee as ts.Identifier).text
      : undefined
  }
  for (const stmt of ctx.sf.statements) {
    if (stmt.kind === SK.ClassDeclaration) {
      const cls = stmt as ts.ClassDeclaration
      const name = topLevelClassName(cls)
      if (!name) continue
      if (name !== 'default' && ts.getModifiers(cls)?.some((m) => m.kind === SK.DefaultKeyword))
        set('default', name)
      for (const m of cls.members) {
        const method = m.kind === SK.MethodDeclaration ? nameText(m.name) : undefined
        const made = method && instanceOf(lastReturn((m as ts.MethodDeclaration).body), name)
        if (made) set(`${name}.${method}`, made)
      }
    } else if (stmt.kind === SK.VariableStatement) {
      for (const d of (stmt as ts.VariableStatement).declarationList.declarations) {
        const cls = d.name.kind === SK.Identifier ? instanceOf(d.initializer) : undefined
        if (cls) set((d.name as ts.Identifier).text, cls)
      }
    } else if (stmt.kind === SK.ExportAssignment) {
      const cls = instanceOf((stmt as ts.ExportAssignment).expression)
      if (cls) set('default', cls)
    } else {
      // `module.exports = new Logger()`: the module itself is the instance, so `require('./Logger').info` is its method.
      const assigned = topLevelAssignment(stmt)
      const cls = assigned?.target === 'module.exports' && instanceOf(assigned.right)
      if (cls) {
        set('default', cls)
        set('*', cls)
      }
    }
  }
  return out
}

/** A statement `left = right` (`module.exports = x`, `exports.audit = y`): the left side's dotted name and the value. */
function topLevelAssignment(
  stmt: ts.Statement,
): { target: string | undefined; right: ts.Expression } | undefined {
  if (stmt.kind !== SK.ExpressionStatement) return undefined
  const e = (stmt as ts.ExpressionStatement).expression
  if (e.kind !== SK.BinaryExpression || (e as ts.BinaryExpression).operatorToken.kind !== SK.EqualsToken)
    return undefined
  return { target: dottedName((e as ts.BinaryExpression).left), right: (e as ts.BinaryExpression).right }
}

/**
 * Properties of the module's top-level objects that name its top-level functions: `export default { identify,
 * capture }`, `const api = { send: sendMail }`, `module.exports = { track }` (as `default` and `*`). A caller in
 * another module writes `product.identify(…)`; the link step reaches `identify`'s helpers through this.
 */
function objectFunctions(ctx: WalkContext): Record<string, string> | undefined {
  let out: Record<string, string> | undefined
  const add = (names: readonly string[], obj: ts.Expression | undefined): void => {
    const o = unwrap(obj)
    if (o?.kind !== SK.ObjectLiteralExpression) return
    for (const p of (o as ts.ObjectLiteralExpression).properties) {
      const target =
        p.kind === SK.ShorthandPropertyAssignment
          ? p.name.text
          : p.kind === SK.PropertyAssignment && unwrap(p.initializer)?.kind === SK.Identifier
            ? (unwrap(p.initializer) as ts.Identifier).text
            : undefined
      const key = nameText(p.name)
      if (!target || !key || !isTopLevelFunction(target, ctx)) continue
      for (const name of names) (out ??= ownRecord())[`${name}.${key}`] = target
    }
  }
  for (const stmt of ctx.sf.statements) {
    if (stmt.kind === SK.VariableStatement) {
      for (const d of (stmt as ts.VariableStatement).declarationList.declarations)
        if (d.name.kind === SK.Identifier) add([d.name.text], d.initializer)
    } else if (stmt.kind === SK.ExportAssignment) {
      const e = unwrap((stmt as ts.ExportAssignment).expression)
      // `export default api` of a `const api = { … }` above.
      add(
        ['default'],
        e?.kind === SK.Identifier ? ctx.fileScope.own((e as ts.Identifier).text)?.initializer : e,
      )
    } else {
      const assigned = topLevelAssignment(stmt)
      if (assigned?.target === 'module.exports') add(['default', '*'], assigned.right)
    }
  }
  return out
}

/** Whether a name is a top-level function of the module: a declaration, or a `const` holding an arrow or function. */
function isTopLevelFunction(name: string, ctx: WalkContext): boolean {
  if (ctx.bindings.functions.has(name)) return true
  const init = unwrap(ctx.fileScope.own(name)?.initializer)
  return init !== undefined && (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression)
}

/**
 * A call on a client a framework hands to the handler on a parameter (Hydrogen's `context.customerAccount.mutate`):
 * a sink marked `from_parameter`, in a file that imports one of its modules, sends to that module's vendor.
 */
function contextSinks(
  state: SinkCallsState,
  call: ts.CallExpression | ts.NewExpression,
  ctx: WalkContext,
): void {
  if (call.kind !== SK.CallExpression) return
  const chain = parameterChain(call.expression, ctx)
  if (!chain) return
  const rules = ctx.scan.rules
  for (const sink of rules.sinks.match(chain, false, { parameter: true })) {
    let vendor: string | undefined
    for (const { module } of ctx.bindings.imports.values()) {
      const owner = rules.vendorForImport(module)?.id
      const listed = sink.modules
        ? sink.modules.some((m) => module === m || module.startsWith(m + '/'))
        : owner === sink.vendor
      if (listed && (vendor = sink.vendor || owner)) break
    }
    if (!vendor) continue
    const values = state.reader.args(call.arguments, !sink.category)
    sendFlows(ctx.scan, selectValues(values, sink.args), { vendor, sink, call: callText(call) })
  }
}

/**
 * A call on a receiver whose origin the walk cannot see, matched by its names alone (`by_name` sinks): `this.log.info`
 * with the field set by a base class of another package, `this.options.log.warn`, an untyped parameter `logger.error`.
 */
function namedSinks(
  state: SinkCallsState,
  call: ts.CallExpression | ts.NewExpression,
  ctx: WalkContext,
): void {
  if (call.kind !== SK.CallExpression) return
  const chain = unresolvedChain(call.expression, ctx)
  if (!chain || chain.length < 2) return
  const sinks = ctx.scan.rules.sinks.match(chain, false, { byName: true })
  if (sinks.length > 0) sendToSinks(state, ctx, call, { kind: 'global', chain, builders: [] }, sinks)
}

/**
 * The member chain of a callee read from `this` (`this.options.log.info` → options, log, info) or from an untyped
 * parameter of a declared function (`function notify(logger, user)`). Not from a parameter with a type annotation
 * the walk cannot follow, nor from a callback's parameter (`withAuth(async (request) => request.logger.info(…))`):
 * the code says what those are elsewhere (the callee's types), and the names alone are no better guess.
 */
function unresolvedChain(expr: ts.Expression, ctx: WalkContext): string[] | undefined {
  const members: string[] = []
  let n = unwrap(expr)
  while (n?.kind === SK.PropertyAccessExpression) {
    const name = nameText((n as ts.PropertyAccessExpression).name)
    if (name === undefined) return undefined
    members.unshift(name)
    n = unwrap((n as ts.PropertyAccessExpression).expression)
  }
  if (n?.kind === SK.ThisKeyword) return members
  if (n?.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((n as ts.Identifier).text)
  if (local?.kind !== 'parameter') return undefined
  if ((local.declaration as ts.ParameterDeclaration).type) return undefined
  const owner = ctx.scope.ownerOf(local)
  const at = owner ? ctx.path.indexOf(owner.node) : -1
  if (at <= 0 || ctx.path[at - 1]!.kind === SK.CallExpression) return undefined
  return parameterChain(expr, ctx)
}

/** The cheap test before resolving a call: a sink's last name, a constructor, or a repository-local name. */
function mayBeSink(call: ts.CallExpression | ts.NewExpression, ctx: WalkContext): boolean {
  let callee: ts.Expression = call.expression
  // `issues.create!(…)`: a method asserted to be there is the method.
  while (callee.kind === SK.NonNullExpression) callee = (callee as ts.NonNullExpression).expression
  if (callee.kind === SK.PropertyAccessExpression) {
    if (ctx.scan.rules.sinks.mayEndWith((callee as ts.PropertyAccessExpression).name.text)) return true
  } else if (callee.kind === SK.Identifier) {
    const name = (callee as ts.Identifier).text
    if (ctx.scan.rules.sinks.mayEndWith(name)) return true
    if (call.kind === SK.NewExpression && ctx.bindings.imports.has(name)) return true
    // `axios(config)`: a default export called directly, which sinks of its module name `default`.
    const imp = ctx.bindings.imports.get(name)
    if (
      imp?.imported === 'default' &&
      ctx.scan.rules.sinks.match([], false, { module: imp.module }).length > 0
    )
      return true
    if (madeByFactory(name, ctx)) return true
  }
  // The root name: a local module's export (a client or helper), or a top-level function of this file.
  while (
    callee.kind === SK.PropertyAccessExpression ||
    callee.kind === SK.CallExpression ||
    callee.kind === SK.NonNullExpression
  )
    callee = (callee as ts.PropertyAccessExpression | ts.CallExpression | ts.NonNullExpression).expression
  if (callee.kind !== SK.Identifier) return false
  const name = (callee as ts.Identifier).text
  const imp = ctx.bindings.imports.get(name)
  if (imp) return isRepositoryModule(imp.module, ctx)
  return isTopLevelFunction(name, ctx) || isRepositoryInstance(name, ctx)
}

/**
 * `const dbg = createDebug('app:auth')`: a local holding what a package's default export returns when called, which
 * sinks of the module name `default` (a debug logger's factory hands back the function that writes).
 */
function madeByFactory(name: string, ctx: WalkContext): boolean {
  const local = ctx.scope.lookup(name)
  const init =
    local && local.kind !== 'parameter' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  if (init?.kind !== SK.CallExpression) return false
  const factory = unwrap((init as ts.CallExpression).expression)
  const imp =
    factory?.kind === SK.Identifier ? ctx.bindings.imports.get((factory as ts.Identifier).text) : undefined
  return (
    (imp?.imported === 'default' || imp?.imported === '*') &&
    ctx.scan.rules.sinks.match([], false, { module: imp.module }).length > 0
  )
}

/**
 * `const emailService = new EmailService(config)` with the class imported from the repository: its methods may be
 * helpers (`emailService.sendEmailFromTemplate({ to })` → `sgMail.send(…)`), linked like the class's own calls.
 */
function isRepositoryInstance(name: string, ctx: WalkContext): boolean {
  const local = ctx.scope.lookup(name)
  const init = local?.kind === 'const' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  if (init?.kind !== SK.NewExpression) return false
  const cls = (init as ts.NewExpression).expression
  const imp = cls.kind === SK.Identifier ? ctx.bindings.imports.get((cls as ts.Identifier).text) : undefined
  return imp !== undefined && isRepositoryModule(imp.module, ctx)
}

/**
 * Who receives what a sink sends: its vendor (or the one the client was re-pointed at), `logs`, the URL's host, or
 * for a URL known only at run time the vendor the code around it names (`byName`).
 */
function receiversOf(
  sink: CompiledSink,
  origin: SinkOrigin,
  args: readonly ts.Expression[],
  ctx: WalkContext,
): { vendor: string; byName?: true }[] {
  if (sink.url) {
    const urlExpr = argumentAt(args, sink.url, ctx)
    const url = stringOf(urlExpr, ctx)
    const byHost = url ? vendorOfUrl(ctx.scan.rules, url) : undefined
    if (byHost) return [{ vendor: byHost }]
    if (!urlExpr || (url !== undefined && !hostUnknown(url))) return []
    const byName = namedReceiver(urlExpr, ctx)
    return byName ? [{ vendor: byName, byName: true }] : []
  }
  if (sink.vendorArg) {
    // A model chosen in branches (`let model` assigned `openai(id)` or `anthropic(id)`): each maker may receive it.
    const value = argumentAt(args, sink.vendorArg, ctx)
    // A maker exported by a generic package (`gateway('openai/gpt-5')` from ai) is known by its name there.
    // A maker pointed at another host (`createOpenAI({ baseURL: 'https://openrouter.ai/api/v1' })`) sends there.
    const makers = (value ? originsOf(value, ctx) : []).flatMap((from) => {
      if (from.kind !== 'import') return []
      const maker = ctx.scan.rules.vendorForImport(from.module)
      if (!maker) return ctx.scan.rules.vendorsForNamedImports(from.module, [from.imported]).map((v) => v.id)
      const hostOptions = maker.sinks?.host_options ?? []
      return (
        (hostOptions.length > 0 && hostOverride({ ...sink, hostOptions }, from.builders, ctx)) || maker.id
      )
    })
    return [...new Set(makers)].map((vendor) => ({ vendor }))
  }
  const vendor = sdkReceiver(sink, origin, ctx)
  return vendor ? [{ vendor }] : []
}

/** The receiver of an SDK or logger sink: the vendor the client's options name, or the sink's. */
function sdkReceiver(sink: CompiledSink, origin: SinkOrigin, ctx: WalkContext): string | undefined {
  if (sink.vendor === 'logs') return transportVendor(origin.builders, ctx) ?? 'logs'
  if (sink.vendor) return hostOverride(sink, origin.builders, ctx) ?? sink.vendor
  if (origin.kind !== 'import') return undefined
  // A module no vendor owns (nodemailer): the vendor its transport was built for.
  return ctx.scan.rules.vendorForImport(origin.module)?.id ?? transportVendor(origin.builders, ctx)
}

/** How a call is shown in evidence: `stripe.customers.create(…)`. */
function callText(call: SinkSite): string {
  const name =
    dottedName(
      call.kind === SK.JsxElement
        ? call.openingElement.tagName
        : call.kind === SK.JsxSelfClosingElement
          ? call.tagName
          : call.expression,
    )?.replace(/\(\)/g, '') ?? 'call'
  return `${call.kind === SK.NewExpression ? 'new ' : ''}${name}(…)`
}

/** The arguments a sink site passes: a call's own, or for a component its element, whose attributes are its props. */
function siteArgs(site: SinkSite): readonly ts.Expression[] {
  if (site.kind === SK.JsxElement || site.kind === SK.JsxSelfClosingElement) return [site]
  return site.arguments ?? []
}

/**
 * Module-level names that are SDK clients or loggers, or functions returning one: `export const stripe = new
 * Stripe(k)`, `const logger = pino()`, `export function getStripe() { … return stripeClient }` (a typed singleton),
 * `export default new PostHog(k)`, `export { client as analytics }`, and re-exports (`export { PostHog } from
 * 'posthog-node'`, types too: `export type { Stripe } from 'stripe'`). Other modules' calls are linked through them.
 */
function moduleClients(ctx: WalkContext): Record<string, ClientFact> | undefined {
  let out: Record<string, ClientFact> | undefined
  const set = (name: string, fact: ClientFact): void => {
    ;(out ??= ownRecord())[name] = fact
  }
  const add = (name: string, init: ts.Expression | undefined): void => {
    const v = unwrap(init)
    if (!v) return
    const value = returnedValue(v) ?? v
    const origin = originOf(value, ctx)
    if (!origin || isSinkResult(value, origin, ctx)) return
    if (origin.kind === 'local') {
      if (origin.from !== '' || origin.exportName !== name)
        set(name, { module: origin.from, imported: origin.exportName, members: origin.members })
      return
    }
    // A global is a client only when some sink starts at it (`export const log = console`).
    if (origin.kind === 'global' && !ctx.scan.rules.sinks.startsGlobal(origin.chain[0]!)) return
    const fact: ClientFact =
      origin.kind === 'import'
        ? { module: origin.module, imported: origin.imported, members: origin.members }
        : { imported: origin.chain[0]!, members: origin.chain.slice(1) }
    const vendor = clientVendor(origin, ctx)
    if (vendor) fact.vendor = vendor
    set(name, fact)
  }
  const locals = new Map<string, ts.Expression>()
  // An exported name stands for the value of the top-level variable it names (`module.exports = logger`).
  const valueOf = (e: ts.Expression): ts.Expression =>
    e.kind === SK.Identifier ? (locals.get((e as ts.Identifier).text) ?? e) : e
  for (const stmt of ctx.sf.statements) {
    if (stmt.kind === SK.VariableStatement) {
      for (const d of (stmt as ts.VariableStatement).declarationList.declarations)
        if (d.name.kind === SK.Identifier) {
          if (d.initializer) locals.set(d.name.text, d.initializer)
          add(d.name.text, d.initializer ?? d.name)
        }
    } else if (stmt.kind === SK.FunctionDeclaration) {
      const fn = stmt as ts.FunctionDeclaration
      const isDefault = ts.getModifiers(fn)?.some((m) => m.kind === SK.DefaultKeyword)
      const value = lastReturn(fn.body, ctx)
      if (value) add(isDefault ? 'default' : (fn.name?.text ?? 'default'), value)
    } else if (stmt.kind === SK.ExportAssignment) {
      const e = (stmt as ts.ExportAssignment).expression
      add('default', valueOf(e))
    } else if (stmt.kind === SK.ExpressionStatement) {
      // CommonJS: `module.exports = logger` is the module itself (`require('./log').warn(…)`, imported as `*`, or a
      // default import of it); `exports.logger = logger` and `module.exports.logger = …` are named exports.
      const assigned = topLevelAssignment(stmt)
      if (!assigned) continue
      const { target } = assigned
      const value = valueOf(assigned.right)
      if (target === 'module.exports') {
        add('default', value)
        add('*', value)
      } else {
        const named = target && /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target)
        if (named) add(named[1]!, value)
      }
    } else if (stmt.kind === SK.ExportDeclaration) {
      const ed = stmt as ts.ExportDeclaration
      if (!ed.exportClause || ed.exportClause.kind !== SK.NamedExports) continue
      const from =
        ed.moduleSpecifier && ts.isStringLiteral(ed.moduleSpecifier) ? ed.moduleSpecifier.text : undefined
      for (const el of ed.exportClause.elements) {
        const original = (el.propertyName ?? el.name).text
        if (from !== undefined) set(el.name.text, { module: from, imported: original, members: [] })
        else if (el.name.text !== original || !out?.[original]) add(el.name.text, el.propertyName ?? el.name)
      }
    }
  }
  return out
}

/**
 * Whether a value is the result of a sink call (`return loops.createContact(…)`): a function returning it is a
 * helper, not a client; a builder call (`pino()`, `winston.createLogger()`, `Mixpanel.init(k)`) is a client.
 */
function isSinkResult(value: ts.Expression, origin: CallOrigin, ctx: WalkContext): boolean {
  let v = unwrap(value)
  while (v && (v.kind === SK.AwaitExpression || v.kind === SK.NonNullExpression))
    v = unwrap((v as ts.AwaitExpression).expression)
  if (!v || v.kind !== SK.CallExpression || origin.kind === 'local') return false
  const where = origin.kind === 'import' ? { module: origin.module } : { global: true as const }
  const sinks = ctx.scan.rules.sinks.match(origin.chain, false, where)
  return sinks.length > 0 && !sinks.some((s) => s.returnsClient)
}

/** The value an arrow or function expression returns, when its body is one expression or ends in a `return`. */
function returnedValue(v: ts.Expression): ts.Expression | undefined {
  if (v.kind !== SK.ArrowFunction && v.kind !== SK.FunctionExpression) return undefined
  const body = (v as ts.ArrowFunction).body
  return body.kind === SK.Block ? lastReturn(body as ts.Block) : (body as ts.Expression)
}

/**
 * The value of the last top-level `return` of a body (the singleton getter's `return instance`); a `const` of the
 * body itself that it returns is read as its initializer when that builds something (`const stripe = new
 * Stripe(key); return stripe`, `const client = createClient(url)`), which the module's scope could not resolve — not
 * when it is the result of a method call (`const result = await resend.emails.send(…)`: a helper's, no client).
 */
function lastReturn(body: ts.Block | undefined, ctx?: WalkContext): ts.Expression | undefined {
  const statements = body?.statements ?? []
  for (let i = statements.length - 1; i >= 0; i--) {
    if (statements[i]!.kind !== SK.ReturnStatement) continue
    const value = (statements[i] as ts.ReturnStatement).expression
    const name = value?.kind === SK.Identifier ? (value as ts.Identifier).text : undefined
    return (name !== undefined && bodyConstant(statements.slice(0, i), name, ctx)) || value
  }
  return undefined
}

/**
 * The initializer of a `const` the statements declare under a name, when it is `new X(…)` or a call of `x(…)` — or,
 * given the module's walk, of a member of a package's import (`Logger.createLogger(…)` of bunyan): a logger a
 * factory of the app's builds and returns.
 */
function bodyConstant(
  statements: readonly ts.Statement[],
  name: string,
  ctx?: WalkContext,
): ts.Expression | undefined {
  for (const stmt of statements) {
    if (stmt.kind !== SK.VariableStatement) continue
    const list = (stmt as ts.VariableStatement).declarationList
    if (!(list.flags & ts.NodeFlags.Const)) continue
    for (const d of list.declarations) {
      if (d.name.kind !== SK.Identifier || (d.name as ts.Identifier).text !== name) continue
      let init = unwrap(d.initializer)
      while (init?.kind === SK.AwaitExpression) init = unwrap((init as ts.AwaitExpression).expression)
      const callee = init?.kind === SK.CallExpression ? (init as ts.CallExpression).expression : undefined
      const built =
        init?.kind === SK.NewExpression ||
        callee?.kind === SK.Identifier ||
        (ctx !== undefined && callee !== undefined && packageMember(callee, ctx))
      return built ? d.initializer : undefined
    }
  }
  return undefined
}

/** `X.y` where `X` is imported from a package, not from a module of the repository. */
function packageMember(callee: ts.Expression, ctx: WalkContext): boolean {
  if (callee.kind !== SK.PropertyAccessExpression) return false
  const head = (callee as ts.PropertyAccessExpression).expression
  const imp = head.kind === SK.Identifier ? ctx.bindings.imports.get((head as ts.Identifier).text) : undefined
  return imp !== undefined && !isRepositoryModule(imp.module, ctx)
}

/** The vendor a client was pointed at by a logger transport or a host option of any sink of its module. */
function clientVendor(origin: Exclude<CallOrigin, { kind: 'local' }>, ctx: WalkContext): string | undefined {
  if (origin.builders.length === 0) return undefined
  const rules = ctx.scan.rules
  if (origin.kind === 'import') {
    const vendor = rules.vendorForImport(origin.module)
    const hostOptions = vendor?.sinks?.host_options ?? []
    if (vendor && hostOptions.length > 0) {
      const probe = rules.sinks.all.find((s) => s.vendor === vendor.id)
      const override = probe && hostOverride(probe, origin.builders, ctx)
      if (override) return override
    }
    if (vendor) return undefined
  }
  return transportVendor(origin.builders, ctx)
}
