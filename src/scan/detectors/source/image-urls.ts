import { ts } from 'ts-morph'
import { vendorOfUrl } from '../../flows/receiver.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { sendWithHelpers, sinkCalls, type SinkCallsState } from './sink-calls.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The start of an absolute URL: the cheap test before a literal's host is looked up. */
const URL_START = /^(?:https?:)?\/\//

/**
 * URLs on the hosts of a vendor whose rule says `image_urls` (avatar APIs): the URL is the request the viewer's
 * browser makes, so the personal data written into it — `https://api.dicebear.com/7.x/initials/svg?seed=${username}`,
 * `'https://ui-avatars.com/api/?name=' + name`, an e-mail hash in a Gravatar path — reaches the vendor, with no call
 * to follow. A template or a concatenation whose first literal names such a host is read like a sink's argument,
 * with sink-calls' reader and facts (a helper building the URL from its parameter takes what its callers pass).
 */
export const imageUrls: SourceDetector<SinkCallsState | undefined> = {
  name: 'image-urls',
  kinds: [SK.TemplateExpression, SK.BinaryExpression],
  start(ctx) {
    return ctx.scan.rules.sinks.imageUrlVendors.size === 0 ? undefined : ctx.stateOf(sinkCalls)
  },
  visit(node, ctx, state) {
    if (!state) return
    const start = urlStart(node as ts.TemplateExpression | ts.BinaryExpression, ctx)
    if (start === undefined || !URL_START.test(start)) return
    const vendor = vendorOfUrl(ctx.scan.rules, start)
    if (!vendor || !ctx.scan.rules.sinks.imageUrlVendors.has(vendor)) return
    const values = state.reader.args([node as ts.Expression], true)
    const sink = { category: undefined, rule: `vendor.${vendor}.sinks`, fallback: false }
    sendWithHelpers(state, ctx, values, vendor, sink, `${vendor} image URL(…)`)
  },
}

/**
 * The literal a URL expression starts with: a template's head, or the first operand of the outermost `+` of a
 * concatenation (inner `+`s are part of it and not read again); undefined for anything else.
 */
function urlStart(node: ts.TemplateExpression | ts.BinaryExpression, ctx: WalkContext): string | undefined {
  if (node.kind === SK.TemplateExpression) return node.head.text
  if (node.operatorToken.kind !== SK.PlusToken) return undefined
  const parent = ctx.parent
  if (
    parent?.kind === SK.BinaryExpression &&
    (parent as ts.BinaryExpression).operatorToken.kind === SK.PlusToken
  )
    return undefined
  let left: ts.Expression = node.left
  while (
    left.kind === SK.BinaryExpression &&
    (left as ts.BinaryExpression).operatorToken.kind === SK.PlusToken
  )
    left = (left as ts.BinaryExpression).left
  if (left.kind === SK.StringLiteral || left.kind === SK.NoSubstitutionTemplateLiteral)
    return (left as ts.StringLiteral).text
  return left.kind === SK.TemplateExpression ? (left as ts.TemplateExpression).head.text : undefined
}
