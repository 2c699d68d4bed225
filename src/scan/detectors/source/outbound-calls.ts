import { ts } from 'ts-morph'
import type { OutboundClient } from '../../../rules/library-schema.js'
import { hostOfUrl } from '../../../util/domain.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { detectCalledUrl } from '../hosts.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const FUNCTION_KINDS = new Set<ts.SyntaxKind>([
  SK.FunctionDeclaration,
  SK.FunctionExpression,
  SK.ArrowFunction,
  SK.MethodDeclaration,
  SK.ClassDeclaration,
])

const REWRITE = 'outbound.rewrite'

/** How far a URL is followed through constants and locals. */
const MAX_DEPTH = 4
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
    if (urlArg && urlArg.kind !== SK.ObjectLiteralExpression) report(ctx, urlArg, via, rule, false)
    for (const arg of args) {
      const obj = unwrap(arg)
      if (obj?.kind !== SK.ObjectLiteralExpression) continue
      for (const p of (obj as ts.ObjectLiteralExpression).properties) {
        const key = nameText(p.name)
        if (key === undefined || !client.url_options.includes(key)) continue
        const value = propertyValue(p)
        if (value) report(ctx, value, `${via} ${key}`, rule, HOST_KEY.test(key))
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
      const hosts = urlValues(value, ctx, 0).flatMap((u) => hostOfUrl(u) ?? [])
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
  if (libraries.isHostOption(key)) report(ctx, value, `${key} option`, 'outbound.option', HOST_KEY.test(key))
  else if (libraries.isCallHostOption(key) && isCallArgument(object, ctx))
    report(ctx, value, `${key} option`, 'outbound.option', true)
  else if (key === 'destination' && isRewrite(object)) report(ctx, value, 'rewrite to', REWRITE, false)
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
  for (const url of new Set(urlValues(expr, ctx, 0))) detectCalledUrl(ctx.scan, url, at, via, rule, options)
}

/**
 * The values a URL expression may take, `*` for parts unknown statically: literals and templates through the
 * file's constants and the function's `const` locals (and parameter defaults); each static side of `??`, `||` and
 * `?:`; `new URL(path, base)`; `.href` / `.toString()` of a URL.
 */
function urlValues(expr: ts.Expression | undefined, ctx: WalkContext, depth: number): string[] {
  const e = unwrap(expr)
  if (!e || depth > MAX_DEPTH) return []
  switch (e.kind) {
    case SK.StringLiteral:
    case SK.NoSubstitutionTemplateLiteral:
      return [(e as ts.StringLiteral).text]
    case SK.TemplateExpression: {
      const t = e as ts.TemplateExpression
      let value = t.head.text
      for (const span of t.templateSpans) value += single(span.expression, ctx, depth) + span.literal.text
      return [value]
    }
    case SK.BinaryExpression: {
      const b = e as ts.BinaryExpression
      const op = b.operatorToken.kind
      if (op === SK.PlusToken) return [single(b.left, ctx, depth) + single(b.right, ctx, depth)]
      if (op === SK.QuestionQuestionToken || op === SK.BarBarToken)
        return [...urlValues(b.left, ctx, depth + 1), ...urlValues(b.right, ctx, depth + 1)]
      return []
    }
    case SK.ConditionalExpression: {
      const c = e as ts.ConditionalExpression
      return [...urlValues(c.whenTrue, ctx, depth + 1), ...urlValues(c.whenFalse, ctx, depth + 1)]
    }
    case SK.Identifier:
      return identifierValues(e as ts.Identifier, ctx, depth)
    case SK.NewExpression: {
      const n = e as ts.NewExpression
      if (n.expression.kind !== SK.Identifier || (n.expression as ts.Identifier).text !== 'URL') return []
      const [path, base] = n.arguments ?? []
      return [...urlValues(path, ctx, depth + 1), ...urlValues(base, ctx, depth + 1)]
    }
    case SK.PropertyAccessExpression: {
      const pa = e as ts.PropertyAccessExpression
      if (pa.name.text === 'href' || pa.name.text === 'origin')
        return urlValues(pa.expression, ctx, depth + 1)
      const s = ctx.string(pa)
      return s ? [s.value] : []
    }
    case SK.CallExpression: {
      const c = e as ts.CallExpression
      const callee = c.expression
      if (
        callee.kind === SK.PropertyAccessExpression &&
        (callee as ts.PropertyAccessExpression).name.text === 'toString'
      )
        return urlValues((callee as ts.PropertyAccessExpression).expression, ctx, depth + 1)
      if (callee.kind === SK.Identifier && (callee as ts.Identifier).text === 'String')
        return urlValues(c.arguments[0], ctx, depth + 1)
      if (callee.kind === SK.Identifier) {
        const fn = localFunction(ctx.sf, (callee as ts.Identifier).text)
        return fn ? returned(fn).flatMap((r) => urlValues(r, ctx, depth + 1)) : []
      }
      return []
    }
  }
  return []
}

/** A function declared at the top of the file under a name: `function f() {}` or `const f = () => …`. */
function localFunction(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const stmt of sf.statements) {
    if (stmt.kind === SK.FunctionDeclaration && (stmt as ts.FunctionDeclaration).name?.text === name)
      return stmt as ts.FunctionDeclaration
    if (stmt.kind !== SK.VariableStatement) continue
    for (const d of (stmt as ts.VariableStatement).declarationList.declarations) {
      const init = unwrap(d.initializer)
      if (
        d.name.kind === SK.Identifier &&
        d.name.text === name &&
        (init?.kind === SK.ArrowFunction || init?.kind === SK.FunctionExpression)
      )
        return init as ts.ArrowFunction | ts.FunctionExpression
    }
  }
  return undefined
}

/** The expressions a function returns (its body, for an arrow with an expression body); nested functions excluded. */
function returned(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const body = fn.body
  if (!body) return []
  if (body.kind !== SK.Block) return [body as ts.Expression]
  const out: ts.Expression[] = []
  const visit = (n: ts.Node): void => {
    if (n.kind === SK.ReturnStatement) {
      const e = (n as ts.ReturnStatement).expression
      if (e) out.push(e)
      return
    }
    if (FUNCTION_KINDS.has(n.kind)) return
    ts.forEachChild(n, visit)
  }
  ts.forEachChild(body, visit)
  return out
}

/** One value for a part of a template or concatenation: its only static value, else `*`. */
function single(expr: ts.Expression, ctx: WalkContext, depth: number): string {
  const values = [...new Set(urlValues(expr, ctx, depth + 1))]
  return values.length === 1 ? values[0]! : '*'
}

/** A name's values: a `const` local or a parameter's default in scope, else a module constant. */
function identifierValues(id: ts.Identifier, ctx: WalkContext, depth: number): string[] {
  const local = ctx.scope.lookup(id.text)
  if (local) {
    if (local.path.length > 0 || local.iterates) return []
    if (local.kind === 'const' || (local.kind === 'parameter' && local.initializer))
      return urlValues(local.initializer, ctx, depth + 1)
    return []
  }
  const s = ctx.string(id)
  return s ? [s.value] : []
}
