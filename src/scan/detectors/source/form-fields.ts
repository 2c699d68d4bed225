import { ts } from 'ts-morph'
import type { Where } from '../../file-scan.js'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { siblingsByGroup } from './sibling-groups.js'
import { handlerName } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/** One field a form names, held until the file is walked so that the fields of one form are each other's siblings. */
interface FormField {
  name: string
  /** The form it belongs to: the function that registers it, and the object it is registered on. */
  form: string
  container: string | undefined
  at: Where
  symbol: string
}

/**
 * Form fields a client-side form library names: react-hook-form `register('email')`, formik/vee-validate
 * `useField('email')`. The fields one component registers on one form are siblings, as the fields of a schema are;
 * the component is their container. Values read on the server (`formData.get('email')`): submitted-fields.
 */
export const formFields: SourceDetector<FormField[]> = {
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
      form: `${container ?? ''}\0${owner}`,
      container,
      at: ctx.at(call),
      symbol: `${owner ? owner + '.' : ''}${name}('${first.text}')`,
    })
  },
  finish(ctx, fields) {
    const siblings = siblingsByGroup(
      fields,
      (f) => f.form,
      (f) => f.name,
    )
    for (const f of fields)
      ctx.scan.field(
        f.name,
        { container: f.container, kind: 'form', siblings: siblings.get(f.form) },
        f.at,
        'form-input',
        f.symbol,
      )
  },
}
