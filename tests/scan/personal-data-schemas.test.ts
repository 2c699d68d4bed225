import { describe, expect, it } from 'vitest'
import { categoriesOf, personalSymbols, scanFixture } from './fixture.js'

describe('personal data from validation schemas', () => {
  it('zod: keys, validator signals (z.string().email(), z.email(), z.ipv4()) and extended schemas', async () => {
    const { findings } = await scanFixture('zod')
    expect(categoriesOf(findings, 'signUpSchema.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'signUpSchema.fullName')).toEqual(['user.name'])
    // the name says nothing; the validator says what it is
    expect(categoriesOf(findings, 'inviteSchema.recipient')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'inviteSchema.lastSeenFrom')).toEqual(['user.device.ip_address'])
    // `signUpSchema.pick(...).extend({...})` is a schema because signUpSchema is one
    expect(categoriesOf(findings, 'checkoutSchema.shippingAddress.postalCode')).toEqual([
      'user.contact.address.postal_code',
    ])
    const evidence = findings.find((f) => f.evidence.symbol === 'inviteSchema.recipient')!.evidence
    expect(evidence).toMatchObject({ rule: 'signal.schema.email', how: 'schema', confidence: 'high' })
    const symbols = personalSymbols(findings)
    for (const s of [
      'signUpSchema.acceptTerms',
      'searchSchema.query',
      'searchSchema.page',
      'searchSchema.tooltip',
    ])
      expect(symbols.has(s), s).toBe(false)
  })

  it('yup: object().shape() and named imports', async () => {
    const { findings } = await scanFixture('yup')
    expect(categoriesOf(findings, 'contactSchema.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'contactSchema.name')).toEqual(['user.name'])
    expect(categoriesOf(findings, 'patientSchema.birthDate')).toEqual(['user.demographic.date_of_birth'])
    expect(personalSymbols(findings).has('patientSchema.emailVerified')).toBe(false)
  })

  it('valibot: pipes carry the email validator', async () => {
    const { findings } = await scanFixture('valibot')
    expect(categoriesOf(findings, 'AccountSchema.contactEmail')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'AccountSchema.homeAddress')).toEqual(['user.contact.address'])
    expect(personalSymbols(findings).has('AccountSchema.marketingEmailsEnabled')).toBe(false)
  })

  it('class-validator: decorators classify fields whatever their names', async () => {
    const { findings } = await scanFixture('class-validator')
    expect(categoriesOf(findings, 'CreateUserDto.login')).toContain('user.contact.email')
    expect(categoriesOf(findings, 'CreateUserDto.contact')).toEqual(['user.contact.phone_number'])
    expect(categoriesOf(findings, 'CreateUserDto.password')).toEqual(['user.authorization.password'])
    expect(personalSymbols(findings).has('CreateUserDto.newsletterEmailEnabled')).toBe(false)
  })
})

describe('personal data from ORM models and schema files', () => {
  it('Prisma: models split over several files (prismaSchemaFolder)', async () => {
    const { findings } = await scanFixture('prisma')
    expect(categoriesOf(findings, 'User.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'User.name')).toEqual(['user.name'])
    expect(categoriesOf(findings, 'BillingProfile.postalCode')).toEqual(['user.contact.address.postal_code'])
    // A weak `name` is corroborated by a scalar sibling, not by a relation field named like data (`emails Email[]`).
    expect(categoriesOf(findings, 'Email.name')).toEqual(['user.name'])
    const paths = new Set(findings.map((f) => f.evidence.path))
    expect(paths).toEqual(new Set(['prisma/schema/user.prisma', 'prisma/schema/billing.prisma']))
    const symbols = personalSymbols(findings)
    for (const s of [
      'User.emailVerified',
      'User.role',
      'User.createdAt',
      'Account.provider',
      'Automation.name',
    ])
      expect(symbols.has(s), s).toBe(false)
  })

  it('Drizzle: object and callback table forms; column types filter', async () => {
    const { findings } = await scanFixture('drizzle')
    expect(categoriesOf(findings, 'users.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'sessions.ipAddress')).toEqual(['user.device.ip_address'])
    expect(categoriesOf(findings, 'sessions.userAgent')).toEqual(['user.device.user_agent'])
    const symbols = personalSymbols(findings)
    for (const s of [
      'users.emailVerified',
      'sessions.expiresAt',
      'featureFlags.enabled',
      'feature_flags.enabled',
    ])
      expect(symbols.has(s), s).toBe(false)
    // a table of a pgSchema made in another module, in a file that imports Drizzle's column builders
    expect(categoriesOf(findings, 'accounts.password')).toEqual(['user.authorization.password'])
    // `x.table(…)` in a file without Drizzle is no table
    expect(symbols.has('people.password')).toBe(false)
  })

  it('TypeORM: @Column fields of an @Entity, typed by the decorator', async () => {
    const { findings } = await scanFixture('typeorm')
    expect(categoriesOf(findings, 'Patient.firstName')).toEqual(['user.name.first'])
    expect(categoriesOf(findings, 'Patient.dateOfBirth')).toEqual(['user.demographic.date_of_birth'])
    expect(findings.find((f) => f.evidence.symbol === 'Patient.firstName')!.evidence.how).toBe('schema')
    expect(personalSymbols(findings).has('Patient.createdAt')).toBe(false)
  })

  it('Mongoose: new Schema({...}), nested paths and { type } options', async () => {
    const { findings } = await scanFixture('mongoose')
    expect(categoriesOf(findings, 'userSchema.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'userSchema.profile.firstName')).toEqual(['user.name.first'])
    expect(categoriesOf(findings, 'userSchema.lastLoginIp')).toEqual(['user.device.ip_address'])
    const symbols = [...personalSymbols(findings)]
    expect(symbols.filter((s) => /isAdmin|settingsSchema/.test(s))).toEqual([])
  })

  it('Sequelize: Model.init, sequelize.define and queryInterface.createTable migrations', async () => {
    const { findings } = await scanFixture('sequelize')
    expect(categoriesOf(findings, 'Member.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'Member.birthday')).toEqual(['user.demographic.date_of_birth'])
    expect(categoriesOf(findings, 'Subscriber.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'members.phoneNumber')).toEqual(['user.contact.phone_number'])
    expect(personalSymbols(findings).has('Member.isActive')).toBe(false)
  })

  it('GraphQL SDL in .graphql files and gql`` templates, not query documents', async () => {
    const { findings } = await scanFixture('graphql')
    expect(categoriesOf(findings, 'User.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'UpdateProfileInput.phoneNumber')).toEqual(['user.contact.phone_number'])
    const order = findings.filter((f) => f.evidence.symbol === 'Order.customerEmail')
    expect(order.map((f) => `${f.key} ${f.evidence.path}:${f.evidence.line}`)).toEqual([
      'user.contact.email src/graphql/order.ts:7',
    ])
    const symbols = [...personalSymbols(findings)]
    expect(symbols.filter((s) => /isEmailVerified|Query\.|orders/.test(s))).toEqual([])
  })

  it('SQL migrations: CREATE TABLE columns and ALTER TABLE … ADD COLUMN', async () => {
    const { findings } = await scanFixture('sql')
    expect(categoriesOf(findings, 'customers.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'customers.phone_number')).toEqual(['user.contact.phone_number'])
    expect(categoriesOf(findings, 'customers.date_of_birth')).toEqual(['user.demographic.date_of_birth'])
    const symbols = personalSymbols(findings)
    for (const s of ['customers.email_verified', 'customers.created_at', 'api_keys.server_ip'])
      expect(symbols.has(s), s).toBe(false)
  })

  it('knex migrations: column builders of createTable', async () => {
    const { findings } = await scanFixture('knex')
    expect(categoriesOf(findings, 'users.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'users.first_name')).toEqual(['user.name.first'])
    expect(personalSymbols(findings).has('users.email_verified')).toBe(false)
  })

  it('knex migrations: chained createTable calls sharing a builder name keep their own tables', async () => {
    const { findings } = await scanFixture('knex')
    expect(categoriesOf(findings, 'device.push_token')).toEqual(['user.device.device_id'])
    expect(personalSymbols(findings).has('monitor.url')).toBe(false)
  })
})

describe('validator signals', () => {
  it('come from called validators only, not from literal or default values that mention EMAIL', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const { rules } = await import('./fixture.js')
    const code = [
      "import { z } from 'zod'",
      'export const Field = z.object({',
      '  type: z.literal(FieldType.EMAIL),',
      '  method: z.nativeEnum(Method).default(Method.EMAIL),',
      '  recipient: z.string().email(),',
      '})',
      'export const SmtpTransportSchema = z.object({ fromAddress: z.string().email() })',
    ].join('\n')
    const facts = scanFile('src/schema.ts', code, rules)
    expect(facts.findings.map((f) => `${f.key} ${f.evidence.symbol}`)).toEqual([
      'user.contact.email Field.recipient',
    ])
  })
})
