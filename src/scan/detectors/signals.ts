import { ts } from 'ts-morph'
import type { FieldType } from '../pii/classify.js'
import { nameText } from './ts-helpers.js'

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

/** Name-independent evidence of a data category: a validator, an input type, a request property. */
export interface Signal {
  category: string
  rule: string
  reason: string
}

/** class-validator decorators that say what a property holds. */
export const DECORATOR_SIGNALS: Record<string, string> = {
  IsEmail: 'user.contact.email',
  IsPhoneNumber: 'user.contact.phone_number',
  IsMobilePhone: 'user.contact.phone_number',
  IsPostalCode: 'user.contact.address.postal_code',
  IsCreditCard: 'user.financial.credit_card',
  IsIBAN: 'user.financial.bank_account',
  IsIP: 'user.device.ip_address',
  IsISO31661Alpha2: 'user.contact.address.country',
  IsISO31661Alpha3: 'user.contact.address.country',
  IsPassportNumber: 'user.government_id.passport_number',
  IsIdentityCard: 'user.government_id.national_identification_number',
  IsTaxId: 'user.government_id.national_identification_number',
  IsLatLong: 'user.location.precise',
  IsLatitude: 'user.location.precise',
  IsLongitude: 'user.location.precise',
}

/** Decorators that make a class property a stored or validated data field (TypeORM, Mongoose, MikroORM …). */
export const SCHEMA_DECORATORS =
  /^(Column|PrimaryColumn|Prop|Field|Property|Attribute|ApiProperty|ApiPropertyOptional|Index|Unique)$/

/** `<input type>` values that fix the category whatever the field is called. */
export const INPUT_TYPE_SIGNALS: Record<string, string> = {
  email: 'user.contact.email',
  tel: 'user.contact.phone_number',
  password: 'user.authorization.password',
}

const IP_HEADER: Omit<Signal, 'reason'> = {
  category: 'user.device.ip_address',
  rule: 'signal.request.ip-header',
}
const GEO_HEADER: Omit<Signal, 'reason'> = {
  category: 'user.location.imprecise',
  rule: 'signal.request.geo-header',
}

/** Request headers that carry personal data (lower-case names). */
export const HEADER_SIGNALS: Record<string, Omit<Signal, 'reason'>> = {
  'x-forwarded-for': IP_HEADER,
  'x-real-ip': IP_HEADER,
  'cf-connecting-ip': IP_HEADER,
  'true-client-ip': IP_HEADER,
  'x-client-ip': IP_HEADER,
  'fastly-client-ip': IP_HEADER,
  'x-vercel-forwarded-for': IP_HEADER,
  'x-cluster-client-ip': IP_HEADER,
  'x-original-forwarded-for': IP_HEADER,
  forwarded: IP_HEADER,
  'user-agent': { category: 'user.device.user_agent', rule: 'signal.request.user-agent' },
  'x-vercel-ip-city': GEO_HEADER,
  'x-vercel-ip-country': GEO_HEADER,
  'x-vercel-ip-country-region': GEO_HEADER,
  'x-vercel-ip-latitude': GEO_HEADER,
  'x-vercel-ip-longitude': GEO_HEADER,
  'cf-ipcountry': GEO_HEADER,
  'cf-ipcity': GEO_HEADER,
  'cloudfront-viewer-country': GEO_HEADER,
  'cloudfront-viewer-city': GEO_HEADER,
}

/** Objects that are an HTTP request (or a framework context holding one) in Express, Koa, Fastify, Next.js, Hono, h3. */
const REQUEST =
  '(?:req|request|ctx|ctx\\.req|ctx\\.request|c\\.req|event|event\\.node\\.req|context\\.req|context\\.request)'
const REQUEST_IP = new RegExp(`^${REQUEST}\\.(ip|ips)$`)
const REMOTE_ADDRESS = new RegExp(`^${REQUEST}\\.(socket|connection)\\.remoteAddress$`)
const CLIENT_ADDRESS = /^(event|request|context|Astro)\.clientAddress$/
const REQUEST_GEO = /^(req|request)\.geo(\.(city|country|region|latitude|longitude))?$/
const USER_AGENT = /^(window\.)?navigator\.userAgent$/

/** `req.ip`, `req.socket.remoteAddress`, `request.geo`, `navigator.userAgent` … */
export function requestReadSignal(dotted: string): Signal | undefined {
  if (REQUEST_IP.test(dotted) || REMOTE_ADDRESS.test(dotted) || CLIENT_ADDRESS.test(dotted))
    return {
      category: 'user.device.ip_address',
      rule: 'signal.request.ip',
      reason: `${dotted} is the client IP address`,
    }
  if (REQUEST_GEO.test(dotted))
    return {
      category: 'user.location.imprecise',
      rule: 'signal.request.geo',
      reason: `${dotted} is the visitor's location`,
    }
  if (USER_AGENT.test(dotted))
    return {
      category: 'user.device.user_agent',
      rule: 'signal.browser.user-agent',
      reason: `${dotted} is the browser's user agent`,
    }
  return undefined
}

/** Names of request objects whose `ip` a destructuring reads (`const { ip } = req`). */
export const REQUEST_OBJECT = new RegExp(`^${REQUEST}$`)

/** Functions that return the client IP or location from a request (`@vercel/functions`, h3, request-ip, SvelteKit). */
export const IP_FUNCTIONS: Record<string, Signal> = {
  ipAddress: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'ipAddress() returns the client IP',
  },
  getClientAddress: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'getClientAddress() returns the client IP',
  },
  getRequestIP: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'getRequestIP() returns the client IP',
  },
  getClientIp: {
    category: 'user.device.ip_address',
    rule: 'signal.request.ip',
    reason: 'getClientIp() returns the client IP',
  },
  geolocation: {
    category: 'user.location.imprecise',
    rule: 'signal.request.geo',
    reason: "geolocation() returns the visitor's location",
  },
}

/** True for expressions that hold a request's user-supplied payload. */
export function isRequestPayload(dotted: string): boolean {
  return PAYLOAD.test(dotted) || PAYLOAD_CALL.test(dotted)
}
const PAYLOAD = /^(req|request|ctx\.request|ctx\.req|c\.req|event|context\.req)\.(body|query|params)$/
const PAYLOAD_CALL =
  /^(req|request|c\.req|ctx\.req)\.(json|formData|parseBody|valid)\(\)$|^(readBody|getQuery|readValidatedBody|getValidatedQuery)\(\)$/

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
      // Mongoose / Sequelize `{ type: String, required: true }`
      for (const p of e.properties)
        if (tsf.isPropertyAssignment(p) && nameText(p.name) === 'type') visit(p.initializer, depth + 1, false)
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

/** knex column builders (`t.string('email')`) and the type each stores. */
export const KNEX_COLUMNS: Record<string, FieldType> = {
  string: 'string',
  text: 'string',
  uuid: 'string',
  specificType: 'unknown',
  enu: 'string',
  enum: 'string',
  integer: 'number',
  bigInteger: 'number',
  bigint: 'number',
  tinyint: 'number',
  smallint: 'number',
  float: 'number',
  double: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'date',
  timestamp: 'date',
  time: 'date',
  json: 'object',
  jsonb: 'object',
  binary: 'unknown',
}

/** A short description of the built-in signal and cookie-API rules, for `explain <rule-id>`. */
export const BUILTIN_RULES: Record<string, string> = {
  'signal.schema.email':
    'a schema validator for email addresses (z.string().email(), z.email(), yup .email(), v.email())',
  'signal.schema.ip': 'a schema validator for IP addresses (z.string().ip(), z.ipv4(), isIP)',
  'signal.schema.phone': 'a schema validator for phone numbers (E.164, isMobilePhone)',
  'signal.schema.credit-card': 'a schema validator for card numbers',
  'signal.schema.iban': 'a schema validator for IBANs',
  'signal.html.autocomplete':
    'an <input autocomplete> token from the HTML autofill list, mapped through the taxonomy',
  'signal.html.input-type': '<input type="email|tel|password">',
  'signal.request.ip':
    'a read of the client IP address (req.ip, req.socket.remoteAddress, getClientAddress(), ipAddress(req))',
  'signal.request.ip-header': 'a read of a client-IP header (x-forwarded-for, x-real-ip, cf-connecting-ip …)',
  'signal.request.user-agent': 'a read of the user-agent request header',
  'signal.request.geo': "a read of the visitor's location from the platform (request.geo, geolocation(req))",
  'signal.request.geo-header': 'a read of a geo-IP header (x-vercel-ip-country, cf-ipcountry …)',
  'signal.browser.geolocation': 'navigator.geolocation.getCurrentPosition / watchPosition',
  'signal.browser.user-agent': 'navigator.userAgent',
  'signal.ai.prompt':
    'a prompt or messages built at run time and sent to a language model (AI SDK, OpenAI, Anthropic)',
  'cookie-api.express': 'res.cookie(name, …) in Express-style handlers',
  'cookie-api.fastify': 'reply.setCookie(name, …) (@fastify/cookie)',
  'cookie-api.cookies-set':
    'cookies.set(name, …): Koa ctx.cookies, Next.js cookies() and response.cookies, SvelteKit, Astro',
  'cookie-api.js-cookie': 'Cookies.set(name, …) (js-cookie, universal-cookie, cookieStore)',
  'cookie-api.document-cookie': 'document.cookie = "name=…"',
  'cookie-api.set-cookie-header': 'a Set-Cookie response header',
  'cookie-api.cookie': 'cookie.serialize(name, …)',
  'cookie-api.auto-import': 'setCookie(event, name) / useCookie(name) auto-imported by Nuxt / h3',
  'cookie-api.helper': 'a local cookie-setting helper called with a literal name (setCookie("name", …))',
  'cookie-api.react-cookie': 'useCookies([...]) / its setter (react-cookie)',
}
