import { describe, expect, it, test } from 'vitest'
import { readPolicy, type Draft } from '../../src/policy/from-policy.js'
import { lexiconFor } from '../../src/policy/lexicon.js'
import { tableColumns } from '../../src/policy/names.js'
import { topicsOf } from '../../src/policy/segments.js'
import { policyText } from '../../src/policy/text.js'
import { loadRules } from '../../src/rules/load.js'
import { ConfigError } from '../../src/util/errors.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const rules = loadRules()
const policy = rules.policy

/** Reads an example as a whole policy (markdown, so an example may carry a heading). */
const read = (example: string): Draft => readPolicy(policyText(example, 'example.md'), rules)

const recipientItems = (d: Draft): string[] => [
  ...d.recipients.flatMap((r) =>
    r.vendor ? [`vendor:${r.vendor}`] : r.categoryNamed ? [`category:${r.category}`] : [],
  ),
  ...d.recipients.flatMap((r) => r.names.map((n) => `named:${n.name}`)),
  ...d.unplaced.map((u) => `named:${u.name}`),
]
const namedItems = (d: Draft): string[] => recipientItems(d).filter((r) => r.startsWith('named:'))
const retentionCount = (d: Draft): number =>
  d.retention.length + d.data.reduce((n, x) => n + x.retention.length, 0)

interface Case {
  label: string
  example: string
  positive: boolean
  /** True when the example shows what the rule says. */
  holds: (d: Draft) => boolean
}

function cases(
  name: string,
  examples: { positive: string[]; negative: string[] },
  holds: (d: Draft) => boolean,
): Case[] {
  const short = (e: string): string => e.replace(/\s+/g, ' ').slice(0, 70)
  return [
    ...examples.positive.map((example) => ({
      label: `${name} + ${short(example)}`,
      example,
      positive: true,
      holds,
    })),
    ...examples.negative.map((example) => ({
      label: `${name} - ${short(example)}`,
      example,
      positive: false,
      holds,
    })),
  ]
}

/** What each cue's examples show: the positive examples make `holds` true, the negative ones false. */
const CUE_CHECKS: Record<string, (d: Draft) => boolean> = {
  negation: (d) => d.data.length === 0,
  'negation-exception': (d) => d.data.length > 0,
  'negation-after': (d) => d.data.length === 0,
  condition: (d) => d.data.length > 0,
  'clause-break': (d) => d.data.length > 0,
  collection: (d) => d.data.length > 0,
  'security-collection': (d) => d.data.length > 0,
  sharing: (d) => d.recipients.length > 0,
  retention: (d) => retentionCount(d) > 0,
  duration: (d) => retentionCount(d) > 0,
  'not-retention': (d) => retentionCount(d) === 0,
  'no-duration': (d) => retentionCount(d) === 0,
  'retention-criterion': (d) => retentionCount(d) > 0,
  'unable-to-delete': (d) => retentionCount(d) > 0,
  'deletion-event': (d) => retentionCount(d) > 0,
  ownership: (d) => d.data.length === 0,
  jurisdiction: (d) => d.data.length === 0,
  enumeration: (d) => d.data.length > 0,
  'not-for-drafting': (d) => d.data.length === 0,
  'implied-use': (d) => d.data.length > 0,
  'verb-first': (d) => d.data.length === 0,
  modifier: (d) => d.data.length === 0,
  'modifier-before': (d) => d.data.length === 0,
  'device-place': (d) => !d.data.some((x) => x.category === 'user.device'),
  'others-data': (d) => d.data.length === 0,
  'device-kind': (d) => !d.data.some((x) => x.category === 'user.contact.phone_number'),
  'postal-address': (d) => d.data.some((x) => x.category.startsWith('user.contact.address.')),
  period: (d) => retentionCount(d) > 0,
  age: (d) => retentionCount(d) === 0,
  'no-period': (d) => retentionCount(d) === 0,
  hypothetical: (d) => (d.transfers?.countries ?? []).length === 0,
  'author-note': (d) => namedItems(d).length === 0,
  'template-instruction': (d) => d.data.length === 0 && d.recipients.length === 0,
  'retention-noun': (d) => retentionCount(d) > 0,
  'choice-list': (d) => retentionCount(d) === 0,
  'retention-list-purposes': (d) => retentionCount(d) === 1,
  'principles-list': (d) => retentionCount(d) === 0,
  'cookie-pronoun': (d) => retentionCount(d) === 0,
  'cookie-statement': (d) => d.cookies.length > 0,
  'cookie-collected': (d) => d.cookies.some((c) => c.purpose === 'analytics'),
  'own-account': (d) => recipientItems(d).length === 0,
  'recipient-list': (d) => d.recipients.some((r) => r.categoryNamed),
  'provider-table': (d) => d.recipients.some((r) => r.vendor === 'sentry'),
  'provider-field': (d) => recipientItems(d).includes('named:Nolt'),
  'name-block': (d) => namedItems(d).length > 0 && !d.recipients.some((r) => r.categoryNamed),
  'we-share': (d) => recipientItems(d).length > 0,
  'received-from': (d) => recipientItems(d).length === 0,
  'received-through': (d) => recipientItems(d).length === 0,
  'received-through-via': (d) => recipientItems(d).length === 0,
  'short-form': (d) => d.data.length > 0,
  'describing-clause': (d) => !d.recipients.some((r) => r.categoryNamed),
  'described-as': (d) => !d.recipients.some((r) => r.categoryNamed),
  'done-by': (d) => !d.recipients.some((r) => r.categoryNamed),
  'purpose-before': (d) => !d.recipients.some((r) => r.categoryNamed),
  'activity-after': (d) => !d.recipients.some((r) => r.categoryNamed),
  'retention-limit': (d) => retentionCount(d) > 0,
  'collection-disclosure': (d) => d.data.length > 0,
  'sources-list': (d) => d.data.length === 0 && !d.recipients.some((r) => r.categoryNamed),
  'self-description': (d) => !d.recipients.some((r) => r.categoryNamed),
  'device-storage': (d) => !d.recipients.some((r) => r.categoryNamed),
  passive: (d) => d.cookies.length > 0,
  'third-parties': (d) => d.recipients.some((r) => r.categoryNamed),
  'vendor-context': (d) => d.recipients.some((r) => r.vendor),
  'introduced-by': (d) => namedItems(d).length > 0,
  'provider-label': (d) => namedItems(d).length > 0,
  'our-partner': (d) => namedItems(d).length > 0,
  'host-place': (d) => namedItems(d).length > 0,
  'controller-intro': (d) => namedItems(d).length === 0,
  'title-words': (d) => namedItems(d).length === 0,
  'address-words': (d) => namedItems(d).length === 0,
  'self-alias': (d) => namedItems(d).length === 0,
  'refers-to': (d) => namedItems(d).length === 0,
  'own-site': (d) => namedItems(d).length === 0,
  'service-data': (d) => d.recipients.length === 0,
  'cookie-control': (d) => d.cookies.length === 0,
  'cookie-general': (d) => d.cookies.length === 0,
  'defined-as': (d) => namedItems(d).length > 0,
  'we-use': (d) => namedItems(d).length > 0,
  'shared-with': (d) => namedItems(d).length > 0,
  'reference-after': (d) => recipientItems(d).length === 0,
  'self-hosted': (d) => recipientItems(d).length === 0,
  'self-hosted-after': (d) => recipientItems(d).length === 0,
  'platform-before': (d) => recipientItems(d).length === 0,
  'sign-in': (d) =>
    d.recipients.some(
      (r) => r.vendor && rules.vendors.get(r.vendor)?.categories.includes('identity-provider'),
    ),
  'reading-list': (d) => recipientItems(d).length === 0,
}

/** Cookie data is read as cookies, not as a data category: its examples are statements about cookies. */
const COOKIE_DATA = new Set(['user.device.cookie', 'user.device.cookie_id'])

const all: Case[] = [
  ...policy.data.flatMap((e) =>
    cases(`data ${e.category}`, e.examples, (d) =>
      COOKIE_DATA.has(e.category) ? d.cookies.length > 0 : d.data.some((x) => x.category === e.category),
    ),
  ),
  ...policy.recipients.categories.flatMap((e) =>
    cases(`recipients ${e.category}`, e.examples, (d) =>
      recipientItems(d).includes(`category:${e.category}`),
    ),
  ),
  ...policy.cookiePurposes.flatMap((e) =>
    cases(`cookies ${e.purpose}`, e.examples, (d) => d.cookies.some((c) => c.purpose === e.purpose)),
  ),
  ...policy.names.known.flatMap((e) =>
    // A company whose bare name stands for one of its products is drafted as that product.
    cases(`names ${e.name}`, e.examples, (d) =>
      recipientItems(d).includes(e.product ? `vendor:${e.product}` : `named:${e.name}`),
    ),
  ),
  ...policy.names.aliases.flatMap((e) =>
    cases(`aliases ${e.vendor}`, e.examples, (d) => recipientItems(d).includes(`vendor:${e.vendor}`)),
  ),
  ...(policy.names.ambiguousExamples
    ? cases('ambiguous names', policy.names.ambiguousExamples, (d) => d.recipients.some((r) => r.vendor))
    : []),
  // Software the reader runs names no recipient: positives draft none, negatives (real recipients) do.
  ...(policy.names.softwareExamples
    ? cases('software names', policy.names.softwareExamples, (d) => recipientItems(d).length === 0)
    : []),
  ...policy.cues.flatMap((e) => cases(`cue ${e.cue}`, e.examples, CUE_CHECKS[e.cue] ?? (() => false))),
  ...policy.transfers.places.flatMap((e) =>
    cases(`transfers ${e.code}`, e.examples, (d) =>
      (d.transfers?.countries ?? []).some((c) => c.code === e.code),
    ),
  ),
  ...policy.transfers.safeguards.flatMap((e) =>
    cases(`safeguards ${e.key}`, e.examples, (d) =>
      (d.transfers?.safeguards ?? []).some((s) => s.key === e.key),
    ),
  ),
]

describe('policy rule examples, read by init --from-policy', () => {
  test.each(all)('$label', ({ example, positive, holds }) => {
    const draft = read(example)
    const why = JSON.stringify({
      data: draft.data.map((x) => x.category),
      recipients: recipientItems(draft),
      cookies: draft.cookies.map((c) => c.purpose),
      retention: retentionCount(draft),
      transfers: draft.transfers,
    })
    expect(holds(draft), why).toBe(positive)
  })
})

describe('section topics from heading words', () => {
  const lexicon = lexiconFor(rules)
  const topicCases = policy.topics.flatMap((t) => [
    ...t.examples.positive.map((h) => ({ topic: t.topic, heading: h, positive: true })),
    ...t.examples.negative.map((h) => ({ topic: t.topic, heading: h, positive: false })),
  ])
  test.each(topicCases)('$topic $positive: $heading', ({ topic, heading, positive }) => {
    expect(topicsOf(lexicon, heading).has(topic)).toBe(positive)
  })
})

describe('table column roles from header cells', () => {
  const lexicon = lexiconFor(rules)
  const columnCases = policy.columns.flatMap((c) => [
    ...c.examples.positive.map((cell) => ({ role: c.role, cell, positive: true })),
    ...c.examples.negative.map((cell) => ({ role: c.role, cell, positive: false })),
  ])
  test.each(columnCases)('$role $positive: $cell', ({ role, cell, positive }) => {
    const has = lexicon.columns.some((c) => c.role === role && (c.words.test(cell) || c.starts.test(cell)))
    expect(has).toBe(positive)
  })

  it('reads a cookie table by its columns', () => {
    const cols = tableColumns(lexicon, ['Cookie name', 'Set by', 'Purpose', 'Expires'])
    expect(cols).toMatchObject({
      name: 0,
      provider: 1,
      purpose: 2,
      duration: 3,
      cookies: true,
      recipients: false,
    })
    const providers = tableColumns(lexicon, ['Provider', 'Role', 'Location'])
    expect(providers).toMatchObject({ provider: 0, location: 2, cookies: false, recipients: true })
  })
})

describe('policy rule quality', () => {
  it('gives every cue an evaluator, so its examples are checked', () => {
    expect(policy.cues.map((c) => c.cue).filter((c) => !CUE_CHECKS[c])).toEqual([])
  })

  it('words every data category a policy can name, and flags the special ones', () => {
    const missing = [...rules.categories.keys()].filter(
      (k) => k.startsWith('user.') && !policy.data.some((d) => d.category === k),
    )
    expect(missing).toEqual([])
    for (const k of ['user.health_and_medical', 'user.biometric', 'user.criminal_history', 'user.childrens'])
      expect(policy.data.find((d) => d.category === k)?.special, k).toBeDefined()
  })

  it('words every recipient category, with a noun and a purpose', () => {
    const missing = [...rules.vendorCategories.keys()].filter(
      (k) => !policy.recipients.categories.some((c) => c.category === k),
    )
    expect(missing).toEqual([])
  })

  it('does not list the same example as positive and negative', () => {
    const clash = all.filter(
      (c) =>
        c.positive &&
        all.some(
          (o) => !o.positive && o.label.split(' ')[1] === c.label.split(' ')[1] && o.example === c.example,
        ),
    )
    expect(clash.map((c) => c.label)).toEqual([])
  })
})

describe('policy rules from a --rules folder', () => {
  it('extend the built-in ones without code: a new wording is read', () => {
    const dir = tempDir()
    const text = 'We ask for your cell digits so the courier can reach you.'
    expect(readPolicy(policyText(text, 'p.md'), rules).data.map((d) => d.category)).not.toContain(
      'user.contact.phone_number',
    )
    writeFiles(dir, {
      'my-phrases.yaml': [
        'kind: policy-data',
        'categories:',
        '  - category: user.contact.phone_number',
        '    phrases: [cell digits]',
        '    examples:',
        `      positive: ["${text}"]`,
        '      negative: ["Count the digits of the total."]',
        '',
      ].join('\n'),
    })
    const extended = loadRules([dir])
    expect(readPolicy(policyText(text, 'p.md'), extended).data.map((d) => d.category)).toContain(
      'user.contact.phone_number',
    )
    // The built-in phrases of the category are kept.
    expect(extended.policy.data.find((d) => d.category === 'user.contact.phone_number')?.phrases).toEqual(
      expect.arrayContaining([
        'cell digits',
        ...policy.data.find((d) => d.category === 'user.contact.phone_number')!.phrases,
      ]),
    )
  })

  it('are validated at load: an entry without a negative example, or an unknown category, is a located error', () => {
    const dir = tempDir()
    writeFiles(dir, {
      'bad.yaml': [
        'kind: policy-data',
        'categories:',
        '  - category: user.contact.phone_numbr',
        '    phrases: [cell digits]',
        '    examples:',
        '      positive: ["We ask for your cell digits."]',
        '      negative: []',
        '',
      ].join('\n'),
    })
    let error: unknown
    try {
      loadRules([dir])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const text = (error as ConfigError).message
    expect(text).toMatch(/bad\.yaml:7:\d+ .*negative/)

    const other = tempDir()
    writeFiles(other, {
      'typo.yaml': [
        'kind: policy-data',
        'categories:',
        '  - category: user.contact.phone_numbr',
        '    phrases: [cell digits]',
        '    examples:',
        '      positive: ["We ask for your cell digits."]',
        '      negative: ["Count the digits."]',
        '',
      ].join('\n'),
    })
    expect(() => loadRules([other])).toThrow(
      /typo\.yaml:3:\d+ .*unknown data category "user\.contact\.phone_numbr"/,
    )
  })
})
