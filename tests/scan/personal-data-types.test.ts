import { describe, expect, it } from 'vitest'
import { categoriesOf, personalSymbols, scanFixture } from './fixture.js'

describe('personal data from TypeScript types', () => {
  it('reads interface fields and uses the declared type as a filter', async () => {
    const { findings } = await scanFixture('interfaces')
    expect(categoriesOf(findings, 'User.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'User.firstName')).toEqual(['user.name.first'])
    expect(categoriesOf(findings, 'User.phoneNumber')).toEqual(['user.contact.phone_number'])
    expect(categoriesOf(findings, 'User.dateOfBirth')).toEqual(['user.demographic.date_of_birth'])
    expect(categoriesOf(findings, 'ShippingAddress.postalCode')).toEqual(['user.contact.address.postal_code'])
    const symbols = personalSymbols(findings)
    // boolean flag, infrastructure IPs, a function, a regex, tooltip/zip in a UI props type
    for (const s of [
      'User.emailVerified',
      'User.createdAt',
      'ServerConfig.serverIp',
      'ServerConfig.bindIp',
      'ServerConfig.name',
      'TooltipProps.onEmailChange',
      'TooltipProps.emailRegex',
      'TooltipProps.tooltip',
    ])
      expect(symbols.has(s), s).toBe(false)
  })

  it('reads type literals, nested ones under their parent field', async () => {
    const { findings } = await scanFixture('type-literals')
    expect(categoriesOf(findings, 'ProfileFormState.contact.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'ProfileFormState.contact.mobilePhone')).toEqual([
      'user.contact.phone_number',
    ])
    expect(categoriesOf(findings, 'ProfileForm.account.username')).toEqual(['user.account.username'])
    const symbols = [...personalSymbols(findings)]
    expect(symbols.filter((s) => /isSubmitting|emailError|phoneCount/.test(s))).toEqual([])
  })

  it('gives the fields of an object type intersected with a named type that type as their container', async () => {
    const { findings } = await scanFixture('type-literals')
    expect([...personalSymbols(findings)].filter((s) => /DoNotTrack/.test(s))).toEqual([])
    // the alias names the intersection it declares: its own fields are the alias's
    expect(categoriesOf(findings, 'MemberWithPhone.homePhone')).toEqual(['user.contact.phone_number'])
  })

  it('reads class fields, including constructor parameter properties, and skips flags and functions', async () => {
    const { findings } = await scanFixture('classes')
    expect(categoriesOf(findings, 'Customer.fullName')).toEqual(['user.name'])
    expect(categoriesOf(findings, 'Customer.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'Customer.passwordHash')).toEqual(['user.authorization.password'])
    const symbols = personalSymbols(findings)
    for (const s of [
      'Customer.isVerified',
      'Customer.loginCount',
      'Customer.formatEmail',
      'RetryPolicy.name',
    ])
      expect(symbols.has(s), s).toBe(false)
  })

  it('skips the services a DI framework injects into a constructor, not the data parameters beside them', async () => {
    const { findings } = await scanFixture('classes')
    const symbols = personalSymbols(findings)
    expect(symbols.has('ViewTransferComponent.location'), 'Angular Location service').toBe(false)
    expect(categoriesOf(findings, 'ViewTransferComponent.clientEmail')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'ClientProfileService.billingEmail')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'CustomerVisit.location')).toEqual(['user.location.imprecise'])
  })
})
