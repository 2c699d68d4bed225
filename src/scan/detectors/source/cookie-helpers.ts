import { ts } from 'ts-morph'
import { sameBinding } from '../../walk/scope.js'
import type { Position } from '../../file-scan.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { unwrap } from '../../walk/ts-helpers.js'
import { resolveName, type NameValue } from './cookie-names.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** A function name that says it deals with a cookie (`setOAuthSessionTokenCookie`, `getCookie`). */
export const COOKIE_WORD = /cookie/i

/** A top-level function that sets a cookie named by one of its parameters. */
export interface CookieHelper {
  /** The parameter's position. */
  index: number
  /** The name it builds, with `\u0001` where the parameter goes (`\u0001_seen`). */
  name: string
  rule: string
  how?: string
}

/** Per file: the cookie helpers found so far, and the calls of the file's own functions with the names they pass. */
export interface CookieHelpers {
  helpers: Map<string, CookieHelper>
  calls: { fn: string; args: (NameValue | undefined)[]; at: Position }[]
}

/**
 * Cookie names passed one call deep into a local helper: `function markDone(cookie) { document.cookie =
 * \`${cookie}=true\` }` called as `markDone('seen_tour')`. The cookie detectors register helpers (cookie-record); this
 * module notes every call of a top-level function of the file with the names its arguments hold, and after the walk
 * records a cookie for each call of a helper.
 */
export const cookieHelpers: SourceDetector<CookieHelpers> = {
  name: 'cookie-helpers',
  kinds: [SK.CallExpression],
  start: () => ({ helpers: new Map(), calls: [] }),
  visit(node, ctx, state) {
    const call = node as ts.CallExpression
    if (call.arguments.length === 0) return
    if (call.expression.kind !== SK.Identifier) return
    const fn = (call.expression as ts.Identifier).text
    if (isTopLevelFunction(fn, ctx)) {
      const args = call.arguments.map((a) => resolveName(a, ctx))
      if (args.some(Boolean)) state.calls.push({ fn, args, at: ctx.pos(call) })
      return
    }
    // A local named for a cookie that no import binds (`const { setOAuthCookie } = yield* session`): perhaps a
    // helper nested in another module's service (link step). An imported one is resolved through its import.
    if (!COOKIE_WORD.test(fn) || ctx.bindings.imports.has(fn)) return
    const args = call.arguments.map((a) => resolveName(a, ctx) ?? null)
    if (!args.some(Boolean)) return
    const at = ctx.pos(call)
    ;(ctx.scan.facts.cookieHelperCalls ??= []).push({ fn, args, ...at, excerpt: ctx.scan.excerpt(at.line) })
  },
  finish(ctx, { helpers, calls }) {
    for (const call of calls) {
      const helper = helpers.get(call.fn)
      const arg = helper ? call.args[helper.index] : undefined
      if (!helper || !arg) continue
      const name = helper.name.split('\u0001').join(arg.value)
      ctx.scan.cookie(
        name,
        arg.pattern || name.includes('*'),
        call.at,
        helper.rule,
        // The helper's own name, so that a helper already known by its name (`setCookie`) is not counted twice.
        call.fn,
        [helper.how, `name passed to the cookie helper ${call.fn}()`].filter(Boolean).join('; '),
      )
    }
  },
}

/** A function declared at the top of the file (`function f`, `const f = () =>`), not shadowed where it is called. */
function isTopLevelFunction(name: string, ctx: WalkContext): boolean {
  const local = ctx.scope.lookup(name)
  if (ctx.bindings.functions.has(name))
    return local === undefined || sameBinding(local, ctx.fileScope.own(name))
  if (!local || !sameBinding(local, ctx.fileScope.own(name)) || local.kind !== 'const') return false
  const init = unwrap(local.initializer)
  return init !== undefined && (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression)
}
