import { resolve } from 'node:path'
import type { Finding } from '../model/types.js'
import { runScan } from '../core/check.js'
import { loadRules } from '../rules/load.js'
import type { RuleSet } from '../rules/ruleset.js'
import type { FieldType } from '../scan/pii/classify.js'
import { UsageError } from '../util/errors.js'
import { closest } from '../util/suggest.js'

interface ExplainFlags {
  dir: string
  field?: string
  container?: string
  type?: string
  list?: string
  rules: string[]
}

/** `privacy-drift explain`: the rule that fired, on which tokens or signal, and why near-misses were rejected. */
export async function runExplain(target: string | undefined, flags: ExplainFlags): Promise<string> {
  const rules = loadRules(flags.rules)
  if (flags.list) return listKeys(rules, flags.list)
  if (flags.field)
    return explainField(rules, flags.field, flags.container, flags.type as FieldType | undefined)
  if (!target)
    throw new UsageError(
      'explain needs a fingerprint, a rule id or a vendor id (or --field NAME, or --list WHAT)',
    )
  const piiRule = rules.piiRules.find((r) => r.id === target)
  if (piiRule) {
    const lines = [
      `${piiRule.id}  (pii-field → ${piiRule.category})`,
      piiRule.description ? `  ${piiRule.description}` : '',
      `  strong sequences: ${piiRule.sequences.map((s) => s.join(' ')).join(' | ') || '—'}`,
      `  weak sequences (need a person-like container): ${piiRule.weak_sequences.map((s) => s.join(' ')).join(' | ') || '—'}`,
      `  rejected head words: ${piiRule.exclude_heads.join(', ') || '—'}; rejected tokens: ${piiRule.exclude_tokens.join(', ') || '—'}`,
      `  types: ${piiRule.types.join(', ')}`,
      `  matches: ${piiRule.examples.positive.map(exampleName).join(', ')}`,
      `  does not match: ${piiRule.examples.negative.map(exampleName).join(', ')}`,
    ]
    return lines.filter(Boolean).join('\n') + '\n'
  }
  const vendorId = target.startsWith('vendor.')
    ? target.slice('vendor.'.length).replace(/\.cookies$/, '')
    : target
  const vendor = rules.vendors.get(vendorId)
  if (vendor) {
    const list = (label: string, xs: readonly string[]): string =>
      xs.length ? `  ${label}: ${xs.join(', ')}` : ''
    return (
      [
        `vendor.${vendor.id}  ${vendor.name}${vendor.legal_entity ? ` (${vendor.legal_entity})` : ''} — ${rules.roleOf(vendor)}: ${vendor.categories.join(', ')}`,
        list('packages', vendor.packages),
        list('build-time packages (never a processor)', vendor.build_time_packages),
        list('import paths', vendor.imports),
        list('script URLs', vendor.script_urls),
        list('hostnames', vendor.hostnames),
        list('env vars', vendor.env),
        list(
          'default cookies',
          vendor.cookies.map((c) => `${c.name} (${c.purpose})`),
        ),
        list('receives', vendor.data_categories),
        list('sources', vendor.sources),
        `  last verified: ${vendor.last_verified}`,
      ]
        .filter(Boolean)
        .join('\n') + '\n'
    )
  }
  if (/^[0-9a-f]{16}$/.test(target)) return explainFingerprint(rules, target, flags)
  const near = closest(target, [...rules.piiRules.map((r) => r.id), ...rules.vendors.keys()])
  throw new UsageError(`nothing is known as "${target}"${near ? ` — did you mean "${near}"?` : ''}`)
}

function exampleName(e: string | { name: string; container?: string }): string {
  return typeof e === 'string' ? e : e.container ? `${e.container}.${e.name}` : e.name
}

function explainField(rules: RuleSet, name: string, container?: string, type?: FieldType): string {
  const r = rules.pii.evaluate(name, { container, type })
  const lines = [
    `${name}${container ? ` in ${container}` : ''}${type ? ` (${type})` : ''}`,
    `  tokens: ${r.tokens.join(' ') || '—'}`,
  ]
  if (r.match)
    lines.push(`  → ${r.match.category} by ${r.match.rule.id} (${r.match.confidence}): ${r.match.reason}`)
  else lines.push('  → not personal data')
  for (const rej of r.rejected) lines.push(`  rejected ${rej.rule.id} (${rej.rule.category}): ${rej.reason}`)
  return lines.join('\n') + '\n'
}

async function explainFingerprint(rules: RuleSet, fingerprint: string, flags: ExplainFlags): Promise<string> {
  const outcome = await runScan({ root: resolve(flags.dir), rulesDirs: flags.rules, minConfidence: 'low' })
  const hits: Finding[] = outcome.findings.filter((f) => f.evidence.fingerprint === fingerprint)
  if (hits.length === 0)
    throw new UsageError(
      `no finding with fingerprint ${fingerprint} in ${flags.dir} (run explain from the repository root, or pass --dir)`,
    )
  const lines: string[] = []
  for (const f of hits) {
    const e = f.evidence
    lines.push(`${fingerprint}  ${f.kind} ${f.key}`)
    lines.push(`  at ${e.path}:${e.line}:${e.column}${e.symbol ? `  ${e.symbol}` : ''}`)
    if (e.excerpt) lines.push(`  code: ${e.excerpt}`)
    lines.push(`  rule: ${e.rule} (${e.how}, ${e.confidence} confidence)`)
    if (e.reason) lines.push(`  why: ${e.reason}`)
    if (f.kind === 'personalData' && e.symbol) {
      const field = e.symbol.split('.').pop()!
      const r = rules.pii.evaluate(field, {
        container: e.symbol.includes('.') ? e.symbol.slice(0, e.symbol.lastIndexOf('.')) : undefined,
      })
      lines.push(`  tokens: ${r.tokens.join(' ')}`)
      for (const rej of r.rejected) lines.push(`  also considered ${rej.rule.id}: ${rej.reason}`)
    }
    lines.push(
      `  to ignore it, add to privacy.yml:  ignore: { findings: [{ fingerprint: ${fingerprint}, reason: "…" }] }`,
    )
  }
  return lines.join('\n') + '\n'
}

function listKeys(rules: RuleSet, what: string): string {
  switch (what) {
    case 'categories':
      return (
        [...rules.categories.values()]
          .map((c) => `${c.key}  ${c.name}${c.special ? '  (special)' : ''}`)
          .join('\n') + '\n'
      )
    case 'purposes':
      return [...rules.purposes.values()].map((p) => `${p.key}  ${p.name}`).join('\n') + '\n'
    case 'vendors':
      return (
        [...rules.vendors.values()]
          .map((v) => `${v.id}  ${v.name}  (${rules.roleOf(v)}: ${v.categories.join(', ')})`)
          .sort()
          .join('\n') + '\n'
      )
    case 'vendor-categories':
      return (
        [...rules.vendorCategories.values()].map((c) => `${c.key}  ${c.name}  (${c.role})`).join('\n') + '\n'
      )
    case 'rules':
      return rules.piiRules.map((r) => `${r.id}  → ${r.category}`).join('\n') + '\n'
  }
  throw new UsageError(`--list ${what}: expected categories, purposes, vendors, vendor-categories or rules`)
}
