import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { recordCookieName } from './cookie-record.js'
import { REQUEST } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * The parsed cookies of a request: Express / Koa / Fastify / Next.js API routes / h3 (`req.cookies`), also when the
 * request is a member of the handler's parameter (`params.req.cookies` in an SSR entry's `render({ req, res })`).
 */
const REQUEST_COOKIES = new RegExp(`^(?:[\\w$]+\\.)?${REQUEST}\\.(cookies|signedCookies)$`)
/** Members of a cookie map that are its methods, not cookies (`req.cookies.get`). */
const MAP_MEMBERS = new Set([
  'get',
  'set',
  'has',
  'delete',
  'getAll',
  'entries',
  'keys',
  'values',
  'forEach',
  'size',
  'length',
  'toString',
])

const READ = { rule: 'cookie-api.read', how: 'read: the cookie exists' }

/**
 * Cookies a request handler reads by name from the parsed request cookies: `req.cookies.token`,
 * `req.cookies['token']`, `req.cookies[SESSION_COOKIE]`, `const { token } = req.cookies`. A read is evidence that
 * the cookie exists (this code or a third-party script sets it). So are the members of a cookie header parsed into a
 * map (`parse(document.cookie).token`).
 */
export const cookieReads: SourceDetector = {
  name: 'cookie-reads',
  kinds: [SK.PropertyAccessExpression, SK.ElementAccessExpression, SK.VariableDeclaration],
  visit(node, ctx) {
    if (node.kind === SK.PropertyAccessExpression) {
      const pa = node as ts.PropertyAccessExpression
      const name = pa.name.text
      if (MAP_MEMBERS.has(name) || !isRequestCookies(pa.expression, ctx)) return
      const symbol = `${dottedName(pa.expression)}.${name}`
      ctx.scan.cookie(name, false, ctx.pos(pa), READ.rule, symbol, READ.how)
    } else if (node.kind === SK.ElementAccessExpression) {
      const ea = node as ts.ElementAccessExpression
      if (!isRequestCookies(ea.expression, ctx)) return
      const symbol = `${dottedName(ea.expression)}[…]`
      recordCookieName(ctx, ea.argumentExpression, ctx.pos(ea), READ.rule, symbol, READ.how)
    } else {
      const vd = node as ts.VariableDeclaration
      if (
        vd.name.kind !== SK.ObjectBindingPattern ||
        !vd.initializer ||
        !isRequestCookies(vd.initializer, ctx)
      )
        return
      const owner = dottedName(unwrap(vd.initializer)!)
      for (const el of vd.name.elements) {
        if (el.dotDotDotToken) continue
        const key = nameText(el.propertyName ?? el.name)
        if (key) ctx.scan.cookie(key, false, ctx.pos(el), READ.rule, `${owner}.${key}`, READ.how)
      }
    }
  },
}

function isRequestCookies(expr: ts.Expression, ctx?: WalkContext): boolean {
  const e = unwrap(expr)
  const dotted = e ? dottedName(e) : undefined
  if (dotted !== undefined && REQUEST_COOKIES.test(dotted)) return true
  return ctx !== undefined && e !== undefined && isParsedHeader(e, ctx)
}

/** A call that parses a cookie header into a map of names (the `cookie` package's `parse`, `parseCookies`). */
const COOKIE_PARSE = /^(?:parse|parseCookies?|cookieParse)$/
/** The cookie header a browser or a request holds: `document.cookie`, `req.headers.cookie`. */
const COOKIE_HEADER = /^(?:(?:window\.)?document\.cookie|(?:[\w$]+\.)*headers\.cookie)$/

/**
 * The map a cookie header parses into, directly or through a `const` (`const cookies = parse(document.cookie)`,
 * `cookie.parse(req.headers.cookie)`): its members are cookies the page or request carries.
 */
function isParsedHeader(e: ts.Expression, ctx: WalkContext): boolean {
  let call: ts.Expression | undefined = e
  if (e.kind === SK.Identifier) {
    const local = ctx.scope.lookup((e as ts.Identifier).text)
    call = local?.kind === 'const' && local.path.length === 0 ? unwrap(local.initializer) : undefined
  }
  if (call?.kind !== SK.CallExpression) return false
  const c = call as ts.CallExpression
  const callee = dottedName(c.expression)?.split('.').pop()
  const header = c.arguments[0] ? dottedName(unwrap(c.arguments[0])!) : undefined
  return (
    callee !== undefined && COOKIE_PARSE.test(callee) && header !== undefined && COOKIE_HEADER.test(header)
  )
}
