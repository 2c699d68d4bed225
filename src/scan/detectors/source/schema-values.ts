import { ts } from 'ts-morph'
import type { FieldType } from '../../pii/classify.js'
import { nameText } from '../../walk/ts-helpers.js'
import type { Signal } from '../signals.js'

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrayLiteralExpression: ts.isArrayLiteralExpression,
  isCallExpression: ts.isCallExpression,
  isIdentifier: ts.isIdentifier,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/** Schema and class names that describe infrastructure rather than people (their validators are not about a person). */
export const INFRA_CONTAINER = /(transport|smtp|mailer|webhook|integration|connection|database|datasource)/i

const DATE_WORDS = new Set(['date', 'dateonly', 'timestamp', 'datetime', 'timestamptz', 'time', 'isodate'])
const NUMBER_WORDS = new Set([
  'number',
  'integer',
  'int',
  'bigint',
  'float',
  'double',
  'decimal',
  'real',
  'serial',
  'bigserial',
  'numeric',
  'smallint',
  'tinyint',
  'mediumint',
  'int4',
  'int8',
  'money',
])
const STRING_WORDS = new Set([
  'string',
  'text',
  'varchar',
  'char',
  'email',
  'uuid',
  'citext',
  'enum',
  'nativeenum',
  'cuid',
  'cuid2',
  'ulid',
  'url',
  'nvarchar',
])

/** Calls whose arguments are themselves validators of the same value (`v.pipe(v.string(), v.email())`). */
const COMBINATORS = new Set([
  'pipe',
  'pipeAsync',
  'optional',
  'nullable',
  'nullish',
  'array',
  'union',
  'intersection',
  'and',
  'or',
  'required',
  'exactOptional',
  'undefinedable',
])

/**
 * What a schema value's call chain says about its field: its type and any validator signals (`z.string().email()`).
 * Signals come only from called validators, never from arguments such as `z.literal(FieldType.EMAIL)` or
 * `.default(Method.EMAIL)`, which name an option rather than validate an address.
 */
export function schemaValueInfo(value: ts.Expression): { type: FieldType; signals: Signal[] } {
  const calls: string[] = []
  const refs: string[] = []
  const visit = (e: ts.Node, depth: number, called: boolean): void => {
    if (depth > 12) return
    if (tsf.isIdentifier(e)) (called ? calls : refs).push(e.text.toLowerCase())
    else if (tsf.isPropertyAccessExpression(e)) {
      ;(called ? calls : refs).push(e.name.text.toLowerCase())
      visit(e.expression, depth + 1, false)
    } else if (tsf.isCallExpression(e)) {
      visit(e.expression, depth + 1, true)
      const callee = tsf.isPropertyAccessExpression(e.expression)
        ? e.expression.name.text
        : tsf.isIdentifier(e.expression)
          ? e.expression.text
          : ''
      if (COMBINATORS.has(callee))
        for (const a of e.arguments)
          if (tsf.isCallExpression(a) || tsf.isPropertyAccessExpression(a) || tsf.isIdentifier(a))
            visit(a, depth + 1, false)
    } else if (tsf.isObjectLiteralExpression(e)) {
      // Mongoose / Sequelize `{ type: String, required: true }`; a Mongoose map (`{ type: Map, of: Number }`) holds
      // values of its `of` type keyed by what the field names: `countries` of numbers counts per country.
      const of = mapValueType(e)
      if (of) visit(of, depth + 1, false)
      else
        for (const p of e.properties)
          if (tsf.isPropertyAssignment(p) && nameText(p.name) === 'type')
            visit(p.initializer, depth + 1, false)
    } else if (tsf.isArrayLiteralExpression(e)) refs.push('array')
    else if (tsf.isStringLiteralLike(e) && depth === 0) {
      // arktype `'string.email'`: the string is the validator
      for (const w of e.text.split(/[^A-Za-z0-9]+/)) if (w) calls.push(w.toLowerCase())
    }
  }
  visit(value, 0, false)
  const all = [...calls, ...refs]
  let type: FieldType = 'unknown'
  if (all.some((x) => x === 'boolean' || x === 'bool')) type = 'boolean'
  else if (all.some((x) => DATE_WORDS.has(x))) type = 'date'
  else if (all.some((x) => x === 'array' || x === 'arrayof')) type = 'array'
  else if (all.some((x) => NUMBER_WORDS.has(x))) type = 'number'
  else if (all.some((x) => STRING_WORDS.has(x))) type = 'string'
  else if (all.some((x) => x === 'object' || x === 'json' || x === 'jsonb')) type = 'object'
  const signals: Signal[] = []
  if ((calls.includes('email') || calls.includes('isemail')) && type === 'string')
    signals.push({
      category: 'user.contact.email',
      rule: 'signal.schema.email',
      reason: 'validated as an email address',
    })
  if (calls.some((x) => x === 'ip' || x === 'ipv4' || x === 'ipv6' || x === 'isip'))
    signals.push({
      category: 'user.device.ip_address',
      rule: 'signal.schema.ip',
      reason: 'validated as an IP address',
    })
  if (
    calls.some(
      (x) =>
        x === 'e164' ||
        x === 'phonenumber' ||
        x === 'mobilephone' ||
        x === 'isphonenumber' ||
        x === 'ismobilephone',
    )
  )
    signals.push({
      category: 'user.contact.phone_number',
      rule: 'signal.schema.phone',
      reason: 'validated as a phone number',
    })
  if (calls.includes('creditcard') || calls.includes('iscreditcard'))
    signals.push({
      category: 'user.financial.credit_card',
      rule: 'signal.schema.credit-card',
      reason: 'validated as a card number',
    })
  if (calls.includes('iban') || calls.includes('isiban'))
    signals.push({
      category: 'user.financial.bank_account',
      rule: 'signal.schema.iban',
      reason: 'validated as an IBAN',
    })
  return { type, signals }
}

/** The `of` of a Mongoose map field (`{ type: Map, of: Number }`, `Schema.Types.Map`), if the object is one. */
function mapValueType(e: ts.ObjectLiteralExpression): ts.Expression | undefined {
  let isMap = false
  let of: ts.Expression | undefined
  for (const p of e.properties) {
    if (!tsf.isPropertyAssignment(p)) continue
    const key = nameText(p.name)
    const v = p.initializer
    if (key === 'type')
      isMap =
        (tsf.isIdentifier(v) && v.text === 'Map') ||
        (tsf.isPropertyAccessExpression(v) && v.name.text === 'Map')
    else if (key === 'of') of = v
  }
  return isMap ? of : undefined
}
