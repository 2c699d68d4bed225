import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Objects that are an HTTP request (or a framework context holding one) in Express, Koa, Fastify, Next.js, Hono, h3. */
export const REQUEST =
  '(?:req|request|ctx|ctx\\.req|ctx\\.request|c\\.req|event|event\\.node\\.req|context\\.req|context\\.request)'

/** A request, or what it carries that other detectors read (headers, cookies, the socket, geo). */
const REQUEST_PART = new RegExp(`^${REQUEST}(\\.(headers|cookies|signedCookies|socket|connection|geo))?$`)

/** The expression under `await`, parentheses, `!` and type assertions. */
function bare(e: ts.Expression | undefined): ts.Expression | undefined {
  let n = unwrap(e)
  while (
    n &&
    (n.kind === SK.AwaitExpression ||
      n.kind === SK.NonNullExpression ||
      n.kind === SK.ParenthesizedExpression)
  )
    n = unwrap((n as ts.AwaitExpression).expression)
  return n
}

/**
 * The submitted payload an expression is, as written (`req.body`, `request.formData()`, a payload variable), looking
 * through the calls that pass one on (`Object.fromEntries(await request.formData())`); undefined for anything else.
 * Which expressions are payloads is data: rules/requests/submitted-data.yaml.
 */
export function submittedPayload(
  expr: ts.Expression | undefined,
  ctx: WalkContext,
  payloadVars: ReadonlySet<string>,
): string | undefined {
  const submitted = ctx.scan.rules.submitted
  let e = bare(expr)
  for (let depth = 0; e && depth < 3; depth++) {
    const dotted = dottedName(e)
    if (!dotted) return undefined
    if (submitted.isPayload(dotted) || payloadVars.has(dotted)) return dotted
    if (e.kind !== SK.CallExpression || !submitted.isWrapper(dotted)) return undefined
    e = bare((e as ts.CallExpression).arguments[0])
  }
  return undefined
}

/** True when destructuring `init` reads a request: its payload, headers or cookies (their detectors read those). */
export function readsRequest(init: ts.Expression, ctx: WalkContext): boolean {
  if (submittedPayload(init, ctx, ctx.stateOf(requestPayloads))) return true
  const dotted = dottedName(init)
  return dotted !== undefined && REQUEST_PART.test(dotted)
}

/**
 * Variables holding a request payload (`const body = await req.json()`, a `formData: FormData` parameter), by name, for the whole file after their
 * declaration: the request and form detectors read fields off them. Records no findings itself.
 */
export const requestPayloads: SourceDetector<Set<string>> = {
  name: 'request-payloads',
  kinds: [SK.VariableDeclaration, SK.Parameter],
  start: () => new Set(),
  visit(node, ctx, payloadVars) {
    if (node.kind === SK.Parameter) {
      // A server action's form: `async function signUp(formData: FormData)`.
      const p = node as ts.ParameterDeclaration
      const type = p.type
      if (
        p.name.kind === SK.Identifier &&
        type?.kind === SK.TypeReference &&
        (type as ts.TypeReferenceNode).typeName.kind === SK.Identifier &&
        ctx.scan.rules.submitted.isPayloadType(
          ((type as ts.TypeReferenceNode).typeName as ts.Identifier).text,
        )
      )
        payloadVars.add(p.name.text)
      return
    }
    const vd = node as ts.VariableDeclaration
    if (vd.name.kind !== SK.Identifier) return
    if (submittedPayload(vd.initializer, ctx, payloadVars)) payloadVars.add(vd.name.text)
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
