import { describe, expect, it } from 'vitest'
import { found, scanFixture } from './fixture.js'

// Tables of referrers and crawlers an app classifies traffic by name hosts it never calls.
describe('host lookup tables (fixtures/detectors/lookup-tables)', () => {
  it('keeps a short routing table, a host list used otherwise than by matching and settings nested in catalogue entries', async () => {
    const { findings } = await scanFixture('lookup-tables')
    expect(found(findings, 'processor')).toEqual([
      'postmark @ src/calls.ts:api.postmarkapp.com',
      'postmark @ src/calls.ts:api.postmarkapp.com',
      'resend @ src/calls.ts:api.resend.com',
      'sendgrid @ src/calls.ts:api.sendgrid.com',
      'sendgrid @ src/calls.ts:api.sendgrid.com',
      'stripe @ src/calls.ts:api.stripe.com',
      'stripe @ src/calls.ts:api.stripe.com',
    ])
    expect(found(findings, 'analytics')).toEqual([])
  })

  it('reports the keys of a host-keyed table and the makers credited in a catalogue only at low, saying why', async () => {
    const { findings } = await scanFixture('lookup-tables', 'low')
    const reasons = Object.fromEntries(
      findings
        .filter((f) => f.evidence.confidence === 'low')
        .map((f) => [`${f.key} @ ${f.evidence.path}`, f.evidence.reason]),
    )
    for (const key of ['taboola', 'whatsapp', 'disqus', 'slack'])
      expect(reasons[`${key} @ src/sources.ts`]).toMatch(/a key of a table the code looks hosts up in/)
    // A list the code only matches addresses against (`SITES.some((s) => href.includes(s))`).
    expect(reasons['whatsapp @ src/pages.ts']).toMatch(/a key of a table the code looks hosts up in/)
    // The same list as a set the code tests hosts with (`ICON_HOSTS.has(host)`).
    expect(reasons['slack @ src/favicons.ts']).toMatch(/a key of a table the code looks hosts up in/)
    for (const key of ['slack', 'paypal'])
      expect(reasons[`${key} @ src/crawlers.ts`]).toMatch(/an entry of a catalogue of options/)
  })
})
