import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Evidence } from '../../src/model/types.js'
import {
  cookieNamesMatch,
  renderReal,
  renderRealMarkdown,
  scoreReal,
  totalReal,
  truthSchema,
  vendorHosts,
  vendorMatch,
  type Truth,
  type VendorHosts,
} from '../../scripts/accuracy-real.js'
import {
  checkoutNotes,
  findTruthFor,
  githubSlug,
  HELDOUT_ROOT,
  TRUTH_ROOT,
  listTruthFiles,
  loadTruth,
} from '../../scripts/accuracy.js'
import { inventory } from './inventory.js'

/** A tiny stand-in for the rule set: two vendor rules with their hosts. */
const rules: VendorHosts = {
  vendors: new Map([
    ['acme-mail', { hostnames: ['api.acme-mail.com', '*.eu.acme-mail.com'], script_urls: [] }],
    ['acme-tag', { hostnames: [], script_urls: ['https://cdn.acme-tag.io/t.js'] }],
    ['acme-site', { hostnames: [], script_urls: [], website: 'https://www.acme-site.dev/about' }],
    ['bigco-id', { hostnames: ['accounts.bigco.com', 'oauth2.bigcoapis.com'], script_urls: [] }],
    ['bigco-ai', { hostnames: ['ai.bigcoapis.com'], script_urls: [] }],
  ]),
}

const ev = (path: string, line: number, how: Evidence['how'] = 'field'): Evidence => ({
  path,
  line,
  column: 1,
  rule: 'r',
  confidence: 'high',
  how,
  fingerprint: `${path}:${line}`,
})

const truth = (over: Record<string, unknown>): Truth =>
  truthSchema.parse({
    name: 'demo',
    repo: 'https://github.com/acme/demo',
    commit: 'a'.repeat(40),
    kind: 'test',
    files: 3,
    labelling: { minutes: 1 },
    ...over,
  })

const pd = (category: string, ...evidence: Evidence[]) => ({
  category,
  name: category,
  special: false,
  evidence,
})
const vendor = (id: string, ...evidence: Evidence[]) => ({ vendor: id, name: id, categories: [], evidence })
const cookie = (name: string, ...evidence: Evidence[]) => ({
  name,
  pattern: name.includes('*'),
  vendor: null,
  purpose: null,
  source: 'code' as const,
  evidence,
})

describe('cookie name matching', () => {
  it.each([
    ['session', 'session', true],
    ['sess_*', 'sess_42', true], // truth pattern, found name
    ['ph_phc_abc_posthog', 'ph_*_posthog', true], // found pattern, truth name
    ['sb-*-auth-token', 'sb-*-auth-token*', true], // both patterns
    ['crisp-client/session/*', 'crisp-client/session/abc', true], // `*` crosses `/`
    ['a.b', 'axb', false], // a dot is literal
    ['sess_*', 'session', false],
    ['jwt', 'jwt_refresh', false],
  ])('%s ↔ %s: %s', (t, f, want) => {
    expect(cookieNamesMatch(t, f)).toBe(want)
  })
})

describe('vendor matching by id or domain', () => {
  it('collects a rule hosts from hostnames, script URLs, else the website', () => {
    expect(vendorHosts('acme-mail', rules)).toEqual(['api.acme-mail.com', 'eu.acme-mail.com'])
    expect(vendorHosts('acme-tag', rules)).toEqual(['cdn.acme-tag.io'])
    expect(vendorHosts('acme-site', rules)).toEqual(['acme-site.dev'])
    expect(vendorHosts('pay.example.com', rules)).toEqual(['pay.example.com'])
    expect(vendorHosts('unknown-rule', rules)).toEqual([])
  })

  it('prefers an id, then an alias, then the most specific domain', () => {
    const entry = { id: 'acme-mail', aliases: ['acme-email'], domains: ['acme-mail.com'] }
    expect(vendorMatch(entry, 'acme-mail', rules)).toBe(1000)
    expect(vendorMatch(entry, 'acme-email', rules)).toBe(999)
    expect(vendorMatch({ id: 'mail', domains: ['acme-mail.com'] }, 'acme-mail', rules)).toBe(
      1 + 'acme-mail.com'.length,
    )
    expect(vendorMatch({ id: 'mail', domains: ['other.com'] }, 'acme-mail', rules)).toBe(0)
  })

  it('matches a domain-keyed processor to a truth domain in either direction, never a look-alike', () => {
    expect(
      vendorMatch({ id: 'pay', domains: ['example-pay.com'] }, 'example-pay.com', rules),
    ).toBeGreaterThan(0)
    expect(
      vendorMatch({ id: 'pay', domains: ['api.example-pay.com'] }, 'example-pay.com', rules),
    ).toBeGreaterThan(0)
    expect(
      vendorMatch({ id: 'pay', domains: ['example-pay.com'] }, 'api.example-pay.com', rules),
    ).toBeGreaterThan(0)
    expect(vendorMatch({ id: 'pay', domains: ['example-pay.com'] }, 'notexample-pay.com', rules)).toBe(0)
    // a rule id is never read as a domain the other way round: `bigco.com` does not cover every bigco rule host
    expect(vendorMatch({ id: 'x', domains: ['accounts.bigco.com'] }, 'bigco-id', rules)).toBeGreaterThan(0)
    expect(vendorMatch({ id: 'x', domains: ['mail.bigco.com'] }, 'bigco-id', rules)).toBe(0)
  })
})

describe('scoring one repository', () => {
  it('scores personal data by category with accepted alternatives, unsure entries and duplicates', () => {
    const t = truth({
      personalData: [
        { category: 'user.contact.email', at: ['a.ts:1'] },
        { category: 'user.name.first', accept: ['user.name'], at: ['a.ts:2'] },
        { category: 'user.device.ip_address', at: ['a.ts:3'] },
        { category: 'user.location.imprecise', confidence: 'unsure', at: ['a.ts:4'] },
      ],
    })
    const r = scoreReal(
      t,
      inventory({
        personalData: [
          pd('user.contact.email', ev('src/user.ts', 3)),
          pd('user.name', ev('src/user.ts', 4)),
          pd('user.name.first', ev('src/user.ts', 5)),
          pd('user.location.imprecise', ev('src/tz.ts', 1)),
          pd('user.job_title', ev('src/push.ts', 9)),
        ],
      }),
      rules,
    )
    expect(r.perKind.personalData).toMatchObject({ tp: 2, fp: 1, fn: 1 })
    expect(r.perKind.personalData.falsePositives).toEqual([
      { key: 'user.job_title', where: ['src/push.ts:9'] },
    ])
    expect(r.perKind.personalData.misses).toEqual([{ key: 'user.device.ip_address', where: ['a.ts:3'] }])
    // user.name and user.name.first both satisfy one entry: the exact one counts, the other is a duplicate
    expect(r.perKind.personalData.duplicates.map((d) => d.key)).toEqual(['user.name'])
    expect(r.perKind.personalData.unsure.map((d) => d.key)).toEqual(['user.location.imprecise'])
  })

  it('counts a name in parts for an entry user.name, and a part listed on its own only for itself', () => {
    const parts = inventory({
      personalData: [pd('user.name.first', ev('src/user.ts', 5)), pd('user.name.last', ev('src/user.ts', 6))],
    })
    const whole = scoreReal(
      truth({ personalData: [{ category: 'user.name', at: ['a.ts:1'] }] }),
      parts,
      rules,
    )
    // the README's convention: one entry, satisfied by a part; the other part is a duplicate, not a false positive
    expect(whole.perKind.personalData).toMatchObject({ tp: 1, fp: 0, fn: 0 })
    expect(whole.perKind.personalData.duplicates.map((d) => d.key)).toEqual(['user.name.last'])
    const own = scoreReal(
      truth({
        personalData: [
          { category: 'user.name', at: ['a.ts:1'] },
          { category: 'user.name.last', at: ['a.ts:2'] },
        ],
      }),
      parts,
      rules,
    )
    expect(own.perKind.personalData).toMatchObject({ tp: 2, fp: 0, fn: 0 })
    // the convention is about names only: an address part is not a name
    const other = scoreReal(
      truth({ personalData: [{ category: 'user.name', at: ['a.ts:1'] }] }),
      inventory({ personalData: [pd('user.contact.address.city', ev('src/a.ts', 1))] }),
      rules,
    )
    expect(other.perKind.personalData).toMatchObject({ tp: 0, fp: 1, fn: 1 })
  })

  it('counts an address in parts for an entry user.contact.address, in personal data and in flows', () => {
    const found = inventory({
      personalData: [
        pd('user.contact.address.street', ev('src/checkout.ts', 4)),
        pd('user.contact.address.city', ev('src/checkout.ts', 5)),
      ],
    })
    const whole = scoreReal(
      truth({ personalData: [{ category: 'user.contact.address', at: ['a.ts:1'] }] }),
      found,
      rules,
    )
    // one entry, satisfied by a part; the other part is a duplicate, not a false positive
    expect(whole.perKind.personalData).toMatchObject({ tp: 1, fp: 0, fn: 0 })
    expect(whole.perKind.personalData.duplicates.map((d) => d.key)).toEqual(['user.contact.address.city'])
    // a part is not its sibling, nor the parent of a wider category
    const sibling = scoreReal(
      truth({ personalData: [{ category: 'user.contact.address.country', at: ['a.ts:1'] }] }),
      found,
      rules,
    )
    expect(sibling.perKind.personalData).toMatchObject({ tp: 0, fp: 2, fn: 1 })
    const wider = scoreReal(
      truth({ personalData: [{ category: 'user.contact', at: ['a.ts:1'] }] }),
      inventory({ personalData: [pd('user.contact.email', ev('src/a.ts', 1))] }),
      rules,
    )
    expect(wider.perKind.personalData).toMatchObject({ tp: 0, fp: 1, fn: 1 })
  })

  it('scores cookies by exact name or pattern on either side', () => {
    const t = truth({
      cookies: [
        { name: 'sb-*-auth-token', source: 'sdk', at: ['a.ts:1'] },
        { name: 'locale', at: ['a.ts:2'] },
        { name: 'utm_source', at: ['a.ts:3'] },
      ],
    })
    const r = scoreReal(
      t,
      inventory({
        cookies: [cookie('sb-*-auth-token*'), cookie('locale'), cookie('theme', ev('src/t.ts', 2))],
      }),
      rules,
    )
    expect(r.perKind.cookies).toMatchObject({ tp: 2, fp: 1, fn: 1 })
    expect(r.perKind.cookies.falsePositives.map((f) => f.key)).toEqual(['theme'])
    expect(r.perKind.cookies.misses.map((m) => m.key)).toEqual(['utm_source'])
  })

  it('pools analytics and processors, keeps id matches over domain matches, and reports kind mismatches', () => {
    const t = truth({
      analytics: [{ id: 'tagger', name: 'Tagger', domains: ['acme-tag.io'], at: ['a.ts:1'] }],
      processors: [
        { id: 'mailer', name: 'Mailer', domains: ['acme-mail.com'], at: ['a.ts:2'] },
        { id: 'bigco-ai', name: 'BigCo AI', domains: ['ai.bigcoapis.com'], at: ['a.ts:3'] },
        { id: 'bigco-apis', name: 'BigCo APIs', domains: ['bigcoapis.com'], at: ['a.ts:4'] },
        { id: 'pay', name: 'Pay', domains: ['example-pay.com'], at: ['a.ts:5'] },
      ],
    })
    const r = scoreReal(
      t,
      inventory({
        analytics: [vendor('acme-mail', ev('src/mail.ts', 1, 'import'))],
        processors: [
          vendor('acme-tag', ev('src/tag.ts', 1, 'script-url')),
          // bigco-ai could satisfy either BigCo entry; it must keep its own id
          vendor('bigco-ai', ev('src/ai.ts', 1, 'import')),
          vendor('api.example-pay.com', ev('src/pay.ts', 7, 'hostname')),
          vendor('stranger', ev('.env.example', 3, 'env')),
        ],
      }),
      rules,
    )
    expect(r.perKind.vendors).toMatchObject({ tp: 4, fp: 1, fn: 1 })
    expect(r.perKind.vendors.misses.map((m) => m.key)).toEqual(['bigco-apis'])
    // a vendor found under the other kind counts where the truth puts it; the mismatch is listed, not scored
    expect(r.perKind.analytics).toMatchObject({ tp: 1, fp: 0, fn: 0 })
    expect(r.perKind.processors).toMatchObject({ tp: 3, fp: 1, fn: 1 })
    expect(r.perKind.processors.falsePositives.map((f) => f.key)).toEqual(['stranger'])
    expect(r.kindMismatches).toEqual([
      'mailer expected as processors, reported as analytics (acme-mail)',
      'tagger expected as analytics, reported as processors (acme-tag)',
    ])
    expect(r.nameOnlyVendors).toEqual(['stranger (env)'])
  })

  it('scores flows as vendor → category pairs, the vendor matched like any vendor, logs by name', () => {
    const t = truth({
      processors: [{ id: 'mailer', name: 'Mailer', domains: ['acme-mail.com'], at: ['a.ts:1'] }],
      flows: [
        { vendor: 'mailer', category: 'user.contact.email', at: ['a.ts:2'] },
        { vendor: 'logs', category: 'user.unique_id', at: ['a.ts:3'] },
        { vendor: 'mailer', category: 'user.name', at: ['a.ts:4'] },
      ],
    })
    const flow = (v: string, category: string) => ({ vendor: v, category, evidence: [ev('src/x.ts', 1)] })
    const r = scoreReal(
      t,
      inventory({
        processors: [vendor('acme-mail', ev('src/mail.ts', 1, 'import'))],
        flows: [
          flow('acme-mail', 'user.contact.email'),
          flow('logs', 'user.unique_id'),
          flow('logs', 'user.contact.email'),
        ],
      }),
      rules,
    )
    expect(r.perKind.flows).toMatchObject({ tp: 2, fp: 1, fn: 1 })
    expect(r.perKind.flows.falsePositives.map((f) => f.key)).toEqual(['logs → user.contact.email'])
    expect(r.perKind.flows.misses.map((m) => m.key)).toEqual(['mailer → user.name'])
  })

  it('reports trap hits: a trap vendor once, a right category found on a trap line or path as one more FP', () => {
    const t = truth({
      personalData: [{ category: 'user.contact.email', at: ['src/user.ts:3'] }],
      absent: [
        { vendor: 'mailer', domains: ['acme-mail.com'], why: 'only in .env.example' },
        { at: 'src/user.ts:4', kind: 'personalData', why: 'emailVerified flag' },
        { path: 'test/**', why: 'tests' },
        { cookie: 'elk-users', why: 'localStorage' },
        { vendor: 'bigco-ai', domains: ['ai.bigcoapis.com'], confidence: 'unsure', why: 'not counted' },
      ],
    })
    const r = scoreReal(
      t,
      inventory({
        personalData: [
          pd('user.contact.email', ev('src/user.ts', 3), ev('src/user.ts', 4), ev('test/a.test.ts', 9)),
        ],
        cookies: [cookie('elk-users', ev('src/s.ts', 1))],
        processors: [
          vendor('acme-mail', ev('.env.example', 2, 'env')),
          vendor('bigco-ai', ev('src/ai.ts', 1)),
        ],
      }),
      rules,
    )
    expect(r.trapHits.map((h) => `${h.note} ${h.key} ${h.where.join()}`)).toEqual([
      'cookies elk-users src/s.ts:1',
      'personalData user.contact.email src/user.ts:4',
      'personalData user.contact.email test/a.test.ts:9',
      'processors acme-mail .env.example:2',
    ])
    // the category itself is right (tp) but each trap it fell into is a false positive
    expect(r.perKind.personalData).toMatchObject({ tp: 1, fp: 2, fn: 0 })
    // a trap vendor or cookie is a false positive once, not twice
    expect(r.perKind.processors.fp).toBe(2)
    expect(r.perKind.cookies.fp).toBe(1)
  })
  it('counts a flow reported on a flow trap line (a commented-out or fixed-text log) as a false positive', () => {
    const t = truth({
      flows: [{ vendor: 'logs', category: 'user.contact.email', at: ['src/a.ts:2'] }],
      absent: [{ at: 'src/a.ts:9', kind: 'flows', why: 'logs fixed text' }],
    })
    const logFlow = (line: number) => ({
      vendor: 'logs',
      category: 'user.contact.email',
      evidence: [ev('src/a.ts', line)],
    })
    const clean = scoreReal(t, inventory({ flows: [logFlow(2)] }), rules)
    expect(clean.trapHits).toEqual([])
    expect(clean.perKind.flows).toMatchObject({ tp: 1, fp: 0, fn: 0 })
    const r = scoreReal(
      t,
      inventory({ flows: [{ ...logFlow(2), evidence: [ev('src/a.ts', 2), ev('src/a.ts', 9)] }] }),
      rules,
    )
    expect(r.trapHits.map((h) => `${h.note} ${h.key} ${h.where.join()}`)).toEqual([
      'flows logs → user.contact.email src/a.ts:9',
    ])
    expect(r.perKind.flows).toMatchObject({ tp: 1, fp: 1, fn: 0 })
  })
})

describe('truth files', () => {
  it('reject a malformed reference and an absent entry that names two things', () => {
    expect(() => truth({ personalData: [{ category: 'user.contact.email', at: ['a.ts'] }] })).toThrow(
      /path:line/,
    )
    expect(() => truth({ absent: [{ vendor: 'x', cookie: 'y', why: 'z' }] })).toThrow(/exactly one/)
    expect(() => truth({ processors: [{ id: 'Not An Id', name: 'x', at: ['a.ts:1'] }] })).toThrow(/vendor id/)
  })

  it('every committed truth file is valid and names a pinned GitHub commit', () => {
    const files = listTruthFiles()
    const heldout = listTruthFiles(HELDOUT_ROOT)
    const blind2 = listTruthFiles(join(TRUTH_ROOT, 'blind2'))
    expect(files.length).toBeGreaterThanOrEqual(8)
    expect(heldout.length).toBeGreaterThanOrEqual(5)
    expect(blind2.length).toBeGreaterThanOrEqual(5)
    // the held-out and blind sets stay out of the tuning set's default listing
    expect(files.filter((f) => f.startsWith(HELDOUT_ROOT) || blind2.includes(f))).toEqual([])
    for (const file of [...files, ...heldout, ...blind2]) {
      const t = loadTruth(file)
      expect(githubSlug(t.repo), file).toMatch(/^[^/]+\/[^/]+$/)
      expect(t.commit, file).toMatch(/^[0-9a-f]{40}$/)
    }
  })

  it('finds the truth file of a checkout by folder name, else by its GitHub remote', () => {
    const root = mkdtempSync(join(tmpdir(), 'pd-acc-'))
    const truthDir = join(root, 'truth')
    mkdirSync(truthDir)
    const file = join(truthDir, 'demo.yml')
    writeFileSync(
      file,
      'name: demo\nrepo: https://github.com/Acme/Demo\ncommit: ' +
        'a'.repeat(40) +
        '\nkind: test\nfiles: 1\nlabelling: { minutes: 1 }\n' +
        'personalData: [{ category: user.contact.email, at: ["src/a.ts:2", "src/a.ts:9"] }]\n',
    )
    mkdirSync(join(root, 'demo', 'src'), { recursive: true })
    writeFileSync(join(root, 'demo', 'src', 'a.ts'), 'one\ntwo\nthree\n')
    expect(findTruthFor(join(root, 'demo'), [file])).toBe(file)
    expect(() => findTruthFor(join(root, 'other'), [file])).toThrow(/no truth file/)
    expect(githubSlug('git@github.com:Acme/Demo.git')).toBe('acme/demo')
    expect(githubSlug('https://github.com/acme/demo/')).toBe('acme/demo')
    expect(githubSlug('/work/mirror/acme+demo')).toBeUndefined()
    // a cited line past the end of its file is reported
    expect(checkoutNotes(join(root, 'demo'), loadTruth(file)).join()).toMatch(
      /1 truth reference.*src\/a\.ts:9/,
    )
  })
})

describe('reports', () => {
  const t = truth({ personalData: [{ category: 'user.contact.email', at: ['a.ts:1'] }] })
  const r = scoreReal(t, inventory({ personalData: [pd('user.name', ev('src/a.ts', 1))] }), rules)

  it('totals micro-average the counts', () => {
    const totals = totalReal([r, r])
    expect(totals.perKind.personalData).toMatchObject({ tp: 0, fp: 2, fn: 2, precision: 0, recall: 0 })
    expect(totals.perKind.cookies).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 })
  })

  it('lists every false positive and miss with its place, and renders markdown cells', () => {
    const text = renderReal([r])
    expect(text).toContain('+ false positive: user.name  (src/a.ts:1)')
    expect(text).toContain('- missed: user.contact.email  (a.ts:1)')
    expect(renderRealMarkdown([r])).toContain('| demo | 0% / 0% (0/1/1) | — |')
    // nothing found but something expected: precision is not a number, recall is 0
    const onlyMisses = scoreReal(truth({ cookies: [{ name: 'sid', at: ['a.ts:1'] }] }), inventory({}), rules)
    expect(renderRealMarkdown([onlyMisses])).toContain('| demo | — | n/a / 0% (0/0/1) |')
  })
})
