import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { resolveName } from './cookie-names.js'
import { objectOption } from './options.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/**
 * Cookies a library call sets under its default name (rules/cookies `set_by`): Hydrogen's `cartSetIdDefault()` writes
 * the cart id to `cart`, PocketBase's `pb.authStore.exportToCookie()` serialises the session as `pb_auth`. A name
 * given in the renaming argument is used instead; one that cannot be read statically reports nothing. A setter with
 * an `option` counts only where that option is `true` (or the export `option_is` names) in an options object the call
 * (or `new`) is given.
 */
export const cookieSettingCalls: SourceDetector = {
  name: 'cookie-setting-calls',
  kinds: [SK.CallExpression, SK.NewExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression | ts.NewExpression
    // Only the setters whose call ends with the callee's last name can match it: most calls have none.
    const callee = call.expression
    const last =
      callee.kind === SK.Identifier
        ? (callee as ts.Identifier).text
        : callee.kind === SK.PropertyAccessExpression
          ? (callee as ts.PropertyAccessExpression).name.text
          : lastName(dottedName(callee))
    if (last === undefined) return
    const setters = ctx.scan.rules.cookieSettersNamed(last)
    if (setters.length === 0) return
    const dotted = dottedName(callee)
    if (dotted === undefined) return
    const args = call.arguments ?? []
    for (const s of setters) {
      if (dotted !== s.call && !dotted.endsWith(`.${s.call}`)) continue
      if (s.modules.length > 0 && !s.modules.includes(ctx.importOf(call.expression)?.module ?? '')) continue
      if (
        s.option !== undefined &&
        !args.some((a) => optionHolds(objectOption(a, s.option!), s.option_is, ctx))
      )
        continue
      const arg = s.name_argument === undefined ? undefined : args[s.name_argument]
      const named = arg ? resolveName(arg, ctx) : undefined
      if (arg && !named) continue
      ctx.scan.cookie(
        named?.value ?? s.name,
        named?.pattern ?? s.name.includes('*'),
        ctx.at(call),
        'cookie-api.library-call',
        `${dotted}()`,
        named ? `${dotted}() sets the cookie it is given` : `${dotted}() sets its default cookie ${s.name}`,
      )
    }
  },
}

/** The last segment of a dotted name (`set` of `res.cookies.set`). */
function lastName(dotted: string | undefined): string | undefined {
  return dotted?.slice(dotted.lastIndexOf('.') + 1)
}

/** An option's value is `true`, or with `is`, the export of that name (imported, or referred to by that name). */
function optionHolds(value: ts.Expression | undefined, is: string | undefined, ctx: WalkContext): boolean {
  if (!value) return false
  if (is === undefined) return value.kind === SK.TrueKeyword
  if (!ts.isIdentifier(value)) return false
  return (ctx.importOf(value)?.imported ?? value.text) === is
}
