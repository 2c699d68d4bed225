import { describe, expect, it } from 'vitest'
import { buildInventory } from '../../src/scan/inventory.js'
import { rangeMajor } from '../../src/scan/library-versions.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules, scanFixture } from './fixture.js'

describe('cookies set by first-party code', () => {
  it('finds every cookie API, with names resolved through constants, enums, imports, re-exports and templates', async () => {
    const { inventory } = await scanFixture('cookies')
    const byName = new Map(inventory.cookies.map((c) => [c.name, c]))
    const where = (name: string): string[] =>
      (byName.get(name)?.evidence ?? []).map((e) => `${e.path} ${e.rule}`)
    expect([...byName.keys()].sort()).toEqual(
      [
        'app_locale',
        'app_session',
        'app_theme',
        'cart_id',
        'cookie_consent',
        'cookie_consent_ts',
        'consent_preferences',
        'fastify_pref',
        'koa.sess',
        'lang',
        'legacy_session',
        'newsletter_dismissed',
        'next_visit',
        'nookies_token',
        'nuxt_visit',
        'pages_pref',
        'recently_viewed',
        'remember_me',
        'returning_user',
        'seen_banner',
        'shop_ab_bucket',
        'sid',
        'tz',
        'ui_theme',
      ].sort(),
    )
    expect(where('sid')).toEqual(['server/express.js cookie-api.express']) // CommonJS constant from ./names
    expect(where('legacy_session')).toEqual(['server/express.js cookie-api.delete']) // a deletion: it exists
    expect(where('shop_ab_bucket')).toEqual(['server/express.js cookie-api.express']) // template with an imported prefix
    expect(where('koa.sess')).toEqual(['server/koa.ts cookie-api.cookies-set'])
    expect(where('fastify_pref')).toEqual(['server/fastify.ts cookie-api.fastify'])
    expect(where('nuxt_visit')).toEqual(['server/api/visit.ts cookie-api.auto-import'])
    expect(where('app_session')).toEqual(['src/app/api/login/route.ts cookie-api.cookies-set']) // `@/lib/cookies` alias
    expect(where('app_locale')).toEqual(['src/app/api/login/route.ts cookie-api.cookies-set']) // enum member, object form
    expect(where('cart_id')).toEqual(['src/app/api/login/route.ts cookie-api.cookies-set']) // renamed re-export
    expect(where('next_visit')).toEqual(['src/app/api/login/route.ts cookie-api.set-cookie-header'])
    expect(where('pages_pref')).toEqual(['src/pages/api/prefs.ts cookie-api.cookie'])
    expect(where('nookies_token')).toEqual(['src/pages/api/prefs.ts cookie-api.nookies'])
    expect(where('cookie_consent_ts')).toEqual(['src/client/consent.ts cookie-api.document-cookie'])
    expect(where('seen_banner')).toEqual(['src/client/consent.ts cookie-api.cookies-next'])
    expect(where('newsletter_dismissed')).toEqual(['src/client/consent.ts cookie-api.helper'])
    // A helper imported from the app's own module (through a barrel, renamed); a package's `setCookie('trk_opt')` is
    // not in the list above.
    expect(where('returning_user')).toEqual(['src/client/returning.ts cookie-api.helper'])
    // The app's own helper class, called as a method with the name in a constant (set, then read); a package
    // object's `tracker.setCookie('trk_opt')` is not in the list above.
    expect(where('ui_theme')).toEqual([
      'src/server/theme.ts cookie-api.@tanstack/react-start/server',
      'src/server/theme.ts cookie-api.read',
    ])
    expect(where('consent_preferences')).toEqual([
      'src/client/preferences.tsx cookie-api.helper',
      'src/client/preferences.tsx cookie-api.read',
    ])
    const sid = byName.get('sid')!.evidence[0]!
    expect(sid.reason).toContain('name from SESSION_COOKIE in server/names.js')
    expect(byName.get('koa.sess')!.purpose).toBe('strictly-necessary') // from the cookie catalogue
  })

  it('reports a template name it cannot resolve as a pattern', () => {
    const facts = scanFile(
      'src/ab.ts',
      "import Cookies from 'js-cookie'\nexport const set = (id: string) => Cookies.set(`exp_${id}_variant`, 'b')\n",
      rules,
    )
    const { inventory } = buildInventory([facts], rules)
    expect(inventory.cookies.map((c) => [c.name, c.pattern, c.evidence[0]!.confidence])).toEqual([
      ['exp_*_variant', true, 'medium'],
    ])
  })

  it('adds SDK default cookies only for browser SDKs, marked as such', () => {
    const facts = [
      scanFile('src/web.ts', "import posthog from 'posthog-js'\nposthog.init('k')\n", rules),
      scanFile('src/server.ts', "import Mixpanel from 'mixpanel'\nMixpanel.init('t')\n", rules),
    ]
    const { inventory } = buildInventory(facts, rules)
    expect(inventory.cookies.map((c) => `${c.name} ${c.source} ${c.vendor}`)).toEqual([
      'ph_*_posthog sdk-default posthog',
    ])
  })

  it("adds Supabase's session cookies for its server-side cookie packages, not for supabase-js, which keeps the session in storage", () => {
    const cookiesOf = (code: string): string[] =>
      buildInventory([scanFile('src/lib/supabase.ts', code, rules)], rules).inventory.cookies.map(
        (c) => c.name,
      )
    expect(
      cookiesOf(
        "import { createServerClient } from '@supabase/ssr'\nexport const c = createServerClient(u, k, { cookies })\n",
      ),
    ).toEqual(['sb-*-auth-token*'])
    expect(
      cookiesOf(
        "import { createClient } from '@supabase/supabase-js'\nexport const c = createClient(u, k, { auth: { storage: SecureStore } })\n",
      ),
    ).toEqual([])
  })

  it('adds them for a vendor script loaded by an inline snippet or a templated <Script src>, not for its host alone', () => {
    const snippet =
      '(function (c, l, a, r, i) {\n  const t = l.createElement(r)\n  t.src = "https://www.clarity.ms/tag/" + i\n  l.head.appendChild(t)\n})(window, document, "clarity", "script", "abc")\n'
    const gtag =
      "import Script from 'next/script'\nexport const GA = ({ id }: { id: string }) => <Script src={`https://www.googletagmanager.com/gtag/js?id=${id}`} />\n"
    const csp = 'export const csp = "connect-src https://www.clarity.ms https://www.google-analytics.com"\n'
    const names = (file: string, code: string): string[] =>
      buildInventory([scanFile(file, code, rules)], rules).inventory.cookies.flatMap((c) =>
        c.evidence.some((e) => e.confidence !== 'low') ? [`${c.name} ${c.source}`] : [],
      )
    expect(names('src/snippets/clarity.js', snippet)).toEqual(['_clck sdk-default', '_clsk sdk-default'])
    expect(names('src/ga.tsx', gtag)).toEqual(['_ga sdk-default', '_ga_* sdk-default'])
    expect(names('src/csp.ts', csp)).toEqual([])
    // Markup built as a string and inserted into served pages loads the script too; the same tag as a form's
    // placeholder text is copy.
    const injected =
      'export const gaScript = (id) => `\n  <script async src="https://www.googletagmanager.com/gtag/js?id=${id}"></script>\n  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag("js", new Date()); gtag("config", "${id}");</script>`\n'
    expect(names('server/analytics/ga.js', injected)).toEqual(['_ga sdk-default', '_ga_* sdk-default'])
    const placeholder =
      'export const Field = () => <textarea placeholder=\'<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\' />\n'
    expect(names('src/field.tsx', placeholder)).toEqual([])
    // PostHog's snippet builds its script URL from api_host: the call on the global it defines is the evidence.
    const posthog =
      '<html><head><script>\n  !function (t, e) { window.posthog = e }(document, window.posthog || []);\n  posthog.init("phc_x", { api_host: "https://eu.i.posthog.com" })\n</script></head></html>\n'
    expect(names('public/index.html', posthog)).toEqual(['ph_*_posthog sdk-default'])
    const local =
      "const posthog = makeClient()\nposthog.init('k', { api_host: 'https://eu.i.posthog.com' })\n"
    expect(names('src/server.ts', local)).toEqual([])
  })

  it("adds a cookie only some of a vendor's packages set for those packages only", () => {
    const cookiesOf = (code: string): string[] =>
      buildInventory([scanFile('src/auth.ts', code, rules)], rules)
        .inventory.cookies.map((c) => c.name)
        .sort()
    // auth0-spa-js keeps its login hint in cookies; the nextjs-auth0 session cookie is another package's.
    expect(
      cookiesOf("import { Auth0Client } from '@auth0/auth0-spa-js'\nnew Auth0Client({ domain: 'x' })\n"),
    ).toEqual(['_legacy_auth0.*.is.authenticated', 'auth0.*.is.authenticated'])
    expect(
      cookiesOf("import { UserProvider } from '@auth0/nextjs-auth0/client'\nexport default UserProvider\n"),
    ).toEqual(['appSession'])
  })

  it('reports a cookie the vendor sets on its own domain at low confidence only', () => {
    const facts = scanFile(
      'src/page.tsx',
      '<script async src="https://www.clarity.ms/tag/abc"></script>\n',
      rules,
    )
    const cookies = (minConfidence: 'low' | 'medium') =>
      buildInventory([facts], rules, { minConfidence }).inventory.cookies
    expect(cookies('medium').map((c) => c.name)).toEqual(['_clck', '_clsk'])
    const clid = cookies('low').find((c) => c.name === 'CLID')!
    expect(clid.evidence.map((e) => [e.confidence, e.reason])).toEqual([
      ['low', expect.stringContaining('on its own domain clarity.ms (a third-party cookie)')],
    ])
  })
})

describe('cookies of session and auth libraries', () => {
  it('reports configured names as code and defaults as library defaults', async () => {
    const { inventory } = await scanFixture('session-libraries')
    const got = inventory.cookies.map((c) => `${c.name} ${c.source} ${c.evidence[0]!.path}`).sort()
    expect(got).toEqual(
      [
        '__session sdk-default app/routes/sessions.server.ts', // createCookieSessionStorage without a name
        '__Host-_builder_* code app/routes/sessions.server.ts', // a session storage's name built at run time
        '_csrf sdk-default server/express.js', // csurf({ cookie: true })
        'acme.session_data code lib/auth.ts', // better-auth session.cookieCache
        'acme.session_token code lib/auth.ts', // better-auth cookiePrefix
        'better-auth.session_token sdk-default lib/auth-minimal.ts', // better-auth/minimal, default name
        'connect.sid sdk-default server/express.js', // express-session default
        'fsid code server/fastify.ts', // @fastify/session cookieName
        'i18n_redirected sdk-default nuxt.config.ts', // Nuxt i18n browser-language cookie
        'legacy_sess code server/express.js', // cookie-session name
        'legacy_sess.sig code server/express.js', // cookie-session signs it by default
        'myapp_iron code lib/session.ts', // iron-session cookieName
        'next-auth.callback-url sdk-default pages/api/auth/[...nextauth].ts', // NextAuth v4
        'nuxt-session sdk-default server/api/login.post.ts', // nuxt-auth-utils setUserSession (not the local one)
        'next-auth.csrf-token sdk-default pages/api/auth/[...nextauth].ts',
        'next-auth.session-token sdk-default pages/api/auth/[...nextauth].ts',
        'shop.sess code server/koa.js', // koa-session key
        'shop.sess.sig code server/koa.js', // koa-session signs it by default
        'user-prefs code app/routes/sessions.server.ts', // Remix createCookie
      ].sort(),
    )
    // The fastify session names its cookie, so its default (sessionId) is not reported too.
    expect(inventory.cookies.some((c) => c.name === 'sessionId')).toBe(false)
  })
})

/** The names of the cookies the inventory of these files holds, sorted. */
const names = (files: Record<string, string>): string[] => {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  return buildInventory(facts, rules)
    .inventory.cookies.map((c) => c.name)
    .sort()
}

describe('cookies a library call sets under its default name (rules/cookies set_by)', () => {
  it("reports Hydrogen's cart cookie and PocketBase's auth cookie where the call is made, renamed when it says so", () => {
    const server = [
      "import { createCartHandler, cartGetIdDefault, cartSetIdDefault } from '@shopify/hydrogen'",
      'export const cart = (request: Request, storefront: unknown) =>',
      '  createCartHandler({ storefront, getCartId: cartGetIdDefault(request.headers), setCartId: cartSetIdDefault() })',
    ].join('\n')
    const hooks = [
      'const pb = getPb()',
      'pb.authStore.onChange(() => {',
      "  document.cookie = pb.authStore.exportToCookie({ httpOnly: false, sameSite: 'Lax' })",
      '})',
      "export const admin = () => pb.authStore.exportToCookie({ secure: true }, 'pb_admin')",
    ].join('\n')
    expect(names({ 'server.ts': server, 'src/hooks.client.ts': hooks })).toEqual([
      'cart',
      'pb_admin',
      'pb_auth',
    ])
  })

  it('reads an h3 auto-imported setCookie whose event parameter is named h3; another first argument is the name', () => {
    const session =
      "import type { H3Event } from 'h3'\nconst tokenName = 'app-token'\nexport class Sessions { create(h3: H3Event) { setCookie(h3, tokenName, 'x', {}) } }\n"
    expect(names({ 'server/session.ts': session })).toEqual(['app-token'])
    expect(
      names({ 'src/remember.ts': "const h = 'ui-theme'\nexport const r = () => setCookie(h, 'dark')\n" }),
    ).toEqual(['ui-theme'])
  })

  it('reports SuperTokens session cookies where the Session recipe is initialised, not for another init()', () => {
    const server = [
      "import supertokens from 'supertokens-node'",
      "import Session from 'supertokens-node/recipe/session'",
      'supertokens.init({ appInfo, recipeList: [Session.init()] })',
    ].join('\n')
    const web =
      "import Session from 'supertokens-auth-react/recipe/session'\nexport const recipes = [Session.init()]\n"
    expect(names({ 'src/auth.ts': server })).toEqual(['sAccessToken', 'sRefreshToken'])
    expect(names({ 'src/web.ts': web })).toEqual(['sAccessToken'])
    const other =
      "import Session from './session'\nimport * as Sentry from '@sentry/node'\nSession.init()\nSentry.init({ dsn })\n"
    expect(names({ 'src/other.ts': other })).toEqual([])
  })

  it("reports wagmi's state cookies only where its storage is the cookieStorage export", () => {
    const config = [
      "import { cookieStorage, createConfig, createStorage } from 'wagmi'",
      'export const config = createConfig({ ssr: true, storage: createStorage({ storage: cookieStorage }) })',
    ].join('\n')
    expect(names({ 'src/wagmi.ts': config })).toEqual(['wagmi.*'])
    const local = config.replace('storage: cookieStorage', 'storage: localStorage')
    expect(names({ 'src/wagmi.ts': local })).toEqual([])
    const own =
      "import { createStorage } from './storage'\nexport const s = createStorage({ storage: cookieStorage })\n"
    expect(names({ 'src/s.ts': own })).toEqual([])
  })

  it("reports the Sharetribe SDK's token cookie, a pattern, where its cookie token store is made", () => {
    const sdk = [
      "const sharetribeSdk = require('sharetribe-flex-sdk')",
      'const store = (req, res) => sharetribeSdk.tokenStore.expressCookieStore({ clientId: CLIENT_ID, req, res })',
      'module.exports = { store }',
    ].join('\n')
    const memory =
      "const sdk = require('sharetribe-flex-sdk')\nexports.store = () => sdk.tokenStore.memoryStore()\n"
    expect(names({ 'server/sdk.js': sdk })).toEqual(['st-*-token'])
    expect(names({ 'server/memory.js': memory })).toEqual([])
  })

  it("reports auth0-spa-js' transaction cookie only where the client is told to keep transactions in cookies", () => {
    const client = (options: string): string =>
      [
        "import { Auth0Client, createAuth0Client } from '@auth0/auth0-spa-js'",
        `export const auth = new Auth0Client({ domain, clientId, ${options} })`,
      ].join('\n')
    const names0 = (code: string): string[] =>
      names({ 'src/auth.ts': code }).filter((n) => n.startsWith('a0.'))
    expect(names0(client('useCookiesForTransactions: true'))).toEqual(['a0.spajs.txs.*'])
    expect(
      names0(
        "import { createAuth0Client } from '@auth0/auth0-spa-js'\nexport const auth = createAuth0Client({ domain, clientId, useCookiesForTransactions: true })",
      ),
    ).toEqual(['a0.spajs.txs.*'])
    // Session storage by default, and when the option is false.
    expect(names0(client('useRefreshTokens: true'))).toEqual([])
    expect(names0(client('useCookiesForTransactions: false'))).toEqual([])
    // A class of the same name from the app's own code.
    expect(
      names0(
        "import { Auth0Client } from './auth0'\nexport const auth = new Auth0Client({ useCookiesForTransactions: true })",
      ),
    ).toEqual([])
  })

  it("reports Segment's group cookie where the app calls group(), not as a default of the snippet", () => {
    const page = '<script src="https://cdn.segment.com/analytics.js/v1/k/analytics.min.js"></script>'
    const org = "export const join = (org: { id: string }) => window.analytics.group(org.id, { plan: 'pro' })"
    const segment = (files: Record<string, string>): string[] =>
      names(files).filter((n) => n.startsWith('ajs_'))
    expect(segment({ 'index.html': page })).toEqual(['ajs_anonymous_id', 'ajs_user_id'])
    expect(segment({ 'index.html': page, 'src/org.ts': org })).toEqual([
      'ajs_anonymous_id',
      'ajs_group_id',
      'ajs_user_id',
    ])
    const browser =
      "import { AnalyticsBrowser } from '@segment/analytics-next'\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' })\nexport const join = (org: { id: string }) => analytics.group(org.id)"
    expect(segment({ 'src/org.ts': browser })).toEqual(['ajs_anonymous_id', 'ajs_group_id', 'ajs_user_id'])
    // A server SDK's group() sets no cookie; an `analytics` of the app's own is not Segment's snippet.
    const server =
      "import { Analytics } from '@segment/analytics-node'\nconst analytics = new Analytics({ writeKey: 'k' })\nexport const join = (org: { id: string }) => analytics.group({ groupId: org.id, userId: 'u' })"
    expect(segment({ 'src/org.ts': server })).toEqual([])
    const own =
      'const analytics = { group: (id: string) => id }\nexport const join = (org: { id: string }) => analytics.group(org.id)'
    expect(segment({ 'src/org.ts': own })).toEqual([])
  })

  it("reports Matomo's consent cookies not by default: only the consent calls that remember consent write them", () => {
    const tracker =
      "<script>var _paq = window._paq = []; _paq.push(['trackPageView']); (function() { var u=\"https://example.matomo.cloud/\"; var g=document.createElement('script'); g.src='https://cdn.matomo.cloud/example.matomo.cloud/matomo.js'; document.head.appendChild(g) })();</script>"
    const matomo = names({ 'index.html': tracker })
    expect(matomo).toContain('_pk_id.*')
    expect(matomo.filter((n) => n.startsWith('mtm_'))).toEqual([])
  })

  it("reports Zendesk's cookie-law cookie where the Chat widget's cookieLaw API records a decision, not by default", () => {
    const widget =
      'import Zendesk from \'react-zendesk\'\nexport const Help = () => <Zendesk defer zendeskKey="k" />\n'
    const zendesk = (files: Record<string, string>): string[] =>
      names(files).filter((n) => n.startsWith('__zlc'))
    expect(zendesk({ 'src/help.jsx': widget })).toEqual(['__zlcmid'])
    expect(
      zendesk({
        'src/help.jsx': widget,
        'src/consent.js': 'export const agree = () => $zopim.livechat.cookieLaw.comply()\n',
      }),
    ).toEqual(['__zlcmid', '__zlcprivacy'])
  })

  it("reports reCAPTCHA's _GRECAPTCHA as a third-party cookie on Google's domain, never at medium confidence", () => {
    const page = '<script src="https://www.google.com/recaptcha/api.js" async defer></script>'
    const facts = scanFile('index.html', page, rules)
    const cookies = (minConfidence: 'low' | 'medium') =>
      buildInventory([facts], rules, { minConfidence }).inventory.cookies.map((c) => c.name)
    expect(cookies('medium')).toEqual([])
    expect(cookies('low')).toEqual(['_GRECAPTCHA'])
  })

  it("reports next-intl's NEXT_LOCALE where its middleware is made, not for another createMiddleware", () => {
    const proxy =
      "import createMiddleware from 'next-intl/middleware'\nimport { routing } from './i18n/routing'\nexport default createMiddleware(routing)\n"
    const other =
      "import { createMiddleware } from 'hono/factory'\nexport const logger = createMiddleware(async (c, next) => next())\n"
    expect(names({ 'proxy.ts': proxy })).toEqual(['NEXT_LOCALE'])
    expect(names({ 'src/logger.ts': other })).toEqual([])
  })

  it("reads the names Auth.js's cookies option gives its cookies, and nothing from another cookies object", () => {
    const auth = [
      "const prefix = process.env.VERCEL_ENV === 'production' ? '__Secure-' : ''",
      'export const authOptions = {',
      '  cookies: {',
      '    sessionToken: { name: `${prefix}next-auth.session-token`, options: { httpOnly: true } },',
      "    csrfToken: { name: 'app.csrf' },",
      '  },',
      '}',
    ].join('\n')
    const other = "export const prefs = { cookies: { theme: { name: 'dark' }, sessionToken: 'abc' } }\n"
    const found = names({ 'src/auth.ts': auth })
    expect(found).toContain('app.csrf')
    expect(found.some((n) => n.endsWith('next-auth.session-token'))).toBe(true)
    expect(names({ 'src/prefs.ts': other })).toEqual([])
  })

  it('reports nothing for a same-named function of another module or a name it cannot read', () => {
    const own = [
      "import { cartSetIdDefault } from './cart-utils'",
      'export const setCartId = cartSetIdDefault()',
      'export const save = (store: { authStore: { exportToCookie(o: object, k: string): string } }, key: string) =>',
      '  store.authStore.exportToCookie({}, key)',
    ].join('\n')
    expect(names({ 'app/cart.ts': own })).toEqual([])
  })
})

describe('cookie names kept in a field of the class that sets them', () => {
  const names = (code: string): string[] =>
    buildInventory([scanFile('src/prefs.ts', code, rules)], rules)
      .inventory.cookies.map((c) => c.name)
      .sort()

  it('reads each name the constructor or initializer gives the field, through both branches of a condition', () => {
    const code = [
      "import Cookies from 'js-cookie'",
      'export const prefs = new class {',
      '  private name_: string',
      "  private consent = 'consent_v2'",
      '  constructor() {',
      "    this.name_ = window.location.protocol === 'https:' ? 'prefs' : 'prefsHttp'",
      '  }',
      '  write(value: object) {',
      '    Cookies.set(this.name_, JSON.stringify(value))',
      "    Cookies.set(this.consent, 'yes')",
      '  }',
      '}()',
    ].join('\n')
    expect(names(code)).toEqual(['consent_v2', 'prefs', 'prefsHttp'])
  })

  it('reports nothing for a field the class never gives a readable name', () => {
    const code = [
      "import Cookies from 'js-cookie'",
      'export class Store {',
      '  constructor(private name: string) {}',
      "  save() { Cookies.set(this.name, 'x') }",
      '}',
    ].join('\n')
    expect(names(code)).toEqual([])
  })
})

describe('cookies of CSRF plugins, injected cookie services, One Tap and inline snippets', () => {
  it("reports @fastify/csrf-protection's _csrf unless its secret is kept in a session plugin", () => {
    const server = (options: string): string =>
      [
        "const csrf = require('@fastify/csrf-protection')",
        'module.exports = async (server) => {',
        `  await server.register(csrf${options})`,
        '}',
      ].join('\n')
    expect(names({ 'forge.js': server(', { cookieOpts: { signed: true } }') })).toEqual(['_csrf'])
    expect(names({ 'forge.js': server('') })).toEqual(['_csrf'])
    expect(names({ 'forge.js': server(", { cookieKey: 'xsrf_secret' }") })).toEqual(['xsrf_secret'])
    expect(names({ 'forge.js': server(", { sessionPlugin: '@fastify/session' }") })).toEqual([])
    expect(names({ 'forge.js': server(", { sessionPlugin: '@fastify/cookie' }") })).toEqual(['_csrf'])
  })

  it('reads the cookie names an Angular class passes to an injected ngx-cookie-service or ngx-cookie service', () => {
    const component = [
      "import { Component, inject } from '@angular/core'",
      "import { CookieService } from 'ngx-cookie-service'",
      "import { CookieService as NgxCookies } from 'ngx-cookie'",
      '@Component({ selector: "app-banner", template: "" })',
      'export class BannerComponent {',
      "  readonly COOKIE_NAME = 'CookieAccepted'",
      '  private legacy = inject(NgxCookies)',
      '  constructor(private cookieService: CookieService) {}',
      '  accept() {',
      "    this.cookieService.set(this.COOKIE_NAME, 'true', 30)",
      "    this.legacy.put('banner_seen', '1')",
      '  }',
      '}',
    ].join('\n')
    // The same calls on services that are not cookie services: a settings store, an injected HttpClient.
    const other = [
      "import { Component } from '@angular/core'",
      "import { HttpClient } from '@angular/common/http'",
      "import { SettingsService } from './settings.service'",
      '@Component({ selector: "app-x", template: "" })',
      'export class OtherComponent {',
      '  constructor(private settings: SettingsService, private cookieService: HttpClient) {}',
      "  save() { this.settings.set('theme_choice', 'dark'); this.cookieService.delete('/api/session') }",
      '}',
    ].join('\n')
    expect(names({ 'src/app/banner.component.ts': component })).toEqual(['CookieAccepted', 'banner_seen'])
    expect(names({ 'src/app/other.component.ts': other })).toEqual([])
  })

  it("reads the cookie names a class passes to the app's own injected cookie service, through imported constants", () => {
    const service = [
      "import Cookies from 'js-cookie'",
      'export abstract class CookieService {',
      '  abstract set(name: string, value: unknown): void',
      '  abstract get(name: string): unknown',
      '}',
    ].join('\n')
    const names_ = "export const XSRF_COOKIE = 'XSRF-TOKEN'\n"
    const component = [
      "import { Injectable, inject } from '@angular/core'",
      "import { CookieService } from '../cookies/cookie.service'",
      "import { XSRF_COOKIE } from './xsrf.constants'",
      "export const LANG_COOKIE = 'dsLanguage'",
      '@Injectable()',
      'export class LocaleService {',
      '  private readonly cookies = inject(CookieService)',
      '  constructor(protected cookie: CookieService) {}',
      '  save(lang: string) { this.cookie.set(LANG_COOKIE, lang) }',
      '  token() { return this.cookies.get(XSRF_COOKIE) }',
      '}',
    ].join('\n')
    // A local service about cookies (a consent manager) or a settings store is no cookie store.
    const other = [
      "import { CookieConsentService } from './cookie-consent.service'",
      "import { SettingsStore } from './settings.store'",
      'export class Banner {',
      '  constructor(private consent: CookieConsentService, private settings: SettingsStore) {}',
      "  accept() { this.consent.set('analytics', true); this.settings.set('theme_choice', 'dark') }",
      '}',
    ].join('\n')
    expect(
      names({
        'src/app/cookies/cookie.service.ts': service,
        'src/app/locale/xsrf.constants.ts': names_,
        'src/app/locale/locale.service.ts': component,
      }),
    ).toEqual(['XSRF-TOKEN', 'dsLanguage'])
    expect(names({ 'src/app/banner.ts': other })).toEqual([])
  })

  it('reports no SDK cookie when every set-up keeps the SDK state in localStorage (cookieless_options)', () => {
    const init = (options: string): string =>
      `import mixpanel from 'mixpanel-browser'\nexport const start = (token: string) => mixpanel.init(token, ${options})\n`
    const posthog = (options: string): string =>
      `import posthog from 'posthog-js'\nposthog.init('phc_key', ${options})\n`
    expect(names({ 'src/mp.ts': init("{ persistence: 'localStorage', track_pageview: true }") })).toEqual([])
    expect(names({ 'src/mp.ts': init('{ disable_persistence: true }') })).toEqual([])
    expect(names({ 'src/ph.ts': posthog("{ persistence: 'memory' }") })).toEqual([])
    // The default, a cookie persistence, an options object built elsewhere, or a second cookie-keeping set-up.
    expect(names({ 'src/mp.ts': init('{ track_pageview: true }') })).toEqual(['mp_*_mixpanel'])
    expect(names({ 'src/mp.ts': init("{ persistence: 'cookie' }") })).toEqual(['mp_*_mixpanel'])
    expect(names({ 'src/mp.ts': init('options') })).toEqual(['mp_*_mixpanel'])
    expect(names({ 'src/ph.ts': posthog("{ persistence: 'localStorage+cookie' }") })).toEqual([
      'ph_*_posthog',
    ])
    expect(names({ 'src/mp.ts': init("{ persistence: 'localStorage' }"), 'src/mp2.ts': init('{}') })).toEqual(
      ['mp_*_mixpanel'],
    )
  })

  it("reports Intercom's Messenger cookies for an Angular wrapper, not for the native Capacitor plugin", () => {
    const app = [
      "import { Component } from '@angular/core'",
      "import { Intercom } from '@supy-io/ngx-intercom'",
      "@Component({ selector: 'app-root', template: '' })",
      'export class AppComponent {',
      '  constructor(private intercom: Intercom) {}',
      '  boot() { this.intercom.boot({ app_id }) }',
      '}',
    ].join('\n')
    const native =
      "import { Intercom } from '@capacitor-community/intercom'\nexport const boot = () => Intercom.boot()\n"
    expect(names({ 'src/app/app.component.ts': app })).toEqual([
      'intercom-device-id-*',
      'intercom-id-*',
      'intercom-session-*',
    ])
    expect(names({ 'src/app/native.ts': native })).toEqual([])
  })

  it('reports g_state where One Tap is shown, not for the sign-in button or the OAuth token popup', () => {
    const oneTap = 'export const show = () => window.google.accounts.id.prompt()\n'
    const vueOneTap =
      "import { googleOneTap } from 'vue3-google-login'\nexport const show = () => googleOneTap({ clientId })\n"
    const button =
      "import { GoogleLogin } from 'vue3-google-login'\nexport default { components: { GoogleLogin } }\n"
    const picker = [
      "const script = document.createElement('script')",
      "script.src = 'https://accounts.google.com/gsi/client'",
      'document.head.appendChild(script)',
      'export const token = () => google.accounts.oauth2.initTokenClient({ client_id, scope, callback })',
    ].join('\n')
    expect(names({ 'src/one-tap.ts': oneTap })).toEqual(['g_state'])
    expect(names({ 'src/vue-one-tap.ts': vueOneTap })).toEqual(['g_state'])
    expect(names({ 'src/button.ts': button, 'src/picker.ts': picker })).toEqual([])
  })

  it("scans inline <script> code of an HTML template literal: a vendor's loader snippet sets its cookies", () => {
    const page = [
      'export function inject(apikey, options) {',
      '  let html = ""',
      '  html += `<script>',
      '    !function(t,e){e.__SV||(window.posthog=e,e._i=[])}(document,window.posthog||[]);',
      "    posthog.init('${apikey}', ${JSON.stringify(options)})",
      '  </script>`',
      '  return html',
      '}',
    ].join('\n')
    // The same call as text of a JSON-LD block, and a page that only names PostHog: no script runs.
    const data = [
      'export const ld = (key) => `<script type="application/ld+json">{"note": "posthog.init(${key})"}</script>`',
      'export const copy = `<p>We use posthog.init() for analytics</p>`',
    ].join('\n')
    expect(names({ 'routes/ui.js': page })).toEqual(['ph_*_posthog'])
    expect(names({ 'routes/data.js': data })).toEqual([])
  })
})

describe('a library’s default cookies by its installed major version', () => {
  const middleware =
    "import NextAuth from 'next-auth'\nimport { authConfig } from './auth.config'\nexport default NextAuth(authConfig).auth\n"
  const cookies = (range: string | undefined, files: Record<string, string> = {}): string[] => {
    const all: Record<string, string> = { 'src/middleware.ts': middleware, ...files }
    if (range !== undefined) all['package.json'] = JSON.stringify({ dependencies: { 'next-auth': range } })
    const facts = Object.entries(all).map(([path, code]) => scanFile(path, code, rules))
    return buildInventory(facts, rules)
      .inventory.cookies.map((c) => c.name)
      .sort()
  }

  it('names next-auth 5’s Auth.js cookies when package.json asks for 5, though the call looks like v4', () => {
    expect(cookies('^5.0.0-beta.32')).toEqual([
      'authjs.callback-url',
      'authjs.csrf-token',
      'authjs.session-token',
    ])
    // The nearest manifest above the file decides in a workspace.
    const nested = {
      'apps/web/package.json': JSON.stringify({ dependencies: { 'next-auth': '5.0.0-beta.25' } }),
    }
    expect(cookies('^4.24.5', { ...nested, 'apps/web/src/middleware.ts': middleware })).toEqual([
      'authjs.callback-url',
      'authjs.csrf-token',
      'authjs.session-token',
      'next-auth.callback-url',
      'next-auth.csrf-token',
      'next-auth.session-token',
    ])
  })

  it('keeps the v4 names for next-auth 4, and the shape’s guess when no range says (a tag, no manifest)', () => {
    const v4 = ['next-auth.callback-url', 'next-auth.csrf-token', 'next-auth.session-token']
    expect(cookies('^4.24.5')).toEqual(v4)
    expect(cookies('latest')).toEqual(v4)
    expect(cookies(undefined)).toEqual(v4)
  })

  it('reads the major of a range', () => {
    expect(
      ['^5.0.0-beta.32', '~4.24.5', '>=4.0.0', '4.x', 'v3.29.0', '5', 'npm:next-auth@^5.0.0'].map(rangeMajor),
    ).toEqual([5, 4, 4, 4, 3, 5, 5])
    expect(['latest', 'workspace:*', 'github:nextauthjs/next-auth', '*'].map(rangeMajor)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('cookies named by the callers of a helper named for a cookie, across files', () => {
  const service = [
    "import { Effect } from 'effect'",
    'export const make = Effect.gen(function* () {',
    "  const setOAuthSessionTokenCookie = Effect.fn('session.setOAuthSessionTokenCookie')(",
    '    (context: { cookies: { set(n: string, v: string, o: object): void } }, key: string, value: string) =>',
    "      Effect.sync(() => context.cookies.set(key, value, { httpOnly: true, path: '/' })),",
    '  )',
    '  return { setOAuthSessionTokenCookie } as const',
    '})',
  ].join('\n')
  const provider = [
    "import { Effect } from 'effect'",
    "import { Session } from './session-service'",
    "export const ProviderCookieName = 'github_oauth_state'",
    'export const init = (context: unknown, state: string) =>',
    '  Effect.gen(function* () {',
    '    const [{ setOAuthSessionTokenCookie }] = yield* Effect.all([Session])',
    '    yield* setOAuthSessionTokenCookie(context, ProviderCookieName, state)',
    "    yield* setOAuthSessionTokenCookie(context, 'github_oauth_code_verifier', state)",
    '  })',
  ].join('\n')

  it('resolves the name a caller in another module passes to a helper nested in a service', () => {
    expect(names({ 'src/session.ts': service, 'src/github.ts': provider })).toEqual([
      'github_oauth_code_verifier',
      'github_oauth_state',
    ])
  })

  it('leaves alone functions not named for a cookie, and calls of a package function of the same name', () => {
    const store = service.replaceAll('setOAuthSessionTokenCookie', 'remember')
    const caller = provider.replaceAll('setOAuthSessionTokenCookie', 'remember')
    expect(names({ 'src/session.ts': store, 'src/github.ts': caller })).toEqual([])
    const packaged = [
      "import { setOAuthSessionTokenCookie } from 'some-auth-kit'",
      "export const f = (ctx: unknown) => setOAuthSessionTokenCookie(ctx, 'other_state', 'x')",
    ].join('\n')
    expect(names({ 'src/session.ts': service, 'src/other.ts': packaged })).toEqual([])
  })
})

describe("i18next's language detection cookie", () => {
  it('reports the cookie the detection options read or cache, by its lookupCookie name or the default', () => {
    const named = [
      "import i18next from 'i18next'",
      "i18next.init({ detection: { order: ['querystring', 'cookie'], lookupCookie: 'lng', caches: ['cookie'] } })",
    ].join('\n')
    const plain = "i18n.init({ detection: { order: ['header'], caches: ['cookie'] } })"
    expect(names({ 'server/i18n.ts': named })).toEqual(['lng'])
    expect(names({ 'server/i18n.ts': plain })).toEqual(['i18next'])
  })

  it('reports nothing when the language is kept elsewhere', () => {
    const local =
      "i18n.init({ detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'] } })"
    expect(
      names({ 'src/i18n.ts': local, 'src/empty.ts': 'i18n.init({ detection: { caches: [] } })' }),
    ).toEqual([])
  })
})

describe('plugin and middleware cookies of Better Auth and next-international', () => {
  it('reports lastLoginMethod, the admin plugin impersonation cookie and the next-international locale cookie', () => {
    const auth = [
      "import { betterAuth } from 'better-auth'",
      "import { admin, lastLoginMethod } from 'better-auth/plugins'",
      'export const auth = betterAuth({ plugins: [admin(), lastLoginMethod()] })',
    ].join('\n')
    const table =
      'export const impersonate = (id: string) => authClient.admin.impersonateUser({ userId: id })'
    const proxy = [
      "import { createI18nMiddleware } from 'next-international/middleware'",
      "export const I18nMiddleware = createI18nMiddleware({ locales: ['en', 'fr'], defaultLocale: 'en' })",
    ].join('\n')
    expect(names({ 'src/auth.ts': auth, 'src/users-table.tsx': table, 'proxy.ts': proxy })).toEqual([
      'Next-Locale',
      'better-auth.admin_session',
      'better-auth.last_used_login_method',
      'better-auth.session_token',
    ])
    // The admin plugin alone writes no cookie until someone impersonates a user.
    expect(names({ 'src/auth.ts': auth.replace(', lastLoginMethod()', '') })).toEqual([
      'better-auth.session_token',
    ])
  })
})

describe('session cookies named by the app settings module', () => {
  it('reads the name a merged CommonJS config hands on from its defaults module', () => {
    expect(
      names({
        'app.js':
          "const session = require('express-session')\nconst config = require('./lib/config')\nmodule.exports = session({ name: config.sessionName, secret: config.sessionSecret })\n",
        'lib/config/index.js':
          "const { merge } = require('lodash')\nlet config = require('./default')\nmerge(config, require('./environment'))\nmodule.exports = config\n",
        'lib/config/default.js':
          "module.exports = {\n  sessionName: 'pad.sid',\n  sessionSecret: 'secret'\n}\n",
        'lib/config/environment.js': 'module.exports = { sessionSecret: process.env.SESSION_SECRET }\n',
      }),
    ).toEqual(['pad.sid'])
  })

  it('reads the written default of a setting the environment may override, and nothing without one', () => {
    const config = (name: string): string =>
      `export const config = {\n  session: { secret: process.env.SESSION_SECRET || 'changeme', name: ${name} },\n}\n`
    const middleware =
      "import session from 'express-session'\nimport { config } from './config'\nexport const sessions = () => session({ name: config.session.name, secret: config.session.secret })\n"
    expect(
      names({
        'src/config.ts': config("process.env.SESSION_NAME || 'bot.sid'"),
        'src/session.ts': middleware,
      }),
    ).toEqual(['bot.sid'])
    expect(
      names({ 'src/config.ts': config('process.env.SESSION_NAME'), 'src/session.ts': middleware }),
    ).toEqual([])
  })
})
