import { describe, expect, it } from 'vitest'
import { vendorEvidence } from './fixture.js'

/** Vendor evidence other than environment variable names (they corroborate, the tests are about what shows use). */
const evidence = (min: 'medium' | 'low' = 'medium'): Promise<string[]> =>
  vendorEvidence('sdk-vendors', min, (e) => e.how !== 'env')

describe("vendors reached through SDK packages, storage drivers and the app's own client (fixtures/detectors/sdk-vendors)", () => {
  it('finds each vendor at its import, driver or runtime-built host, with no URL needed', async () => {
    expect(await evidence()).toEqual([
      // S3 behind flydrive's S3 driver (its local-disk driver beside it is nothing).
      'aws-s3 high @ packages/storage/src/index.ts:3',
      // AI SDK provider packages.
      'baseten high @ apps/web/ai/providers.ts:2',
      // The app's own commerce client: a store host built from the store hash. Its exported default host
      // (index.ts:2) is imported by no module, so reachability lowers it below the default confidence.
      'bigcommerce high @ packages/commerce-client/src/index.ts:7',
      'cloudflare-workers-ai high @ apps/web/ai/providers.ts:3',
      'daytona high @ apps/web/lib/tools.ts:1',
      'parallel high @ apps/web/lib/tools.ts:2',
      'supadata high @ apps/web/lib/tools.ts:3',
      'supermemory high @ apps/web/lib/tools.ts:4',
      'valyu high @ apps/web/lib/tools.ts:5',
      // `gateway` imported from the ai package by name (generateText alone, in title.ts, is not).
      'vercel-ai-gateway high @ apps/web/ai/providers.ts:1',
    ])
  })

  it('names no service for a tenant host no rule knows, nor for the ai package alone', async () => {
    const all = await evidence('low')
    expect(all.filter((e) => e.startsWith('acme-internal.com'))).toEqual([])
    expect(all.filter((e) => e.includes('apps/web/ai/title.ts'))).toEqual([])
  })
})
