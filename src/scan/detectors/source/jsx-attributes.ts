import { ts } from 'ts-morph'
import type { WalkContext } from '../../walk/detector.js'
import { jsxAttrName } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * The static values of a JSX element's attributes, by lower-case name: `"x"` or `{'x'}` / `{CONSTANT}`; undefined
 * for absent or dynamic ones. With `patterns`, a template with dynamic parts gives its value with `*` for them
 * (`{`https://cdn.example.com/${id}.js`}` → `https://cdn.example.com/*.js`).
 */
export function jsxAttributes(
  node: ts.JsxOpeningLikeElement,
  ctx: WalkContext,
  patterns = false,
): (name: string) => string | undefined {
  const attrs = new Map<string, ts.JsxAttribute>()
  for (const prop of node.attributes.properties)
    if (prop.kind === SK.JsxAttribute) attrs.set(jsxAttrName(prop.name).toLowerCase(), prop)
  return (name) => {
    const init = attrs.get(name)?.initializer
    if (!init) return undefined
    if (init.kind === SK.StringLiteral) return init.text
    if (init.kind === SK.JsxExpression && init.expression) {
      const s = ctx.string(init.expression)
      return s && (patterns || !s.pattern) ? s.value : undefined
    }
    return undefined
  }
}
