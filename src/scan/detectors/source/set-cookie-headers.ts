import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { cookieNameFromHeader } from './cookie-names.js'
import { isRecordedHeader, recordHeaderCookie, recordSetCookieHeader } from './cookie-record.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * A Set-Cookie line: `name=value; Path=/` — a name, a value, then at least one cookie attribute. A value holds no
 * double quote unless it is wholly quoted (RFC 6265 cookie-value): `document.cookie="a=1; Secure"` in a string of
 * script code is code that writes a cookie, not a header whose cookie is named `document.cookie`.
 */
const SET_COOKIE_LINE =
  /^\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=("[^";]*"|[^";]*);\s*(path|max-age|expires|domain|httponly|secure|samesite|partitioned)\b/i

/**
 * Set-Cookie values: `headers: { 'Set-Cookie': 'name=…' }` in a Response or NextResponse init (the `setHeader` call is
 * a cookie call), and any string written as a Set-Cookie line (`'theme=dark; Path=/; Max-Age=31536000'`) wherever it
 * is built — a constant, a return value, an array of headers.
 */
export const setCookieHeaders: SourceDetector = {
  name: 'set-cookie-headers',
  kinds: [SK.PropertyAssignment, SK.StringLiteral, SK.NoSubstitutionTemplateLiteral, SK.TemplateExpression],
  visit(node, ctx) {
    if (node.kind === SK.PropertyAssignment) {
      const p = node as ts.PropertyAssignment
      const key = p.name.kind === SK.StringLiteral || p.name.kind === SK.Identifier ? p.name.text : undefined
      if (!key || key.toLowerCase() !== 'set-cookie') return
      recordSetCookieHeader(ctx, p.initializer, p, "headers['Set-Cookie']")
      return
    }
    if (isRecordedHeader(node)) return
    // Cheap test first: most strings have no `=` and `;`.
    const text =
      node.kind === SK.TemplateExpression
        ? (node as ts.TemplateExpression).templateSpans.map((s) => s.literal.text).join('*')
        : (node as ts.StringLiteral).text
    if (text.indexOf(';') < 0 || text.indexOf('=') < 0) return
    const head =
      node.kind === SK.TemplateExpression ? (node as ts.TemplateExpression).head.text + '*' + text : text
    if (!SET_COOKIE_LINE.test(head.replace(/\*/g, 'x'))) return
    const parent = ctx.parent
    // An import path or a JSX attribute is never a header.
    if (parent && (parent.kind === SK.ImportDeclaration || parent.kind === SK.JsxAttribute)) return
    // A name that is wholly a substitution (`${name}=${value}; Path=/`) names no cookie here, but makes the function
    // whose parameter it is a cookie builder: its callers name the cookies (recordHeaderCookie registers the helper).
    if (!cookieNameFromHeader(head) && !wholeNameSubstituted(node)) return
    recordHeaderCookie(
      ctx,
      node as ts.Expression,
      ctx.pos(node),
      'cookie-api.set-cookie-string',
      'Set-Cookie string',
    )
  },
}

/** True for a template whose cookie name is one substitution and nothing else (`${name}=${value}; Path=/`). */
function wholeNameSubstituted(node: ts.Node): boolean {
  if (node.kind !== SK.TemplateExpression) return false
  const t = node as ts.TemplateExpression
  return t.head.text === '' && t.templateSpans[0]!.literal.text.startsWith('=')
}
