import { describe, expect, it } from 'vitest'
import { categoriesOf, scanFixture } from './fixture.js'

describe("business records: a record with a field only an organisation has holds the organisation's places", () => {
  it("a CRM account's addresses and fax beside its VAT number are the company's", async () => {
    const { findings } = await scanFixture('business-records')
    const account = findings.filter(
      (f) =>
        f.kind === 'personalData' &&
        (f.key.startsWith('user.contact.address') || f.key === 'user.contact.fax_number') &&
        f.evidence.symbol?.startsWith('accountSchema.'),
    )
    expect(account.map((f) => `${f.evidence.symbol} → ${f.key}`)).toEqual([])
  })

  it("a person's record beside the same fields stays personal (a sole trader's VAT number)", async () => {
    const { findings } = await scanFixture('business-records')
    expect(categoriesOf(findings, 'contactSchema.billing_street')).toEqual(['user.contact.address.street'])
    expect(categoriesOf(findings, 'contactSchema.fax')).toEqual(['user.contact.fax_number'])
    expect(categoriesOf(findings, 'contactSchema.first_name')).toEqual(['user.name.first'])
  })
})
