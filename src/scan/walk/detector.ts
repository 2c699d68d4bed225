import type { ts } from 'ts-morph'
import type { WalkContext } from './context.js'

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
