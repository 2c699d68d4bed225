import { ts } from 'ts-morph'
import type { WalkContext } from './detector.js'
import { unwrap } from './ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** A JavaScript or TypeScript module's file name (a Svelte or Vue component's script is no module of exports). */
export const PLAIN_SOURCE = /\.[cm]?[jt]sx?$/

/**
 * Records the exported top-level functions, classes and values of a file whose walk found vendor evidence (from `first`, an
 * index into the file's findings), for the link step to tell whether anything runs them (`reachability.ts`). Files
 * without vendor evidence (almost all) cost one scan of their new findings; the others one look at their top-level
 * statements.
 */
export function recordExportedFunctions(ctx: WalkContext, first: number): void {
  // A component's script (`export let src` in Svelte) exports its props, which markup sets without importing them.
  if (!PLAIN_SOURCE.test(ctx.scan.path)) return
  const facts = ctx.scan.facts
  let vendors = false
  for (let i = first; i < facts.findings.length && !vendors; i++) {
    const kind = facts.findings[i]!.kind
    vendors = kind === 'analytics' || kind === 'processor'
  }
  if (!vendors) return
  let counts: Map<string, number> | undefined
  for (const statement of ctx.sf.statements) {
    if (
      statement.kind === SK.ExpressionStatement &&
      callsNow((statement as ts.ExpressionStatement).expression)
    )
      facts.callsOnLoad = true
    const exported = exportOf(statement)
    if (!exported) continue
    counts ??= nameCounts(ctx.sf.text)
    const from = ctx.pos(statement).line
    const to = ctx.position(statement.end).line
    for (const name of exported.names)
      (facts.exportedFunctions ??= []).push({
        name,
        from,
        to,
        ...(exported.isDefault ? { isDefault: true as const } : {}),
        ...(!exported.isDefault && (counts.get(name) ?? 0) > 1 ? { usedInFile: true as const } : {}),
        ...(exported.onLoad?.has(name) ? { runsOnLoad: true as const } : {}),
      })
  }
}

/**
 * The names a top-level statement exports a function, class or value under (`export const f = () => …`, `export
 * default Page`), and those of them whose value a call computes when the module loads.
 */
function exportOf(
  statement: ts.Statement,
): { names: string[]; isDefault: boolean; onLoad?: ReadonlySet<string> } | undefined {
  // `export default SignupPage` after the component's declaration: the module still has a default export.
  if (statement.kind === SK.ExportAssignment) return { names: ['default'], isDefault: true }
  const modifiers = (statement as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers
  if (!modifiers?.some((m) => m.kind === SK.ExportKeyword)) return undefined
  const isDefault = modifiers.some((m) => m.kind === SK.DefaultKeyword)
  if (statement.kind === SK.FunctionDeclaration || statement.kind === SK.ClassDeclaration) {
    const name = (statement as ts.FunctionDeclaration | ts.ClassDeclaration).name?.text
    return { names: [isDefault ? 'default' : (name ?? 'default')], isDefault }
  }
  if (statement.kind !== SK.VariableStatement) return undefined
  const names: string[] = []
  let onLoad: Set<string> | undefined
  for (const d of (statement as ts.VariableStatement).declarationList.declarations)
    if (d.name.kind === SK.Identifier) {
      names.push(d.name.text)
      if (runsOnLoad(d.initializer)) (onLoad ??= new Set()).add(d.name.text)
    }
  return names.length > 0 ? { names, isDefault: false, onLoad } : undefined
}

/** A top-level expression that calls something as the module loads (`main()`, `await init()`, `void run()`). */
function callsNow(expression: ts.Expression): boolean {
  let e = unwrap(expression)
  while (e?.kind === SK.AwaitExpression || e?.kind === SK.VoidExpression)
    e = unwrap((e as ts.AwaitExpression | ts.VoidExpression).expression)
  return e !== undefined && (e.kind === SK.CallExpression || e.kind === SK.NewExpression)
}

/**
 * A value computed by a call when the module loads (`export const provider = defineProvider({ … })`, `new Client()`)
 * runs whenever the module is imported, even only for its side effects: it is no helper waiting to be called (the
 * module itself may still be one nothing imports).
 */
function runsOnLoad(initializer: ts.Expression | undefined): boolean {
  let e = unwrap(initializer)
  if (e?.kind === SK.AwaitExpression) e = unwrap((e as ts.AwaitExpression).expression)
  return e !== undefined && (e.kind === SK.CallExpression || e.kind === SK.NewExpression)
}

/**
 * How often each identifier occurs in a text, property names after a dot left out: one pass, for a file whose walk
 * found vendor evidence and that exports something (a name counted twice is named besides its declaration).
 */
function nameCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const m of text.matchAll(IDENTIFIER)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1)
  return counts
}

const IDENTIFIER = /(?<![\w$.])[A-Za-z_$][\w$]*/g
