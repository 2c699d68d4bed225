import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { objectOption, optionString } from './options.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** Option keys that name a cookie in any options object (iron-session, @fastify/session, custom auth configs). */
const NAME_OPTIONS = new Set(['cookieName', 'sessionCookieName'])

/**
 * The keys of Auth.js / NextAuth.js's `cookies` option, each an object whose `name` renames that cookie
 * (`cookies: { sessionToken: { name: '__Secure-app.session' } }`).
 */
const AUTH_JS_COOKIE_KEYS = new Set([
  'sessionToken',
  'callbackUrl',
  'csrfToken',
  'pkceCodeVerifier',
  'state',
  'nonce',
  'webauthnChallenge',
])

/**
 * Cookies named in configuration objects: `cookieName: 'x'` in any options object, Auth.js's `cookies: {
 * sessionToken: { name } }`, Nuxt i18n's `detectBrowserLanguage: { useCookie, cookieKey }` (the locale cookie,
 * `i18n_redirected` by default), and i18next's language detectors' `detection: { order, caches, lookupCookie }`.
 */
export const cookieOptions: SourceDetector = {
  name: 'cookie-options',
  kinds: [SK.PropertyAssignment],
  visit(node, ctx) {
    const p = node as ts.PropertyAssignment
    const key = p.name.kind === SK.Identifier || p.name.kind === SK.StringLiteral ? p.name.text : ''
    if (key === 'detectBrowserLanguage') return detectI18nCookie(p, ctx)
    if (key === 'cookies') return detectAuthJsCookies(p, ctx)
    if (key === 'detection') return detectI18nextCookie(p, ctx)
    if (!NAME_OPTIONS.has(key)) return
    const s = ctx.string(p.initializer)
    if (!s || !s.value || /^\**$/.test(s.value) || /\s/.test(s.value)) return
    ctx.scan.cookie(s.value, s.pattern, ctx.pos(p), 'cookie-api.config', key, `named by a ${key} option`)
  },
}

function detectI18nCookie(node: ts.PropertyAssignment, ctx: WalkContext): void {
  const value = node.initializer
  if (value.kind !== SK.ObjectLiteralExpression) return
  const useCookie = objectOption(value, 'useCookie')
  if (useCookie && useCookie.kind === SK.FalseKeyword) return
  const key = optionString(value, 'cookieKey', ctx)
  ctx.scan.libraryCookie(
    key ?? 'i18n_redirected',
    ctx.pos(node),
    'cookie-api.nuxt-i18n',
    'detectBrowserLanguage',
    key ? 'Nuxt i18n cookieKey' : 'Nuxt i18n stores the detected locale in i18n_redirected',
    key !== undefined,
  )
}

/**
 * i18next's language detectors (i18next-browser-languagedetector, i18next-http-middleware) read the language from a
 * cookie when `order` lists `'cookie'` and write it there when `caches` does; `lookupCookie` names it (`i18next` by
 * default). A `detection` object that lists neither is some other library's option, or keeps the language elsewhere.
 */
function detectI18nextCookie(node: ts.PropertyAssignment, ctx: WalkContext): void {
  const value = node.initializer
  if (value.kind !== SK.ObjectLiteralExpression) return
  const listsCookie = (option: string): boolean => {
    const list = objectOption(value, option)
    return (
      list !== undefined &&
      list.kind === SK.ArrayLiteralExpression &&
      (list as ts.ArrayLiteralExpression).elements.some(
        (e) => ts.isStringLiteralLike(e) && e.text === 'cookie',
      )
    )
  }
  if (!listsCookie('order') && !listsCookie('caches')) return
  const name = optionString(value, 'lookupCookie', ctx)
  ctx.scan.libraryCookie(
    name ?? 'i18next',
    ctx.pos(node),
    'cookie-api.i18next',
    'detection',
    name
      ? 'i18next detection lookupCookie'
      : 'i18next language detection keeps the language in the i18next cookie',
    name !== undefined,
  )
}

/** Auth.js's `cookies` option: each renamed cookie (`sessionToken: { name: `${prefix}next-auth.session-token` }`). */
function detectAuthJsCookies(node: ts.PropertyAssignment, ctx: WalkContext): void {
  const value = node.initializer
  if (value.kind !== SK.ObjectLiteralExpression) return
  for (const p of (value as ts.ObjectLiteralExpression).properties) {
    if (p.kind !== SK.PropertyAssignment || p.name.kind !== SK.Identifier) continue
    if (!AUTH_JS_COOKIE_KEYS.has(p.name.text)) continue
    const option = objectOption((p as ts.PropertyAssignment).initializer, 'name')
    const s = option ? ctx.string(option) : undefined
    if (!s || !s.value || /^\**$/.test(s.value) || /\s/.test(s.value)) continue
    ctx.scan.cookie(
      s.value,
      s.pattern,
      ctx.pos(p),
      'cookie-api.config',
      `cookies.${p.name.text}`,
      `named by Auth.js's cookies.${p.name.text} option`,
    )
  }
}
