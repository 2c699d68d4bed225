import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
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
