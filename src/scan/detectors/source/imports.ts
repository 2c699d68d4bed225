import { ts } from 'ts-morph'
import { isLocalSpecifier } from '../../file-scan.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { staticString } from '../../walk/ts-helpers.js'
import { ownRecord } from '../../../util/own.js'
import { registrySpecifier } from '../../../util/specifier.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  canHaveDecorators: ts.canHaveDecorators,
  getDecorators: ts.getDecorators,
  isExternalModuleReference: ts.isExternalModuleReference,
  isHeritageClause: ts.isHeritageClause,
  isIdentifier: ts.isIdentifier,
  isNamedExports: ts.isNamedExports,
  isNamedImports: ts.isNamedImports,
  isStringLiteral: ts.isStringLiteral,
  isTypeNode: ts.isTypeNode,
}

/**
 * The modules a file uses — `import`, `export … from`, `import x = require()`, `require()`, `import()` — as import
 * facts (packages, for vendor detection), local imports and re-exports (for the cross-file link step). Deno's
 * `npm:` / `jsr:` specifiers and package CDN URLs (`https://esm.sh/stripe@14`) count as the package they name.
 */
export const imports: SourceDetector = {
  name: 'imports',
  kinds: [SK.ImportDeclaration, SK.ExportDeclaration, SK.ImportEqualsDeclaration, SK.CallExpression],
  visit(node, ctx) {
    switch (node.kind) {
      case SK.ImportDeclaration:
        return importDeclaration(node as ts.ImportDeclaration, ctx)
      case SK.ExportDeclaration:
        return exportDeclaration(node as ts.ExportDeclaration, ctx)
      case SK.ImportEqualsDeclaration: {
        const ie = node as ts.ImportEqualsDeclaration
        if (
          tsf.isExternalModuleReference(ie.moduleReference) &&
          tsf.isStringLiteral(ie.moduleReference.expression)
        ) {
          addImport(ctx, ie.moduleReference.expression.text, ie, 'require', ie.isTypeOnly)
          if (!ie.isTypeOnly) useWhole(ctx, ie.moduleReference.expression.text)
        }
        return
      }
      case SK.CallExpression:
        return requireOrDynamicImport(node as ts.CallExpression, ctx)
    }
  },
}

function importDeclaration(node: ts.ImportDeclaration, ctx: WalkContext): void {
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
  if (names && names.length > 0) useNames(ctx, names)
  if (clause?.namedBindings && !named) useWhole(ctx, node.moduleSpecifier.text)
  addImport(
    ctx,
    node.moduleSpecifier.text,
    node,
    'import',
    typeOnly || onlyUsedAsTypes(node, ctx),
    names && names.length > 0 && !clause?.name ? names : undefined,
  )
}

function exportDeclaration(node: ts.ExportDeclaration, ctx: WalkContext): void {
  if (!node.moduleSpecifier || !tsf.isStringLiteral(node.moduleSpecifier)) return
  const from = node.moduleSpecifier.text
  const clause = node.exportClause
  const elements = clause && tsf.isNamedExports(clause) ? clause.elements : undefined
  const typeOnly =
    node.isTypeOnly || (elements !== undefined && elements.length > 0 && elements.every((e) => e.isTypeOnly))
  addImport(
    ctx,
    from,
    node,
    'import',
    typeOnly,
    elements?.map((e) => (e.propertyName ?? e.name).text),
  )
  if (typeOnly) return
  // Names re-exported by name are used only when some module imports them in turn (`importUsage` reads `reexports`).
  if (!elements && clause) useWhole(ctx, from)
  const reexports = (ctx.scan.facts.reexports ??= [])
  if (!clause) reexports.push({ from })
  else if (elements) {
    const names = ownRecord<string>()
    for (const e of elements) if (!e.isTypeOnly) names[e.name.text] = (e.propertyName ?? e.name).text
    reexports.push({ from, names })
  }
}

/**
 * Whether a vendor package's import binds only names the file uses as types (`import { Message } from
 * '@twilio/conversations'` then `m: Message`): TypeScript erases such an import, so the SDK never runs. Checked only
 * for packages a vendor rule knows, so other files are not walked twice, and only in plain source files: a Vue,
 * Svelte or Astro script's imports are used by the markup around it, which this walk does not see.
 */
function onlyUsedAsTypes(node: ts.ImportDeclaration, ctx: WalkContext): boolean {
  const clause = node.importClause
  const specifier = registrySpecifier((node.moduleSpecifier as ts.StringLiteral).text)
  if (!clause || isLocalSpecifier(specifier) || !PLAIN_SOURCE.test(ctx.scan.path)) return false
  if (!ctx.scan.rules.vendorForImport(specifier)) return false
  const bound: string[] = []
  if (clause.name) bound.push(clause.name.text)
  const bindings = clause.namedBindings
  if (bindings && tsf.isNamedImports(bindings)) {
    for (const e of bindings.elements) if (!e.isTypeOnly) bound.push(e.name.text)
  } else if (bindings) bound.push(bindings.name.text)
  if (bound.length === 0) return false
  const uses = namesUsed(ctx.sf)
  return bound.every((n) => uses.types.has(n) && !uses.values.has(n))
}

const PLAIN_SOURCE = /\.[cm]?[jt]sx?$/i

/**
 * The identifiers a source file uses as values and in type positions (outside imports), computed once per file. A
 * name never used at all is in neither: an import of nothing used is still read as use.
 */
const NAMES_USED = new WeakMap<ts.SourceFile, { values: Set<string>; types: Set<string> }>()

function namesUsed(sf: ts.SourceFile): { values: Set<string>; types: Set<string> } {
  const hit = NAMES_USED.get(sf)
  if (hit) return hit
  const uses = { values: new Set<string>(), types: new Set<string>() }
  // `runtime`: inside a type that decorator metadata keeps; `injected`: a parameter of a decorated class's constructor.
  const visit = (
    n: ts.Node,
    parent: ts.Node | undefined,
    inType: boolean,
    runtime: boolean,
    injected: boolean,
  ): void => {
    if (n.kind === SK.ImportDeclaration) return
    // A class's `extends X` is a value; every other type node (annotations, `implements`, generics) is erased.
    const typed =
      !runtime &&
      (inType ||
        n.kind === SK.InterfaceDeclaration ||
        n.kind === SK.TypeAliasDeclaration ||
        (tsf.isTypeNode(n) && !(n.kind === SK.ExpressionWithTypeArguments && isClassExtends(parent))))
    if (tsf.isIdentifier(n)) (typed ? uses.types : uses.values).add(n.text)
    // Decorator metadata (Angular, NestJS) keeps a decorated class's constructor parameter types and a decorated
    // member's type as values: dependency injection looks the SDK's class up by that type at run time.
    const injects = n.kind === SK.Constructor && parent !== undefined && hasDecorators(parent)
    const kept =
      (n.kind === SK.Parameter && (injected || hasDecorators(n))) ||
      (n.kind === SK.PropertyDeclaration && hasDecorators(n))
    const keptType = kept ? (n as ts.ParameterDeclaration | ts.PropertyDeclaration).type : undefined
    n.forEachChild((c) => visit(c, n, typed, runtime || c === keptType, injects && c.kind === SK.Parameter))
  }
  sf.forEachChild((c) => visit(c, sf, false, false, false))
  NAMES_USED.set(sf, uses)
  return uses
}

const hasDecorators = (n: ts.Node): boolean =>
  tsf.canHaveDecorators(n) && (tsf.getDecorators(n)?.length ?? 0) > 0

function isClassExtends(clause: ts.Node | undefined): boolean {
  return clause !== undefined && tsf.isHeritageClause(clause) && clause.token === SK.ExtendsKeyword
}

/** `require('x')` and `import('x')` with a static specifier. */
function requireOrDynamicImport(node: ts.CallExpression, ctx: WalkContext): void {
  const callee = node.expression
  if (callee.kind === SK.ImportKeyword) {
    const s = staticString(node.arguments[0])
    if (s && !s.pattern) {
      addImport(ctx, s.value, node, 'dynamic-import', false)
      useWhole(ctx, s.value)
    }
  } else if (tsf.isIdentifier(callee) && callee.text === 'require' && node.arguments.length === 1) {
    const s = staticString(node.arguments[0])
    if (s && !s.pattern) {
      addImport(ctx, s.value, node, 'require', false)
      useWhole(ctx, s.value)
    }
  }
}

/** Records names imported by name: exports of the repository's modules that something uses. */
function useNames(ctx: WalkContext, names: readonly string[]): void {
  const facts = ctx.scan.facts
  for (const n of names) (facts.importedNames ??= []).push(n)
}

/** Records a module imported whole (a namespace, `require`, `import()`): any of its exports may be used. */
function useWhole(ctx: WalkContext, specifier: string): void {
  if (!specifier.startsWith('node:')) (ctx.scan.facts.wholeImports ??= []).push(registrySpecifier(specifier))
}

function addImport(
  ctx: WalkContext,
  specifier: string,
  node: ts.Node,
  how: 'import' | 'require' | 'dynamic-import',
  typeOnly: boolean,
  names?: string[],
): void {
  const facts = ctx.scan.facts
  specifier = registrySpecifier(specifier)
  if (isLocalSpecifier(specifier)) {
    if (!typeOnly) (facts.localImports ??= []).push(specifier)
    return
  }
  if (specifier.startsWith('node:')) return
  const at = ctx.pos(node)
  facts.imports.push({
    specifier,
    ...at,
    how,
    excerpt: ctx.scan.excerpt(at.line),
    typeOnly,
    ...(names ? { names } : {}),
  })
}
