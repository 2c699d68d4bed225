import type { FileScan, Where } from '../file-scan.js'
import { tokenizeIdentifier } from '../pii/tokenize.js'

/** `<input type>` values that fix the category whatever the field is called. */
const INPUT_TYPE_SIGNALS: Record<string, string> = {
  email: 'user.contact.email',
  tel: 'user.contact.phone_number',
  password: 'user.authorization.password',
}

/** A form control as the JSX and template detectors see it. */
export interface FormInput {
  tag: string
  name?: string
  type?: string
  autocomplete?: string
  /** The component or template the control belongs to: the classifier's container for its name. */
  container: string
  /** False for components that only take an `autoComplete` hint (their `type` and `name` may mean other things). */
  holdsValue: boolean
  /** The names of the other controls of the same component, when known. */
  siblings?: readonly string[]
  /** The variable a control without a `name` is bound to (`value={apiKey}`), read only for masked inputs. */
  valueName?: string
}

/**
 * Records what a form control collects: `type="email"`/`"tel"` first (it says what the value is), then the
 * autocomplete token (what it is used for), then other typed controls, and last the control's name.
 */
export function recordFormInput(scan: FileScan, input: FormInput, at: Where): void {
  const { tag, name, type, autocomplete } = input
  const symbol = `<${tag}${name ? ` name="${name}"` : ''}>`
  const typeCategory = type && input.holdsValue ? INPUT_TYPE_SIGNALS[type] : undefined
  const typeSignal = (): void =>
    scan.signal(typeCategory!, at, 'form-input', 'signal.html.input-type', `<${tag} type="${type}">`, symbol)
  if (typeCategory && (type === 'email' || type === 'tel')) return typeSignal()
  if (autocomplete && autocomplete !== 'off' && autocomplete !== 'on') {
    const category = autocompleteCategory(scan, autocomplete)
    if (category && !loginByContact(scan, category, input)) {
      scan.signal(
        category,
        at,
        'form-input',
        'signal.html.autocomplete',
        `autocomplete="${autocomplete}"`,
        symbol,
      )
      return
    }
  }
  // A masked box named for a key or token holds a service's secret: its name says which, and is classified as a field.
  const keyName =
    type === 'password' && input.holdsValue ? maskedKeyName(scan, name ?? input.valueName) : undefined
  if (keyName) return recordNamedInput(scan, { ...input, name: keyName }, at, symbol)
  if (typeCategory) return typeSignal()
  if (name) recordNamedInput(scan, input, at, symbol)
}

/**
 * True when the `username` autofill token marks a control its name says holds an e-mail address or a phone number
 * (`<input name="email" autocomplete="username">`): the token says the value is the account's login, which is that
 * e-mail or number, and a password manager pairs it with the password; the name says what the value is.
 */
function loginByContact(scan: FileScan, category: string, input: FormInput): boolean {
  if (category !== 'user.account.username' || !input.name) return false
  const named = scan.rules.pii.classify(input.name, { container: input.container, kind: 'form' })?.category
  return named === 'user.contact.email' || named === 'user.contact.phone_number'
}

/** The name of a masked input when a word of it says the hidden value is a key or token (rules/pii/vocabulary.yaml). */
function maskedKeyName(scan: FileScan, name: string | undefined): string | undefined {
  const words = scan.rules.pii.vocabulary.words.masked_key_words
  return name && tokenizeIdentifier(name).some((t) => words.includes(t)) ? name : undefined
}

/** Classifies a named control's name as a form field of its component. */
function recordNamedInput(scan: FileScan, input: FormInput, at: Where, symbol: string): void {
  const { name, type } = input
  if (name && input.holdsValue && type !== 'hidden' && type !== 'submit' && type !== 'button')
    scan.field(
      name,
      {
        container: input.container,
        kind: 'form',
        siblings: input.siblings,
        type: type === 'checkbox' || type === 'radio' ? 'boolean' : 'string',
      },
      at,
      'form-input',
      symbol,
    )
}

const autocompleteIndex = new WeakMap<object, Map<string, string>>()

/** The taxonomy category whose HTML autofill tokens include the field's autocomplete token. */
export function autocompleteCategory(scan: FileScan, autocomplete: string): string | undefined {
  let index = autocompleteIndex.get(scan.rules)
  if (!index) {
    index = new Map()
    // The most specific category wins: `postal-code` is a postal code before it is an address.
    for (const c of scan.rules.categories.values())
      for (const t of c.html_autocomplete ?? []) {
        const prev = index.get(t)
        if (prev === undefined || c.key.split('.').length > prev.split('.').length) index.set(t, c.key)
      }
    autocompleteIndex.set(scan.rules, index)
  }
  const token = autocomplete.trim().split(/\s+/).pop()!
  return index.get(token)
}
