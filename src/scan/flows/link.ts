import type { Finding } from '../../model/types.js'
import type { RuleSet } from '../../rules/ruleset.js'
import { fingerprintOf, flowKey, ILLUSTRATIVE_PATH, type FileFacts } from '../file-scan.js'
import type { ModuleIndex } from '../inventory.js'
import type { ClientFact, FlowValue, HelperSink, PendingFlowCall } from './facts.js'
import { flowOf, selectValues } from './send.js'

/**
 * Flows that cross a module boundary, found when files are linked: a call on a client another module exports
 * (`import { stripe } from '@/lib/stripe'; stripe.customers.create({ email })`), and a call of a helper whose
 * parameter reaches a sink in its own module (`track('signup', { email })` → `posthog.capture(event, props)`): one
 * hop, so a value's path is caller → helper → sink.
 */
export function linkFlows(files: readonly FileFacts[], modules: ModuleIndex, rules: RuleSet): Finding[] {
  const out: Finding[] = []
  for (const f of files) {
    for (const call of f.flows?.calls ?? []) {
      const client = lookup(f, call, modules, (file, name) => file.flows?.clients?.[name])
      if (client) out.push(...clientFlows(f.path, call, client.value, client.path, rules))
      const helpers = lookup(f, call, modules, (file, name) => {
        const fn = call.members.length > 0 ? `${name}.${call.members[0]}` : name
        const list = file.flows?.helpers?.filter((h) => h.fn === fn)
        return list && list.length > 0 ? list : undefined
      })
      if (helpers && call.members.length <= 1)
        for (const h of helpers.value) out.push(...helperFlows(f.path, call, h, helpers.path))
    }
  }
  return out
}

/** A fact of the module a call's name comes from (this file for a top-level function, '' `from`). */
function lookup<T>(
  file: FileFacts,
  call: PendingFlowCall,
  modules: ModuleIndex,
  pick: (file: FileFacts, name: string) => T | undefined,
): { value: T; path: string } | undefined {
  if (call.from === '') {
    const value = pick(file, call.exportName)
    return value === undefined ? undefined : { value, path: file.path }
  }
  return modules.exportedFact(file.path, call.from, call.exportName, pick)
}

function clientFlows(
  path: string,
  call: PendingFlowCall,
  client: ClientFact,
  clientPath: string,
  rules: RuleSet,
): Finding[] {
  const chain = [...client.chain, ...call.members]
  const sinks = rules.sinks.match(
    chain,
    call.ctor,
    client.module ? { module: client.module } : { global: true },
  )
  const out: Finding[] = []
  for (const sink of sinks) {
    // A URL or a model argument is read where the call is written; across modules only fixed receivers count.
    if (sink.url || sink.vendorArg) continue
    const vendor =
      sink.vendor === 'logs'
        ? (client.vendor ?? 'logs')
        : sink.vendor
          ? (client.vendor ?? sink.vendor)
          : client.module
            ? rules.vendorForImport(client.module)?.id
            : undefined
    if (!vendor) continue
    const via = `${clientPath}: ${call.exportName} is ${client.module ? `a ${client.module} client` : client.chain.join('.')}`
    for (const v of selectValues(call.values, sink.args)) {
      const flow = flowOf(v, sink, call.call)
      if (flow) out.push(finding(path, vendor, flow, v, call, sink.rule, [...v.trace, via]))
    }
  }
  return out
}

function helperFlows(path: string, call: PendingFlowCall, h: HelperSink, helperPath: string): Finding[] {
  const out: Finding[] = []
  const arg = { index: h.param, path: h.path }
  for (const v of selectValues(call.values, [arg])) {
    if (!v.category) continue
    const flow = flowOf(v, { category: undefined }, `${call.call} → ${h.call}`)
    if (flow)
      out.push(
        finding(path, h.vendor, flow, v, call, h.rule, [...v.trace, `${helperPath}:${h.line}: ${h.call}`]),
      )
  }
  return out
}

function finding(
  path: string,
  vendor: string,
  flow: NonNullable<ReturnType<typeof flowOf>>,
  v: FlowValue,
  call: PendingFlowCall,
  rule: string,
  trace: string[],
): Finding {
  const key = flowKey(vendor, flow.category)
  const symbol = `${call.call.replace(/\(…\)$/, '')} ← ${v.source}`
  const illustrative = ILLUSTRATIVE_PATH.test(path)
  const site = v.trace[v.trace.length - 1] ?? ''
  const rest = site.startsWith(path + ':') ? site.slice(path.length + 1) : ''
  return {
    kind: 'flow',
    key,
    evidence: {
      path,
      line: v.line,
      column: v.column,
      symbol,
      rule,
      confidence: illustrative ? 'low' : flow.confidence,
      how: 'sink',
      excerpt: rest.slice(rest.indexOf(': ') + 2) || undefined,
      reason: illustrative ? `${flow.reason}; in example/demo code` : flow.reason,
      fingerprint: fingerprintOf('flow', key, path, symbol),
      trace,
    },
  }
}
