import { ts } from 'ts-morph'
import type { OutboundClient } from '../../../rules/library-schema.js'
import { hostOfUrl } from '../../../util/domain.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { detectCalledUrl } from '../hosts.js'
import { urlValues } from './url-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const REWRITE = 'outbound.rewrite'

/** Option keys whose value is a host rather than a URL. */
const HOST_KEY = /host/i

/** Per file: for each vendor SDK constructed here, how many clients keep its own host and how many point elsewhere. */
type SdkClients = Map<string, { own: number; elsewhere: number }>

/**
 * Servers the code calls: the URL of a `fetch`, axios, got, ky, undici, `http(s).request`, WebSocket, EventSource
 * or beacon call (rules/outbound: which callees reach a server), an SDK's host option (`baseURL`, `api_host`,
 * `serverUrl` …), and a rewrite's external `destination`. URLs are followed through the file's constants, the
 * function's `const` locals, templates, `??` / `||` fallbacks and `new URL(path, base)`; an environment-derived part
 * stays unknown, so `${process.env.API}/v1` names no host. Links, images and copy are never calls, so are not seen.
 */
export const outboundCalls: SourceDetector<SdkClients> = {
  name: 'outbound-calls',
  kinds: [SK.CallExpression, SK.NewExpression, SK.PropertyAssignment, SK.ShorthandPropertyAssignment],
  start: () => new Map(),
  visit(node, ctx, sdks) {
    if (node.kind === SK.CallExpression || node.kind === SK.NewExpression)
      call(node as ts.CallExpression | ts.NewExpression, ctx, sdks)
    else option(node as ts.PropertyAssignment | ts.ShorthandPropertyAssignment, ctx)
  },
  finish(ctx, sdks) {
    for (const [module, n] of sdks)
      if (n.elsewhere > 0 && n.own === 0) (ctx.scan.facts.redirectedImports ??= []).push(module)
  },
}

function call(node: ts.CallExpression | ts.NewExpression, ctx: WalkContext, sdks: SdkClients): void {
  const args = node.arguments ?? []
  const imported = ctx.importOf(node.expression)
  const client = clientOf(node.expression, imported, ctx)
  if (client) {
    const via = `${dottedName(node.expression) ?? client.name}()`
    const rule = `outbound.${client.id}`
    const urlArg = client.url_argument !== undefined ? unwrap(args[client.url_argument]) : undefined
    if (urlArg && urlArg.kind !== SK.ObjectLiteralExpression)
      report(ctx, urlArg, `${via} sends to`, rule, false)
    for (const arg of args) {
      const obj = unwrap(arg)
      if (obj?.kind !== SK.ObjectLiteralExpression) continue
      for (const p of (obj as ts.ObjectLiteralExpression).properties) {
        const key = nameText(p.name)
        if (key === undefined || !client.url_options.includes(key)) continue
        const value = propertyValue(p)
        if (value) report(ctx, value, `${via} ${key} points at`, rule, HOST_KEY.test(key))
      }
    }
    return
  }
  // A vendor SDK constructed with its host option pointed at another service is that service's client.
  if (!imported || imported.members.length > 0) return
  const vendor = ctx.scan.rules.vendorForImport(imported.module)
  if (!vendor) return
  const counts = sdks.get(imported.module) ?? { own: 0, elsewhere: 0 }
  sdks.set(imported.module, counts)
  const elsewhere = args.some((arg) => {
    const obj = unwrap(arg)
    if (obj?.kind !== SK.ObjectLiteralExpression) return false
    return (obj as ts.ObjectLiteralExpression).properties.some((p) => {
      const key = nameText(p.name)
      const value =
        key !== undefined && ctx.scan.rules.libraries.isHostOption(key) ? propertyValue(p) : undefined
      if (!value) return false
      const hosts = urlValues(value, ctx).flatMap((u) => hostOfUrl(u) ?? [])
      return hosts.length > 0 && hosts.every((h) => ctx.scan.rules.vendorForHost(h)?.id !== vendor.id)
    })
  })
  if (elsewhere) counts.elsewhere++
  else counts.own++
}

/** A key naming a server: an SDK host option anywhere, a host key in an object passed to a call, a rewrite target. */
function option(node: ts.PropertyAssignment | ts.ShorthandPropertyAssignment, ctx: WalkContext): void {
  const key = nameText(node.name)
  if (key === undefined) return
  const libraries = ctx.scan.rules.libraries
  const object = ctx.parent as ts.ObjectLiteralExpression
  const value = propertyValue(node)
  if (!value) return
  if (libraries.isHostOption(key))
    report(ctx, value, `the ${key} option points at`, 'outbound.option', HOST_KEY.test(key))
  else if (libraries.isCallHostOption(key) && isCallArgument(object, ctx))
    report(ctx, value, `the ${key} option points at`, 'outbound.option', true)
  else if (key === 'destination' && isRewrite(object))
    report(ctx, value, 'a rewrite proxies to', REWRITE, false)
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
  return dotted === undefined ? undefined : libraries.clientForGlobal(dotted)
}

function propertyValue(p: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (p.kind === SK.PropertyAssignment) return p.initializer
  if (p.kind === SK.ShorthandPropertyAssignment) return p.name
  return undefined
}

function report(ctx: WalkContext, expr: ts.Expression, via: string, rule: string, hostOnly: boolean): void {
  const at = ctx.at(expr)
  const options = { hostOnly, rewrite: rule === REWRITE }
  for (const url of new Set(urlValues(expr, ctx))) detectCalledUrl(ctx.scan, url, at, via, rule, options)
}
