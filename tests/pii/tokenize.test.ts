import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { singularise, tokenizeIdentifier } from '../../src/scan/pii/tokenize.js'

describe('tokenizeIdentifier', () => {
  it.each([
    ['emailVerified', ['email', 'verified']],
    ['customer_email', ['customer', 'email']],
    ['EMAIL_REGEX', ['email', 'regex']],
    ['IPAddress', ['ip', 'address']],
    ['clientIP', ['client', 'ip']],
    ['SSNNumber', ['ssn', 'number']],
    ['x-forwarded-for', ['x', 'forwarded', 'for']],
    ['addressLine1', ['address', 'line', '1']],
    ['last4', ['last', '4']],
    ['ipv4', ['ipv4']],
    ['ipV6', ['ipv6']],
    ['oAuth2Token', ['oauth2', 'token']],
    ['phoneE164', ['phone', 'e164']],
    ['nameSpace', ['name', 'space']],
    ['namespace', ['namespace']],
    ['$user.email', ['user', 'email']],
  ])('splits %s', (input, expected) => {
    expect(tokenizeIdentifier(input)).toEqual(expected)
  })

  it.each([
    ['fname', ['first', 'name']],
    ['lname', ['last', 'name']],
    ['dob', ['date', 'of', 'birth']],
    ['customerDob', ['customer', 'date', 'of', 'birth']],
    ['birthday', ['birth', 'date']],
    ['pwd', ['password']],
    ['homeAddr', ['home', 'address']],
    ['zipcode', ['zip', 'code']],
    ['postcode', ['postal', 'code']],
    ['useragent', ['user', 'agent']],
    ['latlng', ['lat', 'lng']],
  ])('expands the alias in %s', (input, expected) => {
    expect(tokenizeIdentifier(input)).toEqual(expected)
  })

  it('reads no/num/nr as "number" only after another token', () => {
    expect(tokenizeIdentifier('phoneNo')).toEqual(['phone', 'number'])
    expect(tokenizeIdentifier('passport_nr')).toEqual(['passport', 'number'])
    expect(tokenizeIdentifier('noEmail')).toEqual(['no', 'email'])
    // `no` before more words is a negation; last, or before digits, it is a number.
    expect(tokenizeIdentifier('warnForNoPaymentMethod')).toEqual(['warn', 'for', 'no', 'payment', 'method'])
    expect(tokenizeIdentifier('id_no_2')).toEqual(['id', 'number', '2'])
  })

  it('does not treat inherited object keys as aliases', () => {
    expect(tokenizeIdentifier('constructor')).toEqual(['constructor'])
    expect(tokenizeIdentifier('toString')).toEqual(['to', 'string'])
    expect(tokenizeIdentifier('__proto__')).toEqual(['proto'])
  })

  it('returns nothing for identifiers without letters or digits', () => {
    expect(tokenizeIdentifier('')).toEqual([])
    expect(tokenizeIdentifier('$_-')).toEqual([])
  })
})

describe('singularise', () => {
  it.each([
    ['emails', 'email'],
    ['addresses', 'address'],
    ['ips', 'ip'],
    ['countries', 'country'],
    ['cookies', 'cookie'],
    ['selfies', 'selfie'],
    ['diagnoses', 'diagnosis'],
    ['searches', 'search'],
    ['children', 'child'],
  ])('%s → %s', (plural, single) => {
    expect(singularise(plural)).toBe(single)
  })

  it.each(['address', 'status', 'gps', 'sms', 'analytics', 'iris', 'access', 'email', 'ip'])(
    'keeps %s',
    (word) => {
      expect(singularise(word)).toBe(word)
    },
  )
})

/** An identifier-ish string: words in random case styles joined by random separators. */
const identifier = fc
  .tuple(
    fc.array(fc.stringMatching(/^[a-z]{1,8}[0-9]{0,2}$/), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('camel', 'pascal', 'snake', 'kebab', 'upper', 'dot'),
  )
  .map(([words, style]) => joinWords(words, style))

function joinWords(words: string[], style: string): string {
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)
  switch (style) {
    case 'camel':
      return words.map((w, i) => (i === 0 ? w : cap(w))).join('')
    case 'pascal':
      return words.map(cap).join('')
    case 'snake':
      return words.join('_')
    case 'kebab':
      return words.join('-')
    case 'upper':
      return words.join('_').toUpperCase()
    default:
      return words.join('.')
  }
}

describe('tokenizeIdentifier properties', () => {
  it('yields lowercase alphanumeric tokens and never throws, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), identifier), (s) => {
        for (const t of tokenizeIdentifier(s)) expect(t).toMatch(/^[a-z0-9]+$/)
      }),
      { numRuns: 2000 },
    )
  })

  it('is idempotent on its own output joined back together', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), identifier),
        fc.constantFrom(' ', '_', '-', '.'),
        (s, sep) => {
          const once = tokenizeIdentifier(s)
          expect(tokenizeIdentifier(once.join(sep))).toEqual(once)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('never finds an "ip" token inside zip, tooltip, skip or description', () => {
    const host = fc.constantFrom(
      'zip',
      'tooltip',
      'description',
      'skip',
      'ship',
      'zipCode',
      'tip',
      'recipient',
    )
    const other = fc.stringMatching(/^[a-hj-oq-z]{1,6}$/) // no i or p, so no other word can spell "ip"
    fc.assert(
      fc.property(
        fc.array(fc.oneof(host, other), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('camel', 'pascal', 'snake', 'kebab', 'upper', 'dot'),
        (words, style) => {
          expect(tokenizeIdentifier(joinWords(words, style))).not.toContain('ip')
        },
      ),
      { numRuns: 1000 },
    )
  })
})
