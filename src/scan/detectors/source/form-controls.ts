import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { recordGroupedFields, type GroupedField } from './sibling-groups.js'
import { handlerName } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isShorthandPropertyAssignment: ts.isShorthandPropertyAssignment,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/**
 * Controls a form library names in code (rules/requests/form-controls.yaml): Angular `fb.group({ email: [''] })`,
 * `new FormGroup({ email: new FormControl() })`, `form.addControl('email', …)`, in a file that imports the library.
 * The keys of one group are siblings, as the fields of a schema are; the enclosing function is their container.
 */
export const formControls: SourceDetector<GroupedField[] | undefined> = {
  name: 'form-controls',
  kinds: [SK.CallExpression, SK.NewExpression],
  start(ctx) {
    const modules = ctx.scan.rules.formControls.modules
    for (const b of ctx.bindings.imports.values()) if (modules.has(b.module)) return []
    return undefined
  },
  visit(node, ctx, fields) {
    if (!fields) return
    const rules = ctx.scan.rules.formControls
    const call = node as ts.CallExpression | ts.NewExpression
    const callee = call.expression
    const first = call.arguments?.[0]
    if (!first) return
    const name = tsf.isIdentifier(callee)
      ? callee.text
      : tsf.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    const owner = tsf.isPropertyAccessExpression(callee) ? (dottedName(callee.expression) ?? '') : ''
    const isNew = node.kind === SK.NewExpression
    const group = isNew ? rules.groupClasses.has(name) : owner !== '' && rules.groupMethods.has(name)
    if (group && tsf.isObjectLiteralExpression(first)) {
      const key = `${ctx.pos(call).line}:${ctx.pos(call).column}`
      for (const p of first.properties) {
        const field =
          tsf.isPropertyAssignment(p) && (tsf.isIdentifier(p.name) || tsf.isStringLiteralLike(p.name))
            ? p.name.text
            : tsf.isShorthandPropertyAssignment(p)
              ? p.name.text
              : undefined
        if (field) push(fields, ctx, field, key, p, `${owner ? owner + '.' : ''}${name}({ ${field} })`)
      }
    } else if (!isNew && owner !== '' && rules.controlMethods.has(name) && tsf.isStringLiteralLike(first))
      push(fields, ctx, first.text, owner, call, `${owner}.${name}('${first.text}')`)
  },
  finish(ctx, fields) {
    if (fields) recordGroupedFields(ctx, fields)
  },
}

function push(
  fields: GroupedField[],
  ctx: WalkContext,
  name: string,
  group: string,
  node: ts.Node,
  symbol: string,
): void {
  const container = handlerName(ctx)
  fields.push({
    name,
    group: `${container ?? ''}\0${group}`,
    container,
    kind: 'form',
    how: 'form-input',
    at: ctx.at(node),
    symbol,
  })
}
