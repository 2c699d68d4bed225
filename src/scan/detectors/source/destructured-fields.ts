import { ts } from 'ts-morph'
import type { ContainerKind } from '../../pii/classify.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'
import { readsRequest } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** A name a destructuring binds from a key of the value, with the object the key belongs to. */
export interface BoundField {
  key: string
  /** The destructured object's name: the source for the outer pattern, the parent key for nested ones. */
  container: string | undefined
  /** The other keys of the same pattern. */
  siblings: string[]
  node: ts.BindingElement
  /** The source path: `billing_details.phone`, `user.profile.name`. */
  symbol: string
}

/** The keys an object pattern reads, nested patterns included (`{ person: { display_name } }`). */
export function boundFields(
  pattern: ts.ObjectBindingPattern,
  container: string | undefined,
  source: string,
  depth = 0,
): BoundField[] {
  const out: BoundField[] = []
  const siblings = pattern.elements.map((e) => nameText(e.propertyName ?? e.name) ?? '').filter(Boolean)
  for (const el of pattern.elements) {
    if (el.dotDotDotToken) continue
    const key = nameText(el.propertyName ?? el.name)
    if (!key) continue
    if (el.name.kind === SK.ObjectBindingPattern) {
      if (depth < 4) out.push(...boundFields(el.name, key, `${source}.${key}`, depth + 1))
      continue
    }
    out.push({ key, container, siblings, node: el, symbol: `${source}.${key}` })
  }
  return out
}

/** The name a destructured value goes by: the last member of its source (`payment_method.billing_details`). */
function sourceName(dotted: string): string {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1)
  return last.replace(/\(\)$/, '')
}

/**
 * Fields read by destructuring a value that is not a request (`const { name, phone, address } =
 * payment_method.billing_details`): the value is an object named by its source, its keys are siblings. Requests,
 * their payloads and cookies are read by their own detectors.
 */
export const destructuredFields: SourceDetector = {
  name: 'destructured-fields',
  kinds: [SK.VariableDeclaration],
  visit(node, ctx) {
    const vd = node as ts.VariableDeclaration
    if (vd.name.kind !== SK.ObjectBindingPattern || !vd.initializer) return
    const init = unwrap(vd.initializer)
    const dotted = init ? dottedName(init) : undefined
    if (!dotted || readsRequest(init!, ctx) || isModuleObject(init!, ctx)) return
    const kind: ContainerKind = 'object'
    for (const f of boundFields(vd.name, sourceName(dotted), dotted)) record(ctx, f, kind)
  },
}

/**
 * True for a module's default or namespace import destructured as it is (`const { Keystroke } = cledit`): its keys
 * are the module's exports (classes, functions), not a person's data. A JSON module's keys are data, so not those.
 */
function isModuleObject(init: ts.Expression, ctx: WalkContext): boolean {
  if (init.kind !== SK.Identifier) return false
  const from = ctx.importOf(init)
  return (
    from !== undefined &&
    from.members.length === 0 &&
    (from.imported === 'default' || from.imported === '*') &&
    !from.module.endsWith('.json')
  )
}

function record(ctx: WalkContext, f: BoundField, kind: ContainerKind): void {
  ctx.scan.field(
    f.key,
    { container: f.container, kind, siblings: f.siblings },
    ctx.at(f.node),
    'field',
    f.symbol,
  )
}
