import { describe, expect, it } from 'vitest'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

/** Every vendor of one file's inventory with how it was seen, as `vendor how`. */
const vendorsOf = (path: string, code: string): string[] => {
  const { inventory } = buildInventory([scanFile(path, code, rules)], rules)
  return [...inventory.analytics, ...inventory.processors]
    .flatMap((v) => v.evidence.map((e) => `${v.vendor} ${e.how}`))
    .sort()
}

describe("the app's own OAuth code and Nunjucks layouts", () => {
  it("reads an OAuth endpoint on an identity provider's own domain as signing in with that provider", () => {
    const code = [
      "const authorizationEndpoint = 'https://discord.com/oauth2/authorize'",
      "const tokenEndpoint = 'https://discord.com/api/oauth2/token'",
      'export class Discord {',
      '  authorize = (state: string) => new URL(`${authorizationEndpoint}?state=${state}`)',
      '  token = () => fetch(tokenEndpoint, { method: "POST" })',
      '}',
    ].join('\n')
    // Both endpoint constants; the token request itself is also an outbound call to the domain.
    expect(vendorsOf('src/oauth/discord.ts', code).filter((v) => v.startsWith('discord-sign-in '))).toEqual([
      'discord-sign-in sign-in',
      'discord-sign-in sign-in',
    ])
  })

  it('does not read pages and invite links on the same domain as a sign-in', () => {
    const code = [
      "export const INVITE = 'https://discord.com/invite/abc123'",
      "export const DOCS = 'https://discord.com/developers/docs/topics/oauth2'",
    ].join('\n')
    expect(vendorsOf('src/links.ts', code)).toEqual([])
  })

  it('reads the script tags of a Nunjucks layout, with template tags in the URL and around the script', () => {
    const layout = [
      '{% extends "govuk/template.njk" %}',
      '{% block head %}',
      '  {% if analyticsEnabled %}',
      '    <script async src="https://www.googletagmanager.com/gtag/js?id={{ googleAnalyticsId }}"></script>',
      '    <script nonce="{{ cspNonce }}">',
      "      gtag('config', '{{ googleAnalyticsId }}');",
      '    </script>',
      '  {% endif %}',
      '{% endblock %}',
    ].join('\n')
    expect(vendorsOf('server/views/layout.njk', layout)).toContain('google-analytics script-url')
  })
})
