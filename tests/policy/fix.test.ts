import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  addManifestEntries,
  entriesOfSuggestion,
  fixManifestText,
  type FixEntry,
} from '../../src/manifest/fix.js'
import { parseManifest } from '../../src/manifest/load.js'
import { loadRules } from '../../src/rules/load.js'
import { runCli } from '../helpers/cli.js'
import { copyFixture } from '../helpers/tmp.js'

const rules = loadRules()

const SUGGESTIONS = [
  'data:\n  - category: user.contact.phone_number  # phone number\n    purposes: []  # TODO: why',
  'cookies:\n  - name: ll_currency  # src/lib/session.ts:10\n    purpose: preferences  # TODO: confirm',
  'analytics:\n  - vendor: posthog  # PostHog\n    purpose: to understand how people use the product\n    data: [user.unique_id.pseudonymous, user.device.ip_address]',
  'processors:\n  - vendor: resend  # Resend\n    purpose: to send transactional email\n    data: [user.contact.email]',
]
const entries: FixEntry[] = SUGGESTIONS.flatMap(entriesOfSuggestion)

/** The original lines must all survive, unchanged and in order (the edit only inserts). */
function expectOnlyInsertions(before: string, after: string): void {
  const out = after.split('\n')
  let i = 0
  for (const line of before.split('\n')) {
    while (i < out.length && out[i] !== line) i++
    expect(i, `line ${JSON.stringify(line)} kept in order`).toBeLessThan(out.length)
    i++
  }
}

function valid(text: string) {
  return parseManifest(text, 'privacy.yml', rules)
}

describe('check --fix: adding entries to privacy.yml', () => {
  it('keeps comments, blank lines and the odd indentation of each section', () => {
    const before = [
      '# yaml-language-server: $schema=../schema/privacy.schema.json',
      '# Our declarations. Keep this comment.',
      'version: 1',
      '',
      '# data we collect',
      'data:',
      '    -   category: user.name   # from the signup form',
      '        purposes: [essential.service]',
      '    # - category: user.location   (commented out on purpose)',
      '',
      '',
      'cookies:',
      '- name: sid',
      '  purpose: strictly-necessary',
      '',
      'processors:',
      '  - vendor: stripe',
      '',
      '# the end',
      '',
    ].join('\n')
    const { text, added } = addManifestEntries(before, entries)
    expect(added).toHaveLength(4)
    expectOnlyInsertions(before, text)
    // New items take each section's own indentation.
    expect(text).toContain(
      '        purposes: [essential.service]\n    -   category: user.contact.phone_number  # phone number\n        purposes: []  # TODO: why\n',
    )
    expect(text).toContain(
      '  purpose: strictly-necessary\n- name: ll_currency  # src/lib/session.ts:10\n  purpose: preferences  # TODO: confirm\n',
    )
    expect(text).toContain('  - vendor: stripe\n  - vendor: resend  # Resend\n')
    // The missing section is created after the one that precedes it, with this file's sequence style.
    expect(text.indexOf('analytics:')).toBeGreaterThan(text.indexOf('ll_currency'))
    expect(text.indexOf('analytics:')).toBeLessThan(text.indexOf('processors:'))
    const m = valid(text)
    expect(m.data.map((d) => d.category)).toEqual(['user.name', 'user.contact.phone_number'])
    expect(m.analytics.map((a) => a.vendor)).toEqual(['posthog'])
  })

  it('is idempotent: a second run adds nothing and changes no byte', () => {
    const once = addManifestEntries('version: 1\ndata:\n  - category: user.name\n', entries).text
    const twice = addManifestEntries(once, entries)
    expect(twice.added).toEqual([])
    expect(twice.text).toBe(once)
  })

  it('skips entries that are already declared, in either recipients section', () => {
    const before =
      'version: 1\nanalytics:\n  - vendor: resend\ncookies:\n  - name: ll_currency\n    purpose: functional\n'
    const { added } = addManifestEntries(before, entries)
    expect(added.map((e) => e.section).sort()).toEqual(['analytics', 'data'])
  })

  it('turns an empty flow sequence into a block one, keeping its comment', () => {
    const before = 'version: 1\ndata: []  # nothing yet\ncookies: []\nanalytics: []\nprocessors: []\n'
    const { text } = addManifestEntries(before, entries)
    expect(text).toMatch(
      /^data: {2}# nothing yet\n {2}- category: user\.contact\.phone_number {2}# phone number\n {4}purposes: \[\] {2}# TODO: why\ncookies:\n {2}- name: ll_currency/m,
    )
    expect(valid(text).processors.map((p) => p.vendor)).toEqual(['resend'])
  })

  it('appends to a non-empty flow sequence in flow style', () => {
    const before = 'version: 1\nprocessors: [ {vendor: stripe} ]\ndata: [{category: user.name}]\n'
    const { text } = addManifestEntries(before, entries)
    expect(text).toContain(
      'processors: [ {vendor: stripe}, { vendor: resend, purpose: to send transactional email, data: [user.contact.email] } ]\n',
    )
    expect(text).toContain(
      'data: [{category: user.name}, { category: user.contact.phone_number, purposes: [] }]\n',
    )
    expect(valid(text).data).toHaveLength(2)
  })

  it('keeps CRLF line endings', () => {
    const before =
      '# windows\r\nversion: 1\r\ndata:\r\n  - category: user.name\r\n\r\nprocessors:\r\n  - vendor: stripe\r\n'
    const { text } = addManifestEntries(before, entries)
    expect(text.replace(/\r\n/g, '')).not.toContain('\n')
    expect(text).toContain(
      '  - category: user.name\r\n  - category: user.contact.phone_number  # phone number\r\n',
    )
    expectOnlyInsertions(before.replace(/\r/g, ''), text.replace(/\r/g, ''))
    expect(valid(text).analytics).toHaveLength(1)
  })

  it('handles quoted keys, a key with no value, and a file without a final newline', () => {
    const before = '"version": 1\n\'data\':\n- category: user.name\n"cookies":'
    const { text } = addManifestEntries(before, entries)
    expect(
      text.startsWith(
        '"version": 1\n\'data\':\n- category: user.name\n- category: user.contact.phone_number',
      ),
    ).toBe(true)
    expect(text).toContain('"cookies":\n- name: ll_currency')
    const m = valid(text)
    expect(m.cookies.map((c) => c.name)).toEqual(['ll_currency'])
    expect(m.processors.map((p) => p.vendor)).toEqual(['resend'])
  })

  it('creates every missing section in manifest order, before trailing sections and their comments', () => {
    const before = 'version: 1\n\n# paths we never scan\nignore:\n  paths: ["scripts/**"]\n'
    const { text } = addManifestEntries(before, entries)
    const order = ['data:', 'cookies:', 'analytics:', 'processors:', '# paths we never scan', 'ignore:'].map(
      (k) => text.indexOf(k),
    )
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expectOnlyInsertions(before, text)
    expect(valid(text).ignore.paths).toEqual(['scripts/**'])
  })

  it('keeps a flow-mapping manifest one flow mapping, edited in place', () => {
    const { text } = addManifestEntries('{version: 1, data: [{category: user.name}]}\n', entries)
    const m = valid(text)
    expect(m.data.map((d) => d.category)).toEqual(['user.name', 'user.contact.phone_number'])
    expect(parse(text).processors).toEqual([
      { vendor: 'resend', purpose: 'to send transactional email', data: ['user.contact.email'] },
    ])
  })

  it('validates the result and throws instead of returning an invalid manifest', () => {
    const item = {
      kind: 'personalData' as const,
      key: 'x',
      name: 'x',
      categories: [],
      evidence: [],
      suggestion: 'data:\n  - category: user.not_a_category',
      sentence: '',
    }
    expect(() => fixManifestText('version: 1\n', [item], rules)).toThrow(
      /unknown data category "user\.not_a_category"/,
    )
  })
})

describe('check --fix on the demo shop', () => {
  it('declares everything, keeps the rest of the file, then check is in sync and a second --fix changes nothing', async () => {
    const dir = copyFixture('fixtures/demo-shop')
    const path = join(dir, 'privacy.yml')
    const before = readFileSync(path, 'utf8')
    const drift = await runCli(['check', dir, '--no-color'])
    expect(drift.code).toBe(1)

    const fixed = await runCli(['check', dir, '--fix'])
    expect(fixed.code).toBe(0)
    // The processors count includes Stripe's data: list growing by the flow the code shows (metadata.ip).
    expect(fixed.stderr).toMatch(/added \d+ entries \(\d+ data, \d+ cookies, 1 analytics, 2 processors\)/)
    const after = readFileSync(path, 'utf8')
    // Stripe's list is the one line that changes: it gains the IP address the checkout sends (a flow).
    const grown = '    data: [user.contact.email, user.financial, user.device.ip_address]'
    expect(after).toContain(grown)
    expectOnlyInsertions(before.replace('    data: [user.contact.email, user.financial]', grown), after)
    expect(after).toContain('# Linen & Loom — what our privacy policy declares')

    const check = await runCli(['check', dir, '--no-color'])
    expect(check.stdout).toContain('✓ In sync')
    expect(check.code).toBe(0)

    const again = await runCli(['check', dir, '--fix'])
    expect(again.stderr).toMatch(/nothing to add/)
    expect(readFileSync(path, 'utf8')).toBe(after)
  })

  it('leaves an invalid privacy.yml untouched (exit 2)', async () => {
    const dir = copyFixture('fixtures/demo-shop')
    const path = join(dir, 'privacy.yml')
    writeFileSync(path, readFileSync(path, 'utf8').replace('version: 1', 'version: 1\nunknown_key: true'))
    const before = readFileSync(path, 'utf8')
    const r = await runCli(['check', dir, '--fix'])
    expect(r.code).toBe(2)
    expect(readFileSync(path, 'utf8')).toBe(before)
  })
})
