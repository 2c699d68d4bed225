import type { Finding } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { fingerprintOf, type FileFacts } from './file-scan.js'

/** Stands for a helper's name parameter in the name it builds (cookie-record's PARAMETER). */
const PARAMETER = '\u0001'

type Helper = NonNullable<FileFacts['cookieHelpers']>[number]

/**
 * Cookies named by the callers of cookie helpers nested in a service: a function named for a cookie that sets or
 * reads the cookie its parameter names (`setOAuthSessionTokenCookie(context, key, value)` returned by a session
 * service), called in another module with a known name (`setOAuthSessionTokenCookie(ctx, 'github_oauth_state',
 * state)`). Helpers and callers meet by the helper's name, as the callee reaches the caller through an object the
 * service returns, which no import names; only names that mention a cookie take part.
 */
export function linkCookieHelpers(files: readonly FileFacts[], rules: RuleSet): Finding[] {
  const helpers = new Map<string, { helper: Helper; path: string }[]>()
  for (const f of files)
    for (const h of f.cookieHelpers ?? []) {
      const list = helpers.get(h.fn) ?? []
      list.push({ helper: h, path: f.path })
      helpers.set(h.fn, list)
    }
  if (helpers.size === 0) return []
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const f of files)
    for (const call of f.cookieHelperCalls ?? []) {
      for (const { helper, path } of helpers.get(call.fn) ?? []) {
        const arg = call.args[helper.index]
        if (!arg) continue
        const name = helper.name.split(PARAMETER).join(arg.value)
        if (name === '' || /^\**$/.test(name)) continue
        const once = `${f.path}:${call.line}:${name}`
        if (seen.has(once)) continue
        seen.add(once)
        const pattern = arg.pattern || name.includes('*')
        const reason = [helper.how, `name passed to the cookie helper ${call.fn}() of ${path}`]
          .filter(Boolean)
          .join('; ')
        out.push(
          codeCookieFinding(
            rules,
            name,
            pattern,
            { path: f.path, ...call, symbol: call.fn, rule: helper.rule },
            reason,
          ),
        )
      }
    }
  return out
}

/** Where first-party code sets a cookie, with the line's excerpt. */
interface CookieSite {
  path: string
  line: number
  column: number
  symbol: string
  rule: string
  excerpt: string
}

/** A cookie that first-party code sets under a name resolved when files are linked. */
export function codeCookieFinding(
  rules: RuleSet,
  name: string,
  pattern: boolean,
  at: CookieSite,
  reason: string,
): Finding {
  const info = rules.cookieInfo(name)
  return {
    kind: 'cookie',
    key: name,
    cookie: { pattern, vendor: info?.vendor ?? null, purpose: info?.purpose ?? null, source: 'code' },
    evidence: {
      path: at.path,
      line: at.line,
      column: at.column,
      symbol: at.symbol,
      rule: at.rule,
      confidence: pattern ? 'medium' : 'high',
      how: 'cookie-api',
      excerpt: at.excerpt,
      reason,
      fingerprint: fingerprintOf('cookie', name, at.path, at.symbol),
    },
  }
}

/**
 * The cookies of Pinia stores persisted by pinia-plugin-persistedstate: a store whose storage is the plugin's cookies,
 * and a store on the default storage where nuxt.config registers the plugin's Nuxt module (whose default storage is
 * cookies unless its global `storage` says otherwise). The cookie is named by the store's `key`, else by the global
 * `key` template (`%id`), else by the store's id.
 */
export function persistedStoreCookies(files: readonly FileFacts[], rules: RuleSet): Finding[] {
  const nuxt = files.find((f) => f.persistedStateNuxt)?.persistedStateNuxt
  const defaultIsCookies = nuxt !== undefined && (nuxt.storage === undefined || nuxt.storage === 'cookies')
  const out: Finding[] = []
  for (const f of files)
    for (const s of f.persistedStores ?? []) {
      if (s.storage === 'default' && !defaultIsCookies) continue
      const name = s.key ?? (nuxt?.key?.includes('%id') ? nuxt.key.replace('%id', s.store) : s.store)
      const why =
        s.storage === 'cookies'
          ? `the Pinia store "${s.store}" is persisted in the plugin's cookie storage`
          : `the Pinia store "${s.store}" is persisted by pinia-plugin-persistedstate's Nuxt module, whose default storage is cookies`
      out.push(
        codeCookieFinding(
          rules,
          name,
          false,
          {
            path: f.path,
            line: s.line,
            column: s.column,
            symbol: 'defineStore',
            rule: 'cookie-api.pinia-plugin-persistedstate',
            excerpt: s.excerpt,
          },
          why,
        ),
      )
    }
  return out
}
