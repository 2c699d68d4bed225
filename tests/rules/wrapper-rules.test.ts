import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.wrappers ?? []

/** Vendors reported (at `min` confidence, with their evidence's confidence) for a file importing the package. */
function reported(pkg: string, min: 'medium' | 'low'): Map<string, string[]> {
  const facts = [scanFile('src/example.ts', `import x from '${pkg}'\nexport default x\n`, rules)]
  const { inventory } = buildInventory(facts, rules, { minConfidence: min })
  return new Map([...inventory.analytics, ...inventory.processors].map((v) => [v.vendor, v.evidence.map((e) => e.confidence)]))
}

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ ...e, positive: true })),
  ...f.examples.negative.map((e) => ({ ...e, positive: false })),
])

describe('package-wrapper rule examples through scanFile + buildInventory', () => {
  it('loads the built-in wrapper rules', () => {
    expect(cases.length).toBeGreaterThan(10)
  })

  it.each(cases)('$package → $vendor ($positive)', ({ package: pkg, vendor, positive }) => {
    if (positive) {
      // Named after the vendor: medium, never high.
      expect(reported(pkg, 'medium').get(vendor)).toEqual(['medium'])
      expect(rules.vendorForPackage(pkg), `${pkg} is a listed package: not a wrapper example`).toBeUndefined()
    } else expect(reported(pkg, 'low').has(vendor)).toBe(false)
  })

  it('counts a declared wrapper dependency only when the code uses it', () => {
    const pkg = scanFile('package.json', JSON.stringify({ dependencies: { 'nodemailer-sendgrid': '^1.0.3' } }), rules)
    const unused = buildInventory([pkg], rules).inventory
    expect(unused.processors).toEqual([])
    expect(unused.unusedDependencies.map((u) => [u.vendor, u.package])).toEqual([['sendgrid', 'nodemailer-sendgrid']])
    const mail = scanFile('src/mail.ts', "import sendgrid from 'nodemailer-sendgrid'\nexport const t = sendgrid({ apiKey })\n", rules)
    const used = buildInventory([pkg, mail], rules).inventory
    expect(used.processors.map((p) => [p.vendor, p.evidence.map((e) => `${e.path}:${e.confidence}`)])).toEqual([
      ['sendgrid', ['package.json:medium', 'src/mail.ts:medium']],
    ])
  })
})
