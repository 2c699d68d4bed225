import { ts } from 'ts-morph'
import type { ModuleRef, Position } from '../../file-scan.js'
import type { WalkContext } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrayLiteralExpression: ts.isArrayLiteralExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
  isTemplateExpression: ts.isTemplateExpression,
}

/** A cookie name from a literal or a local constant; undefined when nothing of it is known. */
export function resolveName(
  node: ts.Expression,
  ctx: WalkContext,
): { value: string; pattern: boolean } | undefined {
  const s = ctx.string(node)
  if (!s || !s.value || /^\**$/.test(s.value)) return undefined
  return s
}

/**
 * Records the cookie a name argument names: resolved here when it is local, left pending (resolved when files are
 * linked) when any part of it is imported from another module of the repository.
 */
export function recordCookieName(
  ctx: WalkContext,
  nameArg: ts.Expression,
  at: Position,
  rule: string,
  symbol: string,
): void {
  const resolved = resolveName(nameArg, ctx)
  if (resolved && !hasImportedPart(nameArg, ctx)) {
    ctx.scan.cookie(resolved.value, resolved.pattern, at, rule, symbol)
    return
  }
  if (!pendingFromImport(ctx, nameArg, at, rule, symbol) && resolved)
    ctx.scan.cookie(resolved.value, resolved.pattern, at, rule, symbol)
}

/** Records the cookie a `name=value; …` header string sets (`document.cookie = …`, a Set-Cookie header). */
export function recordHeaderCookie(
  ctx: WalkContext,
  value: ts.Expression,
  at: Position,
  rule: string,
  symbol: string,
): void {
  const s = ctx.string(value)
  const name = s ? cookieNameFromHeader(s.value) : undefined
  if (name && !hasImportedPart(value, ctx)) ctx.scan.cookie(name.value, name.pattern, at, rule, symbol)
  else if (!pendingFromImport(ctx, value, at, rule, symbol, true) && name)
    ctx.scan.cookie(name.value, name.pattern, at, rule, symbol)
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

/** `name=value; Path=/` → `name`; a name with `*` from a template literal stays a pattern. */
function cookieNameFromHeader(header: string): { value: string; pattern: boolean } | undefined {
  const eq = header.indexOf('=')
  if (eq <= 0) return undefined
  const name = header.slice(0, eq).trim()
  if (!name || /[\s;,]/.test(name) || /^\**$/.test(name)) return undefined
  return { value: name, pattern: name.includes('*') }
}

/** An imported name as a reference into the module it comes from (`COOKIES.session` → COOKIES, property session). */
function importedRef(node: ts.Expression, ctx: WalkContext): ModuleRef | undefined {
  const dotted = dottedName(node)
  if (!dotted) return undefined
  const [root, ...rest] = dotted.split('.')
  const imported = ctx.bindings.imports.get(root!)
  if (!imported || ctx.bindings.constants.has(dotted)) return undefined
  let exportName = imported.imported
  let property = rest.join('.') || undefined
  if (exportName === '*') {
    if (!property) return undefined
    const [head, ...tail] = property.split('.')
    exportName = head!
    property = tail.join('.') || undefined
  }
  return { from: imported.module, exportName, ...(property ? { property } : {}) }
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
    const local = r ? undefined : ctx.string(span.expression)
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
