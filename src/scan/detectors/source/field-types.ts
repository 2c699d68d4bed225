import { ts } from 'ts-morph'
import type { FieldType } from '../../pii/classify.js'
import type { WalkContext } from '../../walk/detector.js'
import { typeOfTypeNode, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Types of UI frameworks: a field holding one is a piece of interface (`login?: React.ReactNode`), not data. */
const UI_TYPES =
  /^(React\.)?(ReactNode|ReactElement|ReactChild|ReactFragment|ReactPortal|JSX\.Element|Element|HTMLElement|VNode|TemplateResult|Snippet|Component|ComponentType|FC|FunctionComponent|ElementType)$/

const declared = new WeakMap<ts.SourceFile, Map<string, FieldType>>()

/** The simplified types of a file's top-level interfaces, classes, type aliases and enums, by name. */
function localTypes(sf: ts.SourceFile): Map<string, FieldType> {
  let map = declared.get(sf)
  if (map) return map
  map = new Map()
  for (const s of sf.statements) {
    if (s.kind === SK.InterfaceDeclaration || s.kind === SK.ClassDeclaration) {
      const name = (s as ts.InterfaceDeclaration | ts.ClassDeclaration).name?.text
      if (name) map.set(name, 'object')
    } else if (s.kind === SK.TypeAliasDeclaration) {
      const alias = s as ts.TypeAliasDeclaration
      map.set(alias.name.text, typeOfTypeNode(alias.type))
    }
  }
  declared.set(sf, map)
  return map
}

/** The one type a nullable union stands for (`Organisation | null` → `Organisation`); the node itself otherwise. */
function nonNullable(node: ts.TypeNode): ts.TypeNode {
  if (node.kind !== SK.UnionType) return node
  const rest = (node as ts.UnionTypeNode).types.filter(
    (t) =>
      t.kind !== SK.NullKeyword &&
      t.kind !== SK.UndefinedKeyword &&
      !(t.kind === SK.LiteralType && (t as ts.LiteralTypeNode).literal.kind === SK.NullKeyword),
  )
  return rest.length === 1 ? rest[0]! : node
}

/**
 * A field's simplified type, looking through references to the file's own declarations (`state: HomeState` where
 * `interface HomeState` is an object) and to UI framework types (`React.ReactNode`). A reference to a record that
 * `linksRecord` says is another thing's (`organization: Organization`, see RuleSet.organisationRecordType) is a
 * `relation`, as a Prisma relation field is: the field holds that record, whose own fields are judged where it is
 * declared, not a value of its own.
 */
export function fieldType(
  node: ts.TypeNode | undefined,
  sf: ts.SourceFile,
  linksRecord?: (typeName: string) => boolean,
): FieldType {
  const simple = typeOfTypeNode(node)
  if (simple !== 'unknown' || !node) return simple
  const one = nonNullable(node)
  if (linksRecord && recordLink(one, linksRecord)) return 'relation'
  if (one.kind !== SK.TypeReference) return simple
  const ref = (one as ts.TypeReferenceNode).typeName
  const name = ref.kind === SK.Identifier ? ref.text : `${qualifiedLeft(ref.left)}.${ref.right.text}`
  if (one !== node) return simple
  if (UI_TYPES.test(name)) return 'element'
  return localTypes(sf).get(name) ?? 'unknown'
}

/** Utility types that keep the record they wrap (`NonNullable<Organization>`). */
const WRAPPERS = /^(NonNullable|Readonly|Required|Partial)$/

/**
 * True when a type names another thing's record: a reference `linksRecord` accepts, through a utility wrapper
 * (`NonNullable<…>`), or a union of references one of which it accepts (`Organization | ActiveOrganization`, the
 * variants of one record).
 */
function recordLink(node: ts.TypeNode, linksRecord: (typeName: string) => boolean): boolean {
  if (node.kind === SK.UnionType) {
    const types = (node as ts.UnionTypeNode).types
    return types.every((t) => t.kind === SK.TypeReference) && types.some((t) => recordLink(t, linksRecord))
  }
  if (node.kind !== SK.TypeReference) return false
  const { typeName: ref, typeArguments: args } = node as ts.TypeReferenceNode
  const name = ref.kind === SK.Identifier ? ref.text : ref.right.text
  if (ref.kind === SK.Identifier && WRAPPERS.test(name) && args?.length === 1)
    return recordLink(nonNullable(args[0]!), linksRecord)
  return linksRecord(name)
}

/** The rule set's test for a type naming another thing's record, for fieldType. */
export function linksRecord(ctx: WalkContext): (typeName: string) => boolean {
  return (typeName) => ctx.scan.rules.organisationRecordType(typeName)
}

function qualifiedLeft(n: ts.EntityName): string {
  return n.kind === SK.Identifier ? n.text : `${qualifiedLeft(n.left)}.${n.right.text}`
}

/** The type a value shows on its face (an initializer, a right-hand side): a flag, a count or a function is not data. */
export function valueType(value: ts.Expression): FieldType {
  const v = unwrap(value)
  switch (v?.kind) {
    case SK.TrueKeyword:
    case SK.FalseKeyword:
      return 'boolean'
    case SK.NumericLiteral:
      return 'number'
    case SK.ArrowFunction:
    case SK.FunctionExpression:
      return 'function'
    default:
      return 'unknown'
  }
}
