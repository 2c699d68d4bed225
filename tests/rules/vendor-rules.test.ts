import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import type { VendorExample, VendorRule } from '../../src/rules/schema.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { ENV_EXAMPLE, scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const vendors = [...rules.vendors.values()].sort((a, b) => (a.id < b.id ? -1 : 1))

/** Runs one example through the real scanner; returns the vendors the inventory reports (at `min` confidence) and how. */
function detect(
  example: VendorExample,
  min: 'medium' | 'low' = 'medium',
): { vendors: Map<string, 'analytics' | 'processor'>; unused: Set<string> } {
  const file = typeof example === 'string' ? { file: 'src/example.tsx', content: example } : example
  const facts = [scanFile(file.file, file.content, rules)]
  const { inventory } = buildInventory(facts, rules, { minConfidence: min })
  const found = new Map<string, 'analytics' | 'processor'>()
  for (const v of inventory.analytics) found.set(v.vendor, 'analytics')
  for (const v of inventory.processors) found.set(v.vendor, 'processor')
  return { vendors: found, unused: new Set(inventory.unusedDependencies.map((u) => u.vendor)) }
}

const isEnvFile = (e: VendorExample): boolean => typeof e !== 'string' && ENV_EXAMPLE.test(e.file.slice(e.file.lastIndexOf('/') + 1))

const show = (e: VendorExample): string => (typeof e === 'string' ? e : `${e.file}: ${e.content}`).slice(0, 90)

const cases = vendors.flatMap((v) => [
  ...v.examples.positive.map((e, i) => ({ vendor: v, example: e, positive: true, label: `${v.id} +${i} ${show(e)}` })),
  ...v.examples.negative.map((e, i) => ({ vendor: v, example: e, positive: false, label: `${v.id} -${i} ${show(e)}` })),
])

describe('vendor rule examples through scanFile + buildInventory', () => {
  it.each(cases)('$label', ({ vendor, example, positive }) => {
    const { vendors: found } = detect(example)
    if (positive && isEnvFile(example)) {
      // Names alone are not integrations: an env template only corroborates, below the default confidence.
      expect(detect(example, 'low').vendors.get(vendor.id), `expected ${vendor.id} at low confidence`).toBe(rules.roleOf(vendor))
      expect(found.has(vendor.id), `${vendor.id} must not be reported from env names alone`).toBe(false)
    } else if (positive) {
      expect(found.get(vendor.id), `expected ${vendor.id} in ${[...found.keys()].join(', ') || 'nothing'}`).toBe(rules.roleOf(vendor))
    } else {
      expect(found.has(vendor.id), `${vendor.id} must not be detected`).toBe(false)
    }
  })
})

/** Every literal pattern a vendor is detected by, with what it is. */
function patterns(v: VendorRule): { what: string; value: string }[] {
  const eco = Object.entries(v.ecosystems ?? {}).flatMap(([e, names]) => (names ?? []).map((n) => ({ what: `${e} package`, value: n })))
  return [
    ...v.packages.map((value) => ({ what: 'package', value })),
    ...v.build_time_packages.map((value) => ({ what: 'build-time package', value })),
    ...v.imports.map((value) => ({ what: 'import', value })),
    ...eco,
    ...v.hostnames.map((value) => ({ what: 'hostname', value })),
    ...v.script_urls.map((value) => ({ what: 'script url', value })),
    ...v.env.map((value) => ({ what: 'env', value })),
  ]
}

/** True when two hostname patterns (`a.b.com`, `*.b.com`) can match the same host. */
function hostsOverlap(a: string, b: string): boolean {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x === y) return true
  const covers = (wild: string, host: string): boolean => wild.startsWith('*.') && (host.endsWith(wild.slice(1)) || host === wild.slice(2))
  return covers(x, y) || covers(y, x)
}

describe('vendor rule quality', () => {
  it('has at least 150 vendors with unique ids', () => {
    expect(vendors.length).toBeGreaterThanOrEqual(150)
    expect(new Set(vendors.map((v) => v.id)).size).toBe(vendors.length)
  })

  it('gives every vendor at least one detection signal and examples both ways', () => {
    const silent = vendors.filter(
      (v) => v.packages.length + v.imports.length + v.hostnames.length + v.script_urls.length + v.env.length + v.worker_bindings.length === 0 &&
        Object.values(v.ecosystems ?? {}).every((n) => !n || n.length === 0),
    )
    expect(silent.map((v) => v.id)).toEqual([])
  })

  it('shares no package (any ecosystem) between two vendors', () => {
    const owners = new Map<string, string>()
    const clashes: string[] = []
    for (const v of vendors) {
      const names = [
        ...[...v.packages, ...v.build_time_packages].map((p) => `npm:${p}`),
        ...Object.entries(v.ecosystems ?? {}).flatMap(([e, ns]) => (ns ?? []).map((n) => `${e}:${n.toLowerCase()}`)),
      ]
      for (const n of new Set(names)) {
        const owner = owners.get(n)
        if (owner && owner !== v.id) clashes.push(`${n}: ${owner} and ${v.id}`)
        owners.set(n, v.id)
      }
    }
    expect(clashes).toEqual([])
  })

  it('has no package, host, env or script pattern shorter than 4 characters', () => {
    const short = vendors.flatMap((v) =>
      patterns(v)
        .filter((p) => p.value.replace(/^\*\./, '').length < 4)
        .map((p) => `${v.id} ${p.what} "${p.value}"`),
    )
    expect(short).toEqual([])
  })

  it('shares no hostname between two vendors, exactly or by wildcard overlap', () => {
    const all = vendors.flatMap((v) => v.hostnames.map((h) => ({ vendor: v.id, host: h })))
    const clashes: string[] = []
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!
        const b = all[j]!
        if (a.vendor !== b.vendor && hostsOverlap(a.host, b.host)) clashes.push(`${a.vendor} ${a.host} ~ ${b.vendor} ${b.host}`)
      }
    expect(clashes).toEqual([])
  })

  it('shares no env var name between two vendors', () => {
    const owners = new Map<string, string>()
    const clashes: string[] = []
    for (const v of vendors)
      for (const e of v.env) {
        const owner = owners.get(e)
        if (owner && owner !== v.id) clashes.push(`${e}: ${owner} and ${v.id}`)
        owners.set(e, v.id)
      }
    expect(clashes).toEqual([])
  })

  // A script URL in browser_packages says "only the script sets the cookies, none of the npm packages".
  it('lists browser packages only among the vendor’s own packages, named imports or script URLs', () => {
    const bad = vendors.flatMap((v) =>
      v.browser_packages
        .filter(
          (p) =>
            !v.packages.includes(p) && !v.imports.includes(p) && !v.script_urls.includes(p) && !(p in v.named_imports),
        )
        .map((p) => `${v.id}: ${p}`),
    )
    expect(bad).toEqual([])
  })

  it('reports SDK default cookies for browser packages and scripts, not for server or mobile SDKs', () => {
    const sdkCookies = (code: string): string[] => {
      const { inventory } = buildInventory([scanFile('src/example.tsx', code, rules)], rules)
      return inventory.cookies.filter((c) => c.source === 'sdk-default').map((c) => c.name)
    }
    expect(sdkCookies("import mixpanel from 'mixpanel-browser'")).toContain('mp_*_mixpanel')
    expect(sdkCookies("import Mixpanel from 'mixpanel'")).toEqual([])
    // A named export of another vendor's package that is this vendor's product (rule `named_imports`).
    expect(sdkCookies("import { Analytics, Image } from '@shopify/hydrogen'")).toEqual(['_shopify_s', '_shopify_y', '_tracking_consent'])
    expect(sdkCookies("import { Image, Money } from '@shopify/hydrogen'")).toEqual([])
    expect(sdkCookies("import { Analytics } from '@segment/analytics-node'")).toEqual([])
    expect(sdkCookies("import { AnalyticsBrowser } from '@segment/analytics-next'")).toContain('ajs_anonymous_id')
    expect(sdkCookies("import appsFlyer from 'react-native-appsflyer'")).toEqual([])
    expect(sdkCookies("import { GoogleAdsApi } from 'google-ads-api'")).toEqual([])
    expect(sdkCookies('<script src="https://www.googletagmanager.com/gtag/js?id=AW-1" />')).toContain('_ga')
  })

  it('gives every identity provider sign-in ids or classes, and claims each id and class once (case-sensitively)', () => {
    const idps = vendors.filter((v) => v.categories.includes('identity-provider'))
    expect(idps.length).toBeGreaterThanOrEqual(40)
    expect(idps.filter((v) => !v.sign_in).map((v) => v.id)).toEqual([])
    const owners = new Map<string, string>()
    const clashes: string[] = []
    for (const v of vendors)
      for (const key of [...(v.sign_in?.ids ?? []).map((i) => `id:${i}`), ...(v.sign_in?.classes ?? []).map((c) => `class:${c}`)]) {
        const owner = owners.get(key)
        if (owner && owner !== v.id) clashes.push(`${key}: ${owner} and ${v.id}`)
        owners.set(key, v.id)
      }
    expect(clashes).toEqual([])
    for (const v of vendors) {
      for (const id of v.sign_in?.ids ?? []) expect(rules.signInProvider(id)?.id, id).toBe(v.id)
      for (const c of v.sign_in?.classes ?? []) expect(rules.signInClass(c)?.id, c).toBe(v.id)
    }
    expect(rules.signInProvider('GitHub')).toBeUndefined()
    expect(rules.signInClass('github')).toBeUndefined()
    expect(rules.signInProvider('credentials')).toBeUndefined()
  })

  it('keeps sign-in examples parseable, and each positive names one of the vendor’s ids or classes', () => {
    const bad: string[] = []
    for (const v of vendors) {
      if (v.sign_in_examples && !v.sign_in) bad.push(`${v.id}: sign_in_examples without sign_in`)
      // Ids may follow a library prefix: Clerk `oauth_<id>`, Stytch `oauth.<id>`.
      const names = [...(v.sign_in?.ids ?? []), ...(v.sign_in?.classes ?? [])]
      for (const e of v.sign_in_examples?.positive ?? []) {
        const code = typeof e === 'string' ? e : e.content
        if (!names.some((n) => new RegExp(`(^|[^A-Za-z0-9-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(code)))
          bad.push(`${v.id}: ${show(e)}`)
      }
      for (const e of [...(v.sign_in_examples?.positive ?? []), ...(v.sign_in_examples?.negative ?? [])]) {
        if (typeof e !== 'string') continue
        const { diagnostics } = ts.transpileModule(e, { fileName: 'example.tsx', reportDiagnostics: true })
        if (diagnostics && diagnostics.length > 0) bad.push(`${v.id}: does not parse: ${show(e)}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('detects nothing in an empty file and in a plain React component', () => {
    expect(detect('').vendors.size).toBe(0)
    expect(detect("import React from 'react'\nexport const A = () => <div className='p-4'>Hello</div>\n").vendors.size).toBe(0)
  })
})
