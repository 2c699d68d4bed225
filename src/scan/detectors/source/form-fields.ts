import { ts } from 'ts-morph'
import type { ContainerKind } from '../../pii/classify.js'
import type { Where } from '../../file-scan.js'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { handlerName, requestPayloads } from './request-payloads.js'

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
/** Owners that hold the query of a URL rather than a form's fields. */
const QUERY_OWNER = /(^|\.)(searchParams|query|params)(\(\))?$/i

/** One field a form names, held until the file is walked so that the fields of one form are each other's siblings. */
interface FormField {
  name: string
  /** The form it belongs to: the function that reads or registers it, and the object it is read from. */
  form: string
  container: string | undefined
  kind: ContainerKind
  at: Where
  symbol: string
}

/**
 * Form fields named in code: react-hook-form `register('email')`, formik/vee-validate `useField('email')`,
 * `formData.get('email')`, `searchParams.get('q')`. The fields one function reads from one form are siblings, as the
 * fields of a schema are (`message` beside `email` in a contact form's action); the handler is their container.
 */
export const formFields: SourceDetector<{ fields: FormField[]; payloadVars: Set<string> }> = {
  name: 'form-fields',
  kinds: [SK.CallExpression],
  // `payload.get('email')` on a variable request-payloads has seen (`const payload = await req.formData()`).
  start: (ctx) => ({ fields: [], payloadVars: ctx.stateOf(requestPayloads) }),
  visit(node, ctx, { fields, payloadVars }) {
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
    const container = handlerName(ctx)
    fields.push({
      name: first.text,
      form: `${container ?? ''}\0${owner}`,
      container,
      kind: isFormData && QUERY_OWNER.test(owner) ? 'request' : 'form',
      at: ctx.at(call),
      symbol: `${owner ? owner + '.' : ''}${name}('${first.text}')`,
    })
  },
  finish(ctx, { fields }) {
    const siblings = new Map<string, string[]>()
    for (const f of fields) {
      const list = siblings.get(f.form) ?? []
      if (!list.includes(f.name)) list.push(f.name)
      siblings.set(f.form, list)
    }
    for (const f of fields)
      ctx.scan.field(
        f.name,
        { container: f.container, kind: f.kind, siblings: siblings.get(f.form) },
        f.at,
        'form-input',
        f.symbol,
      )
  },
}
