import { ts } from 'ts-morph'
import type { FileScan } from '../file-scan.js'
import type { FieldContext, FieldType } from '../pii/classify.js'
import { detectCookieCall, detectDocumentCookie, detectSetCookieHeaderProperty } from './cookies.js'
import { detectHostsInString, detectScriptElement } from './hosts.js'
import { dottedName, nameText, positionOf, staticString, typeOfTypeNode } from './ts-helpers.js'

/** Local bindings of a file that detectors resolve names through. */
export interface SourceBindings {
  /** Local import name → module specifier and the imported name (`default`, `*` or a named export). */
  imports: Map<string, { module: string; imported: string }>
  /** Top-level constant strings and objects of strings (`NAME` and `NAME.prop`). */
  constants: Map<string, { value: string; pattern: boolean }>
  /** Local variables holding a cookie store (`const jar = await cookies()`). */
  cookieJars: Set<string>
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

/** Parses TS/JS source with the TypeScript parser and runs every detector in one walk of the raw AST. */
export function scanSource(scan: FileScan, text: string, extension: string, lineOffset = 0): void {
  const kind = SCRIPT_KINDS[extension] ?? ts.ScriptKind.TSX
  const sf = ts.createSourceFile(scan.path, text, ts.ScriptTarget.Latest, true, kind)
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? []
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!
    const pos = sf.getLineAndCharacterOfPosition(d.start ?? 0)
    scan.note(
      'info',
      `syntax error at ${pos.line + 1 + lineOffset}:${pos.character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (scanned what parsed)`,
    )
  }
  const bindings = collectBindings(sf, scan)
  const walker = new SourceWalker(scan, sf, bindings, lineOffset)
  walker.walk()
}

function collectBindings(sf: ts.SourceFile, scan: FileScan): SourceBindings {
  const imports = new Map<string, { module: string; imported: string }>()
  const constants = new Map<string, { value: string; pattern: boolean }>()
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const module = stmt.moduleSpecifier.text
      const clause = stmt.importClause
      if (!clause) continue
      if (clause.name) imports.set(clause.name.text, { module, imported: 'default' })
      const nb = clause.namedBindings
      if (nb && ts.isNamespaceImport(nb)) imports.set(nb.name.text, { module, imported: '*' })
      if (nb && ts.isNamedImports(nb))
        for (const el of nb.elements) imports.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text })
    }
    if (ts.isVariableStatement(stmt)) {
      const exported = stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false
      for (const decl of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name)) {
          // `const { a } = require('x')`
          continue
        }
        const name = decl.name.text
        let init = decl.initializer
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)))
          init = init.expression
        if (!init) continue
        if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require') {
          const arg = init.arguments[0]
          if (arg && ts.isStringLiteralLike(arg)) imports.set(name, { module: arg.text, imported: 'default' })
          continue
        }
        const s = staticString(init)
        if (s) {
          constants.set(name, s)
          if (exported && !s.pattern) scan.facts.exportedStrings[name] = s.value
          continue
        }
        if (ts.isObjectLiteralExpression(init)) {
          for (const prop of init.properties) {
            if (!ts.isPropertyAssignment(prop)) continue
            const key = nameText(prop.name)
            const v = staticString(prop.initializer)
            if (key === undefined || !v) continue
            constants.set(`${name}.${key}`, v)
            if (exported && !v.pattern) scan.facts.exportedStrings[`${name}.${key}`] = v.value
          }
        }
      }
    }
  }
  return { imports, constants, cookieJars: new Set() }
}

interface Frame {
  node: ts.Node
  container: string | undefined
  depth: number
}

/** Call names that build a validation or ORM schema whose object keys are data fields. */
const SCHEMA_BUILDERS = new Set([
  'object',
  'strictObject',
  'looseObject',
  'shape',
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
])

/** Modules whose `object()` / `Schema` builds a data schema. */
const SCHEMA_MODULES = /^(zod|zod\/.*|yup|valibot|joi|@sinclair\/typebox|superstruct|io-ts|mongoose|sequelize|drizzle-orm\/.*|arktype|@effect\/schema)$/

class SourceWalker {
  private readonly fileContainer: string

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
    const stack: Frame[] = [{ node: this.sf, container: undefined, depth: 0 }]
    let truncated = false
    while (stack.length > 0) {
      const frame = stack.pop()!
      const container = this.visit(frame.node, frame.container)
      if (frame.depth >= MAX_DEPTH) {
        truncated = true
        continue
      }
      const children: ts.Node[] = []
      ts.forEachChild(frame.node, (child) => {
        children.push(child)
      })
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i]!, container, depth: frame.depth + 1 })
    }
    if (truncated) this.scan.note('info', `nesting deeper than ${MAX_DEPTH} levels was not walked`)
  }

  /** Runs the detectors on one node; returns the container name for its children. */
  private visit(node: ts.Node, container: string | undefined): string | undefined {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration:
        this.importDeclaration(node as ts.ImportDeclaration)
        return container
      case ts.SyntaxKind.ExportDeclaration: {
        const ed = node as ts.ExportDeclaration
        if (ed.moduleSpecifier && ts.isStringLiteral(ed.moduleSpecifier))
          this.addImport(ed.moduleSpecifier.text, ed, 'import', ed.isTypeOnly)
        return container
      }
      case ts.SyntaxKind.ImportEqualsDeclaration: {
        const ie = node as ts.ImportEqualsDeclaration
        if (ts.isExternalModuleReference(ie.moduleReference) && ts.isStringLiteral(ie.moduleReference.expression))
          this.addImport(ie.moduleReference.expression.text, ie, 'require', ie.isTypeOnly)
        return container
      }
      case ts.SyntaxKind.CallExpression:
        return this.callExpression(node as ts.CallExpression, container)
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
      case ts.SyntaxKind.TypeAliasDeclaration: {
        const named = node as ts.InterfaceDeclaration | ts.ClassDeclaration | ts.TypeAliasDeclaration
        return named.name?.text ?? container
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.MethodDeclaration: {
        const fn = node as ts.FunctionDeclaration | ts.MethodDeclaration
        return nameText(fn.name) ?? container
      }
      case ts.SyntaxKind.VariableDeclaration: {
        const vd = node as ts.VariableDeclaration
        if (ts.isIdentifier(vd.name)) {
          const init = vd.initializer ? dottedName(vd.initializer) : undefined
          if (init && /(^|\.)cookies\(\)$/.test(init)) this.bindings.cookieJars.add(vd.name.text)
          return vd.name.text
        }
        this.destructuring(vd)
        return container
      }
      case ts.SyntaxKind.PropertySignature:
        this.propertySignature(node as ts.PropertySignature, container)
        return this.childContainer(container, (node as ts.PropertySignature).name)
      case ts.SyntaxKind.PropertyDeclaration:
        this.propertyDeclaration(node as ts.PropertyDeclaration, container)
        return container
      case ts.SyntaxKind.Parameter: {
        const p = node as ts.ParameterDeclaration
        if (ts.isIdentifier(p.name) && p.type && ts.isTypeLiteralNode(p.type)) return p.name.text
        return container
      }
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        this.stringLiteral(node as ts.StringLiteral)
        return container
      case ts.SyntaxKind.TemplateExpression:
        this.templateExpression(node as ts.TemplateExpression)
        return container
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxOpeningElement:
        this.jsxElement(node as ts.JsxOpeningLikeElement, container)
        return container
      case ts.SyntaxKind.PropertyAccessExpression:
        this.propertyAccess(node as ts.PropertyAccessExpression, container)
        return container
      case ts.SyntaxKind.ElementAccessExpression:
        this.elementAccess(node as ts.ElementAccessExpression)
        return container
      case ts.SyntaxKind.BinaryExpression:
        detectDocumentCookie(this.scan, this.sf, node as ts.BinaryExpression, this.bindings, this.lineOffset)
        return container
      case ts.SyntaxKind.PropertyAssignment:
        detectSetCookieHeaderProperty(this.scan, this.sf, node as ts.PropertyAssignment, this.bindings, this.lineOffset)
        return this.childContainer(container, (node as ts.PropertyAssignment).name)
    }
    return container
  }

  private childContainer(container: string | undefined, name: ts.PropertyName): string | undefined {
    const n = nameText(name)
    if (!n) return container
    return container ? `${container}.${n}` : n
  }

  private importDeclaration(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier)) return
    const typeOnly =
      node.importClause?.isTypeOnly === true ||
      (node.importClause !== undefined &&
        !node.importClause.name &&
        node.importClause.namedBindings !== undefined &&
        ts.isNamedImports(node.importClause.namedBindings) &&
        node.importClause.namedBindings.elements.length > 0 &&
        node.importClause.namedBindings.elements.every((e) => e.isTypeOnly))
    this.addImport(node.moduleSpecifier.text, node, 'import', typeOnly)
  }

  private addImport(specifier: string, node: ts.Node, how: 'import' | 'require' | 'dynamic-import', typeOnly: boolean): void {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return
    const at = this.pos(node)
    this.scan.facts.imports.push({ specifier, ...at, how, excerpt: this.scan.excerpt(at.line), typeOnly })
  }

  private callExpression(node: ts.CallExpression, container: string | undefined): string | undefined {
    const callee = node.expression
    const first = node.arguments[0]
    if (callee.kind === ts.SyntaxKind.ImportKeyword) {
      const s = staticString(first)
      if (s && !s.pattern) this.addImport(s.value, node, 'dynamic-import', false)
      return container
    }
    if (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments.length === 1) {
      const s = staticString(first)
      if (s && !s.pattern) this.addImport(s.value, node, 'require', false)
      return container
    }
    detectCookieCall(this.scan, this.sf, node, this.bindings, this.lineOffset)
    this.requestCall(node)
    this.formCall(node)
    return this.schemaCall(node, container)
  }

  /** `z.object({...})`, `new Schema({...})`, `pgTable('users', {...})`: object keys are data fields. */
  private schemaCall(node: ts.CallExpression, container: string | undefined): string | undefined {
    const callee = node.expression
    const calleeName = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : undefined
    if (!calleeName || !SCHEMA_BUILDERS.has(calleeName)) return container
    const root = rootIdentifier(callee)
    const binding = root ? this.bindings.imports.get(root) : undefined
    const fromSchemaModule = binding !== undefined && SCHEMA_MODULES.test(binding.module)
    const knownRoot = root !== undefined && /^(z|zod|yup|v|Joi|joi|t|Type|s|mongoose|sequelize|db)$/.test(root)
    if (!fromSchemaModule && !knownRoot) return container
    let tableName: string | undefined
    let objectArg: ts.ObjectLiteralExpression | undefined
    for (const arg of node.arguments) {
      if (!tableName && ts.isStringLiteralLike(arg)) tableName = arg.text
      if (!objectArg && ts.isObjectLiteralExpression(arg)) objectArg = arg
    }
    if (!objectArg) return container
    const schemaContainer = tableName ?? container ?? this.fileContainer
    const siblings = objectArg.properties.map((p) => nameText(p.name) ?? '').filter(Boolean)
    for (const prop of objectArg.properties) {
      const key = nameText(prop.name)
      if (!key) continue
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : undefined
      const info = value ? schemaValueInfo(value) : { type: 'unknown' as FieldType, signals: [] }
      const at = this.pos(prop.name ?? prop)
      for (const sig of info.signals)
        this.scan.signal(sig.category, at, 'schema', sig.rule, sig.reason, `${schemaContainer}.${key}`)
      this.scan.field(key, { container: schemaContainer, siblings, type: info.type }, at, 'schema', `${schemaContainer}.${key}`)
    }
    return schemaContainer
  }

  private propertySignature(node: ts.PropertySignature, container: string | undefined): void {
    const name = nameText(node.name)
    if (!name) return
    const parent = node.parent
    const siblings =
      ts.isInterfaceDeclaration(parent) || ts.isTypeLiteralNode(parent)
        ? parent.members.map((m) => nameText(m.name) ?? '').filter(Boolean)
        : []
    const type = node.type ? typeOfTypeNode(node.type) : 'unknown'
    const ctx: FieldContext = { container: container ?? this.fileContainer, siblings, type }
    this.scan.field(name, ctx, this.pos(node.name), 'field')
  }

  private propertyDeclaration(node: ts.PropertyDeclaration, container: string | undefined): void {
    const name = nameText(node.name)
    if (!name) return
    const cls = node.parent
    const siblings = ts.isClassLike(cls)
      ? cls.members.filter(ts.isPropertyDeclaration).map((m) => nameText(m.name) ?? '').filter(Boolean)
      : []
    let type: FieldType = node.type ? typeOfTypeNode(node.type) : 'unknown'
    if (type === 'unknown' && node.initializer) {
      const k = node.initializer.kind
      if (k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword) type = 'boolean'
      else if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) type = 'function'
      else if (ts.isNumericLiteral(node.initializer)) type = 'number'
    }
    const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []
    let how: 'field' | 'schema' = 'field'
    const at = this.pos(node.name)
    const symbol = `${container ?? this.fileContainer}.${name}`
    for (const d of decorators) {
      const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression
      const dn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : ''
      if (/^(Column|PrimaryColumn|Prop|Field|Property|ManyToOne|Attribute)$/.test(dn)) how = 'schema'
      const signal = DECORATOR_SIGNALS[dn]
      if (signal) this.scan.signal(signal, at, 'schema', `signal.decorator.${dn}`, `@${dn}() validator`, symbol)
    }
    this.scan.field(name, { container: container ?? this.fileContainer, siblings, type }, at, how, symbol)
  }

  private destructuring(vd: ts.VariableDeclaration): void {
    if (!ts.isObjectBindingPattern(vd.name) || !vd.initializer) return
    const source = dottedName(vd.initializer)
    if (!source || !isRequestPayload(source)) return
    const siblings = vd.name.elements.map((e) => nameText(e.propertyName ?? e.name) ?? '').filter(Boolean)
    for (const el of vd.name.elements) {
      const key = nameText(el.propertyName ?? el.name)
      if (!key) continue
      this.scan.field(key, { container: 'request', siblings }, this.pos(el), 'request', `${source}.${key}`)
    }
  }

  private propertyAccess(node: ts.PropertyAccessExpression, container: string | undefined): void {
    // Only the outermost access of a chain is judged, so `req.socket.remoteAddress` is seen once.
    if (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) return
    const dotted = dottedName(node)
    if (!dotted) return
    const signal = requestReadSignal(dotted)
    if (signal) {
      this.scan.signal(signal.category, this.pos(node), 'request', signal.rule, signal.reason, dotted)
      return
    }
    // `req.body.email`
    const lastDot = dotted.lastIndexOf('.')
    const owner = dotted.slice(0, lastDot)
    if (lastDot > 0 && isRequestPayload(owner)) {
      this.scan.field(node.name.text, { container: container ?? 'request' }, this.pos(node), 'request', dotted)
    }
  }

  private elementAccess(node: ts.ElementAccessExpression): void {
    const arg = node.argumentExpression
    if (!ts.isStringLiteralLike(arg)) return
    const owner = dottedName(node.expression)
    if (!owner) return
    if (/(^|\.)headers$/.test(owner)) {
      const header = HEADER_SIGNALS[arg.text.toLowerCase()]
      if (header) this.scan.signal(header.category, this.pos(node), 'request', header.rule, `reads the ${arg.text} header`, `${owner}['${arg.text}']`)
      return
    }
    if (isRequestPayload(owner)) this.scan.field(arg.text, { container: 'request' }, this.pos(node), 'request', `${owner}.${arg.text}`)
  }

  /** `headers().get('x-forwarded-for')`, `req.get('user-agent')`, `req.header('x-real-ip')`. */
  private requestCall(node: ts.CallExpression): void {
    const callee = node.expression
    if (!ts.isPropertyAccessExpression(callee)) {
      if (ts.isIdentifier(callee) && /^(getClientAddress|ipAddress)$/.test(callee.text) && node.arguments.length <= 1)
        this.scan.signal('user.device.ip_address', this.pos(node), 'request', 'signal.request.ip', `${callee.text}() returns the client IP`, `${callee.text}()`)
      return
    }
    const method = callee.name.text
    const first = node.arguments[0]
    if ((method === 'get' || method === 'header') && first && ts.isStringLiteralLike(first)) {
      const header = HEADER_SIGNALS[first.text.toLowerCase()]
      if (header) {
        const owner = dottedName(callee.expression) ?? 'headers'
        this.scan.signal(header.category, this.pos(node), 'request', header.rule, `reads the ${first.text} header`, `${owner}.${method}('${first.text}')`)
      }
    }
    if (method === 'getCurrentPosition' || method === 'watchPosition') {
      const owner = dottedName(callee.expression)
      if (owner?.endsWith('geolocation'))
        this.scan.signal('user.location.precise', this.pos(node), 'request', 'signal.browser.geolocation', 'reads the device position (navigator.geolocation)', `${owner}.${method}`)
    }
  }

  /** react-hook-form `register('email')` and `formData.get('email')`. */
  private formCall(node: ts.CallExpression): void {
    const callee = node.expression
    const first = node.arguments[0]
    if (!first || !ts.isStringLiteralLike(first)) return
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : ''
    const owner = ts.isPropertyAccessExpression(callee) ? (dottedName(callee.expression) ?? '') : ''
    const isRegister = name === 'register' && (ts.isIdentifier(callee) || /form/i.test(owner))
    const isFormData = name === 'get' && /(^|\.)(formData|form|data|fd|searchParams|query)(\(\))?$/i.test(owner)
    if (!isRegister && !isFormData) return
    const fn = this.enclosingFunctionName(node)
    this.scan.field(first.text, { container: fn ?? this.fileContainer }, this.pos(node), 'form-input', `${owner ? owner + '.' : ''}${name}('${first.text}')`)
  }

  private enclosingFunctionName(node: ts.Node): string | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isClassDeclaration(n)) && n.name)
        return nameText(n.name)
      if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name))
        return n.parent.name.text
    }
    return undefined
  }

  private jsxElement(node: ts.JsxOpeningLikeElement, container: string | undefined): void {
    const tag = node.tagName.getText(this.sf)
    const attrs = new Map<string, ts.JsxAttribute>()
    for (const prop of node.attributes.properties) {
      if (ts.isJsxAttribute(prop)) attrs.set(prop.name.getText(this.sf).toLowerCase(), prop)
    }
    const attrValue = (name: string): string | undefined => {
      const attr = attrs.get(name)
      const init = attr?.initializer
      if (!init) return undefined
      if (ts.isStringLiteral(init)) return init.text
      if (ts.isJsxExpression(init) && init.expression) return staticString(init.expression)?.value
      return undefined
    }
    if (tag === 'script' || tag === 'Script') {
      const src = attrValue('src')
      if (src) detectScriptElement(this.scan, src, this.pos(node), tag)
      return
    }
    if (!/^(input|select|textarea|Input|TextField|TextInput|Field|FormField|Select|Textarea|PasswordInput|PhoneInput|DatePicker)$/.test(tag)) return
    const fn = this.enclosingFunctionName(node) ?? container ?? this.fileContainer
    const at = this.pos(node)
    const name = attrValue('name')
    const type = attrValue('type')?.toLowerCase()
    const autocomplete = attrValue('autocomplete')?.toLowerCase()
    const symbol = `<${tag}${name ? ` name="${name}"` : ''}>`
    let signalled = false
    if (autocomplete && autocomplete !== 'off' && autocomplete !== 'on') {
      const token = autocomplete.split(/\s+/).pop()!
      const category = this.autocompleteCategory(token)
      if (category) {
        this.scan.signal(category, at, 'form-input', 'signal.html.autocomplete', `autocomplete="${autocomplete}"`, symbol)
        signalled = true
      }
    }
    const typeCategory = type ? INPUT_TYPE_SIGNALS[type] : undefined
    if (typeCategory && !signalled) {
      this.scan.signal(typeCategory, at, 'form-input', 'signal.html.input-type', `<input type="${type}">`, symbol)
      signalled = true
    }
    if (name && !signalled) this.scan.field(name, { container: fn, type: type === 'checkbox' ? 'boolean' : 'string' }, at, 'form-input', symbol)
  }

  private autocompleteCategory(token: string): string | undefined {
    for (const c of this.scan.rules.categories.values()) if (c.html_autocomplete?.includes(token)) return c.key
    return undefined
  }

  private stringLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): void {
    // Import specifiers and JSX attribute strings are handled by their own detectors.
    const parent = node.parent
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return
    if (ts.isLiteralTypeNode(parent)) return
    if (ts.isJsxAttribute(parent) && /^(script|Script)$/.test(parent.parent.parent.tagName.getText(this.sf))) return
    if (node.text.length < 4 || node.text.indexOf('.') < 0) return
    detectHostsInString(this.scan, node.text, this.pos(node))
  }

  private templateExpression(node: ts.TemplateExpression): void {
    const head = node.head.text
    if (head.indexOf('.') >= 0) detectHostsInString(this.scan, head, this.pos(node))
  }
}

function rootIdentifier(node: ts.Expression): string | undefined {
  let n: ts.Expression = node
  while (true) {
    if (ts.isIdentifier(n)) return n.text
    if (ts.isPropertyAccessExpression(n)) n = n.expression
    else if (ts.isCallExpression(n)) n = n.expression
    else if (ts.isNewExpression(n)) n = n.expression
    else return undefined
  }
}

/** True for expressions that hold a request's user-supplied payload. */
function isRequestPayload(dotted: string): boolean {
  return /^(req|request|ctx\.request|event|c\.req)\.(body|query)$/.test(dotted) ||
    /^(req|request|c\.req)\.(json|formData)\(\)$/.test(dotted) ||
    /^(await )?(req|request)\.json\(\)$/.test(dotted)
}

/** Name-independent signals from a schema value's call chain (`z.string().email()`). */
function schemaValueInfo(value: ts.Expression): { type: FieldType; signals: { category: string; rule: string; reason: string }[] } {
  const names: string[] = []
  let n: ts.Node = value
  const visit = (e: ts.Node): void => {
    if (ts.isIdentifier(e)) names.push(e.text)
    else if (ts.isPropertyAccessExpression(e)) {
      names.push(e.name.text)
      visit(e.expression)
    } else if (ts.isCallExpression(e)) {
      visit(e.expression)
      // valibot pipes: v.pipe(v.string(), v.email())
      for (const a of e.arguments) if (ts.isCallExpression(a) || ts.isPropertyAccessExpression(a) || ts.isIdentifier(a)) visit(a)
    } else if (ts.isObjectLiteralExpression(e)) {
      // mongoose `{ type: String, required: true }`
      for (const p of e.properties) if (ts.isPropertyAssignment(p) && nameText(p.name) === 'type') visit(p.initializer)
    } else if (ts.isArrayLiteralExpression(e)) names.push('array')
  }
  visit(n)
  n = value
  const lower = names.map((x) => x.toLowerCase())
  let type: FieldType = 'unknown'
  if (lower.some((x) => x === 'boolean' || x === 'bool')) type = 'boolean'
  else if (lower.some((x) => ['date', 'timestamp', 'datetime', 'timestamptz'].includes(x))) type = 'date'
  else if (lower.some((x) => ['array', 'arrayof'].includes(x))) type = 'array'
  else if (lower.some((x) => ['number', 'integer', 'int', 'bigint', 'float', 'double', 'decimal', 'real', 'serial', 'numeric', 'smallint'].includes(x))) type = 'number'
  else if (lower.some((x) => ['string', 'text', 'varchar', 'char', 'email', 'uuid', 'citext', 'enum'].includes(x))) type = 'string'
  else if (lower.some((x) => x === 'object' || x === 'json' || x === 'jsonb')) type = 'object'
  const signals: { category: string; rule: string; reason: string }[] = []
  if (lower.includes('email') && type === 'string') signals.push({ category: 'user.contact.email', rule: 'signal.schema.email', reason: 'validated as an email address' })
  if (lower.some((x) => x === 'ip' || x === 'ipv4' || x === 'ipv6')) signals.push({ category: 'user.device.ip_address', rule: 'signal.schema.ip', reason: 'validated as an IP address' })
  if (lower.includes('e164') || lower.includes('phonenumber') || lower.includes('mobilephone')) signals.push({ category: 'user.contact.phone_number', rule: 'signal.schema.phone', reason: 'validated as a phone number' })
  if (lower.includes('creditcard')) signals.push({ category: 'user.financial.credit_card', rule: 'signal.schema.credit-card', reason: 'validated as a card number' })
  if (lower.includes('iban')) signals.push({ category: 'user.financial.bank_account', rule: 'signal.schema.iban', reason: 'validated as an IBAN' })
  return { type, signals }
}

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

const INPUT_TYPE_SIGNALS: Record<string, string> = {
  email: 'user.contact.email',
  tel: 'user.contact.phone_number',
  password: 'user.authorization.password',
}

const HEADER_SIGNALS: Record<string, { category: string; rule: string }> = {
  'x-forwarded-for': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'x-real-ip': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'cf-connecting-ip': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'true-client-ip': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'x-client-ip': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'fastly-client-ip': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'x-vercel-forwarded-for': { category: 'user.device.ip_address', rule: 'signal.request.ip-header' },
  'user-agent': { category: 'user.device.user_agent', rule: 'signal.request.user-agent' },
  'x-vercel-ip-city': { category: 'user.location.imprecise', rule: 'signal.request.geo-header' },
  'x-vercel-ip-country': { category: 'user.location.imprecise', rule: 'signal.request.geo-header' },
  'cf-ipcountry': { category: 'user.location.imprecise', rule: 'signal.request.geo-header' },
}

/** `req.ip`, `req.socket.remoteAddress`, `navigator.userAgent` … */
function requestReadSignal(dotted: string): { category: string; rule: string; reason: string } | undefined {
  if (/^(req|request|ctx|ctx\.request|c\.req|event|context\.req)\.(ip|ips)$/.test(dotted))
    return { category: 'user.device.ip_address', rule: 'signal.request.ip', reason: `${dotted} is the client IP address` }
  if (/\.(socket|connection)\.remoteAddress$/.test(dotted) && /^(req|request|ctx\.req|ctx\.request|c\.req)\./.test(dotted))
    return { category: 'user.device.ip_address', rule: 'signal.request.ip', reason: `${dotted} is the client IP address` }
  if (/^(event|request)\.clientAddress$/.test(dotted))
    return { category: 'user.device.ip_address', rule: 'signal.request.ip', reason: `${dotted} is the client IP address` }
  if (/^(req|request)\.geo(\.|$)/.test(dotted))
    return { category: 'user.location.imprecise', rule: 'signal.request.geo', reason: `${dotted} is the visitor's location` }
  return undefined
}
