import { describe, expect, it } from 'vitest'
import { found, scanFixture } from './fixture.js'

describe('form controls of one component', () => {
  it('are classified with each other as siblings', async () => {
    const { findings } = await scanFixture('form-control-siblings')
    const addresses = found(findings, 'personalData').filter((f) => f.startsWith('user.contact.address'))
    expect(addresses).toEqual(
      [
        // beside `vat` and `annual_revenue`, the account form's billing address is a company's: left out
        'user.contact.address.city @ src/ShippingForm.tsx:<FormField name="shipping_city">',
        'user.contact.address.street @ src/ShippingForm.tsx:<FormField name="shipping_street">',
      ].sort(),
    )
  })
})
