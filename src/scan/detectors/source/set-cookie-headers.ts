import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { recordSetCookieHeader } from './cookie-names.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** `headers: { 'Set-Cookie': 'name=…' }` in a Response or NextResponse init (the `setHeader` call is a cookie call). */
export const setCookieHeaders: SourceDetector = {
  name: 'set-cookie-headers',
  kinds: [SK.PropertyAssignment],
  visit(node, ctx) {
    const p = node as ts.PropertyAssignment
    const key = p.name.kind === SK.StringLiteral || p.name.kind === SK.Identifier ? p.name.text : undefined
    if (!key || key.toLowerCase() !== 'set-cookie') return
    recordSetCookieHeader(ctx, p.initializer, p, "headers['Set-Cookie']")
  },
}
