import { ts } from 'ts-morph'
import type { ContainerKind, FieldType } from '../../pii/classify.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText } from '../../walk/ts-helpers.js'
import { fieldType, linksRecord, valueType } from './field-types.js'
import { memberNames, type MemberNames } from './member-names.js'
import { INFRA_CONTAINER, schemaValueInfo } from './schema-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  canHaveDecorators: ts.canHaveDecorators,
  getDecorators: ts.getDecorators,
  isCallExpression: ts.isCallExpression,
  isClassLike: ts.isClassLike,
  isIdentifier: ts.isIdentifier,
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
/** Property decorators of ORMs: the class is a persisted model (TypeORM, Mongoose for NestJS, MikroORM, Sequelize). */
const MODEL_PROPERTY = /^(Column|PrimaryColumn|PrimaryGeneratedColumn|Prop|Property|Attribute|Index|Unique)$/
/** Class decorators of ORMs and of GraphQL types backed by them. */
const MODEL_CLASS = /^(Entity|ViewEntity|Table|Schema|Model|Document|Collection)$/
/** Class decorators of input types (NestJS GraphQL / type-graphql inputs and arguments). */
const INPUT_CLASS = /^(InputType|ArgsType)$/
/** Property decorators of validation and API-input libraries (class-validator, Swagger): the class is an input. */
const INPUT_PROPERTY =
  /^(Is[A-Z]\w*|Min|Max|Length|MinLength|MaxLength|Matches|ValidateNested|ValidateIf|Allow|Equals|Contains|ArrayMinSize|ArrayMaxSize|ApiProperty|ApiPropertyOptional)$/

/**
 * Class properties (`email: string`, `@Column() email`, `@IsEmail() contact`) and constructor parameter properties
 * (`constructor(readonly email: string)`): fields of the class, stored ones when an ORM decorator marks them.
 */
/** Per file: the member names of each class, and what each class is. */
interface ClassFacts {
  names: MemberNames
  kinds: Map<ts.Node, ContainerKind>
}

export const classFields: SourceDetector<ClassFacts> = {
  name: 'class-fields',
  kinds: [SK.PropertyDeclaration, SK.Parameter],
  start: () => ({ names: new Map(), kinds: new Map() }),
  visit(node, ctx, facts) {
    if (node.kind === SK.PropertyDeclaration) propertyDeclaration(node as ts.PropertyDeclaration, ctx, facts)
    else if (tsf.isParameterPropertyDeclaration(node as ts.ParameterDeclaration, ctx.parent!))
      parameterProperty(node as ts.ParameterDeclaration, ctx)
  },
}

/** The name a decorator is called by (`Column` in `@Column()` and `@typeorm.Column()`). */
function decoratorName(d: ts.Decorator): string {
  const call = tsf.isCallExpression(d.expression) ? d.expression : undefined
  const callee = call ? call.expression : d.expression
  return tsf.isIdentifier(callee)
    ? callee.text
    : tsf.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ''
}

const decoratorsOf = (node: ts.Node): readonly ts.Decorator[] =>
  tsf.canHaveDecorators(node) ? (tsf.getDecorators(node) ?? []) : []

/**
 * What a class is, by its decorators and its properties' decorators: a persisted model (ORM), an input (validation
 * or GraphQL input decorators), or a plain class.
 */
function classKind(cls: ts.ClassLikeDeclaration): ContainerKind {
  const own = decoratorsOf(cls).map(decoratorName)
  if (own.some((d) => INPUT_CLASS.test(d))) return 'input'
  if (own.some((d) => MODEL_CLASS.test(d))) return 'model'
  let input = false
  for (const m of cls.members) {
    if (!tsf.isPropertyDeclaration(m)) continue
    for (const d of decoratorsOf(m)) {
      const dn = decoratorName(d)
      if (MODEL_PROPERTY.test(dn)) return 'model'
      if (INPUT_PROPERTY.test(dn)) input = true
    }
  }
  return input ? 'input' : 'class'
}

function propertyDeclaration(node: ts.PropertyDeclaration, ctx: WalkContext, facts: ClassFacts): void {
  const name = nameText(node.name)
  if (!name) return
  const container = ctx.container
  const cls = ctx.parent!
  const siblings = tsf.isClassLike(cls)
    ? memberNames(facts.names, cls, cls.members.filter(tsf.isPropertyDeclaration))
    : []
  let type: FieldType = fieldType(node.type, ctx.sf, linksRecord(ctx))
  if (type === 'unknown' && node.initializer) type = valueType(node.initializer)
  let how: 'field' | 'schema' = 'field'
  const at = ctx.at(node.name)
  const symbol = `${container ?? ctx.fileContainer}.${name}`
  for (const d of decoratorsOf(node)) {
    const call = tsf.isCallExpression(d.expression) ? d.expression : undefined
    const dn = decoratorName(d)
    if (SCHEMA_DECORATORS.test(dn)) {
      how = 'schema'
      // `@Column({ type: 'boolean' })`, `@Column('timestamp')`, `@Prop({ type: Date })`
      if (type === 'unknown' && call?.arguments[0]) type = schemaValueInfo(call.arguments[0]).type
    }
    const signal = DECORATOR_SIGNALS[dn]
    if (signal && !INFRA_CONTAINER.test(container ?? ''))
      ctx.scan.signal(signal, at, 'schema', `signal.decorator.${dn}`, `@${dn}() validator`, symbol)
  }
  let kind: ContainerKind = 'class'
  if (tsf.isClassLike(cls)) {
    kind = facts.kinds.get(cls) ?? classKind(cls)
    facts.kinds.set(cls, kind)
  }
  ctx.scan.field(name, { container: container ?? ctx.fileContainer, kind, siblings, type }, at, how, symbol)
}

/**
 * `constructor(readonly email: string)`: a parameter property is a field of the class. In a class a DI framework
 * builds (a class decorator of rules/packages/dependency-injection.yaml: `@Component`, `@Injectable`), a parameter of
 * a class type is a service it injects (`private location: Location` is Angular's URL service), not data.
 */
function parameterProperty(p: ts.ParameterDeclaration, ctx: WalkContext): void {
  if (!tsf.isIdentifier(p.name)) return
  const cls = ctx.ancestor(1)!
  if (
    p.type?.kind === SK.TypeReference &&
    fieldType(p.type, ctx.sf) === 'unknown' &&
    decoratorsOf(cls).some((d) => ctx.scan.rules.injectedClasses.injects(decoratorName(d)))
  )
    return
  const className = tsf.isClassLike(cls) && cls.name ? cls.name.text : ctx.container
  const owner = className ?? ctx.fileContainer
  ctx.scan.field(
    p.name.text,
    { container: owner, kind: 'class', type: fieldType(p.type, ctx.sf, linksRecord(ctx)) },
    ctx.at(p.name),
    'field',
    `${owner}.${p.name.text}`,
  )
}
