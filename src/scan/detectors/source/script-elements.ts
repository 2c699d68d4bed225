import { ts } from 'ts-morph'
import type { SourceBindings } from '../../walk/bindings.js'
import type { SourceDetector } from '../../walk/detector.js'
import { jsxTagName } from '../../walk/ts-helpers.js'
import { detectScriptElement } from '../hosts.js'
import { jsxAttributes } from './jsx-attributes.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** `<script>`, `<Script>` and Next.js's script component under any local name. */
export function isScriptTag(tag: string, bindings: SourceBindings): boolean {
  return tag === 'script' || tag === 'Script' || bindings.imports.get(tag)?.module === 'next/script'
}

/** `<script src>` / `<Script src>` in JSX: the vendor whose script it loads. */
export const scriptElements: SourceDetector = {
  name: 'script-elements',
  kinds: [SK.JsxSelfClosingElement, SK.JsxOpeningElement],
  visit(node, ctx) {
    const element = node as ts.JsxOpeningLikeElement
    const tag = jsxTagName(element.tagName)
    if (!tag || !isScriptTag(tag, ctx.bindings)) return
    const src = jsxAttributes(element, ctx)('src')
    if (src) detectScriptElement(ctx.scan, src, ctx.pos(element), tag)
  },
}
