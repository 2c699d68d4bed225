import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { nameText, typeOfTypeNode } from '../../walk/ts-helpers.js'
import { memberNames, type MemberNames } from './member-names.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Fields of interfaces and object types (`interface User { email: string }`), classified with their siblings. */
export const typeFields: SourceDetector<MemberNames> = {
  name: 'type-fields',
  kinds: [SK.PropertySignature],
  start: () => new Map(),
  visit(node, ctx, cache) {
    const ps = node as ts.PropertySignature
    const name = nameText(ps.name)
    if (!name) return
    const parent = ctx.parent!
    const siblings =
      parent.kind === SK.InterfaceDeclaration || parent.kind === SK.TypeLiteral
        ? memberNames(cache, parent, (parent as ts.InterfaceDeclaration | ts.TypeLiteralNode).members)
        : []
    const type = ps.type ? typeOfTypeNode(ps.type) : 'unknown'
    ctx.scan.field(
      name,
      { container: ctx.container ?? ctx.fileContainer, siblings, type },
      ctx.at(ps.name),
      'field',
    )
  },
}
