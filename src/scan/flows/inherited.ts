import { ts } from 'ts-morph'
import type { WalkContext } from '../walk/detector.js'
import { nameText, unwrap } from '../walk/ts-helpers.js'
import type { SubclassFact } from './facts.js'
import { topLevelClassName } from './values.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** How far a receiver expression is followed through locals and call arguments. */
const MAX_DEPTH = 4

/**
 * The method of the calling class that a sink's receiver expression comes from and that the class leaves to its
 * subclasses: `model` in `streamText({ model })` built as `createRetryable({ model: this.getChatModel(o) })`, with
 * `getChatModel` abstract (or not declared) in the class. Also the class's name. Undefined otherwise.
 */
export function deferredMethod(
  expr: ts.Expression | undefined,
  ctx: WalkContext,
): { cls: string; method: string } | undefined {
  // A top-level class declaration (the walk's path holds the ancestors; nodes carry no parent pointers).
  const cls = ctx.enclosingClass()
  if (cls?.kind !== SK.ClassDeclaration || ctx.path[1] !== cls) return undefined
  const name = topLevelClassName(cls as ts.ClassDeclaration)
  const method = name && selfCallIn(expr, ctx, 0)
  if (!method) return undefined
  const implemented = cls.members.some(
    (m) => m.kind === SK.MethodDeclaration && nameText(m.name) === method && (m as ts.MethodDeclaration).body,
  )
  return implemented ? undefined : { cls: name, method }
}

/** The name of a `this.<method>(…)` call an expression is built from, through locals and call arguments. */
function selfCallIn(expr: ts.Expression | undefined, ctx: WalkContext, depth: number): string | undefined {
  const e = unwrap(expr)
  if (!e || depth > MAX_DEPTH) return undefined
  if (e.kind === SK.AwaitExpression) return selfCallIn((e as ts.AwaitExpression).expression, ctx, depth)
  if (e.kind === SK.Identifier) {
    const local = ctx.scope.lookup((e as ts.Identifier).text)
    return local && local.kind !== 'parameter' && local.path.length === 0
      ? selfCallIn(local.initializer, ctx, depth + 1)
      : undefined
  }
  if (e.kind === SK.ObjectLiteralExpression) {
    for (const p of (e as ts.ObjectLiteralExpression).properties) {
      const value =
        p.kind === SK.PropertyAssignment
          ? p.initializer
          : p.kind === SK.ShorthandPropertyAssignment
            ? p.name
            : undefined
      const found = selfCallIn(value, ctx, depth + 1)
      if (found) return found
    }
    return undefined
  }
  if (e.kind !== SK.CallExpression) return undefined
  const call = e as ts.CallExpression
  const callee = call.expression
  if (
    callee.kind === SK.PropertyAccessExpression &&
    (callee as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword
  )
    return nameText((callee as ts.PropertyAccessExpression).name)
  for (const a of call.arguments) {
    const found = selfCallIn(a, ctx, depth + 1)
    if (found) return found
  }
  return undefined
}

/**
 * Top-level classes that extend a class imported from the repository, each with the vendor every method of theirs
 * uses — the one vendor whose package its body (or a method of the same class it calls, `this.getProvider()`)
 * imports from; a method using none or several names none.
 */
export function subclassFacts(
  ctx: WalkContext,
  isRepositoryModule: (module: string) => boolean,
): SubclassFact[] | undefined {
  let out: SubclassFact[] | undefined
  for (const stmt of ctx.sf.statements) {
    if (stmt.kind !== SK.ClassDeclaration) continue
    const cls = stmt as ts.ClassDeclaration
    const base = cls.heritageClauses?.find((h) => h.token === SK.ExtendsKeyword)?.types[0]?.expression
    const binding = base?.kind === SK.Identifier && ctx.bindings.imports.get((base as ts.Identifier).text)
    const name = topLevelClassName(cls)
    if (!binding || !name || !isRepositoryModule(binding.module)) continue
    const methods = new Map<string, ts.Block>()
    for (const m of cls.members) {
      const key = m.kind === SK.MethodDeclaration ? nameText(m.name) : undefined
      if (key && (m as ts.MethodDeclaration).body) methods.set(key, (m as ts.MethodDeclaration).body!)
    }
    const vendors: Record<string, string> = {}
    for (const [method, body] of methods) {
      const found = new Set<string>()
      vendorsUsed(body, methods, ctx, found, new Set([method]))
      if (found.size === 1) vendors[method] = [...found][0]!
    }
    if (Object.keys(vendors).length > 0)
      (out ??= []).push({ cls: name, from: binding.module, imported: binding.imported, vendors })
  }
  return out
}

/** Collects the vendors of the packages a body's names are imported from, through `this.<method>()` of the class. */
function vendorsUsed(
  node: ts.Node,
  methods: ReadonlyMap<string, ts.Block>,
  ctx: WalkContext,
  found: Set<string>,
  seen: Set<string>,
): void {
  if (node.kind === SK.Identifier) {
    const binding = ctx.bindings.imports.get((node as ts.Identifier).text)
    const vendor = binding && ctx.scan.rules.vendorForImport(binding.module)?.id
    if (vendor) found.add(vendor)
    return
  }
  if (
    node.kind === SK.PropertyAccessExpression &&
    (node as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword
  ) {
    const method = nameText((node as ts.PropertyAccessExpression).name)
    const body = method !== undefined && !seen.has(method) ? methods.get(method) : undefined
    if (body) {
      seen.add(method!)
      vendorsUsed(body, methods, ctx, found, seen)
    }
    return
  }
  ts.forEachChild(node, (child) => vendorsUsed(child, methods, ctx, found, seen))
}
