import { describe, expect, it } from 'vitest'
import { found, scanFixture } from './fixture.js'

// Lists of integrations a user may connect, and logos on an about page, name hosts the code never calls by itself.
describe('catalogues and icons (fixtures/detectors/catalogues)', () => {
  it('keeps hosts of configured services, short lists, nested setting defaults and other attributes', async () => {
    const { findings } = await scanFixture('catalogues')
    expect(found(findings, 'processor')).toEqual([
      'anthropic @ src/providers.ts:api.anthropic.com',
      'attio @ src/profiles.ts:mcp.attio.com',
      'aws-s3 @ src/providers.ts:backups.s3.amazonaws.com',
      'aws-s3 @ src/providers.ts:exports.s3.amazonaws.com',
      'aws-s3 @ src/providers.ts:uploads.s3.amazonaws.com',
      'groq @ src/providers.ts:api.groq.com',
      'linear @ src/profiles.ts:mcp.linear.app',
      'mailgun @ src/profiles.ts:api.mailgun.net',
      'mistral @ src/providers.ts:api.mistral.ai',
      'notion @ src/profiles.ts:mcp.notion.com',
      'openai @ src/providers.ts:api.openai.com',
      'postmark @ src/profiles.ts:api.postmarkapp.com',
      'resend @ src/about.tsx:api.resend.com',
      'resend @ src/profiles.ts:api.resend.com',
      'sendgrid @ src/profiles.ts:api.sendgrid.com',
      'stripe @ src/connectors.ts:api.stripe.com',
      'todoist.net @ src/profiles.ts:ai.todoist.net',
    ])
  })

  it('reads an object of described entries keyed by name, holding only what people see, as a catalogue', async () => {
    const { findings } = await scanFixture('catalogues', 'low')
    const profiles = findings.filter(
      (f) => f.evidence.path === 'src/profiles.ts' && f.evidence.confidence !== 'low',
    )
    expect(profiles.map((f) => f.key).sort()).toEqual([
      'attio',
      'linear',
      'mailgun',
      'notion',
      'postmark',
      'resend',
      'sendgrid',
      'todoist.net',
    ])
  })

  it('reports the entries of a catalogue and icon hosts only at low confidence, saying why', async () => {
    const { findings } = await scanFixture('catalogues', 'low')
    const low = findings.filter((f) => f.evidence.confidence === 'low')
    const reasons = Object.fromEntries(low.map((f) => [`${f.key} @ ${f.evidence.path}`, f.evidence.reason]))
    for (const key of ['slack', 'linear', 'neon', 'cloudinary'])
      expect(reasons[`${key} @ src/connectors.ts`]).toMatch(/an entry of a catalogue of options/)
    for (const key of ['slack', 'stripe'])
      expect(reasons[`${key} @ src/about.tsx`]).toMatch(/names an icon to show/)
  })
})
