import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { recordHeaderCookie } from './cookie-record.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** `document.cookie = 'name=value; …'` (and `+=`). */
export const documentCookie: SourceDetector = {
  name: 'document-cookie',
  kinds: [SK.BinaryExpression],
  visit(node, ctx) {
    const b = node as ts.BinaryExpression
    const op = b.operatorToken.kind
    if (op !== SK.EqualsToken && op !== SK.PlusEqualsToken) return
    const left = dottedName(b.left)
    if (left !== 'document.cookie' && left !== 'window.document.cookie') return
    recordHeaderCookie(ctx, b.right, ctx.pos(b), 'cookie-api.document-cookie', 'document.cookie')
  },
}
