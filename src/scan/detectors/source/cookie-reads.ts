import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
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
 * the cookie exists (this code or a third-party script sets it).
 */
export const cookieReads: SourceDetector = {
  name: 'cookie-reads',
  kinds: [SK.PropertyAccessExpression, SK.ElementAccessExpression, SK.VariableDeclaration],
  visit(node, ctx) {
    if (node.kind === SK.PropertyAccessExpression) {
      const pa = node as ts.PropertyAccessExpression
      const name = pa.name.text
      if (MAP_MEMBERS.has(name) || !isRequestCookies(pa.expression)) return
      const symbol = `${dottedName(pa.expression)}.${name}`
      ctx.scan.cookie(name, false, ctx.pos(pa), READ.rule, symbol, READ.how)
    } else if (node.kind === SK.ElementAccessExpression) {
      const ea = node as ts.ElementAccessExpression
      if (!isRequestCookies(ea.expression)) return
      const symbol = `${dottedName(ea.expression)}[…]`
      recordCookieName(ctx, ea.argumentExpression, ctx.pos(ea), READ.rule, symbol, READ.how)
    } else {
      const vd = node as ts.VariableDeclaration
      if (vd.name.kind !== SK.ObjectBindingPattern || !vd.initializer || !isRequestCookies(vd.initializer))
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

function isRequestCookies(expr: ts.Expression): boolean {
  const e = unwrap(expr)
  const dotted = e ? dottedName(e) : undefined
  return dotted !== undefined && REQUEST_COOKIES.test(dotted)
}
