import { describe, expect, it } from 'vitest'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

const names = (files: Record<string, string>): string[] => {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  return buildInventory(facts, rules)
    .inventory.cookies.map((c) => c.name)
    .sort()
}

describe('cookie stores a framework injects, helpers that take the request first, probe cookies', () => {
  it("reads names given to a Nuxt-injected $cookies store (cookie-universal-nuxt's app.$cookies, this.$cookies)", () => {
    const store = [
      'export const actions = {',
      "  init({ commit }, { app }) { commit('set', app.$cookies.get('hide_thumbs')) },",
      "  save() { this.$cookies.set('theme.is_dark', true, { path: '/' }) },",
      '}',
    ].join('\n')
    expect(names({ 'store/index.js': store })).toEqual(['hide_thumbs', 'theme.is_dark'])
    const other = "export const f = (app) => app.$cache.get('hide_thumbs') + app.$cookiesConsent.get('x')\n"
    expect(names({ 'store/other.js': other })).toEqual([])
  })

  it('reads the name a cookie helper takes after the request and response (setCookie(req, res, name, value))', () => {
    const code = [
      "import { setCookie } from './utils/cookies'",
      "const COOKIES = { TRY_COOKIE: 'tryCookie' }",
      "export function handle(req, res) { setCookie(req, res, COOKIES.TRY_COOKIE, 'ok', { httpOnly: false }) }",
    ].join('\n')
    expect(names({ 'server/handler.ts': code })).toEqual(['tryCookie'])
    const notName =
      "import { setCookie } from './utils/cookies'\nexport const h = (req, res) => setCookie(req, res)\n"
    expect(names({ 'server/h2.ts': notName })).toEqual([])
  })

  it('reads a probe cookie whose name a local variable of the function holds (document.cookie = name + "=1")', () => {
    const probe = [
      'function cookiesEnabled() {',
      '  var soon = new Date(Date.now() + 1000).toUTCString();',
      '  var teststring = "_app_cookiesenabled";',
      '  document.cookie = teststring + "=1; expires=" + soon;',
      '  return document.cookie.indexOf(teststring) !== -1;',
      '}',
    ].join('\n')
    expect(names({ 'js/utils.js': probe })).toEqual(['_app_cookiesenabled'])
    // A `var` built from other values may change before the write: not read as a name.
    const built =
      'function f(id) {\n  var key = "pref_" + id;\n  key = key.toUpperCase();\n  document.cookie = key + "=1";\n}\n'
    expect(names({ 'js/built.js': built })).toEqual([])
  })

  it("reports cookie-session's and koa-session's signature cookie (<name>.sig) unless signed: false", () => {
    const signed = "const session = require('cookie-session')\napp.use(session({ secret: 'secret' }))\n"
    expect(names({ 'server/app.js': signed })).toEqual(['session', 'session.sig'])
    const unsigned =
      "const session = require('cookie-session')\napp.use(session({ name: 'prefs', signed: false }))\n"
    expect(names({ 'server/app.js': unsigned })).toEqual(['prefs'])
    const express = "const session = require('express-session')\napp.use(session({ secret: 'secret' }))\n"
    expect(names({ 'server/app.js': express })).toEqual(['connect.sid'])
  })
})

describe("Matomo's cookies", () => {
  it('reports the default _pk_id, _pk_ses and _pk_ref, not _pk_cvar without a custom variable nor _pk_hsr', () => {
    const plugin =
      "import VueMatomo from 'vue-matomo'\nexport default (app) => app.use(VueMatomo, { host: 'https://m.example.org', siteId: 1 })\n"
    const matomo = names({ 'plugins/matomo.client.js': plugin }).filter((n) => n.startsWith('_pk_'))
    expect(matomo).toEqual(['_pk_id.*', '_pk_ref.*', '_pk_ses.*'])
  })
})

describe('Set-Cookie strings', () => {
  it('reads a header line, a wholly quoted value too, but not script code that writes document.cookie', () => {
    expect(names({ 'server/a.ts': 'export const h = \'pref="a b"; Path=/; Max-Age=60\'\n' })).toEqual([
      'pref',
    ])
    const page =
      "export const page = '<script>\\n' + '  document.cookie=\"thirdparty=yes; Max-Age=3600; SameSite=None; Secure\";\\n' + '</script>'\n"
    expect(names({ 'server/page.ts': page })).not.toContain('document.cookie')
  })

  it('reads the names given to a function that builds a header line from its name parameter (`${name}=…; Path=/`)', () => {
    const code = [
      "const ACCESS_TOKEN_COOKIE = 'access_token'",
      "const PREFIX = 'pp_'",
      'function buildCookieHeader(name: string, value: string, path = "/"): string {',
      '  return `${name}=${encodeURIComponent(value)}; Path=${path}; SameSite=Lax`',
      '}',
      'export const login = (t: string) => [buildCookieHeader(ACCESS_TOKEN_COOKIE, t), buildCookieHeader(`${PREFIX}${t}`, t)]',
      'export const query = (k: string, v: string) => `${k}=${v}&page=1`',
    ].join('\n')
    expect(names({ 'app/utils/session.server.ts': code })).toEqual(['access_token', 'pp_*'])
  })
})

describe("Meta's scripts", () => {
  it('reports _fbp and _fbc for the Pixel, none for the Facebook JavaScript SDK (Login, social plugins)', () => {
    const pixel = '<script async src="https://connect.facebook.net/en_US/fbevents.js"></script>'
    expect(names({ 'public/index.html': pixel })).toEqual(['_fbc', '_fbp'])
    const sdk =
      '<script async defer crossorigin="anonymous" src="https://connect.facebook.net/en_US/sdk.js"></script>'
    expect(names({ 'public/index.html': sdk })).toEqual([])
  })
})
