import type { FileScan } from '../file-scan.js'
import type { ContainerKind, FieldType } from '../pii/classify.js'

/** The scalar types of Prisma schemas; any other field type names a model, a composite type or an enum. */
const PRISMA_SCALARS = new Set([
  'String',
  'Boolean',
  'Int',
  'BigInt',
  'Float',
  'Decimal',
  'DateTime',
  'Json',
  'Bytes',
])

/**
 * Prisma schema files: `model User { email String @unique }`. Relation fields (`orders Order[]`,
 * `author User @relation(...)`) link to another model's rows rather than hold a value: their type is `relation`,
 * which only rules for collections of records accept (a person's `orders` are their purchase history; `author User`
 * is no data). A field is a relation when it says `@relation`, when its type is a model or view of the same file, or
 * when it is a list of a type that is neither a scalar nor an enum of the file (split schemas declare models
 * elsewhere).
 */
export function scanPrisma(scan: FileScan, text: string): void {
  const lines = text.split(/\r?\n/).map((raw) => raw.replace(/\/\/.*$/, ''))
  const models = new Set<string>()
  const enums = new Set<string>()
  for (const line of lines) {
    const decl = /^\s*(model|view|enum|type)\s+(\w+)\s*\{/.exec(line)
    if (decl?.[1] === 'enum') enums.add(decl[2]!)
    else if (decl && decl[1] !== 'type') models.add(decl[2]!)
  }
  let model: string | undefined
  let fields: { name: string; type: FieldType; line: number; column: number }[] = []
  const flush = (): void => {
    if (!model) return
    // A relation field links to other rows (`emails Email[]`): it is no value beside the field, so it corroborates nothing.
    const siblings = fields.filter((f) => f.type !== 'relation').map((f) => f.name)
    for (const f of fields)
      scan.field(
        f.name,
        { container: model, kind: 'model', siblings, type: f.type },
        { line: f.line, column: f.column },
        'schema',
        `${model}.${f.name}`,
      )
    fields = []
  }
  lines.forEach((line, i) => {
    const open = /^\s*(model|type|view)\s+(\w+)\s*\{/.exec(line)
    if (open) {
      flush()
      model = open[2]
      return
    }
    if (/^\s*}/.test(line)) {
      flush()
      model = undefined
      return
    }
    if (!model) return
    const m = /^(\s*)(\w+)\s+(\w+)(\[\])?\??/.exec(line)
    if (!m || m[2]!.startsWith('@')) return
    const typeName = m[3]!
    const list = m[4] !== undefined
    const scalar = PRISMA_SCALARS.has(typeName) || enums.has(typeName)
    const relation =
      /@relation\b/.test(line) || models.has(typeName) || (list && !scalar && /^[A-Z]/.test(typeName))
    fields.push({
      name: m[2]!,
      type: relation ? 'relation' : list ? 'array' : enums.has(typeName) ? 'string' : prismaType(typeName),
      line: i + 1,
      column: m[1]!.length + 1,
    })
  })
  flush()
}

function prismaType(t: string): FieldType {
  switch (t) {
    case 'String':
      return 'string'
    case 'Boolean':
      return 'boolean'
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'Decimal':
      return 'number'
    case 'DateTime':
      return 'date'
    case 'Json':
      return 'object'
    case 'Bytes':
      return 'unknown'
    default:
      // A composite type, or an enum or model declared in another file of the schema.
      return /^[A-Z]/.test(t) ? 'object' : 'unknown'
  }
}

/** GraphQL SDL: `type User { email: String! }` (also `input` and `interface`). */
export function scanGraphql(scan: FileScan, text: string, lineOffset = 0): void {
  const lines = text.split(/\r?\n/)
  let owner: string | undefined
  let kind: ContainerKind = 'model'
  let fields: { name: string; type: FieldType; line: number; column: number }[] = []
  const flush = (): void => {
    if (!owner) return
    const siblings = fields.map((f) => f.name)
    for (const f of fields)
      scan.field(
        f.name,
        { container: owner, kind, siblings, type: f.type },
        { line: f.line, column: f.column },
        'schema',
        `${owner}.${f.name}`,
      )
    fields = []
  }
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '')
    const open = /^\s*(?:extend\s+)?(type|input|interface)\s+(\w+)[^{]*\{/.exec(line)
    if (open) {
      flush()
      owner = open[1] === 'type' && /^(Query|Mutation|Subscription)$/.test(open[2]!) ? undefined : open[2]
      kind = open[1] === 'input' ? 'input' : 'model'
      return
    }
    if (/^\s*}/.test(line)) {
      flush()
      owner = undefined
      return
    }
    if (!owner) return
    const m = /^(\s*)(\w+)\s*(\([^)]*\))?\s*:\s*(\[)?\s*(\w+)/.exec(line)
    if (!m || m[3]) return
    fields.push({
      name: m[2]!,
      type: m[4] ? 'array' : graphqlType(m[5]!),
      line: i + 1 + lineOffset,
      column: m[1]!.length + 1,
    })
  })
  flush()
}

function graphqlType(t: string): FieldType {
  if (t === 'String' || t === 'ID') return 'string'
  if (t === 'Boolean') return 'boolean'
  if (t === 'Int' || t === 'Float') return 'number'
  if (/^(Date|DateTime|Time|Timestamp)$/.test(t)) return 'date'
  return /^[A-Z]/.test(t) ? 'unknown' : 'unknown'
}

/** SQL migrations: the columns of `CREATE TABLE` and `ALTER TABLE … ADD COLUMN`. */
export function scanSql(scan: FileScan, text: string): void {
  const lines = text.split(/\r?\n/)
  let table: string | undefined
  let columns: { name: string; type: FieldType; line: number; column: number }[] = []
  const flush = (): void => {
    if (!table) return
    const siblings = columns.map((c) => c.name)
    for (const c of columns)
      scan.field(
        c.name,
        { container: table, kind: 'model', siblings, type: c.type },
        { line: c.line, column: c.column },
        'schema',
        `${table}.${c.name}`,
      )
    columns = []
  }
  lines.forEach((raw, i) => {
    const line = raw.replace(/--.*$/, '')
    const create =
      /create\s+table\s+(?:if\s+not\s+exists\s+)?[`"[]?(?:\w+[`"\]]?\.)?[`"[]?(\w+)[`"\]]?\s*\(/i.exec(line)
    if (create) {
      flush()
      table = create[1]
      const rest = line.slice(create.index + create[0].length)
      if (rest.trim()) addColumn(rest, i, raw.indexOf(rest))
      return
    }
    const alter =
      /alter\s+table\s+(?:only\s+)?[`"[]?(?:\w+[`"\]]?\.)?[`"[]?(\w+)[`"\]]?\s+add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?[`"[]?(\w+)[`"\]]?\s+(\w+)/i.exec(
        line,
      )
    if (alter) {
      flush()
      scan.field(
        alter[2]!,
        { container: alter[1], kind: 'model', type: sqlType(alter[3]!) },
        { line: i + 1, column: 1 },
        'schema',
        `${alter[1]}.${alter[2]}`,
      )
      return
    }
    if (!table) return
    if (/^\s*\)\s*;?/.test(line)) {
      flush()
      table = undefined
      return
    }
    addColumn(line, i, 0)
  })
  flush()

  function addColumn(line: string, i: number, offset: number): void {
    const m = /^(\s*)[`"[]?(\w+)[`"\]]?\s+(\w+)/.exec(line)
    if (!m) return
    if (/^(constraint|primary|foreign|unique|check|key|index|exclude)$/i.test(m[2]!)) return
    columns.push({ name: m[2]!, type: sqlType(m[3]!), line: i + 1, column: offset + m[1]!.length + 1 })
  }
}

function sqlType(t: string): FieldType {
  const x = t.toLowerCase()
  if (/^(bool|boolean|bit)$/.test(x)) return 'boolean'
  if (
    /^(int|integer|smallint|bigint|tinyint|serial|bigserial|numeric|decimal|real|float|double|money)/.test(x)
  )
    return 'number'
  if (/^(date|timestamp|timestamptz|datetime|time)/.test(x)) return 'date'
  if (/^(json|jsonb)$/.test(x)) return 'object'
  if (/^(text|varchar|char|character|citext|string|nvarchar|uuid|inet|cidr)/.test(x)) return 'string'
  return 'unknown'
}
