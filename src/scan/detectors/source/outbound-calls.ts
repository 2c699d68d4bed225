import { ts } from 'ts-morph'
import type { OutboundClient } from '../../../rules/library-schema.js'
import { hostOfUrl } from '../../../util/domain.js'
import type { UrlCallee } from '../../file-scan.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { detectCalledUrl, vendorOfBuiltUrl } from '../hosts.js'
import { catalogueEntrySize } from './catalogue.js'
import { helperName } from '../../flows/values.js'
import { settingVendorOf } from '../../flows/receiver.js'
import {
  calledFunction,
  declaredValues,
  localValues,
  returnedValues,
  urlValues,
  valueSources,
} from './url-values.js'
import type { LocalBinding } from '../../walk/scope.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const REWRITE = 'outbound.rewrite'

/** Words of a URL's name that make it a download of media, which lives wherever it was uploaded (`imageUrl`). */
const MEDIA_WORDS = new Set([
  'image',
  'img',
  'avatar',
  'photo',
  'picture',
  'icon',
  'logo',
  'thumbnail',
  'media',
  'file',
  'asset',
  'attachment',
])

/** A year in a name: a default of that year, since replaced. */
const YEAR = /^(19|20)\d\d$/

/** Option keys whose value is a host rather than a URL. */
const HOST_KEY = /host/i

/**
 * Per file: for each vendor SDK constructed here, its vendor and how many clients keep its own host (`bare` of them
 * given no host option at all), how many point at another service and how many at a host set at run time.
 */
type SdkClients = Map<
  string,
  { vendor: string; own: number; bare: number; elsewhere: number; configured: number }
>

/**
 * Servers the code calls: the URL of a `fetch`, axios, got, ky, undici, `http(s).request`, WebSocket, EventSource
 * or beacon call (rules/outbound: which callees reach a server), an SDK's host option (`baseURL`, `api_host`,
 * `serverUrl` …), and a rewrite's external `destination`. URLs are followed through the file's constants, the
 * function's `const` locals, templates, `??` / `||` fallbacks and `new URL(path, base)`; an environment-derived part
 * stays unknown, so `${process.env.API}/v1` names no host. Links, images and copy are never calls, so are not seen.
 */
export const outboundCalls: SourceDetector<SdkClients> = {
  name: 'outbound-calls',
  kinds: [
    SK.CallExpression,
    SK.NewExpression,
    SK.PropertyAssignment,
    SK.ShorthandPropertyAssignment,
    SK.VariableDeclaration,
  ],
  start: () => new Map(),
  visit(node, ctx, sdks) {
    if (node.kind === SK.CallExpression || node.kind === SK.NewExpression)
      call(node as ts.CallExpression | ts.NewExpression, ctx, sdks)
    else if (node.kind === SK.VariableDeclaration) defaultServer(node as ts.VariableDeclaration, ctx)
    else option(node as ts.PropertyAssignment | ts.ShorthandPropertyAssignment, ctx)
  },
  finish(ctx, sdks) {
    // A vendor's helper package called on a redirected client (`getSignedUrl(r2, command)` of the S3 presigner beside
    // `new S3Client({ endpoint: R2 })`) takes no host option of its own: it goes where that client points.
    const redirected = new Set(
      [...sdks.values()].filter((n) => n.own === 0 && n.elsewhere > 0).map((n) => n.vendor),
    )
    for (const [module, n] of sdks)
      if (n.own > 0 && !(n.own === n.bare && n.elsewhere === 0 && redirected.has(n.vendor))) continue
      else if (n.elsewhere > 0 || n.own > 0) (ctx.scan.facts.redirectedImports ??= []).push(module)
      else if (n.configured > 0) (ctx.scan.facts.configuredImports ??= []).push(module)
    const params = ctx.scan.facts.urlParameters
    const exported = params && defaultExport(ctx.sf)
    if (exported)
      for (const p of params.filter((x) => x.fn === exported)) params.push({ ...p, fn: 'default' })
  },
}

/** The local name of a file's default export (`export default Client`, `export default class Client`). */
function defaultExport(sf: ts.SourceFile): string | undefined {
  for (const stmt of sf.statements) {
    if (stmt.kind === SK.ExportAssignment) {
      const e = (stmt as ts.ExportAssignment).expression
      if (e.kind === SK.Identifier) return (e as ts.Identifier).text
    } else if (stmt.kind === SK.ClassDeclaration || stmt.kind === SK.FunctionDeclaration) {
      const decl = stmt as ts.ClassDeclaration | ts.FunctionDeclaration
      if (decl.name && ts.getModifiers(decl)?.some((m) => m.kind === SK.DefaultKeyword)) return decl.name.text
    }
  }
  return undefined
}

function call(node: ts.CallExpression | ts.NewExpression, ctx: WalkContext, sdks: SdkClients): void {
  const args = node.arguments ?? []
  const imported = ctx.importOf(node.expression)
  const client = clientOf(node.expression, imported, ctx)
  if (client) {
    const via = `${dottedName(node.expression) ?? client.name}()`
    const rule = `outbound.${client.id}`
    const urlArg = client.url_argument !== undefined ? unwrap(args[client.url_argument]) : undefined
    if (urlArg && urlArg.kind !== SK.ObjectLiteralExpression) {
      const urls = report(ctx, urlArg, `${via} sends to`, rule, false)
      // A config object in a local (`axios(config)`) is read by its `url` key below.
      const named = optionsObjects(urlArg, ctx).length === 0 && namedSetting(ctx, urlArg, urls, via)
      if (!named) webhook(ctx, urlArg, via)
    }
    for (const arg of args) {
      for (const obj of optionsObjects(arg, ctx))
        for (const p of obj.properties) {
          const key = nameText(p.name)
          if (key === undefined || !client.url_options.includes(key)) continue
          const value = propertyValue(p)
          if (!value) continue
          const urls = report(ctx, value, `${via} ${key} points at`, rule, HOST_KEY.test(key))
          namedSetting(ctx, value, urls, `${via} ${key}`)
        }
    }
    return
  }
  if (node.kind === SK.NewExpression && imported) serverArgument(node, ctx)
  // A vendor SDK constructed with its host option pointed at another service is that service's client.
  if (!imported || imported.members.length > 0 || REQUEST_OBJECT.test(imported.imported)) return
  const vendor = ctx.scan.rules.vendorForImport(imported.module)
  if (!vendor) return
  const counts = sdks.get(imported.module) ?? {
    vendor: vendor.id,
    own: 0,
    bare: 0,
    elsewhere: 0,
    configured: 0,
  }
  sdks.set(imported.module, counts)
  const points = args.flatMap((arg) => {
    const obj = unwrap(arg)
    if (obj?.kind !== SK.ObjectLiteralExpression) return []
    return (obj as ts.ObjectLiteralExpression).properties.flatMap((p) => {
      const key = nameText(p.name)
      const value =
        key !== undefined && ctx.scan.rules.libraries.isHostOption(key) ? propertyValue(p) : undefined
      // An object under a host option's name holds settings (Statsig's `environment: { tier }`), not a host.
      return value && unwrap(value)?.kind !== SK.ObjectLiteralExpression
        ? [hostTarget(value, vendor.id, ctx)]
        : []
    })
  })
  if (points.includes('elsewhere')) counts.elsewhere++
  else if (points.includes('configured')) counts.configured++
  else {
    counts.own++
    if (points.length === 0) counts.bare++
  }
}

/**
 * A request object a client sends (`new PutObjectCommand({ Bucket, Key })` of the AWS SDK v3): no client of its own,
 * so it says nothing about where the client it goes through points.
 */
const REQUEST_OBJECT = /[a-z]Command$/

/**
 * A client of a package constructed with a server's URL as its first argument (`new Horizon.Server(HORIZON_URL)`,
 * `new JsonRpcProvider('https://rpc.example.org')`): the client calls that server. Only an absolute web URL the
 * code names counts; a key, a name or an options object says nothing about where it connects.
 */
function serverArgument(node: ts.NewExpression, ctx: WalkContext): void {
  const arg = unwrap(node.arguments?.[0])
  if (!arg || arg.kind === SK.ObjectLiteralExpression) return
  const via = `new ${dottedName(node.expression) ?? 'client'}() connects to`
  for (const url of new Set(urlValues(arg, ctx)))
    if (WEB_URL.test(url) && hostOfUrl(url) !== undefined)
      detectCalledUrl(ctx.scan, url, ctx.at(arg), via, 'outbound.client')
}

/** An absolute http(s) or WebSocket URL. */
const WEB_URL = /^(?:https?|wss?):\/\//i

/** Names of an operator's deployment settings: an SDK host read from them is the vendor's, overridable. */
const OPERATOR_SETTING = /\benv\b|\bENV\b|config/i

/**
 * Where an SDK's host option points: `elsewhere` when every host it may take is another service's; `configured`
 * when it takes no host the code names and is built from neither the environment, a config, a literal nor an
 * imported constant (`environment: apiHost` from the provider a user picked in settings): the client serves
 * whichever provider is configured, not the SDK's vendor; `own` otherwise (the vendor's host, an operator's
 * override of it, or a mode such as `'sandbox'`).
 */
function hostTarget(
  value: ts.Expression,
  vendor: string,
  ctx: WalkContext,
): 'own' | 'elsewhere' | 'configured' {
  const urls = urlValues(value, ctx)
  const hosts = urls.flatMap((u) => hostOfUrl(u) ?? [])
  if (hosts.length > 0)
    return hosts.every((h) => ctx.scan.rules.vendorForHost(h)?.id !== vendor) ? 'elsewhere' : 'own'
  // A host built at run time that a vendor rule knows (`https://${ACCOUNT}.r2.cloudflarestorage.com` given to the S3
  // SDK) points at that service.
  const built = urls.map((u) => vendorOfBuiltUrl(ctx.scan, u)?.id)
  if (built.length > 0 && built.every((id) => id !== undefined && id !== vendor)) return 'elsewhere'
  const sources = valueSources(value, ctx)
  const fixed = (e: ts.Expression): boolean =>
    isStringLike(e) ||
    e.kind === SK.TemplateExpression ||
    (e.kind === SK.PropertyAccessExpression && ctx.bindings.imports.has(rootName(e) ?? ''))
  // A literal that is no URL (`'sandbox'`) or an imported constant (`CohereEnvironment.Production`) picks a mode.
  if (sources.some((e) => fixed(e) || OPERATOR_SETTING.test(e.getText(ctx.sf)))) return 'own'
  return 'configured'
}

/** The identifier a property chain starts from: `CohereEnvironment` for `CohereEnvironment.Production`. */
function rootName(e: ts.Expression): string | undefined {
  let x = e
  while (x.kind === SK.PropertyAccessExpression) x = (x as ts.PropertyAccessExpression).expression
  return x.kind === SK.Identifier ? (x as ts.Identifier).text : undefined
}

/** A key naming a server: an SDK host option anywhere, a host key in an object passed to a call, a rewrite target. */
function option(node: ts.PropertyAssignment | ts.ShorthandPropertyAssignment, ctx: WalkContext): void {
  const key = nameText(node.name)
  if (key === undefined) return
  const libraries = ctx.scan.rules.libraries
  const object = ctx.parent as ts.ObjectLiteralExpression
  const value = propertyValue(node)
  if (!value) return
  // An entry of a catalogue (`{ facebook: { icon, baseUrl } }`) offers a service to people; the string's own
  // detector records its host on that basis.
  if (catalogueEntrySize(ctx, 0) > 0) return
  if (libraries.isHostOption(key))
    // A list (a map source's `tiles`) names a server in each entry.
    for (const one of value.kind === SK.ArrayLiteralExpression
      ? (value as ts.ArrayLiteralExpression).elements
      : [value])
      report(ctx, one, `the ${key} option points at`, 'outbound.option', HOST_KEY.test(key))
  else if (libraries.isCallHostOption(key) && isCallArgument(object, ctx))
    report(ctx, value, `the ${key} option points at`, 'outbound.option', true)
  else if (libraries.requestUrlKeys.has(key) && isRequestConfig(object, libraries.requestMethodKeys, ctx))
    report(ctx, value, `a request config's ${key} points at`, 'outbound.option', false)
  else if (key === 'destination' && isRewrite(object))
    report(ctx, value, 'a rewrite proxies to', REWRITE, false)
  else if (isStringLike(value) && urlTypeOf(object, ctx))
    report(ctx, value, `a ${urlTypeOf(object, ctx)!} the library fetches is at`, 'outbound.option', false)
}

/**
 * A module constant named as the app's default server (`export const DEFAULT_SWAP_HOST = 'https://…'`,
 * `DEFAULT_NOSTR_RELAYS = ['wss://…', …]`; rules/outbound `default_server_words`): the app connects there until its
 * user picks another server, wherever the constant is read, so each URL it holds is a server called.
 */
function defaultServer(decl: ts.VariableDeclaration, ctx: WalkContext): void {
  // The walk's ancestors, not `parent` (nodes are parsed without parent links): a `const` of a top-level statement.
  const list = ctx.parent as ts.VariableDeclarationList
  if (
    decl.name.kind !== SK.Identifier ||
    !decl.initializer ||
    list.kind !== SK.VariableDeclarationList ||
    !(list.flags & ts.NodeFlags.Const) ||
    ctx.ancestor(1)?.kind !== SK.VariableStatement ||
    ctx.ancestor(2)?.kind !== SK.SourceFile
  )
    return
  const name = decl.name.text
  const [first, ...rest] = nameWords(name)
  const words = ctx.scan.rules.libraries.defaultServerWords
  if (first !== 'default' || !rest.some((w) => words.has(w))) return
  // A former default kept for a settings migration (`DEFAULT_NOSTR_RELAYS_2023`, `LEGACY_…`) is no longer used.
  if (rest.some((w) => YEAR.test(w) || ctx.scan.rules.libraries.formerDefaultWords.has(w))) return
  const value = unwrap(decl.initializer)!
  const hostOnly = HOST_KEY.test(name)
  for (const one of value.kind === SK.ArrayLiteralExpression
    ? (value as ts.ArrayLiteralExpression).elements
    : [value])
    if (isStringLike(unwrap(one)!))
      report(ctx, one, `the default server ${name} is`, 'outbound.default-server', hostOnly)
}

function isStringLike(e: ts.Expression): boolean {
  return e.kind === SK.StringLiteral || e.kind === SK.NoSubstitutionTemplateLiteral
}

/**
 * The URL type a record's values are declared as, when the record is a variable's initializer typed with it
 * (`const styles: Record<string, string | StyleSpecification> = { light: 'https://…/style.json' }`).
 */
function urlTypeOf(object: ts.ObjectLiteralExpression, ctx: WalkContext): string | undefined {
  const decl = ctx.ancestor(1)
  if (decl?.kind !== SK.VariableDeclaration || (decl as ts.VariableDeclaration).initializer !== object)
    return undefined
  const type = (decl as ts.VariableDeclaration).type
  if (!type) return undefined
  let found: string | undefined
  const visit = (n: ts.Node): void => {
    if (found) return
    if (n.kind === SK.TypeReference) {
      const name = (n as ts.TypeReferenceNode).typeName
      const last = name.kind === SK.Identifier ? name.text : name.right.text
      if (ctx.scan.rules.libraries.isUrlType(last)) found = last
    }
    ts.forEachChild(n, visit)
  }
  visit(type)
  return found
}

/** An object literal handed straight to a call that also says the request's method (`{ method: 'POST', url }`). */
function isRequestConfig(
  object: ts.ObjectLiteralExpression,
  methodKeys: ReadonlySet<string>,
  ctx: WalkContext,
): boolean {
  return (
    object.properties.some((p) => p.name !== undefined && methodKeys.has(nameText(p.name) ?? '')) &&
    isCallArgument(object, ctx)
  )
}

/** `{ source, destination }` without `permanent` / `statusCode`: a rewrite (a proxy), not a redirect (a link). */
function isRewrite(object: ts.ObjectLiteralExpression): boolean {
  const keys = new Set(object.properties.map((p) => nameText(p.name)))
  return keys.has('source') && !keys.has('permanent') && !keys.has('statusCode')
}

/** Whether an object literal is passed straight to a call or `new`. */
function isCallArgument(object: ts.Node, ctx: WalkContext): boolean {
  let i = 1
  let holder = ctx.ancestor(i)
  while (holder && (holder.kind === SK.ParenthesizedExpression || holder.kind === SK.AsExpression))
    holder = ctx.ancestor(++i)
  return (
    (holder?.kind === SK.CallExpression || holder?.kind === SK.NewExpression) &&
    ((holder as ts.CallExpression).arguments ?? []).some((a) => unwrap(a) === object)
  )
}

/** The client a callee belongs to: through its import (`axios.get`, an instance of `axios.create`), or a global. */
function clientOf(
  callee: ts.Expression,
  imported: ReturnType<WalkContext['importOf']>,
  ctx: WalkContext,
): OutboundClient | undefined {
  const libraries = ctx.scan.rules.libraries
  if (imported) {
    const method =
      imported.members.length > 0
        ? imported.members[imported.members.length - 1]!
        : imported.imported === 'default' || imported.imported === '*'
          ? ''
          : imported.imported
    return libraries.clientForImport(imported.module, method)
  }
  const dotted = dottedName(callee)
  if (dotted === undefined) return undefined
  return libraries.clientForGlobal(dotted) ?? fetchParameter(callee, ctx) ?? globalAlias(callee, ctx)
}

/**
 * A `const` holding a global client, bound or not (`const nativeFetch = globalThis.fetch.bind(globalThis)`, `const
 * send = fetch`): a wrapper that shadows the global's name keeps it this way and calls servers with it.
 */
function globalAlias(callee: ts.Expression, ctx: WalkContext): OutboundClient | undefined {
  if (callee.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((callee as ts.Identifier).text)
  if (local?.kind !== 'const' || local.path.length > 0) return undefined
  let init = unwrap(local.initializer)
  if (init?.kind === SK.CallExpression) {
    const bound = (init as ts.CallExpression).expression
    init =
      bound.kind === SK.PropertyAccessExpression &&
      (bound as ts.PropertyAccessExpression).name.text === 'bind'
        ? (bound as ts.PropertyAccessExpression).expression
        : undefined
  }
  const name = init && dottedName(init)
  if (name === undefined || name === (callee as ts.Identifier).text) return undefined
  // The global itself, not a same-named import or local.
  const root = name.split('.')[0]!
  if (ctx.bindings.imports.has(root) || ctx.scope.lookup(root)) return undefined
  return ctx.scan.rules.libraries.clientForGlobal(name)
}

/**
 * A parameter declared as the platform's `fetch` (`f: typeof fetch`, `fetchFn: typeof globalThis.fetch`): a function
 * handed the framework's or the caller's fetch calls servers with it as with the global.
 */
function fetchParameter(callee: ts.Expression, ctx: WalkContext): OutboundClient | undefined {
  if (callee.kind !== SK.Identifier) return undefined
  const local = ctx.scope.lookup((callee as ts.Identifier).text)
  if (local?.kind !== 'parameter' || local.path.length > 0) return undefined
  const type = (local.declaration as ts.ParameterDeclaration).type
  if (type?.kind !== SK.TypeQuery) return undefined
  const name = dottedName((type as ts.TypeQueryNode).exprName)
  if (name !== 'fetch' && name !== 'globalThis.fetch' && name !== 'window.fetch') return undefined
  return ctx.scan.rules.libraries.clientForGlobal('fetch')
}

/**
 * The options objects a call is given: a literal, or a local the function builds first (`const options = { method,
 * url }; axios.request(options)`), read from its declaration; and the objects merged into it, by `Object.assign`
 * or a spread (`axios.request(Object.assign({}, options, overlay))` with `const overlay = { url }`, `{ ...defaults,
 * ...overlay }`), one merge deep: a request wrapper that lays its own URL over the caller's options.
 */
function optionsObjects(
  arg: ts.Expression | undefined,
  ctx: WalkContext,
  merged = false,
): ts.ObjectLiteralExpression[] {
  let e = unwrap(arg)
  if (e?.kind === SK.Identifier) {
    const local = ctx.scope.lookup((e as ts.Identifier).text)
    e = local && local.kind !== 'parameter' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  }
  if (!e) return []
  if (e.kind === SK.CallExpression) {
    const merge = e as ts.CallExpression
    if (merged || dottedName(merge.expression) !== 'Object.assign') return []
    return merge.arguments.flatMap((a) => optionsObjects(a, ctx, true))
  }
  if (e.kind !== SK.ObjectLiteralExpression) return []
  const object = e as ts.ObjectLiteralExpression
  if (merged) return [object]
  const spreads = object.properties.filter((p) => p.kind === SK.SpreadAssignment) as ts.SpreadAssignment[]
  return spreads.length === 0
    ? [object]
    : [object, ...spreads.flatMap((p) => optionsObjects(p.expression, ctx, true))]
}

function propertyValue(p: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (p.kind === SK.PropertyAssignment) return p.initializer
  if (p.kind === SK.ShorthandPropertyAssignment) return p.name
  return undefined
}

/** Reports the servers a URL expression names; returns the values it may take (see `urlValues`). */
function report(
  ctx: WalkContext,
  expr: ts.Expression,
  via: string,
  rule: string,
  hostOnly: boolean,
): ReadonlySet<string> {
  const at = ctx.at(expr)
  const options = { hostOnly, rewrite: rule === REWRITE }
  const urls = new Set(urlValues(expr, ctx))
  for (const url of urls) detectCalledUrl(ctx.scan, url, at, via, rule, options)
  if (![...urls].some((u) => hostOfUrl(u) !== undefined)) importedUrl(ctx, expr, urls, via, rule, hostOnly)
  const param = urlParameter(expr, ctx)
  if (param) {
    const list = (ctx.scan.facts.urlParameters ??= [])
    if (!list.some((p) => !p.through && p.fn === param.fn && p.index === param.index && p.key === param.key))
      list.push(param)
  }
  return urls
}

/**
 * A call to a URL known only at run time whose setting is named after a vendor (`url:
 * `${process.env.CROWD_ENRICHMENT_CLEARBIT_URL}``, `baseURL: env.SERP_API_URL`): the operator points it at that
 * vendor's API (rules/sinks `setting_words`). A URL with a host or a relative path is not one. Whether one was found.
 */
function namedSetting(
  ctx: WalkContext,
  expr: ts.Expression,
  urls: ReadonlySet<string>,
  via: string,
): boolean {
  for (const u of urls) if (hostOfUrl(u) !== undefined || u.startsWith('/')) return false
  const id = settingVendorOf(expr, ctx)
  const vendor = id === undefined ? undefined : ctx.scan.rules.vendors.get(id)
  if (!vendor) return false
  const shown = dottedName(expr) ?? 'its URL'
  ctx.scan.vendor(
    vendor,
    ctx.at(expr),
    'outbound',
    `${via} sends to a URL read from a setting named after ${vendor.name}`,
    shown,
    'medium',
  )
  return true
}

/**
 * A call to a URL known only at run time (a webhook URL from settings) that is named after a webhook vendor: by the
 * URL's own names (`discordURL`, `settings.slack.webhookUrl`), else the class, function or file making the call
 * (`class DiscordAgent`, `slack_notification.ts`). A URL with a host or a relative path is not one.
 */
function webhook(ctx: WalkContext, expr: ts.Expression, via: string): void {
  if (ctx.scan.rules.libraries.webhookCategories.size === 0) return
  const urls = urlValues(expr, ctx)
  if (urls.some((u) => hostOfUrl(u) !== undefined || u.startsWith('/'))) return
  const own: string[] = []
  const collect = (n: ts.Node): void => {
    if (n.kind === SK.Identifier) own.push((n as ts.Identifier).text)
    else ts.forEachChild(n, collect)
  }
  collect(expr)
  if (own.some((n) => nameWords(n).some((w) => MEDIA_WORDS.has(w)))) return
  const shown = dottedName(expr) ?? 'its URL'
  const cls = ctx.enclosingClass()?.name?.text
  const fn = ctx.enclosingFunctionName()
  const candidates: [string, string[]][] = [
    [shown, own],
    [`the class ${cls}`, cls ? [cls] : []],
    [`the function ${fn}`, fn && fn !== cls ? [fn] : []],
    [`the file ${ctx.scan.path}`, [ctx.fileContainer]],
  ]
  for (const [where, names] of candidates) {
    const vendor = ctx.scan.rules.webhookVendorNamed(names.flatMap(nameWords))
    if (!vendor) continue
    ctx.scan.vendor(
      vendor,
      ctx.at(expr),
      'outbound',
      `${via} sends to ${shown}, a URL set at run time; ${where} is named after ${vendor.name}`,
      shown,
      'medium',
    )
    return
  }
}

/** The lower-case words of a name: `discordURL` → discord, url; `slack_notification` → slack, notification. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/**
 * A URL that starts with a constant imported from another module (`` `${API_BASE}/users` ``, `config.apiUrl`):
 * recorded for the link step, which reads the constant's value where it is exported; `through` for a URL handed to
 * a repository function, which must send to it.
 */
export function importedUrl(
  ctx: WalkContext,
  expr: ts.Expression,
  urls: ReadonlySet<string>,
  via: string,
  rule: string,
  hostOnly: boolean,
  through?: UrlCallee,
): void {
  const refs = importedUrlRefs(ctx, expr, urls)
  if (refs.length === 0) return
  const { line, column } = ctx.pos(expr)
  for (const ref of refs)
    (ctx.scan.facts.importedUrls ??= []).push({
      ...ref,
      via,
      rule,
      hostOnly,
      line,
      column,
      excerpt: ctx.scan.excerpt(line),
      ...(through ? { through } : {}),
    })
}

/**
 * The constants imported from other modules that a URL starts with (`` `${API_BASE}/users` `` → `API_BASE`,
 * `/users`), each with what the URL adds after it; `urls` are the URL's readings (`*` for the unknown start).
 */
export function importedUrlRefs(
  ctx: WalkContext,
  expr: ts.Expression,
  urls: ReadonlySet<string>,
): { from: string; key: string; suffix: string }[] {
  const suffix = urls.size === 0 ? '' : [...urls].find((u) => u.startsWith('*'))?.slice(1)
  const out: { from: string; key: string; suffix: string }[] = []
  for (const lead of importedLeads(expr, ctx, 0)) {
    // A URL that starts with the name itself must leave the host to it; one reached through locals (reassigned
    // with a scheme, trimmed) keeps no static rest to append.
    if (suffix === undefined && lead === leadingPart(expr)) continue
    const dotted = dottedName(lead)
    if (!dotted) continue
    const [root, ...members] = dotted.split('.')
    const binding = ctx.bindings.imports.get(root!)
    if (!binding || binding.imported === '*' || ctx.scope.lookup(root!) || members.length > 1) continue
    const key = binding.imported === 'default' ? undefined : [binding.imported, ...members].join('.')
    if (key) out.push({ from: binding.module, key, suffix: suffix ?? '' })
  }
  return out
}

/**
 * The names a URL may start with, through the locals it is built from and each side of `||`, `??` and `?:`
 * (`let baseUrl = settings.url || MOONSHOT_BASE_URL; fetch(`${baseUrl}${path}`)` → `MOONSHOT_BASE_URL`).
 */
function importedLeads(
  expr: ts.Expression,
  ctx: WalkContext,
  depth: number,
  within?: ts.FunctionLikeDeclaration,
): ts.Expression[] {
  const lead = leadingPart(expr)
  if (!lead || depth > 4) return []
  const next = (e: ts.Expression, fn = within): ts.Expression[] => importedLeads(e, ctx, depth + 1, fn)
  if (lead.kind === SK.BinaryExpression) {
    const b = lead as ts.BinaryExpression
    const op = b.operatorToken.kind
    return op === SK.BarBarToken || op === SK.QuestionQuestionToken ? [...next(b.left), ...next(b.right)] : []
  }
  if (lead.kind === SK.ConditionalExpression) {
    const c = lead as ts.ConditionalExpression
    return [...next(c.whenTrue), ...next(c.whenFalse)]
  }
  // `new URL(path, API_BASE)`: the base gives the host.
  if (lead.kind === SK.NewExpression) {
    const n = lead as ts.NewExpression
    const base = n.expression.kind === SK.Identifier && (n.expression as ts.Identifier).text === 'URL'
    return base && n.arguments?.[1] ? next(n.arguments[1]) : []
  }
  // `${this.apiLink(cfg)}/issues`: what the method returns, its locals read in its own body.
  if (lead.kind === SK.CallExpression) {
    const fn = calledFunction(lead as ts.CallExpression, ctx)
    return fn && fn !== within ? returnedValues(fn).flatMap((r) => next(r, fn)) : []
  }
  if (lead.kind !== SK.Identifier) return [lead]
  const held =
    (within && declaredValues(within, (lead as ts.Identifier).text)) ??
    localValues(lead as ts.Identifier, ctx)
  if (!held) return [lead]
  return held.flatMap((v) => (v && v !== expr ? next(v) : []))
}

/** The expression a URL starts with: the URL itself, a template's first part, a concatenation's left end. */
function leadingPart(expr: ts.Expression): ts.Expression | undefined {
  let e = unwrap(expr)
  if (e?.kind === SK.TemplateExpression && (e as ts.TemplateExpression).head.text === '')
    e = unwrap((e as ts.TemplateExpression).templateSpans[0]!.expression)
  while (e?.kind === SK.BinaryExpression && (e as ts.BinaryExpression).operatorToken.kind === SK.PlusToken)
    e = unwrap((e as ts.BinaryExpression).left)
  return e
}

/** `default` for a function the file exports as its default (`export default (endpoint: string) => …`). */
function defaultArrow(fn: ts.Node, path: readonly ts.Node[]): string | undefined {
  const i = path.indexOf(fn)
  return (fn.kind === SK.ArrowFunction || fn.kind === SK.FunctionExpression) &&
    path[i - 1]?.kind === SK.ExportAssignment &&
    path[i - 2]?.kind === SK.SourceFile
    ? 'default'
    : undefined
}

/** `this.post` for a class's own method `post(…)`, which the class's other methods call as `this.post(…)`. */
function instanceMethod(fn: ts.Node, path: readonly ts.Node[]): string | undefined {
  const cls = path[path.indexOf(fn) - 1]
  if (fn.kind !== SK.MethodDeclaration || !cls || !ts.isClassLike(cls)) return undefined
  const name = nameText((fn as ts.MethodDeclaration).name)
  return name === undefined ? undefined : `this.${name}`
}

/**
 * The parameter of a top-level function or class constructor a URL starts with (`baseUrl`, `` `${base}/v1` ``,
 * `base + path`) or takes its host from (`` `https://${domain}/` ``, a destructured `{ domain }` by its key), by the
 * function's name: its callers in other files pass the host.
 */
export function urlParameter(
  expr: ts.Expression,
  ctx: WalkContext,
): { fn: string; index: number; key?: string } | undefined {
  const lead = leadingPart(expr)
  const parameterOf = (e: ts.Expression | undefined) => {
    const local = e?.kind === SK.Identifier ? ctx.scope.lookup((e as ts.Identifier).text) : undefined
    return local?.kind === 'parameter' ? local : undefined
  }
  const leading = parameterOf(lead)
  const member = leading ? undefined : parameterMember(lead, ctx)
  // A destructured options parameter counts only for the URL's host part (`https://${domain}/`).
  const local =
    leading && leading.path.length === 0
      ? leading
      : (member?.local ?? hostPart(expr).map(parameterOf).find(Boolean))
  if (!local) return classParameter(lead, ctx)
  const path = member ? [...local.path, member.key] : local.path
  const key = path.length > 0 ? path.join('.') : undefined
  const scope = ctx.scope.ownerOf(local)
  const fn = scope?.node
  if (!fn) return undefined
  if (fn.kind !== SK.Constructor) {
    const name = helperName(fn, ctx.path) ?? instanceMethod(fn, ctx.path) ?? defaultArrow(fn, ctx.path)
    return name ? { fn: name, index: local.parameterIndex, ...(key !== undefined ? { key } : {}) } : undefined
  }
  const i = ctx.path.indexOf(fn)
  const cls = ctx.path[i - 1]
  if (cls?.kind !== SK.ClassDeclaration || ctx.path[i - 2]?.kind !== SK.SourceFile) return undefined
  const name = (cls as ts.ClassDeclaration).name?.text
  return name ? { fn: name, index: local.parameterIndex, ...(key !== undefined ? { key } : {}) } : undefined
}

/**
 * A URL that starts with a field of a top-level class its constructor sets from a parameter (`this.baseUrl + uri`,
 * or `this.buildUrl(uri)` returning that, with `constructor(baseUrl) { this.baseUrl = baseUrl }`): the class's
 * parameter, which `new Client(url)` passes.
 */
function classParameter(
  lead: ts.Expression | undefined,
  ctx: WalkContext,
): { fn: string; index: number } | undefined {
  const cls = ctx.enclosingClass()
  if (!cls || cls.kind !== SK.ClassDeclaration || !cls.name) return undefined
  const i = ctx.path.indexOf(cls)
  if (ctx.path[i - 1]?.kind !== SK.SourceFile) return undefined
  let field = lead
  if (field?.kind === SK.CallExpression) {
    const fn = calledFunction(field as ts.CallExpression, ctx)
    const returned = fn ? returnedValues(fn) : []
    field = returned.length === 1 ? leadingPart(returned[0]!) : undefined
  }
  if (
    field?.kind !== SK.PropertyAccessExpression ||
    (field as ts.PropertyAccessExpression).expression.kind !== SK.ThisKeyword
  )
    return undefined
  const name = (field as ts.PropertyAccessExpression).name.text
  const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => m.kind === SK.Constructor)
  if (!ctor?.body) return undefined
  for (const stmt of ctor.body.statements) {
    const e = stmt.kind === SK.ExpressionStatement ? (stmt as ts.ExpressionStatement).expression : undefined
    if (e?.kind !== SK.BinaryExpression) continue
    const b = e as ts.BinaryExpression
    const left = b.left
    const right = unwrap(b.right)
    if (
      b.operatorToken.kind !== SK.EqualsToken ||
      left.kind !== SK.PropertyAccessExpression ||
      (left as ts.PropertyAccessExpression).expression.kind !== SK.ThisKeyword ||
      (left as ts.PropertyAccessExpression).name.text !== name ||
      right?.kind !== SK.Identifier
    )
      continue
    const index = ctor.parameters.findIndex(
      (p) => p.name.kind === SK.Identifier && p.name.text === (right as ts.Identifier).text,
    )
    if (index >= 0) return { fn: cls.name.text, index }
  }
  return undefined
}

/**
 * A URL read from a property of an options parameter (`params.url`), directly or through a local object that copies
 * it (`const p = { ...params, method: 'GET' }; new HttpRequest(p.method, p.url)`): the parameter and the key.
 */
function parameterMember(
  lead: ts.Expression | undefined,
  ctx: WalkContext,
): { local: LocalBinding; key: string } | undefined {
  if (lead?.kind !== SK.PropertyAccessExpression) return undefined
  const pa = lead as ts.PropertyAccessExpression
  const holder = unwrap(pa.expression)
  if (holder?.kind !== SK.Identifier) return undefined
  const key = pa.name.text
  const local = ctx.scope.lookup((holder as ts.Identifier).text)
  if (local?.kind === 'parameter') return { local, key }
  const init = local?.kind === 'const' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  if (init?.kind !== SK.ObjectLiteralExpression) return undefined
  const props = (init as ts.ObjectLiteralExpression).properties
  // A property the object sets itself is not the parameter's.
  if (props.some((p) => p.name !== undefined && nameText(p.name) === key)) return undefined
  for (const p of props) {
    if (p.kind !== SK.SpreadAssignment) continue
    const spread = unwrap(p.expression)
    const source =
      spread?.kind === SK.Identifier ? ctx.scope.lookup((spread as ts.Identifier).text) : undefined
    if (source?.kind === 'parameter') return { local: source, key }
  }
  return undefined
}

/**
 * The names a URL template may take its host from (`https://${domain}/api`, `https://${connect ? proxy : domain}`):
 * the first part after the scheme, or either branch of a condition there.
 */
function hostPart(expr: ts.Expression): ts.Expression[] {
  const e = unwrap(expr)
  if (e?.kind !== SK.TemplateExpression) return []
  const t = e as ts.TemplateExpression
  if (!/^[a-z]+:\/\/$/i.test(t.head.text)) return []
  const part = unwrap(t.templateSpans[0]!.expression)
  if (part?.kind !== SK.ConditionalExpression) return part ? [part] : []
  const c = part as ts.ConditionalExpression
  return [c.whenTrue, c.whenFalse].flatMap((b) => unwrap(b) ?? [])
}
