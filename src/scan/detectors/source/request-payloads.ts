import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Objects that are an HTTP request (or a framework context holding one) in Express, Koa, Fastify, Next.js, Hono, h3. */
export const REQUEST =
  '(?:req|request|ctx|ctx\\.req|ctx\\.request|c\\.req|event|event\\.node\\.req|context\\.req|context\\.request)'
const PAYLOAD = /^(req|request|ctx\.request|ctx\.req|c\.req|event|context\.req)\.(body|query|params)$/
const PAYLOAD_CALL =
  /^(req|request|c\.req|ctx\.req)\.(json|formData|parseBody|valid)\(\)$|^(readBody|getQuery|readValidatedBody|getValidatedQuery)\(\)$/

/** True for expressions that hold a request's user-supplied payload (`req.body`, `await request.json()`). */
export function isRequestPayload(dotted: string): boolean {
  return PAYLOAD.test(dotted) || PAYLOAD_CALL.test(dotted)
}

/** A request, what it carries (headers, cookies) or its payload, directly or through a payload variable. */
const REQUEST_PART = new RegExp(`^${REQUEST}(\\.(headers|cookies|signedCookies|socket|connection|geo))?$`)

/** True when destructuring `dotted` reads a request: its payload, headers or cookies (their detectors read those). */
export function readsRequest(dotted: string, ctx: WalkContext): boolean {
  return isRequestPayload(dotted) || REQUEST_PART.test(dotted) || ctx.stateOf(requestPayloads).has(dotted)
}

/**
 * Variables holding a request payload (`const body = await req.json()`), by name, for the whole file after their
 * declaration: the request and form detectors read fields off them. Records no findings itself.
 */
export const requestPayloads: SourceDetector<Set<string>> = {
  name: 'request-payloads',
  kinds: [SK.VariableDeclaration],
  start: () => new Set(),
  visit(node, _ctx, payloadVars) {
    const vd = node as ts.VariableDeclaration
    if (vd.name.kind !== SK.Identifier) return
    const init = unwrap(vd.initializer)
    const dotted = init ? dottedName(init) : undefined
    if (dotted && isRequestPayload(dotted)) payloadVars.add(vd.name.text)
  },
}

/**
 * The container of a value read from a request or a submitted form: the handler that reads it (`submitContactUs`,
 * `updatePassword`, `POST`), never the file (every SvelteKit action lives in `+page.server.ts`).
 */
export function handlerName(ctx: WalkContext): string | undefined {
  for (let scope: WalkContext['scope'] | undefined = ctx.scope; scope; scope = scope.outer)
    if (scope.name) return scope.name
  return undefined
}
