import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCheck, runScan } from '../../src/core/check.js'
import type { Inventory } from '../../src/model/types.js'
import { buildDataMap, capDataMap, workspacePackages, type DataMap } from '../../src/report/datamap.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { MERMAID_LIMITS, mermaidText, renderMermaid } from '../../src/report/mermaid.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'
import { driftWithFlows, ev, inventoryWithFlows, PACKAGES } from './hand-built.js'

const label = (map: DataMap, id: string): string => {
  const n = map.nodes.find((x) => x.id === id)!
  return `${n.group}:${n.key}`
}
const edges = (map: DataMap): string[] =>
  map.edges.map((e) => `${label(map, e.from)} ${e.kind} ${label(map, e.to)}`)

describe('the data map model', () => {
  it('demo shop: categories and cookies → folders, categories → the vendors the code sends them, undeclared items marked', async () => {
    const o = await runCheck({ root: 'fixtures/demo-shop', manifest: 'privacy.yml' })
    const map = buildDataMap(o.inventory, o.drift, { packages: workspacePackages(o.facts) })
    const keys = (group: string): string[] => map.nodes.filter((n) => n.group === group).map((n) => n.key)
    expect(keys('personalData')).toEqual(o.inventory.personalData.map((p) => p.category).sort())
    expect(keys('cookie')).toEqual(o.inventory.cookies.map((c) => c.name).sort())
    expect(keys('analytics')).toEqual(['posthog'])
    expect(keys('processor')).toEqual(['resend', 'stripe'])
    // One package at the root: parts are folders, one level inside src/.
    expect(keys('part')).toEqual(['prisma/', 'src/app/', 'src/components/', 'src/lib/'])
    // The checkout route sends Stripe the email and the IP address (not in processors[stripe].data), Resend the
    // email through the lib/ mail helper; lib/analytics identifies the user to PostHog.
    expect(map.fromFlows).toBe(true)
    expect(
      map.edges
        .filter((e) => e.kind === 'flow')
        .map((e) => `${label(map, e.from)} → ${label(map, e.to)}${e.undeclared ? ' !' : ''}`),
    ).toEqual([
      'personalData:user.contact.email → processor:resend',
      'personalData:user.contact.email → processor:stripe',
      'personalData:user.device.ip_address → processor:stripe !',
      'personalData:user.unique_id → analytics:posthog',
    ])
    // Every vendor is reached by the data it receives, so no part → vendor edge is left.
    expect(map.edges.filter((e) => e.kind === 'uses')).toEqual([])
    expect(edges(map)).toContain('personalData:user.contact.phone_number holds part:prisma/')
    const marked = map.nodes.filter((n) => n.undeclared).map((n) => `${n.group}:${n.key}`)
    // Undeclared flows are edges (marked above), every other undeclared item a node.
    const expected = o.drift.undeclared.filter((u) => u.kind !== 'flow').map((u) => `${u.kind}:${u.key}`)
    expect(marked.sort()).toEqual(expected.sort())
  })

  it('with flows: category → vendor edges, logs as their own group, undeclared flows marked', () => {
    const map = buildDataMap(inventoryWithFlows(), driftWithFlows(), { packages: PACKAGES })
    expect(map.fromFlows).toBe(true)
    const flows = map.edges.filter((e) => e.kind === 'flow')
    expect(
      flows.map((e) => `${label(map, e.from)} → ${label(map, e.to)}${e.undeclared ? ' !' : ''}`),
    ).toEqual([
      'personalData:user.contact.email → processor:stripe !',
      'personalData:user.contact.email → logs:logs',
      'personalData:user.device.ip_address → analytics:posthog',
    ])
    expect(flows.find((e) => label(map, e.to) === 'processor:stripe')!.evidence).toBe(2)
    // Vendors with flows are reached by their data, not by a part.
    expect(map.edges.filter((e) => e.kind === 'uses')).toEqual([])
    // Workspace packages are the parts.
    expect(map.nodes.filter((n) => n.group === 'part').map((n) => [n.key, n.label])).toEqual([
      ['apps/web/', '@acme/web'],
      ['packages/db/', '@acme/db'],
    ])
    expect(edges(map)).toContain('personalData:user.health_and_medical holds part:packages/db/')
    expect(map.nodes.filter((n) => n.undeclared).map((n) => n.key)).toEqual([
      'user.health_and_medical',
      'posthog',
    ])
    expect(map.nodes.find((n) => n.key === 'user.health_and_medical')!.special).toBe(true)

    const mermaid = renderMermaid(map)
    expect(mermaid).toContain('subgraph g_logs["Logs"]')
    expect(mermaid).toMatch(/pd0 ==> pr0/)
    expect(mermaid).toMatch(/linkStyle \d+ stroke:#d1242f/)
  })

  it('a vendor without flows keeps its part edge when others have flows', () => {
    const inv = inventoryWithFlows()
    inv.processors.push({
      vendor: 'resend',
      name: 'Resend',
      categories: ['email-transactional'],
      evidence: [ev('packages/db/mail.ts', 1, { how: 'import' })],
    })
    const map = buildDataMap(inv, undefined, { packages: PACKAGES })
    expect(edges(map).filter((e) => e.includes(' uses '))).toEqual([
      'part:packages/db/ uses processor:resend',
    ])
  })

  it('workspace packages of a real monorepo scan become the parts', async () => {
    const dir = tempDir()
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/web/package.json': JSON.stringify({ name: '@shop/web', dependencies: { 'posthog-js': '1' } }),
      'apps/web/src/track.ts': "import posthog from 'posthog-js'\nposthog.init('k')\n",
      'packages/db/package.json': JSON.stringify({ name: '@shop/db' }),
      'packages/db/src/user.ts': 'export interface User {\n  email: string\n  phone: string\n}\n',
      // a module of the root package (a root scripts/ folder would be developer tooling, low confidence)
      'lib/export.ts': 'export interface ExportRow {\n  email: string\n}\n',
    })
    const o = await runScan({ root: dir })
    const packages = workspacePackages(o.facts)
    expect(packages.map((p) => p.name)).toEqual(['shop', '@shop/web', '@shop/db'])
    const map = buildDataMap(o.inventory, undefined, { packages })
    expect(map.nodes.filter((n) => n.group === 'part').map((n) => n.label)).toEqual([
      'shop',
      '@shop/web',
      '@shop/db',
    ])
    expect(edges(map)).toEqual(
      expect.arrayContaining([
        'personalData:user.contact.email holds part:packages/db/',
        'personalData:user.contact.email holds part:.',
        'part:apps/web/ uses analytics:posthog',
      ]),
    )
  })

  it('an empty inventory gives an empty map and a sentence in markdown', () => {
    const empty: Inventory = {
      files: 0,
      personalData: [],
      cookies: [],
      analytics: [],
      processors: [],
      flows: [],
      unusedDependencies: [],
      notes: [],
    }
    expect(buildDataMap(empty).nodes).toEqual([])
    expect(renderMarkdown(empty, undefined)).toContain(
      '_No personal data, cookies or vendors found: nothing to map._',
    )
  })
})

describe('mermaid size limits', () => {
  function bigInventory(categories: number, vendors: number): Inventory {
    return {
      files: categories,
      personalData: Array.from({ length: categories }, (_, i) => ({
        category: `user.custom.c${String(i).padStart(3, '0')}`,
        name: `Custom ${i}`,
        special: false,
        evidence: Array.from({ length: 1 + (i % 5) }, (_, j) => ev(`pkg${j}/src/f${i}.ts`)),
      })),
      cookies: [],
      analytics: [],
      processors: Array.from({ length: vendors }, (_, i) => ({
        vendor: `v${i}.example`,
        name: `Vendor ${i}`,
        categories: ['payments'],
        evidence: [ev(`pkg${i % 7}/src/v.ts`, 1, { how: 'import' })],
      })),
      flows: [],
      unusedDependencies: [],
      notes: [],
    }
  }

  it('caps nodes per group with a "+N more" node that keeps the hidden nodes’ edges', () => {
    const map = buildDataMap(bigInventory(300, 80))
    const capped = capDataMap(map, MERMAID_LIMITS)
    for (const g of ['personalData', 'processor', 'part'])
      expect(capped.nodes.filter((n) => n.group === g).length).toBeLessThanOrEqual(MERMAID_LIMITS.perGroup)
    const more = capped.nodes.filter((n) => n.more)
    expect(more.map((n) => n.group).sort()).toEqual(['personalData', 'processor'])
    expect(more.find((n) => n.group === 'personalData')!.more).toBe(
      300 - (capped.nodes.filter((n) => n.group === 'personalData').length - 1),
    )
    expect(capped.edges.length).toBeLessThanOrEqual(MERMAID_LIMITS.edges)
    expect(capped.edges.some((e) => e.from === more[0]!.id || e.to === more[0]!.id)).toBe(true)
    // Every edge points at a node that exists.
    const ids = new Set(capped.nodes.map((n) => n.id))
    for (const e of capped.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true)

    const text = renderMermaid(map)
    expect(text).toContain('+277 more')
    expect(text.length).toBeLessThan(20_000)
    expect(text.split('\n').filter((l) => /-->|-\.->|==>/.test(l)).length).toBeLessThanOrEqual(
      MERMAID_LIMITS.edges,
    )
  })

  it('undeclared nodes are kept before the cap', () => {
    const inv = bigInventory(60, 0)
    const last = inv.personalData.at(-1)!.category
    const drift = {
      undeclared: [
        {
          kind: 'personalData' as const,
          key: last,
          name: last,
          categories: [],
          evidence: [],
          suggestion: '',
          sentence: '',
        },
      ],
      stale: [],
      covered: [],
      new: [],
    }
    const capped = capDataMap(buildDataMap(inv, drift), MERMAID_LIMITS)
    expect(capped.nodes.some((n) => n.key === last && n.undeclared)).toBe(true)
  })
})

describe('mermaid labels from scanned code', () => {
  const decode = (s: string): string =>
    s.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))

  it('hostile names are entity-encoded: no quote, bracket, arrow, comment, backtick or tag survives', () => {
    for (const name of [
      '"]; click pd0 call alert(1)',
      'a --> b',
      '%%{init: {"securityLevel":"loose"}}%%',
      '`**md**`',
      '<img src=x onerror=alert(1)>',
      'x]\nend\nsubgraph',
      '#quot;',
    ])
      expect(mermaidText(name, 200)).not.toMatch(/["\]`<>%\n]|-->|#quot;/)
  })

  it('any text: only safe characters and entities, decoding back to the text (control characters blanked)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const out = mermaidText(s, 100)
        expect(out).toMatch(/^(?:[A-Za-z0-9 _.,:/@*+=-]|#\d+;)*$/)
        expect(decode(out)).toBe([...s].map((ch) => (/[\p{Cc}\p{Cf}]/u.test(ch) ? ' ' : ch)).join(''))
      }),
    )
  })

  it('long labels are cut with an ellipsis', () => {
    expect(decode(mermaidText('x'.repeat(100)))).toBe('x'.repeat(MERMAID_LIMITS.labelChars - 1) + '…')
  })
})
