import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()

/** Every vendor or domain the inventory reports, as `key how:confidence@line`. */
function found(files: Record<string, string>): string[] {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  const { inventory } = buildInventory(facts, rules, { minConfidence: 'medium' })
  return [...inventory.analytics, ...inventory.processors]
    .map(
      (v) => `${v.vendor} ${v.evidence.map((e) => `${e.how}:${e.confidence}@${e.path}:${e.line}`).join(' ')}`,
    )
    .sort()
}

describe('a host whose substitution opens a label', () => {
  it('reads the substitution as optional labels before a known registrable domain', () => {
    const code = [
      'export const url = (sandbox: boolean) => {',
      "  const prefix = sandbox ? 'sandbox.' : ''",
      '  return `https://api.${prefix}africastalking.com/version1/messaging`',
      '}',
      'export const tld = (name: string) => `https://${name}.com/a`',
      'export const inside = (name: string) => `https://api.${name}com/a`',
      'export const unknown = (name: string) => `https://api.${name}example-sms.com/a`',
    ].join('\n')
    expect(found({ 'src/sms.ts': code })).toEqual(['africas-talking hostname:high@src/sms.ts:3'])
  })
})

describe('a stylesheet link in a head config', () => {
  it('reads an href beside rel: stylesheet as a stylesheet the page loads, a preconnect as a link', () => {
    const code = [
      'export const head = [',
      "  { tag: 'link', attrs: { rel: 'preconnect', href: 'https://fonts.googleapis.com' } },",
      "  { tag: 'link', attrs: { href: 'https://fonts.googleapis.com/css2?family=Inter', rel: 'stylesheet' } },",
      ']',
    ].join('\n')
    expect(found({ 'src/head.ts': code })).toEqual(['google-fonts hostname:high@src/head.ts:3'])
  })
})

describe("a vendor's environment variable handed to a package", () => {
  it('reads the package as the vendor client when the variable is an option of its call', () => {
    const code = [
      "import { initialiseTelemetry } from '@acme/hmpps-telemetry'",
      'initialiseTelemetry({ serviceName: "app", connectionString: process.env.APPLICATIONINSIGHTS_CONNECTION_STRING ?? "" })',
    ].join('\n')
    expect(found({ 'server/telemetry.ts': code })).toEqual([
      'azure-monitor import:medium@server/telemetry.ts:2',
    ])
  })

  it('leaves a variable read alone, checked by an env schema, or handed to a local function', () => {
    const code = [
      "import { createEnv } from '@t3-oss/env-nextjs'",
      "import { init } from './telemetry'",
      'export const env = createEnv({ APPLICATIONINSIGHTS_CONNECTION_STRING: process.env.APPLICATIONINSIGHTS_CONNECTION_STRING })',
      'init({ connectionString: process.env.APPLICATIONINSIGHTS_CONNECTION_STRING })',
      'export const key = process.env.APPLICATIONINSIGHTS_CONNECTION_STRING',
    ].join('\n')
    expect(found({ 'server/env.ts': code })).toEqual([])
  })
})

describe('a self-hosted analytics script', () => {
  it("reads the vendor's script path on a host named after the vendor as that vendor", () => {
    const page = [
      "import Script from 'next/script'",
      'export const Analytics = () => (',
      '  <>',
      '    <Script defer data-domain="example.org" src="https://plausible.example.org/js/script.outbound-links.js" />',
      '    <Script src="https://plausible.example.org/about/team.js" />',
      '    <Script src="https://stats.example.org/js/script.js" />',
      '  </>',
      ')',
    ].join('\n')
    expect(found({ 'app/analytics.tsx': page }).filter((v) => v.startsWith('plausible'))).toEqual([
      'plausible script-url:high@app/analytics.tsx:4',
    ])
  })
})

describe('a redirect rule in code', () => {
  it("reads a redirect's destination as a link and a rewrite's as a call", () => {
    const code = [
      'export default {',
      '  async redirects() {',
      "    return [{ source: '/apply', destination: 'https://acme.typeform.com/to/abc', permanent: true }]",
      '  },',
      '  async rewrites() {',
      "    return [{ source: '/ingest/:path*', destination: 'https://eu.i.posthog.com/:path*' }]",
      '  },',
      '}',
    ].join('\n')
    expect(found({ 'next.config.js': code })).toEqual(['posthog outbound:high@next.config.js:6'])
  })
})
