import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, jsxTagName, unwrap } from '../../walk/ts-helpers.js'
import { detectScriptElement } from '../hosts.js'
import { jsxAttributes } from './jsx-attributes.js'
import { urlValues } from './url-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * `<script>`, `<Script>` and Next.js's script component under any local name, also through a local alias
 * (`const ExternalScript = NextScript as ComponentType<…>`).
 */
export function isScriptTag(element: ts.JsxOpeningLikeElement, tag: string, ctx: WalkContext): boolean {
  if (tag === 'script' || tag === 'Script') return true
  return element.tagName.kind === SK.Identifier && ctx.importOf(element.tagName)?.module === 'next/script'
}

/**
 * `<script src>` / `<Script src>` in JSX, and a script element built in code (`const s =
 * document.createElement('script'); s.src = 'https://…'`): the vendor whose script it loads.
 */
export const scriptElements: SourceDetector = {
  name: 'script-elements',
  kinds: [SK.JsxSelfClosingElement, SK.JsxOpeningElement, SK.BinaryExpression],
  visit(node, ctx) {
    if (node.kind === SK.BinaryExpression) return assignedSrc(node as ts.BinaryExpression, ctx)
    const element = node as ts.JsxOpeningLikeElement
    const tag = jsxTagName(element.tagName)
    if (!tag || !isScriptTag(element, tag, ctx)) return
    const src = jsxAttributes(element, ctx, true)('src')
    if (src) detectScriptElement(ctx.scan, src, ctx.pos(element), tag)
  },
}

/** `el.src = url` where `el` is a local made by `document.createElement('script')`. */
function assignedSrc(b: ts.BinaryExpression, ctx: WalkContext): void {
  if (b.operatorToken.kind !== SK.EqualsToken || b.left.kind !== SK.PropertyAccessExpression) return
  const target = b.left as ts.PropertyAccessExpression
  if (target.name.text !== 'src' || target.expression.kind !== SK.Identifier) return
  const local = ctx.scope.lookup((target.expression as ts.Identifier).text)
  const init = unwrap(local?.initializer)
  if (init?.kind !== SK.CallExpression) return
  const made = init as ts.CallExpression
  const tag = made.arguments[0]
  if (
    dottedName(made.expression) !== 'document.createElement' ||
    !tag ||
    !ts.isStringLiteralLike(tag) ||
    tag.text.toLowerCase() !== 'script'
  )
    return
  // A known vendor's script URL is already found in its string (hosts-in-strings); the rest are called hosts.
  for (const src of new Set(urlValues(b.right, ctx)))
    if (!ctx.scan.rules.vendorForScriptUrl(src)) detectScriptElement(ctx.scan, src, ctx.at(b.right), 'script')
}
