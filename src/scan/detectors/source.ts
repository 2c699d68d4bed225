import { ts } from 'ts-morph'
import { isLocalSpecifier, type FileScan } from '../file-scan.js'
import type { FieldContext, FieldType } from '../pii/classify.js'
import {
  detectCookieCall,
  detectCookieNameOption,
  detectDocumentCookie,
  detectLibraryCookies,
  detectSetCookieHeaderProperty,
} from './cookies.js'
import { detectEnvReference, detectHostsInString, detectScriptElement } from './hosts.js'
import { scanGraphql } from './schema-files.js'
import {
  DECORATOR_SIGNALS,
  HEADER_SIGNALS,
  IP_FUNCTIONS,
  isRequestPayload,
  KNEX_COLUMNS,
  REQUEST_OBJECT,
  requestReadSignal,
  SCHEMA_DECORATORS,
  schemaValueInfo,
} from './signals.js'
import { recordFormInput } from './form-inputs.js'
import {
  dottedName,
  nameText,
  positionOf,
  staticString,
  typeOfTypeNode,
  type StringLookup,
} from './ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  canHaveDecorators: ts.canHaveDecorators,
  canHaveModifiers: ts.canHaveModifiers,
  createSourceFile: ts.createSourceFile,
  factory: ts.factory,
  flattenDiagnosticMessageText: ts.flattenDiagnosticMessageText,
  forEachChild: ts.forEachChild,
  getDecorators: ts.getDecorators,
  getModifiers: ts.getModifiers,
  isArrayBindingPattern: ts.isArrayBindingPattern,
  isArrowFunction: ts.isArrowFunction,
  isAsExpression: ts.isAsExpression,
  isBinaryExpression: ts.isBinaryExpression,
  isBindingElement: ts.isBindingElement,
  isCallExpression: ts.isCallExpression,
  isClassDeclaration: ts.isClassDeclaration,
  isClassLike: ts.isClassLike,
  isEnumDeclaration: ts.isEnumDeclaration,
  isExportDeclaration: ts.isExportDeclaration,
  isExpressionStatement: ts.isExpressionStatement,
  isExternalModuleReference: ts.isExternalModuleReference,
  isFunctionDeclaration: ts.isFunctionDeclaration,
  isFunctionExpression: ts.isFunctionExpression,
  isIdentifier: ts.isIdentifier,
  isImportDeclaration: ts.isImportDeclaration,
  isImportEqualsDeclaration: ts.isImportEqualsDeclaration,
  isInterfaceDeclaration: ts.isInterfaceDeclaration,
  isJsxAttribute: ts.isJsxAttribute,
  isJsxExpression: ts.isJsxExpression,
  isLiteralTypeNode: ts.isLiteralTypeNode,
  isMetaProperty: ts.isMetaProperty,
  isMethodDeclaration: ts.isMethodDeclaration,
  isNamedExports: ts.isNamedExports,
  isNamedImports: ts.isNamedImports,
  isNamespaceImport: ts.isNamespaceImport,
  isNewExpression: ts.isNewExpression,
  isNoSubstitutionTemplateLiteral: ts.isNoSubstitutionTemplateLiteral,
  isNonNullExpression: ts.isNonNullExpression,
  isNumericLiteral: ts.isNumericLiteral,
  isObjectBindingPattern: ts.isObjectBindingPattern,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isParameterPropertyDeclaration: ts.isParameterPropertyDeclaration,
  isParenthesizedExpression: ts.isParenthesizedExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isPropertyDeclaration: ts.isPropertyDeclaration,
  isSatisfiesExpression: ts.isSatisfiesExpression,
  isShorthandPropertyAssignment: ts.isShorthandPropertyAssignment,
  isStringLiteral: ts.isStringLiteral,
  isStringLiteralLike: ts.isStringLiteralLike,
  isTaggedTemplateExpression: ts.isTaggedTemplateExpression,
  isTypeAssertionExpression: ts.isTypeAssertionExpression,
  isTypeLiteralNode: ts.isTypeLiteralNode,
  isVariableDeclaration: ts.isVariableDeclaration,
  isVariableStatement: ts.isVariableStatement,
}

/** Local bindings of a file that detectors resolve names through. */
export interface SourceBindings {
  /** Local import name → module specifier and the imported name (`default`, `*` or a named export). */
  imports: Map<string, { module: string; imported: string }>
  /** Constant strings and objects of strings (`NAME` and `NAME.prop`), templates resolved where possible. */
  constants: Map<string, { value: string; pattern: boolean }>
  /** Local variables holding a cookie store (`const jar = await cookies()`, `new Cookies()`). */
  cookieJars: Set<string>
  /** Local functions that set a cookie, with the index of the name argument (react-cookie's setter). */
  cookieSetters: Map<string, number>
  /** Names of the file's top-level function declarations (a local `setCookie` helper is not react-cookie's). */
  functions: Set<string>
  /** Resolves a name to its string through the constants above. */
  lookup: StringLookup
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JSX,
  mjs: ts.ScriptKind.JSX,
  cjs: ts.ScriptKind.JSX,
  jsx: ts.ScriptKind.JSX,
}

/** Deeper than this, the walk stops descending (and notes it) rather than risk the stack or the clock. */
const MAX_DEPTH = 2_000

const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
}

/** Parses TS/JS source with the TypeScript parser and runs every detector in one walk of the raw AST. */
export function scanSource(scan: FileScan, text: string, extension: string, lineOffset = 0): void {
  const kind = SCRIPT_KINDS[extension] ?? ts.ScriptKind.TSX
  // No detector reads JSDoc: not parsing it makes parsing documented code up to twice as fast.
  const sf = tsf.createSourceFile(scan.path, text, PARSE_OPTIONS, true, kind)
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? []
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!
    const pos = sf.getLineAndCharacterOfPosition(d.start ?? 0)
    scan.note(
      'info',
      `syntax error at ${pos.line + 1 + lineOffset}:${pos.character + 1}: ${tsf.flattenDiagnosticMessageText(d.messageText, ' ')} (scanned what parsed)`,
    )
  }
  const bindings = collectBindings(sf, scan)
  const walker = new SourceWalker(scan, sf, bindings, lineOffset)
  walker.walk()
}

function unwrap(e: ts.Expression | undefined): ts.Expression | undefined {
  let n = e
  while (
    n &&
    (tsf.isAsExpression(n) ||
      tsf.isSatisfiesExpression(n) ||
      tsf.isParenthesizedExpression(n) ||
      tsf.isTypeAssertionExpression(n))
  )
    n = n.expression
  return n
}

const isExported = (node: ts.Node): boolean =>
  (tsf.canHaveModifiers(node) ? tsf.getModifiers(node) : undefined)?.some(
    (m) => m.kind === SK.ExportKeyword,
  ) ?? false

/** Top-level imports and constants, in source order (a constant may use the ones above it). */
function collectBindings(sf: ts.SourceFile, scan: FileScan): SourceBindings {
  const imports = new Map<string, { module: string; imported: string }>()
  const constants = new Map<string, { value: string; pattern: boolean }>()
  const lookup: StringLookup = (node) => {
    const dotted = dottedName(node)
    return dotted === undefined ? undefined : constants.get(dotted)
  }
  const exported = scan.facts.exportedStrings
  const functions = new Set<string>()
  const addConstant = (name: string, init: ts.Expression | undefined, isExport: boolean, depth = 0): void => {
    const value = unwrap(init)
    if (!value || depth > 3) return
    const s = staticString(value, lookup) ?? cookieNameBuilder(value)
    if (s) {
      constants.set(name, s)
      // Patterns travel too: a real cookie name never contains `*`, so the wildcard marks them.
      if (isExport && (!s.pattern || /[^*]/.test(s.value))) exported[name] = s.value
      return
    }
    if (tsf.isObjectLiteralExpression(value)) {
      for (const prop of value.properties) {
        if (!tsf.isPropertyAssignment(prop)) continue
        const key = nameText(prop.name)
        if (key !== undefined) addConstant(`${name}.${key}`, prop.initializer, isExport, depth + 1)
      }
    }
  }
  for (const stmt of sf.statements) {
    if (tsf.isFunctionDeclaration(stmt) && stmt.name) functions.add(stmt.name.text)
    if (tsf.isImportDeclaration(stmt) && tsf.isStringLiteral(stmt.moduleSpecifier)) {
      const module = stmt.moduleSpecifier.text
      const clause = stmt.importClause
      if (!clause) continue
      if (clause.name) imports.set(clause.name.text, { module, imported: 'default' })
      const nb = clause.namedBindings
      if (nb && tsf.isNamespaceImport(nb)) imports.set(nb.name.text, { module, imported: '*' })
      if (nb && tsf.isNamedImports(nb))
        for (const el of nb.elements)
          imports.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text })
    } else if (tsf.isImportEqualsDeclaration(stmt) && tsf.isExternalModuleReference(stmt.moduleReference)) {
      const ref = stmt.moduleReference.expression
      if (tsf.isStringLiteral(ref)) imports.set(stmt.name.text, { module: ref.text, imported: '*' })
    } else if (tsf.isVariableStatement(stmt)) {
      const isExport = isExported(stmt)
      for (const decl of stmt.declarationList.declarations) {
        const init = unwrap(decl.initializer)
        const required =
          init &&
          tsf.isCallExpression(init) &&
          tsf.isIdentifier(init.expression) &&
          init.expression.text === 'require'
            ? init.arguments[0]
            : undefined
        if (required && tsf.isStringLiteralLike(required)) {
          if (tsf.isIdentifier(decl.name))
            imports.set(decl.name.text, { module: required.text, imported: '*' })
          else if (tsf.isObjectBindingPattern(decl.name))
            for (const el of decl.name.elements)
              if (tsf.isIdentifier(el.name))
                imports.set(el.name.text, {
                  module: required.text,
                  imported: nameText(el.propertyName) ?? el.name.text,
                })
          continue
        }
        if (tsf.isIdentifier(decl.name) && stmt.declarationList.flags & ts.NodeFlags.Const)
          addConstant(decl.name.text, init, isExport)
      }
    } else if (
      tsf.isExpressionStatement(stmt) &&
      tsf.isBinaryExpression(stmt.expression) &&
      stmt.expression.operatorToken.kind === SK.EqualsToken
    ) {
      // CommonJS: `exports.NAME = 'x'`, `module.exports.NAME = 'x'`, `module.exports = { NAME: 'x' }`
      const target = dottedName(stmt.expression.left)
      const m = target ? /^(?:module\.)?exports(?:\.(\w+))?$/.exec(target) : null
      if (m?.[1]) addConstant(m[1], stmt.expression.right, true)
      else if (m && target === 'module.exports') {
        const obj = unwrap(stmt.expression.right)
        if (obj && tsf.isObjectLiteralExpression(obj))
          for (const prop of obj.properties) {
            const key = nameText(prop.name)
            if (key === undefined) continue
            if (tsf.isPropertyAssignment(prop)) addConstant(key, prop.initializer, true)
            else if (tsf.isShorthandPropertyAssignment(prop)) {
              for (const [k, v] of constants)
                if ((k === key || k.startsWith(key + '.')) && !v.pattern) exported[k] = v.value
            }
          }
      }
    } else if (tsf.isEnumDeclaration(stmt)) {
      const isExport = isExported(stmt)
      for (const m of stmt.members) {
        const key = nameText(m.name)
        if (key !== undefined && m.initializer)
          addConstant(`${stmt.name.text}.${key}`, m.initializer, isExport)
      }
    } else if (
      tsf.isExportDeclaration(stmt) &&
      !stmt.moduleSpecifier &&
      stmt.exportClause &&
      tsf.isNamedExports(stmt.exportClause)
    ) {
      // `export { NAME, OTHER as ALIAS }` of local constants
      for (const el of stmt.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text
        for (const [k, v] of constants)
          if ((k === local || k.startsWith(local + '.')) && !v.pattern)
            exported[el.name.text + k.slice(local.length)] = v.value
      }
    }
  }
  return { imports, constants, cookieJars: new Set(), cookieSetters: new Map(), functions, lookup }
}

/**
 * `formatSecureCookieName('sessionId')`, `cookieName('theme')`: a helper that decorates a cookie name (usually with a
 * `__Secure-` / app prefix). The literal is kept and the rest becomes a wildcard: `*sessionId`.
 */
function cookieNameBuilder(value: ts.Expression): { value: string; pattern: boolean } | undefined {
  if (!tsf.isCallExpression(value) || value.arguments.length !== 1) return undefined
  const fn = dottedName(value.expression)
  const arg = value.arguments[0]!
  if (
    !fn ||
    !/cookie/i.test(fn) ||
    !/name|key|prefix|secure/i.test(fn) ||
    !tsf.isStringLiteralLike(arg) ||
    !arg.text
  )
    return undefined
  return { value: `*${arg.text}`, pattern: true }
}

/** Call names that build a validation or ORM schema whose object keys are data fields. */
const SCHEMA_BUILDERS = new Set([
  'object',
  'strictObject',
  'looseObject',
  'strict',
  'shape',
  'keys',
  'Schema',
  'pgTable',
  'mysqlTable',
  'sqliteTable',
  'table',
  'define',
  'init',
  'model',
  'createTable',
  'type',
  'interface',
  'partial',
  'extend',
  'merge',
  'Struct',
])

/** Modules whose `object()` / `Schema` builds a data schema. */
const SCHEMA_MODULES =
  /^(zod|zod\/.*|yup|valibot|joi|@hapi\/joi|@sinclair\/typebox|superstruct|io-ts|mongoose|sequelize|sequelize-typescript|drizzle-orm(\/.*)?|arktype|@effect\/schema|effect|@vinejs\/vine|ajv)$/
/** Receivers conventionally bound to a schema library when the import is not visible (re-exported `z`). */
const SCHEMA_ROOTS =
  /^(z|zod|yup|Yup|v|Joi|joi|t|Type|S|Schema|mongoose|sequelize|queryInterface|vine|Sequelize)$/

/** Tags of template literals that hold GraphQL SDL. */
const GQL_TAGS = /^(gql|graphql)$/
/** Tags of JSX elements that are form inputs. */
const INPUT_TAGS =
  /^(input|select|textarea|Input|TextField|TextInput|Field|FormField|FormInput|Select|Textarea|TextArea|PasswordInput|PhoneInput|EmailInput|DatePicker|Controller|NumberInput)$/
/** Component-library tags that are inputs by their name (`<Form.Input>`, `<ui.TextField>`). */
const INPUT_TAG_TAIL =
  /(^|\.)(Input|TextField|TextInput|Field|FormField|Select|Textarea|TextArea|Controller)$/
/** Vercel AI SDK calls whose `prompt` / `messages` go to the model provider. */
const AI_SDK_FUNCTIONS = /^(generateText|streamText|generateObject|streamObject|streamUI)$/
/** Client methods of OpenAI / Anthropic / Mistral-style SDKs that send a conversation to the model. */
const AI_CLIENT_METHODS =
  /\.(chat\.completions\.(create|stream|parse)|responses\.(create|stream)|messages\.(create|stream)|completions\.create|chat\.(complete|stream)|models\.generateContent(Stream)?)$/
/** Components that configure infrastructure (mail transports, integrations, webhooks, databases). */
const INFRA_FORM =
  /(Transport|Smtp|SMTP|Integration|Webhook|Connection|Database|ApiKey|MailServer)(Form|Dialog|Settings|Fields?|Config|Modal|Section)?$|^(Smtp|SMTP|Database|Webhook|ApiKey)/
/** Schema and class names that describe infrastructure rather than people. */
const INFRA_CONTAINER = /(transport|smtp|mailer|webhook|integration|connection|database|datasource)/i
const KNEX_TABLE_METHODS = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table'])
const FORM_VALUE_OWNER = /(^|\.)(formData|form|data|fd|searchParams|query|params|body|values)(\(\))?$/i

class SourceWalker {
  private readonly fileContainer: string
  /** Variables holding a request payload (`const body = await req.json()`). */
  private readonly payloadVars = new Set<string>()
  /** Variables holding a schema (`const base = z.object(…)`), so `base.extend({...})` is a schema too. */
  private readonly schemaVars = new Set<string>()
  /** knex table-builder parameters → table name. */
  private readonly knexTables = new Map<string, string>()

  constructor(
    private readonly scan: FileScan,
    private readonly sf: ts.SourceFile,
    private readonly bindings: SourceBindings,
    private readonly lineOffset: number,
  ) {
    const base = scan.path.split('/').pop() ?? ''
    this.fileContainer = base.replace(/\.[^.]+$/, '')
  }

  private pos(node: ts.Node): { line: number; column: number } {
    const p = positionOf(this.sf, node)
    return { line: p.line + this.lineOffset, column: p.column }
  }

  walk(): void {
    // Three parallel stacks instead of a frame object per node: the walk touches every node of every file.
    const nodes: ts.Node[] = [this.sf]
    const containers: (string | undefined)[] = [undefined]
    const depths: number[] = [0]
    const push = (child: ts.Node): void => {
      nodes.push(child)
    }
    let truncated = false
    while (nodes.length > 0) {
      const node = nodes.pop()!
      const depth = depths.pop()!
      const container = this.visit(node, containers.pop())
      if (depth >= MAX_DEPTH) {
        truncated = true
        continue
      }
      const first = nodes.length
      tsf.forEachChild(node, push)
      // Children were pushed in source order; reverse them so that the first child is visited first.
      for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
        const t = nodes[i]!
        nodes[i] = nodes[j]!
        nodes[j] = t
      }
      for (let i = first; i < nodes.length; i++) {
        containers.push(container)
        depths.push(depth + 1)
      }
    }
    if (truncated) this.scan.note('info', `nesting deeper than ${MAX_DEPTH} levels was not walked`)
  }

  /** Runs the detectors on one node; returns the container name for its children. */
  private visit(node: ts.Node, container: string | undefined): string | undefined {
    switch (node.kind) {
      case SK.ImportDeclaration:
        this.importDeclaration(node as ts.ImportDeclaration)
        return container
      case SK.ExportDeclaration:
        this.exportDeclaration(node as ts.ExportDeclaration)
        return container
      case SK.ImportEqualsDeclaration: {
        const ie = node as ts.ImportEqualsDeclaration
        if (
          tsf.isExternalModuleReference(ie.moduleReference) &&
          tsf.isStringLiteral(ie.moduleReference.expression)
        )
          this.addImport(ie.moduleReference.expression.text, ie, 'require', ie.isTypeOnly)
        return container
      }
      case SK.CallExpression:
        return this.callExpression(node as ts.CallExpression, container)
      case SK.NewExpression:
        return this.newExpression(node as ts.NewExpression, container)
      case SK.TaggedTemplateExpression:
        this.taggedTemplate(node as ts.TaggedTemplateExpression)
        return container
      case SK.InterfaceDeclaration:
      case SK.ClassDeclaration:
      case SK.ClassExpression:
      case SK.TypeAliasDeclaration: {
        const named = node as ts.InterfaceDeclaration | ts.ClassDeclaration | ts.TypeAliasDeclaration
        return named.name?.text ?? container
      }
      case SK.FunctionDeclaration:
      case SK.MethodDeclaration: {
        const fn = node as ts.FunctionDeclaration | ts.MethodDeclaration
        return nameText(fn.name) ?? container
      }
      case SK.VariableDeclaration:
        return this.variableDeclaration(node as ts.VariableDeclaration, container)
      case SK.PropertySignature:
        this.propertySignature(node as ts.PropertySignature, container)
        return this.childContainer(container, (node as ts.PropertySignature).name)
      case SK.PropertyDeclaration:
        this.propertyDeclaration(node as ts.PropertyDeclaration, container)
        return container
      case SK.Parameter: {
        const p = node as ts.ParameterDeclaration
        if (tsf.isParameterPropertyDeclaration(p, p.parent)) this.parameterProperty(p, container)
        if (tsf.canHaveDecorators(p)) this.parameterDecorators(p)
        if (tsf.isIdentifier(p.name) && p.type && tsf.isTypeLiteralNode(p.type)) return p.name.text
        if (tsf.isObjectBindingPattern(p.name)) this.destructure(p.name, p.initializer)
        return container
      }
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        this.stringLiteral(node as ts.StringLiteral)
        return container
      case SK.TemplateExpression:
        this.templateExpression(node as ts.TemplateExpression)
        return container
      case SK.JsxSelfClosingElement:
      case SK.JsxOpeningElement:
        this.jsxElement(node as ts.JsxOpeningLikeElement, container)
        return container
      case SK.PropertyAccessExpression:
        this.propertyAccess(node as ts.PropertyAccessExpression, container)
        return container
      case SK.ElementAccessExpression:
        this.elementAccess(node as ts.ElementAccessExpression)
        return container
      case SK.BinaryExpression:
        detectDocumentCookie(this.scan, this.sf, node as ts.BinaryExpression, this.bindings, this.lineOffset)
        return container
      case SK.PropertyAssignment:
        detectSetCookieHeaderProperty(
          this.scan,
          this.sf,
          node as ts.PropertyAssignment,
          this.bindings,
          this.lineOffset,
        )
        detectCookieNameOption(
          this.scan,
          this.sf,
          node as ts.PropertyAssignment,
          this.bindings,
          this.lineOffset,
        )
        return this.childContainer(container, (node as ts.PropertyAssignment).name)
    }
    return container
  }

  private childContainer(container: string | undefined, name: ts.PropertyName): string | undefined {
    const n = nameText(name)
    if (!n) return container
    return container ? `${container}.${n}` : n
  }

  // ── imports ────────────────────────────────────────────────────────────────

  private importDeclaration(node: ts.ImportDeclaration): void {
    if (!tsf.isStringLiteral(node.moduleSpecifier)) return
    const clause = node.importClause
    const named =
      clause?.namedBindings && tsf.isNamedImports(clause.namedBindings)
        ? clause.namedBindings.elements
        : undefined
    const typeOnly =
      clause?.isTypeOnly === true ||
      (clause !== undefined &&
        !clause.name &&
        named !== undefined &&
        named.length > 0 &&
        named.every((e) => e.isTypeOnly))
    const names = named?.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text)
    this.addImport(
      node.moduleSpecifier.text,
      node,
      'import',
      typeOnly,
      names && names.length > 0 && !clause?.name ? names : undefined,
    )
  }

  private exportDeclaration(node: ts.ExportDeclaration): void {
    if (!node.moduleSpecifier || !tsf.isStringLiteral(node.moduleSpecifier)) return
    const from = node.moduleSpecifier.text
    const clause = node.exportClause
    const elements = clause && tsf.isNamedExports(clause) ? clause.elements : undefined
    const typeOnly =
      node.isTypeOnly ||
      (elements !== undefined && elements.length > 0 && elements.every((e) => e.isTypeOnly))
    this.addImport(
      from,
      node,
      'import',
      typeOnly,
      elements?.map((e) => (e.propertyName ?? e.name).text),
    )
    if (typeOnly) return
    const reexports = (this.scan.facts.reexports ??= [])
    if (!clause) reexports.push({ from })
    else if (elements) {
      const names: Record<string, string> = {}
      for (const e of elements) if (!e.isTypeOnly) names[e.name.text] = (e.propertyName ?? e.name).text
      reexports.push({ from, names })
    }
  }

  private addImport(
    specifier: string,
    node: ts.Node,
    how: 'import' | 'require' | 'dynamic-import',
    typeOnly: boolean,
    names?: string[],
  ): void {
    if (isLocalSpecifier(specifier)) {
      if (!typeOnly) (this.scan.facts.localImports ??= []).push(specifier)
      return
    }
    if (specifier.startsWith('node:')) return
    const at = this.pos(node)
    this.scan.facts.imports.push({
      specifier,
      ...at,
      how,
      excerpt: this.scan.excerpt(at.line),
      typeOnly,
      ...(names ? { names } : {}),
    })
  }

  // ── calls ──────────────────────────────────────────────────────────────────

  private callExpression(node: ts.CallExpression, container: string | undefined): string | undefined {
    const callee = node.expression
    const first = node.arguments[0]
    if (callee.kind === SK.ImportKeyword) {
      const s = staticString(first)
      if (s && !s.pattern) this.addImport(s.value, node, 'dynamic-import', false)
      return container
    }
    if (tsf.isIdentifier(callee) && callee.text === 'require' && node.arguments.length === 1) {
      const s = staticString(first)
      if (s && !s.pattern) this.addImport(s.value, node, 'require', false)
      return container
    }
    detectCookieCall(this.scan, this.sf, node, this.bindings, this.lineOffset)
    detectLibraryCookies(this.scan, this.sf, node, this.bindings, this.lineOffset)
    this.requestCall(node)
    this.formCall(node)
    this.knexCall(node)
    this.aiCall(node)
    // Deno.env.get('STRIPE_KEY')
    if (
      tsf.isPropertyAccessExpression(callee) &&
      callee.name.text === 'get' &&
      first &&
      tsf.isStringLiteralLike(first)
    )
      if (dottedName(callee.expression) === 'Deno.env')
        detectEnvReference(this.scan, first.text, this.pos(node))
    return this.schemaCall(node, node.arguments, container)
  }

  private newExpression(node: ts.NewExpression, container: string | undefined): string | undefined {
    const callee = dottedName(node.expression)
    if (!callee) return container
    // `new Schema({...})` / `new mongoose.Schema({...})`
    if (/(^|\.)Schema$/.test(callee))
      return this.schemaCall(node, node.arguments ?? tsf.factory.createNodeArray(), container)
    return container
  }

  /** `z.object({...})`, `new Schema({...})`, `pgTable('users', {...})`: object keys are data fields. */
  private schemaCall(
    node: ts.CallExpression | ts.NewExpression,
    args: ts.NodeArray<ts.Expression>,
    container: string | undefined,
  ): string | undefined {
    const callee = node.expression
    const calleeName = tsf.isPropertyAccessExpression(callee)
      ? callee.name.text
      : tsf.isIdentifier(callee)
        ? callee.text
        : undefined
    if (!calleeName || !SCHEMA_BUILDERS.has(calleeName)) return container
    if (!this.isSchemaReceiver(node, calleeName, args)) return container
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
    if (!objectArg) return container
    // Sequelize `User.init({...}, { sequelize })` names its model after the receiver.
    const receiver =
      tsf.isPropertyAccessExpression(callee) && calleeName === 'init'
        ? dottedName(callee.expression)
        : undefined
    const schemaContainer = tableName ?? receiver ?? container ?? this.fileContainer
    this.schemaObject(objectArg, schemaContainer, 0)
    return schemaContainer
  }

  private schemaObject(obj: ts.ObjectLiteralExpression, container: string, depth: number): void {
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
        this.schemaObject(value, `${container}.${key}`, depth + 1)
        continue
      }
      const info = value ? schemaValueInfo(value) : { type: 'unknown' as FieldType, signals: [] }
      const at = this.pos(prop.name ?? prop)
      const symbol = `${container}.${key}`
      // `fromAddress: z.string().email()` in an SMTP-transport schema is the company's sender, not a person's.
      if (!INFRA_CONTAINER.test(container))
        for (const sig of info.signals)
          this.scan.signal(sig.category, at, 'schema', sig.rule, sig.reason, symbol)
      this.scan.field(
        key,
        { container: describedBy(container), siblings, type: info.type },
        at,
        'schema',
        symbol,
      )
    }
  }

  /** Whether a builder call belongs to a schema library (by import, conventional receiver, or a schema variable). */
  private isSchemaReceiver(
    node: ts.CallExpression | ts.NewExpression,
    calleeName: string,
    args: ts.NodeArray<ts.Expression>,
  ): boolean {
    if (tsf.isNewExpression(node)) return true
    const root = rootIdentifier(node.expression)
    if (root === undefined) return false
    const binding = this.bindings.imports.get(root)
    if (binding !== undefined && SCHEMA_MODULES.test(binding.module)) return true
    if (SCHEMA_ROOTS.test(root) || this.schemaVars.has(root)) return true
    // Sequelize `Model.init({...}, { sequelize, tableName })`
    if (calleeName === 'init') {
      const opts = unwrap(args[1])
      return (
        opts !== undefined &&
        tsf.isObjectLiteralExpression(opts) &&
        opts.properties.some((p) => nameText(p.name) === 'sequelize')
      )
    }
    // `sequelize.define` on an instance named otherwise (`db.define('User', {...})`)
    if (calleeName === 'define')
      return (
        args.length >= 2 &&
        tsf.isStringLiteralLike(args[0]!) &&
        tsf.isObjectLiteralExpression(unwrap(args[1])!)
      )
    return false
  }

  /**
   * Text sent to an LLM: `streamText({ prompt })` (Vercel AI SDK), `openai.chat.completions.create({ model, messages })`,
   * `anthropic.messages.create({ model, messages })`. A prompt built from anything but a fixed literal is user content.
   */
  private aiCall(node: ts.CallExpression): void {
    const callee = node.expression
    const arg = unwrap(node.arguments[0])
    if (!arg || !tsf.isObjectLiteralExpression(arg)) return
    let sdk = false
    if (tsf.isIdentifier(callee) && AI_SDK_FUNCTIONS.test(callee.text)) {
      const module = this.bindings.imports.get(callee.text)?.module
      sdk = module === 'ai' || module === 'ai/rsc' || module === '@ai-sdk/rsc'
    } else if (tsf.isPropertyAccessExpression(callee)) {
      const dotted = dottedName(callee) ?? ''
      // Twilio's `client.messages.create({ to, body })` has no `model`: it is not an LLM call.
      sdk = AI_CLIENT_METHODS.test(dotted) && arg.properties.some((p) => nameText(p.name) === 'model')
    }
    if (!sdk) return
    for (const p of arg.properties) {
      const key = nameText(p.name)
      if (key !== 'prompt' && key !== 'messages' && key !== 'input' && key !== 'contents') continue
      const value = tsf.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined
      if (value && (tsf.isStringLiteral(value) || tsf.isNoSubstitutionTemplateLiteral(value))) continue
      this.scan.signal(
        'user.content.ai_prompt',
        this.pos(p),
        'request',
        'signal.ai.prompt',
        `${key} sent to a language model`,
        `${dottedName(callee) ?? 'llm'}({ ${key} })`,
      )
      return
    }
  }

  /** knex migrations: `createTable('users', (t) => { t.string('email') })`. */
  private knexCall(node: ts.CallExpression): void {
    const callee = node.expression
    if (!tsf.isPropertyAccessExpression(callee)) return
    const method = callee.name.text
    const first = node.arguments[0]
    if (KNEX_TABLE_METHODS.has(method) && first && tsf.isStringLiteralLike(first)) {
      const fn = node.arguments[1]
      if (fn && (tsf.isArrowFunction(fn) || tsf.isFunctionExpression(fn))) {
        const param = fn.parameters[0]
        if (param && tsf.isIdentifier(param.name)) this.knexTables.set(param.name.text, first.text)
      }
      return
    }
    if (this.knexTables.size === 0 || !tsf.isIdentifier(callee.expression)) return
    const table = this.knexTables.get(callee.expression.text)
    const type = KNEX_COLUMNS[method]
    if (table === undefined || type === undefined || !first || !tsf.isStringLiteralLike(first)) return
    this.scan.field(
      first.text,
      { container: table, type },
      this.pos(first),
      'schema',
      `${table}.${first.text}`,
    )
  }

  /** GraphQL SDL in `gql` / `graphql` tagged templates. */
  private taggedTemplate(node: ts.TaggedTemplateExpression): void {
    const tag = dottedName(node.tag)
    if (!tag || !GQL_TAGS.test(tag.split('.').pop()!)) return
    const t = node.template
    let text: string
    if (tsf.isNoSubstitutionTemplateLiteral(t)) text = t.text
    else {
      text = t.head.text
      for (const span of t.templateSpans) text += ' ' + span.literal.text
    }
    if (!/\b(type|input|interface)\s+\w+[^{]*\{/.test(text)) return
    scanGraphql(this.scan, text, this.pos(t).line - 1)
  }

  // ── declarations ───────────────────────────────────────────────────────────

  private variableDeclaration(vd: ts.VariableDeclaration, container: string | undefined): string | undefined {
    const init = unwrap(vd.initializer)
    if (tsf.isIdentifier(vd.name)) {
      const name = vd.name.text
      if (init) {
        const dotted = dottedName(init)
        if (dotted && /(^|\.)cookies\(\)$/.test(dotted)) this.bindings.cookieJars.add(name)
        if (dotted && isRequestPayload(dotted)) this.payloadVars.add(name)
        if (
          tsf.isNewExpression(init) &&
          /^(Cookies|UniversalCookies|Cookie)$/.test(dottedName(init.expression) ?? '')
        )
          this.bindings.cookieJars.add(name)
        if (tsf.isCallExpression(init)) {
          const root = rootIdentifier(init.expression)
          const binding = root ? this.bindings.imports.get(root) : undefined
          if (
            root &&
            ((binding && SCHEMA_MODULES.test(binding.module)) ||
              SCHEMA_ROOTS.test(root) ||
              this.schemaVars.has(root))
          )
            this.schemaVars.add(name)
        }
      }
      return name
    }
    if (tsf.isArrayBindingPattern(vd.name) && init && tsf.isCallExpression(init)) {
      // react-cookie: const [cookies, setCookie] = useCookies(['consent'])
      const fn = dottedName(init.expression)
      const setter = vd.name.elements[1]
      if (
        fn === 'useCookies' &&
        setter &&
        tsf.isBindingElement(setter) &&
        tsf.isIdentifier(setter.name) &&
        !this.bindings.functions.has(setter.name.text)
      )
        this.bindings.cookieSetters.set(setter.name.text, 0)
    }
    if (tsf.isObjectBindingPattern(vd.name)) this.destructure(vd.name, init)
    return container
  }

  /** `const { email, phone } = req.body`, `const { ip } = req`, `function f({ email }: Body)`. */
  private destructure(pattern: ts.ObjectBindingPattern, init: ts.Expression | undefined): void {
    const source = init ? dottedName(init) : undefined
    if (!source) return
    const payload = isRequestPayload(source) || this.payloadVars.has(source)
    const request = REQUEST_OBJECT.test(source)
    if (!payload && !request) return
    const siblings = pattern.elements.map((e) => nameText(e.propertyName ?? e.name) ?? '').filter(Boolean)
    for (const el of pattern.elements) {
      const key = nameText(el.propertyName ?? el.name)
      if (!key) continue
      if (request) {
        const signal = requestReadSignal(`${source}.${key}`)
        if (signal)
          this.scan.signal(
            signal.category,
            this.pos(el),
            'request',
            signal.rule,
            signal.reason,
            `${source}.${key}`,
          )
        continue
      }
      this.scan.field(key, { container: 'request', siblings }, this.pos(el), 'request', `${source}.${key}`)
    }
  }

  private readonly memberNameCache = new WeakMap<ts.Node, string[]>()

  /** Member names of an object-like node, computed once per node (wide interfaces would be quadratic otherwise). */
  private memberNames(owner: ts.Node, members: readonly ts.NamedDeclaration[]): string[] {
    let names = this.memberNameCache.get(owner)
    if (!names) {
      names = members.map((m) => nameText(m.name) ?? '').filter(Boolean)
      this.memberNameCache.set(owner, names)
    }
    return names
  }

  private propertySignature(node: ts.PropertySignature, container: string | undefined): void {
    const name = nameText(node.name)
    if (!name) return
    const parent = node.parent
    const siblings =
      tsf.isInterfaceDeclaration(parent) || tsf.isTypeLiteralNode(parent)
        ? this.memberNames(parent, parent.members)
        : []
    const type = node.type ? typeOfTypeNode(node.type) : 'unknown'
    const ctx: FieldContext = { container: container ?? this.fileContainer, siblings, type }
    this.scan.field(name, ctx, this.pos(node.name), 'field')
  }

  private propertyDeclaration(node: ts.PropertyDeclaration, container: string | undefined): void {
    const name = nameText(node.name)
    if (!name) return
    const cls = node.parent
    const siblings = tsf.isClassLike(cls)
      ? this.memberNames(cls, cls.members.filter(tsf.isPropertyDeclaration))
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
    const at = this.pos(node.name)
    const symbol = `${container ?? this.fileContainer}.${name}`
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
        this.scan.signal(signal, at, 'schema', `signal.decorator.${dn}`, `@${dn}() validator`, symbol)
    }
    this.scan.field(name, { container: container ?? this.fileContainer, siblings, type }, at, how, symbol)
  }

  /** NestJS: `@Ip() ip`, `@Headers('user-agent') ua`, `@Body('email') email`, `@Query('phone') phone`. */
  private parameterDecorators(p: ts.ParameterDeclaration): void {
    for (const d of tsf.getDecorators(p) ?? []) {
      if (!tsf.isCallExpression(d.expression) || !tsf.isIdentifier(d.expression.expression)) continue
      const dn = d.expression.expression.text
      const arg = d.expression.arguments[0]
      const key = arg && tsf.isStringLiteralLike(arg) ? arg.text : undefined
      const at = this.pos(d)
      if (dn === 'Ip' || dn === 'RealIP') {
        this.scan.signal(
          'user.device.ip_address',
          at,
          'request',
          'signal.request.ip',
          `@${dn}() is the client IP address`,
          `@${dn}()`,
        )
      } else if (dn === 'Headers' && key) {
        this.headerRead(key, at, `@Headers('${key}')`)
      } else if ((dn === 'Body' || dn === 'Query' || dn === 'Param') && key) {
        this.scan.field(
          key,
          { container: 'request', type: typeOfTypeNode(p.type) },
          at,
          'request',
          `@${dn}('${key}')`,
        )
      }
    }
  }

  /** `constructor(readonly email: string)`: a parameter property is a field of the class. */
  private parameterProperty(p: ts.ParameterDeclaration, container: string | undefined): void {
    if (!tsf.isIdentifier(p.name)) return
    const cls = p.parent.parent
    const className = tsf.isClassLike(cls) && cls.name ? cls.name.text : container
    this.scan.field(
      p.name.text,
      { container: className ?? this.fileContainer, type: typeOfTypeNode(p.type) },
      this.pos(p.name),
      'field',
      `${className ?? this.fileContainer}.${p.name.text}`,
    )
  }

  // ── request reads ──────────────────────────────────────────────────────────

  private propertyAccess(node: ts.PropertyAccessExpression, container: string | undefined): void {
    // Only the outermost access of a chain is judged, so `req.socket.remoteAddress` is seen once.
    const parent = node.parent
    if (tsf.isPropertyAccessExpression(parent) && parent.expression === node) return
    // import.meta.env.VITE_POSTHOG_KEY
    const target = node.expression
    if (
      tsf.isPropertyAccessExpression(target) &&
      target.name.text === 'env' &&
      tsf.isMetaProperty(target.expression)
    ) {
      detectEnvReference(this.scan, node.name.text, this.pos(node))
      return
    }
    const dotted = dottedName(node)
    if (!dotted) return
    const signal = requestReadSignal(dotted)
    if (signal) {
      this.scan.signal(signal.category, this.pos(node), 'request', signal.rule, signal.reason, dotted)
      return
    }
    const lastDot = dotted.lastIndexOf('.')
    if (lastDot <= 0) return
    const owner = dotted.slice(0, lastDot)
    // process.env.STRIPE_SECRET_KEY, Bun.env.X
    if (owner === 'process.env' || owner === 'Bun.env') {
      detectEnvReference(this.scan, node.name.text, this.pos(node))
      return
    }
    // `req.body.email`, `body.email` where `body = await req.json()`; not method calls on them.
    if (tsf.isCallExpression(parent) && parent.expression === node) return
    if (isRequestPayload(owner) || this.payloadVars.has(owner))
      this.scan.field(
        node.name.text,
        { container: container ?? 'request' },
        this.pos(node),
        'request',
        dotted,
      )
  }

  private elementAccess(node: ts.ElementAccessExpression): void {
    const arg = node.argumentExpression
    if (!tsf.isStringLiteralLike(arg)) return
    const owner = dottedName(node.expression)
    if (!owner) return
    if (/(^|\.)headers$/.test(owner)) {
      this.headerRead(arg.text, this.pos(node), `${owner}['${arg.text}']`)
      return
    }
    if (owner === 'process.env') {
      detectEnvReference(this.scan, arg.text, this.pos(node))
      return
    }
    if (isRequestPayload(owner) || this.payloadVars.has(owner))
      this.scan.field(arg.text, { container: 'request' }, this.pos(node), 'request', `${owner}.${arg.text}`)
  }

  /** A read of a request header that carries personal data (`x-forwarded-for`, `user-agent` …). */
  private headerRead(header: string, at: { line: number; column: number }, symbol: string): void {
    const signal = HEADER_SIGNALS[header.toLowerCase()]
    if (signal)
      this.scan.signal(signal.category, at, 'request', signal.rule, `reads the ${header} header`, symbol)
  }

  /** `headers().get('x-forwarded-for')`, `req.get('user-agent')`, `getRequestHeader(event, 'x-real-ip')`, `ipAddress(req)`. */
  private requestCall(node: ts.CallExpression): void {
    const callee = node.expression
    if (tsf.isIdentifier(callee)) {
      const fn = callee.text
      const ip = IP_FUNCTIONS[fn]
      if (ip && node.arguments.length <= 1) {
        this.scan.signal(ip.category, this.pos(node), 'request', ip.rule, ip.reason, `${fn}()`)
        return
      }
      if (fn === 'getRequestHeader' || fn === 'getHeader') {
        const name = node.arguments[1]
        if (name && tsf.isStringLiteralLike(name))
          this.headerRead(name.text, this.pos(node), `${fn}('${name.text}')`)
      }
      return
    }
    if (!tsf.isPropertyAccessExpression(callee)) return
    const method = callee.name.text
    const first = node.arguments[0]
    if (
      (method === 'get' || method === 'header' || method === 'getHeader') &&
      first &&
      tsf.isStringLiteralLike(first)
    ) {
      const owner = dottedName(callee.expression) ?? 'headers'
      this.headerRead(first.text, this.pos(node), `${owner}.${method}('${first.text}')`)
      return
    }
    if (method === 'getClientIp' && node.arguments.length === 1) {
      this.scan.signal(
        'user.device.ip_address',
        this.pos(node),
        'request',
        'signal.request.ip',
        'getClientIp() returns the client IP',
        'getClientIp()',
      )
      return
    }
    if (method === 'getCurrentPosition' || method === 'watchPosition') {
      const owner = dottedName(callee.expression)
      if (owner?.endsWith('geolocation'))
        this.scan.signal(
          'user.location.precise',
          this.pos(node),
          'request',
          'signal.browser.geolocation',
          'reads the device position (navigator.geolocation)',
          `${owner}.${method}`,
        )
    }
  }

  /** react-hook-form `register('email')`, formik/vee-validate `useField('email')` and `formData.get('email')`. */
  private formCall(node: ts.CallExpression): void {
    const callee = node.expression
    const first = node.arguments[0]
    if (!first || !tsf.isStringLiteralLike(first)) return
    const name = tsf.isIdentifier(callee)
      ? callee.text
      : tsf.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    const owner = tsf.isPropertyAccessExpression(callee) ? (dottedName(callee.expression) ?? '') : ''
    const isRegister =
      (name === 'register' && (tsf.isIdentifier(callee) || /form/i.test(owner))) ||
      (name === 'useField' && tsf.isIdentifier(callee))
    const isFormData =
      (name === 'get' || name === 'getAll') && (FORM_VALUE_OWNER.test(owner) || this.payloadVars.has(owner))
    if (!isRegister && !isFormData) return
    const fn = this.enclosingFunctionName(node)
    this.scan.field(
      first.text,
      { container: fn ?? this.fileContainer },
      this.pos(node),
      'form-input',
      `${owner ? owner + '.' : ''}${name}('${first.text}')`,
    )
  }

  private enclosingFunctionName(node: ts.Node): string | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if ((tsf.isFunctionDeclaration(n) || tsf.isMethodDeclaration(n) || tsf.isClassDeclaration(n)) && n.name)
        return nameText(n.name)
      if (
        (tsf.isArrowFunction(n) || tsf.isFunctionExpression(n)) &&
        tsf.isVariableDeclaration(n.parent) &&
        tsf.isIdentifier(n.parent.name)
      )
        return n.parent.name.text
    }
    return undefined
  }

  // ── JSX ────────────────────────────────────────────────────────────────────

  private jsxElement(node: ts.JsxOpeningLikeElement, container: string | undefined): void {
    const tag = jsxTagName(node.tagName)
    if (!tag) return
    const attrs = new Map<string, ts.JsxAttribute>()
    for (const prop of node.attributes.properties) {
      if (tsf.isJsxAttribute(prop)) attrs.set(jsxAttrName(prop.name).toLowerCase(), prop)
    }
    const attrValue = (name: string): string | undefined => {
      const init = attrs.get(name)?.initializer
      if (!init) return undefined
      if (tsf.isStringLiteral(init)) return init.text
      if (tsf.isJsxExpression(init) && init.expression) {
        const s = staticString(init.expression, this.bindings.lookup)
        return s && !s.pattern ? s.value : undefined
      }
      return undefined
    }
    if (tag === 'script' || tag === 'Script' || this.bindings.imports.get(tag)?.module === 'next/script') {
      const src = attrValue('src')
      if (src) detectScriptElement(this.scan, src, this.pos(node), tag)
      return
    }
    const inputLike = INPUT_TAGS.test(tag) || INPUT_TAG_TAIL.test(tag)
    const autocomplete = attrValue('autocomplete')?.toLowerCase()
    const type = attrValue('type')?.toLowerCase()
    if (!inputLike && !(autocomplete && /^[A-Z]/.test(tag))) return
    const fn = this.enclosingFunctionName(node) ?? container ?? this.fileContainer
    // A password box in an SMTP-transport or API-integration form holds a service credential, not a user's data.
    if (INFRA_FORM.test(fn)) return
    const at = this.pos(node)
    const name = attrValue('name')
    recordFormInput(this.scan, { tag, name, type, autocomplete, container: fn, holdsValue: inputLike }, at)
  }

  // ── strings: hostnames ─────────────────────────────────────────────────────

  private stringLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): void {
    if (node.text.length < 4 || node.text.indexOf('.') < 0) return
    const parent = node.parent
    // Import specifiers, type positions and script tags are handled elsewhere; links are navigation, not data flows.
    if (
      tsf.isImportDeclaration(parent) ||
      tsf.isExportDeclaration(parent) ||
      tsf.isExternalModuleReference(parent)
    )
      return
    if (tsf.isLiteralTypeNode(parent)) return
    const attr = tsf.isJsxAttribute(parent)
      ? parent
      : tsf.isJsxExpression(parent) && tsf.isJsxAttribute(parent.parent)
        ? parent.parent
        : undefined
    if (attr && this.skipJsxAttribute(attr)) return
    if (tsf.isTaggedTemplateExpression(parent)) return
    detectHostsInString(this.scan, node.text, this.pos(node))
  }

  private templateExpression(node: ts.TemplateExpression): void {
    const parent = node.parent
    if (
      tsf.isJsxExpression(parent) &&
      tsf.isJsxAttribute(parent.parent) &&
      this.skipJsxAttribute(parent.parent)
    )
      return
    if (tsf.isTaggedTemplateExpression(parent)) return
    const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
    for (const part of parts) if (part.indexOf('.') >= 0) detectHostsInString(this.scan, part, this.pos(node))
  }

  /** `<a href>` / `<Link href>` are links the visitor may follow; `<script src>` has its own detector. */
  private skipJsxAttribute(attr: ts.JsxAttribute): boolean {
    const name = jsxAttrName(attr.name)
    const element = attr.parent.parent
    const tag = jsxTagName(element.tagName) ?? ''
    if (
      name === 'src' &&
      (tag === 'script' || tag === 'Script' || this.bindings.imports.get(tag)?.module === 'next/script')
    )
      return true
    return name === 'href' && tag !== 'link'
  }
}

function jsxTagName(tag: ts.JsxTagNameExpression): string | undefined {
  if (tsf.isIdentifier(tag)) return tag.text
  if (tsf.isPropertyAccessExpression(tag)) return dottedName(tag)
  return undefined
}

function jsxAttrName(name: ts.JsxAttributeName): string {
  return tsf.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`
}

/** What a schema describes: `contactSchema` → `contact`, `users.profile` stays; the classifier judges the subject. */
function describedBy(container: string): string {
  return container.replace(/(?<=[a-z0-9])(_?(schema|validator|validation|shape))$/i, '') || container
}

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
