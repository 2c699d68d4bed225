import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import type { DomainExample } from '../../src/rules/library-schema.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.outbound ?? []

/** The vendor ids and domains the default inventory reports for one example file. */
function reported(example: DomainExample): string[] {
  const facts = [scanFile(example.file ?? 'src/example.ts', example.code, rules)]
  const { inventory } = buildInventory(facts, rules)
  return [...inventory.analytics, ...inventory.processors].map((v) => v.vendor)
}

const show = (e: DomainExample): string => e.code.replace(/\n/g, ' ⏎ ').slice(0, 90)
const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ example: e, positive: true, label: `+ ${e.reports}: ${show(e)}` })),
  ...f.examples.negative.map((e) => ({ example: e, positive: false, label: `- ${e.reports}: ${show(e)}` })),
])

describe('outbound-call rule examples through scanFile + buildInventory', () => {
  it('loads the built-in outbound-call rules', () => {
    expect(cases.length).toBeGreaterThan(20)
  })

  it.each(cases)('$label', ({ example, positive }) => {
    const found = reported(example)
    if (positive) expect(found, `expected ${example.reports}`).toContain(example.reports)
    else expect(found, `${example.reports} must not be reported`).not.toContain(example.reports)
  })
})
