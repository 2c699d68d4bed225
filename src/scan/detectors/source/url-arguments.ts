import { ts } from 'ts-morph'
import { FileScan, type UrlCallee, type UrlParameter } from '../../file-scan.js'
import { hostOfUrl } from '../../../util/domain.js'
import type { ImportBinding } from '../../walk/bindings.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText, unwrap } from '../../walk/ts-helpers.js'
import { detectCalledUrl } from '../hosts.js'
import { importedUrl, urlParameter } from './outbound-calls.js'
import { urlValues } from './url-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

const RULE = 'outbound.argument'

/** Option values that hold no URL: nested objects, lists, callbacks, numbers and flags. */
const NOT_URL_KINDS = new Set<ts.SyntaxKind>([
  SK.ObjectLiteralExpression,
  SK.ArrayLiteralExpression,
  SK.ArrowFunction,
  SK.FunctionExpression,
  SK.NumericLiteral,
  SK.TrueKeyword,
  SK.FalseKeyword,
  SK.NullKeyword,
])

/**
 * URLs handed to an API client of the repository: `super('https://api.example.com/3')` in a class extending a
 * client base class, `new ImageProxy('https://img.example.com')`, `request('https://…')`, `api({ domain: 'x.social' })`.
 * Each is an outbound call only if the callee sends a request to that parameter (or that property of it) (rules/outbound), which the link step checks against the
 * callee's module; until then the findings are kept aside.
 */
export const urlArguments: SourceDetector = {
  name: 'url-arguments',
  kinds: [SK.CallExpression, SK.NewExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression | ts.NewExpression
    const args = call.arguments ?? []
    if (args.length === 0) return
    const onClient = importedClientCall(call, ctx)
    // A method of an imported value links only as an HTTP client's request (`senderOf` in link-urls.ts), whose URL is
    // the argument the outbound rules give for that method: no other argument is ever read there, so none is read here.
    const urlAt = onClient && ctx.scan.rules.libraries.clientUrlArguments(onClient.method)
    if (urlAt?.size === 0) return
    const name = onClient?.name ?? calleeName(call, ctx)
    if (!name) return
    const inherited = name.startsWith('this.') ? inheritedFrom(name.slice(5), ctx) : undefined
    const binding = name.startsWith('this.') ? inherited?.binding : ctx.bindings.imports.get(name)
    if (!binding && !name.startsWith('this.') && !declaredAtTop(ctx.sf, name)) return
    const from = binding?.module ?? ''
    const exportName = binding?.imported ?? name
    const shown =
      call.expression.kind === SK.SuperKeyword
        ? `super() of ${name}`
        : onClient
          ? `${name}.${onClient.method}()`
          : `${name}()`
    const pend = (value: ts.Expression, index: number, key?: string): void => {
      const callee: UrlCallee = {
        from,
        exportName,
        ...(inherited ? { method: inherited.method } : {}),
        ...(onClient ? { clientMethod: onClient.method } : {}),
        index,
        ...(key ? { key } : {}),
      }
      const urls = new Set(urlValues(value, ctx))
      const what = key === undefined ? 'its URL argument' : `the ${key} it is given`
      const via = `${shown}, which requests ${what}, sends to`
      const at = ctx.at(value)
      // An option's value is recorded on a scan of its own: the same host may be reported at this line by the
      // outbound-calls detector (an SDK's `baseURL`), which the file scan's one-finding-per-line rule must not drop.
      const scan =
        key === undefined || urls.size === 0
          ? ctx.scan
          : new FileScan(ctx.scan.path, ctx.scan.text, ctx.scan.rules)
      const findings = scan.deferred(() => {
        for (const url of urls) detectCalledUrl(scan, url, at, via, RULE, { hostOnly: key !== undefined })
      })
      if (findings.length > 0) (ctx.scan.facts.pendingUrls ??= []).push({ ...callee, findings })
      // A URL built on a constant another module exports (`` request(`${API_BASE}/x`) ``) is read over there.
      else if (![...urls].some((u) => hostOfUrl(u) !== undefined)) {
        importedUrl(ctx, value, urls, via, RULE, key !== undefined, callee)
        if (key === undefined) forwarded(ctx, value, callee)
      }
    }
    args.forEach((arg, index) => {
      if (urlAt && !urlAt.has(index)) return
      const value = unwrap(arg)
      if (!value || value.kind === SK.ArrayLiteralExpression) return
      if (value.kind !== SK.ObjectLiteralExpression) return pend(value, index)
      // An options object: each property may be the URL or host the callee builds its request from.
      for (const p of (value as ts.ObjectLiteralExpression).properties) {
        const key = p.kind === SK.PropertyAssignment ? nameText(p.name) : undefined
        const v = key !== undefined ? unwrap((p as ts.PropertyAssignment).initializer) : undefined
        if (v && !NOT_URL_KINDS.has(v.kind)) pend(v, index, key)
      }
    })
  },
}

/**
 * A parameter of the enclosing top-level function handed on as the URL of another repository function (`const
 * fetchRate = (url) => fetch(url)`, `fetch` imported from the app's own wrapper): the enclosing function sends to
 * its parameter if that one does, which the link step follows; its callers' URLs are pending on it as on any sender.
 */
function forwarded(ctx: WalkContext, value: ts.Expression, callee: UrlCallee): void {
  const param = urlParameter(value, ctx)
  if (!param) return
  const list = (ctx.scan.facts.urlParameters ??= [])
  const same = (p: UrlParameter): boolean =>
    p.fn === param.fn &&
    p.index === param.index &&
    p.key === param.key &&
    p.through?.from === callee.from &&
    p.through?.exportName === callee.exportName
  if (!list.some(same)) list.push({ ...param, through: callee })
}

/**
 * The function or class called: a plain name, `this.post` for a method of the same class, or for `super(…)` the
 * class the enclosing class extends.
 */
function calleeName(call: ts.CallExpression | ts.NewExpression, ctx: WalkContext): string | undefined {
  const callee = call.expression
  if (callee.kind === SK.Identifier) return (callee as ts.Identifier).text
  if (
    callee.kind === SK.PropertyAccessExpression &&
    (callee as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword
  )
    return `this.${(callee as ts.PropertyAccessExpression).name.text}`
  if (callee.kind !== SK.SuperKeyword) return undefined
  for (let i = ctx.path.length - 1; i >= 0; i--) {
    const n = ctx.path[i]!
    if (n.kind !== SK.ClassDeclaration && n.kind !== SK.ClassExpression) continue
    const base = (n as ts.ClassLikeDeclaration).heritageClauses?.find((h) => h.token === SK.ExtendsKeyword)
      ?.types[0]?.expression
    return base?.kind === SK.Identifier ? (base as ts.Identifier).text : undefined
  }
  return undefined
}

/**
 * `api.get(url)` where `api` is imported from a module of the repository (`import { api } from './http'`): a method
 * of what that module exports, which the link step checks is an HTTP client (`export const api = axios.create(…)`).
 */
function importedClientCall(
  call: ts.CallExpression | ts.NewExpression,
  ctx: WalkContext,
): { name: string; method: string } | undefined {
  const callee = call.expression
  if (call.kind !== SK.CallExpression || callee.kind !== SK.PropertyAccessExpression) return undefined
  const target = (callee as ts.PropertyAccessExpression).expression
  if (target.kind !== SK.Identifier) return undefined
  const name = (target as ts.Identifier).text
  const method = (callee as ts.PropertyAccessExpression).name.text
  const binding = ctx.scope.lookup(name) ? undefined : ctx.bindings.imports.get(name)
  // A package's own client (`axios.get`) or SDK is read where it is called, by the outbound-calls detector.
  if (!binding || ctx.scan.rules.libraries.clientForImport(binding.module, method)) return undefined
  if (ctx.scan.rules.vendorForImport(binding.module)) return undefined
  return { name, method }
}

/**
 * For `this.fetch(url)` in a class that does not declare `fetch` but extends a class imported from another module
 * (`class BingSearch extends WebSearch`, `import WebSearch from './base'`): that import, whose class's method is the
 * one called. A method the class declares, or a base class of the same file, is linked in this file.
 */
function inheritedFrom(
  method: string,
  ctx: WalkContext,
): { binding: ImportBinding; method: string } | undefined {
  const cls = ctx.enclosingClass()
  if (!cls || cls.members.some((m) => m.name !== undefined && nameText(m.name) === method)) return undefined
  const base = cls.heritageClauses?.find((h) => h.token === SK.ExtendsKeyword)?.types[0]?.expression
  const binding =
    base?.kind === SK.Identifier ? ctx.bindings.imports.get((base as ts.Identifier).text) : undefined
  return binding ? { binding, method } : undefined
}

/** Whether the file declares a function, class or `const` of that name at its top level. */
function declaredAtTop(sf: ts.SourceFile, name: string): boolean {
  return sf.statements.some((stmt) => {
    if (stmt.kind === SK.FunctionDeclaration || stmt.kind === SK.ClassDeclaration)
      return (stmt as ts.FunctionDeclaration | ts.ClassDeclaration).name?.text === name
    if (stmt.kind !== SK.VariableStatement) return false
    return (stmt as ts.VariableStatement).declarationList.declarations.some(
      (d) => d.name.kind === SK.Identifier && d.name.text === name,
    )
  })
}
