import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

// An app started by `npm start` (server/), with tools its package.json scripts run: a release script beside the
// helper it imports (extra/release/), a maintenance script that imports the app's own database module, and a build
// step that calls a language model (bin/).
describe('files package.json scripts run as tools (fixtures/detectors/script-tooling)', () => {
  it('keeps the app and the app modules a tool imports; the tools and their own helpers do not count', async () => {
    const { inventory } = await scanFixture('script-tooling')
    expect(inventory.processors.map((p) => p.vendor).sort()).toEqual(['example-pay.com', 'hosted-rows.io'])
  })

  it('reports the tools at low confidence, saying which script runs them, and the SDK only they use as low too', async () => {
    const { findings } = await scanFixture('script-tooling', 'low')
    const of = (key: string) => findings.filter((f) => f.kind === 'processor' && f.key === key)
    const registry = of('image-registry.dev')
    expect(registry.map((f) => [f.evidence.path, f.evidence.confidence])).toEqual([
      ['extra/release/lib.mjs', 'low'],
    ])
    expect(registry[0]!.evidence.reason).toMatch(
      /imported by extra\/release\/release\.mjs, which is run by the package\.json script "release"/,
    )
    const openai = of('openai')
    expect(openai.map((f) => f.evidence.path).sort()).toEqual(['bin/generate.ts', 'package.json'])
    for (const f of openai) expect(f.evidence.confidence).toBe('low')
    expect(openai.find((f) => f.evidence.path === 'bin/generate.ts')!.evidence.reason).toMatch(
      /run by the package\.json script "build:data"/,
    )
    // The maintenance script is tooling; the database module it imports from server/ is the app's.
    expect(of('hosted-rows.io').map((f) => f.evidence.confidence)).not.toContain('low')
  })
})
