import { describe, expect, it } from 'vitest'
import { found, scanFixture } from './fixture.js'

describe('fields read off a value named for a person', () => {
  it('classifies the leaf reads of a person value, not methods, chain links or reads off other values', async () => {
    const { findings } = await scanFixture('person-reads')
    expect(found(findings, 'personalData')).toEqual(
      [
        // a GitHub user's login is the account handle (a weak term, made the person's by the receiver `user`)
        'user.account.username @ src/github.js:user.login',
        'user.content.self_image @ src/github.js:user.avatar_url',
        // through `this.` and optional chaining; `user.save()` and the link `user.profile` are not fields
        'user.name @ src/github.js:profile.nickname',
        'user.contact.email @ src/github.js:user.email',
        // nothing off `project`, `users.length` or `settings.login`: those values are not people
      ].sort(),
    )
  })
})

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
