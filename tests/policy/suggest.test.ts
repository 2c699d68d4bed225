import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compareWithManifest } from '../../src/compare/compare.js'
import {
  groupPolicySentences,
  guessCookiePurpose,
  sentenceFor,
  suggestCookie,
  suggestData,
  suggestVendor,
} from '../../src/compare/suggest.js'
import { runCheck } from '../../src/core/check.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { CookieItem, Evidence, Inventory, PersonalDataItem, VendorItem } from '../../src/model/types.js'
import { loadRules } from '../../src/rules/load.js'

const rules = loadRules()
const ev = (path = 'src/a.ts', line = 1): Evidence => ({
  path,
  line,
  column: 1,
  rule: 'test',
  confidence: 'high',
  how: 'field',
  fingerprint: `${path}:${line}`,
})
const data = (category: string): PersonalDataItem => ({
  category,
  name: rules.categories.get(category)!.name,
  special: rules.categories.get(category)!.special,
  evidence: [ev()],
})
const vendor = (id: string): VendorItem => ({
  vendor: id,
  name: rules.vendors.get(id)!.name,
  categories: rules.vendors.get(id)!.categories,
  evidence: [ev('package.json')],
})
const cookie = (name: string, purpose: CookieItem['purpose'], v: string | null = null): CookieItem => ({
  name,
  pattern: name.includes('*'),
  vendor: v,
  purpose,
  source: v ? 'sdk-default' : 'code',
  evidence: [ev('src/c.ts', 4)],
})

describe('policy sentences', () => {
  it('names every taxonomy category in plain lower-case words, without taxonomy artefacts', () => {
    for (const key of rules.categories.keys()) {
      if (key === 'user' || key === 'system' || key.startsWith('system.')) continue
      const s = sentenceFor('personalData', data(key), rules)
      expect(s, key).toMatch(/^We collect (your |children's data)/)
      expect(s, key).not.toMatch(/\buser contact\b|\bUser\b|\bSubject\b|\bContact (Email|Phone)/)
      // Only acronyms (IP, ID, AI, GDPR, COPPA) and the first word are capitalised in the data wording.
      const wording = /^We collect (?:your )?(.+?) to \[purpose\]/.exec(s)![1]!
      for (const word of wording.split(/\s+/))
        expect(word === word.toLowerCase() || /^[A-Z]{2,}s?$/.test(word), `${key}: ${word}`).toBe(true)
    }
  })

  it('uses the wording a policy uses for common categories', () => {
    expect(sentenceFor('personalData', data('user.contact.email'), rules)).toBe(
      'We collect your email address to [purpose].',
    )
    expect(sentenceFor('personalData', data('user.contact.phone_number'), rules)).toBe(
      'We collect your phone number to [purpose].',
    )
    expect(sentenceFor('personalData', data('user.demographic.date_of_birth'), rules)).toBe(
      'We collect your date of birth to [purpose].',
    )
    expect(sentenceFor('personalData', data('user.device.ip_address'), rules)).toBe(
      'We collect your IP address to [purpose].',
    )
  })

  it('flags special-category data', () => {
    expect(sentenceFor('personalData', data('user.health_and_medical'), rules)).toMatch(
      /health information.*special-category data \(GDPR Art\. 9\).*explicit consent/,
    )
    expect(sentenceFor('personalData', data('user.criminal_history'), rules)).toMatch(/GDPR Art\. 10/)
    expect(sentenceFor('personalData', data('user.childrens'), rules)).toMatch(
      /^We collect children's data .*parent or guardian/,
    )
    expect(sentenceFor('personalData', data('user.contact.email'), rules)).not.toMatch(/special/)
  })

  it('says what a processor receives, from whom, and why', () => {
    // Without flows, the vendor's typical data, and the sentence says so; with flows, what the code sends.
    expect(sentenceFor('processor', vendor('stripe'), rules)).toBe(
      'We share your email address, name, payment card details, postal address and IP address with Stripe, Inc. to process payments. [typical for Stripe: the code shows no personal data sent to it — confirm]',
    )
    expect(sentenceFor('processor', vendor('stripe'), rules, ['user.contact.email', 'user.name'])).toBe(
      'We share your email address and name with Stripe, Inc. to process payments.',
    )
    // The product name is added when the legal entity does not contain it.
    expect(sentenceFor('processor', vendor('segment'), rules)).toMatch(/Twilio Inc\. \(Segment\)/)
    expect(sentenceFor('analytics', vendor('posthog'), rules)).toMatch(
      /^We use PostHog, Inc\. to understand how people use the product; PostHog receives your /,
    )
  })

  it('words cookies by purpose, with the vendor that sets them', () => {
    expect(sentenceFor('cookie', cookie('ph_*_posthog', 'analytics', 'posthog'), rules)).toBe(
      'We use analytics cookies (ph_*_posthog, set by PostHog) to understand how visitors use the site.',
    )
    expect(sentenceFor('cookie', cookie('session_id', 'strictly-necessary'), rules)).toMatch(
      /^We use strictly necessary cookies \(session_id\)/,
    )
    // Unknown purpose: guessed from the name when the name says it, a placeholder otherwise.
    expect(sentenceFor('cookie', cookie('ll_currency', null), rules)).toMatch(
      /^We use preference cookies \(ll_currency\) to remember your settings/,
    )
    expect(sentenceFor('cookie', cookie('xq7', null), rules)).toBe('We use a cookie (xq7) to [purpose].')
  })

  it('groups sentences the way a policy reads', () => {
    const inv: Inventory = {
      files: 1,
      personalData: [
        data('user.contact.phone_number'),
        data('user.demographic.date_of_birth'),
        data('user.health_and_medical'),
      ],
      cookies: [cookie('ll_currency', null), cookie('ll_theme', null), cookie('sid', 'strictly-necessary')],
      analytics: [],
      processors: [vendor('resend')],
      flows: [],
      unusedDependencies: [],
      notes: [],
    }
    const drift = compareWithManifest(inv, parseManifest('version: 1\n', 'privacy.yml', rules), rules)
    const grouped = groupPolicySentences(drift.undeclared)
    expect(grouped[0]).toBe('We collect your phone number and date of birth to [purpose].')
    expect(grouped.filter((s) => /health information/.test(s))).toHaveLength(1)
    expect(grouped).toContain(
      'We use preference cookies (ll_currency; ll_theme) to remember your settings, such as language or currency.',
    )
    expect(grouped.filter((s) => s.startsWith('We use strictly necessary cookies'))).toEqual([
      'We use strictly necessary cookies (sid) to keep the site working, for example to keep you signed in.',
    ])
    expect(grouped.at(-1)).toMatch(/with Resend, Inc\./)
  })

  it('demo shop: every sentence reads as policy text', async () => {
    const outcome = await runCheck({ root: 'fixtures/demo-shop' })
    expect(outcome.drift.undeclared.length).toBeGreaterThan(0)
    for (const u of outcome.drift.undeclared) {
      expect(u.sentence).toMatch(/^We (collect|use|share) .+\.( .+)?$/)
      expect(u.sentence).not.toMatch(/\buser Contact\b|\bUser Contact\b|undefined|null/)
    }
  })
})

describe('privacy.yml suggestions', () => {
  it('declare what was found, and validate once merged into a manifest', () => {
    const blocks = [
      suggestData(data('user.contact.phone_number'), rules),
      suggestData(data('user.health_and_medical.genetic'), rules),
      suggestCookie(cookie('ll_currency', null)),
      suggestCookie(cookie('ph_*_posthog', 'analytics', 'posthog')),
      suggestVendor(vendor('posthog'), 'analytics', rules),
      suggestVendor(vendor('stripe'), 'processors', rules),
    ]
    const merged: Record<string, unknown[]> = {}
    for (const b of blocks)
      for (const [k, v] of Object.entries(parse(b) as Record<string, unknown[]>))
        merged[k] = [...(merged[k] ?? []), ...v]
    const m = parseManifest(
      `version: 1\n${Object.entries(merged)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join('\n')}\n`,
      'privacy.yml',
      rules,
    )
    expect(m.data.map((d) => d.category)).toEqual([
      'user.contact.phone_number',
      'user.health_and_medical.genetic',
    ])
    expect(m.cookies.map((c) => [c.name, c.purpose])).toEqual([
      ['ll_currency', 'preferences'],
      ['ph_*_posthog', 'analytics'],
    ])
    expect(m.processors[0]!.data).toEqual(rules.vendors.get('stripe')!.data_categories)
  })

  it('explain themselves in comments: category words, special data, where a cookie was set, vendor categories', () => {
    expect(suggestData(data('user.contact.phone_number'), rules)).toMatch(
      /^data:\n {2}- category: user\.contact\.phone_number {2}# phone number\n {4}purposes: \[\] {2}# TODO/,
    )
    expect(suggestData(data('user.health_and_medical.genetic'), rules)).toMatch(
      /# genetic data — special-category data \(GDPR Art\. 9\)/,
    )
    expect(suggestCookie(cookie('ll_currency', null))).toMatch(
      /- name: ll_currency {2}# src\/c\.ts:4\n {4}purpose: preferences {2}# TODO: confirm \(guessed from the name\)/,
    )
    expect(suggestCookie(cookie('xq7', null))).toMatch(/purpose: functional {2}# TODO: confirm/)
    expect(suggestVendor(vendor('stripe'), 'processors', rules)).toMatch(
      /^processors:\n {2}- vendor: stripe {2}# Stripe · payment processors, fraud prevention\n {4}purpose: to process payments\n {4}data: \[/,
    )
  })

  it('guesses cookie purposes from common names, and admits when it cannot', () => {
    expect(guessCookiePurpose('connect.sid')).toBe('strictly-necessary')
    expect(guessCookiePurpose('XSRF-TOKEN')).toBe('security')
    expect(guessCookiePurpose('cookie_consent')).toBe('strictly-necessary')
    expect(guessCookiePurpose('NEXT_LOCALE')).toBe('preferences')
    expect(guessCookiePurpose('_ga_ABC123')).toBe('analytics')
    expect(guessCookiePurpose('_fbp')).toBe('marketing')
    expect(guessCookiePurpose('xq7')).toBeUndefined()
  })
})
