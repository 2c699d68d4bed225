import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { nameText } from '../../walk/ts-helpers.js'
import { fieldType, linksRecord } from './field-types.js'
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
    ctx.scan.field(
      name,
      {
        container:
          extendedType(parent, ctx.ancestor(1), ctx.ancestor(2)) ?? ctx.container ?? ctx.fileContainer,
        kind: 'type',
        siblings,
        type: fieldType(ps.type, ctx.sf, linksRecord(ctx)),
      },
      ctx.at(ps.name),
      'field',
    )
  },
}

/**
 * TypeScript's utility types: `{ … } & Pick<RaRecord, 'id'>` borrows a field of another type and does not make the
 * object that type (a `Company` with a record's `id` is still a company).
 */
const UTILITY_TYPES = new Set(['Pick', 'Omit', 'Partial', 'Required', 'Readonly', 'NonNullable', 'Record'])

/**
 * The named type an object type extends by intersection (`Navigator & { msDoNotTrack?: string }`): its fields are
 * members of that type, so that type, not the variable the value lands in, is their container. A type alias names
 * the intersection itself (`type ProductReview = { review: string } & TimestampFields`): its fields are the alias's,
 * and the types it mixes in lend it fields, not their name.
 */
function extendedType(
  parent: ts.Node,
  grandparent: ts.Node | undefined,
  above: ts.Node | undefined,
): string | undefined {
  if (parent.kind !== SK.TypeLiteral || grandparent?.kind !== SK.IntersectionType) return undefined
  if (above?.kind === SK.TypeAliasDeclaration) return undefined
  for (const t of (grandparent as ts.IntersectionTypeNode).types) {
    if (t.kind !== SK.TypeReference) continue
    const name = nameText((t as ts.TypeReferenceNode).typeName)
    if (name && !UTILITY_TYPES.has(name)) return name
  }
  return undefined
}
