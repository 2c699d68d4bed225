import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { copyFixture, tempDir, writeFiles } from '../helpers/tmp.js'

const DEMO = 'fixtures/demo-shop'

describe('privacy-drift CLI', () => {
  it('check on the demo shows undeclared items with file:line evidence and exits 1', async () => {
    const r = await runCli(['check', DEMO, '--no-color'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/✗ \d+ items are not declared/)
    expect(r.stdout).toContain('posthog')
    expect(r.stdout).toMatch(/src\/lib\/analytics\.ts:\d+:\d+/)
    expect(r.stdout).toContain('Add to privacy.yml:')
    // mailchimp is declared but nothing in the code uses it.
    expect(r.stdout).toMatch(/privacy\.yml:\d+:1: declared processor mailchimp has no evidence in code/)
  })

  it('--fail-on none exits 0 even with drift', async () => {
    expect((await runCli(['check', DEMO, '--fail-on', 'none'])).code).toBe(0)
  })

  it('--format json follows the documented shape', async () => {
    const r = await runCli(['check', DEMO, '--format', 'json'])
    const report = JSON.parse(r.stdout)
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'summary', 'inventory', 'drift', 'notes'])
    expect(report.schemaVersion).toBe(1)
    expect(report.tool.name).toBe('privacy-drift')
    expect(Object.keys(report.summary)).toEqual([
      'files',
      'personalData',
      'cookies',
      'analytics',
      'processors',
      'flows',
    ])
    const posthog = report.inventory.analytics.find((a: { vendor: string }) => a.vendor === 'posthog')
    expect(
      posthog.evidence.some(
        (e: { how: string; path: string }) => e.how === 'import' && e.path === 'src/lib/analytics.ts',
      ),
    ).toBe(true)
    for (const e of posthog.evidence)
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['path', 'line', 'column', 'rule', 'confidence', 'how', 'fingerprint']),
      )
    expect(report.drift.undeclared.length).toBeGreaterThan(0)
    expect(report.drift.stale).toEqual([{ kind: 'processor', key: 'mailchimp', line: expect.any(Number) }])
  })

  it('output is deterministic: two runs give identical JSON', async () => {
    const a = await runCli(['check', DEMO, '--format', 'json'])
    const b = await runCli(['check', DEMO, '--format', 'json'])
    expect(a.stdout).toBe(b.stdout)
    expect(a.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
  })

  it('does not count test files or build-time tools as processors', async () => {
    const r = await runCli(['scan', DEMO, '--format', 'json'])
    const report = JSON.parse(r.stdout)
    const vendors = [...report.inventory.analytics, ...report.inventory.processors].map(
      (v: { vendor: string }) => v.vendor,
    )
    expect(vendors).not.toContain('mixpanel')
    expect(vendors).not.toContain('sentry')
    expect(report.inventory.unusedDependencies.map((u: { package: string }) => u.package)).toContain(
      '@sentry/nextjs',
    )
  })

  it('init writes a valid manifest, and check right after reports no drift', async () => {
    const dir = copyFixture(DEMO)
    const r = await runCli(['init', dir, '--manifest', 'privacy.yml', '--force'])
    expect(r.code).toBe(0)
    const text = readFileSync(join(dir, 'privacy.yml'), 'utf8')
    expect(text).toMatch(/^# yaml-language-server: \$schema=/)
    expect(text).toContain('- vendor: posthog')
    const check = await runCli(['check', dir, '--no-color'])
    expect(check.stdout).toContain('In sync')
    expect(check.code).toBe(0)
  })

  it('init refuses to overwrite an existing manifest', async () => {
    const dir = copyFixture(DEMO)
    const r = await runCli(['init', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('already exists')
  })

  it.each([
    [
      'a syntax error',
      'version: 1\ndata:\n  - category: user.name\n   bad: [\n',
      /privacy\.yml:\d+:\d+ YAML syntax error/,
    ],
    [
      'an unknown key',
      'version: 1\ndatta: []\n',
      /privacy\.yml:2:1 datta: unknown key "datta" — did you mean "data"\?/,
    ],
    [
      'a misspelt category',
      'version: 1\ndata:\n  - category: user.contact.emial\n',
      /privacy\.yml:3:15 data\[0\]\.category: unknown data category "user\.contact\.emial" — did you mean "user\.contact\.email"\?/,
    ],
  ])('a broken privacy.yml (%s) exits 2 with a located, helpful message', async (_name, yaml, message) => {
    const dir = tempDir()
    writeFiles(dir, { 'privacy.yml': yaml, 'src/a.ts': 'export const a = 1\n' })
    const r = await runCli(['check', dir])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('check without a manifest explains how to create one', async () => {
    const dir = tempDir()
    writeFiles(dir, { 'src/a.ts': 'export const a = 1\n' })
    const r = await runCli(['check', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('privacy-drift init')
  })

  it('writes --output atomically and leaves stdout empty', async () => {
    const out = join(tempDir(), 'report.sarif')
    const r = await runCli(['check', DEMO, '--format', 'sarif', '--output', out])
    expect(r.stdout).toBe('')
    const sarif = JSON.parse(readFileSync(out, 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results.length).toBeGreaterThan(0)
  })

  it('rejects an unknown format and a bad flag with exit 2', async () => {
    expect((await runCli(['check', DEMO, '--format', 'yaml'])).code).toBe(2)
    expect((await runCli(['check', DEMO, '--no-such-flag'])).code).toBe(2)
  })

  it('explain shows why a field is or is not personal data', async () => {
    const r = await runCli(['explain', '--field', 'emailVerified', '--type', 'boolean'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('tokens: email verified')
    expect(r.stdout).toContain('not personal data')
  })

  it('explain <fingerprint> names the rule and the evidence', async () => {
    const scan = JSON.parse((await runCli(['scan', DEMO, '--format', 'json'])).stdout)
    const fp = scan.inventory.analytics[0].evidence[0].fingerprint
    const r = await runCli(['explain', fp, '--dir', DEMO])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`rule: vendor.${scan.inventory.analytics[0].vendor}`)
  })

  it('explain says why code outside the product is low confidence, and privacy.yml scope brings it back', async () => {
    const dir = copyFixture('fixtures/detectors/product-roles')
    const low = JSON.parse(
      (await runCli(['scan', dir, '--format', 'json', '--min-confidence', 'low'])).stdout,
    )
    const anthropic = low.inventory.processors.find((p: { vendor: string }) => p.vendor === 'anthropic')
    const fp = anthropic.evidence.find(
      (e: { path: string }) => e.path === 'tools/bench/src/run.ts',
    ).fingerprint
    const r = await runCli(['explain', fp, '--dir', dir])
    expect(r.stdout).toContain('in tools/, developer tooling run by the team, not the deployed product')
    expect(r.stdout).toContain('scope: { product: ["tools/**"] }')
    const vendors = async () => {
      const report = JSON.parse(
        (await runCli(['check', dir, '--format', 'json', '--fail-on', 'none'])).stdout,
      )
      return report.inventory.processors.map((p: { vendor: string }) => p.vendor)
    }
    writeFileSync(join(dir, 'privacy.yml'), 'version: 1\n')
    expect(await vendors()).not.toContain('anthropic')
    writeFileSync(join(dir, 'privacy.yml'), 'version: 1\nscope:\n  product: ["tools/bench/**"]\n')
    expect(await vendors()).toContain('anthropic')
  })

  it('ignores findings listed in privacy.yml by fingerprint', async () => {
    const dir = copyFixture(DEMO)
    const scan = JSON.parse((await runCli(['scan', dir, '--format', 'json'])).stdout)
    const dob = scan.inventory.personalData.find(
      (p: { category: string }) => p.category === 'user.demographic.date_of_birth',
    )
    const yaml = readFileSync(join(dir, 'privacy.yml'), 'utf8')
    const ignores = dob.evidence
      .map(
        (e: { fingerprint: string }) =>
          `    - fingerprint: "${e.fingerprint}"\n      reason: collected only for a birthday discount, documented elsewhere`,
      )
      .join('\n')
    writeFileSync(join(dir, 'privacy.yml'), `${yaml}ignore:\n  findings:\n${ignores}\n`)
    const after = JSON.parse((await runCli(['check', dir, '--format', 'json'])).stdout)
    expect(after.inventory.personalData.map((p: { category: string }) => p.category)).not.toContain(
      'user.demographic.date_of_birth',
    )
  })
})

describe('--output to a device', () => {
  it('writes /dev/null in place instead of replacing it', async () => {
    const r = await runCli(['scan', DEMO, '--format', 'json', '--output', '/dev/null'])
    expect(r.code).toBe(0)
    const { statSync } = await import('node:fs')
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
  })
})
