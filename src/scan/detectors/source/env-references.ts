import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText } from '../../walk/ts-helpers.js'
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

const VALUE_WRAPPERS = new Set([
  SK.BinaryExpression,
  SK.NonNullExpression,
  SK.AsExpression,
  SK.ParenthesizedExpression,
])
const FALLBACKS = new Set([SK.BarBarToken, SK.QuestionQuestionToken])

/** Option keys written in constant case name the variable itself (`createEnv({ SENTRY_DSN: process.env.SENTRY_DSN })`). */
const CONSTANT_CASE = /^[A-Z][A-Z0-9_]*$/

/**
 * A vendor's variable handed as an option straight to a call of a package (`initialiseTelemetry({ connectionString:
 * process.env.APPLICATIONINSIGHTS_CONNECTION_STRING })` of a wrapper whose name is not the vendor's): the package is
 * the vendor's client, configured with the operator's account there. Recorded as the package's import, at medium.
 */
function handedToPackage(name: string, ctx: WalkContext): boolean {
  // Through a fallback or an assertion (`process.env.X ?? ''`, `process.env.X!`) to the option it is the value of.
  let i = 0
  for (let n = ctx.ancestor(0); n && VALUE_WRAPPERS.has(n.kind); n = ctx.ancestor(++i))
    if (n.kind === SK.BinaryExpression && !FALLBACKS.has((n as ts.BinaryExpression).operatorToken.kind))
      return false
  const property = ctx.ancestor(i)
  if (property?.kind !== SK.PropertyAssignment) return false
  const key = nameText((property as ts.PropertyAssignment).name)
  if (!key || CONSTANT_CASE.test(key) || ctx.ancestor(i + 1)?.kind !== SK.ObjectLiteralExpression)
    return false
  const call = ctx.ancestor(i + 2)
  if (call?.kind !== SK.CallExpression && call?.kind !== SK.NewExpression) return false
  const callee = (call as ts.CallExpression | ts.NewExpression).expression
  const imported = ctx.importOf(callee)
  if (!imported || !isPackageSpecifier(imported.module)) return false
  const vendor = ctx.scan.rules.vendorForEnv(name)
  // The vendor's own SDK is already evidence at its import; the key handed to it adds nothing.
  if (!vendor || ctx.scan.rules.vendorForImport(imported.module)?.id === vendor.id) return false
  const fn = [
    imported.imported === 'default' || imported.imported === '*' ? undefined : imported.imported,
    ...(imported.members ?? []),
  ]
    .filter(Boolean)
    .join('.')
  ctx.scan.vendor(
    vendor,
    ctx.at(property),
    'import',
    `hands the environment variable ${name} to ${fn || 'the default export'}() of "${imported.module}"`,
    imported.module,
    'medium',
  )
  return true
}

/** A package's specifier (`@scope/name/sub`, `name`), not a relative path or a path alias (`@/lib`, `~/x`, `#x`). */
function isPackageSpecifier(spec: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/|$)/i.test(spec) && !spec.startsWith('node:')
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
        if (importMetaEnv || envObject(target)) {
          if (!handedToPackage(pa.name.text, ctx)) detectEnvReference(ctx.scan, pa.name.text, ctx.at(pa))
        }
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
