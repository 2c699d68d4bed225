import type { CoveredItem, FlowItem, Inventory, ObservedData, UndeclaredItem } from '../model/types.js'
import type { Manifest, RecipientEntry } from '../manifest/schema.js'
import type { RuleSet } from '../rules/ruleset.js'
import { cmp } from '../scan/inventory.js'
import { flowKey } from '../scan/file-scan.js'
import { flowSentence, suggestFlowData } from './suggest.js'

type Section = 'analytics' | 'processors'
type Entry = RecipientEntry & { line: number }

/** Whether a declared category covers a found one (a parent key covers its children). */
export function coversCategory(declared: string, found: string): boolean {
  return found === declared || found.startsWith(declared + '.')
}

/** The manifest entry a vendor's flows are judged against: the vendor's own entry, else its recipient category. */
export function recipientEntry(
  manifest: Manifest,
  rules: RuleSet,
  vendor: string,
): { section: Section; entry: Entry } | undefined {
  const sections: Section[] = ['analytics', 'processors']
  for (const section of sections) {
    const entry = manifest[section].find((e) => e.vendor === vendor)
    if (entry) return { section, entry }
  }
  const categories = rules.vendors.get(vendor)?.categories ?? []
  for (const section of sections) {
    const entry = manifest[section].find((e) => e.category !== undefined && categories.includes(e.category))
    if (entry) return { section, entry }
  }
  return undefined
}

/**
 * Flows judged against the manifest. A flow to a vendor whose entry lists `data:` is covered by a category in that
 * list, else undeclared; an entry without `data:` is not judged (its observed data is returned, for `check` to
 * suggest). Flows to `logs` are judged against `logs.data`: without a `logs:` section no log flow is accepted.
 */
export function compareFlows(
  inventory: Inventory,
  manifest: Manifest,
  rules: RuleSet,
): { undeclared: UndeclaredItem[]; covered: CoveredItem[]; observedData: ObservedData[] } {
  const undeclared: UndeclaredItem[] = []
  const covered: CoveredItem[] = []
  const observed = new Map<Entry, { section: Section; data: Set<string> }>()
  // Undeclared flows grouped by the list that must grow, so each item suggests the whole new list.
  const missing = new Map<string, { target: FlowTarget; items: FlowItem[] }>()
  for (const item of inventory.flows) {
    const key = flowKey(item.vendor, item.category)
    if (item.vendor === 'logs') {
      const by = manifest.logs?.data.find((c) => coversCategory(c, item.category))
      if (by) covered.push({ kind: 'flow', key, by: `logs.data: ${by}` })
      else
        group(
          missing,
          { kind: 'logs', data: manifest.logs?.data ?? [], declared: manifest.logs !== undefined },
          item,
        )
      continue
    }
    const found = recipientEntry(manifest, rules, item.vendor)
    if (!found) continue // the vendor itself is undeclared: its suggestion lists these flows
    const { section, entry } = found
    const where = `${section}[${entry.vendor ?? entry.category}]`
    if (!entry.data) {
      const o = observed.get(entry) ?? { section, data: new Set<string>() }
      o.data.add(item.category)
      observed.set(entry, o)
      covered.push({ kind: 'flow', key, by: `${where} (no data: list)` })
      continue
    }
    const by = entry.data.find((c) => coversCategory(c, item.category))
    if (by) covered.push({ kind: 'flow', key, by: `${where}.data: ${by}` })
    else group(missing, { kind: 'recipient', section, entry }, item)
  }
  for (const { target, items } of missing.values()) {
    const add = [...new Set(items.map((i) => i.category))].sort(cmp)
    const suggestion = suggestFlowData(target, add)
    for (const item of items)
      undeclared.push({
        kind: 'flow',
        key: flowKey(item.vendor, item.category),
        name: flowMessage(item, target, rules),
        categories: [],
        evidence: item.evidence,
        suggestion,
        sentence: flowSentence(item, rules),
      })
  }
  const observedData = [...observed].map(([entry, o]) => ({
    section: o.section,
    key: entry.vendor ?? entry.category ?? '',
    line: entry.line,
    data: [...o.data].sort(cmp),
  }))
  return { undeclared, covered, observedData: observedData.sort((a, b) => a.line - b.line) }
}

/** The list a flow must be added to: a recipient entry's `data:`, or `logs.data`. */
export type FlowTarget =
  | { kind: 'recipient'; section: Section; entry: Entry }
  | { kind: 'logs'; data: readonly string[]; declared: boolean }

function group(
  missing: Map<string, { target: FlowTarget; items: FlowItem[] }>,
  target: FlowTarget,
  item: FlowItem,
): void {
  const id = target.kind === 'logs' ? 'logs' : `${target.section}:${target.entry.line}`
  const g = missing.get(id) ?? { target, items: [] }
  g.items.push(item)
  missing.set(id, g)
}

/** "OpenAI receives user.contact.email — not in processors[openai].data". */
function flowMessage(item: FlowItem, target: FlowTarget, rules: RuleSet): string {
  if (target.kind === 'logs')
    return `The app's logs receive ${item.category} — ${target.declared ? 'not in logs.data' : 'privacy.yml has no logs: section'}`
  const name = rules.vendors.get(item.vendor)?.name ?? item.vendor
  return `${name} receives ${item.category} — not in ${target.section}[${target.entry.vendor ?? target.entry.category}].data`
}
