import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

// An app started by `npm start` (server/) with a folder of scripts (ops/): `db:sync` runs one, another is run by hand
// and imported by nothing, a third the app imports. Beside them a test named `*.integration.ts` (it imports vitest), a
// module that imports only a type of vitest, a styleguide example `Map.example.js`, and a module named `example.js`.
// A module below the scripts folder the app imports through an alias the index does not know (`$lib/…`) stays.
// A script in the source root (`lib/tool.js`) does not make lib/ a scripts folder: its unimported neighbour stays.
describe('file roles from the repository’s own structure (fixtures/detectors/one-off-roles)', () => {
  const lowOf = async (key: string) => {
    const { findings } = await scanFixture('one-off-roles', 'low')
    return findings.filter((f) => f.kind === 'processor' && f.key === key)
  }

  it('keeps the app, what it imports from the scripts folder, a type-only vitest import and a module named example', async () => {
    const { inventory } = await scanFixture('one-off-roles')
    expect(inventory.processors.map((p) => p.vendor).sort()).toEqual([
      'alias-kept.dev',
      'example-pay.com',
      'fraud-score.dev',
      'geo-lookup.dev',
      'hosted-rows.io',
      'lib-kept.dev',
    ])
  })

  it('lowers a one-off script beside a scripted tool, saying why', async () => {
    const hits = await lowOf('search-index.dev')
    expect(hits.map((f) => [f.evidence.path, f.evidence.confidence])).toEqual([['ops/ingest.ts', 'low']])
    expect(hits[0]!.evidence.reason).toMatch(
      /no module imports it, and it is in ops\/, the folder of ops\/sync\.ts/,
    )
  })

  it('lowers a module below the scripts folder that nothing imports', async () => {
    const hits = await lowOf('sample-feed.dev')
    expect(hits.length).toBeGreaterThan(0)
    for (const f of hits)
      expect([f.evidence.path, f.evidence.confidence]).toEqual(['ops/data/sample.ts', 'low'])
  })

  it('lowers a file that imports a test runner, whatever its name', async () => {
    const hits = await lowOf('order-mocks.dev')
    expect(hits.map((f) => [f.evidence.path, f.evidence.confidence])).toEqual([
      ['server/orders.integration.ts', 'low'],
    ])
    expect(hits[0]!.evidence.reason).toMatch(/a test: it imports the test library "vitest"/)
  })

  it('lowers an example module named *.example.js', async () => {
    const hits = await lowOf('tile-server.dev')
    expect(hits.length).toBeGreaterThan(0)
    for (const f of hits)
      expect([f.evidence.path, f.evidence.confidence]).toEqual(['web/Map.example.js', 'low'])
  })
})
