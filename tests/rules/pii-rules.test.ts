import { describe, expect, it, test } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import type { PiiExample, PiiRule } from '../../src/rules/schema.js'
import { tokenizeIdentifier } from '../../src/scan/pii/tokenize.js'

const rules = loadRules()
const piiRules = [...rules.piiRules].sort((a, b) => (a.id < b.id ? -1 : 1))

const asField = (e: PiiExample) => (typeof e === 'string' ? { name: e } : e)
const show = (e: PiiExample): string => {
  const f = asField(e)
  const ctx = [f.container && `in ${f.container}`, f.kind && `(${f.kind})`, f.type && `: ${f.type}`, f.siblings && `beside ${f.siblings.join(',')}`]
  return [f.name, ...ctx.filter(Boolean)].join(' ')
}

const cases = piiRules.flatMap((rule) => [
  ...rule.examples.positive.map((example) => ({ rule, example, positive: true, label: `${rule.id} + ${show(example)}` })),
  ...rule.examples.negative.map((example) => ({ rule, example, positive: false, label: `${rule.id} - ${show(example)}` })),
])

describe('pii-field rule examples through the classifier', () => {
  test.each(cases)('$label', ({ rule, example, positive }) => {
    const { name, container, kind, type, siblings } = asField(example)
    const result = rules.pii.evaluate(name, { container, kind, type, siblings })
    const why = result.match
      ? `${result.match.rule.id}: ${result.match.reason}`
      : result.rejected.map((r) => `${r.rule.id}: ${r.reason}`).join('; ') || `no rule matches tokens ${result.tokens.join(' ')}`
    if (positive) expect(result.match?.category, why).toBe(rule.category)
    else expect(result.match?.category, why).not.toBe(rule.category)
  })
})

/** Sequences the tokenizer can actually produce: `[cc, num]` never matches because `num` becomes `number`. */
function unreachable(rule: PiiRule): string[] {
  const seqs = [...rule.sequences, ...rule.weak_sequences, ...rule.partners, ...rule.exclude_sequences, ...rule.exclude_siblings]
  return seqs.filter((s) => tokenizeIdentifier(s.join('_')).join(' ') !== s.join(' ')).map((s) => s.join(' '))
}

describe('pii rule quality', () => {
  it('has at least 45 rules with unique ids', () => {
    expect(piiRules.length).toBeGreaterThanOrEqual(45)
    const ids = piiRules.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('gives every rule at least 5 positive and 5 negative examples', () => {
    const thin = piiRules.filter((r) => r.examples.positive.length < 5 || r.examples.negative.length < 5).map((r) => r.id)
    expect(thin).toEqual([])
  })

  it('points every rule at an existing data category', () => {
    expect(piiRules.filter((r) => !rules.categories.has(r.category)).map((r) => r.id)).toEqual([])
  })

  it('only uses token sequences the tokenizer can produce', () => {
    const bad = piiRules.flatMap((r) => unreachable(r).map((s) => `${r.id}: [${s}]`))
    expect(bad).toEqual([])
  })

  it('does not list the same example as both positive and negative', () => {
    const clash = piiRules.flatMap((r) => {
      const pos = new Set(r.examples.positive.map(show))
      return r.examples.negative.map(show).filter((n) => pos.has(n)).map((n) => `${r.id}: ${n}`)
    })
    expect(clash).toEqual([])
  })
})

describe('taxonomy', () => {
  const categories = [...rules.categories.values()]

  it('has at least 60 data categories, special ones flagged', () => {
    expect(categories.length).toBeGreaterThanOrEqual(60)
    const special = new Set(categories.filter((c) => c.special).map((c) => c.key))
    for (const key of [
      'user.demographic.race_ethnicity',
      'user.demographic.religious_belief',
      'user.demographic.political_opinion',
      'user.demographic.sexual_orientation',
      'user.health_and_medical',
      'user.health_and_medical.genetic',
      'user.biometric',
      'user.criminal_history',
      'user.government_id',
      'user.childrens',
    ])
      expect(special.has(key), key).toBe(true)
    expect(special.has('user.contact.email')).toBe(false)
  })

  it('has every parent of every key', () => {
    const missing = categories
      .filter((c) => c.key.includes('.'))
      .map((c) => c.key.slice(0, c.key.lastIndexOf('.')))
      .filter((parent) => !rules.categories.has(parent))
    expect(missing).toEqual([])
  })

  it('has the keys other parts of the tool rely on', () => {
    const required = `user user.account user.account.username user.authorization user.authorization.password
      user.authorization.credentials user.unique_id user.unique_id.pseudonymous user.name user.name.first user.name.last
      user.contact user.contact.email user.contact.phone_number user.contact.url user.contact.fax_number
      user.contact.address user.contact.address.street user.contact.address.city user.contact.address.state
      user.contact.address.postal_code user.contact.address.country user.demographic user.demographic.date_of_birth
      user.demographic.age_range user.demographic.gender user.demographic.language user.demographic.marital_status
      user.demographic.race_ethnicity user.demographic.religious_belief user.demographic.political_opinion
      user.demographic.sexual_orientation user.device user.device.ip_address user.device.device_id
      user.device.cookie_id user.device.advertising_id user.device.user_agent user.location user.location.precise
      user.location.imprecise user.financial user.financial.credit_card user.financial.bank_account user.payment
      user.government_id user.government_id.national_identification_number user.government_id.passport_number
      user.government_id.drivers_license_number user.health_and_medical user.health_and_medical.genetic
      user.biometric user.behavior user.behavior.browsing_history user.behavior.search_history
      user.behavior.purchase_history user.behavior.media_consumption user.behavior.session_replay user.content
      user.content.private user.content.public user.content.self_image user.content.ai_prompt user.telemetry
      user.childrens user.criminal_history user.workplace user.job_title user.privacy_preferences system
      system.authentication system.operations`.split(/\s+/)
    expect(required.filter((k) => !rules.categories.has(k))).toEqual([])
  })

  it('uses lowercase, de-duplicated synonyms', () => {
    const bad = categories.flatMap((c) =>
      (c.synonyms ?? []).filter((s, i, all) => s !== s.toLowerCase() || s.trim() !== s || all.indexOf(s) !== i).map((s) => `${c.key}: ${s}`),
    )
    expect(bad).toEqual([])
  })

  it('loads the fideslang purposes', () => {
    for (const key of ['analytics.reporting', 'essential.service.authentication', 'marketing.advertising.third_party.targeted', 'train_ai_system'])
      expect(rules.purposes.has(key), key).toBe(true)
  })
})
