import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/types.js'
import { scanRepository } from '../../src/scan/scan-repository.js'
import { rules, scanFixture } from './fixture.js'

// A monorepo deploying apps/web (and an admin app kept in tools/), with developer tooling (a benchmark package in
// tools/, a script in apps/web/scripts/ beside a helper the app imports, turbo generators, a `scripts` workspace
// package under services/), a generated
// .react-email preview app and a docs site.
describe('code that is not the deployed product (fixtures/detectors/product-roles)', () => {
  const areas = (findings: readonly Finding[]) =>
    [...new Set(findings.map((f) => f.evidence.path.split('/').slice(0, 2).join('/')))].sort()
  const at = (findings: readonly Finding[], prefix: string) =>
    findings.filter((f) => f.evidence.path.startsWith(prefix))

  it('keeps the deployed apps, a served .well-known route and tooling-folder packages the product runs', async () => {
    const { findings } = await scanFixture('product-roles')
    expect(areas(findings)).toEqual(['apps/web', 'tools/admin', 'tools/logger'])
    expect(at(findings, 'apps/web/app/.well-known/').map((f) => f.key)).toEqual(['user.contact.email'])
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'stripe')).toBe(true)
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'sentry')).toBe(true)
    // Of apps/web/scripts/, only the helper the app imports.
    expect(
      [...new Set(at(findings, 'apps/web/scripts/').map((f) => `${f.evidence.path} ${f.key}`))].sort(),
    ).toEqual(['apps/web/scripts/shared/client-ip.ts user.device.ip_address'])
  })

  it('reports tooling, generated code and docs sites only at low confidence, saying which role and why', async () => {
    const { findings } = await scanFixture('product-roles', 'low')
    const reasons: [string, RegExp, string[]][] = [
      ['tools/bench/', /in tools\/, developer tooling/, ['anthropic', 'user.content.self_image']],
      [
        'apps/web/scripts/backfill',
        /in apps\/web\/scripts\/, developer tooling/,
        ['openai', 'user.demographic.date_of_birth'],
      ],
      ['turbo/', /in turbo\/, developer tooling/, ['pkg-tracker.dev']],
      [
        'services/scripts/',
        /in services\/scripts\/, a workspace package of developer tooling/,
        ['user.contact.email'],
      ],
      ['packages/email/.react-email/', /a dot-folder: a tool’s output/, ['react.email']],
      ['apps/docs/', /in docs, a documentation site/, ['vercel-analytics']],
    ]
    for (const [prefix, why, keys] of reasons) {
      const demoted = at(findings, prefix)
      expect(demoted.map((f) => f.key)).toEqual(expect.arrayContaining(keys))
      for (const f of demoted) expect(f.evidence.confidence).toBe('low')
      // Flows from maintenance scripts are low already, for that reason; everything else says its role.
      for (const f of demoted.filter((f) => !/in an operations script/.test(f.evidence.reason ?? '')))
        expect(f.evidence.reason).toMatch(why)
    }
  })

  it('lets the manifest scope override the roles both ways', async () => {
    const { findings } = await scanRepository(
      join(import.meta.dirname, '../../fixtures/detectors/product-roles'),
      {
        rules,
        workers: 0,
        scope: { product: ['tools/bench/**'], outside: ['tools/admin/**'] },
      },
    )
    expect(areas(findings)).toEqual(['apps/web', 'tools/bench', 'tools/logger'])
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'anthropic')).toBe(true)
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'stripe')).toBe(false)
  })
})

describe('seed data for a development database', () => {
  it('reports what seed files name only at low confidence, saying why; the models they fill stay', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const seed =
      "interface SeedAgent {\n  name: string\n  email: string\n}\nexport const agents: SeedAgent[] = [{ name: 'Ada', email: 'ada@example.com' }]\n"
    const model = 'export interface Customer {\n  name: string\n  email: string\n}\n'
    for (const path of [
      'packages/domain/src/seed-content/agents.ts',
      'prisma/seed.ts',
      'db/seeds/users.ts',
      'scripts/seed-users.ts',
      'src/lib/server/db/seedSiteData.ts',
    ]) {
      const found = scanFile(path, seed, rules).findings.filter((f) => f.kind === 'personalData')
      expect(found.length, path).toBeGreaterThan(0)
      for (const f of found) {
        expect(f.evidence.confidence, path).toBe('low')
        expect(f.evidence.reason, path).toMatch(/in seed data for a development database/)
      }
    }
    for (const path of ['src/models/customer.ts', 'src/seedling/customer.ts']) {
      const found = scanFile(path, model, rules).findings.filter((f) => f.kind === 'personalData')
      expect(
        found.map((f) => f.evidence.confidence),
        path,
      ).toEqual(['high', 'high'])
    }
  })
})

describe('mock, fake and dummy data modules', () => {
  it('reports what a mock-data module names only at low confidence, saying why; a mock-up component stays', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const profile =
      'export interface MockResumePerson {\n  firstName: string\n  email: string\n  phone: string\n}\n'
    for (const path of [
      'src/lib/data/mockProfileData.ts',
      'src/actions/mock.actions.ts',
      'src/lib/fake-users.ts',
      'src/dummyData/profiles.ts',
    ]) {
      const found = scanFile(path, profile, rules).findings.filter((f) => f.kind === 'personalData')
      expect(found.length, path).toBeGreaterThan(0)
      for (const f of found) {
        expect(f.evidence.confidence, path).toBe('low')
        expect(f.evidence.reason, path).toMatch(/in a mock-data module/)
      }
    }
    for (const path of ['src/components/mockup.tsx', 'src/lib/mocking.ts', 'src/profile/data.ts']) {
      const found = scanFile(path, profile, rules).findings.filter((f) => f.kind === 'personalData')
      expect(found.length, path).toBeGreaterThan(0)
      expect(
        found.every((f) => f.evidence.confidence !== 'low'),
        path,
      ).toBe(true)
    }
  })
})

describe('a third-party module copied into the app (vendor/, third_party/)', () => {
  it('reports its fields only at low confidence, saying why, and keeps the hosts it calls', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    // A GPX parser's track point and the tile host of a map layer manager, as apps copy them into src/lib/vendor/.
    const parser =
      "export interface TrackPoint {\n  heartRate: number\n  email: string\n}\nexport const tiles = () => fetch('https://api.mapbox.com/styles/v1/x')\n"
    for (const path of [
      'web/src/lib/vendor/toGeoJSON/toGeoJSON.ts',
      'src/third_party/gpx/parse.ts',
      'src/vendored/gpx.ts',
    ]) {
      const found = scanFile(path, parser, rules).findings
      const data = found.filter((f) => f.kind === 'personalData')
      expect(data.map((f) => f.key).sort(), path).toEqual(['user.contact.email', 'user.health_and_medical'])
      for (const f of data) {
        expect(f.evidence.confidence, path).toBe('low')
        expect(f.evidence.reason, path).toMatch(/third-party module copied into the repository/)
      }
      expect(
        found.filter((f) => f.kind !== 'personalData').every((f) => f.evidence.confidence !== 'low'),
        path,
      ).toBe(true)
      expect(
        found.some((f) => f.kind === 'processor'),
        path,
      ).toBe(true)
    }
    for (const path of ['src/models/track.ts', 'src/vendors-page/track.ts']) {
      const data = scanFile(path, parser, rules).findings.filter((f) => f.kind === 'personalData')
      expect(
        data.map((f) => f.evidence.confidence),
        path,
      ).toEqual(['high', 'high'])
    }
  })

  it('knows a copied library by the source its header names, wherever the folder is (libs/, lib/)', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    // A client-IP helper copied into server/libs/, as its header says; the same code without it is the app's.
    const body =
      "function getClientIp(req) {\n  const clientIp = req.headers['x-forwarded-for']\n  return clientIp\n}\nmodule.exports = { getClientIp }\n"
    const lowered = (text: string): string[] =>
      scanFile('server/libs/requestIp/index.js', text, rules)
        .findings.filter((f) => f.kind === 'personalData')
        .map((f) => f.evidence.confidence)
    for (const header of [
      '// SOURCE: https://github.com/pbojinov/request-ip\n\n"use strict";\n',
      '//\n// modified for use in this app\n// Source: https://github.com/pbojinov/request-ip\n//\n',
      '/*\n  request-ip\n  Copied from github.com/pbojinov/request-ip\n*/\n',
    ]) {
      const found = lowered(header + body)
      expect(found.length, header).toBeGreaterThan(0)
      expect(new Set(found), header).toEqual(new Set(['low']))
    }
    for (const header of [
      '',
      '/**\n * Copyright 2011 Peter Martischka\n * Licensed under the Apache License\n */\n',
      "import x from './x'\n// source: https://github.com/pbojinov/request-ip/issues/1 explains the header order\n",
    ]) {
      const found = lowered(header + body)
      expect(found.length, header).toBeGreaterThan(0)
      expect(found.includes('low'), header).toBe(false)
    }
  })
})
