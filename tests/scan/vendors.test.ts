import { describe, expect, it } from 'vitest'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules, scanFixture } from './fixture.js'

const evidenceOf = (
  items: { vendor: string; evidence: { path: string; how: string }[] }[],
  vendor: string,
): string[] => (items.find((i) => i.vendor === vendor)?.evidence ?? []).map((e) => `${e.path} ${e.how}`)

describe('SDKs and processors', () => {
  it('follows aliased, namespace, dynamic (split over lines) and require imports; type-only imports and icons are not use', async () => {
    const { inventory } = await scanFixture('imports')
    expect(inventory.analytics.map((v) => v.vendor)).toEqual(['mixpanel', 'posthog'])
    expect(inventory.processors.map((v) => v.vendor)).toEqual(['openai', 'resend', 'sentry'])
    expect(evidenceOf(inventory.analytics, 'mixpanel')).toContain('src/lib/analytics.ts dynamic-import')
    expect(evidenceOf(inventory.processors, 'resend')).toContain('src/lib/server.cjs require')
    // a decorated class's constructor parameter type is a value (Angular / NestJS dependency injection)
    expect(evidenceOf(inventory.processors, 'resend')).toContain('src/app/mail.service.ts import')
    // a class the file extends is a value use; @twilio/conversations' names only annotate types (erased)
    expect(evidenceOf(inventory.processors, 'openai')).toContain('src/lib/chat.ts import')
    // stripe is only imported as a type, twilio never (or for types only): declared, unused
    expect(inventory.unusedDependencies.map((u) => `${u.vendor} ${u.package}`)).toEqual([
      'stripe stripe',
      'twilio twilio',
    ])
    // @sentry/cli is a build-time tool in devDependencies: neither evidence nor unused
    expect(inventory.processors.flatMap((v) => v.evidence).some((e) => e.symbol === '@sentry/cli')).toBe(
      false,
    )
  })

  it('attributes a workspace package that re-exports an SDK to the SDK’s vendor, evidence at the wrapper', async () => {
    const { inventory } = await scanFixture('workspace')
    expect(inventory.analytics.map((v) => v.vendor)).toEqual(['posthog'])
    const ev = inventory.analytics[0]!.evidence
    expect(ev.filter((e) => e.how === 'import' && e.confidence === 'high').map((e) => e.path)).toContain(
      'packages/analytics/src/index.ts',
    )
    const app = ev.find((e) => e.path === 'apps/web/src/app/layout.tsx')!
    expect(app).toMatchObject({ how: 'import', symbol: '@acme/analytics', confidence: 'medium' })
    expect(app.reason).toContain('packages/analytics/src/index.ts')
    expect(inventory.processors).toEqual([])
    expect(inventory.unusedDependencies.map((u) => `${u.vendor} ${u.path}`)).toEqual([
      'sentry apps/web/package.json',
    ])
  })

  it('finds <script src> and next/script in JSX and in .ejs/.hbs/.pug/.vue/.svelte/.html, but not links', async () => {
    const { inventory } = await scanFixture('scripts')
    expect(inventory.analytics.map((v) => v.vendor)).toEqual([
      'google-analytics',
      'google-tag-manager',
      'hotjar',
      'meta-pixel',
      'plausible',
      'segment',
      'umami',
    ])
    expect(inventory.processors.map((v) => v.vendor)).toEqual(['crisp', 'intercom', 'sentry', 'stripe'])
    expect(evidenceOf(inventory.analytics, 'plausible')).toEqual(['src/app/layout.tsx script-url'])
    expect(evidenceOf(inventory.analytics, 'meta-pixel')).toEqual([
      'public/index.html script-url',
      'views/layout.ejs script-url',
      'views/layout.ejs script-url', // fbq('init', …): the global the pixel's snippet defines
    ])
    expect(evidenceOf(inventory.processors, 'intercom')).toEqual(['views/layout.pug script-url'])
    const segment = inventory.analytics.find((v) => v.vendor === 'segment')!.evidence[0]!
    expect(segment.symbol).toBe('cdn.segment.com/analytics.js/v1/')
  })

  it('finds vendor hostnames in URL strings and template literals; CSP wildcards only corroborate; not in comments, docs links or emails', async () => {
    const { inventory } = await scanFixture('hosts')
    expect(inventory.processors.map((v) => v.vendor)).toEqual(['hubspot', 'mapbox', 'twilio'])
    const { inventory: low } = await scanFixture('hosts', 'low')
    const sentry = low.processors.find((v) => v.vendor === 'sentry')!.evidence[0]!
    expect(sentry).toMatchObject({ how: 'hostname', confidence: 'low', symbol: '*.ingest.sentry.io' })
    expect(sentry.reason).toContain('only allowed by a Content-Security-Policy')
  })

  it("shows a vendor whose stylesheet is its service (Google Fonts by <link rel=stylesheet> or CSS @import), not commented imports; another host's stylesheet stays an asset host", async () => {
    const { inventory } = await scanFixture('stylesheets')
    expect(inventory.processors.map((v) => v.vendor)).toEqual(['google-fonts'])
    const fonts = inventory.processors[0]!.evidence.map((e) => `${e.path}:${e.line}`).sort()
    expect(fonts).toEqual(['index.html:6', 'src/styles/main.scss:1'])
    const { inventory: low } = await scanFixture('stylesheets', 'low')
    const mapbox = low.processors.find((v) => v.vendor === 'mapbox')!.evidence
    expect(mapbox.map((e) => `${e.path} ${e.confidence}`).sort()).toEqual([
      'index.html low',
      'src/styles/map.css low',
    ])
  })

  it('reads vendor env names (and hosts in example values) from .env.example files and process.env / import.meta.env, never from .env; names alone stay below the default confidence', async () => {
    const { inventory: shown } = await scanFixture('env')
    expect([...shown.analytics, ...shown.processors]).toEqual([])
    const { inventory } = await scanFixture('env', 'low')
    const all = [...inventory.analytics, ...inventory.processors].map((v) => v.vendor).sort()
    // supabase: the host in an example DATABASE_URL-style value
    expect(all).toEqual(['algolia', 'clerk', 'openai', 'posthog', 'pusher', 'resend', 'stripe', 'supabase'])
    expect(all).not.toContain('mailgun')
    expect(
      [...inventory.analytics, ...inventory.processors]
        .flatMap((v) => v.evidence)
        .every((e) => e.how === 'env' && e.confidence === 'low'),
    ).toBe(true)
  })

  it('reads vendor packages from non-JS manifests (dev groups excluded)', async () => {
    const { inventory } = await scanFixture('manifests')
    const got = inventory.processors.flatMap((v) => v.evidence.map((e) => `${v.vendor} ${e.path}`)).sort()
    expect(got).toEqual([
      'firebase flutter/pubspec.yaml',
      'firebase ios/Podfile',
      'openai python/pyproject.toml',
      'sendgrid ruby/Gemfile',
      'sentry android/build.gradle',
      'sentry python/requirements.txt',
      'stripe go/go.mod',
      'stripe python/requirements.txt',
      'twilio php/composer.json',
    ])
    expect(inventory.analytics).toEqual([]) // mixpanel is only a poetry dev dependency
  })

  it('reads a non-JS manifest beside a JS or TS app only as a hint when its part holds no JS or TS code', () => {
    const files = [
      scanFile('web/pages/index.tsx', 'export default function Home() { return null }', rules),
      scanFile('platform/pyproject.toml', '[project]\nname = "api"\ndependencies = ["openai>=1.0"]\n', rules),
      scanFile('worker/pyproject.toml', '[project]\nname = "x"\ndependencies = ["stripe"]\n', rules),
      scanFile('worker/sync.ts', 'export const sync = () => 1', rules),
    ]
    const { inventory } = buildInventory(files, rules)
    expect(inventory.processors.map((v) => v.vendor)).toEqual(['stripe'])
  })

  it('tells Google Tag Manager from Google Analytics in @next/third-parties/google by the named import', () => {
    const scan = (code: string): string[] => {
      const { inventory } = buildInventory([scanFile('app/layout.tsx', code, rules)], rules)
      return inventory.analytics.map((v) => v.vendor)
    }
    expect(scan("import { GoogleTagManager } from '@next/third-parties/google'")).toEqual([
      'google-tag-manager',
    ])
    expect(scan("import { GoogleAnalytics } from '@next/third-parties/google'")).toEqual(['google-analytics'])
  })

  it('keeps findings in examples/ and demo folders at low confidence, hidden by default', async () => {
    const facts = [
      scanFile(
        'examples/basic/app.ts',
        "import Stripe from 'stripe'\nexport const s = new Stripe('k')\n",
        rules,
      ),
    ]
    expect(buildInventory(facts, rules).inventory.processors).toEqual([])
    expect(
      buildInventory(facts, rules, { minConfidence: 'low' }).inventory.processors.map((v) => v.vendor),
    ).toEqual(['stripe'])
  })
})

describe('declared dependencies', () => {
  it('count as evidence only as strongly as the code uses them; example-only use leaves them "declared, unused"', () => {
    const pkg = JSON.stringify({ dependencies: { stripe: '^17.0.0', resend: '^4.0.0' } })
    const facts = [
      scanFile('package.json', pkg, rules),
      scanFile('examples/checkout/app.ts', "import Stripe from 'stripe'\nnew Stripe('k')\n", rules),
      scanFile('.env.example', 'RESEND_API_KEY=\n', rules),
    ]
    const { inventory } = buildInventory(facts, rules)
    // An env name corroborates an integration but does not show one: resend is declared, not used.
    expect(inventory.processors).toEqual([])
    expect(inventory.unusedDependencies.map((u) => u.package)).toEqual(['resend', 'stripe'])
    facts.push(
      scanFile('src/mail.ts', "import { Resend } from 'resend'\nexport const r = new Resend(k)\n", rules),
    )
    expect(
      buildInventory(facts, rules).inventory.processors.map(
        (v) => `${v.vendor} ${v.evidence.map((e) => `${e.how}:${e.confidence}`).join(',')}`,
      ),
    ).toEqual(['resend manifest:high,import:high'])
  })
})
