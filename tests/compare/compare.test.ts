import { describe, expect, it } from 'vitest'
import { compareWithManifest } from '../../src/compare/compare.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { Evidence, Inventory } from '../../src/model/types.js'
import { loadRules } from '../../src/rules/load.js'

const rules = loadRules()
const ev = (path: string, line = 1): Evidence => ({
  path,
  line,
  column: 1,
  rule: 'test',
  confidence: 'high',
  how: 'field',
  fingerprint: `${path}:${line}`,
})

function inventory(parts: Partial<Inventory>): Inventory {
  return {
    files: 1,
    personalData: [],
    cookies: [],
    analytics: [],
    processors: [],
    flows: [],
    unusedDependencies: [],
    notes: [],
    ...parts,
  }
}

const manifest = (yaml: string) => parseManifest(`version: 1\n${yaml}`, 'privacy.yml', rules)

describe('compareWithManifest', () => {
  it('covers a category by any ancestor, not by a descendant', () => {
    const inv = inventory({
      personalData: [
        { category: 'user.contact.email', name: 'Email', special: false, evidence: [ev('a.ts')] },
        { category: 'user.name', name: 'Name', special: false, evidence: [ev('b.ts')] },
      ],
    })
    const drift = compareWithManifest(
      inv,
      manifest('data:\n  - category: user.contact\n  - category: user.name.first\n'),
      rules,
    )
    expect(drift.covered).toEqual([{ kind: 'personalData', key: 'user.contact.email', by: 'user.contact' }])
    expect(drift.undeclared.map((u) => u.key)).toEqual(['user.name'])
    expect(drift.undeclared[0]!.suggestion).toContain('- category: user.name')
  })

  it('covers a vendor by its id or by a recipient category it belongs to', () => {
    const inv = inventory({
      processors: [
        {
          vendor: 'stripe',
          name: 'Stripe',
          categories: ['payments', 'fraud-prevention'],
          evidence: [ev('pay.ts')],
        },
        { vendor: 'resend', name: 'Resend', categories: ['email-transactional'], evidence: [ev('mail.ts')] },
      ],
      analytics: [
        { vendor: 'posthog', name: 'PostHog', categories: ['product-analytics'], evidence: [ev('a.ts')] },
      ],
    })
    const drift = compareWithManifest(
      inv,
      manifest('processors:\n  - category: payments\n  - vendor: resend\n'),
      rules,
    )
    expect(drift.covered).toEqual([
      { kind: 'processor', key: 'resend', by: 'vendor: resend' },
      { kind: 'processor', key: 'stripe', by: 'category: payments' },
    ])
    expect(drift.undeclared.map((u) => `${u.kind}:${u.key}`)).toEqual(['analytics:posthog'])
    expect(drift.undeclared[0]!.suggestion).toMatch(/^analytics:\n {2}- vendor: posthog/)
  })

  it('covers cookies by exact name, glob, purpose-only and vendor-only entries', () => {
    const cookie = (
      name: string,
      purpose: Inventory['cookies'][number]['purpose'],
      vendor: string | null = null,
    ) => ({
      name,
      pattern: false,
      vendor,
      purpose,
      source: 'code' as const,
      evidence: [ev(`${name}.ts`)],
    })
    const inv = inventory({
      cookies: [
        cookie('session', null),
        cookie('_ga_ABC', 'analytics'),
        cookie('ph_x_posthog', 'analytics', 'posthog'),
        cookie('cart', null),
        cookie('_fbp', 'marketing', 'meta-pixel'),
      ],
    })
    const drift = compareWithManifest(
      inv,
      manifest(
        'cookies:\n  - name: session\n    purpose: strictly-necessary\n  - name: "_ga_*"\n  - vendor: posthog\n  - purpose: marketing\n',
      ),
      rules,
    )
    expect(drift.covered.map((c) => `${c.key} by ${c.by}`)).toEqual([
      '_fbp by purpose: marketing',
      '_ga_ABC by name: _ga_*',
      'ph_x_posthog by vendor: posthog',
      'session by name: session',
    ])
    expect(drift.undeclared.map((u) => u.key)).toEqual(['cart'])
  })

  it('reports specific declarations without evidence as stale, with their line', () => {
    const drift = compareWithManifest(
      inventory({}),
      manifest(
        'data:\n  - category: user.contact\n  - category: user.contact.email\ncookies:\n  - name: session\n  - purpose: analytics\nprocessors:\n  - vendor: stripe\n  - category: payments\n',
      ),
      rules,
    )
    expect(drift.stale).toEqual([
      { kind: 'personalData', key: 'user.contact.email', line: 4 },
      { kind: 'cookie', key: 'session', line: 6 },
      { kind: 'processor', key: 'stripe', line: 9 },
    ])
  })

  it('marks as new only the undeclared items whose key is absent from the base inventory', () => {
    const head = inventory({
      personalData: [
        { category: 'user.contact.email', name: 'Email', special: false, evidence: [ev('a.ts', 40)] },
        { category: 'user.contact.phone_number', name: 'Phone', special: false, evidence: [ev('a.ts', 41)] },
      ],
    })
    // The same email field moved lines: not new.
    const base = inventory({
      personalData: [
        { category: 'user.contact.email', name: 'Email', special: false, evidence: [ev('a.ts', 3)] },
      ],
    })
    const drift = compareWithManifest(head, manifest('data: []\n'), rules, base)
    expect(drift.undeclared.map((u) => u.key)).toEqual(['user.contact.email', 'user.contact.phone_number'])
    expect(drift.new.map((u) => u.key)).toEqual(['user.contact.phone_number'])
  })
})
