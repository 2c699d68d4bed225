import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

describe('cookie names built at run time', () => {
  it('resolves loops, local scopes, helpers, tsconfig aliases and exported name builders; reads and deletions count', async () => {
    const { inventory } = await scanFixture('cookie-names')
    const byName = new Map(inventory.cookies.map((c) => [c.name, c]))
    const where = (name: string): string[] =>
      (byName.get(name)?.evidence ?? []).map((e) => `${e.path.split('/').pop()}:${e.line} ${e.rule}`)
    expect([...byName.keys()].sort()).toEqual(
      [
        'ab_group',
        'acme_visitor',
        'adultConsent',
        'dub_id',
        'dub_partner_data',
        'github_oauth_state',
        'jwt',
        'last_visit',
        'oauth.state',
        'oauth.verifier',
        'old_session',
        'old_theme',
        'promo_seen',
        'referral_code',
        'sess_*',
        'session_token',
        'theme',
        'tour_done',
        'tour_seen',
        'ui_locale',
        'utm_source',
      ].sort(),
    )
    // constants through tsconfig `paths` aliases, in a template and in cookie's object form
    expect(where('adultConsent')).toEqual(['consent.ts:7 cookie-api.document-cookie'])
    expect(where('jwt')).toEqual(['consent.ts:11 cookie-api.cookie'])
    expect(where('acme_visitor')).toEqual(['consent.ts:43 cookie-api.js-cookie'])
    // every element of the arrays the loops walk: for…of with destructuring, forEach, Object.values
    expect(where('referral_code')).toEqual(['consent.ts:22 cookie-api.document-cookie'])
    expect(where('old_theme')).toEqual(['consent.ts:29 cookie-api.delete'])
    expect(where('promo_seen')).toEqual(['consent.ts:30 cookie-api.js-cookie'])
    // a template with a run-time part is a pattern
    expect(byName.get('sess_*')?.pattern).toBe(true)
    // a local helper called with a name; a destructuring default; an exported builder called with an argument
    expect(where('tour_done')).toEqual(['consent.ts:38 cookie-api.document-cookie'])
    expect(where('oauth.state')).toEqual([
      'oauth.ts:11 cookie-api.hono/cookie',
      'oauth.ts:17 cookie-api.delete',
    ])
    expect(where('github_oauth_state')).toEqual(['oauth.ts:12 cookie-api.hono/cookie'])
    // reads: member, element and destructured reads of req.cookies, cookies().get, hono getCookie
    expect(where('session_token')).toEqual([
      'express.ts:5 cookie-api.read',
      'express.ts:8 cookie-api.express',
    ])
    expect(where('ui_locale')).toEqual(['express.ts:6 cookie-api.read'])
    expect(where('ab_group')).toEqual(['express.ts:7 cookie-api.read'])
    expect(where('dub_id')).toEqual(['route.ts:5 cookie-api.read'])
    expect(where('oauth.verifier')).toEqual(['oauth.ts:16 cookie-api.read'])
    // a Set-Cookie line written as a plain string
    expect(where('theme')).toEqual(['consent.ts:46 cookie-api.set-cookie-string'])
    expect(byName.get('session_token')!.evidence[0]!.reason).toContain('read: the cookie exists')
  })
})
