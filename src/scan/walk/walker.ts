import { ts } from 'ts-morph'
import type { FileWalkContext } from './context.js'
import type { SourceDetector } from './detector.js'
import { FUNCTION_SCOPE_KINDS, FunctionScope, functionName } from './scope.js'
import { nameText } from './ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind
const forEachChild = ts.forEachChild

/** Deeper than this, the walk stops descending (and notes it) rather than risk the stack or the clock. */
export const MAX_DEPTH = 2_000

/** The detectors of one node kind, with the indexes of their per-file states. */
interface Handlers {
  detectors: SourceDetector<unknown>[]
  states: number[]
}

/**
 * A walker for a fixed table of detectors: the handlers of each node kind are looked up in an array built once,
 * so a node costs one array read plus its own detectors. One iterative depth-first walk in source order; the
 * context's ancestor path, container and function scope move as the walk enters and leaves nodes.
 */
export function createWalker(detectors: readonly SourceDetector<unknown>[]): (ctx: FileWalkContext) => void {
  const visitors = handlersByKind(detectors, 'visit')
  const leavers = handlersByKind(detectors, 'leave')
  const opensScope: boolean[] = []
  for (const k of FUNCTION_SCOPE_KINDS) opensScope[k] = true
  // The kinds enterScope acts on, so that every other node skips the call.
  const scoped = opensScope.slice()
  scoped[SK.Parameter] = scoped[SK.VariableDeclaration] = true

  // The walk's stacks, kept from file to file (a walk never runs inside another): their elements keep one shape.
  const path: ts.Node[] = []
  // containers[d] is the container of the nodes at depth d (the children of path[d - 1]).
  const containers: (string | undefined)[] = []
  // Two parallel stacks instead of a frame object per node: the walk touches every node of every file.
  const nodes: ts.Node[] = []
  const depths: number[] = []
  const push = (child: ts.Node): void => {
    nodes.push(child)
  }

  return function walk(ctx: FileWalkContext): void {
    // In table order, so that a detector's start may take the state of one listed before it.
    const states: unknown[] = []
    for (const d of detectors) {
      const state = d.start?.(ctx)
      states.push(state)
      ctx.states.set(d, state)
    }
    // A walk that threw (a file too deep for the parser's own recursion, say) may have left the stacks dirty.
    path.length = containers.length = nodes.length = depths.length = 0
    ctx.path = path
    containers.push(undefined)
    nodes.push(ctx.sf)
    depths.push(0)
    let truncated = false
    for (;;) {
      const node = nodes.pop()
      const depth = node === undefined ? 0 : depths.pop()!
      // Leave the nodes whose subtrees are done: the ones on the path at this depth and below.
      while (path.length > depth) {
        const done = path.pop()!
        containers.pop()
        const leaving = leavers[done.kind]
        if (leaving) {
          ctx.container = containers[path.length]
          const { detectors: ds, states: at } = leaving
          for (let i = 0; i < ds.length; i++) ds[i]!.leave!(done, ctx, states[at[i]!])
        }
        if (ctx.scope.node === done && ctx.scope.outer) ctx.scope = ctx.scope.outer
      }
      if (node === undefined) break
      const kind = node.kind
      const container = containers[depth]
      let children = childContainer(node, kind, container)
      if (depth > 0 && scoped[kind] === true) enterScope(ctx, node, kind, opensScope[kind] === true)
      const visiting = visitors[kind]
      if (visiting) {
        ctx.container = container
        ctx.childContainer = children
        const { detectors: ds, states: at } = visiting
        for (let i = 0; i < ds.length; i++) ds[i]!.visit!(node, ctx, states[at[i]!])
        children = ctx.childContainer
      }
      path.push(node)
      containers.push(children)
      if (depth >= MAX_DEPTH) {
        truncated = true
        continue
      }
      const first = nodes.length
      forEachChild(node, push)
      // Children were pushed in source order; reverse them so that the first child is visited first.
      for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
        const t = nodes[i]!
        nodes[i] = nodes[j]!
        nodes[j] = t
      }
      for (let i = first; i < nodes.length; i++) depths.push(depth + 1)
    }
    containers.length = 0
    detectors.forEach((d, i) => d.finish?.(ctx, states[i]))
    if (truncated) ctx.scan.note('info', `nesting deeper than ${MAX_DEPTH} levels was not walked`)
  }
}

function handlersByKind(
  detectors: readonly SourceDetector<unknown>[],
  hook: 'visit' | 'leave',
): (Handlers | undefined)[] {
  const table: (Handlers | undefined)[] = []
  detectors.forEach((d, state) => {
    if (!d[hook]) return
    for (const kind of d.kinds) {
      const h = (table[kind] ??= { detectors: [], states: [] })
      h.detectors.push(d)
      h.states.push(state)
    }
  })
  return table
}

/** Opens a function scope and declares the names that parameters and variable declarations bind. */
function enterScope(ctx: FileWalkContext, node: ts.Node, kind: ts.SyntaxKind, opens: boolean): void {
  const parent = ctx.path[ctx.path.length - 1]
  if (opens) ctx.scope = new FunctionScope(node, ctx.scope, functionName(node, parent))
  else if (kind === SK.Parameter) {
    const fn = ctx.scope.node as ts.SignatureDeclaration
    // Parameters of a function type (`cb: (x: T) => void`) are not the scope's.
    if (fn === parent) ctx.scope.declareParameter(node as ts.ParameterDeclaration)
  } else if (kind === SK.VariableDeclaration && parent?.kind === SK.VariableDeclarationList) {
    const holder = ctx.path[ctx.path.length - 2]!
    // Top-level variable statements are in the file scope from the start (collectBindings).
    if (ctx.path.length === 3 && holder.kind === SK.VariableStatement) return
    const loop = holder.kind === SK.ForOfStatement || holder.kind === SK.ForInStatement
    ctx.scope.declareVariable(
      node as ts.VariableDeclaration,
      parent as ts.VariableDeclarationList,
      loop ? (holder as ts.ForOfStatement | ts.ForInStatement) : undefined,
    )
  }
}

/** The container a node gives its children: the name of the declaration, property or parameter it is. */
function childContainer(
  node: ts.Node,
  kind: ts.SyntaxKind,
  container: string | undefined,
): string | undefined {
  switch (kind) {
    case SK.InterfaceDeclaration:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
    case SK.TypeAliasDeclaration:
      return (node as ts.InterfaceDeclaration | ts.ClassLikeDeclaration).name?.text ?? container
    case SK.FunctionDeclaration:
    case SK.MethodDeclaration:
      return nameText((node as ts.FunctionDeclaration | ts.MethodDeclaration).name) ?? container
    case SK.VariableDeclaration: {
      const name = (node as ts.VariableDeclaration).name
      return name.kind === SK.Identifier ? name.text : container
    }
    case SK.PropertySignature:
    case SK.PropertyAssignment: {
      const n = nameText((node as ts.PropertySignature | ts.PropertyAssignment).name)
      if (!n) return container
      return container ? `${container}.${n}` : n
    }
    case SK.Parameter: {
      const p = node as ts.ParameterDeclaration
      return p.name.kind === SK.Identifier && p.type?.kind === SK.TypeLiteral ? p.name.text : container
    }
  }
  return container
}
