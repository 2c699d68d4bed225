import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { nameText, unwrap } from '../../walk/ts-helpers.js'
import type { Where } from '../../file-scan.js'
import { recordFormInput, type FormInput } from '../form-inputs.js'
import { INFRA_FORM } from './jsx-form-inputs.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** `type` values of an HTML form control: an object with one describes an input a form renders. */
const INPUT_TYPES = new Set([
  'text',
  'email',
  'password',
  'tel',
  'number',
  'date',
  'datetime-local',
  'url',
  'select',
  'checkbox',
  'radio',
  'textarea',
])

/** Keys only a control's description has: what the person reads beside the box. */
const DESCRIPTION_KEYS = new Set(['label', 'placeholder'])

/** A control held until its file is walked, so that the controls its function describes are its siblings. */
type Pending = { input: FormInput; at: Where }[]

/**
 * Form inputs described as data (`[{ name: 'password', label: t('Password'), type: 'password' }, …]`, rendered by a
 * form component that maps over them): plain-JS apps with no form library or schema keep their sign-up and profile
 * forms this way. An object literal with a string `name`, a form control's `type` and a label or placeholder is one
 * control; the controls one function describes (in an array, or pushed onto it) are siblings, as a form's are.
 */
export const inputDescriptors: SourceDetector<Pending> = {
  name: 'input-descriptors',
  kinds: [SK.ObjectLiteralExpression],
  start: () => [],
  visit(node, ctx, pending) {
    const d = describe(node as ts.ObjectLiteralExpression)
    if (!d) return
    const container = ctx.enclosingFunctionName() ?? ctx.container ?? ctx.fileContainer
    // A settings form of a mail transport or an integration holds the operator's credentials, not a user's data.
    if (INFRA_FORM.test(container)) return
    pending.push({
      input: {
        tag: 'input',
        name: d.name,
        type: d.type,
        autocomplete: d.autocomplete,
        container,
        holdsValue: true,
      },
      at: ctx.at(node),
    })
  },
  finish(ctx, pending) {
    const names = new Map<string, string[]>()
    for (const { input } of pending) {
      const list = names.get(input.container) ?? []
      if (!list.includes(input.name!)) list.push(input.name!)
      names.set(input.container, list)
    }
    for (const { input, at } of pending)
      recordFormInput(ctx.scan, { ...input, siblings: names.get(input.container) }, at)
  },
}

interface Description {
  name: string
  type: string
  autocomplete?: string
}

/** The control an object literal describes, when it is one (a string name, an input type and a label). */
function describe(obj: ts.ObjectLiteralExpression): Description | undefined {
  if (obj.properties.length < 3) return undefined
  let name: string | undefined
  let type: string | undefined
  let autocomplete: string | undefined
  let described = false
  for (const p of obj.properties) {
    if (p.kind !== SK.PropertyAssignment) continue
    const key = nameText(p.name)
    if (!key) continue
    if (DESCRIPTION_KEYS.has(key)) {
      described = true
      continue
    }
    const value = unwrap(p.initializer)
    const text =
      value && (value.kind === SK.StringLiteral || value.kind === SK.NoSubstitutionTemplateLiteral)
        ? (value as ts.StringLiteral).text
        : undefined
    if (key === 'name') name = text
    else if (key === 'type') type = text?.toLowerCase()
    else if (key === 'autoComplete' || key === 'autocomplete') autocomplete = text?.toLowerCase()
  }
  if (!name || !type || !described || !INPUT_TYPES.has(type)) return undefined
  return { name, type, autocomplete }
}
