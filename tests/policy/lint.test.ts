import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { lintPolicy, type PolicyGap } from '../../src/policy/lint.js'
import { policyText } from '../../src/policy/text.js'
import { loadRules } from '../../src/rules/load.js'
import { runCli } from '../helpers/cli.js'
import { copyFixture } from '../helpers/tmp.js'

const rules = loadRules()
const FIXTURE = 'fixtures/policy-lint'

function lint(manifestYaml: string, policy: string, file = 'policy.md', strict = false): PolicyGap[] {
  const manifest = parseManifest(`version: 1\n${manifestYaml}`, 'privacy.yml', rules)
  return lintPolicy({
    manifest,
    manifestText: manifestYaml,
    policy: policyText(policy, file),
    rules,
    options: { strict },
  }).gaps
}
const keys = (gaps: PolicyGap[]): string[] => gaps.map((g) => `${g.direction}:${g.key}`)

describe('policy lint on the fixture repository', () => {
  it('reports each gap in both directions with its lines, and exits 1', async () => {
    const r = await runCli(['policy', 'lint', FIXTURE, '--format', 'json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { gaps: PolicyGap[]; policyFile: string; manifestFile: string }
    expect(report.policyFile).toBe('fixtures/policy-lint/docs/privacy-policy.md')
    const byKey = Object.fromEntries(report.gaps.map((g) => [g.key, g]))
    expect(Object.keys(byKey).sort()).toEqual([
      'google-analytics',
      'intercom',
      'marketing',
      'user.contact.phone_number',
      'user.demographic.date_of_birth',
    ])
    // Declared but unmentioned: the privacy.yml line, and the policy section to add it to.
    expect(byKey['user.contact.phone_number']).toMatchObject({
      direction: 'not-in-policy',
      manifestLine: 12,
      policyLine: 5,
    })
    // Contradicted: the policy line that says it is not collected.
    expect(byKey['user.demographic.date_of_birth']).toMatchObject({
      direction: 'not-in-policy',
      manifestLine: 14,
      policyLine: 9,
    })
    expect(byKey['user.demographic.date_of_birth']!.message).toMatch(/does not collect date of birth/)
    expect(byKey.marketing).toMatchObject({ kind: 'cookie', manifestLine: 20, policyLine: 11 })
    // Named in the text but not declared: the policy line.
    expect(byKey.intercom).toMatchObject({ direction: 'not-in-manifest', policyLine: 26 })
    expect(byKey.intercom!.hint).toBe('add `- vendor: intercom` under processors')
    expect(byKey['google-analytics']).toMatchObject({
      direction: 'not-in-manifest',
      label: 'Google Analytics',
      policyLine: 27,
    })
  })

  it('prints both directions in the text report', async () => {
    const r = await runCli(['policy', 'lint', FIXTURE, '--no-color'])
    expect(r.stdout).toContain('Declared in privacy.yml, missing from the policy text')
    expect(r.stdout).toMatch(
      /fixtures\/policy-lint\/privacy\.yml:12 {2}personal data user\.contact\.phone_number/,
    )
    expect(r.stdout).toContain('Named in the policy text, missing from privacy.yml')
    expect(r.stdout).toMatch(/fixtures\/policy-lint\/docs\/privacy-policy\.md:26 {2}Intercom/)
  })

  it('--strict asks for vendor names where a category of recipients was enough', async () => {
    const r = await runCli(['policy', 'lint', FIXTURE, '--format', 'json', '--strict'])
    const gaps = (JSON.parse(r.stdout) as { gaps: PolicyGap[] }).gaps
    expect(
      gaps
        .filter((g) => g.kind === 'recipient' && g.direction === 'not-in-policy')
        .map((g) => g.key)
        .sort(),
    ).toEqual(['posthog', 'resend'])
  })

  it('exits 0 when the policy and privacy.yml agree', async () => {
    const dir = copyFixture(FIXTURE)
    const policy = join(dir, 'docs/privacy-policy.md')
    writeFileSync(
      policy,
      readFileSync(policy, 'utf8')
        .replace(
          'We do not collect\nyour date of birth.',
          'We also ask for your phone number and\nyour date of birth.',
        )
        .replace(
          'understand how visitors use the shop.',
          'understand how visitors use the shop. We use no marketing cookies.\nWith your consent, marketing cookies measure our campaigns.',
        )
        .replace('- Our support team answers chats through Intercom, a customer support platform.\n', '')
        .replace('- We measure campaigns with *Google Analytics*.\n', ''),
    )
    const r = await runCli(['policy', 'lint', dir, '--no-color'])
    expect(r.stdout).toContain('✓')
    expect(r.code).toBe(0)
  })

  it('is part of check: a separate section, exit code unchanged unless --fail-on any', async () => {
    const text = await runCli(['check', FIXTURE, '--no-color'])
    expect(text.stdout).toContain('✓ In sync')
    expect(text.stdout).toContain('policy lint · fixtures/policy-lint/docs/privacy-policy.md')
    expect(text.stdout).toMatch(/✗ 5 gaps/)
    expect(text.code).toBe(0)
    expect((await runCli(['check', FIXTURE, '--fail-on', 'any'])).code).toBe(1)

    const json = JSON.parse((await runCli(['check', FIXTURE, '--format', 'json'])).stdout)
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'tool',
      'summary',
      'inventory',
      'drift',
      'notes',
      'policyLint',
    ])
    expect(json.policyLint.gaps).toHaveLength(5)

    const md = (await runCli(['check', FIXTURE, '--format', 'markdown'])).stdout
    expect(md).toMatch(/### Policy text\n\n⚠️ \*\*5 gaps\*\*/)
    expect(md.indexOf('### Policy text')).toBeLessThan(md.indexOf('<sub>'))
  })

  it('reports a policy.file that does not exist at its privacy.yml line (exit 2)', async () => {
    const dir = copyFixture(FIXTURE)
    writeFileSync(
      join(dir, 'privacy.yml'),
      readFileSync(join(dir, 'privacy.yml'), 'utf8').replace(
        'file: docs/privacy-policy.md',
        'file: docs/missing.md',
      ),
    )
    const r = await runCli(['policy', 'lint', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/privacy\.yml:6:\d+ policy\.file: policy file .*docs\/missing\.md not found/)
  })

  it('needs policy.file or --policy', async () => {
    const r = await runCli(['policy', 'lint', 'fixtures/demo-shop'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/sets no policy\.file/)
  })
})

describe('policy lint rules', () => {
  it('counts synonyms, and a child category mentioned counts for its parent (not the other way round)', () => {
    expect(lint('data:\n  - category: user.contact\n', 'We collect your e-mail address.')).toEqual([])
    expect(
      lint('data:\n  - category: user.contact.email\n', 'We keep your contact details.').map((g) => g.key),
    ).toEqual(['user.contact.email'])
    expect(lint('data:\n  - category: user.device.ip_address\n', 'Our servers log IP addresses.')).toEqual([])
  })

  it('reads markdown and HTML: markup removed, words across wrapped lines, line numbers kept', () => {
    const md = '# Policy\n\nWe collect your **phone**\nnumber and [email address](https://example.com).\n'
    expect(
      lint('data:\n  - category: user.contact.phone_number\n  - category: user.contact.email\n', md),
    ).toEqual([])
    const html =
      '<html><body>\n<h1>Privacy</h1>\n<script>var stripe = "Stripe";</script>\n<ul>\n<li>We use <b>Google&nbsp;Analytics</b></li>\n</ul>\n</body></html>'
    const gaps = lint('', html, 'policy.html')
    expect(gaps).toEqual([
      expect.objectContaining({ direction: 'not-in-manifest', key: 'google-analytics', policyLine: 5 }),
    ])
  })

  it('names that are common words need a capital letter mid-sentence and context', () => {
    const policy = [
      'Square one: we start from your consent.',
      'We segment our users, and this text should not drift.',
      'Our notion of privacy is simple.',
      'Card payments are handled by Square, our payment processor.',
      'We answer chats in Front, our shared support inbox.',
    ].join('\n')
    const gaps = lint('', policy)
    expect(gaps.map((g) => [g.key, g.policyLine])).toEqual([
      ['square', 4],
      ['front', 5],
    ])
  })

  it('a named recipient is declared by its vendor, a covering category, or its name in privacy.yml', () => {
    const policy =
      "We share orders with Stripe (see Stripe's privacy policy), with Mailchimp, and with our courier BlueDart."
    expect(keys(lint('', policy)).sort()).toEqual([
      'not-in-manifest:BlueDart',
      'not-in-manifest:mailchimp',
      'not-in-manifest:stripe',
    ])
    expect(keys(lint('', "Payments are processed under Stripe's terms."))).toEqual(['not-in-manifest:stripe'])
    const declared =
      'processors:\n  - vendor: stripe\n  - category: email-marketing\n  - category: hosting  # also our courier, BlueDart\n'
    expect(lint(declared, policy).filter((g) => g.direction === 'not-in-manifest')).toEqual([])
  })

  it('a declared vendor is covered by a category phrase unless strict, and a declared category needs its phrase', () => {
    const manifest = 'processors:\n  - vendor: stripe\n  - category: shipping\n'
    const policy = 'We share data with payment processors.'
    expect(keys(lint(manifest, policy))).toEqual(['not-in-policy:shipping'])
    expect(keys(lint(manifest, policy, 'p.md', true))).toEqual([
      'not-in-policy:stripe',
      'not-in-policy:shipping',
    ])
  })

  it('cookie purposes must be described, by purpose words in a cookie statement', () => {
    const manifest = 'cookies:\n  - name: sid\n    purpose: strictly-necessary\n  - name: _ga\n'
    expect(
      lint(manifest, 'We use cookies to keep you signed in and to analyse how visitors use the site.'),
    ).toEqual([])
    const noCookies = lint(manifest, 'We collect your name.')
    expect(noCookies.map((g) => g.key).sort()).toEqual(['analytics', 'strictly-necessary'])
    expect(noCookies[0]!.message).toMatch(/never mentions cookies/)
  })
})

describe('policy lint reads what a careful reader reads (misses found on real policies)', () => {
  it('where users are: location stated without the word "location"', () => {
    expect(
      lint(
        'data:\n  - category: user.location\n',
        'We record where our users are located to show local prices.',
      ),
    ).toEqual([])
    expect(keys(lint('data:\n  - category: user.location\n', 'We collect your name.'))).toEqual([
      'not-in-policy:user.location',
    ])
  })

  it('passwords mentioned only through "password-protected"', () => {
    expect(
      lint(
        'data:\n  - category: user.authorization.password\n',
        'Members can open password-protected pages.',
      ),
    ).toEqual([])
  })

  it('usage tracking without the word analytics, and preference cookies by what they do', () => {
    const manifest = 'cookies:\n  - purpose: analytics\n  - purpose: preferences\n'
    expect(
      lint(
        manifest,
        'Our cookies count visits and see which pages are popular. Another cookie remembers your language.',
      ),
    ).toEqual([])
    expect(keys(lint(manifest, 'We use cookies to keep you signed in.')).sort()).toEqual([
      'not-in-policy:analytics',
      'not-in-policy:preferences',
    ])
  })

  it('advertisers are a category of recipients', () => {
    const manifest = 'analytics:\n  - vendor: google-ads\nprocessors:\n  - category: advertising\n'
    expect(lint(manifest, 'We may share information about your visits with advertisers.')).toEqual([])
    expect(keys(lint(manifest, 'We do not share information with advertisers.')).sort()).toEqual([
      'not-in-policy:advertising',
      'not-in-policy:google-ads',
    ])
  })

  it('a negation with a condition is still a statement ("we do not … unless you opt in")', () => {
    expect(
      lint(
        'data:\n  - category: user.location.precise\n',
        'We do not collect your precise location unless you opt in.',
      ),
    ).toEqual([])
  })
})
