import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

describe('a service that receives personal data is a vendor', () => {
  it('lists the provider a mail transport or a setting-named URL sends to, at the flow', async () => {
    const { inventory } = await scanFixture('receiver-vendors')
    const vendors = [...inventory.analytics, ...inventory.processors]
    const at = (id: string): string[] =>
      vendors.find((v) => v.vendor === id)?.evidence.map((e) => `${e.path}:${e.line} ${e.how}`) ?? []
    // nodemailer's `service: 'aws'` and `process.env.MAILGUN_API_URL`: no import names the provider.
    expect(inventory.flows.map((f) => `${f.vendor} → ${f.category}`)).toEqual(
      expect.arrayContaining(['aws-ses → user.contact.email', 'mailgun → user.contact.email']),
    )
    expect(at('aws-ses')).toContain('src/mail.ts:10 sink')
    // The request already named the provider by its setting; the flow adds its stronger evidence.
    expect(at('mailgun')).toEqual(['src/newsletter.ts:3 outbound', 'src/newsletter.ts:5 sink'])
  })

  it('lists no provider that only the operator mails, and never the logs', async () => {
    const { inventory } = await scanFixture('receiver-vendors')
    const ids = [...inventory.analytics, ...inventory.processors].map((v) => v.vendor)
    expect(ids).not.toContain('sendgrid')
    expect(ids).not.toContain('logs')
    expect(inventory.flows.some((f) => f.vendor === 'logs')).toBe(true)
  })
})
