import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()

/** Every vendor or domain the inventory reports, as `key how:confidence@line`. */
function found(files: Record<string, string>): string[] {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  const { inventory } = buildInventory(facts, rules, { minConfidence: 'medium' })
  return [...inventory.analytics, ...inventory.processors]
    .map(
      (v) => `${v.vendor} ${v.evidence.map((e) => `${e.how}:${e.confidence}@${e.path}:${e.line}`).join(' ')}`,
    )
    .sort()
}

describe('a host whose substitution opens a label', () => {
  it('reads the substitution as optional labels before a known registrable domain', () => {
    const code = [
      'export const url = (sandbox: boolean) => {',
      "  const prefix = sandbox ? 'sandbox.' : ''",
      '  return `https://api.${prefix}africastalking.com/version1/messaging`',
      '}',
      'export const tld = (name: string) => `https://${name}.com/a`',
      'export const inside = (name: string) => `https://api.${name}com/a`',
      'export const unknown = (name: string) => `https://api.${name}example-sms.com/a`',
    ].join('\n')
    expect(found({ 'src/sms.ts': code })).toEqual(['africas-talking hostname:high@src/sms.ts:3'])
  })
})

describe('a stylesheet link in a head config', () => {
  it('reads an href beside rel: stylesheet as a stylesheet the page loads, a preconnect as a link', () => {
    const code = [
      'export const head = [',
      "  { tag: 'link', attrs: { rel: 'preconnect', href: 'https://fonts.googleapis.com' } },",
      "  { tag: 'link', attrs: { href: 'https://fonts.googleapis.com/css2?family=Inter', rel: 'stylesheet' } },",
      ']',
    ].join('\n')
    expect(found({ 'src/head.ts': code })).toEqual(['google-fonts hostname:high@src/head.ts:3'])
  })
})
