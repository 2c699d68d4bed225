import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { builtinRulesDir, loadRules } from '../../src/rules/load.js'
import { cookieCatalogueSchema, type CookieEntry } from '../../src/rules/schema.js'
import { compileGlob } from '../../src/util/glob.js'
import {
  convertRows,
  orderForMatching,
  parseCsv,
  parseOcd,
  rejectName,
  shortDescription,
  type OcdRow,
} from '../../scripts/import-open-cookie-database.js'

const cookiesDir = join(builtinRulesDir(), 'cookies')

/** Each catalogue file (`kind: cookie`) in rules/cookies, validated with the same schema loadRules() uses. */
function catalogueFiles(): { file: string; derivedFrom?: { license: string }; cookies: CookieEntry[] }[] {
  return readdirSync(cookiesDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((file) => ({ file, data: parse(readFileSync(join(cookiesDir, file), 'utf8')) as { kind?: unknown } }))
    .filter(({ data }) => data.kind === 'cookie')
    .map(({ file, data }) => ({ file, ...cookieCatalogueSchema.parse(data) }))
    .map(({ file, derived_from, cookies }) => ({ file, derivedFrom: derived_from, cookies }))
}

const literalLength = (glob: string): number => glob.replace(/\*/g, '').length

describe('cookie catalogue (rules/cookies)', () => {
  const files = catalogueFiles()
  const all = files.flatMap((f) => f.cookies)
  const rules = loadRules()

  it('has at least 300 cookies converted from the Open Cookie Database, with attribution', () => {
    const ocd = files.find((f) => f.file === 'open-cookie-database.yaml')
    expect(ocd).toBeDefined()
    expect(ocd!.cookies.length).toBeGreaterThanOrEqual(300)
    expect(ocd!.derivedFrom?.license).toBe('Apache-2.0')
    expect(new Set(all.map((c) => c.name)).size).toBeGreaterThanOrEqual(300)
  })

  it('defines each cookie name once across all catalogue files', () => {
    const seen = new Map<string, string>()
    const duplicates: string[] = []
    for (const f of files)
      for (const c of f.cookies) {
        const first = seen.get(c.name)
        if (first) duplicates.push(`${c.name} (${first} and ${f.file})`)
        else seen.set(c.name, f.file)
      }
    expect(duplicates).toEqual([])
  })

  it('references only vendors that have a vendor rule', () => {
    const unknown = all.filter((c) => c.vendor !== null && !rules.vendors.has(c.vendor)).map((c) => c.name)
    expect(unknown).toEqual([])
  })

  it('keeps only specific, plausible names in the converted file', () => {
    const ocd = files.find((f) => f.file === 'open-cookie-database.yaml')!
    const rejected = ocd.cookies.map((c) => [c.name, rejectName(c.name)]).filter(([, why]) => why)
    expect(rejected).toEqual([])
  })

  it('compiles every glob, and no catalogue glob hides a more specific one', () => {
    const catalogueNames = new Set(all.map((c) => c.name))
    const problems: string[] = []
    for (const c of all.filter((e) => e.name.includes('*'))) {
      const sample = c.name.replace(/\*/g, 'Zz9')
      if (!compileGlob(c.name).test(sample)) problems.push(`${c.name} does not match ${sample}`)
      const hit = rules.cookieInfo(sample)
      if (!hit) problems.push(`${sample} is not classified`)
      // A vendor rule's own glob may cover the catalogue's; between catalogue globs the specific one must win.
      else if (catalogueNames.has(hit.name) && hit.name.includes('*') && literalLength(hit.name) < literalLength(c.name))
        problems.push(`${c.name} is hidden by ${hit.name}`)
    }
    expect(problems).toEqual([])
  })

  it('classifies well-known cookie names', () => {
    expect(rules.cookieInfo('_ga')?.purpose).toBe('analytics')
    const container = rules.cookieInfo('_ga_ABC123')
    expect(container?.purpose).toBe('analytics')
    expect(container?.name).toContain('*')
    expect(rules.cookieInfo('connect.sid')).toMatchObject({ purpose: 'strictly-necessary', vendor: null })
    expect(rules.cookieInfo('_fbp')?.purpose).toBe('marketing')
    expect(rules.cookieInfo('__cf_bm')?.purpose).toBe('security')
    expect(rules.cookieInfo('csrftoken')?.purpose).toBe('security')
    expect(rules.cookieInfo('NEXT_LOCALE')?.purpose).toBe('preferences')
    expect(rules.cookieInfo('__Secure-next-auth.session-token')?.purpose).toBe('strictly-necessary')
    expect(rules.cookieInfo('sb-abcdefghij-auth-token')).toMatchObject({ purpose: 'strictly-necessary', vendor: 'supabase' })
    expect(rules.cookieInfo('_hjSessionUser_123456')?.purpose).toBe('analytics')
    // Segment's cookies, which OCD files under Trustpilot.
    expect(rules.cookieInfo('ajs_anonymous_id')?.platform).not.toBe('Trustpilot')
    expect(rules.cookieInfo('definitely_not_a_known_cookie_42')).toBeUndefined()
    // Generic names are left unclassified rather than pinned on one ad-tech platform.
    expect(rules.cookieInfo('token')).toBeUndefined()
  })
})

describe('Open Cookie Database importer', () => {
  const header = 'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match'
  const csv = (...lines: string[]): OcdRow[] => parseOcd([header, ...lines].join('\n'))

  it('parses quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nd,e,f\n')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['d', 'e', 'f'],
    ])
  })

  it('rejects a CSV without the expected columns', () => {
    expect(() => parseOcd('ID,Name\n1,x\n')).toThrow(/Platform/)
  })

  it('maps categories, turns wildcard rows into globs and fixes ajs_* to Segment', () => {
    const rows = csv(
      '1,Google Analytics,Analytics,_ga_,,ID of the GA4 container,2 Years,Google,,1',
      '2,Trustpilot,Analytics,ajs_user_id,.trustpilot.com,Track visitor usage,1 year,Trustpilot,,0',
      '3,Foo,Personalization,foo_pref,,Stores a preference,Session,Foo,,0',
      '4,Foo,Necessary,foo_auth,,"Login, kept",End of session (browser),Foo,,0',
      '5,Microsoft,Analytics,_clck,clarity.ms,Clarity id,1 year,Microsoft,,0',
    )
    const { cookies } = convertRows(rows, { vendorIds: new Set(['segment']) })
    const byName = new Map(cookies.map((c) => [c.name, c]))
    expect(byName.get('_ga_*')).toMatchObject({ purpose: 'analytics', duration: '2 years', vendor: null })
    expect(byName.get('ajs_user_id')).toMatchObject({ platform: 'Segment', vendor: 'segment' })
    expect(byName.get('foo_pref')).toMatchObject({ purpose: 'preferences', duration: 'session' })
    expect(byName.get('foo_auth')).toMatchObject({ purpose: 'strictly-necessary', description: 'Login, kept' })
    expect(byName.get('_clck')?.platform).toBe('Microsoft Clarity')
  })

  it('links a vendor only when its rule exists', () => {
    const rows = csv('1,Hotjar,Analytics,_hjid,,Hotjar user id,1 year,Hotjar,,0')
    expect(convertRows(rows, { vendorIds: new Set() }).cookies[0]!.vendor).toBeNull()
    expect(convertRows(rows, { vendorIds: new Set(['hotjar']) }).cookies[0]!.vendor).toBe('hotjar')
  })

  it('skips implausible, generic, short, storage-only, owned and duplicate names', () => {
    const rows = csv(
      '1,A,Marketing,Site History,,x,1 year,A,,0',
      '2,A,Marketing,token,,x,1 year,A,,0',
      '3,A,Marketing,u,,x,1 year,A,,0',
      '4,A,Marketing,cc-,,x,1 year,A,,1',
      '5,A,Functional,a_store,,Local storage of cart data,session,A,,0',
      '6,A,Functional,connect.sid,,x,session,A,,0',
      '7,A,Marketing,keep_me,,first,1 year,A,,0',
      '8,B,Analytics,keep_me,,second,1 year,B,,0',
      '9,A,Marketing,pagead/conv/%INTEGER%,,x,1 year,A,,0',
    )
    const result = convertRows(rows, { vendorIds: new Set(), ownedElsewhere: new Set(['connect.sid']) })
    expect(result.cookies.map((c) => [c.name, c.description])).toEqual([['keep_me', 'first']])
    expect(Object.values(result.skipped).reduce((a, b) => a + b, 0)).toBe(8)
  })

  it('orders globs from the most specific prefix', () => {
    const ordered = orderForMatching([
      { name: '_gac_*', vendor: null, platform: 'G', purpose: 'marketing' },
      { name: 'zzz', vendor: null, platform: 'G', purpose: 'marketing' },
      { name: '_gac_gb_*', vendor: null, platform: 'G', purpose: 'marketing' },
    ])
    expect(ordered.map((c) => c.name)).toEqual(['zzz', '_gac_gb_*', '_gac_*'])
  })

  it('shortens long descriptions to at most 160 characters', () => {
    const long = `${'word '.repeat(60)}end`
    const short = shortDescription(long)!
    expect(short.length).toBeLessThanOrEqual(160)
    expect(short.endsWith('…')).toBe(true)
    expect(shortDescription(`First sentence is here and long enough. ${'more '.repeat(40)}`)).toBe(
      'First sentence is here and long enough.',
    )
  })
})
