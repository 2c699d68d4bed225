import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { boundFields } from './destructured-fields.js'
import { recordGroupedFields, type GroupedField } from './sibling-groups.js'
import { handlerName, requestPayloads, submittedPayload } from './request-payloads.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

interface State {
  payloadVars: ReadonlySet<string>
  reads: GroupedField[]
}

/**
 * Server-side reads of what a client submitted: fields of a request payload (`req.body.email`,
 * `const { email } = await request.json()`, `body['phone']`) and form or query values read key by key
 * (`formData.get('email')`, `url.searchParams.get('email')`), in route handlers and framework form actions (Next.js
 * server actions, Remix actions, SvelteKit actions). Which expressions are payloads is data
 * (rules/requests/submitted-data.yaml); whether a key is personal data is the classifier's decision, with the handler
 * as container and the other keys read from the same payload as siblings.
 */
export const submittedFields: SourceDetector<State> = {
  name: 'submitted-fields',
  kinds: [
    SK.PropertyAccessExpression,
    SK.ElementAccessExpression,
    SK.VariableDeclaration,
    SK.Parameter,
    SK.CallExpression,
  ],
  start: (ctx) => ({ payloadVars: ctx.stateOf(requestPayloads), reads: [] }),
  visit(node, ctx, state) {
    switch (node.kind) {
      case SK.PropertyAccessExpression:
        return propertyRead(node as ts.PropertyAccessExpression, ctx, state)
      case SK.ElementAccessExpression:
        return elementRead(node as ts.ElementAccessExpression, ctx, state)
      case SK.VariableDeclaration:
      case SK.Parameter: {
        const d = node as ts.VariableDeclaration | ts.ParameterDeclaration
        if (d.name.kind === SK.ObjectBindingPattern && d.initializer)
          destructure(d.name, d.initializer, ctx, state)
        return
      }
      case SK.CallExpression:
        return getterCall(node as ts.CallExpression, ctx, state)
    }
  },
  finish: (ctx, { reads }) => recordGroupedFields(ctx, reads),
}

/** The identifier a chain starts from (`req` in `req.body.email`), without building the chain's text. */
function rootName(e: ts.Expression): string | undefined {
  let n: ts.Node = e
  while (
    n.kind === SK.PropertyAccessExpression ||
    n.kind === SK.ElementAccessExpression ||
    n.kind === SK.CallExpression ||
    n.kind === SK.AwaitExpression ||
    n.kind === SK.ParenthesizedExpression ||
    n.kind === SK.NonNullExpression
  )
    n = (n as ts.PropertyAccessExpression).expression
  return n.kind === SK.Identifier ? (n as ts.Identifier).text : undefined
}

/** The payload `owner` is, when its root can start one (cheap test first: most property reads are not requests). */
function payloadOf(owner: ts.Expression, ctx: WalkContext, state: State): string | undefined {
  const root = rootName(owner)
  if (!root || (!ctx.scan.rules.submitted.isRoot(root) && !state.payloadVars.has(root))) return undefined
  return submittedPayload(owner, ctx, state.payloadVars)
}

function push(
  ctx: WalkContext,
  state: State,
  read: Omit<GroupedField, 'group' | 'container'>,
  payload: string,
): void {
  const container = handlerName(ctx)
  state.reads.push({ ...read, container, group: `${container ?? ''}\0${payload}` })
}

/** `req.body.email`, `body.email` where `body = await req.json()`; not method calls on the payload. */
function propertyRead(node: ts.PropertyAccessExpression, ctx: WalkContext, state: State): void {
  const parent = ctx.parent!
  if (parent.kind === SK.CallExpression && (parent as ts.CallExpression).expression === node) return
  const payload = payloadOf(node.expression, ctx, state)
  if (!payload) return
  const key = node.name.text
  push(
    ctx,
    state,
    {
      name: key,
      kind: 'request',
      how: 'request',
      at: ctx.at(node),
      symbol: `${payload}.${key}`,
      tested: negated(parent),
    },
    payload,
  )
}

/**
 * True when a read is negated (`!req.body.website`): the value is only tested for presence, as a honeypot field is,
 * and not kept here (the README's "a value only tested is not collected"); a read of it elsewhere is still reported.
 */
function negated(parent: ts.Node): boolean {
  return (
    parent.kind === SK.PrefixUnaryExpression &&
    (parent as ts.PrefixUnaryExpression).operator === SK.ExclamationToken
  )
}

/** `req.body['email']`. */
function elementRead(node: ts.ElementAccessExpression, ctx: WalkContext, state: State): void {
  const arg = node.argumentExpression
  if (arg.kind !== SK.StringLiteral && arg.kind !== SK.NoSubstitutionTemplateLiteral) return
  const payload = payloadOf(node.expression, ctx, state)
  if (!payload) return
  const key = (arg as ts.StringLiteral).text
  push(
    ctx,
    state,
    {
      name: key,
      kind: 'request',
      how: 'request',
      at: ctx.at(node),
      symbol: `${payload}.${key}`,
      tested: negated(ctx.parent!),
    },
    payload,
  )
}

/** `const { email, profile: { phone } } = await request.json()`. */
function destructure(
  pattern: ts.ObjectBindingPattern,
  init: ts.Expression,
  ctx: WalkContext,
  state: State,
): void {
  const payload = payloadOf(init, ctx, state)
  if (!payload) return
  const container = handlerName(ctx)
  for (const f of boundFields(pattern, container, payload))
    state.reads.push({
      name: f.key,
      group: `${container ?? ''}\0${payload}`,
      container: f.container,
      kind: 'request',
      how: 'request',
      at: ctx.at(f.node),
      symbol: f.symbol,
    })
}

/** `formData.get('email')`, `url.searchParams.get('email')`, `(await request.formData()).get('email')`. */
function getterCall(call: ts.CallExpression, ctx: WalkContext, state: State): void {
  const callee = call.expression
  const first = call.arguments[0]
  if (callee.kind !== SK.PropertyAccessExpression || !first) return
  if (first.kind !== SK.StringLiteral && first.kind !== SK.NoSubstitutionTemplateLiteral) return
  const method = (callee as ts.PropertyAccessExpression).name.text
  const submitted = ctx.scan.rules.submitted
  if (!submitted.isGetterMethod(method)) return
  const ownerNode = (callee as ts.PropertyAccessExpression).expression
  const owner = dottedName(ownerNode)
  if (!owner) return
  const byName = submitted.isGetter(method, owner)
  const payload = byName ? owner : payloadOf(ownerNode, ctx, state)
  if (!payload) return
  const key = (first as ts.StringLiteral).text
  push(
    ctx,
    state,
    {
      name: key,
      kind: byName && submitted.isQueryOwner(owner) ? 'request' : 'form',
      how: 'form-input',
      at: ctx.at(call),
      symbol: `${owner}.${method}('${key}')`,
    },
    payload,
  )
}
