import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import type { VendorRule } from '../../src/rules/schema.js'
import { AffixIndex } from '../../src/util/affix-index.js'

const rules = loadRules()
const vendors = [...rules.vendors.values()]

/** The rules' wildcard hosts and script URLs as the rule set orders them: longest first, then in rule order. */
const wildcards = vendors
  .flatMap((v) => v.hostnames.map((h) => ({ key: h.toLowerCase(), vendor: v })))
  .filter((h) => h.key.startsWith('*.') || h.key.startsWith('*-'))
  .map((h) => ({ key: h.key.slice(1), vendor: h.vendor }))
  .sort((a, b) => b.key.length - a.key.length)
const scripts = vendors
  .flatMap((v) => v.script_urls.map((u) => ({ key: u.replace(/^[a-z]+:\/\//i, '').replace(/^\/\//, '').toLowerCase(), vendor: v })))
  .sort((a, b) => b.key.length - a.key.length)

/** The first entry a linear search finds: what the index must answer. */
const linear = (list: { key: string; vendor: VendorRule }[], text: string, side: 'start' | 'end'): string | undefined =>
  list.find((e) => (side === 'start' ? text.startsWith(e.key) : text.endsWith(e.key)))?.vendor.id

/** Asks the index and the whole list for each probe; they must agree, and enough probes must match at all. */
function expectSameAsLinear(
  list: { key: string; vendor: VendorRule }[],
  probes: string[],
  side: 'start' | 'end',
): void {
  const index = new AffixIndex(list, (e) => e.key, side)
  expect(list.length).toBeGreaterThan(100)
  let matched = 0
  for (const p of probes) {
    const expected = linear(list, p, side)
    if (expected) matched++
    expect(index.first(p)?.vendor.id, p).toBe(expected)
  }
  expect(matched).toBeGreaterThan(100)
}

describe('prefix and suffix look-ups of hosts and script URLs', () => {
  it('find the first match of the whole list for every host the rules name, and hosts around them', () => {
    const probes = vendors.flatMap((v) =>
      v.hostnames.flatMap((h) => {
        const host = h.toLowerCase().replace(/^\*/, 'x')
        return [host, `eu-${host}`, `a.b.${host}`, host.slice(1), host.slice(host.indexOf('.') + 1), `${host}.evil.net`]
      }),
    )
    expectSameAsLinear(wildcards, probes, 'end')
  })

  it('find the first match of the whole list for every script URL the rules name, and URLs around them', () => {
    const probes = scripts.flatMap(({ key }) => [
      key,
      `${key}?id=1`,
      key.slice(0, -1),
      key.slice(0, key.indexOf('/') + 1),
      `x${key}`,
    ])
    expectSameAsLinear(scripts, probes, 'start')
  })

  it('keep the list order between keys that are alike, and match keys shorter than the bucket width', () => {
    const list = ['.b.io', '.io', '.io', 'x', ''].map((key, i) => ({ key, vendor: { id: `v${i}` } as VendorRule }))
    const index = new AffixIndex(list, (e) => e.key, 'end')
    for (const p of ['a.b.io', 'b.io', 'c.io', 'ax', 'y', ''])
      expect(index.first(p)?.vendor.id, p).toBe(linear(list, p, 'end'))
  })

  it('are what the rule set answers for a host and a script URL', () => {
    const sentry = wildcards.find((w) => w.vendor.id === 'sentry')
    expect(sentry).toBeDefined()
    expect(rules.vendorForHost(`o1${sentry!.key}`)?.id).toBe(linear(wildcards, `o1${sentry!.key}`, 'end'))
    const script = scripts[scripts.length - 1]!
    expect(rules.vendorLoadingScript(`https://${script.key}`)?.id).toBe(linear(scripts, script.key, 'start'))
  })
})
