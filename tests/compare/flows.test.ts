import { describe, expect, it } from 'vitest'
import { compareWithManifest } from '../../src/compare/compare.js'
import { parseManifest } from '../../src/manifest/load.js'
import { fixManifestText } from '../../src/manifest/fix.js'
import { generateManifest } from '../../src/manifest/generate.js'
import { renderText } from '../../src/report/text.js'
import { rules, scanFixture } from '../scan/fixture.js'

const MANIFEST = `version: 1
data:
  - category: user
processors:
  - vendor: stripe
    data: [user.contact.email, user.name]
  - vendor: openai
    data:
      - user.content.ai_prompt
  - vendor: resend
  - vendor: groq
  - category: error-monitoring
    data: [user.unique_id]
analytics:
  - vendor: posthog
    data: [user.unique_id]
  - vendor: meta-pixel
    data: [user.contact.email, user.device.ip_address]
`

async function drift(text: string) {
  const { inventory } = await scanFixture('flows')
  return {
    inventory,
    drift: compareWithManifest(inventory, parseManifest(text, 'privacy.yml', rules), rules),
  }
}

describe('compare: flows against data: lists and logs:', () => {
  it('a flow of a category the entry does not list is undeclared; an entry without data: is not judged', async () => {
    const { drift: d } = await drift(MANIFEST)
    const flows = d.undeclared.filter((u) => u.kind === 'flow')
    expect(flows.map((u) => [u.key, u.name])).toEqual([
      [
        'logs → user.contact.email',
        "The app's logs receive user.contact.email — privacy.yml has no logs: section",
      ],
      ['logs → user.unique_id', "The app's logs receive user.unique_id — privacy.yml has no logs: section"],
      [
        'posthog → user.contact.email',
        'PostHog receives user.contact.email — not in analytics[posthog].data',
      ],
      // The processor category entry (error-monitoring) covers Sentry, and its data: list is the one judged.
      [
        'sentry → user.contact.email',
        'Sentry receives user.contact.email — not in processors[error-monitoring].data',
      ],
      ['sentry → user.name', 'Sentry receives user.name — not in processors[error-monitoring].data'],
      ['stripe → user.unique_id', 'Stripe receives user.unique_id — not in processors[stripe].data'],
    ])
    // Covered flows name the list entry that covers them; resend and groq list no data: and are only observed.
    expect(d.covered.filter((c) => c.kind === 'flow').map((c) => `${c.key} by ${c.by}`)).toContain(
      'stripe → user.contact.email by processors[stripe].data: user.contact.email',
    )
    expect(d.observedData).toEqual([
      { section: 'processors', key: 'resend', line: 10, data: ['user.contact.email', 'user.name.first'] },
      { section: 'processors', key: 'groq', line: 11, data: ['user.content.ai_prompt'] },
    ])
  })

  it('suggests each list whole, with the policy sentence from the flow', async () => {
    const { drift: d } = await drift(MANIFEST)
    const stripe = d.undeclared.find((u) => u.key === 'stripe → user.unique_id')!
    expect(stripe.suggestion).toBe(
      'processors:\n  - vendor: stripe\n    data: [user.contact.email, user.name, user.unique_id]  # the code also sends user.unique_id',
    )
    expect(stripe.sentence).toBe('We share your user ID with Stripe, Inc. to process payments.')
    const logs = d.undeclared.filter((u) => u.key.startsWith('logs'))
    expect(new Set(logs.map((u) => u.suggestion))).toEqual(
      new Set([
        'logs:\n  data: [user.contact.email, user.unique_id]  # personal data the app writes to its logs',
      ]),
    )
  })

  it('a logs: section accepts the log flows it lists (a parent key covers its children)', async () => {
    const { drift: d } = await drift(`${MANIFEST}logs:\n  data: [user.contact]\n`)
    expect(d.undeclared.filter((u) => u.key.startsWith('logs')).map((u) => [u.key, u.name])).toEqual([
      ['logs → user.unique_id', "The app's logs receive user.unique_id — not in logs.data"],
    ])
    expect(d.covered.filter((c) => c.key === 'logs → user.contact.email')).toEqual([
      { kind: 'flow', key: 'logs → user.contact.email', by: 'logs.data: user.contact' },
    ])
  })

  it('in a PR, a flow is new by key like any item', async () => {
    const { inventory } = await scanFixture('flows')
    const base = {
      ...inventory,
      flows: inventory.flows.filter((f) => !(f.vendor === 'stripe' && f.category === 'user.unique_id')),
    }
    const manifest = parseManifest(MANIFEST, 'privacy.yml', rules)
    const d = compareWithManifest(inventory, manifest, rules, base)
    expect(d.new.map((u) => u.key)).toEqual(['stripe → user.unique_id'])
  })

  it('check --fix grows the lists (flow and block style, logs: created) and a second run adds nothing', async () => {
    const { inventory, drift: d } = await drift(MANIFEST)
    const fixed = fixManifestText(MANIFEST, d.undeclared, rules)
    expect(fixed.text).toContain('    data: [user.contact.email, user.name, user.unique_id]\n')
    expect(fixed.text).toContain(
      'logs:\n  data: [user.contact.email, user.unique_id]  # personal data the app writes to its logs\n',
    )
    expect(fixed.text).toContain('  - vendor: posthog\n    data: [user.unique_id, user.contact.email]\n')
    const after = compareWithManifest(inventory, parseManifest(fixed.text, 'privacy.yml', rules), rules)
    expect(after.undeclared).toEqual([])
    expect(fixManifestText(fixed.text, after.undeclared, rules).added).toEqual([])
    const block = MANIFEST.replace(
      'data: [user.contact.email, user.name]',
      'data:\n      - user.contact.email\n      - user.name',
    )
    const blockFixed = fixManifestText(
      block,
      compareWithManifest(inventory, parseManifest(block, 'privacy.yml', rules), rules).undeclared,
      rules,
    )
    expect(blockFixed.text).toContain(
      '    data:\n      - user.contact.email\n      - user.name\n      - user.unique_id\n',
    )
  })

  it('check --fix on a manifest that is one flow mapping grows its lists in place and adds logs: in flow style', async () => {
    const { inventory } = await scanFixture('flows')
    const flowRoot =
      '{ version: 1, data: [ { category: user } ], # one line\n' +
      '  processors: [ { vendor: stripe, data: [ user.contact.email, user.name ] }, { vendor: openai, data: [ user.content.ai_prompt ] },\n' +
      '    { vendor: resend }, { vendor: groq }, { category: error-monitoring, data: [ user.unique_id ] } ],\n' +
      '  analytics: [ { vendor: posthog, data: [] }, { vendor: meta-pixel, data: [ user.contact.email, user.device.ip_address ] } ] }\n'
    const undeclared = compareWithManifest(
      inventory,
      parseManifest(flowRoot, 'privacy.yml', rules),
      rules,
    ).undeclared
    const fixed = fixManifestText(flowRoot, undeclared, rules)
    expect(fixed.text).toContain(
      '{ vendor: stripe, data: [ user.contact.email, user.name, user.unique_id ] }',
    )
    expect(fixed.text).toContain('{ vendor: posthog, data: [ user.contact.email, user.unique_id ] }')
    // logs: goes after the section before it in manifest order (processors here), inside the braces.
    expect(fixed.text).toContain(
      '{ category: error-monitoring, data: [ user.unique_id, user.contact.email, user.name ] } ], logs: { data: [ user.contact.email, user.unique_id ] },\n',
    )
    expect(fixed.text.startsWith('{ version: 1, data: [ { category: user } ], # one line\n')).toBe(true)
    const after = compareWithManifest(inventory, parseManifest(fixed.text, 'privacy.yml', rules), rules)
    expect(after.undeclared).toEqual([])
  })

  it('init lists what the code sends each vendor, the typical data only where it shows none, and the logs', async () => {
    const { inventory } = await scanFixture('flows')
    const text = generateManifest(inventory, rules)
    expect(text).toContain('  - vendor: stripe  # Stripe; found at')
    expect(text).toMatch(
      / {4}data: \[user\.contact\.email, user\.name, user\.unique_id\] {2}# what the code sends Stripe\n/,
    )
    expect(text).toMatch(
      /logs:\n {2}data: \[user\.contact\.email, user\.unique_id\] {2}# TODO: keep only what the logs should hold/,
    )
    // check right after init reports nothing undeclared
    const d = compareWithManifest(inventory, parseManifest(text, 'privacy.yml', rules), rules)
    expect(d.undeclared).toEqual([])
  })

  it('the text report shows the flows and the observed lists', async () => {
    const { inventory, drift: d } = await drift(MANIFEST)
    const out = renderText(inventory, d, { color: false, manifestFile: 'privacy.yml' })
    expect(out).toContain('  Data flows\n    logs → user.contact.email')
    expect(out).toContain(
      'privacy.yml:10  processors[resend] lists no data: — the code sends user.contact.email, user.name.first',
    )
  })
})
