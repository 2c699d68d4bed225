import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The browser's global objects a snippet's global may be read through. */
const GLOBAL_OBJECT = /^(?:window|globalThis|self)\./

/**
 * Calls on the global a vendor's inline loader snippet defines (rule `snippet_globals`: `posthog.init(key, …)`,
 * `_paq.push([…])`) where the file neither imports nor declares that name: the vendor's browser script is on the
 * page, as with `<script src>` (so its default cookies are set).
 */
export const snippetGlobals: SourceDetector = {
  name: 'snippet-globals',
  kinds: [SK.CallExpression],
  visit(node, ctx) {
    const callee = (node as ts.CallExpression).expression
    const dotted = dottedName(callee)?.replace(GLOBAL_OBJECT, '')
    if (!dotted) return
    const vendor = ctx.scan.rules.vendorForSnippetGlobal(dotted)
    if (!vendor) return
    const root = dotted.split('.')[0]!
    if (ctx.bindings.imports.has(root) || ctx.scope.lookup(root)) return
    ctx.scan.vendor(
      vendor,
      ctx.at(callee),
      'script-url',
      `${dotted}() calls the global ${root} that ${vendor.name}'s loader snippet defines`,
      `${dotted}()`,
    )
  },
}
