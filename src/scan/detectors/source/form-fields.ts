import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { recordGroupedFields, type GroupedField } from './sibling-groups.js'
import { handlerName } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/**
 * Form fields a client-side form library names: react-hook-form `register('email')`, formik/vee-validate
 * `useField('email')`. The fields one component registers on one form are siblings, as the fields of a schema are;
 * the component is their container. Values read on the server (`formData.get('email')`): submitted-fields.
 */
export const formFields: SourceDetector<GroupedField[]> = {
  name: 'form-fields',
  kinds: [SK.CallExpression],
  start: () => [],
  visit(node, ctx, fields) {
    const call = node as ts.CallExpression
    const callee = call.expression
    const first = call.arguments[0]
    if (!first || !tsf.isStringLiteralLike(first)) return
    const name = tsf.isIdentifier(callee)
      ? callee.text
      : tsf.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    if (name !== 'register' && name !== 'useField') return
    const owner = tsf.isPropertyAccessExpression(callee) ? (dottedName(callee.expression) ?? '') : ''
    const isRegister =
      (name === 'register' && (tsf.isIdentifier(callee) || /form/i.test(owner))) ||
      (name === 'useField' && tsf.isIdentifier(callee))
    if (!isRegister) return
    const container = handlerName(ctx)
    fields.push({
      name: first.text,
      // The fields one function registers on one form object are siblings.
      group: `${container ?? ''}\0${owner}`,
      container,
      kind: 'form',
      how: 'form-input',
      at: ctx.at(call),
      symbol: `${owner ? owner + '.' : ''}${name}('${first.text}')`,
    })
  },
  finish: recordGroupedFields,
}
