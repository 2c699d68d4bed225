import { describe, expect, it } from 'vitest'
import { runScan } from '../../src/core/check.js'
import { loadRules } from '../../src/rules/load.js'
import { runCli } from '../helpers/cli.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const VENDOR = `kind: vendor
id: acme-insights
name: Acme Insights
categories: [analytics]
packages: ["@acme/insights-sdk"]
hostnames: [collect.acme-insights.example]
examples:
  positive: ["import { track } from '@acme/insights-sdk'"]
  negative: ["import { track } from '@acme/other'"]
sources: [https://docs.acme-insights.example]
last_verified: 2026-11-01
`

describe('user rule folders (--rules)', () => {
  it('adds a vendor the built-in rules do not know', async () => {
    const rulesDir = tempDir()
    writeFiles(rulesDir, { 'vendors/acme.yaml': VENDOR })
    const repo = tempDir()
    writeFiles(repo, { 'src/a.ts': "import { track } from '@acme/insights-sdk'\nfetch('https://collect.acme-insights.example/e')\n" })
    const { inventory } = await runScan({ root: repo, rulesDirs: [rulesDir] })
    expect(inventory.analytics.map((a) => [a.vendor, a.evidence.map((e) => e.how)])).toEqual([['acme-insights', ['import', 'outbound']]])
  })

  it('a broken rule file exits 2 with a located message, and no report is written', async () => {
    const rulesDir = tempDir()
    writeFiles(rulesDir, { 'vendors/acme.yaml': VENDOR.replace('categories: [analytics]', 'categories: [analytcs]').replace('name: Acme Insights', 'name: Acme Insights\ncolour: blue') })
    const repo = tempDir()
    writeFiles(repo, { 'src/a.ts': 'export const a = 1\n' })
    const r = await runCli(['scan', repo, '--rules', rulesDir, '--format', 'json'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/acme\.yaml:\d+:\d+ .*unknown key "colour"/)
  })

  it('a rule that claims a built-in package is refused', async () => {
    const rulesDir = tempDir()
    writeFiles(rulesDir, { 'vendors/acme.yaml': VENDOR.replace('"@acme/insights-sdk"', 'posthog-js') })
    const r = await runCli(['scan', tempDir(), '--rules', rulesDir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/package "posthog-js" is claimed by both "posthog" and "acme-insights"/)
  })

  it('a user identity provider is looked up by its sign-in id and class; claiming a built-in id is refused', async () => {
    const signIn = '\nsign_in:\n  ids: [acme-id, acme.example]\n  classes: [AcmeId]\n'
    const rulesDir = tempDir()
    writeFiles(rulesDir, { 'vendors/acme.yaml': VENDOR.replace('categories: [analytics]', 'categories: [identity-provider]') + signIn })
    const rules = loadRules([rulesDir])
    expect(rules.signInProvider('acme.example')?.id).toBe('acme-insights')
    expect(rules.signInClass('AcmeId')?.id).toBe('acme-insights')
    expect(rules.signInProvider('AcmeId')).toBeUndefined()
    expect(rules.signInProvider('github')?.id).toBe('github-oauth')

    const clashing = tempDir()
    writeFiles(clashing, { 'vendors/acme.yaml': VENDOR + signIn.replace('acme-id', 'github') })
    const r = await runCli(['scan', tempDir(), '--rules', clashing])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/sign-in id "github" is claimed by both "github-oauth" and "acme-insights"/)
  })

  it('a missing rules folder is a usage error', async () => {
    const r = await runCli(['scan', tempDir(), '--rules', '/nonexistent/rules'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/rules folder does not exist/)
  })
})
