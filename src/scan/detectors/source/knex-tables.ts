import { ts } from 'ts-morph'
import type { FieldType } from '../../pii/classify.js'
import type { SourceDetector } from '../../walk/detector.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrowFunction: ts.isArrowFunction,
  isFunctionExpression: ts.isFunctionExpression,
  isIdentifier: ts.isIdentifier,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isStringLiteralLike: ts.isStringLiteralLike,
}

/** knex schema-builder methods whose callback receives a table builder. */
const KNEX_TABLE_METHODS = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table'])

/** knex column builders (`t.string('email')`) and the type each stores. */
const KNEX_COLUMNS: Record<string, FieldType> = {
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

/** knex migrations: `createTable('users', (t) => { t.string('email') })`; the state maps builder parameters to tables. */
export const knexTables: SourceDetector<Map<string, string>> = {
  name: 'knex-tables',
  kinds: [SK.CallExpression],
  start: () => new Map(),
  visit(node, ctx, tables) {
    const call = node as ts.CallExpression
    const callee = call.expression
    if (!tsf.isPropertyAccessExpression(callee)) return
    const method = callee.name.text
    const first = call.arguments[0]
    if (KNEX_TABLE_METHODS.has(method) && first && tsf.isStringLiteralLike(first)) {
      const fn = call.arguments[1]
      if (fn && (tsf.isArrowFunction(fn) || tsf.isFunctionExpression(fn))) {
        const param = fn.parameters[0]
        if (param && tsf.isIdentifier(param.name)) tables.set(param.name.text, first.text)
      }
      return
    }
    if (tables.size === 0 || !tsf.isIdentifier(callee.expression)) return
    const table = tables.get(callee.expression.text)
    const type = KNEX_COLUMNS[method]
    if (table === undefined || type === undefined || !first || !tsf.isStringLiteralLike(first)) return
    ctx.scan.field(
      first.text,
      { container: table, kind: 'model', type },
      ctx.at(first),
      'schema',
      `${table}.${first.text}`,
    )
  },
}
