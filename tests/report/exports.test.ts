import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsPlugin from 'ajv-formats'
import { parse as parseCsv } from 'csv-parse/sync'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { runCheck, runScan } from '../../src/core/check.js'
import type { Drift, Inventory } from '../../src/model/types.js'
import { loadRules } from '../../src/rules/load.js'
import { renderCycloneDx } from '../../src/report/cyclonedx.js'
import { renderFides } from '../../src/report/fides.js'
import { neutraliseFormula, renderRopa, ROPA_COLUMNS } from '../../src/report/ropa.js'
import { writeHostileRepo } from '../browser/hostile-repo.js'
import { tempDir } from '../helpers/tmp.js'
import { driftWithFlows, ev, inventoryWithFlows } from './hand-built.js'

/** ajv-formats is CommonJS: its default export arrives as the module object under NodeNext. */
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (
  ajv: Ajv | Ajv2020,
) => void

const schema = (path: string): object =>
  JSON.parse(readFileSync(`fixtures/schemas/${path}`, 'utf8')) as object

function cyclonedxValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(schema('cyclonedx/spdx.schema.json'), 'spdx.schema.json')
  ajv.addSchema(schema('cyclonedx/jsf-0.82.schema.json'), 'jsf-0.82.schema.json')
  return ajv.compile(schema('cyclonedx/bom-1.6.schema.json'))
}

function fidesValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  return ajv.compile(schema('fideslang/fides-system.schema.json'))
}

const validators = { cyclonedx: cyclonedxValidator(), fides: fidesValidator() }
const rules = loadRules([])

function expectValid(validate: ValidateFunction, doc: unknown): void {
  const ok = validate(doc)
  expect(
    ok
      ? []
      : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
  ).toEqual([])
}

interface Case {
  name: string
  inventory: Inventory
  drift?: Drift
  manifest?: Awaited<ReturnType<typeof runCheck>>['manifest']
}

async function cases(): Promise<Case[]> {
  const demo = await runCheck({ root: 'fixtures/demo-shop', manifest: 'privacy.yml' })
  const demoScan = await runScan({ root: 'fixtures/demo-shop' })
  const hostileDir = tempDir()
  writeHostileRepo(hostileDir)
  const hostile = await runCheck({ root: hostileDir })
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
  return [
    { name: 'demo shop, check', inventory: demo.inventory, drift: demo.drift, manifest: demo.manifest },
    { name: 'demo shop, scan', inventory: demoScan.inventory },
    { name: 'hostile names', inventory: hostile.inventory, drift: hostile.drift, manifest: hostile.manifest },
    { name: 'hand-built flows', inventory: inventoryWithFlows(), drift: driftWithFlows() },
    { name: 'empty', inventory: empty },
  ]
}

const all = await cases()
const counts = (inv: Inventory): number[] => [
  inv.personalData.length,
  inv.cookies.length,
  inv.analytics.length,
  inv.processors.length,
]

describe('--format cyclonedx: CycloneDX 1.6, valid against the published schema', () => {
  it.each(all)('$name', ({ inventory, drift, manifest }) => {
    const text = renderCycloneDx(inventory, drift, { rules, manifest, project: 'shop' })
    const bom = JSON.parse(text) as {
      specVersion: string
      components: {
        'bom-ref': string
        properties: { name: string; value: string }[]
        evidence: { occurrences: unknown[] }
      }[]
      services: {
        name: string
        data: { flow: string; classification: string }[]
        endpoints?: string[]
        properties: { name: string; value: string }[]
      }[]
    }
    expectValid(validators.cyclonedx, bom)
    expect(bom.specVersion).toBe('1.6')
    const kind = (x: { properties: { name: string; value: string }[] }): string | undefined =>
      x.properties.find((p) => p.name === 'privacy-drift:kind')?.value
    // Round trip: every inventory item comes back, with its evidence.
    expect([
      bom.components.filter((c) => kind(c) === 'personal-data').length,
      bom.components.filter((c) => kind(c) === 'cookie').length,
      bom.services.filter((s) => kind(s) === 'analytics').length,
      bom.services.filter((s) => kind(s) === 'processor').length,
    ]).toEqual(counts(inventory))
    const evidence = [...inventory.personalData, ...inventory.cookies].reduce(
      (n, i) => n + i.evidence.length,
      0,
    )
    expect(bom.components.reduce((n, c) => n + c.evidence.occurrences.length, 0)).toBe(evidence)
    for (const s of bom.services) expect(s.data.every((d) => d.flow === 'outbound')).toBe(true)
    // Deterministic: no serial number, no timestamp.
    expect(text).not.toMatch(/serialNumber|timestamp/)
  })

  it('services carry endpoints and, with flows, exactly the categories the code sends', () => {
    const bom = JSON.parse(renderCycloneDx(inventoryWithFlows(), driftWithFlows(), { rules })) as {
      services: { name: string; endpoints: string[]; data: { classification: string }[] }[]
    }
    const stripe = bom.services.find((s) => s.name === 'Stripe')!
    expect(stripe.endpoints).toContain('https://api.stripe.com')
    expect(stripe.data.map((d) => d.classification)).toEqual(['user.contact.email'])
    expect(bom.services.find((s) => s.name === 'PostHog')!.data.map((d) => d.classification)).toEqual([
      'user.device.ip_address',
    ])
    const flows = inventoryWithFlows().flows.filter((f) => f.vendor !== 'logs').length
    expect(bom.services.reduce((n, s) => n + s.data.length, 0)).toBe(flows)
  })
})

interface FidesSystem {
  fides_key: string
  egress?: { fides_key: string }[]
  privacy_declarations: { data_use: string; data_categories: string[]; egress?: string[] }[]
  meta?: Record<
    string,
    { personal_data?: { category: string }[]; cookies?: unknown[]; vendor?: string; kind?: string }
  >
}

describe('--format fides: a Fides system manifest, valid against the schema derived from fideslang', () => {
  it.each(all)('$name', ({ inventory, drift, manifest }) => {
    const doc = parseYaml(renderFides(inventory, drift, { rules, manifest, project: 'demo shop!' })) as {
      system: FidesSystem[]
    }
    expectValid(validators.fides, doc)
    const [app, ...vendors] = doc.system
    expect(app!.fides_key).toBe('demo_shop_')
    // fideslang's cross-field rule: a declaration's egress names one of the system's data flows.
    const flows = new Set(app!.egress?.map((e) => e.fides_key))
    for (const d of app!.privacy_declarations)
      for (const key of d.egress ?? []) expect(flows.has(key)).toBe(true)
    // Every egress target is a system in the file.
    for (const key of flows) expect(vendors.map((v) => v.fides_key)).toContain(key)
    const meta = app!.meta!['privacy-drift']!
    const kinds = vendors.map((v) => v.meta!['privacy-drift']!.kind)
    expect([
      meta.personal_data!.length,
      meta.cookies!.length,
      kinds.filter((k) => k === 'analytics').length,
      kinds.filter((k) => k === 'processor').length,
    ]).toEqual(counts(inventory))
    // Every category found is declared under some data use.
    const declared = new Set(app!.privacy_declarations.flatMap((d) => d.data_categories))
    for (const p of inventory.personalData)
      expect(declared.has(rules.categories.get(p.category)?.fideslang ?? p.category)).toBe(true)
  })

  it('the manifest’s purposes become data uses; data without one is `collect`', () => {
    const demo = all[0]!
    const doc = parseYaml(
      renderFides(demo.inventory, demo.drift, { rules, manifest: demo.manifest, project: 'shop' }),
    ) as { system: FidesSystem[] }
    const uses = doc.system[0]!.privacy_declarations.map((d) => d.data_use)
    expect(uses).toContain('collect')
    expect(uses).toContain('essential.service.authentication')
    const collect = doc.system[0]!.privacy_declarations.find((d) => d.data_use === 'collect')!
    expect(collect.data_categories.sort()).toEqual(
      demo
        .drift!.undeclared.filter((u) => u.kind === 'personalData')
        .map((u) => u.key)
        .sort(),
    )
  })

  it('every taxonomy category maps to a fideslang category, every vendor category to a fideslang data use', () => {
    const s = schema('fideslang/fides-system.schema.json') as {
      $defs: {
        PrivacyDeclaration: {
          properties: { data_categories: { items: { enum: string[] } }; data_use: { enum: string[] } }
        }
      }
    }
    const categories = new Set(s.$defs.PrivacyDeclaration.properties.data_categories.items.enum)
    const uses = new Set(s.$defs.PrivacyDeclaration.properties.data_use.enum)
    const unmapped = [...rules.categories.values()]
      .map((c) => c.fideslang ?? c.key)
      .filter((k) => !categories.has(k))
    expect(unmapped).toEqual([])
    const badUses = [...rules.vendorCategories.values()]
      .filter((c) => !c.data_use || !uses.has(c.data_use))
      .map((c) => c.key)
    expect(badUses).toEqual([])
    for (const p of rules.purposes.keys()) expect(uses.has(p)).toBe(true)
  })
})

describe('--format ropa: an Art. 30 record as CSV a spreadsheet opens cleanly', () => {
  it.each(all)('$name', ({ inventory, drift, manifest }) => {
    const text = renderRopa(inventory, drift, { rules, manifest, project: 'shop' })
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    // Every line break outside quoted cells is CRLF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/(?<!\r)\n/)
    const rows = parseCsv(text, { bom: true, relax_column_count: false }) as string[][]
    expect(rows[0]).toEqual([...ROPA_COLUMNS])
    const body = rows.slice(1)
    const type = (t: string): number => body.filter((r) => r[0] === t).length
    expect([type('personal data'), type('cookie'), type('analytics'), type('processor')]).toEqual(
      counts(inventory),
    )
    for (const r of body) {
      expect(r).toHaveLength(ROPA_COLUMNS.length)
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    }
    // The items come back by key, and the evidence counts match.
    expect(body.filter((r) => r[0] === 'personal data').map((r) => [r[1], Number(r[16])])).toEqual(
      inventory.personalData.map((p) => [p.category, p.evidence.length]),
    )
  })

  it('cells a spreadsheet would run as formulas are neutralised, and quoting survives commas, quotes and newlines', () => {
    const inv = inventoryWithFlows()
    const payloads = [
      '=HYPERLINK("http://evil.example","x")',
      '+cmd|/C calc!A0',
      '-2+3',
      '@SUM(A1:A2)',
      '\tTAB',
      '\rCR',
      'a,b "q"\nline',
    ]
    inv.cookies = payloads.map((name) => ({
      name,
      pattern: false,
      vendor: null,
      purpose: null,
      source: 'code' as const,
      evidence: [ev(`src/${name.length}.ts`)],
    }))
    const rows = parseCsv(renderRopa(inv, undefined, { rules }), { bom: true }) as string[][]
    const names = rows.filter((r) => r[0] === 'cookie').map((r) => r[1])
    expect(names).toEqual(payloads.map((p) => (/^[=+\-@\t\r]/.test(p) ? `'${p}` : p)))
    expect(neutraliseFormula('-1')).toBe("'-1")
    expect(neutraliseFormula('user.contact.email')).toBe('user.contact.email')
  })

  it('recipients and transfers come from flows and the manifest', () => {
    const rows = parseCsv(renderRopa(inventoryWithFlows(), driftWithFlows(), { rules }), {
      bom: true,
      columns: true,
    }) as Record<string, string>[]
    const email = rows.find((r) => r.Item === 'user.contact.email')!
    expect(email.Recipients).toBe('Stripe, Inc.')
    expect(email['Categories of recipients']).toBe('Payment processors')
    expect(rows.find((r) => r.Item === 'user.health_and_medical')!['Declared in privacy.yml']).toBe('no')
    expect(rows.find((r) => r.Item === 'user.health_and_medical')!['Special category data']).toMatch(/^yes/)
    const demo = all[0]!
    const demoRows = parseCsv(
      renderRopa(demo.inventory, demo.drift, { rules, manifest: demo.manifest, project: 'shop' }),
      { bom: true, columns: true },
    ) as Record<string, string>[]
    const stripe = demoRows.find((r) => r.Item === 'stripe')!
    expect(stripe['Processing activity / purpose']).not.toBe('to confirm')
    expect(stripe['Declared in privacy.yml']).toBe('yes')
  })
})

describe('the CLI writes every export', () => {
  it.each(['cyclonedx', 'fides', 'ropa', 'html'])('--format %s', async (format) => {
    const { main } = await import('../../src/cli/main.js')
    const out = `${tempDir()}/report.${format}`
    expect(
      await main(['check', 'fixtures/demo-shop', '--format', format, '--output', out, '--no-progress']),
    ).toBe(1)
    const text = readFileSync(out, 'utf8')
    expect(text.length).toBeGreaterThan(1000)
    if (format === 'cyclonedx') expectValid(validators.cyclonedx, JSON.parse(text))
    if (format === 'fides') expectValid(validators.fides, parseYaml(text))
  })
})
