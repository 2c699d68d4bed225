import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.frameworkModules ?? []

/** Vendors reported at `min` confidence or above for one config file. */
function reported(file: string, code: string, min: 'medium' | 'low'): Set<string> {
  const { inventory } = buildInventory([scanFile(file, code, rules)], rules, { minConfidence: min })
  return new Set([...inventory.analytics, ...inventory.processors].map((v) => v.vendor))
}

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ ...e, positive: true })),
  ...f.examples.negative.map((e) => ({ ...e, positive: false })),
])

describe('framework-module rule examples through scanFile + buildInventory', () => {
  it('loads the built-in framework-module rules', () => {
    expect(cases.length).toBeGreaterThan(4)
    expect(rules.frameworkModules.configFor('apps/web/nuxt.config.ts')?.name).toBe('Nuxt')
    expect(rules.frameworkModules.configFor('src/nuxt.ts')).toBeUndefined()
  })

  it.each(cases)('$file: $reports ($positive)', ({ file, code, reports, positive }) => {
    if (positive) expect(reported(file, code, 'medium')).toContain(reports)
    else expect(reported(file, code, 'low')).not.toContain(reports)
  })

  it('reports a listed package at high confidence, at the line of the list entry', () => {
    const code = "export default defineNuxtConfig({\n  modules: [\n    '@nuxt/image',\n    '@vercel/analytics',\n  ],\n})\n"
    const { inventory } = buildInventory([scanFile('apps/base/nuxt.config.ts', code, rules)], rules)
    const vercel = inventory.analytics.find((a) => a.vendor === 'vercel-analytics')
    expect(vercel?.evidence.map((e) => [e.path, e.line, e.confidence])).toEqual([['apps/base/nuxt.config.ts', 4, 'high']])
  })
})
