import type { ts } from 'ts-morph'
import type { FileScan, Position } from '../file-scan.js'
import type { SourceBindings } from './bindings.js'
import type { FunctionScope } from './scope.js'

/**
 * A detector run on the syntax tree of a TS/JS file: one concern (cookies set by a response API, fields of a
 * validation schema …) in one module, registered in `detectors/source/index.ts`. The walker calls `visit` for the
 * node kinds the detector lists, in source order, and never for others; a detector that keeps facts across nodes
 * (variables it has seen, say) creates them per file in `start`. Methods, not function properties, so that a table
 * of detectors with different states type-checks.
 */
export interface SourceDetector<S = undefined> {
  /** The module's name, for docs and notes. */
  readonly name: string
  /** The node kinds `visit` and `leave` are called for. */
  readonly kinds: readonly ts.SyntaxKind[]
  /** Creates the detector's state for one file, before the walk (the bindings are known by then). */
  start?(ctx: WalkContext): S
  /** On entering a node of `kinds`, before its children: `ctx.path` holds its ancestors. */
  visit?(node: ts.Node, ctx: WalkContext, state: S): void
  /** After the children of a node of `kinds`, with the same `ctx.path`, container and scope as its visit. */
  leave?(node: ts.Node, ctx: WalkContext, state: S): void
  /** After the whole file: for findings that need everything the file declares. */
  finish?(ctx: WalkContext, state: S): void
}

/** Where a name comes from: an imported module, and the members read off the import (`Sentry.setUser` → `setUser`). */
export interface ImportedName {
  module: string
  /** The name in the module: `default`, `*` or a named export. */
  imported: string
  /** Property names read from the import, calls and `new` looked through: `new Stripe(k).customers.create` → `customers`, `create`. */
  members: readonly string[]
}

/**
 * What a detector sees of the walk besides the node: the file, its module-level names, the ancestors of the node,
 * the container and function scope it is in, and positions. Everything is computed during the one walk (the tree has
 * no parent pointers); accessors that search (`enclosingFunctionName`, `importOf`) are meant for nodes a detector has
 * already matched, not for every node.
 */
export interface WalkContext {
  readonly scan: FileScan
  readonly sf: ts.SourceFile
  /** Lines before the parsed text (a `<script>` block inside a template): added to every position. */
  readonly lineOffset: number
  /** Module-level imports, constants and function names. */
  readonly bindings: SourceBindings
  /** The file's base name without extension: the container of last resort. */
  readonly fileContainer: string
  /** The ancestors of the node being visited: the source file first, its parent last. Do not keep it. */
  readonly path: readonly ts.Node[]
  /** The parent of the node being visited (undefined for the source file). */
  readonly parent: ts.Node | undefined
  /**
   * The innermost named thing around the node (class, interface, function, variable, property path, schema
   * table) that a field belongs to, or undefined at the top of the file.
   */
  readonly container: string | undefined
  /** The innermost function around the node (the file scope outside functions), with its parameters and locals. */
  readonly scope: FunctionScope
  /** The scope of the whole file: every top-level declaration. */
  readonly fileScope: FunctionScope
  /** The ancestor `n` levels up: 0 is the parent, 1 the grandparent. */
  ancestor(n: number): ts.Node | undefined
  /** The innermost class around the node being visited. */
  enclosingClass(): ts.ClassLikeDeclaration | undefined
  /** Names the container of the current node's children (a schema call names its fields' table). */
  nameChildren(container: string): void
  /** 1-based line and column of a node's start. */
  pos(node: ts.Node): Position
  /** The same, computed only when called: pass it to `FileScan` methods that may record nothing. */
  at(node: ts.Node): () => Position
  /** 1-based line and column of a character offset in the parsed text. */
  position(offset: number): Position
  /** The static string value of an expression, through the file's constants (`*` marks unknown parts). */
  string(node: ts.Node | undefined): { value: string; pattern: boolean } | undefined
  /** The innermost named function, method or class around the node (a component, for JSX). */
  enclosingFunctionName(): string | undefined
  /**
   * Queues JavaScript a string of this file holds (an inline `<script>` of an HTML template literal), to be scanned as
   * code of the file after this walk, its first line being line `line` of the file.
   */
  embedScript(code: string, line: number): void
  /**
   * The import an expression's root name comes from, directly or through `const` locals initialised from one
   * (`const client = new PostHog(key)`; `client.capture` → posthog-node, members `capture`).
   */
  importOf(expr: ts.Expression): ImportedName | undefined
  /** The per-file state of another detector (one that tracks facts others read). */
  stateOf<S>(detector: SourceDetector<S>): S
}
