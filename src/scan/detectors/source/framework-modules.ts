import { ts } from 'ts-morph'
import type { FrameworkConfig } from '../../../rules/framework-modules.js'
import { isLocalSpecifier } from '../../file-scan.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Packages a framework loads because its config file names them (rules/packages/framework-modules.yaml): Nuxt
 * `modules: ['@vercel/analytics']` and layers in `extends`, Gatsby `plugins: [{ resolve: 'gatsby-plugin-x' }]`. A
 * vendor's package listed there is a use of the vendor with no import; a package named after a vendor
 * (`@nuxtjs/sentry`) is one at medium confidence, as an import of it would be.
 */
export const frameworkModules: SourceDetector<FrameworkConfig | undefined> = {
  name: 'framework-modules',
  kinds: [SK.PropertyAssignment],
  start: (ctx) => ctx.scan.rules.frameworkModules.configFor(ctx.scan.path),
  visit(node, ctx, config) {
    if (!config) return
    const p = node as ts.PropertyAssignment
    const key = nameText(p.name)
    if (key === undefined || !config.keys.has(key)) return
    const value = unwrap(p.initializer)
    const entries =
      value?.kind === SK.ArrayLiteralExpression
        ? (value as ts.ArrayLiteralExpression).elements
        : [p.initializer]
    for (const entry of entries) {
      const spec = packageOf(entry, config)
      if (spec) record(ctx, spec.node, spec.name, config)
    }
  },
}

/** The package an entry names: `'pkg'`, `['pkg', options]`, `{ resolve: 'pkg', options }`; never a local path. */
function packageOf(
  entry: ts.Expression,
  config: FrameworkConfig,
): { name: string; node: ts.Node } | undefined {
  const e = unwrap(entry)
  if (!e) return undefined
  if (e.kind === SK.StringLiteral || e.kind === SK.NoSubstitutionTemplateLiteral) {
    const name = (e as ts.StringLiteral).text
    // Local folders, remote layers (`github:org/repo`) and URLs are not packages.
    return name && !isLocalSpecifier(name) && !name.includes(':') ? { name, node: e } : undefined
  }
  // A module loaded only when a setting is present (`process.env.GTM_ID ? '@zadigetvoltaire/nuxt-gtm' : null`).
  if (e.kind === SK.ConditionalExpression) {
    const c = e as ts.ConditionalExpression
    return packageOf(c.whenTrue, config) ?? packageOf(c.whenFalse, config)
  }
  if (e.kind === SK.ArrayLiteralExpression) {
    const first = (e as ts.ArrayLiteralExpression).elements[0]
    return first ? packageOf(first, config) : undefined
  }
  if (e.kind === SK.ObjectLiteralExpression)
    for (const prop of (e as ts.ObjectLiteralExpression).properties) {
      const k = prop.kind === SK.PropertyAssignment ? nameText(prop.name) : undefined
      if (k !== undefined && config.entryKeys.has(k))
        return packageOf((prop as ts.PropertyAssignment).initializer, config)
    }
  return undefined
}

function record(ctx: WalkContext, node: ts.Node, name: string, config: FrameworkConfig): void {
  const rules = ctx.scan.rules
  const listed = rules.vendorForImport(name) ?? rules.vendorForPackage(name)
  if (listed) {
    ctx.scan.vendor(
      listed,
      ctx.at(node),
      'import',
      `${config.name} loads "${name}", listed in its config`,
      name,
    )
    return
  }
  const wrapper = rules.vendorForWrapperPackage(name)
  if (wrapper)
    ctx.scan.vendor(
      wrapper.vendor,
      ctx.at(node),
      'import',
      `${config.name} loads "${name}", listed in its config: a package named after ${wrapper.vendor.name} ("${wrapper.token}")`,
      name,
      'medium',
    )
}
