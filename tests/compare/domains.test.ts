import { describe, expect, it } from 'vitest'
import { compareWithManifest } from '../../src/compare/compare.js'
import { fixManifestText } from '../../src/manifest/fix.js'
import { generateManifest } from '../../src/manifest/generate.js'
import { parseManifest } from '../../src/manifest/load.js'
import { loadRules } from '../../src/rules/load.js'
import { buildInventory, type InventoryOptions } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { ConfigError, type Problem } from '../../src/util/errors.js'

const rules = loadRules()

/** Scans files given as path → code and builds the default inventory. */
function scan(files: Record<string, string>, options: InventoryOptions = {}) {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  return buildInventory(facts, rules, options).inventory
}

const manifest = (yaml: string) => parseManifest(`version: 1\n${yaml}`, 'privacy.yml', rules)

function problemsOf(yaml: string): Problem[] {
  try {
    manifest(yaml)
  } catch (e) {
    if (e instanceof ConfigError) return e.problems
    throw e
  }
  throw new Error('expected a ConfigError')
}

const PUSH = {
  'src/push.ts':
    "const PUSH_URL = 'https://api.push-relay.io/v2/send'\nexport const send = (body: string) => fetch(PUSH_URL, { method: 'POST', body })\n",
}

describe('services no rule knows, by registrable domain', () => {
  it('reports an unknown host the code calls as a processor keyed by its domain, with a suggestion that validates', () => {
    const inv = scan(PUSH)
    expect(
      inv.processors.map((p) => [p.vendor, p.domain, p.evidence[0]!.line, p.evidence[0]!.confidence]),
    ).toEqual([['push-relay.io', true, 2, 'medium']])
    const drift = compareWithManifest(inv, manifest('processors: []\n'), rules)
    expect(drift.undeclared.map((u) => [u.kind, u.key])).toEqual([['processor', 'push-relay.io']])
    const u = drift.undeclared[0]!
    expect(u.suggestion.split('\n').slice(0, 2)).toEqual([
      'processors:',
      '  - domain: push-relay.io  # a service no privacy-drift rule knows; called at src/push.ts:2',
    ])
    expect(u.sentence).toBe(
      'We share data with the service at push-relay.io [name the company] to [purpose].',
    )
    // `check --fix` writes the entry; the fixed manifest covers the service.
    const fixed = fixManifestText('version: 1\nprocessors: []\n', drift.undeclared, rules).text
    const after = compareWithManifest(inv, parseManifest(fixed, 'privacy.yml', rules), rules)
    expect(after.undeclared).toEqual([])
    expect(after.covered).toEqual([{ kind: 'processor', key: 'push-relay.io', by: 'domain: push-relay.io' }])
  })

  it('covers a vendor by domain when every host of its rule lies under it, and marks a domain with no evidence stale', () => {
    const inv = scan({ 'src/mail.ts': "await fetch('https://api.resend.com/emails', { method: 'POST' })\n" })
    const drift = compareWithManifest(
      inv,
      manifest('processors:\n  - domain: resend.com\n  - domain: push-relay.io\n'),
      rules,
    )
    expect(drift.covered).toEqual([{ kind: 'processor', key: 'resend', by: 'domain: resend.com' }])
    expect(drift.stale).toEqual([{ kind: 'processor', key: 'push-relay.io', line: 4 }])
  })

  it('never reports the product’s own domains: configured, the homepage in package.json, the project’s name', () => {
    const files = {
      ...PUSH,
      'src/own.ts': "export const me = () => fetch('https://api.acme-shop.com/me')\n",
      'src/licence.ts': "export const check = () => fetch('https://licensing.shopkeep.dev/v1/validate')\n",
    }
    expect(scan(files).processors.map((p) => p.vendor)).toEqual([
      'acme-shop.com',
      'push-relay.io',
      'shopkeep.dev',
    ])
    const own = scan({
      ...files,
      'package.json': JSON.stringify({ name: 'shopkeep', homepage: 'https://www.acme-shop.com' }),
    })
    expect(own.processors.map((p) => p.vendor)).toEqual(['push-relay.io'])
    expect(
      scan(files, { firstParty: ['push-relay.io', 'acme-shop.com'] }).processors.map((p) => p.vendor),
    ).toEqual(['shopkeep.dev'])
  })

  it('takes a domain the code names in many files, without calling it there, as the product’s own', () => {
    const links: Record<string, string> = {}
    for (let i = 0; i < 5; i++)
      links[`src/emails/e${i}.tsx`] = `export const home = 'https://www.acme-shop.com/account/${i}'\n`
    const api = { 'src/api.ts': "export const me = () => fetch('https://api.acme-shop.com/me')\n" }
    expect(scan({ ...api, ...links }).processors).toEqual([])
    delete links['src/emails/e4.tsx']
    expect(scan({ ...api, ...links }).processors.map((p) => p.vendor)).toEqual(['acme-shop.com'])
  })

  it('does not count the translations of a sentence that links to a service as the product naming its own domain', () => {
    const locales: Record<string, string> = {}
    for (const lang of ['en', 'fr', 'es', 'de', 'pt'])
      locales[`locales/${lang}.ts`] =
        `export default { donate: 'Support us on https://ko-fi.example-tips.com/acme' }\n`
    const embed = {
      'src/Donate.tsx':
        'export const Donate = () => <iframe src="https://ko-fi.example-tips.com/acme/?widget=true" />\n',
    }
    expect(scan({ ...embed, ...locales }).processors.map((p) => p.vendor)).toEqual(['example-tips.com'])
  })

  it('does not take a code host the code links to in many files as the product’s own', () => {
    const links: Record<string, string> = {}
    for (let i = 0; i < 5; i++)
      links[`src/pages/p${i}.tsx`] =
        `export const source = 'https://codeberg.org/acme/shop/src/branch/main/p${i}.tsx'\n`
    const api = {
      'src/contributors.ts':
        "export const list = () => fetch('https://codeberg.org/api/v1/repos/acme/shop/contributors')\n",
    }
    expect(scan({ ...api, ...links }).processors.map((p) => p.vendor)).toEqual(['codeberg.org'])
  })

  it('drafts `- domain:` entries in `init`, and the draft covers the scan', () => {
    const inv = scan(PUSH)
    const draft = generateManifest(inv, rules)
    expect(draft).toContain('  - domain: push-relay.io  # a service no rule knows; found at src/push.ts:2')
    expect(draft).toContain('# firstParty: [example.com]')
    expect(compareWithManifest(inv, parseManifest(draft, 'privacy.yml', rules), rules).undeclared).toEqual([])
  })

  it('validates domain entries and firstParty, located, with the domain to write instead', () => {
    const [url] = problemsOf('processors:\n  - domain: https://api.push-relay.io/v2\n')
    expect(url).toMatchObject({
      line: 3,
      key: 'processors[0].domain',
      message: '"https://api.push-relay.io/v2" is not a registrable domain',
    })
    expect(url!.hint).toMatch(/^write "push-relay.io"/)
    const [sub] = problemsOf('firstParty: [example.com, app.acme-shop.com]\n')
    expect(sub).toMatchObject({ key: 'firstParty[1]', hint: expect.stringMatching(/^write "acme-shop.com"/) })
    const [local] = problemsOf('firstParty: [localhost]\n')
    expect(local!.hint).toMatch(/a public domain/)
    const [both] = problemsOf('processors:\n  - domain: push-relay.io\n    vendor: stripe\n')
    expect(both!.message).toMatch(/exactly one of `vendor`, `category` or `domain`/)
    const [typo] = problemsOf('processors:\n  - domian: push-relay.io\n')
    expect(typo!.hint).toBe('did you mean "domain"?')
    const [dup] = problemsOf(
      'processors:\n  - domain: push-relay.io\nanalytics:\n  - domain: Push-Relay.io\n',
    )
    expect(dup!.message).toMatch(/duplicate entry for domain "push-relay.io"/)
    expect(problemsOf('firstPary: [acme-shop.com]\n')[0]!.hint).toBe('did you mean "firstParty"?')
  })
})
