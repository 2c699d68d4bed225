import { ts } from 'ts-morph'
import type { FileScan } from '../file-scan.js'
import type { FunctionScope } from './scope.js'
import { registrySpecifier } from '../../util/specifier.js'
import { dottedName, nameText, staticString, unwrap, type StringLookup } from './ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  canHaveModifiers: ts.canHaveModifiers,
  getModifiers: ts.getModifiers,
  isBinaryExpression: ts.isBinaryExpression,
  isCallExpression: ts.isCallExpression,
  isConditionalExpression: ts.isConditionalExpression,
  isEnumDeclaration: ts.isEnumDeclaration,
  isExportDeclaration: ts.isExportDeclaration,
  isExpressionStatement: ts.isExpressionStatement,
  isExternalModuleReference: ts.isExternalModuleReference,
  isFunctionDeclaration: ts.isFunctionDeclaration,
  isIdentifier: ts.isIdentifier,
  isImportDeclaration: ts.isImportDeclaration,
  isImportEqualsDeclaration: ts.isImportEqualsDeclaration,
  isNamedExports: ts.isNamedExports,
  isNamedImports: ts.isNamedImports,
  isNamespaceImport: ts.isNamespaceImport,
  isObjectBindingPattern: ts.isObjectBindingPattern,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isShorthandPropertyAssignment: ts.isShorthandPropertyAssignment,
  isStringLiteral: ts.isStringLiteral,
  isStringLiteralLike: ts.isStringLiteralLike,
  isVariableStatement: ts.isVariableStatement,
}

/** An imported name: the module specifier and the name it has there (`default`, `*` or a named export). */
export interface ImportBinding {
  module: string
  imported: string
}

/** Module-level names of a file that detectors resolve through, collected from its top-level statements. */
export interface SourceBindings {
  /** Local import name → where it comes from (`import`, `import x = require()`, top-level `require`). */
  imports: Map<string, ImportBinding>
  /** Constant strings and objects of strings (`NAME` and `NAME.prop`), templates resolved where possible. */
  constants: Map<string, { value: string; pattern: boolean }>
  /**
   * The file's top-level function declarations by name, the first of each (a local `setCookie` helper is not
   * react-cookie's; a factory's body says what it returns).
   */
  functions: Map<string, ts.FunctionDeclaration>
  /** Resolves a name to its string through the constants above. */
  lookup: StringLookup
}

const isExported = (node: ts.Node): boolean =>
  (tsf.canHaveModifiers(node) ? tsf.getModifiers(node) : undefined)?.some(
    (m) => m.kind === SK.ExportKeyword,
  ) ?? false

/** The default of an environment read with a fallback (`process.env.X || 'lit'`, `import.meta.env.X ?? 'lit'`). */
function environmentDefault(node: ts.Expression): ts.Expression | undefined {
  if (!tsf.isBinaryExpression(node)) return undefined
  const op = node.operatorToken.kind
  if (op !== SK.BarBarToken && op !== SK.QuestionQuestionToken) return undefined
  const read = dottedName(unwrap(node.left) ?? node.left)
  return read && /^(process\.env|import\.meta\.env)\.[A-Za-z_]\w*$/.test(read) ? node.right : undefined
}

/**
 * Top-level imports and constants, in source order (a constant may use the ones above it); records exported
 * constant strings in the file's facts and declares every top-level variable in the file scope.
 */
export function collectBindings(sf: ts.SourceFile, scan: FileScan, fileScope: FunctionScope): SourceBindings {
  const imports = new Map<string, ImportBinding>()
  const constants = new Map<string, { value: string; pattern: boolean }>()
  const lookup: StringLookup = (node) => {
    const dotted = dottedName(node)
    return dotted === undefined ? undefined : constants.get(dotted)
  }
  const exported = scan.facts.exportedStrings
  const functions = new Map<string, ts.FunctionDeclaration>()
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
    // An exported setting read from the environment with a written default (`name: process.env.SESSION_NAME ||
    // 's.sid'`): other modules see the default, as the app runs unless deployed otherwise. Not a local constant:
    // code of this file keeps treating the value as known only at run time.
    const fallback = isExport ? environmentDefault(value) : undefined
    if (fallback) {
      const d = staticString(fallback, lookup)
      if (d && !d.pattern && d.value) exported[name] = d.value
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
    if (tsf.isFunctionDeclaration(stmt) && stmt.name && !functions.has(stmt.name.text))
      functions.set(stmt.name.text, stmt)
    if (tsf.isImportDeclaration(stmt) && tsf.isStringLiteral(stmt.moduleSpecifier)) {
      const module = registrySpecifier(stmt.moduleSpecifier.text)
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
        fileScope.declareVariable(decl, stmt.declarationList)
        const init = unwrap(decl.initializer)
        const loaded = requiredWhen(init)
        // `require('axios').default` / `require('x').Client`: the module's export of that name, as `import`.
        const member = loaded && tsf.isPropertyAccessExpression(loaded) ? loaded : undefined
        const call = unwrap(member ? member.expression : loaded)
        const required =
          call &&
          tsf.isCallExpression(call) &&
          tsf.isIdentifier(call.expression) &&
          call.expression.text === 'require'
            ? call.arguments[0]
            : undefined
        if (required && tsf.isStringLiteralLike(required)) {
          if (tsf.isIdentifier(decl.name))
            imports.set(decl.name.text, { module: required.text, imported: member ? member.name.text : '*' })
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
        // `let config = require('./default'); merge(config, …); module.exports = config`: the settings module
        // hands on the other module's exports (their written defaults), as `export *` would.
        const whole = obj && tsf.isIdentifier(obj) ? imports.get(obj.text) : undefined
        if (whole?.imported === '*' && whole.module.startsWith('.'))
          (scan.facts.reexports ??= []).push({ from: whole.module })
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
  return { imports, constants, functions, lookup }
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

/** `null`, `undefined` or `void 0`: the value a platform-gated require falls back to. */
function isNothing(e: ts.Expression): boolean {
  const n = unwrap(e)!
  return (
    n.kind === SK.NullKeyword ||
    (tsf.isIdentifier(n) && n.text === 'undefined') ||
    n.kind === SK.VoidExpression
  )
}

/**
 * A module loaded only on some platforms (`const N = !Platform.isTV ? require('expo-notifications') : null`) is that
 * module wherever it is used: the branch that is not `null` stands for the whole initializer.
 */
function requiredWhen(init: ts.Expression | undefined): ts.Expression | undefined {
  if (!init || !tsf.isConditionalExpression(init)) return init
  if (isNothing(init.whenFalse)) return unwrap(init.whenTrue)
  if (isNothing(init.whenTrue)) return unwrap(init.whenFalse)
  return init
}
