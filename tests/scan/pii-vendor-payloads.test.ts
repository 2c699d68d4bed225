import { describe, expect, it } from 'vitest'
import { categoriesOf, scanFixture } from './fixture.js'

describe("vendor payloads: a type declared in a module named for a vendor spells that vendor's API", () => {
  it('the fields of a type in types/polar.ts are not personal data', async () => {
    const { findings } = await scanFixture('vendor-payloads')
    const polar = findings.filter((f) => f.kind === 'personalData' && f.evidence.path.endsWith('/polar.ts'))
    expect(polar.map((f) => `${f.evidence.symbol} → ${f.key}`)).toEqual([])
  })

  it('nor are the fields of a type in a folder named for a vendor (sources/clearbit/types.ts)', async () => {
    const { findings } = await scanFixture('vendor-payloads')
    const clearbit = findings.filter(
      (f) => f.kind === 'personalData' && f.evidence.path.includes('/clearbit/'),
    )
    expect(clearbit.map((f) => `${f.evidence.symbol} → ${f.key}`)).toEqual([])
  })

  it("a hosted database's generated types are the product's own tables", async () => {
    const { findings } = await scanFixture('vendor-payloads')
    const supabase = findings.filter(
      (f) => f.kind === 'personalData' && f.evidence.path.endsWith('/supabase.ts'),
    )
    expect(supabase.map((f) => f.key)).toContain('user.contact.email')
  })

  it('the same type in a module of the product, or one named by an everyday word, is personal data', async () => {
    const { findings } = await scanFixture('vendor-payloads')
    const own = findings.filter((f) => f.evidence.path.endsWith('/profile.ts'))
    expect(categoriesOf(own, 'Customer.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(own, 'Customer.postalCode')).toEqual(['user.contact.address.postal_code'])
    expect(categoriesOf(findings, 'ShippingLine.shippingAddress')).toEqual(['user.contact.address'])
  })
})

describe("vendor payloads: an input schema named for the vendor in a module named for it parses the vendor's answer", () => {
  it('the fields of openaiSubscriptionSchema in monitor/openai.ts are not personal data', async () => {
    const { findings } = await scanFixture('vendor-payloads')
    const payload = findings.filter(
      (f) => f.kind === 'personalData' && f.evidence.symbol?.startsWith('openaiSubscriptionSchema'),
    )
    expect(payload.map((f) => `${f.evidence.symbol} → ${f.key}`)).toEqual([])
  })

  it('a schema in the same module not named for the vendor still holds the user’s data', async () => {
    const { findings } = await scanFixture('vendor-payloads')
    expect(categoriesOf(findings, 'checkoutSchema.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'checkoutSchema.postalCode')).toEqual(['user.contact.address.postal_code'])
  })
})
