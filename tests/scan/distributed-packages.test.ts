import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

// A monorepo that deploys apps/web, which uses its own published API client (packages/client), and that also
// publishes a client SDK and a CLI for others: what the SDK and the CLI name is not the product's processing. The
// CLI is installed by the root manifest's dev dependencies (a tool of the team) and by a test fixture (not the
// product), which does not make it a package the product uses. A published package that needs an app framework at
// run time (packages/server, a NestJS server others install and run) is the product; the SDK's development-only
// and peer `next` (the host app's, which its users install) do not make it one. A published plugin of that server
// (packages/server-s3, with @acme/server as a peer) runs inside the product; a theme built against a component
// library a published package needs at run time (packages/theme on @acme/ui-kit, which @acme/client needs) is no
// plugin of the product.
describe('packages the repository publishes for others (fixtures/detectors/distributed-packages)', () => {
  const where = (paths: string[]) => [...new Set(paths.map((p) => p.split('/').slice(0, 2).join('/')))].sort()

  it('keeps the deployed app and the published package it depends on, at the default confidence', async () => {
    const { findings } = await scanFixture('distributed-packages')
    expect(where(findings.map((f) => f.evidence.path))).toEqual([
      'apps/web',
      'packages/client',
      'packages/server',
      'packages/server-s3',
    ])
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'aws-s3')).toBe(true)
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'lemon-squeezy')).toBe(true)
    expect(findings.some((f) => f.kind === 'processor' && f.key === 'stripe')).toBe(true)
    expect(findings.some((f) => f.kind === 'analytics' && f.key === 'posthog')).toBe(true)
  })

  it('reports what the unused published packages name only at low confidence, saying why', async () => {
    const { findings } = await scanFixture('distributed-packages', 'low')
    const demoted = findings.filter((f) => /^packages\/(sdk|cli|theme)\//.test(f.evidence.path))
    expect(demoted.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        'openai',
        'sentry',
        'mixpanel',
        'user.demographic.date_of_birth',
        'user.authorization.password',
      ]),
    )
    for (const f of demoted) {
      expect(f.evidence.confidence).toBe('low')
      expect(f.evidence.reason).toMatch(
        /a package this repository publishes for others and none of its packages uses/,
      )
    }
  })
})
