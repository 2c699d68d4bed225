import { ts } from 'ts-morph'
import { sameBinding } from '../../walk/scope.js'
import type { ModuleRef, Position } from '../../file-scan.js'
import type { WalkContext } from '../../walk/detector.js'
import { dottedName, unwrap } from '../../walk/ts-helpers.js'
import { COOKIE_WORD, cookieHelpers } from './cookie-helpers.js'
import {
  cookieNameFromHeader,
  cookieNameValues,
  helperParameter,
  nameValueWith,
  nestedHelperParameter,
  resolveName,
  usable,
} from './cookie-names.js'

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrayLiteralExpression: ts.isArrayLiteralExpression,
  isCallExpression: ts.isCallExpression,
  isIdentifier: ts.isIdentifier,
  isStringLiteralLike: ts.isStringLiteralLike,
  isTemplateExpression: ts.isTemplateExpression,
}

/** Header strings already recorded through the API they were passed to: the raw-string detector skips them. */
const recordedHeaders = new WeakSet<ts.Node>()

/** True when a header string was recorded as the value of `document.cookie`, a Set-Cookie header or a cookie call. */
export function isRecordedHeader(node: ts.Node): boolean {
  return recordedHeaders.has(node)
}

/** Stands for a helper's name parameter in the name it builds, until a call gives its value. */
export const PARAMETER = '\u0001'

/**
 * Records the cookies a name argument names: resolved here when it is local (every value a loop gives it), left
 * pending (resolved when files are linked) when a part of it is imported from another module of the repository.
 */
export function recordCookieName(
  ctx: WalkContext,
  nameArg: ts.Expression,
  at: Position,
  rule: string,
  symbol: string,
  how?: string,
): void {
  if (hasImportedPart(nameArg, ctx) && pendingFromImport(ctx, nameArg, at, rule, symbol)) return
  const values = cookieNameValues(nameArg, ctx)
  for (const v of values) if (usable(v.value)) ctx.scan.cookie(v.value, v.pattern, at, rule, symbol, how)
  if (values.every((v) => v.pattern)) registerHelper(ctx, nameArg, rule, false, how)
}

/**
 * Leaves pending the cookie a name imported from another module of the repository names (`name: config.sessionName`
 * with `config` a module's exported settings object): true when it did.
 */
export function recordImportedCookieName(
  ctx: WalkContext,
  nameArg: ts.Expression,
  at: Position,
  rule: string,
  symbol: string,
): boolean {
  return hasImportedPart(nameArg, ctx) && pendingFromImport(ctx, nameArg, at, rule, symbol)
}

/** Records the cookie a `name=value; …` header string sets (`document.cookie = …`, a Set-Cookie header). */
export function recordHeaderCookie(
  ctx: WalkContext,
  value: ts.Expression,
  at: Position,
  rule: string,
  symbol: string,
): void {
  recordedHeaders.add(unwrap(value) ?? value)
  if (hasImportedPart(value, ctx) && pendingFromImport(ctx, value, at, rule, symbol, true)) return
  const names = cookieNameValues(value, ctx).map((v) => cookieNameFromHeader(v.value))
  for (const name of names) if (name) ctx.scan.cookie(name.value, name.pattern, at, rule, symbol)
  if (names.every((n) => !n || n.pattern)) registerHelper(ctx, value, rule, true)
}

/**
 * A name built from a parameter of the enclosing top-level function makes that function a cookie helper: each call
 * in the file that passes a known name sets that cookie (`markDone('seen_tour')` → `seen_tour`). A function nested in
 * another and named for a cookie is a helper its callers in any file name (link-cookies).
 */
function registerHelper(
  ctx: WalkContext,
  node: ts.Expression,
  rule: string,
  header: boolean,
  how?: string,
): void {
  const top = helperParameter(node, ctx)
  const param = top ?? nestedHelperParameter(node, ctx)
  if (!param) return
  const v = nameValueWith(node, ctx, new Map([[param.name, { value: PARAMETER, pattern: false }]]))
  const name = v && (header ? cookieNameFromHeader(v.value) : v)
  if (!name || !name.value.includes(PARAMETER)) return
  const helper = { index: param.index, name: name.value, rule, how }
  if (top) ctx.stateOf(cookieHelpers).helpers.set(param.fn, helper)
  // A nested helper named for a cookie reaches its callers through an object a service returns, which no import
  // names: they find it by its name when files are linked.
  else if (COOKIE_WORD.test(param.fn)) (ctx.scan.facts.cookieHelpers ??= []).push({ fn: param.fn, ...helper })
}

/** A Set-Cookie header value, or an array of them: the cookies it sets, located at `at`. */
export function recordSetCookieHeader(
  ctx: WalkContext,
  value: ts.Expression | undefined,
  at: ts.Node,
  symbol: string,
): void {
  if (!value) return
  const values = tsf.isArrayLiteralExpression(value) ? value.elements : [value]
  const where = ctx.pos(at)
  for (const v of values) recordHeaderCookie(ctx, v, where, 'cookie-api.set-cookie-header', symbol)
}

/** True for a `'Set-Cookie'` header name (any case). */
export function isSetCookieHeaderName(arg: ts.Expression | undefined): boolean {
  return arg !== undefined && tsf.isStringLiteralLike(arg) && arg.text.toLowerCase() === 'set-cookie'
}

/**
 * An imported name as a reference into the module it comes from (`COOKIES.session` → COOKIES, property session;
 * `stateCookie(id)` → the string the exported function `stateCookie` returns).
 */
function importedRef(node: ts.Expression, ctx: WalkContext): ModuleRef | undefined {
  const n = unwrap(node)
  if (!n) return undefined
  const call = tsf.isCallExpression(n) && tsf.isIdentifier(n.expression) ? n.expression.text : undefined
  const dotted = call ?? dottedName(n)
  if (!dotted) return undefined
  const [root, ...rest] = dotted.split('.')
  const imported = ctx.bindings.imports.get(root!)
  if (!imported || ctx.bindings.constants.has(dotted)) return undefined
  // A function's own name shadows the import; a top-level `require` is both a file local and an import.
  const local = ctx.scope.lookup(root!)
  if (local && !sameBinding(local, ctx.fileScope.own(root!))) return undefined
  let exportName = imported.imported
  let property = rest.join('.') || undefined
  if (exportName === '*') {
    if (!property) return undefined
    const [head, ...tail] = property.split('.')
    exportName = head!
    property = tail.join('.') || undefined
  }
  if (!call) return { from: imported.module, exportName, ...(property ? { property } : {}) }
  const args = (n as ts.CallExpression).arguments.map((a) => {
    const v = resolveName(a, ctx)
    return v && !v.pattern ? v.value : null
  })
  return { from: imported.module, exportName: `${exportName}()`, args }
}

function hasImportedPart(node: ts.Expression, ctx: WalkContext): boolean {
  if (tsf.isTemplateExpression(node))
    return node.templateSpans.some((s) => importedRef(s.expression, ctx) !== undefined)
  return importedRef(node, ctx) !== undefined
}

/**
 * A name bound to an import from another module of the repository: resolved when files are linked.
 * With `header`, the value is a `name=value` string and only the part before `=` is the name.
 */
function pendingFromImport(
  ctx: WalkContext,
  node: ts.Expression,
  at: Position,
  rule: string,
  symbol: string,
  header = false,
): boolean {
  const scan = ctx.scan
  const base = { ...at, symbol, rule, excerpt: scan.excerpt(at.line) }
  const ref = header ? undefined : importedRef(node, ctx)
  if (ref) {
    scan.facts.pendingCookies.push({ ...ref, ...base })
    return true
  }
  if (!tsf.isTemplateExpression(node)) return false
  // `${COOKIE_PREFIX}_session` with COOKIE_PREFIX imported
  const cut = (text: string): { text: string; done: boolean } => {
    const eq = header ? text.indexOf('=') : -1
    return eq < 0 ? { text, done: false } : { text: text.slice(0, eq), done: true }
  }
  const head = cut(node.head.text)
  const parts: (string | ModuleRef)[] = [head.text]
  let first: ModuleRef | undefined
  let done = head.done
  for (const span of node.templateSpans) {
    if (done) break
    const r = importedRef(span.expression, ctx)
    const local = r ? undefined : resolveName(span.expression, ctx)
    if (r) {
      parts.push(r)
      first ??= r
    } else parts.push(local ? local.value : '*')
    const lit = cut(span.literal.text)
    parts.push(lit.text)
    done = lit.done
  }
  if (!first || (header && !done)) return false
  scan.facts.pendingCookies.push({ ...first, parts, ...base })
  return true
}
