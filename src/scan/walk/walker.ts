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

type Hook = (node: ts.Node, ctx: FileWalkContext, state: unknown) => void
/** One detector's hook for a node kind, with the index of the detector's per-file state. */
interface Handler {
  hook: Hook
  state: number
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

  return function walk(ctx: FileWalkContext): void {
    const states = detectors.map((d) => d.start?.(ctx))
    detectors.forEach((d, i) => ctx.states.set(d, states[i]))
    const path = ctx.path
    // containers[i] is the container of path[i]'s children.
    const containers: (string | undefined)[] = []
    const leave = (): void => {
      const node = path.pop()!
      containers.pop()
      ctx.container = containers[containers.length - 1]
      const handlers = leavers[node.kind]
      if (handlers) for (const h of handlers) h.hook(node, ctx, states[h.state])
      if (ctx.scope.node === node && ctx.scope.outer) ctx.scope = ctx.scope.outer
    }
    // Two parallel stacks instead of a frame object per node: the walk touches every node of every file.
    const nodes: ts.Node[] = [ctx.sf]
    const depths: number[] = [0]
    const push = (child: ts.Node): void => {
      nodes.push(child)
    }
    let truncated = false
    while (nodes.length > 0) {
      const node = nodes.pop()!
      const depth = depths.pop()!
      while (path.length > depth) leave()
      const kind = node.kind
      const container = (ctx.container = containers[depth - 1])
      ctx.childContainer = childContainer(node, container)
      if (depth > 0) enterScope(ctx, node, opensScope[kind] === true)
      const handlers = visitors[kind]
      if (handlers) for (const h of handlers) h.hook(node, ctx, states[h.state])
      path.push(node)
      containers.push(ctx.childContainer)
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
    while (path.length > 0) leave()
    detectors.forEach((d, i) => d.finish?.(ctx, states[i]))
    if (truncated) ctx.scan.note('info', `nesting deeper than ${MAX_DEPTH} levels was not walked`)
  }
}

function handlersByKind(
  detectors: readonly SourceDetector<unknown>[],
  which: 'visit' | 'leave',
): (Handler[] | undefined)[] {
  const table: (Handler[] | undefined)[] = []
  detectors.forEach((d, state) => {
    const hook = d[which]
    if (!hook) return
    for (const kind of d.kinds) (table[kind] ??= []).push({ hook: hook.bind(d) as Hook, state })
  })
  return table
}

/** Opens a function scope and declares the names that parameters and variable declarations bind. */
function enterScope(ctx: FileWalkContext, node: ts.Node, opens: boolean): void {
  const parent = ctx.path[ctx.path.length - 1]
  if (opens) ctx.scope = new FunctionScope(node, ctx.scope, functionName(node, parent))
  else if (node.kind === SK.Parameter) {
    const fn = ctx.scope.node as ts.SignatureDeclaration
    // Parameters of a function type (`cb: (x: T) => void`) are not the scope's.
    if (fn === parent)
      ctx.scope.declareParameter(
        node as ts.ParameterDeclaration,
        fn.parameters.indexOf(node as ts.ParameterDeclaration),
      )
  } else if (node.kind === SK.VariableDeclaration && parent?.kind === SK.VariableDeclarationList) {
    const loop = ctx.path[ctx.path.length - 2]
    ctx.scope.declareVariable(
      node as ts.VariableDeclaration,
      parent as ts.VariableDeclarationList,
      loop && (loop.kind === SK.ForOfStatement || loop.kind === SK.ForInStatement)
        ? (loop as ts.ForOfStatement | ts.ForInStatement)
        : undefined,
    )
  }
}

/** The container a node gives its children: the name of the declaration, property or parameter it is. */
function childContainer(node: ts.Node, container: string | undefined): string | undefined {
  switch (node.kind) {
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
