import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

// A published package is code that runs in other people's programs, unless the product itself loads it: here the
// server's page imports its own published widget from a CDN URL, so the widget is the product; the other published
// package, which the server imports only by a bare name its manifest does not list, stays outside it.
describe('a published package the product loads by CDN URL (fixtures/detectors/cdn-loaded-widget)', () => {
  it('keeps the widget the server page imports from unpkg in the product', async () => {
    const { findings } = await scanFixture('cdn-loaded-widget')
    const giphy = findings.find((f) => f.key === 'giphy')
    expect(giphy?.evidence.path).toBe('packages/widget/src/gifs.ts')
    expect(giphy?.evidence.confidence).toBe('high')
  })

  it('still lowers a published package the product imports only by a bare, unlisted name', async () => {
    const { findings } = await scanFixture('cdn-loaded-widget')
    expect(findings.some((f) => f.key === 'mixpanel')).toBe(false)
    const low = await scanFixture('cdn-loaded-widget', 'low')
    const mixpanel = low.findings.find((f) => f.key === 'mixpanel')
    expect(mixpanel?.evidence.reason).toMatch(/publishes for others/)
  })
})
