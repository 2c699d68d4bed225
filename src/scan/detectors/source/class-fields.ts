import { ts } from 'ts-morph'
import type { FieldType } from '../../pii/classify.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText, typeOfTypeNode } from '../../walk/ts-helpers.js'
import { memberNames, type MemberNames } from './member-names.js'
import { INFRA_CONTAINER, schemaValueInfo } from './schema-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  canHaveDecorators: ts.canHaveDecorators,
  getDecorators: ts.getDecorators,
  isArrowFunction: ts.isArrowFunction,
  isCallExpression: ts.isCallExpression,
  isClassLike: ts.isClassLike,
  isFunctionExpression: ts.isFunctionExpression,
  isIdentifier: ts.isIdentifier,
  isNumericLiteral: ts.isNumericLiteral,
  isParameterPropertyDeclaration: ts.isParameterPropertyDeclaration,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyDeclaration: ts.isPropertyDeclaration,
}

/** class-validator decorators that say what a property holds. */
const DECORATOR_SIGNALS: Record<string, string> = {
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
const SCHEMA_DECORATORS =
  /^(Column|PrimaryColumn|Prop|Field|Property|Attribute|ApiProperty|ApiPropertyOptional|Index|Unique)$/

/**
 * Class properties (`email: string`, `@Column() email`, `@IsEmail() contact`) and constructor parameter properties
 * (`constructor(readonly email: string)`): fields of the class, stored ones when an ORM decorator marks them.
 */
export const classFields: SourceDetector<MemberNames> = {
  name: 'class-fields',
  kinds: [SK.PropertyDeclaration, SK.Parameter],
  start: () => new Map(),
  visit(node, ctx, cache) {
    if (node.kind === SK.PropertyDeclaration) propertyDeclaration(node as ts.PropertyDeclaration, ctx, cache)
    else if (tsf.isParameterPropertyDeclaration(node as ts.ParameterDeclaration, ctx.parent!))
      parameterProperty(node as ts.ParameterDeclaration, ctx)
  },
}

function propertyDeclaration(node: ts.PropertyDeclaration, ctx: WalkContext, cache: MemberNames): void {
  const name = nameText(node.name)
  if (!name) return
  const container = ctx.container
  const cls = ctx.parent!
  const siblings = tsf.isClassLike(cls)
    ? memberNames(cache, cls, cls.members.filter(tsf.isPropertyDeclaration))
    : []
  let type: FieldType = node.type ? typeOfTypeNode(node.type) : 'unknown'
  if (type === 'unknown' && node.initializer) {
    const k = node.initializer.kind
    if (k === SK.TrueKeyword || k === SK.FalseKeyword) type = 'boolean'
    else if (tsf.isArrowFunction(node.initializer) || tsf.isFunctionExpression(node.initializer))
      type = 'function'
    else if (tsf.isNumericLiteral(node.initializer)) type = 'number'
  }
  const decorators = tsf.canHaveDecorators(node) ? (tsf.getDecorators(node) ?? []) : []
  let how: 'field' | 'schema' = 'field'
  const at = ctx.at(node.name)
  const symbol = `${container ?? ctx.fileContainer}.${name}`
  for (const d of decorators) {
    const call = tsf.isCallExpression(d.expression) ? d.expression : undefined
    const callee = call ? call.expression : d.expression
    const dn = tsf.isIdentifier(callee)
      ? callee.text
      : tsf.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    if (SCHEMA_DECORATORS.test(dn)) {
      how = 'schema'
      // `@Column({ type: 'boolean' })`, `@Column('timestamp')`, `@Prop({ type: Date })`
      if (type === 'unknown' && call?.arguments[0]) type = schemaValueInfo(call.arguments[0]).type
    }
    const signal = DECORATOR_SIGNALS[dn]
    if (signal && !INFRA_CONTAINER.test(container ?? ''))
      ctx.scan.signal(signal, at, 'schema', `signal.decorator.${dn}`, `@${dn}() validator`, symbol)
  }
  ctx.scan.field(name, { container: container ?? ctx.fileContainer, siblings, type }, at, how, symbol)
}

/** `constructor(readonly email: string)`: a parameter property is a field of the class. */
function parameterProperty(p: ts.ParameterDeclaration, ctx: WalkContext): void {
  if (!tsf.isIdentifier(p.name)) return
  const cls = ctx.ancestor(1)!
  const className = tsf.isClassLike(cls) && cls.name ? cls.name.text : ctx.container
  const owner = className ?? ctx.fileContainer
  ctx.scan.field(
    p.name.text,
    { container: owner, type: typeOfTypeNode(p.type) },
    ctx.at(p.name),
    'field',
    `${owner}.${p.name.text}`,
  )
}
