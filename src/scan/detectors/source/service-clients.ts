import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Clients of one product made from a package that serves many (rule `named_imports` with a member chain:
 * `{ googleapis: [google.gmail] }`): `google.gmail({ version: 'v1', auth })` sends to the Gmail API, where importing
 * `google` alone names no product. A default or namespace import is the module itself (`import AWS from 'aws-sdk';
 * new AWS.S3()`): the chain is the members read off it.
 */
export const serviceClients: SourceDetector = {
  name: 'service-clients',
  kinds: [SK.CallExpression, SK.NewExpression],
  visit(node, ctx) {
    const callee = (node as ts.CallExpression | ts.NewExpression).expression
    if (callee.kind !== SK.PropertyAccessExpression) return
    const imported = ctx.importOf(callee)
    if (!imported || imported.members.length === 0 || !ctx.scan.rules.hasNamedImports(imported.module)) return
    const whole = imported.imported === '*' || imported.imported === 'default'
    const chain = [whole ? undefined : imported.imported, ...imported.members].filter(Boolean).join('.')
    for (const vendor of ctx.scan.rules.vendorsForNamedImports(imported.module, [chain]))
      ctx.scan.vendor(
        vendor,
        ctx.at(callee),
        'import',
        `${chain}() of ${imported.module} makes a ${vendor.name} client`,
        imported.module,
      )
  },
}
