import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { jsxAttrName, jsxTagName } from '../../walk/ts-helpers.js'
import { recordFormInput } from '../form-inputs.js'
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
/** Components that configure infrastructure (mail transports, integrations, webhooks, databases). */
const INFRA_FORM =
  /(Transport|Smtp|SMTP|Integration|Webhook|Connection|Database|ApiKey|MailServer)(Form|Dialog|Settings|Fields?|Config|Modal|Section)?$|^(Smtp|SMTP|Database|Webhook|ApiKey)/

/**
 * Form controls in JSX (`<input type="email">`, `<TextField name="phone">`, components with `autoComplete`): what
 * they collect, by type, autocomplete token or name, in the component they belong to.
 */
export const jsxFormInputs: SourceDetector = {
  name: 'jsx-form-inputs',
  kinds: [SK.JsxSelfClosingElement, SK.JsxOpeningElement],
  visit(node, ctx) {
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
    recordFormInput(
      ctx.scan,
      { tag, name: attr('name'), type, autocomplete, container: fn, holdsValue: inputLike },
      ctx.at(element),
    )
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
