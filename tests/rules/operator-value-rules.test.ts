import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import type { SinkExample } from '../../src/rules/schema.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.operatorValues ?? []

/** The flows the real scanner reports for one example (all confidences). */
function flowsOf(example: SinkExample): string[] {
  const file = typeof example === 'string' ? { file: 'src/example.ts', code: example } : { file: example.file ?? 'src/example.ts', code: example.code }
  const { inventory } = buildInventory([scanFile(file.file, file.code, rules)], rules, { minConfidence: 'low' })
  return [...new Set(inventory.flows.map((f) => f.category))].sort()
}

const show = (e: SinkExample): string => (typeof e === 'string' ? e : e.code).replace(/\s+/g, ' ').slice(0, 80)

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e, i) => ({ example: e, positive: true, label: `+${i} ${show(e)}` })),
  ...f.examples.negative.map((e, i) => ({ example: e, positive: false, label: `-${i} ${show(e)}` })),
])

describe('operator-value rule examples through scanFile + buildInventory', () => {
  it('loads the settings-record words', () => {
    expect(cases.length).toBeGreaterThan(8)
    expect(rules.operatorValues.isRecord(['this', 'config'])).toBe(true)
    expect(rules.operatorValues.isRecord(['process', 'env'])).toBe(true)
    expect(rules.operatorValues.isRecord(['this', 'options'])).toBe(true)
    expect(rules.operatorValues.isRecord(['options'])).toBe(false)
    expect(rules.operatorValues.isRecord(['user', 'settings'])).toBe(false)
    expect(rules.operatorValues.isRecord(['customerConfig'])).toBe(false)
  })

  it.each(cases)('$label', ({ example, positive }) => {
    const found = flowsOf(example)
    if (positive) expect(found, 'the operator’s values make no flow').toEqual([])
    else expect(found).toEqual([...(typeof example === 'string' ? [] : (example.flows ?? []))].sort())
  })
})
