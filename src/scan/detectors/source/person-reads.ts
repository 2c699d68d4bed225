import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Per file: whether a receiver's name names a person (names repeat, the answer is tokenized once). */
type PersonNames = Map<string, boolean>

/** The name a property is read off: `user` in `user.login`, `this.user.email`, `state.data.user?.userId`. */
function receiverName(expr: ts.Expression): string | undefined {
  if (expr.kind === SK.Identifier) return (expr as ts.Identifier).text
  if (expr.kind === SK.PropertyAccessExpression) {
    const name = (expr as ts.PropertyAccessExpression).name
    return name.kind === SK.Identifier ? name.text : undefined
  }
  return undefined
}

/** True when the read is the end of its chain and not a method called (`user.login`, not `user.profile.x`, `user.save()`). */
function isLeafRead(pa: ts.PropertyAccessExpression, ctx: WalkContext): boolean {
  const parent = ctx.parent
  if (!parent) return true
  if (parent.kind === SK.PropertyAccessExpression || parent.kind === SK.ElementAccessExpression)
    return (parent as ts.PropertyAccessExpression).expression !== pa
  if (parent.kind === SK.CallExpression || parent.kind === SK.NewExpression)
    return (parent as ts.CallExpression).expression !== pa
  return true
}

/**
 * Properties read off a value named for a person (`user.login`, `this.profile.email`, `state.user?.userId`): in code
 * with neither types nor an ORM schema (plain JavaScript, Vue 2 stores) the fields of a person's record exist only as
 * the reads of an API answer or a store, and the receiver's name says whose they are. The receiver is the container,
 * so a weak term (`login`, `nickname`) is read as the person's. Methods called and intermediate links of a chain are
 * not reads of a field.
 */
export const personReads: SourceDetector<PersonNames> = {
  name: 'person-reads',
  kinds: [SK.PropertyAccessExpression],
  start: () => new Map(),
  visit(node, ctx, persons) {
    const pa = node as ts.PropertyAccessExpression
    if (pa.name.kind !== SK.Identifier || !isLeafRead(pa, ctx)) return
    const receiver = receiverName(pa.expression)
    if (receiver === undefined) return
    let person = persons.get(receiver)
    if (person === undefined) {
      person = ctx.scan.rules.pii.namesPerson(receiver)
      persons.set(receiver, person)
    }
    if (!person) return
    const key = pa.name.text
    ctx.scan.field(
      key,
      { container: receiver, kind: 'object' },
      ctx.at(pa.name),
      'field',
      `${receiver}.${key}`,
    )
  },
}
