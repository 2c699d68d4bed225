import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { requestPayloads } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/** Objects whose `get('name')` reads a submitted form value (`formData.get('email')`, `searchParams.get('q')`). */
const FORM_VALUE_OWNER = /(^|\.)(formData|form|data|fd|searchParams|query|params|body|values)(\(\))?$/i

/** Form fields named in code: react-hook-form `register('email')`, formik/vee-validate `useField('email')`, `formData.get('email')`. */
export const formFields: SourceDetector<Set<string>> = {
  name: 'form-fields',
  kinds: [SK.CallExpression],
  // `payload.get('email')` on a variable request-payloads has seen (`const payload = await req.formData()`).
  start: (ctx) => ctx.stateOf(requestPayloads),
  visit(node, ctx, payloadVars) {
    const call = node as ts.CallExpression
    const callee = call.expression
    const first = call.arguments[0]
    if (!first || !tsf.isStringLiteralLike(first)) return
    const name = tsf.isIdentifier(callee)
      ? callee.text
      : tsf.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    const owner = tsf.isPropertyAccessExpression(callee) ? (dottedName(callee.expression) ?? '') : ''
    const isRegister =
      (name === 'register' && (tsf.isIdentifier(callee) || /form/i.test(owner))) ||
      (name === 'useField' && tsf.isIdentifier(callee))
    const isFormData =
      (name === 'get' || name === 'getAll') && (FORM_VALUE_OWNER.test(owner) || payloadVars.has(owner))
    if (!isRegister && !isFormData) return
    ctx.scan.field(
      first.text,
      { container: ctx.enclosingFunctionName() ?? ctx.fileContainer },
      ctx.at(call),
      'form-input',
      `${owner ? owner + '.' : ''}${name}('${first.text}')`,
    )
  },
}
