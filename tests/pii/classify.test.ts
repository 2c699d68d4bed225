import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { piiRuleSchema, type PiiRule } from '../../src/rules/schema.js'
import { PiiClassifier, type FieldContext } from '../../src/scan/pii/classify.js'

/** A rule with the schema's defaults filled in; examples are irrelevant to the mechanism under test. */
function rule(fields: Record<string, unknown>): PiiRule {
  return piiRuleSchema.parse({ kind: 'pii-field', examples: { positive: ['x'], negative: ['y'] }, ...fields })
}

const classifier = new PiiClassifier(
  [
    rule({
      id: 'pii.t.email',
      category: 'user.contact.email',
      sequences: [['email']],
      exclude_tokens: ['smtp'],
    }),
    rule({
      id: 'pii.t.phone',
      category: 'user.contact.phone_number',
      sequences: [['phone']],
      suffixes: ['number'],
      types: ['string', 'number'],
    }),
    rule({
      id: 'pii.t.name',
      category: 'user.name',
      sequences: [['full', 'name']],
      weak_sequences: [['name']],
    }),
    rule({
      id: 'pii.t.username',
      category: 'user.account.username',
      sequences: [['user', 'name'], ['username']],
    }),
    rule({
      id: 'pii.t.ip',
      category: 'user.device.ip_address',
      sequences: [['ip']],
      exclude_tokens: ['server'],
    }),
    rule({
      id: 'pii.t.state',
      category: 'user.contact.address.state',
      weak_sequences: [['state']],
      contexts: ['address', 'billing'],
      partners: [['city'], ['zip']],
    }),
    rule({
      id: 'pii.t.lat',
      category: 'user.location.precise',
      weak_sequences: [['lat'], ['lng']],
      partners: [['lat'], ['lng']],
    }),
    rule({
      id: 'pii.t.avatar',
      category: 'user.content.self_image',
      sequences: [['avatar']],
      suffixes: ['url'],
    }),
  ],
  loadRules().pii.vocabulary,
)

const category = (name: string, ctx: FieldContext = {}) => classifier.classify(name, ctx)?.category ?? null

describe('PiiClassifier', () => {
  it('matches strong sequences anywhere before carrier words', () => {
    expect(category('customerEmail')).toBe('user.contact.email')
    expect(category('emailValue')).toBe('user.contact.email')
    expect(category('hashedEmails')).toBe('user.contact.email')
    expect(category('phoneNumber')).toBe('user.contact.phone_number')
  })

  it('rejects a meta or unknown head word after the match', () => {
    expect(category('emailVerified')).toBeNull()
    expect(category('EMAIL_REGEX')).toBeNull()
    expect(category('emailSubject')).toBeNull()
    expect(category('avatarUrl')).toBe('user.content.self_image') // url is a declared suffix here
    expect(category('emailUrl')).toBeNull()
  })

  it('rejects flag, action and fixture prefixes', () => {
    for (const n of ['isEmail', 'sendEmail', 'setEmail', 'noEmail', 'defaultEmail', 'maxPhone'])
      expect(category(n), n).toBeNull()
  })

  it('prefers the longest sequence (userName is a username, not a person name)', () => {
    expect(category('userName', { container: 'User' })).toBe('user.account.username')
    expect(category('fullName')).toBe('user.name')
  })

  it('requires person context for weak terms', () => {
    expect(category('name')).toBeNull()
    expect(category('name', { container: 'Customer' })).toBe('user.name')
    expect(category('customerName')).toBe('user.name')
    expect(category('fileName', { container: 'User' })).toBeNull()
    expect(category('name', { container: 'Product' })).toBeNull()
  })

  it('accepts a weak term beside a strong personal sibling, with medium confidence', () => {
    const m = classifier.classify('name', { container: 'payload', siblings: ['name', 'email'] })
    expect(m?.category).toBe('user.name')
    expect(m?.confidence).toBe('medium')
    // a device identifier beside it does not make `name` a person's name
    expect(category('name', { container: 'Host', siblings: ['ip', 'port'] })).toBeNull()
  })

  it('uses rule contexts instead of person words, and partner siblings', () => {
    expect(category('state', { container: 'User' })).toBeNull()
    expect(category('state', { container: 'BillingAddress' })).toBe('user.contact.address.state')
    expect(category('state', { container: 'Customer', siblings: ['street', 'city'] })).toBe(
      'user.contact.address.state',
    )
    expect(category('lat', { siblings: ['lat', 'lng'] })).toBe('user.location.precise')
    expect(category('lat', { siblings: ['lat', 'zoom'] })).toBeNull()
  })

  it('filters by type', () => {
    expect(category('email', { type: 'boolean' })).toBeNull()
    expect(category('email', { type: 'function' })).toBeNull()
    expect(category('email', { type: 'number' })).toBeNull()
    expect(category('phone', { type: 'number' })).toBe('user.contact.phone_number')
  })

  it('rejects infrastructure containers unless they name a person, and field-description containers always', () => {
    expect(category('email', { container: 'ServerConfig' })).toBeNull()
    expect(category('email', { container: 'UserSettings' })).toBe('user.contact.email')
    expect(category('email', { container: 'UserValidationErrors' })).toBeNull()
    expect(category('ip', { container: 'ServerInfo' })).toBeNull()
    expect(category('email', { container: 'SmtpUser' })).toBeNull()
  })

  it('explains its decision', () => {
    const r = classifier.evaluate('emailVerified', {})
    expect(r.tokens).toEqual(['email', 'verified'])
    expect(r.match).toBeNull()
    expect(r.rejected[0]?.rule.id).toBe('pii.t.email')
    expect(r.rejected[0]?.reason).toContain('verified')
    const ok = classifier.evaluate('name', { container: 'Customer' })
    expect(ok.match?.reason).toContain('Customer')
  })

  it('returns nothing, quickly, for identifiers no rule can match', () => {
    const r = classifier.evaluate('tooltipDescription', { container: 'User' })
    expect(r).toEqual({ tokens: ['tooltip', 'description'], match: null, rejected: [] })
  })

  it('remembers names no sequence matches, but never a verdict that depends on the context', () => {
    // No sequence ends with any of its tokens: null again in a person's container, and explained in full.
    expect(category('tooltipDescription', { container: 'User' })).toBeNull()
    expect(category('tooltipDescription', { container: 'Customer', kind: 'model' })).toBeNull()
    expect(classifier.evaluate('tooltipDescription', {}).tokens).toEqual(['tooltip', 'description'])
    // A weak term rejected in one context still matches in another after it.
    expect(category('name', { container: 'Settings' })).toBeNull()
    expect(category('name', { container: 'Customer' })).toBe('user.name')
    expect(category('name', { container: 'Settings' })).toBeNull()
  })
})
