import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runExplain } from '../../src/cli/explain.js'
import { discoverFiles } from '../../src/scan/files.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { categoriesOf, personalSymbols, rules, scanFixture } from './fixture.js'

const DIR = join(import.meta.dirname, '../../fixtures/detectors/container-kinds')

describe('personal data by container kind, not container name', () => {
  it('keeps strong terms in persisted models and inputs whatever the container is called, at medium confidence when the name doubts them', async () => {
    const { findings } = await scanFixture('container-kinds', 'low')
    expect(categoriesOf(findings, 'EmailAccountConnection.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'DocumentEvent.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'DocumentEvent.ipAddress')).toEqual(['user.device.ip_address'])
    expect(categoriesOf(findings, 'IpValidation.ipAddress')).toEqual(['user.device.ip_address'])
    expect(categoriesOf(findings, 'contact_requests.message_body')).toEqual(['user.content.private'])
    const doubted = findings.find((f) => f.evidence.symbol === 'DocumentEvent.email')!.evidence
    expect(doubted.confidence).toBe('medium')
    expect(doubted.reason).toMatch(/a strong term in a model is kept/)
    // a weak term in a container that is not a person stays out
    expect(personalSymbols(findings).has('IpValidation.name')).toBe(false)
  })

  it('lets a container name veto data in shapes that only describe it (types, config)', async () => {
    const { findings } = await scanFixture('container-kinds', 'low')
    const symbols = personalSymbols(findings)
    for (const s of ['ServerConfig.email', 'ServerConfig.ip', 'ValidationErrors.email'])
      expect(symbols.has(s), s).toBe(false)
  })

  it('reads form actions and request payloads with the handler as container, not the file name', async () => {
    const { findings } = await scanFixture('container-kinds', 'low')
    expect(categoriesOf(findings, "formData.get('email')")).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, "formData.get('newPassword')")).toEqual(['user.authorization.password'])
    // the fields one action reads are siblings: `message` beside `email` is what the person wrote
    expect(categoriesOf(findings, "formData.get('message')")).toEqual(['user.content.private'])
    expect(categoriesOf(findings, 'req.json().email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'req.json().name')).toEqual(['user.name'])
    expect(categoriesOf(findings, "url.searchParams.get('phone')")).toEqual(['user.contact.phone_number'])
  })

  it('treats Prisma relations as links: only record collections (a user’s orders) count', async () => {
    const { findings } = await scanFixture('container-kinds', 'low')
    expect(categoriesOf(findings, 'User.orders')).toEqual(['user.behavior.purchase_history'])
    expect(categoriesOf(findings, 'User.gender')).toEqual(['user.demographic.gender'])
    const symbols = personalSymbols(findings)
    for (const s of ['User.profile', 'Order.author', 'EmailAccountConnection.user'])
      expect(symbols.has(s), s).toBe(false)
  })

  it('does not take a service’s secret, a UI slot or a component’s state for personal data', async () => {
    const { findings } = await scanFixture('container-kinds', 'low')
    const symbols = personalSymbols(findings)
    for (const s of [
      'webConferencingSchema.password',
      'bankAccountSchema.fingerprint',
      'AccountLayoutProps.login',
      'Home.state',
    ])
      expect(symbols.has(s), s).toBe(false)
    expect(categoriesOf(findings, 'signInSchema.password')).toEqual(['user.authorization.password'])
  })
})

describe('explain --field --container agrees with the scan', () => {
  it('gives every field the detectors classify the scan’s verdict', async () => {
    const { findings } = await scanFixture('container-kinds', 'low')
    const traced: { name: string; symbol: string }[] = []
    for (const path of discoverFiles(DIR).files)
      scanFile(path, readFileSync(join(DIR, path)), rules, undefined, (name, _ctx, symbol) =>
        traced.push({ name, symbol }),
      )
    expect(traced.length).toBeGreaterThan(30)
    for (const { name, symbol } of traced) {
      const container = symbol.slice(0, symbol.length - name.length - 1)
      if (!symbol.endsWith(`.${name}`) || !container) continue
      const out = await runExplain(undefined, { dir: DIR, field: name, container, rules: [] })
      // Signals (validators, input types) are not the classifier's: compare what the pii rules found.
      const found = categoriesOf(
        findings.filter((f) => f.evidence.rule.startsWith('pii.')),
        symbol,
      )
      if (found.length === 0) expect(out, symbol).toContain('→ not personal data')
      else for (const category of found) expect(out, symbol).toContain(`→ ${category} by`)
      expect(out, symbol).toContain('as the scan sees it')
    }
  })
})
