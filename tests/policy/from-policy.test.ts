import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseManifest } from '../../src/manifest/load.js'
import { draftManifestFromPolicy, readPolicy } from '../../src/policy/from-policy.js'
import { lintPolicy } from '../../src/policy/lint.js'
import { policyText } from '../../src/policy/text.js'
import { loadRules } from '../../src/rules/load.js'
import { runCli } from '../helpers/cli.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'
import {
  alignAliases,
  draftItems,
  normalizeName,
  KINDS,
  precision,
  recall,
  renderCorpus,
  runCorpus,
  type Kind,
} from '../../scripts/policy-corpus.js'

const rules = loadRules()
const POLICIES_DIR = 'fixtures/policies'
const POLICY_FILES = ['000_34b2e5975060f97c.txt', '001_37fe32bc01f355cc.txt', '003_6a21a1b6ad22250c.txt']
const read = (file: string) => policyText(readFileSync(join(POLICIES_DIR, file), 'utf8'), file)
const dataOf = (file: string): Set<string> =>
  new Set(readPolicy(read(file), rules).data.map((d) => d.category))

/**
 * Precision and recall of `init --from-policy` on the corpus texts stored in the repository (bench/policy,
 * fixtures/policies), against readings written by hand before the reader ran on them. The floors are the values
 * measured at the end of the work on the reader (docs/policy.md has the full table, held-out part included): a
 * change that reads real policies worse fails here.
 */
const FLOORS: Record<'tuned' | 'held-out', Partial<Record<Kind, { precision: number; recall: number }>>> = {
  tuned: {
    // 0.95: since the seventh pass "user profiles" in prose reads as profiling, and fixture-001's reading counts
    // "build comprehensive user profiles" as profile data (docs/policy.md, "Seventh pass").
    data: { precision: 0.91, recall: 0.95 },
    recipients: { precision: 0.97, recall: 0.98 },
    cookies: { precision: 0.92, recall: 1 },
    retention: { precision: 0.96, recall: 0.96 },
    transfers: { precision: 0.9, recall: 1 },
  },
  // The held-out-2 part has a single stored text: it is measured by `npm run policy-corpus`, not floored here.
  'held-out': {
    data: { precision: 0.91, recall: 0.96 },
    recipients: { precision: 0.88, recall: 0.78 },
    cookies: { precision: 1, recall: 0.85 },
    retention: { precision: 0.88, recall: 0.8 },
    transfers: { precision: 0.83, recall: 1 },
  },
}

describe('init --from-policy on the real policies', () => {
  const report = runCorpus(rules, { storedOnly: true })

  it('reads every stored corpus text, from both parts', () => {
    expect(report.missing).toEqual([])
    expect(report.policies.filter((p) => p.entry.part === 'tuned').length).toBeGreaterThanOrEqual(13)
    expect(report.policies.filter((p) => p.entry.part === 'held-out').length).toBeGreaterThanOrEqual(6)
  })

  it('never shows a part with no text present as a score: it says nothing was scored, and names absent texts first', () => {
    // no held-out-17 text is stored in the repository, so the stored-only run scores none of them
    const text = renderCorpus({ ...report, missing: ['some-policy'] }, { part: 'held-out-17' })
    expect(text.split('\n')[0]).toBe('not scored (text not present; run with --fetch): some-policy')
    expect(text).toContain('held-out-17 (0 policies): nothing scored')
    expect(text).not.toContain('precision')
  })

  for (const part of ['tuned', 'held-out'] as const)
    it(`finds what a careful reader finds: ${part} part (precision and recall against the hand-written readings)`, () => {
      for (const k of KINDS) {
        const floor = FLOORS[part][k]
        if (!floor) continue
        const t = report.totals[part][k]
        expect(precision(t), `${part} ${k} precision ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(
          floor.precision,
        )
        expect(recall(t), `${part} ${k} recall ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(floor.recall)
      }
      // Enough items that the ratios mean something.
      expect(report.totals[part].data.tp).toBeGreaterThanOrEqual(part === 'tuned' ? 100 : 30)
    })

  it('reads the stored held-out-3 texts (tuning material since the fifth pass): a cookie page written as front matter', () => {
    const oslo = report.policies.find((p) => p.entry.id === 'oslo-market-cookies')!
    expect(oslo.scores.recipients).toMatchObject({ tp: 2, fp: 0, fn: 0 })
    expect(oslo.scores.cookies?.tp).toBeGreaterThanOrEqual(2)
    const hocuspocus = report.policies.find((p) => p.entry.id === 'hocuspocus')!
    expect(hocuspocus.scores.recipients?.fn).toBe(0)
  })

  it('quotes, for every drafted entry and comment, the policy line it came from', () => {
    const quotes = report.policies.reduce((n, p) => n + p.quotes, 0)
    expect(quotes).toBeGreaterThan(500)
    expect(report.policies.flatMap((p) => p.misquoted.map((m) => `${p.entry.id}: ${m.what}`))).toEqual([])
  })

  it('does not read negated statements as collection', () => {
    const d000 = dataOf('000_34b2e5975060f97c.txt')
    expect([...d000].filter((k) => k.startsWith('user.health') || k.startsWith('user.biometric'))).toEqual([])
    const d003 = dataOf('003_6a21a1b6ad22250c.txt')
    expect(d003.has('user.financial.credit_card')).toBe(false)
    expect(d003.has('user.childrens')).toBe(false)
  })

  for (const file of POLICY_FILES)
    it(`${file}: the draft validates, and every entry quotes the policy line it came from`, () => {
      const text = read(file)
      const { yaml } = draftManifestFromPolicy(text, rules, {
        policyPath: join(POLICIES_DIR, file),
        root: process.cwd(),
      })
      const manifest = parseManifest(yaml, 'privacy.yml', rules)
      expect(manifest.policy.file).toBe(`${POLICIES_DIR}/${file}`)
      const entryLines = yaml.split('\n').filter((l) => /^ {2}- (category|purpose|vendor):/.test(l))
      expect(entryLines.length).toBe(
        manifest.data.length +
          manifest.cookies.length +
          manifest.analytics.length +
          manifest.processors.length,
      )
      for (const l of entryLines) {
        const m = / line (\d+): "(.+?)"/.exec(l)
        expect(m, l).not.toBeNull()
        // The quote is the policy line (shortened with … at either end).
        const quote = m![2]!.replace(/^…|…$/g, '')
        expect(text.lines[Number(m![1]) - 1]!.replace(/\s+/g, ' ').replace(/"/g, "'"), l).toContain(
          quote.replace(/^- /, ''),
        )
      }
    })

  it('files named companies without a vendor rule under a recipient category, named in a comment — never as a vendor id', () => {
    const { yaml, draft } = draftManifestFromPolicy(read('001_37fe32bc01f355cc.txt'), rules)
    const shipping = draft.recipients.find((r) => r.category === 'shipping')!
    expect(shipping.names.map((n) => n.name)).toEqual(['BlueDart', 'Delhivery'])
    expect(yaml).toMatch(
      /^ {2}- category: shipping {2}# .*named: BlueDart \(line 64\), Delhivery \(line 64\)/m,
    )
    // Shopify has a vendor rule: it is a vendor, not a name in a comment.
    expect(yaml).toMatch(/^ {2}- vendor: shopify {2}# .*line 65/m)
    const vendors = (parse(yaml) as { processors: { vendor?: string }[] }).processors.flatMap((p) =>
      p.vendor ? [p.vendor] : [],
    )
    for (const v of vendors) expect(rules.vendors.has(v)).toBe(true)
  })

  it('uses `vendor:` for recipients that have a rule', () => {
    const policy =
      '# Privacy\n\n## Who we share data with\n\n- Stripe, to take payments\n- Google Analytics, to count visits\n- Sign in with Google, if you choose it\n'
    const { draft } = draftManifestFromPolicy(policyText(policy, 'p.md'), rules)
    expect(
      draft.recipients
        .filter((r) => r.vendor)
        .map((r) => `${r.section}:${r.vendor}`)
        .sort(),
    ).toEqual(['analytics:google-analytics', 'processors:google-identity', 'processors:stripe'])
    // "Google" is explained by the Google services already drafted, so it is not listed again.
    expect(draft.unplaced).toEqual([])
  })

  it('reads a group named with a kind of service only one of its products provides as that product', () => {
    const itemsOf = (sentence: string): string[] =>
      draftManifestFromPolicy(policyText(`# Privacy\n\n## Advertising\n\n${sentence}\n`, 'p.md'), rules)
        .draft.recipients.flatMap((r) =>
          r.vendor ? [`vendor:${r.vendor}`] : r.names.map((n) => `named:${n.name}`),
        )
        .sort()
    // "remarketing" is what the group's ad product does: that product, not the social network.
    expect(itemsOf('We use the LinkedIn retargeting service to show you ads after your visit.')).toEqual([
      'vendor:linkedin-insight',
    ])
    // Without such a kind the group stays a named company.
    expect(itemsOf('We share your posts with LinkedIn.')).toEqual(['named:LinkedIn'])
  })

  it('platforms data is received through are sources only within their clause', () => {
    const vendorsOf = (sentence: string): string[] =>
      draftManifestFromPolicy(
        policyText(`# Privacy\n\n## Information we collect\n\n${sentence}\n`, 'p.md'),
        rules,
      )
        .draft.recipients.flatMap((r) => (r.vendor ? [r.vendor] : []))
        .sort()
    // Named after "through … platforms" in the same clause: where the data comes from.
    expect(
      vendorsOf('We receive information about you through third-party platforms such as Stripe.'),
    ).toEqual([])
    // A company in a later clause, or before "through", is still a recipient.
    expect(
      vendorsOf(
        'We receive information about you through third-party platforms, and we share your email with Stripe.',
      ),
    ).toEqual(['stripe'])
    expect(
      vendorsOf('We share your email with Stripe and receive information through social media platforms.'),
    ).toEqual(['stripe'])
  })

  it('attaches retention statements to the categories they name', () => {
    const { draft, yaml } = draftManifestFromPolicy(read('000_34b2e5975060f97c.txt'), rules)
    expect(draft.data.find((d) => d.category === 'user.account')!.retention.map((r) => r.text)).toEqual([
      'for the duration of the active account',
    ])
    expect(yaml).toMatch(/retention: for the duration of the active account {2}# line 73/)
    expect(yaml).toMatch(
      /# Retention statements that name no specific category[^\n]*\n# {3}line 72: "We retain personal data only for as long as necessary, including:"/,
    )
  })

  it('is deterministic', () => {
    const a = draftManifestFromPolicy(read('001_37fe32bc01f355cc.txt'), rules).yaml
    const b = draftManifestFromPolicy(read('001_37fe32bc01f355cc.txt'), rules).yaml
    expect(a).toBe(b)
  })

  it('round trip: linting a policy against its own draft finds no gap', () => {
    for (const file of POLICY_FILES) {
      const text = read(file)
      const { yaml } = draftManifestFromPolicy(text, rules)
      const result = lintPolicy({
        manifest: parseManifest(yaml, 'privacy.yml', rules),
        manifestText: yaml,
        policy: text,
        rules,
      })
      expect(result.gaps, file).toEqual([])
    }
  })
})

describe('privacy-drift init --from-policy', () => {
  it('writes the draft next to the policy, refuses to overwrite, and prints with --stdout', async () => {
    const dir = tempDir()
    writeFiles(dir, {
      'docs/policy.md':
        '# Privacy\n\n## Information we collect\n\n- Your name and email address\n- Payment details, processed by our payment providers\n',
    })
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      const r = await runCli(['init', '.', '--from-policy', 'docs/policy.md'])
      expect(r.code).toBe(0)
      const written = readFileSync(join(dir, 'privacy.yml'), 'utf8')
      const m = parseManifest(written, 'privacy.yml', rules)
      expect(m.policy.file).toBe('docs/policy.md')
      expect(m.data.map((d) => d.category).sort()).toEqual([
        'user.contact.email',
        'user.name',
        'user.payment',
      ])
      expect(m.processors.map((p) => p.category)).toEqual(['payments'])
      expect((await runCli(['init', '.', '--from-policy', 'docs/policy.md'])).code).toBe(2)
      const printed = await runCli(['init', '.', '--from-policy', 'docs/policy.md', '--stdout'])
      expect(printed.stdout).toBe(written)
    } finally {
      process.chdir(cwd)
    }
    expect(existsSync(join(dir, 'privacy.yml'))).toBe(true)
  })

  it('reports a missing policy file (exit 2)', async () => {
    const r = await runCli(['init', tempDir(), '--from-policy', 'no/such/policy.md', '--stdout'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/policy file .*no\/such\/policy\.md not found/)
  })
})

describe('reading the structure of a policy', () => {
  const draftOf = (source: string, file = 'policy.md') => readPolicy(policyText(source, file), rules)
  const retentionLines = (d: ReturnType<typeof draftOf>): number[] =>
    [
      ...d.retention.map((r) => r.line),
      ...d.data.flatMap((x) => x.retention.map((r) => r.source.line)),
    ].sort()

  it('never reads a heading as a statement: markup, bold and question headings', () => {
    const md = [
      '# Privacy',
      '',
      '## How long we keep your data',
      '',
      '**How long do we keep your information?**',
      '',
      'How long do we keep your account data?',
      '',
      'We keep your email address for 30 days after you close your account.',
    ].join('\n')
    expect(retentionLines(draftOf(md))).toEqual([9])
    const text = ['Data retention', 'How long do we retain your data?', 'We retain logs for 90 days.'].join(
      '\n',
    )
    expect(retentionLines(draftOf(text, 'policy.txt'))).toEqual([3])
  })

  it('reads retention without a period: deletion on an event, data that cannot be deleted (eighteenth round)', () => {
    const md = [
      '# Privacy',
      '',
      '## Your account',
      '',
      'You can delete your account in the settings.',
      '',
      'All your data will be permanently deleted without undue delay upon account deletion.',
      '',
      'When you delete your account, we delete:',
      '',
      '- All your projects and generated content',
      '- Associated usage data',
      '',
      'Replays submitted with scores are public; this data cannot be deleted.',
      '',
      'We will not keep your personal data or records of our correspondence longer than necessary.',
    ].join('\n')
    // The intro is a statement; the list under it names the data deleted, not statements of its own.
    expect(retentionLines(draftOf(md)).sort((a, b) => a - b)).toEqual([7, 9, 14, 16])
  })

  it('names companies given data by a sharing verb, and a labelled list of companies with their own policies', () => {
    const names = (md: string): string[] => {
      const d = draftOf(md)
      return [...d.recipients.flatMap((r) => r.names.map((n) => n.name)), ...d.unplaced.map((u) => u.name)]
    }
    const sharing = [
      '# Privacy',
      '',
      '## Sharing',
      '',
      'We will not share your data with third parties, unless you accept an offer. We will then share your data with your referees to obtain references and the Nimbus Vetting Service to obtain criminal records checks.',
      '',
      'Your personal data will be shared with our processor, Nimbus Systems, whom we have contracted to run the service.',
      '',
      'We never share your data with Nimbus Ads.',
    ].join('\n')
    expect(names(sharing).sort()).toEqual(['Nimbus Systems', 'Nimbus Vetting Service'])
    const list = (policy: boolean): string =>
      [
        '# Privacy',
        '',
        '## Third-Party Services',
        '',
        '### Financial Data Providers',
        `- **Nimbus Trade**: For investment account connections${policy ? ' ([Privacy Policy](https://nimbus.example/privacy))' : ''}`,
        `- **Nimbus Edge**: For bank account connections${policy ? ' ([Privacy Policy](https://edge.example/privacy))' : ''}`,
      ].join('\n')
    expect(names(list(true)).sort()).toEqual(['Nimbus Edge', 'Nimbus Trade'])
    // Without a pointer to their own policies, title-case labels may be anything ("No Data Sharing").
    expect(names(list(false))).toEqual([])
  })

  it('reads where data stays, labelled country fields and consent to storage abroad (eighteenth round)', () => {
    const md = [
      '# Privacy',
      '',
      '## Recruitment',
      '',
      'The organisation will not transfer your data outside the European Economic Area.',
      '',
      'We do not transfer your data to Canada.',
      '',
      'The lawful basis for this data is your explicit consent under article 9(2)(a) of the UK GDPR.',
      '',
      '## Processors',
      '',
      '1. Name: Nimbus Hosting GmbH',
      '   Country: Germany',
      '',
      '- **Location:** United States',
      '',
      '## Territorial restrictions',
      '',
      'By using the app you consent to processing and storage of your information in the United States.',
    ].join('\n')
    const d = draftOf(md)
    expect(d.transfers!.countries.map((c) => c.code).sort()).toEqual(['DE', 'EEA', 'US'])
    expect(d.transfers!.safeguards.map((g) => [g.key, g.source.line])).toEqual([['consent', 20]])
  })

  it('gives a lettered or sub-numbered heading the topics of the numbered heading it sits under at the same level', () => {
    const html = (second: string): string =>
      [
        '<h2>Privacy Policy</h2>',
        '<h3>1. Definitions</h3>',
        '<p>We use the following terms.</p>',
        `<ul><li><h3>${second}</h3>`,
        '<p>Personal data means any information relating to a person, such as a name, location data or an online identifier.</p></li></ul>',
      ].join('\n')
    const categories = (src: string): string[] => draftOf(src, 'policy.html').data.map((d) => d.category)
    // Under "1. Definitions", "a) Personal data" defines a term: the data it names are examples, not data collected.
    expect(categories(html('a) Personal data'))).toEqual([])
    // An unnumbered heading at the same level starts a section of its own.
    expect(categories(html('Personal data we collect'))).toContain('user.location')
    // "## 2. Information we collect" over "## 2.1 Contact details": the sub-heading names collected data.
    const md = [
      '# Privacy',
      '',
      '## 2. Information we collect',
      '',
      '## 2.1 Health data',
      '',
      'We keep it with your email address to show your history.',
    ].join('\n')
    expect(draftOf(md).data.map((d) => d.category)).toContain('user.health_and_medical')
  })

  it('reads cookie tables in markdown and HTML: purposes from the purpose column, recipients from the provider column', () => {
    const md = [
      '## Cookies',
      '',
      '| Cookie | Provider | Purpose | Expires |',
      '| --- | --- | --- | --- |',
      '| sid | Example | Keeps you signed in | Session |',
      '| lang | Example | Remembers your language | 1 year |',
      '| _hs | HockeyStack | Counts visits to the site | 1 year |',
    ].join('\n')
    const d = draftOf(md)
    expect(d.cookies.map((c) => c.purpose)).toEqual(['strictly-necessary', 'preferences', 'analytics'])
    expect(d.unplaced.map((u) => u.name)).toContain('HockeyStack')
    // Cookie lifetimes are not data retention.
    expect(retentionLines(d)).toEqual([])
    const html =
      '<h2>Cookies</h2>\n<table>\n<tr><th>Name</th><th>Purpose</th><th>Expires</th></tr>\n<tr>\n<td>notify_session</td>\n<td>Used to keep you signed in</td>\n<td>20 hours</td>\n</tr>\n</table>\n'
    expect(draftOf(html, 'cookies.html').cookies.map((c) => [c.purpose, c.sources[0]!.line])).toEqual([
      ['strictly-necessary', 6],
    ])
  })

  it("reads what a cookie table's row says its cookie remembers as the cookie's work, not as data collected", () => {
    const table = (row: string): string =>
      ['## Cookies', '', '| Name | Purpose | Expiry |', '| --- | --- | --- |', row].join('\n')
    const d = draftOf(table("| lang | Used to remember a user's language setting | Session |"))
    expect(d.cookies.map((c) => c.purpose)).toEqual(['preferences'])
    expect(d.data.map((x) => x.category)).not.toContain('user.demographic.language')
    // A row that says what the cookie collects still declares that data.
    const collects = draftOf(table('| _ga | Collects your IP address and the pages you visit | 2 years |'))
    expect(collects.data.map((x) => x.category)).toContain('user.device.ip_address')
  })

  it('reads the list of kinds of cookie in a section about cookies and opting out, not its prose on refusing them', () => {
    const md = [
      '## Tracking Tools and Opt-Out',
      '',
      'We use the following types of cookies:',
      '',
      '- **Essential Cookies.** Essential cookies are required to log into secure areas of our Services.',
      '- **Analytical Cookies.** They help us understand how visitors use our Services.',
      '',
      'You can delete all cookies. If you do this, you may have to adjust some preferences every time you visit.',
    ].join('\n')
    expect(
      draftOf(md)
        .cookies.map((c) => c.purpose)
        .sort(),
    ).toEqual(['analytics', 'strictly-necessary'])
    // A run-in label about cookies in a section about rights says how to refuse them: no purpose.
    const rights = [
      '## Your rights',
      '',
      '- **Opt-Out of Cookies:** You can also use opt-out options offered by advertising partners.',
    ].join('\n')
    expect(draftOf(rights).cookies).toEqual([])
  })

  it('reads the companies that set cookies in a section about cookies and opting out, not in one about rights', () => {
    const sentence = 'For example, Google LLC uses cookies in connection with its Google Analytics services.'
    const vendors = (md: string): (string | undefined)[] => draftOf(md).recipients.map((r) => r.vendor)
    expect(vendors(`## Tracking Tools and Opt-Out\n\n${sentence}\n`)).toContain('google-analytics')
    expect(vendors(`## Your rights\n\n${sentence}\n`)).not.toContain('google-analytics')
  })

  it('reads a section on the right to deletion as retention only where a sentence gives a period itself', () => {
    const md = [
      '## Your Rights',
      '',
      '### Deletion',
      '',
      'You can ask us to delete your data. For example, we may need to keep your data to provide you with the Services.',
      '',
      'We delete crash reports associated with your account within 30 days.',
    ].join('\n')
    expect(retentionLines(draftOf(md))).toEqual([7])
  })

  it('reads the retention of an HTML table row from its duration cell, and a row of cookies as their lifetime', () => {
    const html = [
      '<table>',
      '  <thead><tr><th>Data</th><th>Type</th><th>Duration</th><th>Purpose</th></tr></thead>',
      '  <tbody>',
      '    <tr>',
      '      <th scope="row">Cookies</th>',
      '      <td>Identifiers</td>',
      '      <td>1 Year</td>',
      '      <td>App Functionality</td>',
      '    </tr>',
      '    <tr>',
      '      <th scope="row">Messages</th>',
      '      <td>User Content</td>',
      '      <td>24 Hours</td>',
      '      <td>App Functionality</td>',
      '    </tr>',
      '  </tbody>',
      '</table>',
    ].join('\n')
    expect(retentionLines(draftOf(html, 'policy.html'))).toEqual([13])
  })

  it('reads the indented lines of a markdown list item as that item, after a full stop too', () => {
    const md = [
      '## Tracking Tools and Opt-Out',
      '',
      '- **Performance Cookies.** These cookies count visitors.',
      '  They also help us measure the performance of our advertising',
      '  campaigns.',
    ].join('\n')
    const purposes = draftOf(md).cookies.map((c) => c.purpose)
    expect(purposes).toEqual(expect.arrayContaining(['analytics', 'marketing']))
  })

  it('reads a "Duration of the storage" section as retention, but not the list of data its intro says is deleted', () => {
    const md = [
      '## Duration of the storage of your personal data',
      '',
      'Your data will be deleted after expiry of the retention periods pursuant to tax law.',
      '',
      'The following personal data will be deleted:',
      '',
      '- Telephone number for sending one-time passwords via SMS',
      '',
      'We keep your data for as long as:',
      '',
      '- your account is active',
    ].join('\n')
    const lines = retentionLines(draftOf(md))
    expect(lines).toEqual(expect.arrayContaining([3, 5, 11]))
    expect(lines).not.toContain(7)
  })

  it('reads the kind of cookie a heading names unless the first statement under it denies that kind', () => {
    const purposesOf = (md: string): string[] => draftOf(md).cookies.map((c) => c.purpose)
    const md = (statement: string): string =>
      [
        '# Privacy',
        '',
        '## Cookies',
        '',
        '### Advertising cookies',
        '',
        statement,
        '',
        '## Contact',
        '',
        'Write to us.',
      ].join('\n')
    expect(purposesOf(md("We don't use advertising cookies."))).not.toContain('marketing')
    expect(purposesOf(md('Our partners set these cookies when you visit our pages.'))).toContain('marketing')
  })

  it('reads no category from words that define a named company, but one from words that it exemplifies', () => {
    const recipientsOf = (md: string): string[] => draftItems(draftOf(md)).recipients
    // "Google Analytics, a web analytics service": the apposition says what the named service is.
    expect(
      recipientsOf(
        '## Analytics\n\nThis website uses Google Analytics, a web analytics service provided by Google.',
      ),
    ).toEqual(['vendor:google-analytics'])
    // "The provider of this payment service is Stripe": the words name the company's kind.
    expect(
      recipientsOf(
        '## Payment\n\nYou can pay by credit card. The provider of this payment service is Stripe Payments Europe Ltd, Dublin.',
      ),
    ).toEqual(['vendor:stripe'])
    // "payment service providers such as PayPal": the category is named, the company is one of its examples.
    expect(
      recipientsOf('## Payment\n\nWe share your order data with payment service providers such as PayPal.'),
    ).toEqual(['category:payments', 'vendor:paypal'])
    // "the newsletter company MailChimp": a kind in the singular just before the name describes it; in the plural
    // before names ("payment processors Stripe and PayPal") it is a kind the names exemplify.
    expect(
      recipientsOf(
        '## Newsletter\n\nWe use the services of the newsletter company MailChimp on our website.',
      ),
    ).toEqual(['vendor:mailchimp'])
    expect(
      recipientsOf('## Payment\n\nWe share your order data with payment processors Stripe and PayPal.'),
    ).toContain('category:payments')
    // "…, it provides crash reporting": a clause on the name says what the company does.
    const crash = (clause: string): string[] =>
      recipientsOf(`## Crash reports\n\nWe share crash data with Sentry${clause}.`)
    expect(crash(', it provides crash reporting')).toEqual(['vendor:sentry'])
    expect(crash(' and other crash reporting services')).toContain('category:error-monitoring')
    // "Shopify's data storage": a kind of service a named company owns describes it; "Google's advertising partners"
    // are other companies, a category.
    expect(
      recipientsOf("## Storage\n\nYour data is stored through Shopify's data storage and databases."),
    ).toEqual(['vendor:shopify'])
    expect(recipientsOf("## Ads\n\nWe share your data with Google's advertising partners.")).toContain(
      'category:advertising',
    )
    // A list of data set off by a dash is read from the dash: "provided by" before it is another clause, so
    // "heatmaps" there is one more item of data, not a kind of recipient.
    const clarity = (sep: string): string[] =>
      recipientsOf(
        `## Analytics\n\nOur site uses Microsoft Clarity, a service provided by Microsoft, which sets cookies to collect usage data${sep}such as pages visited, clicks, and heatmaps.`,
      )
    expect(clarity(' — ')).not.toContain('category:heatmaps')
    expect(recipientsOf('## Analytics\n\nWe share usage data with heatmaps providers.')).toContain(
      'category:heatmaps',
    )
  })

  it('reads no recipient from a condition in a cookie description, and a bare lower-case name in a table cell', () => {
    const recipientsOf = (md: string): string[] => draftItems(draftOf(md)).recipients
    const table = (row: string): string =>
      ['## Cookies', '', '| Cookie Name | Expiry | Description |', '| --- | --- | --- |', row].join('\n')
    // "If Google Analytics is deployed via Google Tag Manager, this cookie will be named …": how the cookie works
    // with a product under a condition, not that the site uses it.
    expect(
      recipientsOf(
        table(
          '| _gat | 1 minute | Used to throttle requests. If Google Analytics is deployed via Google Tag Manager, this cookie will be named _dc_gtm. |',
        ),
      ),
    ).not.toContain('vendor:google-tag-manager')
    expect(
      recipientsOf(table('| _dc_gtm | 1 minute | Set by Google Tag Manager to throttle requests. |')),
    ).toContain('vendor:google-tag-manager')
    // "| hotjar |": a cell that is only the name names the vendor in any case; the word in prose does not.
    expect(recipientsOf(table('| hotjar | 1 year | Session recordings |'))).toContain('vendor:hotjar')
    expect(recipientsOf('## Analytics\n\nWe use hotjar to see how visitors use the site.')).not.toContain(
      'vendor:hotjar',
    )
  })

  it('never reads the town of a postal address as a company', () => {
    const md = [
      '### Credit card payments (Stripe)',
      '',
      'You can pay by credit card. The provider of this payment service is Stripe Payments Europe Ltd, Block 4, Harcourt Road , Dublin 2, Ireland, a subsidiary of Stripe, Inc., 510 Townsend Street, San Francisco, CA 94103, USA.',
    ].join('\n')
    const d = draftOf(md)
    const names = [
      ...d.recipients.flatMap((r) => r.names.map((n) => n.name)),
      ...d.unplaced.map((u) => u.name),
    ]
    expect(names).not.toContain('San Francisco')
    // A state written between commas before its ZIP code is no company either; the companies of the sections are.
    const html = [
      '<p><b>8. Social Media</b></p>',
      '<p><b>8.3. Twitter</b></p>',
      '<p>Functions of the Twitter service have been integrated into our website. These functions are offered by Twitter, Inc., 1355 Market Street, Suite 900, San Francisco, CA 94103, USA. In this process, data will also be transferred to Twitter.</p>',
      '<p><b>8.4. Instagram</b></p>',
      '<p>Functions of the Instagram service have been integrated into our website. These functions are offered by Instagram, Inc., 1601 Willow Road, Menlo Park, CA, 94025, USA. This allows Instagram to assign your visit to your user account.</p>',
    ].join('\n')
    const state = draftOf(html, 'policy.html')
    const stateNames = [
      ...state.recipients.flatMap((r) => r.names.map((n) => n.name)),
      ...state.unplaced.map((u) => u.name),
    ]
    // Twitter named bare is X's platform (its `product` in rules/policy/names.yaml), a vendor, not a name.
    expect(stateNames).toEqual(['Instagram'])
    expect(state.recipients.map((r) => r.vendor)).toContain('x-platform')
  })

  it("reads one-word items after a company's product as its other products, and a list of other names as recipients", () => {
    const namesOf = (md: string): string[] => {
      const d = draftOf(md)
      return [...d.recipients.flatMap((r) => r.names.map((n) => n.name)), ...d.unplaced.map((u) => u.name)]
    }
    // "Google Forms, Sheets and Docs": Google's products, its name left out.
    const elided = namesOf(
      '| `COMPASS` | Cookies used by Google Forms, Sheets and Docs to manage Forms behaviour. | 11 minutes |',
    )
    expect(elided).not.toContain('Sheets')
    expect(elided).not.toContain('Docs')
    // A list with one known company and other names: the others are recipients.
    const listed = namesOf(
      'We share donation data with our payment partners DonorBox, Stripe, Givebutter and PayPal.',
    )
    expect(listed).toEqual(expect.arrayContaining(['DonorBox', 'Givebutter']))
    // A company's product mid-list elides nothing: the one-word names after it are recipients.
    const mixed = namesOf(
      'We share alerts with platforms you connect, such as Slack, Microsoft Teams, Squadcast and Zenduty.',
    )
    expect(mixed).toEqual(expect.arrayContaining(['Squadcast', 'Zenduty']))
  })

  it('reads a table header row as column labels, never as data collected; a row naming data still counts', () => {
    const md = [
      '## Subprocessors',
      '',
      '| Supplier | Function | Geographic Location |',
      '| --- | --- | --- |',
      '| Hetzner | Hosting | Germany |',
      '',
      '## Data we collect',
      '',
      '| Data | Purpose |',
      '| --- | --- |',
      '| Your geographic location | To show nearby stores |',
    ].join('\n')
    const located = draftOf(md).data.filter((x) => x.category.startsWith('user.location'))
    expect(located.flatMap((x) => x.sources.map((s) => s.line))).toEqual([11])
  })

  it('reads an HTML cookie table inside markdown whose header is its first row and whose providers are domains', () => {
    const md = [
      '# Cookie list',
      '',
      '<table>',
      '  <tr><td>name</td><td>provider</td><td>type</td><td>expiry</td><td>category</td></tr>',
      '  <tr><td>IDE</td><td>doubleclick.net</td><td>HTTP Cookie</td><td>1 year</td><td>Marketing</td></tr>',
      '  <tr><td>bcookie</td><td>linkedin.com</td><td>HTTP Cookie</td><td>1 year</td><td>Marketing</td></tr>',
      '  <tr><td>aka_debug</td><td>akamaized.net</td><td>HTTP Cookie</td><td>Session</td><td>Statistics</td></tr>',
      '  <tr><td>uid</td><td>px.quarkbyte.io</td><td>HTTP Cookie</td><td>1 year</td><td>Necessary</td></tr>',
      '  <tr><td>lang</td><td>quarkbyte.io</td><td>HTTP Cookie</td><td>Session</td><td>Preferences</td></tr>',
      '</table>',
    ].join('\n')
    const d = draftOf(md)
    // The category column names the kind of cookie; the expiry column ("Session") gives none.
    expect(d.cookies.map((c) => [c.purpose, c.sources[0]!.text])).toEqual([
      ['strictly-necessary', 'Necessary'],
      ['preferences', 'Preferences'],
      ['analytics', 'Statistics'],
      ['marketing', 'Marketing'],
    ])
    // A domain is its company: a vendor by its hosts (the row's cookie decides between one company's products), a
    // company by its name rule, or the domain itself — one entry for a site and its subdomains.
    const vendors = d.recipients.flatMap((r) => (r.vendor ? [r.vendor] : []))
    expect(vendors).toEqual(expect.arrayContaining(['google-ads', 'linkedin-insight']))
    const named = [
      ...d.recipients.flatMap((r) => r.names.map((n) => n.name)),
      ...d.unplaced.map((u) => u.name),
    ]
    expect(named).toContain('Akamai')
    expect(named.filter((n) => /quarkbyte/.test(n))).toEqual(['quarkbyte.io'])
    expect(retentionLines(d)).toEqual([])
  })

  it('reads a page written as YAML front matter: prose values, group headers and lists of cookies', () => {
    const md = [
      '---',
      'title: Cookie settings',
      'groups:',
      '  required:',
      '    header: Necessary cookies',
      '    text:',
      '      These cookies keep the site working,',
      '      so they cannot be switched off.',
      '    cookies:',
      '      - name: consent_seen',
      '        purpose: Remembers that you have seen the cookie banner.',
      '  stats:',
      '    header: Quarkbyte Analytics',
      '    cookies:',
      '      - name: qb_id',
      '        purpose:',
      '          Used to count visits and see which pages are popular.',
      'body: |',
      '  ## Contact',
      '',
      '  Write to us if you have questions.',
      '---',
    ].join('\n')
    const text = policyText(md, 'cookies.md')
    expect(text.lines[6]!.trim()).toBe('These cookies keep the site working,')
    expect(text.lines[2]).toBe('')
    expect(text.headingLines.has(5)).toBe(true)
    expect(text.headingLines.has(19)).toBe(true)
    const d = draftOf(md)
    expect(d.cookies.map((c) => c.purpose)).toEqual(['strictly-necessary', 'analytics'])
    expect(d.cookies.find((c) => c.purpose === 'analytics')!.sources[0]!.line).toBe(17)
  })

  it('reads HTML headings and list items inside markdown as headings and list items', () => {
    const md = [
      '<h2>4) Cookies</h2>',
      '',
      '<p>We use cookies on various pages. Persistent cookies are automatically deleted after a specified period.</p>',
      '',
      '<h2>5) Data collection</h2>',
      '<ul>',
      '<li>Browser used</li>',
      '<li>IP address used</li>',
      '</ul>',
    ].join('\n')
    const text = policyText(md, 'privacy.md')
    expect([...text.headingLines.keys()]).toEqual([1, 5])
    expect(text.lines[6]).toBe('- Browser used')
    const d = draftOf(md)
    // The cookie's lifetime, in the section about cookies, is no data retention.
    expect(d.retention).toEqual([])
    expect(d.data.map((x) => x.category)).toContain('user.device.ip_address')
  })

  it('reads the strings of translation tags in a template page as its text, and blanks other template code', () => {
    const page = [
      '% extends "layout.html"',
      '<p>{{ _(',
      '    "When you pay, the payment processor receives your email address "',
      '    "and your phone number."',
      ') }}</p>',
      '<p>{{ icon("phone number") }} {% trans "We store your postal address." %}</p>',
      '<p>{{ user.date_of_birth }}</p>',
    ].join('\n')
    const text = policyText(page, 'privacy.spt')
    expect(text.format).toBe('html')
    expect(text.lines[2]!.trim()).toBe('When you pay, the payment processor receives your email address')
    expect(text.lines[5]!.trim()).toBe('We store your postal address.')
    expect(text.lines[6]!.trim()).toBe('')
    const d = draftOf(page, 'privacy.spt')
    expect(d.data.map((x) => x.category).sort()).toEqual([
      'user.contact.address',
      'user.contact.email',
      'user.contact.phone_number',
    ])
  })

  it('reads a labelled list item named "Contact Information" as data, and a labelled paragraph as the company\'s contact', () => {
    const md = [
      '## Information we collect',
      '',
      '- **Contact Information:** Name, phone number',
      '',
      '## Other',
      '',
      '**Contact Information:** Write to our office or call our phone number.',
    ].join('\n')
    const d = draftOf(md)
    expect(d.data.map((x) => [x.category, x.sources[0]!.line]).sort()).toEqual([
      ['user.contact', 3],
      ['user.contact.phone_number', 3],
      ['user.name', 3],
    ])
  })

  it("reads a single-file component's <template> as the page, and an HTML page's <template> as inert", () => {
    const component = [
      '<template>',
      '  <section>',
      '    <template v-if="ready"><p>We collect your email address.</p></template>',
      '  </section>',
      '</template>',
      '<script>export default { name: "CookiePolicy" }</script>',
    ].join('\n')
    const text = policyText(component, 'cookie-policy.vue')
    expect(text.lines[2]!.trim()).toBe('We collect your email address.')
    expect(draftOf(component, 'cookie-policy.vue').data.map((x) => x.category)).toEqual([
      'user.contact.email',
    ])
    const page = [
      '<html><body>',
      '<p>Contact us by post.</p>',
      '<template id="row"><p>We collect your email address.</p></template>',
      '</body></html>',
    ].join('\n')
    expect(policyText(page, 'privacy.html').lines[2]!.trim()).toBe('')
  })

  it("reads an HTML paragraph all in bold and numbered as a heading, so the list after the next intro is that intro's", () => {
    const html = [
      '\t\t<p><b>5.1. Description and scope of data processing</b></p>',
      '\t\t<p>On our website you can register. The following data are collected:</p>',
      '\t\t<p>1. Email<br>',
      '\t\t2. Password</p>',
      '\t\t<p><b>5.2.</b> We never ask for your phone number.</p>',
      // Unnumbered, a bold paragraph labels a part of its section and stays text.
      '\t\t<p><b>Payment by transfer</b></p>',
    ].join('\n')
    const text = policyText(html, 'privacy.html')
    expect([...text.emphasisLines]).toEqual([1])
    expect(
      draftOf(html, 'privacy.html')
        .data.map((x) => x.category)
        .sort(),
    ).toEqual(['user.authorization.password', 'user.contact.email'])
  })

  it("reads a company named only in the sections about one of its products as that product's maker", () => {
    const named = (md: string): string[] =>
      draftOf(md).recipients.flatMap((r) => [...(r.vendor ? [r.vendor] : []), ...r.names.map((n) => n.name)])
    const pixel = [
      '## Facebook Pixel',
      '',
      'We use the Facebook Pixel to measure conversions. If you reach our site from an ad played on Facebook, the pixel reports it.',
      '',
      '## Bing Ads',
      '',
      'We use Bing Ads conversion tracking. Microsoft Corporation stores a cookie on your device.',
    ].join('\n')
    expect(named(pixel).sort()).toEqual(['meta-pixel', 'microsoft-advertising'])
    const shared = `${pixel}\n\n## Sharing\n\nWe share your posts with Facebook when you ask us to.\n`
    expect(named(shared)).toContain('Facebook')
  })

  it('reads a company whose cookies a sentence names as the maker of its product identified elsewhere', () => {
    const named = (md: string): string[] =>
      draftOf(md).recipients.flatMap((r) => [...(r.vendor ? [r.vendor] : []), ...r.names.map((n) => n.name)])
    const table = [
      '## LinkedIn',
      '',
      '| Cookie | Purpose | Lifespan |',
      '| --- | --- | --- |',
      '| UserMatchHistory | LinkedIn Ads ID syncing | 30 days |',
    ].join('\n')
    const cookies = `## Cookies\n\nThis site uses LinkedIn cookies to show you relevant posts on LinkedIn.\n\n${table}\n`
    expect(named(cookies)).toEqual(['linkedin-insight'])
    // Without a product of its own named anywhere, the company that receives data stays a recipient.
    expect(
      named('## Cookies\n\nThis site uses LinkedIn cookies to show you relevant posts on LinkedIn.\n'),
    ).toContain('LinkedIn')
  })

  it('reads usage data inside what analytics cookies do, but no other data a cookie frame names', () => {
    const data = (md: string): string[] => draftOf(md).data.map((d) => d.category)
    expect(data('We use cookies to collect information about how you use our service.')).toEqual([
      'user.behavior',
    ])
    expect(data('We use cookies to collect usage data.')).toEqual(['user.behavior'])
    // A preference cookie's frame: the language is what it remembers, not data collected.
    expect(data('We use cookies to remember your language.')).toEqual([])
    // talks-manager-cookies: what a tracking tool named in the sentence is used for, with no verb of collecting.
    expect(data('We also use Google Analytics to help us see how visitors use the site.')).toEqual([
      'user.behavior',
    ])
    expect(
      data('We also use Google Analytics. You can see how you use your account in its settings.'),
    ).toEqual([])
  })

  it('reads a company with one product rule as that product when the policy names the product anywhere', () => {
    const named = (md: string): string[] =>
      draftOf(md)
        .recipients.flatMap((r) => [...(r.vendor ? [r.vendor] : []), ...r.names.map((n) => n.name)])
        .concat(draftOf(md).unplaced.map((u) => u.name))
    const hosting = '## Hosting\n\nYour code is stored on GitHub, which receives your repository data.\n'
    // GitHub makes only the GitHub OAuth rule: named in another section, it is the same recipient.
    expect(named(`## Sign in\n\nWe use GitHub OAuth to let you sign in.\n\n${hosting}`)).toEqual([
      'github-oauth',
    ])
    // Without the product, the company is a recipient of its own.
    expect(named(hosting)).toContain('GitHub')
    // A group with many product rules (Google) named apart from one of them stays a recipient.
    expect(
      named('## Sign in\n\nWe use Google Sign-In.\n\n## Analytics\n\nWe share usage data with Google.\n'),
    ).toContain('Google')
  })

  it('ends a name introduced by "hosted by" before a joining word that no capitalised word follows', () => {
    const names = (md: string): string[] => draftOf(md).recipients.flatMap((r) => r.names.map((n) => n.name))
    expect(names('Our status page is hosted by Nimbus Cloud and our own servers.')).toEqual(['Nimbus Cloud'])
  })

  it('carries a negation into the parenthetical list of examples after its noun', () => {
    const d = draftOf(
      '## What we collect\n\n- No advertising identifiers (IDFA, AAID)\n- No location information\n',
    )
    expect(d.data).toEqual([])
    const kept = draftOf('We do not sell data (we collect your email address to send receipts).')
    expect(kept.data.map((x) => x.category)).toEqual(['user.contact.email'])
  })

  it('reads a list whose labels are companies as a table of providers', () => {
    const md = [
      '## Subprocessors',
      '',
      '- **Paddle**: payment processing',
      '- **Quarkbyte** (European, Finland): database hosting and storage of backups',
      '- **Help Scout and Anthropic** *(optional)*: support correspondence',
      '',
      '## Sharing',
      '',
      'We share data only as follows:',
      '',
      '- **With Stripe**: to take payments.',
      '- **Legal Requirements**: information may be disclosed to comply with the law.',
    ].join('\n')
    const d = draftOf(md)
    const vendors = d.recipients.flatMap((r) => (r.vendor ? [r.vendor] : []))
    expect(vendors).toEqual(expect.arrayContaining(['paddle', 'helpscout', 'anthropic', 'stripe']))
    const named = [
      ...d.recipients.flatMap((r) => r.names.map((n) => n.name)),
      ...d.unplaced.map((u) => u.name),
    ]
    expect(named).toContain('Quarkbyte')
    // A label that only mentions a company ("With Stripe") does not make its list one of companies.
    expect(named).not.toContain('Legal Requirements')
    // What a listed company does files it; it names no category of recipient of its own.
    expect(d.recipients.filter((r) => r.category && !r.vendor && r.names.length === 0)).toEqual([])
  })

  it('reads a labelled item or a sub-heading as the subject of its statements: denied data is not collected', () => {
    const md = [
      '## Information we collect',
      '',
      '### Usage Data',
      '- **Analytics**: We do NOT collect any analytics or usage statistics',
      '- **Crash Reports**: We do NOT collect crash reports or diagnostic information',
      '- **Location Data**: We do not access or collect location information',
      '',
      '### Health Data',
      '- **What**: The app reads your heart rate and step count from the health store',
      '- **Email Address**: We collect it to send receipts.',
    ].join('\n')
    const keys = draftOf(md).data.map((x) => x.category)
    expect(keys).toEqual(expect.arrayContaining(['user.health_and_medical', 'user.contact.email']))
    expect(keys).not.toContain('user.behavior')
    expect(keys).not.toContain('user.telemetry')
    expect(keys).not.toContain('user.location')
  })

  it('reads the labelled facts of a section named after a company as what that company does', () => {
    const md = [
      '## Third-party services',
      '',
      'We share data with these services:',
      '',
      '### Rollbar',
      '**Purpose:** Error monitoring',
      '**Location:** USA',
      '',
      '### Support',
      '**Purpose:** We share support requests with our customer support providers.',
    ].join('\n')
    const d = draftOf(md)
    expect(d.recipients.map((r) => r.vendor ?? r.category)).toEqual(['rollbar', 'support-chat'])
  })

  it('reads a column of categories of third parties as kinds of recipients, not as their names', () => {
    const md = [
      '| Category of Personal Information | Purposes of Use | Categories of Third Parties |',
      '| --- | --- | --- |',
      '| Contact Information (e.g., name, email) | Provide Services, security/fraud prevention | Service providers, Payment processors |',
      '| Customer Service Interaction (e.g., requests) | Provide Services | Service providers |',
    ].join('\n')
    const d = draftOf(md)
    expect(d.unplaced).toEqual([])
    expect(d.recipients.map((r) => r.category)).toEqual(['payments'])
  })

  it('reads tables of recipients: names, what they do, where they process data', () => {
    const md = [
      '| Name of Subprocessor | Description of Processing | Location of Processing |',
      '| --- | --- | --- |',
      '| Fireworks AI | AI Inference and AI Services | United States, Iceland |',
      '| Zendesk | Customer support ticketing system | United States |',
    ].join('\n')
    const d = draftOf(md)
    // Names with a vendor rule become vendors; the description column says what a company without one does.
    expect(d.recipients.some((r) => r.vendor === 'fireworks-ai')).toBe(true)
    expect(d.recipients.some((r) => r.vendor === 'zendesk')).toBe(true)
    const other = draftOf(md.replace('Fireworks AI', 'Quarkbyte Labs'))
    expect(other.recipients.find((r) => r.category === 'ai-llm')?.names.map((n) => n.name)).toEqual([
      'Quarkbyte Labs',
    ])
    expect(d.transfers?.countries.map((c) => c.code)).toEqual(['IS', 'US'])
  })

  it('reads enumerations: items of a list of data, and names in a list of recipients', () => {
    const d = draftOf(
      'We collect information such as name, city and photo. We share it with partners such as Acme Analytics and Stripe.',
    )
    // A city named with no postal address is where the person is (`outside_address`).
    expect(d.data.map((x) => x.category).sort()).toEqual([
      'user.content.self_image',
      'user.location.imprecise',
      'user.name',
    ])
    expect(d.unplaced.map((u) => u.name)).toEqual(['Acme Analytics'])
    // "an organization, such as your employer": examples of an organization, not data.
    expect(
      draftOf('Your account may be provided by an organization, such as your employer or school.').data,
    ).toEqual([])
  })

  it('reads international transfers and their safeguards, not the places data comes from', () => {
    const d = draftOf(
      'We transfer personal data from the European Union and Switzerland to the United States. Such transfers rely on the standard contractual clauses and the EU-U.S. Data Privacy Framework.',
    )
    expect(d.transfers?.countries.map((c) => c.code)).toEqual(['US'])
    expect(d.transfers?.safeguards.map((s) => s.key).sort()).toEqual(['dpf', 'scc'])
  })

  it('reads what cookies do as their purpose, not as data collected', () => {
    const d = draftOf(
      '## Cookies\n\nWe use cookies to keep you signed in and to save your language preferences.\n\n## What we collect\n\nWe collect your name and your language.\n',
    )
    expect(d.cookies.map((c) => c.purpose)).toContain('preferences')
    // "language" counts once: where the policy says it collects it (line 7), not where a cookie saves it (line 3).
    expect(
      d.data.find((x) => x.category === 'user.demographic.language')?.sources.map((x) => x.line),
    ).toEqual([7])
    expect(
      draftOf('## Cookies\n\nCookies save your language preferences.\n').data.map((x) => x.category),
    ).toEqual([])
  })

  it('reads words for a service that only say what a named company does as that company, not another recipient', () => {
    const items = (source: string): string[] =>
      draftOf(source)
        .recipients.filter((r) => r.vendor || r.categoryNamed)
        .map((r) => r.vendor ?? `category:${r.category}`)
        .sort()
    expect(
      items('## Third parties\n\nWe use Firebase for:\n\n- Authentication\n- Crash reporting\n'),
    ).toEqual(['firebase'])
    expect(items('## Security\n\nWe share data with secure cloud infrastructure (Firebase).\n')).toEqual([
      'firebase',
    ])
    // Examples of a category name the category too; a list under an intro without a company names categories.
    expect(
      items('We share data with social networks (e.g., Instagram, Facebook).').filter((i) =>
        i.startsWith('category:'),
      ),
    ).toEqual(['category:social'])
    expect(items('We share data with providers for:\n\n- Crash reporting\n')).toEqual([
      'category:error-monitoring',
    ])
  })

  it('reads a kind of service listed among data as data (which provider you use), not as a recipient', () => {
    const categories = (source: string): string[] =>
      draftOf(source)
        .recipients.filter((r) => r.categoryNamed)
        .map((r) => r.category!)
    expect(
      categories('When you sign up we collect your name, email address, time zone and payment provider.'),
    ).toEqual([])
    expect(categories('We share your name and email address with our payment provider.')).toEqual([
      'payments',
    ])
  })

  it('reads subprocessor lists and tables: linked names, "+"-joined suppliers, group companies and their countries', () => {
    const vendors = (d: ReturnType<typeof draftOf>): string[] =>
      d.recipients.flatMap((r) => (r.vendor ? [r.vendor] : []))
    const names = (d: ReturnType<typeof draftOf>): string[] =>
      [...d.recipients.flatMap((r) => r.names), ...d.unplaced].map((n) => n.name).sort()
    // "[Company](link). What it does.": the linked name heads the item; the description only says what it does.
    const list = draftOf(
      '# Subprocessors\n\nThe following is a list of the subprocessors we use:\n\n' +
        '* [Postmark](https://postmarkapp.com/privacy). Transactional email service.\n' +
        '* [Nimbo Services](https://nimbus.example/privacy). Cloud services provider.\n',
    )
    expect(vendors(list)).toEqual(['postmark'])
    expect(list.recipients.filter((r) => r.categoryNamed)).toEqual([])
    expect(names(list)).toEqual(['Nimbo Services'])
    // A lone item in prose that merely starts with a link is no list of companies.
    expect(vendors(draftOf('Read [Postmark](https://postmarkapp.com). It is a nice product.'))).toEqual([])
    const table = draftOf(
      '# Acme Subprocessors\n\n| Supplier | Function | Geographic Location |\n| -- | -- | -- |\n' +
        '| Rackhouse + Metalworks | Bare metal infrastructure | EU (Amsterdam) |\n' +
        '| Acme AB | Acme Processor | Sweden |\n' +
        '| Acme Czech s.r.o. | Acme Processor | Czech Republic |\n',
    )
    // The publisher itself ("Acme AB") is not a recipient; its group company with a legal form of its own is.
    expect(names(table)).toEqual(['Acme Czech', 'Metalworks', 'Rackhouse'])
    expect(table.transfers!.countries.map((c) => c.code).sort()).toEqual(['CZ', 'EEA', 'NL', 'SE'])
  })

  it('reads the vendor of a tracking cookie from its name in a cookie table that gives no provider', () => {
    const vendors = (source: string, file = 'cookies.md'): string[] =>
      draftOf(source, file)
        .recipients.flatMap((r) => (r.vendor ? [r.vendor] : []))
        .sort()
    const jsx =
      '<h2>Analytics cookies</h2>\n<S.TermsTable>\n<thead><tr><th>Cookie</th><th>Domain</th><th>Purpose</th></tr></thead>\n' +
      '<tbody>\n<tr><td>_ga</td><td>.example.com</td><td>to count pageviews</td></tr>\n' +
      '<tr><td>_fbp</td><td>.example.com</td><td>to track visits</td></tr>\n</tbody>\n</S.TermsTable>\n<p>We use cookies.</p>\n<p>See above.</p>\n'
    expect(vendors(jsx, 'Cookies.jsx')).toEqual(['google-analytics', 'meta-pixel'])
    // A shared company cookie ("MUID") belongs to the product the policy names; a sign-in cookie names no tracker.
    const table = '| Name | Purpose | Expires |\n| --- | --- | --- |\n'
    expect(
      vendors(
        `## Cookies\n\nWe use Microsoft Clarity to see how the site is used.\n\n${table}| MUID | Site analytics | 1 year |\n`,
      ),
    ).toEqual(['microsoft-clarity'])
    expect(vendors(`## Cookies\n\n${table}| __session | Keeps you signed in | Session |\n`)).toEqual([])
  })

  it('names a company written with its legal form and then its address', () => {
    const named = (source: string): string[] => [
      ...draftOf(source).recipients.flatMap((r) => r.names.map((n) => n.name)),
      ...draftOf(source).unplaced.map((u) => u.name),
    ]
    expect(
      named(
        '## Orders\n\nOrders are processed by the service provider Billbee GmbH, Paulinenstrasse 54, 32756 Detmold.',
      ),
    ).toEqual(['Billbee'])
    expect(
      named(
        '## Payment\n\nPayments go to the payment service provider SOFORT GmbH, Theresienhöhe 12, Munich.',
      ),
    ).toEqual(['SOFORT'])
    // A capitalised word after a name with no legal form of its own is no address: nothing is named by it.
    expect(named('## Orders\n\nOrders are processed in Detmold, Germany, by our own staff.')).toEqual([])
    // A German limited partnership ("GmbH & Co. KG") is one legal form; a doubled space in the text is not in the name.
    expect(
      named(
        '## Payment\n\nOur payment provider obtains credit information from:\n\n1. Acme Auskunft GmbH & Co. KG, Postfach 12, 22701 Hamburg\n2. Beta  Score Data GmbH, Ringstrasse 9, Berlin\n',
      ),
    ).toEqual(['Acme Auskunft', 'Beta Score Data'])
  })

  it('names the companies of a list that a line about service providers introduces without a colon', () => {
    const named = (source: string): string[] => draftOf(source).unplaced.map((u) => u.name)
    const intro =
      '## Information Collection and Use\n\nLink to privacy policy of third party service providers used by the app\n\n'
    expect(named(`${intro}*   [Unity](https://unity3d.com/legal/privacy-policy)\n`)).toEqual(['Unity'])
    // Kinds of provider are no names, and a list that no word for recipients introduces names none.
    expect(named(`${intro}*   Hosting\n`)).toEqual([])
    expect(named('## Help\n\nRead more on our help pages\n\n*   Getting Started\n')).toEqual([])
    // A list of data that an intro about providers opens is still a list of data.
    expect(
      named(
        '## Billing\n\nIn the context of billing with our support service providers, the following data are processed:\n\n- VAT ID\n',
      ),
    ).toEqual([])
  })

  it('reads what a labelled company does as its description, not as a category or a company of its own', () => {
    const items = (source: string): string[] => draftItems(draftOf(source)).recipients.sort()
    // A name set off by a colon or a dash, then its own clause; and the nested items under such an item.
    expect(
      items(
        '## Sharing\n\n**Service Providers:**\n- **Stripe** - For payment processing\n  - Purpose: Secure payment processing\n\n**Overseas Recipients:**\n- SendGrid (United States) - Email delivery\n',
      ),
    ).toEqual(['vendor:sendgrid', 'vendor:stripe'])
    // The same nested items under a plain item name the categories.
    expect(
      items(
        '## Sharing\n\n**Service Providers:**\n- We share data with:\n  - payment processors\n  - email delivery providers\n',
      ),
    ).toEqual(['category:email-transactional', 'category:payments'])
    // A list whose labels are companies: labels that are only kinds of service name no company; a provider field makes
    // the label a company, and the company in the field is the one behind it.
    const generator =
      '## Services used\n\n- **E-mail Sending and Hosting:** The web hosting services we use also include sending e-mails.\n- **Hetzner:** Services in the field of infrastructure (e.g. storage space and/or computing capacities); **Service provider**: Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen, Germany.\n- **Threads:** Social network; **Service provider**: Meta Platforms Ireland Limited, Merrion Road, Dublin 4, Ireland.\n'
    expect(items(generator)).toEqual(['named:Hetzner', 'named:Threads'])
    // A kind of service in a web address is no category.
    expect(
      items(
        '## Sharing\n\nWe share data with LinkedIn (opt-out: https://www.linkedin.com/psettings/guest-controls/retargeting-opt-out).',
      ),
    ).not.toContain('category:retargeting')
  })

  it('reads the first word of a two-word data phrase as the head of the noun joined after it', () => {
    const data = (source: string): string[] => draftOf(source).data.map((d) => d.category)
    // github-general, recruitment-clerk-saas: "device type and ID", "Device information and identifiers".
    expect(data('We collect your IP address, device type and ID.')).toEqual(
      expect.arrayContaining(['user.device', 'user.device.device_id']),
    )
    expect(data('## What we collect\n\n- Device information and identifiers\n')).toEqual([
      'user.device',
      'user.device.device_id',
    ])
    // A possessive heads nothing; a joined noun that makes no phrase with the first word is left alone.
    expect(data('We collect your device type and screen size.')).toEqual(['user.device'])
  })

  it("reads a legal entity that several rules share, named with one of its services, as that service's maker", () => {
    // eqdkp-legal: the OpenStreetMap Foundation makes both the tiles and the Nominatim geocoder.
    const d = draftOf('## Maps\n\nMaps are provided by the OpenStreetMap Foundation (OSMF).')
    expect(draftItems(d).recipients).toEqual(['vendor:openstreetmap'])
  })

  it("reads a vendor rule's parenthesised words as another name only when they are written as one", () => {
    // safe-wallet: the rule "Safe (transaction service)" describes its product in lower case.
    const d = draftOf(
      '## Use\n\nFor operational analysis we process information which constitutes the transaction service database, such as: transaction hashes.',
    )
    expect(draftItems(d).recipients).toEqual([])
    // "Sign in with GitHub (GitHub OAuth)": the parentheses name the product.
    expect(draftItems(draftOf('We share your user ID with GitHub OAuth to sign you in.')).recipients).toEqual(
      ['vendor:github-oauth'],
    )
  })

  it("reads a cookie table's name column as the cookie's name, not as data", () => {
    const data = (source: string): string[] => draftOf(source).data.map((d) => d.category)
    // vendia-cookie-list: a local-storage key with a data word in it.
    const table =
      '## Cookies\n\n| Name | Provider | Type | Expiry |\n| --- | --- | --- | --- |\n| __identity-credentials.us-east-1:1df5 | vendia.com | HTML Local Storage | Persistent |\n'
    expect(data(table)).toEqual([])
    expect(data('## What we collect\n\n- Authentication credentials (encrypted)\n')).toEqual([
      'user.authorization.credentials',
    ])
  })

  it('reads an activity that opens a sentence defining it as explained, not as a kind of recipient', () => {
    const categories = (source: string): string[] =>
      draftItems(draftOf(source)).recipients.filter((r) => r.startsWith('category:'))
    // teentalk-crashlytics (bench/policy/texts).
    expect(
      categories(
        'Crash reporting is a technology that automatically detects when the app stops working unexpectedly (crashes) and sends technical information to our development team.',
      ),
    ).toEqual([])
    // A kind of recipient doing it, or one named later in the sentence, is still named.
    expect(categories('Payment processing is done by our partners.')).toEqual(['category:payments'])
    expect(categories('We send crash reports to our crash reporting provider.')).toEqual([
      'category:error-monitoring',
    ])
  })

  it('reads a company named as what people sign in with as its sign-in product', () => {
    const items = (source: string): string[] => draftItems(draftOf(source)).recipients.sort()
    // Sentences of openstatus, tripgenie-travel, openproject-privacy and proauto-shop (bench/policy).
    expect(
      items(
        '## Information we collect\n\n- **Account information** you provide when signing up: name, email address, and authentication identifiers from the identity provider you choose (e.g. GitHub or Google OAuth subject IDs).',
      ),
    ).toEqual(expect.arrayContaining(['vendor:github-oauth', 'vendor:google-identity']))
    expect(
      items(
        '## Sharing\n\n1. **Service Providers**\n   - Cloud hosting (for data storage)\n   - Authentication services (Apple, Google)\n',
      ),
    ).toEqual(expect.arrayContaining(['vendor:apple-sign-in', 'vendor:google-identity']))
    // The company named again in the sentence is the same sign-in product, not a recipient of its own.
    const google = items(
      'When registering via Google, your data will be forwarded to servers of Google Ireland Limited ("Google"), Gordon House, Barrow Street, Dublin 4, Ireland.',
    )
    expect(google).toEqual(['vendor:google-identity'])
    // Of a company's several sign-in products, the one named after it; Facebook Connect is Facebook Login's old name.
    expect(
      items(
        '## Registration using single sign-on technology (Facebook, Google and Amazon)\n\nYou can log in with your user id.\n\n**Facebook Connect**\nPlease refer to the terms of Facebook, Inc. for more information on Facebook Connect.',
      ),
    ).toEqual(expect.arrayContaining(['vendor:facebook-login', 'vendor:google-identity']))
    // Named for anything else, the company is a recipient as before.
    expect(items('## Sharing\n\nWe share your email address with Google to send email.')).toEqual([
      'named:Google',
    ])
  })

  it("never counts the policy's own company as a recipient", () => {
    const d = draftOf(
      '# Acme Privacy Policy\n\nAcme, Inc. ("Acme", "we") shares data with Stripe, Inc. to process payments.',
    )
    expect(d.recipients.map((r) => r.vendor ?? r.category)).toEqual(['stripe'])
    expect(d.unplaced).toEqual([])
    // pingcap-privacy's opening: the quoted name in the parenthesis that says "we", whatever stands before it.
    const pingcap = draftOf(
      '# Privacy Policy\n\nPingCAP (US), Inc. and its affiliates (hereinafter referred to as "PingCAP", "we," "our," or "us") understand that privacy is important.\n\n## Sharing\n\nWe may share your information with PingCAP Inc. to provide the services.',
    )
    expect(draftItems(pingcap).recipients).toEqual([])
  })
})

describe('after held-out-14', () => {
  const draftOf = (source: string) => readPolicy(policyText(source, 'policy.md'), rules)
  const dataKeys = (source: string): string[] => draftItems(draftOf(source)).data.sort()

  it('reads the providers of a list of "Name – for …" items introduced as acting on our behalf', () => {
    const d = draftItems(
      draftOf(
        '## What we do with personal data\n\nWe may use other organisations to do this on our behalf. These include:\n\n- Acmepay and Paylink – for card payments\n- ZedPost – to print and post letters\n- Direct Debit payments – for subscriptions\n',
      ),
    ).recipients
    expect(d).toEqual(expect.arrayContaining(['named:Acmepay', 'named:Paylink', 'named:ZedPost']))
    // A list of data with what it is for names no company.
    expect(
      draftItems(
        draftOf('## What we collect\n\nWe collect:\n\n- Email address – for login\n- Name – to greet you\n'),
      ).recipients,
    ).toEqual([])
  })

  it('reads a decimal sub-heading that names contact information under a section about collection', () => {
    const source =
      '## 1. Users\n\n#### 1.1 What information do we collect?\n\n##### 1.1.1 Registration and Contact Information\n\nWe will also collect contact information, such as your name, address and phone number.\n'
    expect(dataKeys(source)).toEqual(
      expect.arrayContaining(['user.contact.address', 'user.contact.phone_number', 'user.name']),
    )
    // A section on how to contact the company still names no data.
    expect(dataKeys('## 9. Contact us\n\nWrite to our postal address or phone number below.\n')).toEqual([])
  })

  it('reads the list of data on after a place named in parentheses', () => {
    expect(
      dataKeys(
        '## Hotjar\n\nHotjar collects data on your device. This includes a device IP address (stored in a de-identified form), device type and browser information.',
      ),
    ).toEqual(expect.arrayContaining(['user.device', 'user.device.ip_address', 'user.device.user_agent']))
    // Outside parentheses a place still ends the list: what follows is where data goes.
    expect(dataKeys('We collect your email address. Data is stored in the United States, Canada.')).toEqual([
      'user.contact.email',
    ])
  })

  it('reads no data from a row that repeats the column names of a cookie table', () => {
    const source =
      '## Cookies\n\n<table>\n<tr><td>Cookie name</td><td>Description</td></tr>\n<tr><td>_hjSession</td><td>Holds session data for analytics</td></tr>\n<tr><td>Cookie name</td><td>Description</td></tr>\n<tr><td>_hjUser</td><td>Holds an identifier for analytics</td></tr>\n</table>\n'
    expect(dataKeys(source)).not.toContain('user.name')
  })

  it('quotes a retention statement wrapped over lines at the line that says how long', () => {
    const d = draftOf(
      '## What we log\n\n* Whether an IP address has viewed a package is cached to prevent\n  views from being counted twice, but this\n  information is deleted after 14 days.\n',
    )
    expect(d.retention.map((r) => r.line)).toEqual([5])
  })
})

describe('after held-out-15', () => {
  const draftOf = (source: string, file = 'policy.md') => readPolicy(policyText(source, file), rules)

  it('reads an HTML list item whose words start on a later line than its tag as the item, under its own intro', () => {
    const source =
      '<h2>Personal data we collect</h2>\n<p>\n  We may obtain the following data from you, and if you do not provide it, you may not be able to use the site:\n</p>\n<ol>\n  <li>\n    <p>\n      information from your registration or inquiries:\n    </p>\n    <ol>\n      <li>\n        <p>\n          Contact information (including email\n          address and telephone number);\n        </p>\n      </li>\n      <li>\n        <p>Date of birth;</p>\n      </li>\n    </ol>\n  </li>\n</ol>\n'
    const d = draftOf(source, 'policy.html')
    expect(draftItems(d).data).toEqual(
      expect.arrayContaining([
        'user.contact.email',
        'user.contact.phone_number',
        'user.demographic.date_of_birth',
      ]),
    )
    // Quoted at the line with the words, not at the tag's.
    expect(d.data.find((x) => x.category === 'user.contact.email')!.sources[0]!.line).toBe(13)
    // A negated intro still negates its list.
    expect(
      draftItems(
        draftOf(
          '<p>We never collect:</p>\n<ul>\n  <li>\n    <p>\n      your date of birth\n    </p>\n  </li>\n</ul>\n',
          'policy.html',
        ),
      ).data,
    ).toEqual([])
  })

  it('reads a vendor name that is an ordinary word at the start of an item when its own kind of service follows', () => {
    expect(
      draftItems(draftOf('## Processors\n\n- Resend (transactional email)\n- Vercel (hosting)\n')).recipients,
    ).toEqual(expect.arrayContaining(['vendor:resend']))
    expect(draftItems(draftOf('## Processors\n\n- Resend (transactional email)\n')).recipients).not.toContain(
      'category:email-transactional',
    )
    expect(draftItems(draftOf('## Next steps\n\n- Resend (the form, if it failed)\n')).recipients).toEqual([])
  })

  it("reads a known company whose name extends the policy's brand as a recipient, and the brand's own name as its own", () => {
    const source =
      '<title>Get a licence privacy policy - GOV.UK</title>\n<p>We use other organisations on our behalf. These include:</p>\n<ul>\n<li>GOV.UK Pay – for card payments</li>\n</ul>\n'
    expect(draftItems(draftOf(source, 'policy.html')).recipients).toContain('named:GOV.UK Pay')
  })

  it("reads the details of the reader's emergency contacts as theirs, not the reader's", () => {
    const source =
      '## Information We Collect\n\n- **Emergency Contacts**: Names and phone numbers you designate for emergency alerts\n- **Account**: Your email address\n\nEmergency contact information is kept for safety purposes.\n'
    expect(draftItems(draftOf(source)).data).toEqual(['user.contact.email'])
  })
})

describe('policy corpus scoring', () => {
  it('compares a company given as a domain by its registrable label, and leaves other names whole', () => {
    expect(normalizeName('ws.zoominfo.com')).toBe(normalizeName('ZoomInfo'))
    expect(normalizeName('openx.net')).toBe('openx')
    expect(normalizeName('Stakater Czech s.r.o.')).not.toBe('stakater')
  })

  it('counts a company named by an alias of rules/policy/names.yaml as the same recipient, and no other', () => {
    expect(alignAliases(['named:Amazon Web Services'], ['named:AWS'], rules)).toEqual(['named:AWS'])
    expect(alignAliases(['named:Amazon Web Services'], ['named:Hetzner'], rules)).toEqual([
      'named:Amazon Web Services',
    ])
  })
})

describe('after held-out-16', () => {
  const draftOf = (source: string, file = 'policy.md') => readPolicy(policyText(source, file), rules)
  const table = (head: string, rows: string[]) =>
    `Our subprocessors:\n\n| ${head} | Purpose | Corporate Location |\n| --- | --- | --- |\n${rows.map((r) => `| ${r} |`).join('\n')}\n`

  it('reads an "Entity Name" column as the provider column, whose purpose cells name no category of their own', () => {
    const items = draftItems(
      draftOf(
        table('Entity Name', [
          'Rollbar Inc. | Error Monitoring and Crash Reporting | San Francisco, CA, United States',
        ]),
      ),
    ).recipients
    expect(items).toContain('vendor:rollbar')
    expect(items).not.toContain('category:error-monitoring')
  })

  it('reads a legal entity in parentheses after a product as its maker, not a recipient of its own', () => {
    const d = draftOf(
      table('Entity Name', [
        'Papertrail (SolarWinds Worldwide LLC) | Log Management | Austin, TX, United States',
      ]),
    )
    const names = draftItems(d).recipients.filter((r) => r.startsWith('named:'))
    expect(names).toEqual(['named:Papertrail'])
    // A legal entity in parentheses after a common noun is the recipient itself.
    expect(
      draftItems(
        draftOf(
          '## Processors\n\nWe share your e-mail address with our mailing service (Zentravo Inc.) to send newsletters.\n',
        ),
      ).recipients,
    ).toContain('named:Zentravo')
  })

  it('reads a product whose copy is installed on the site itself as no recipient', () => {
    expect(
      draftItems(
        draftOf(
          '## Fonts\n\nThis website uses Web Fonts. These Google fonts are locally installed on our server.\n',
        ),
      ).recipients,
    ).not.toContain('vendor:google-fonts')
    expect(
      draftItems(
        draftOf('## Fonts\n\nThis website uses Google Fonts, which are loaded from Google servers.\n'),
      ).recipients,
    ).toContain('vendor:google-fonts')
  })
})

describe('after held-out-17', () => {
  const draftOf = (source: string, file = 'policy.md') => readPolicy(policyText(source, file), rules)

  it('reads a company named bare as the product its name stands for, unless the policy names another of its products', () => {
    const embedded = draftItems(
      draftOf('## Third party cookies\n\nWe sometimes embed content from other websites such as Twitter.\n'),
    ).recipients
    expect(embedded).toContain('vendor:x-platform')
    expect(embedded).not.toContain('named:Twitter')
    const ads = draftItems(
      draftOf(
        '## Advertising\n\n### Twitter\n\nTwitter remarketing service is provided by Twitter Inc. You can opt out of Twitter ads.\n',
      ),
    ).recipients
    expect(ads).toContain('vendor:x-ads')
    expect(ads).not.toContain('vendor:x-platform')
  })

  it('reads a list label whose item opens with its host as what is hosted, not a company', () => {
    const items = draftItems(
      draftOf(
        '## Third-Party Services\n\nWe use the following third-party services:\n- **Apple Sign In**: For authentication\n- **Backend API**: Hosted on Replit\n',
      ),
    ).recipients
    expect(items).toContain('vendor:apple-sign-in')
    expect(items).toContain('named:Replit')
    expect(items).not.toContain('named:Backend API')
  })
})

describe('after held-out-18', () => {
  const draftOf = (source: string, file = 'policy.md') => readPolicy(policyText(source, file), rules)

  it('reads items numbered "3.1" under an item "3." that ends in a colon as the items of its list', () => {
    const data = draftItems(
      draftOf(
        '3. Personal data that can be collected includes:\n\n3.1 Personal information, for example, full name, date of birth and occupation.\n\n3.2 Financial information, for example, data on assets.\n',
      ),
    ).data
    expect(data).toEqual(
      expect.arrayContaining(['user.name', 'user.demographic.date_of_birth', 'user.job_title']),
    )
  })

  it('reads a clause numbered "3.2.1 " that ends in a colon as the intro of the list after it, and "2.1 Cookies" as a heading', () => {
    const draft = draftOf(
      '3.2.1 We will process the following personal data to analyze your behavior:\n\n1. IP address,\n2. operating system\n\n2.1 Cookies\n\nWe use analytics cookies.\n',
    )
    expect(draftItems(draft).data).toEqual(
      expect.arrayContaining(['user.device.ip_address', 'user.device.user_agent']),
    )
    expect(draft.cookies.map((c) => c.purpose)).toContain('analytics')
  })

  it("reads a company in a cookie table's provider column as the product whose cookie the row lists", () => {
    const items = draftItems(
      draftOf(
        '## Cookies\n\n| Name | Provider | Purpose | Expiry |\n| --- | --- | --- | --- |\n| \\_fbp | Meta Platforms, Inc. | Used to deliver advertisement products | 3 months |\n| bcookie | LinkedIn | Used to track visitors | 1 year |\n',
      ),
    ).recipients
    expect(items).toEqual(expect.arrayContaining(['vendor:meta-pixel', 'vendor:linkedin-insight']))
    expect(items).not.toContain('named:Meta Platforms')
  })

  it("reads an e-mail address in a cookie table's provider column as no company", () => {
    const items = draftItems(
      draftOf(
        '## Cookies\n\n| Name | Provider | Purpose |\n| --- | --- | --- |\n| session | info@example.com | Preserves the session |\n',
      ),
    ).recipients
    expect(items.filter((i) => i.startsWith('named:'))).toEqual([])
  })

  it('reads capitals in a list of kinds of provider ("RPO or PSL providers") as no company', () => {
    const items = draftItems(
      draftOf(
        '## Who we share it with\n\nWe share your data with other recruitment agencies or service providers such as umbrella companies, RPO or PSL providers.\n',
      ),
    ).recipients
    expect(items.filter((i) => i.startsWith('named:'))).toEqual([])
  })

  it('names a company listed with a dash and its kind of provider ("Ko-Fi - Payment facilitator")', () => {
    const items = draftItems(
      draftOf(
        'This subprocessor is located in the United Kingdom:\n\n* [Ko-Fi](https://more.ko-fi.com/privacy) - Payment facilitator\n* Acme - Our office in Leeds\n',
      ),
    ).recipients
    expect(items).toContain('named:Ko-Fi')
    expect(items).not.toContain('named:Acme')
  })

  it('reads the value of a label that says where data is sent as the destination, and no heading as one', () => {
    const draft = draftOf(
      '## Sharing information outside the UK\n\n**Organisation name:** Google Cloud EMEA Limited\n\n**Country the personal information is sent to:** Ireland\n\n## Data stored in Germany\n\nWe keep it safe.\n',
    )
    expect(draft.transfers?.countries.map((c) => c.code)).toEqual(['IE'])
  })

  it('keeps what a consent cookie records when the row also speaks of saving settings', () => {
    const draft = draftOf(
      '## Cookies\n\n| Name | Purpose | Expires |\n| --- | --- | --- |\n| cookie_policy | Saves your cookie consent settings | 1 year |\n',
    )
    expect(draft.data.map((d) => d.category)).toEqual(['user.privacy_preferences'])
    expect(draft.cookies.map((c) => c.purpose)).toContain('strictly-necessary')
  })
})
