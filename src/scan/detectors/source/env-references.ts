import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { detectEnvReference } from '../hosts.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isAwaitExpression: ts.isAwaitExpression,
  isElementAccessExpression: ts.isElementAccessExpression,
  isMetaProperty: ts.isMetaProperty,
  isNonNullExpression: ts.isNonNullExpression,
  isParenthesizedExpression: ts.isParenthesizedExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/** Objects whose properties are environment variables. */
const ENV_OBJECTS = new Set(['process.env', 'Bun.env'])

/** `process.env` or `Bun.env` (also `process['env']`), else undefined; the last name is tested first, as most accesses are not. */
function envObject(node: ts.Expression): string | undefined {
  let n = node
  while (tsf.isParenthesizedExpression(n) || tsf.isAwaitExpression(n) || tsf.isNonNullExpression(n))
    n = n.expression
  const last = tsf.isPropertyAccessExpression(n)
    ? n.name.text
    : tsf.isElementAccessExpression(n) && tsf.isStringLiteralLike(n.argumentExpression)
      ? n.argumentExpression.text
      : undefined
  if (last !== 'env') return undefined
  const dotted = dottedName(n)
  return dotted !== undefined && ENV_OBJECTS.has(dotted) ? dotted : undefined
}

/**
 * Environment variables named after a vendor: `process.env.STRIPE_SECRET_KEY`, `process.env['X']`, `Bun.env.X`,
 * `import.meta.env.VITE_POSTHOG_KEY`, `Deno.env.get('X')`.
 */
export const envReferences: SourceDetector = {
  name: 'env-references',
  kinds: [SK.PropertyAccessExpression, SK.ElementAccessExpression, SK.CallExpression],
  visit(node, ctx) {
    switch (node.kind) {
      case SK.PropertyAccessExpression: {
        const pa = node as ts.PropertyAccessExpression
        // Only the outermost access of a chain is judged (as the request detector does).
        const parent = ctx.parent!
        if (tsf.isPropertyAccessExpression(parent) && parent.expression === pa) return
        const target = pa.expression
        const importMetaEnv =
          tsf.isPropertyAccessExpression(target) &&
          target.name.text === 'env' &&
          tsf.isMetaProperty(target.expression)
        if (importMetaEnv || envObject(target)) detectEnvReference(ctx.scan, pa.name.text, ctx.at(pa))
        return
      }
      case SK.ElementAccessExpression: {
        const ea = node as ts.ElementAccessExpression
        const arg = ea.argumentExpression
        if (tsf.isStringLiteralLike(arg) && envObject(ea.expression) === 'process.env')
          detectEnvReference(ctx.scan, arg.text, ctx.at(ea))
        return
      }
      case SK.CallExpression: {
        const call = node as ts.CallExpression
        const callee = call.expression
        const first = call.arguments[0]
        if (
          tsf.isPropertyAccessExpression(callee) &&
          callee.name.text === 'get' &&
          first &&
          tsf.isStringLiteralLike(first) &&
          dottedName(callee.expression) === 'Deno.env'
        )
          detectEnvReference(ctx.scan, first.text, ctx.at(call))
      }
    }
  },
}
