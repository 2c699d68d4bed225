import { ts } from 'ts-morph'
import type { ContainerKind, FieldType } from '../../pii/classify.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { INFRA_CONTAINER, schemaValueInfo } from './schema-values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrowFunction: ts.isArrowFunction,
  isCallExpression: ts.isCallExpression,
  isFunctionExpression: ts.isFunctionExpression,
  isIdentifier: ts.isIdentifier,
  isNewExpression: ts.isNewExpression,
  isNonNullExpression: ts.isNonNullExpression,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isParenthesizedExpression: ts.isParenthesizedExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/** Builders of persisted models (Mongoose, Drizzle, Sequelize, knex-like `createTable`); the others build inputs. */
const MODEL_BUILDERS = new Set([
  'Schema',
  'pgTable',
  'mysqlTable',
  'sqliteTable',
  'table',
  'define',
  'init',
  'model',
  'createTable',
])

/** Call names that build a validation or ORM schema whose object keys are data fields. */
const SCHEMA_BUILDERS = new Set([
  'object',
  'strictObject',
  'looseObject',
  'strict',
  'shape',
  'keys',
  'type',
  'interface',
  'partial',
  'extend',
  'merge',
  'Struct',
  ...MODEL_BUILDERS,
])

/** Modules whose `object()` / `Schema` builds a data schema. */
const SCHEMA_MODULES =
  /^(zod|zod\/.*|yup|valibot|joi|@hapi\/joi|@sinclair\/typebox|superstruct|io-ts|mongoose|sequelize|sequelize-typescript|drizzle-orm(\/.*)?|arktype|@effect\/schema|effect|@vinejs\/vine|ajv)$/
/** Receivers conventionally bound to a schema library when the import is not visible (re-exported `z`). */
const SCHEMA_ROOTS =
  /^(z|zod|yup|Yup|v|Joi|joi|t|Type|S|Schema|mongoose|sequelize|queryInterface|vine|Sequelize)$/
/** `new Schema({...})` / `new mongoose.Schema({...})` */
const SCHEMA_CLASS = /(^|\.)Schema$/

/**
 * Validation and ORM schemas built in code, whose object keys are data fields: zod / yup / valibot / joi / typebox /
 * superstruct / arktype objects, mongoose `new Schema({...})`, drizzle `pgTable('users', {...})`, sequelize
 * `define` / `init`. The schema names the container of its fields; the state holds variables bound to a schema
 * (`const base = z.object(…)`), so that `base.extend({...})` is a schema too.
 */
export const schemaBuilders: SourceDetector<Set<string>> = {
  name: 'schema-builders',
  kinds: [SK.VariableDeclaration, SK.CallExpression, SK.NewExpression],
  start: () => new Set(),
  visit(node, ctx, schemaVars) {
    switch (node.kind) {
      case SK.VariableDeclaration:
        return trackSchemaVariable(node as ts.VariableDeclaration, ctx, schemaVars)
      case SK.CallExpression: {
        const call = node as ts.CallExpression
        return schemaCall(call, call.arguments, ctx, schemaVars)
      }
      case SK.NewExpression: {
        const ne = node as ts.NewExpression
        const callee = dottedName(ne.expression)
        if (callee && SCHEMA_CLASS.test(callee)) schemaCall(ne, ne.arguments ?? [], ctx, schemaVars)
      }
    }
  },
}

function isSchemaRoot(root: string, ctx: WalkContext, schemaVars: Set<string>): boolean {
  const binding = ctx.bindings.imports.get(root)
  return (
    (binding !== undefined && SCHEMA_MODULES.test(binding.module)) ||
    SCHEMA_ROOTS.test(root) ||
    schemaVars.has(root)
  )
}

function trackSchemaVariable(vd: ts.VariableDeclaration, ctx: WalkContext, schemaVars: Set<string>): void {
  if (!tsf.isIdentifier(vd.name)) return
  const init = unwrap(vd.initializer)
  if (!init || !tsf.isCallExpression(init)) return
  const root = rootIdentifier(init.expression)
  if (root && isSchemaRoot(root, ctx, schemaVars)) schemaVars.add(vd.name.text)
}

/** `z.object({...})`, `new Schema({...})`, `pgTable('users', {...})`: object keys are data fields. */
function schemaCall(
  node: ts.CallExpression | ts.NewExpression,
  args: readonly ts.Expression[],
  ctx: WalkContext,
  schemaVars: Set<string>,
): void {
  const callee = node.expression
  const calleeName = tsf.isPropertyAccessExpression(callee)
    ? callee.name.text
    : tsf.isIdentifier(callee)
      ? callee.text
      : undefined
  if (!calleeName || !SCHEMA_BUILDERS.has(calleeName)) return
  if (!isSchemaReceiver(node, calleeName, args, ctx, schemaVars)) return
  let tableName: string | undefined
  let objectArg: ts.ObjectLiteralExpression | undefined
  for (const raw of args) {
    const arg = unwrap(raw)!
    if (!tableName && tsf.isStringLiteralLike(arg)) tableName = arg.text
    if (!objectArg && tsf.isObjectLiteralExpression(arg)) objectArg = arg
    // Drizzle's callback form: pgTable('users', (t) => ({ ... }))
    if (!objectArg && (tsf.isArrowFunction(arg) || tsf.isFunctionExpression(arg))) {
      const body = tsf.isArrowFunction(arg) ? unwrap(arg.body as ts.Expression) : undefined
      if (body && tsf.isObjectLiteralExpression(body)) objectArg = body
    }
  }
  if (!objectArg) return
  // Sequelize `User.init({...}, { sequelize })` names its model after the receiver.
  const receiver =
    tsf.isPropertyAccessExpression(callee) && calleeName === 'init'
      ? dottedName(callee.expression)
      : undefined
  const schemaContainer = tableName ?? receiver ?? ctx.container ?? ctx.fileContainer
  const kind: ContainerKind = MODEL_BUILDERS.has(calleeName) || tsf.isNewExpression(node) ? 'model' : 'input'
  schemaObject(objectArg, schemaContainer, kind, 0, ctx)
  ctx.nameChildren(schemaContainer)
}

function schemaObject(
  obj: ts.ObjectLiteralExpression,
  container: string,
  kind: ContainerKind,
  depth: number,
  ctx: WalkContext,
): void {
  const siblings = obj.properties.map((p) => nameText(p.name) ?? '').filter(Boolean)
  for (const prop of obj.properties) {
    const key = nameText(prop.name)
    if (!key) continue
    const value = tsf.isPropertyAssignment(prop) ? unwrap(prop.initializer) : undefined
    // Mongoose nested paths: `address: { street: String, city: String }` (no `type` key).
    if (
      value &&
      tsf.isObjectLiteralExpression(value) &&
      depth < 3 &&
      !value.properties.some((p) => nameText(p.name) === 'type')
    ) {
      schemaObject(value, `${container}.${key}`, kind, depth + 1, ctx)
      continue
    }
    const info = value ? schemaValueInfo(value) : { type: 'unknown' as FieldType, signals: [] }
    const at = ctx.at(prop.name ?? prop)
    const symbol = `${container}.${key}`
    // `fromAddress: z.string().email()` in an SMTP-transport schema is the company's sender, not a person's.
    if (!INFRA_CONTAINER.test(container))
      for (const sig of info.signals)
        ctx.scan.signal(sig.category, at, 'schema', sig.rule, sig.reason, symbol)
    ctx.scan.field(
      key,
      { container: describedBy(container), kind, siblings, type: info.type },
      at,
      'schema',
      symbol,
    )
  }
}

/** Whether a builder call belongs to a schema library (by import, conventional receiver, or a schema variable). */
function isSchemaReceiver(
  node: ts.CallExpression | ts.NewExpression,
  calleeName: string,
  args: readonly ts.Expression[],
  ctx: WalkContext,
  schemaVars: Set<string>,
): boolean {
  if (tsf.isNewExpression(node)) return true
  const root = rootIdentifier(node.expression)
  if (root === undefined) return false
  if (isSchemaRoot(root, ctx, schemaVars)) return true
  // Sequelize `Model.init({...}, { sequelize, tableName })`
  if (calleeName === 'init') {
    const opts = unwrap(args[1])
    return (
      opts !== undefined &&
      tsf.isObjectLiteralExpression(opts) &&
      opts.properties.some((p) => nameText(p.name) === 'sequelize')
    )
  }
  // A Drizzle schema's tables (`const app = pgSchema('app')` in another module, then `app.table('users', {...})`):
  // in a file that imports Drizzle's column builders, a named table with an object of columns.
  if (calleeName === 'table')
    return (
      args.length >= 2 &&
      tsf.isStringLiteralLike(unwrap(args[0])!) &&
      importsDrizzle(ctx) &&
      (tsf.isObjectLiteralExpression(unwrap(args[1])!) || tsf.isArrowFunction(unwrap(args[1])!))
    )
  // `sequelize.define` on an instance named otherwise (`db.define('User', {...})`)
  if (calleeName === 'define')
    return (
      args.length >= 2 && tsf.isStringLiteralLike(args[0]!) && tsf.isObjectLiteralExpression(unwrap(args[1])!)
    )
  return false
}

/** True when the file imports from Drizzle (its column builders: `text`, `varchar` from `drizzle-orm/pg-core`). */
function importsDrizzle(ctx: WalkContext): boolean {
  for (const b of ctx.bindings.imports.values()) if (/^drizzle-orm(\/|$)/.test(b.module)) return true
  return false
}

/** What a schema describes: `contactSchema` → `contact`, `users.profile` stays; the classifier judges the subject. */
function describedBy(container: string): string {
  return container.replace(/(?<=[a-z0-9])(_?(schema|validator|validation|shape))$/i, '') || container
}

/** The identifier a call or property chain starts from: `z` in `z.object({}).strict()`. */
function rootIdentifier(node: ts.Expression): string | undefined {
  let n: ts.Expression = node
  for (let i = 0; i < 50; i++) {
    if (tsf.isIdentifier(n)) return n.text
    if (tsf.isPropertyAccessExpression(n)) n = n.expression
    else if (tsf.isCallExpression(n)) n = n.expression
    else if (tsf.isNewExpression(n)) n = n.expression
    else if (tsf.isParenthesizedExpression(n) || tsf.isNonNullExpression(n)) n = n.expression
    else return undefined
  }
  return undefined
}
