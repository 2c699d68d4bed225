import type { Evidence, Inventory } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { sentByVendor, vendorDataLine, yamlScalar } from '../compare/suggest.js'
import { escapeControl } from '../util/text.js'

export const SCHEMA_URL =
  'https://raw.githubusercontent.com/privacy-drift/privacy-drift/main/schema/privacy.schema.json'

/** A commented privacy.yml declaring everything the scan found, so `check` right after reports no drift. */
export function generateManifest(inventory: Inventory, rules: RuleSet): string {
  const sent = sentByVendor(inventory.flows)
  const out: string[] = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '#',
    '# privacy.yml — what this product declares about personal data, cookies, analytics and processors.',
    '# Drafted by `privacy-drift init` from a scan of the code. Review every entry: fill in purposes and',
    '# retention as your privacy policy states them, and delete what the policy should not claim.',
    '# Reference: https://github.com/privacy-drift/privacy-drift#manifest-reference',
    'version: 1',
    '',
    'policy:',
    '  # url: https://example.com/privacy        # where the published policy lives',
    '  # file: docs/privacy-policy.md           # the policy text in this repo, for `privacy-drift policy lint`',
    '',
    '# Your own domains: calls to them are never reported as third parties.',
    '# firstParty: [example.com]',
    '',
  ]
  out.push(
    '# Categories of personal data the code handles (a parent key such as user.contact covers its children).',
  )
  if (inventory.personalData.length === 0) out.push('data: []')
  else {
    out.push('data:')
    for (const p of inventory.personalData) {
      out.push(
        `  - category: ${p.category}  # ${p.name}${p.special ? ' — special category (GDPR Art. 9/10)' : ''}; ${where(p.evidence)}`,
      )
      out.push(
        '    purposes: []  # TODO: e.g. essential.service.authentication (see `privacy-drift explain --list purposes`)',
      )
    }
  }
  out.push('', '# Cookies set by the code or by the SDKs it uses.')
  if (inventory.cookies.length === 0) out.push('cookies: []')
  else {
    out.push('cookies:')
    for (const c of inventory.cookies) {
      const origin =
        c.source === 'sdk-default'
          ? `set by the ${rules.vendors.get(c.vendor ?? '')?.name ?? c.vendor} SDK`
          : where(c.evidence)
      out.push(`  - name: ${yamlScalar(c.name)}  # ${origin}`)
      out.push(
        c.purpose
          ? `    purpose: ${c.purpose}`
          : '    purpose: functional  # TODO: confirm (strictly-necessary, functional, preferences, analytics, marketing, security)',
      )
      if (c.vendor) out.push(`    vendor: ${c.vendor}`)
    }
  }
  for (const [section, items, comment] of [
    ['analytics', inventory.analytics, 'Analytics, advertising and session-replay vendors.'],
    [
      'processors',
      inventory.processors,
      'Processors: third parties that receive personal data (by vendor, or by `category:` of recipient).',
    ],
  ] as const) {
    out.push('', `# ${comment}`)
    if (items.length === 0) {
      out.push(`${section}: []`)
      continue
    }
    out.push(`${section}:`)
    for (const v of items) {
      if (v.domain) {
        out.push(`  - domain: ${yamlScalar(v.vendor)}  # a service no rule knows; ${where(v.evidence)}`)
        out.push('    # name: …     TODO: the company behind it, as the policy names it')
        out.push('    # purpose: …  TODO: what it does for the product')
        continue
      }
      const rule = rules.vendors.get(v.vendor)
      out.push(`  - vendor: ${v.vendor}  # ${v.name}; ${where(v.evidence)}`)
      if (rule?.purpose) out.push(`    purpose: ${yamlScalar(rule.purpose)}`)
      const data = vendorDataLine(v.name, sent.get(v.vendor) ?? [], rule)
      if (data) out.push(data)
    }
  }
  const logged = inventory.flows.filter((f) => f.vendor === 'logs')
  out.push(
    '',
    '# Personal data the app writes to its own logs (console, pino, winston …); any other is reported.',
  )
  out.push(
    logged.length > 0
      ? `logs:\n  data: [${logged.map((f) => f.category).join(', ')}]  # TODO: keep only what the logs should hold; ${where(logged.flatMap((f) => f.evidence))}`
      : 'logs:\n  data: []',
  )
  out.push('')
  // File paths and cookie names from the scanned code: control characters as escapes, so the draft printed by
  // `init --stdout` (or read later with cat) cannot drive a terminal; YAML reads `\x9b` in quotes as the same value.
  return escapeControl(out.join('\n'), true)
}

function where(evidence: Evidence[]): string {
  const first = evidence[0]
  if (!first) return 'found in code'
  const more = evidence.length > 1 ? ` (+${evidence.length - 1} more)` : ''
  // Paths come from the scanned repository: keep them on one comment line.
  return `found at ${first.path.replace(/[\r\n\u2028\u2029]/g, ' ')}:${first.line}${more}`
}
