import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { jsxAttrName, jsxTagName } from '../../walk/ts-helpers.js'
import type { Where } from '../../file-scan.js'
import { recordFormInput, type FormInput } from '../form-inputs.js'
import { jsxAttributes } from './jsx-attributes.js'
import { isScriptTag } from './script-elements.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Tags of JSX elements that are form inputs. */
const INPUT_TAGS =
  /^(input|select|textarea|Input|TextField|TextInput|Field|FormField|FormInput|Select|Textarea|TextArea|PasswordInput|PhoneInput|EmailInput|DatePicker|Controller|NumberInput)$/
/** Component-library tags that are inputs by their name (`<Form.Input>`, `<ui.TextField>`). */
const INPUT_TAG_TAIL =
  /(^|\.)(Input|TextField|TextInput|Field|FormField|Select|Textarea|TextArea|Controller)$/
/** Components (and functions) that configure infrastructure (mail transports, integrations, webhooks, databases). */
export const INFRA_FORM =
  /(Transport|Smtp|SMTP|Integration|Webhook|Connection|Database|ApiKey|MailServer)(Form|Dialog|Settings|Fields?|Config|Modal|Section)?$|^(Smtp|SMTP|Database|Webhook|ApiKey)/

/** A control held until its file is walked, so that the named controls of its component are its siblings. */
type PendingInputs = { input: FormInput; at: Where }[]

/**
 * Form controls in JSX (`<input type="email">`, `<TextField name="phone">`, components with `autoComplete`): what
 * they collect, by type, autocomplete token or name, in the component they belong to. The named controls of one
 * component are siblings, as the fields of a schema are: a CRM account form's `billing_street` beside `vat` and
 * `annual_revenue` is a company's address, as its zod schema says.
 */
export const jsxFormInputs: SourceDetector<PendingInputs> = {
  name: 'jsx-form-inputs',
  kinds: [SK.JsxSelfClosingElement, SK.JsxOpeningElement],
  start: () => [],
  visit(node, ctx, pending) {
    const element = node as ts.JsxOpeningLikeElement
    const tag = jsxTagName(element.tagName)
    if (!tag || isScriptTag(element, tag, ctx)) return
    const attr = jsxAttributes(element, ctx)
    const inputLike = INPUT_TAGS.test(tag) || INPUT_TAG_TAIL.test(tag)
    const autocomplete = attr('autocomplete')?.toLowerCase()
    // React Native has no `type`: `secureTextEntry` makes a `<TextInput>` a password box.
    const type = attr('type')?.toLowerCase() ?? (secureTextEntry(element) ? 'password' : undefined)
    if (!inputLike && !(autocomplete && /^[A-Z]/.test(tag))) return
    const fn = ctx.enclosingFunctionName() ?? ctx.container ?? ctx.fileContainer
    // A password box in an SMTP-transport or API-integration form holds a service credential, not a user's data.
    if (INFRA_FORM.test(fn)) return
    const name = attr('name')
    // Only a masked box's bound variable is read: it may name the key the box hides (`value={apiKey}`).
    const valueName = type === 'password' && !name ? boundName(element) : undefined
    pending.push({
      input: { tag, name, type, autocomplete, container: fn, holdsValue: inputLike, valueName },
      at: ctx.at(element),
    })
  },
  finish(ctx, pending) {
    const names = new Map<string, string[]>()
    for (const { input } of pending) {
      if (!input.name) continue
      const list = names.get(input.container) ?? []
      if (!list.includes(input.name)) list.push(input.name)
      names.set(input.container, list)
    }
    for (const { input, at } of pending)
      recordFormInput(ctx.scan, { ...input, siblings: names.get(input.container) }, at)
  },
}

/** True when a React Native input masks what is typed: `secureTextEntry` or `secureTextEntry={true}`. */
function secureTextEntry(element: ts.JsxOpeningLikeElement): boolean {
  for (const prop of element.attributes.properties) {
    if (prop.kind !== SK.JsxAttribute || jsxAttrName(prop.name) !== 'secureTextEntry') continue
    const init = prop.initializer
    return !init || (init.kind === SK.JsxExpression && init.expression?.kind === SK.TrueKeyword)
  }
  return false
}

/** The variable or property a control's `value` is bound to (`value={apiKey}`, `value={form.secretKey}`). */
function boundName(element: ts.JsxOpeningLikeElement): string | undefined {
  for (const prop of element.attributes.properties) {
    if (prop.kind !== SK.JsxAttribute || jsxAttrName(prop.name) !== 'value') continue
    const e = prop.initializer?.kind === SK.JsxExpression ? prop.initializer.expression : undefined
    if (e?.kind === SK.Identifier) return (e as ts.Identifier).text
    if (e?.kind === SK.PropertyAccessExpression) return (e as ts.PropertyAccessExpression).name.text
    return undefined
  }
  return undefined
}
