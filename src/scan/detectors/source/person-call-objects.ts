import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The last member of a callee (`userSvc.addUserInfo` → `addUserInfo`). */
function calleeName(call: ts.CallExpression): string | undefined {
  const dotted = dottedName(call.expression)
  return dotted === undefined ? undefined : dotted.slice(dotted.lastIndexOf('.') + 1)
}

/**
 * What a call is about: a string first argument naming a store mutation or action (`commit('userInfo/setItem', …)`,
 * `dispatch('user/update', …)`) when it has one, else the callee's own name.
 */
function subjectOf(call: ts.CallExpression): string | undefined {
  const first = unwrap(call.arguments[0])
  if (first && (first.kind === SK.StringLiteral || first.kind === SK.NoSubstitutionTemplateLiteral))
    return (first as ts.StringLiteral).text.replace(/[^A-Za-z0-9]+/g, '_')
  return calleeName(call)
}

/**
 * Object literals handed to a call named for a person or a person's record: `userSvc.addUserInfo({ id, name })`,
 * `commit('userInfo/setItem', { id, name })`, `userPlayHistory({ uid })`. In code with neither types nor an ORM
 * schema (plain JavaScript, Vue 2 stores) these calls are where the app writes a person's data to its store or its
 * API; each key is classified with the call as container and the other keys as siblings. Calls named for anything
 * else (a component's props, a chart's options) are not read.
 */
export const personCallObjects: SourceDetector = {
  name: 'person-call-objects',
  kinds: [SK.CallExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression
    const objects = call.arguments
      .map((a) => unwrap(a))
      .filter((a): a is ts.ObjectLiteralExpression => a?.kind === SK.ObjectLiteralExpression)
    if (objects.length === 0) return
    const subject = subjectOf(call)
    if (!subject || !ctx.scan.rules.pii.namesPerson(subject)) return
    for (const obj of objects) record(ctx, obj, subject)
  },
}

function record(ctx: WalkContext, obj: ts.ObjectLiteralExpression, container: string): void {
  const keyed = obj.properties.flatMap((p) => {
    if (p.kind !== SK.PropertyAssignment && p.kind !== SK.ShorthandPropertyAssignment) return []
    const key = nameText(p.name)
    return key ? [{ key, node: p }] : []
  })
  const siblings = keyed.map((k) => k.key)
  for (const { key, node } of keyed)
    ctx.scan.field(key, { container, kind: 'object', siblings }, ctx.at(node), 'field', `${container}.${key}`)
}
