import { ts } from 'ts-morph'
import type { CompiledSink } from '../../../rules/sinks.js'
import { isLocalSpecifier } from '../../file-scan.js'
import type { ClientFact, FlowFacts, FlowValue } from '../../flows/facts.js'
import { originOf, type CallOrigin } from '../../flows/origin.js'
import { argumentAt, hostOverride, stringOf, transportVendor, vendorOfUrl } from '../../flows/receiver.js'
import { selectValues, sendFlows } from '../../flows/send.js'
import { ValueReader } from '../../flows/values.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Test code sends nothing anywhere. */
const TEST_FILE =
  /(^|\/)(__tests__|__mocks__|tests?|spec|e2e|cypress|playwright)\/|\.(test|spec|e2e-spec|stories)\.[cm]?[jt]sx?$/

interface State {
  reader: ValueReader
  facts: FlowFacts
}

/**
 * Values passed into sinks (rules' `sinks:`): SDK calls, loggers, HTTP requests to third parties. A call is looked at
 * only when its last name ends some sink's chain, or when it calls a name imported from another module of the
 * repository (or a top-level function of this file): those are recorded with their values and linked across files
 * (a client exported from `lib/stripe.ts`, a helper whose parameter reaches a sink).
 */
export const sinkCalls: SourceDetector<State | undefined> = {
  name: 'sink-calls',
  kinds: [SK.CallExpression, SK.NewExpression],
  start(ctx) {
    if (!ctx.scan.flowsEnabled || TEST_FILE.test(ctx.scan.path)) return undefined
    return { reader: new ValueReader(ctx), facts: {} }
  },
  visit(node, ctx, state) {
    if (!state) return
    const call = node as ts.CallExpression | ts.NewExpression
    if (!mayBeSink(call, ctx)) return
    const origin = originOf(call.expression, ctx)
    if (!origin) return
    const ctor = node.kind === SK.NewExpression
    const args = call.arguments ?? []
    if (origin.kind === 'local') {
      if (args.length === 0) return
      const values = state.reader.args(args)
      // Only calls that pass something: a helper or client in another file decides where it goes.
      if (!values.some((v) => v.category) && !values.some((v) => v.param)) return
      const { line, column } = ctx.pos(call)
      ;(state.facts.calls ??= []).push({
        from: origin.from,
        exportName: origin.exportName,
        members: origin.members,
        ctor,
        values,
        call: callText(call),
        line,
        column,
      })
      return
    }
    const sinks = ctx.scan.rules.sinks.match(
      origin.chain,
      ctor,
      origin.kind === 'import' ? { module: origin.module } : { global: true },
    )
    if (sinks.length === 0) return
    let values: FlowValue[] | undefined
    for (const sink of sinks) {
      const vendor = receiverOf(sink, origin, args, ctx)
      if (!vendor) continue
      values ??= state.reader.args(args)
      const selected = selectValues(values, sink.args)
      sendFlows(ctx.scan, selected, { vendor, sink, call: callText(call) })
      for (const v of selected)
        if (v.param && !v.category && !sink.category)
          (state.facts.helpers ??= []).push({
            fn: v.param.fn,
            param: v.param.index,
            path: v.param.path,
            vendor,
            rule: sink.rule,
            call: callText(call),
            line: v.line,
          })
    }
  },
  finish(ctx, state) {
    if (!state) return
    const clients = exportedClients(ctx)
    if (clients) state.facts.clients = clients
    if (state.facts.calls || state.facts.helpers || state.facts.clients) ctx.scan.facts.flows = state.facts
  },
}

/** The cheap test before resolving a call: a sink's last name, a constructor, or a repository-local name. */
function mayBeSink(call: ts.CallExpression | ts.NewExpression, ctx: WalkContext): boolean {
  let callee = call.expression
  if (callee.kind === SK.PropertyAccessExpression) {
    if (ctx.scan.rules.sinks.mayEndWith((callee as ts.PropertyAccessExpression).name.text)) return true
  } else if (callee.kind === SK.Identifier) {
    const name = (callee as ts.Identifier).text
    if (ctx.scan.rules.sinks.mayEndWith(name)) return true
    if (call.kind === SK.NewExpression && ctx.bindings.imports.has(name)) return true
  }
  // The root name: a local module's export (a client or helper), or a top-level function of this file.
  while (callee.kind === SK.PropertyAccessExpression || callee.kind === SK.CallExpression)
    callee = (callee as ts.PropertyAccessExpression | ts.CallExpression).expression
  if (callee.kind !== SK.Identifier) return false
  const name = (callee as ts.Identifier).text
  const imp = ctx.bindings.imports.get(name)
  if (imp) return isLocalSpecifier(imp.module)
  if (ctx.bindings.functions.has(name)) return true
  const local = ctx.fileScope.own(name)
  const init = local && unwrap(local.initializer)
  return init !== undefined && (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression)
}

/** Who receives what a sink sends: its vendor (or the one the client was re-pointed at), `logs`, or the URL's host. */
function receiverOf(
  sink: CompiledSink,
  origin: Exclude<CallOrigin, { kind: 'local' }>,
  args: readonly ts.Expression[],
  ctx: WalkContext,
): string | undefined {
  if (sink.url) {
    const url = stringOf(argumentAt(args, sink.url, ctx), ctx)
    return url ? vendorOfUrl(ctx.scan.rules, url) : undefined
  }
  if (sink.vendorArg) {
    const value = argumentAt(args, sink.vendorArg, ctx)
    const from = value && originOf(value, ctx)
    return from?.kind === 'import' ? ctx.scan.rules.vendorForImport(from.module)?.id : undefined
  }
  if (sink.vendor === 'logs') return transportVendor(origin.builders, ctx) ?? 'logs'
  if (sink.vendor) return hostOverride(sink, origin.builders, ctx) ?? sink.vendor
  return origin.kind === 'import' ? ctx.scan.rules.vendorForImport(origin.module)?.id : undefined
}

/** How a call is shown in evidence: `stripe.customers.create(…)`. */
function callText(call: ts.CallExpression | ts.NewExpression): string {
  const name = dottedName(call.expression)?.replace(/\(\)/g, '') ?? 'call'
  return `${call.kind === SK.NewExpression ? 'new ' : ''}${name}(…)`
}

/**
 * Module-level names other files can import that are SDK clients or loggers: `export const stripe = new Stripe(k)`,
 * `export const logger = pino()`, `export default new PostHog(k)`, `export { client as analytics }`, and exported
 * functions that return one (`export const getStripe = () => new Stripe(k)`).
 */
function exportedClients(ctx: WalkContext): Record<string, ClientFact> | undefined {
  let out: Record<string, ClientFact> | undefined
  const local = new Map<string, ts.Expression>()
  const add = (name: string, value: ts.Expression | undefined): void => {
    const v = unwrap(value)
    if (!v) return
    const returned = returnedValue(v)
    const origin = originOf(returned ?? v, ctx)
    if (!origin || origin.kind === 'local') return
    const fact: ClientFact =
      origin.kind === 'import' ? { module: origin.module, chain: origin.chain } : { chain: origin.chain }
    const vendor = clientVendor(origin, ctx)
    if (vendor) fact.vendor = vendor
    ;(out ??= {})[name] = fact
  }
  for (const stmt of ctx.sf.statements) {
    const exported =
      ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === SK.ExportKeyword)
    if (stmt.kind === SK.VariableStatement) {
      for (const d of (stmt as ts.VariableStatement).declarationList.declarations) {
        if (d.name.kind !== SK.Identifier || !d.initializer) continue
        local.set(d.name.text, d.initializer)
        if (exported) add(d.name.text, d.initializer)
      }
    } else if (stmt.kind === SK.FunctionDeclaration && exported) {
      const fn = stmt as ts.FunctionDeclaration
      const isDefault = ts.getModifiers(fn)?.some((m) => m.kind === SK.DefaultKeyword)
      const value = singleReturn(fn.body)
      if (value) add(isDefault ? 'default' : (fn.name?.text ?? 'default'), value)
    } else if (stmt.kind === SK.ExportAssignment) {
      const e = (stmt as ts.ExportAssignment).expression
      add('default', e.kind === SK.Identifier ? (local.get((e as ts.Identifier).text) ?? e) : e)
    } else if (stmt.kind === SK.ExportDeclaration) {
      const ed = stmt as ts.ExportDeclaration
      if (ed.moduleSpecifier || !ed.exportClause || ed.exportClause.kind !== SK.NamedExports) continue
      for (const el of ed.exportClause.elements) {
        const init = local.get((el.propertyName ?? el.name).text)
        if (init) add(el.name.text, init)
      }
    }
  }
  return out
}

/** The value an arrow or function expression returns, when its body is one expression or one `return`. */
function returnedValue(v: ts.Expression): ts.Expression | undefined {
  if (v.kind !== SK.ArrowFunction && v.kind !== SK.FunctionExpression) return undefined
  const body = (v as ts.ArrowFunction).body
  return body.kind === SK.Block ? singleReturn(body as ts.Block) : (body as ts.Expression)
}

function singleReturn(body: ts.Block | undefined): ts.Expression | undefined {
  const ret = body?.statements.find((s) => s.kind === SK.ReturnStatement) as ts.ReturnStatement | undefined
  return ret?.expression
}

/** The vendor a client was pointed at by a logger transport or a host option of any sink of its module. */
function clientVendor(origin: Exclude<CallOrigin, { kind: 'local' }>, ctx: WalkContext): string | undefined {
  if (origin.builders.length === 0) return undefined
  const rules = ctx.scan.rules
  if (origin.kind === 'import') {
    const vendor = rules.vendorForImport(origin.module)
    const hostOptions = vendor?.sinks?.host_options ?? []
    if (vendor && hostOptions.length > 0) {
      const probe = rules.sinks.all.find((s) => s.vendor === vendor.id)
      const override = probe && hostOverride(probe, origin.builders, ctx)
      if (override) return override
    }
    if (vendor) return undefined
  }
  return transportVendor(origin.builders, ctx)
}
