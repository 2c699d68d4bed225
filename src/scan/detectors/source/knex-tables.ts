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

/** A column a table callback declares through its builder parameter: its name literal and the type it stores. */
interface KnexColumn {
  name: ts.StringLiteralLike
  type: FieldType
}

/** The columns a table callback declares through its builder parameter (`t.string('email')`, chained or not). */
function columnsOf(body: ts.Node, builder: string): KnexColumn[] {
  const columns: KnexColumn[] = []
  const walk = (node: ts.Node): void => {
    if (node.kind === SK.CallExpression) {
      const { expression: callee, arguments: args } = node as ts.CallExpression
      const first = args[0]
      const type = tsf.isPropertyAccessExpression(callee) ? KNEX_COLUMNS[callee.name.text] : undefined
      if (
        type !== undefined &&
        tsf.isIdentifier((callee as ts.PropertyAccessExpression).expression) &&
        ((callee as ts.PropertyAccessExpression).expression as ts.Identifier).text === builder &&
        first &&
        tsf.isStringLiteralLike(first)
      )
        columns.push({ name: first, type })
    }
    ts.forEachChild(node, walk)
  }
  walk(body)
  return columns
}

/**
 * knex migrations: `createTable('users', (t) => { t.string('email') })`. Each callback's columns are read at the
 * call that opens the table, so that chained `createTable` calls whose builders share a parameter name keep their
 * own tables. Not siblings yet: a monitor's `mqtt_username` would corroborate its request `body` as a person's.
 */
export const knexTables: SourceDetector = {
  name: 'knex-tables',
  kinds: [SK.CallExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression
    const callee = call.expression
    if (!tsf.isPropertyAccessExpression(callee) || !KNEX_TABLE_METHODS.has(callee.name.text)) return
    const [first, fn] = call.arguments
    if (!first || !tsf.isStringLiteralLike(first)) return
    if (!fn || !(tsf.isArrowFunction(fn) || tsf.isFunctionExpression(fn))) return
    const param = fn.parameters[0]
    if (!param || !tsf.isIdentifier(param.name)) return
    const table = first.text
    const columns = columnsOf(fn.body, param.name.text)
    for (const column of columns)
      ctx.scan.field(
        column.name.text,
        { container: table, kind: 'model', type: column.type },
        ctx.at(column.name),
        'schema',
        `${table}.${column.name.text}`,
      )
  },
}
