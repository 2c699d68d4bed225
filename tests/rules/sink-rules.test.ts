import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import type { SinkExample } from '../../src/rules/schema.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { ConfigError } from '../../src/util/errors.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const rules = loadRules()

/** The message of the ConfigError a rules folder fails with ('' when it loads). */
function loadError(files: Record<string, string>): string {
  const dir = tempDir()
  writeFiles(dir, files)
  try {
    loadRules([dir])
    return ''
  } catch (e) {
    if (e instanceof ConfigError) return e.message
    throw e
  }
}

const VENDOR = `kind: vendor
id: acme-mail
name: Acme Mail
categories: [email-transactional]
packages: ["@acme/mail"]
examples:
  positive: ["import { Mail } from '@acme/mail'"]
  negative: ["import { Mail } from '@acme/other'"]
sources: [https://docs.acme-mail.example]
last_verified: 2026-11-01
sinks:
  calls:
    - { call: "messages.{send,queue}", args: ["0.to", "0.html"] }
  examples:
    positive: [{ code: "x", flows: [user.contact.email] }]
    negative: ["y"]
  sources: [https://docs.acme-mail.example/api]
  last_verified: 2026-11-01
`

describe('sink rules: schema and index', () => {
  it('indexes the sinks of vendor rules and sinks files by the last name of their chain', () => {
    const stripe = rules.sinks.match(['customers', 'create'], false, { module: 'stripe' })
    expect(stripe.map((s) => [s.vendor, s.call])).toEqual([['stripe', 'customers.{create,update}']])
    // A named import is the chain's first link; a subpath of a package belongs to its vendor.
    expect(rules.sinks.match(['setUser'], false, { module: '@sentry/nextjs' }).map((s) => s.vendor)).toEqual(['sentry'])
    expect(rules.sinks.match(['usePostHog', 'identify'], false, { module: 'posthog-js/react' }).map((s) => s.vendor)).toEqual(['posthog'])
    // The same method on another vendor's module, or on a global, is not this sink.
    expect(rules.sinks.match(['customers', 'create'], false, { module: 'braintree-lookalike' })).toEqual([])
    expect(rules.sinks.match(['console', 'log'], false, { global: true }).map((s) => s.vendor)).toEqual(['logs'])
    expect(rules.sinks.match(['log'], false, { global: true })).toEqual([])
    expect(rules.sinks.mayEndWith('create')).toBe(true)
    expect(rules.sinks.mayEndWith('toLowerCase')).toBe(false)
    // Global sinks' first names, for `export const log = console`; a module sink's first name is no global's.
    expect(rules.sinks.startsGlobal('console')).toBe(true)
    expect(rules.sinks.startsGlobal('customers')).toBe(false)
  })

  it('parses which arguments leave the app', () => {
    const [request] = rules.sinks.match(['request'], false, { module: '@sendgrid/client' })
    expect(request!.args).toEqual([{ index: 0, path: ['body'] }])
    const [identify] = rules.sinks.match(['identify'], false, { module: 'posthog-js' })
    expect(identify!.args).toEqual([{ index: -1, path: [] }])
  })

  it('a user vendor rule with sinks loads and is indexed', () => {
    const dir = tempDir()
    writeFiles(dir, { 'vendors/acme.yaml': VENDOR })
    const withUser = loadRules([dir])
    expect(withUser.sinks.match(['client', 'messages', 'queue'], false, { module: '@acme/mail' }).map((s) => s.rule)).toEqual([
      'vendor.acme-mail.sinks',
    ])
  })

  it('rejects, with a location, an unknown category, a malformed chain and a url in a vendor rule', () => {
    expect(loadError({ 'vendors/acme.yaml': VENDOR.replace('flows: [user.contact.email]', 'flows: [user.contact.mail]') })).toMatch(
      /acme\.yaml:\d+:\d+ .*unknown data category "user\.contact\.mail"/,
    )
    expect(loadError({ 'vendors/acme.yaml': VENDOR.replace('"messages.{send,queue}"', '"messages..send"') })).toMatch(
      /acme\.yaml:\d+:\d+ .*a member chain such as/,
    )
    expect(loadError({ 'vendors/acme.yaml': VENDOR.replace('args: ["0.to", "0.html"]', 'url: "0"') })).toMatch(
      /acme\.yaml:\d+:\d+ .*`url` belongs in a `kind: sinks` file/,
    )
    expect(loadError({ 'vendors/acme.yaml': VENDOR.replace('args: ["0.to", "0.html"]', 'args: ["to"]') })).toMatch(
      /an argument index or `\*`/,
    )
  })

  it('a sinks file without a vendor needs a url, vendor_arg or modules on every call', () => {
    const file = `kind: sinks
id: acme-http
calls:
  - { call: send, global: true, args: ["0"] }
examples: { positive: ["a"], negative: ["b"] }
sources: [https://example.com]
last_verified: 2026-11-01
`
    expect(loadError({ 'sinks/acme.yaml': file })).toMatch(/needs, on every call, a `url`/)
    expect(loadError({ 'sinks/acme.yaml': file.replace('args: ["0"]', 'url: "0", args: ["1"]') })).toBe('')
    // A receiver named by the code must be a vendor some rule defines.
    const named = file.replace('args: ["0"]', 'url: "0", args: ["1"]') + 'named_receivers: [{ vendor: slak, names: [slak] }]\n'
    expect(loadError({ 'sinks/acme.yaml': named })).toMatch(/acme\.yaml:\d+:\d+ .*no vendor rule has the id "slak".*slack/s)
    expect(loadError({ 'sinks/acme.yaml': named.replace(/slak/g, 'slack') })).toBe('')
  })
})

/** Every sink block (vendor rules' `sinks:` and `kind: sinks` files) with the vendor its examples are about. */
const blocks = [
  ...[...rules.vendors.values()].flatMap((v) => (v.sinks ? [{ id: v.id, vendor: v.id as string | undefined, examples: v.sinks.examples }] : [])),
  ...(ruleSetInput(rules)?.sinkFiles ?? []).map((f) => ({ id: `sinks/${f.id}`, vendor: f.vendor as string | undefined, examples: f.examples })),
].sort((a, b) => (a.id < b.id ? -1 : 1))

/** The flows the real scanner reports for one example (all confidences: the example says what the code does). */
function flowsOf(example: SinkExample): { vendor: string; category: string }[] {
  const file = typeof example === 'string' ? { file: 'src/example.ts', code: example } : { file: example.file ?? 'src/example.ts', code: example.code }
  const { inventory } = buildInventory([scanFile(file.file, file.code, rules)], rules, { minConfidence: 'low' })
  return inventory.flows.map((f) => ({ vendor: f.vendor, category: f.category }))
}

const show = (e: SinkExample): string => (typeof e === 'string' ? e : e.code).replace(/\s+/g, ' ').slice(0, 80)

const cases = blocks.flatMap((b) => [
  ...b.examples.positive.map((e, i) => ({ block: b, example: e, positive: true, label: `${b.id} +${i} ${show(e)}` })),
  ...b.examples.negative.map((e, i) => ({ block: b, example: e, positive: false, label: `${b.id} -${i} ${show(e)}` })),
])

describe('sink examples through scanFile + buildInventory', () => {
  it('covers at least 15 vendors and the loggers', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(16)
    expect(blocks.map((b) => b.id)).toContain('sinks/loggers')
  })

  it.each(cases)('$label', ({ block, example, positive }) => {
    const found = flowsOf(example)
    // A sinks file without a vendor (HTTP clients) sends to whichever vendor the URL names: any flow counts.
    const mine = found.filter((f) => block.vendor === undefined || f.vendor === block.vendor)
    if (!positive) {
      expect(mine, `no flow expected, found ${JSON.stringify(mine)}`).toEqual([])
      return
    }
    expect(mine.length, `expected a flow to ${block.vendor ?? 'a vendor'}`).toBeGreaterThan(0)
    if (typeof example !== 'string' && example.flows)
      expect([...new Set(mine.map((f) => f.category))].sort()).toEqual([...example.flows].sort())
  })
})
