import { describe, expect, it } from 'vitest'
import { buildRecords } from '../../src/report/records.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules, scanFixture, vendorEvidence } from './fixture.js'

/** Every sign-in evidence of the fixture as `vendor-or-domain confidence @ path:line`. */
const signIns = (): Promise<string[]> => vendorEvidence('sign-in', 'medium', (e) => e.how === 'sign-in')

describe('sign-in providers configured through auth libraries (fixtures/detectors/sign-in)', () => {
  it('finds each provider at its configuration line, in every library style', async () => {
    expect(await signIns()).toEqual([
      // better-auth genericOAuth with only a discovery URL: the provider is the URL's registrable domain.
      'acme-identity.com medium @ src/better-auth/auth.ts:21',
      // Supabase config.toml: the enabled provider only (github is `enabled = false`).
      'apple-sign-in high @ supabase/config.toml:7',
      // SAML entryPoint (the SP's own `issuer` is not a provider).
      'contoso-login.com medium @ src/oidc/client.ts:8',
      // An Auth.js list built step by step: `providers.push(Discord)`, and a called provider in a push.
      'discord-sign-in high @ src/authjs/conditional.ts:7',
      'discord-sign-in high @ src/better-auth/client.ts:5',
      // passport.use('discord', …) and passport-oauth2 pointed at discord.com: the IdP's own domain.
      'discord-sign-in high @ src/passport/strategies.ts:26',
      'discord-sign-in high @ src/passport/strategies.ts:29',
      'discord-sign-in high @ src/passport/strategies.ts:30',
      // An Auth.js provider object `{ type: 'oidc', issuer }`; the one with an environment issuer names nothing.
      'fabrikam-sso.com medium @ src/oidc/auth-config.ts:9',
      // nuxt-auth-utils: the provider is in the handler's name (the plain handler beside it names none).
      'github-oauth high @ server/routes/auth/github.get.ts:2',
      'github-oauth high @ src/arctic/oauth.ts:4',
      'github-oauth high @ src/authjs/auth.ts:9',
      'github-oauth high @ src/better-auth/auth.ts:11',
      'github-oauth high @ src/passport/routes.ts:6',
      'github-oauth high @ src/passport/strategies.ts:2',
      // signIn(provider) inside PROVIDERS.map(…): the ids of the array.
      'gitlab high @ src/authjs/sign-in-buttons.tsx:4',
      // better-auth socialProviders from Object.fromEntries over a filtered table of `{ id }` objects.
      'gitlab high @ src/better-auth/from-config.ts:5',
      // Component-template bindings: a Svelte handler, an Angular `(click)`, a Vue `:href` (the app's URL helper).
      'gitlab high @ src/templates/Login.svelte:5',
      'google-identity high @ src/authjs/auth.ts:10',
      'google-identity high @ src/firebase/login.ts:7',
      'google-identity high @ src/passport/strategies.ts:3',
      'google-identity high @ src/supabase/login.ts:7',
      'linkedin-sign-in high @ src/authjs/sign-in-buttons.tsx:4',
      // better-auth `...microsoft` spread into socialProviders; Firebase `new OAuthProvider('microsoft.com')`.
      'microsoft-entra-id high @ src/better-auth/auth.ts:5',
      'microsoft-entra-id high @ src/firebase/login.ts:8',
      'northwind-staff.com medium @ src/passport/strategies.ts:43',
      'northwind-staff.com medium @ src/passport/strategies.ts:44',
      // openid-client discovery of an Okta tenant.
      'okta high @ src/oidc/client.ts:5',
      'reddit-sign-in high @ src/authjs/conditional.ts:8',
      // `key as LoginProvider` (a local alias of better-auth's SocialProvider) over Object.entries(buttons): the
      // object's keys; `sso` is no provider, and the `colours` object keyed by `google` is never a provider.
      'spotify high @ src/better-auth/login-form.tsx:8',
      'spotify high @ src/templates/login.component.html:2',
      'twitch high @ src/arctic/oauth.ts:5',
      'twitch high @ src/better-auth/from-config.ts:6',
      'twitch high @ src/templates/SignUp.vue:4',
    ])
  })

  it('reports no provider for copy, model providers, comments, local strategies or test files', async () => {
    const { inventory } = await scanFixture('sign-in', 'low')
    const everything = [...inventory.analytics, ...inventory.processors]
    const at = (path: string): string[] =>
      everything.flatMap((v) => v.evidence.filter((e) => e.path === path).map(() => v.vendor))
    // 'google' in a list, a `{ provider: 'google' }` model config, timer.start('google'), // signIn('apple').
    expect(at('src/ui/copy.ts')).toEqual([])
    // tests/auth.test.ts signs in with twitter and facebook; test files are not the product.
    expect(everything.map((v) => v.vendor)).not.toContain('x-sign-in')
    expect(everything.map((v) => v.vendor)).not.toContain('facebook-login')
    // Template bindings that name a provider only in copy, a translation key, a route or a tracking call.
    expect(at('src/templates/SignUp.vue')).toEqual(['twitch'])
    expect(at('src/templates/login.component.html')).toEqual(['spotify'])
    expect(at('src/templates/Login.svelte')).toEqual(['gitlab'])
    // The commented-out Discord provider of src/authjs/auth.ts.
    expect(at('src/authjs/auth.ts')).not.toContain('discord')
  })

  it('gives a provider no rule knows the identity-provider category and the identity it receives', async () => {
    const { inventory } = await scanFixture('sign-in')
    const records = buildRecords(inventory, undefined, { rules, project: 'sign-in' })
    const unknown = records.vendors.find((v) => v.id === 'northwind-staff.com')
    expect(unknown?.categories.map((c) => c.key)).toEqual(['identity-provider'])
    expect(unknown?.dataSource).toBe('vendor-category')
    expect(unknown?.dataCategories).toEqual([
      'user.contact.email',
      'user.content.self_image',
      'user.name',
      'user.unique_id',
    ])
    const known = records.vendors.find((v) => v.id === 'google-identity')
    expect(known?.dataSource).toBe('vendor-rule')
    expect(known?.dataCategories).toContain('user.contact.email')
  })
})

describe('sign-in enums: members the code names, and labels nothing picks', () => {
  const ENUM =
    "export enum AuthProvider {\n  LDAP = 'ldap',\n  GITHUB = 'github',\n  FACEBOOK = 'facebook',\n}\n"
  const found = (use: string, min: 'low' | 'medium'): string[] => {
    const facts = [scanFile('src/types/enums.ts', ENUM, rules), scanFile('src/views/Login.ts', use, rules)]
    return buildInventory(facts, rules, { minConfidence: min }).inventory.processors.map(
      (v) => `${v.vendor} ${v.evidence.map((e) => e.confidence).join(' ')}`,
    )
  }
  const imported = "import { AuthProvider } from '../types/enums'\n"

  it('keeps a member another module names, and every member of an enum handed whole to a call', () => {
    expect(found(`${imported}export const go = () => signIn(AuthProvider.GITHUB)\n`, 'medium')).toEqual([
      'github-oauth high',
    ])
    expect(found(`${imported}export const all = Object.values(AuthProvider)\n`, 'medium').sort()).toEqual([
      'facebook-login high',
      'github-oauth high',
    ])
  })

  it('lowers the members of a table of which the code names only one, saying why', () => {
    const use = `${imported}export const isLdap = (p: string) => p === AuthProvider.LDAP\n`
    expect(found(use, 'medium')).toEqual([])
    const facts = [scanFile('src/types/enums.ts', ENUM, rules), scanFile('src/views/Login.ts', use, rules)]
    const low = buildInventory(facts, rules, { minConfidence: 'low' }).inventory.processors
    expect(low.map((v) => v.vendor).sort()).toEqual(['facebook-login', 'github-oauth'])
    expect(low[0]!.evidence[0]!.reason).toContain('is a member no module of the repository names')
  })
})
