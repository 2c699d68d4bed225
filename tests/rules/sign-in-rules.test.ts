import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import type { DomainExample } from '../../src/rules/library-schema.js'
import type { VendorExample } from '../../src/rules/schema.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const libraries = ruleSetInput(rules)?.signIn ?? []

/** Vendors (and domains) reported at the default confidence, with how each was found. */
function reported(file: string, code: string): Map<string, string[]> {
  const { inventory } = buildInventory([scanFile(file, code, rules)], rules)
  return new Map([...inventory.analytics, ...inventory.processors].map((v) => [v.vendor, v.evidence.map((e) => e.how)]))
}

const show = (code: string): string => code.replace(/\n/g, ' ⏎ ').slice(0, 100)
const asFile = (e: VendorExample): { file: string; code: string } =>
  typeof e === 'string' ? { file: 'src/auth.tsx', code: e } : { file: e.file, code: e.content }

describe('auth-library rule examples through scanFile + buildInventory', () => {
  const cases = libraries.flatMap((f) => [
    ...f.examples.positive.map((e: DomainExample) => ({ e, positive: true, label: `+ ${e.reports}: ${show(e.code)}` })),
    ...f.examples.negative.map((e: DomainExample) => ({ e, positive: false, label: `- ${e.reports}: ${show(e.code)}` })),
  ])

  it('loads the built-in auth-library rules', () => {
    expect(cases.length).toBeGreaterThan(25)
  })

  it.each(cases)('$label', ({ e, positive }) => {
    const found = reported(e.file ?? 'src/auth.tsx', e.code)
    if (positive) expect(found.get(e.reports), `expected ${e.reports} in ${[...found.keys()].join(', ')}`).toContain('sign-in')
    else expect(found.has(e.reports), `${e.reports} must not be reported`).toBe(false)
  })
})

describe("every vendor rule's sign_in_examples through the sign-in detector", () => {
  const vendors = [...rules.vendors.values()].filter((v) => v.sign_in_examples)
  const cases = vendors.flatMap((v) => [
    ...v.sign_in_examples!.positive.map((e, i) => ({ v, e, positive: true, label: `${v.id} +${i} ${show(asFile(e).code)}` })),
    ...v.sign_in_examples!.negative.map((e, i) => ({ v, e, positive: false, label: `${v.id} -${i} ${show(asFile(e).code)}` })),
  ])

  it('covers the identity providers of the vendor rules', () => {
    expect(vendors.length).toBeGreaterThan(50)
  })

  it.each(cases)('$label', ({ v, e, positive }) => {
    const { file, code } = asFile(e)
    const found = reported(file, code)
    if (positive) expect(found.get(v.id), `expected ${v.id} (sign-in) in ${[...found.keys()].join(', ') || 'nothing'}`).toContain('sign-in')
    else expect(found.has(v.id), `${v.id} must not be reported`).toBe(false)
  })
})
