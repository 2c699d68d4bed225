import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { jsxTagName } from '../../walk/ts-helpers.js'
import { detectScriptElement } from '../hosts.js'
import { jsxAttributes } from './jsx-attributes.js'

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

/** `<script src>` / `<Script src>` in JSX: the vendor whose script it loads. */
export const scriptElements: SourceDetector = {
  name: 'script-elements',
  kinds: [SK.JsxSelfClosingElement, SK.JsxOpeningElement],
  visit(node, ctx) {
    const element = node as ts.JsxOpeningLikeElement
    const tag = jsxTagName(element.tagName)
    if (!tag || !isScriptTag(element, tag, ctx)) return
    const src = jsxAttributes(element, ctx, true)('src')
    if (src) detectScriptElement(ctx.scan, src, ctx.pos(element), tag)
  },
}
