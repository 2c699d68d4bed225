import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import type { FieldType } from '../../pii/classify.js'
import { fieldType, linksRecord } from './field-types.js'
import { handlerName } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The last member of a callee (`userSvc.addUserInfo` → `addUserInfo`). */
function calleeName(call: ts.CallExpression): string | undefined {
  const dotted = dottedName(call.expression)
  return dotted === undefined ? undefined : dotted.slice(dotted.lastIndexOf('.') + 1)
}

/**
 * What a call is about: a string first argument naming a store mutation or action (`commit('userInfo/setItem', …)`,
 * `dispatch('user/update', …)`) when it has one, else the callee's own name.
 */
function subjectOf(call: ts.CallExpression): string | undefined {
  const first = unwrap(call.arguments[0])
  if (first && (first.kind === SK.StringLiteral || first.kind === SK.NoSubstitutionTemplateLiteral))
    return (first as ts.StringLiteral).text.replace(/[^A-Za-z0-9]+/g, '_')
  return calleeName(call)
}

/** The object a property holds, when it is written as an object literal. */
function objectValue(p: ts.ObjectLiteralElementLike): ts.ObjectLiteralExpression | undefined {
  if (p.kind !== SK.PropertyAssignment) return undefined
  const v = unwrap(p.initializer)
  return v?.kind === SK.ObjectLiteralExpression ? (v as ts.ObjectLiteralExpression) : undefined
}

/**
 * The payload of a request config handed to an app's own request helper (`request({ endpoint, method: 'PATCH',
 * body: { userPlaybackPosition } })`): the object under a payload key, when a marker key makes the argument a
 * request (rules/sinks/http.yaml `request_config`).
 */
function requestPayload(
  obj: ts.ObjectLiteralExpression,
  ctx: WalkContext,
): ts.ObjectLiteralExpression | undefined {
  const { requestMarkers, requestPayloads } = ctx.scan.rules.sinks
  let marked = false
  let payload: ts.ObjectLiteralExpression | undefined
  for (const p of obj.properties) {
    const key = nameText(p.name)
    if (key === undefined) continue
    if (requestMarkers.has(key)) marked = true
    else if (requestPayloads.has(key)) payload ??= objectValue(p)
  }
  return marked ? payload : undefined
}

/**
 * Object literals an app writes to its store or its API, in code with neither types nor an ORM schema (plain
 * JavaScript, Vue 2 and MobX stores): an object handed to a call named for a person or a person's record
 * (`userSvc.addUserInfo({ id, name })`, `commit('userInfo/setItem', { id, name })`, `userPlayHistory({ uid })`),
 * with the call as container; and the payload of a request config handed to a request helper, with the sending
 * function as container. Each key is classified with the other keys as siblings. Objects handed to calls named for
 * anything else (a component's props, a chart's options) are not read.
 */
export const writtenObjects: SourceDetector = {
  name: 'written-objects',
  kinds: [SK.CallExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression
    // Visited for every call of every file: nothing is built until an argument is an object literal.
    let subject: string | undefined
    let aboutPerson: boolean | undefined
    for (const arg of call.arguments) {
      const obj = unwrap(arg)
      if (obj?.kind !== SK.ObjectLiteralExpression) continue
      if (aboutPerson === undefined) {
        subject = subjectOf(call)
        aboutPerson = subject !== undefined && ctx.scan.rules.pii.namesPerson(subject)
      }
      if (aboutPerson) record(ctx, obj as ts.ObjectLiteralExpression, subject)
      const payload = requestPayload(obj as ts.ObjectLiteralExpression, ctx)
      if (payload) record(ctx, payload, handlerName(ctx))
    }
  },
}

/**
 * Values that are not data a person gave: a literal written in the code (`username: 'api'` in an SDK's options), a
 * function (`cell: (props) => …` in a table column's options), and an object literal — a definition or a nested
 * structure, not a value (`createTable('Users', { email: { type: DataTypes.STRING } })` in a migration describes
 * columns that the models declare; the keys of a nested object are not read here).
 */
const NOT_DATA: ReadonlySet<ts.SyntaxKind> = new Set([
  SK.StringLiteral,
  SK.NoSubstitutionTemplateLiteral,
  SK.NumericLiteral,
  SK.TrueKeyword,
  SK.FalseKeyword,
  SK.NullKeyword,
  SK.ArrowFunction,
  SK.FunctionExpression,
  SK.ObjectLiteralExpression,
])

/**
 * A field read off a settings record (rules/flows/operator-values.yaml) outside a submitted payload: `password:
 * config.redis.password` in a client's options is the operator's own account at a service, not a person's data.
 */
function operatorValue(value: ts.Expression, ctx: WalkContext): boolean {
  const v = unwrap(value)
  if (!v || v.kind !== SK.PropertyAccessExpression) return false
  const dotted = dottedName(v)
  if (dotted === undefined) return false
  const names = dotted.split('.').slice(0, -1)
  const rules = ctx.scan.rules
  if (names.length === 0 || !rules.operatorValues.isRecord(names)) return false
  // A settings object inside a submitted payload (`req.body.config`) is what a person sent.
  for (let i = 2; i <= names.length; i++)
    if (rules.submitted.isPayload(names.slice(0, i).join('.'))) return false
  return true
}

/**
 * The type a cast gives a value when it is a link to another thing's record (`organization: org as
 * OrganizationExpanded`, see fieldType); undefined otherwise, the value's own name then deciding.
 */
function castType(value: ts.Expression, ctx: WalkContext): FieldType | undefined {
  let v: ts.Expression = value
  while (v.kind === SK.ParenthesizedExpression) v = (v as ts.ParenthesizedExpression).expression
  if (v.kind !== SK.AsExpression && v.kind !== SK.TypeAssertionExpression) return undefined
  const type = fieldType((v as ts.AsExpression | ts.TypeAssertion).type, ctx.sf, linksRecord(ctx))
  return type === 'relation' ? type : undefined
}

/**
 * The value's own name when a login key is given an e-mail address or a phone number (`{ username: newEmail }`):
 * the account's login is that e-mail, and the value's name says what it is; undefined otherwise.
 */
function loginContact(key: string, value: ts.Expression, ctx: WalkContext): string | undefined {
  const v = unwrap(value)
  if (!v || (v.kind !== SK.Identifier && v.kind !== SK.PropertyAccessExpression)) return undefined
  const pii = ctx.scan.rules.pii
  if (pii.classify(key)?.category !== 'user.account.username') return undefined
  const name =
    v.kind === SK.Identifier ? (v as ts.Identifier).text : (v as ts.PropertyAccessExpression).name.text
  const category = pii.classify(name)?.category
  return category === 'user.contact.email' || category === 'user.contact.phone_number' ? name : undefined
}

function record(ctx: WalkContext, obj: ts.ObjectLiteralExpression, container: string | undefined): void {
  const keyed = obj.properties.flatMap((p) => {
    if (p.kind !== SK.PropertyAssignment && p.kind !== SK.ShorthandPropertyAssignment) return []
    if (p.kind === SK.PropertyAssignment && NOT_DATA.has(unwrap(p.initializer)?.kind ?? SK.Unknown)) return []
    if (p.kind === SK.PropertyAssignment && operatorValue(p.initializer, ctx)) return []
    const key = nameText(p.name)
    return key
      ? [
          {
            key,
            node: p,
            type: p.kind === SK.PropertyAssignment ? castType(p.initializer, ctx) : undefined,
            login: p.kind === SK.PropertyAssignment ? loginContact(key, p.initializer, ctx) : undefined,
          },
        ]
      : []
  })
  const siblings = keyed.map((k) => k.key)
  for (const { key, node, type, login } of keyed)
    ctx.scan.field(
      login ?? key,
      { container, kind: 'object', siblings, ...(type ? { type } : {}) },
      ctx.at(node),
      'field',
      container ? `${container}.${key}` : key,
    )
}
