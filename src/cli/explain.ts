import { join, resolve } from 'node:path'
import type { Finding } from '../model/types.js'
import { runScan } from '../core/check.js'
import { loadRules } from '../rules/load.js'
import type { RuleSet } from '../rules/ruleset.js'
import { BUILTIN_RULES } from '../scan/detectors/signals.js'
import { discoverFiles } from '../scan/files.js'
import type { ContainerKind, FieldContext, FieldType } from '../scan/pii/classify.js'
import { DEFAULT_LIMITS, scanFile } from '../scan/scan-file.js'
import { parseFlowKey } from '../scan/file-scan.js'
import { outsideAreas } from '../scan/roles.js'
import { UsageError } from '../util/errors.js'
import { readRegularFile } from '../util/safe-read.js'
import { closest } from '../util/suggest.js'
import { ownValue } from '../util/own.js'

/** The flags of `privacy-drift explain`. */
export interface ExplainFlags {
  dir: string
  field?: string
  container?: string
  kind?: string
  type?: string
  siblings?: string
  list?: string
  rules: string[]
}

/** `privacy-drift explain`: the rule that fired, on which tokens or signal, and why near-misses were rejected. */
export async function runExplain(target: string | undefined, flags: ExplainFlags): Promise<string> {
  const rules = loadRules(flags.rules)
  if (flags.list) return listKeys(rules, flags.list)
  if (flags.field) return explainField(rules, flags)
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
  const location = /^(.+):(\d+)$/.exec(target)
  if (location) return explainLine(rules, flags.dir, location[1]!, Number(location[2]))
  const builtin = builtinRule(target)
  if (builtin) return builtin
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
  const near = closest(target, [
    ...rules.piiRules.map((r) => r.id),
    ...rules.vendors.keys(),
    ...Object.keys(BUILTIN_RULES),
  ])
  throw new UsageError(`nothing is known as "${target}"${near ? ` — did you mean "${near}"?` : ''}`)
}

function exampleName(e: string | { name: string; container?: string }): string {
  return typeof e === 'string' ? e : e.container ? `${e.container}.${e.name}` : e.name
}

/**
 * `explain --field NAME [--container OBJ]`: with a container, the fields of that name the scan of `--dir` meets in
 * that container are explained with exactly the context the detectors gave them (kind, type, siblings), so that the
 * explanation and the scan cannot disagree; otherwise, or when the scan never meets it, the context of the flags.
 */
function explainField(rules: RuleSet, flags: ExplainFlags): string {
  const name = flags.field!
  const given: FieldContext = {
    container: flags.container,
    kind: flags.kind as ContainerKind | undefined,
    type: flags.type as FieldType | undefined,
    siblings: flags.siblings
      ? flags.siblings
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
  }
  const met = flags.container ? fieldsInScan(rules, flags.dir, name, flags.container, given.kind) : []
  if (met.length === 0) {
    const lines = describeField(rules, name, given)
    if (flags.container)
      lines.push(
        `  (the scan of ${flags.dir} meets no field ${name} in ${flags.container}: classified with the context given)`,
      )
    return lines.join('\n') + '\n'
  }
  const out: string[] = []
  for (const m of met) {
    out.push(...describeField(rules, name, m.ctx))
    out.push(`  as the scan sees it at ${m.paths.slice(0, 3).join(', ')}${m.paths.length > 3 ? ', …' : ''}`)
  }
  return out.join('\n') + '\n'
}

/** The verdict on a field in a context: tokens, the match or "not personal data", and every near-miss. */
function describeField(rules: RuleSet, name: string, ctx: FieldContext): string[] {
  const r = rules.pii.evaluate(name, ctx)
  const about = [
    ctx.container && `in ${ctx.container}`,
    ctx.kind && `(${ctx.kind})`,
    ctx.type && ctx.type !== 'unknown' && `type ${ctx.type}`,
    ctx.module && `of module ${ctx.module}`,
  ].filter(Boolean)
  const lines = [
    `${name}${about.length ? ` ${about.join(' ')}` : ''}`,
    `  tokens: ${r.tokens.join(' ') || '—'}`,
  ]
  const siblings = ctx.siblings ?? []
  if (siblings.length > 0)
    lines.push(`  siblings: ${siblings.slice(0, 12).join(', ')}${siblings.length > 12 ? ', …' : ''}`)
  if (r.match)
    lines.push(`  → ${r.match.category} by ${r.match.rule.id} (${r.match.confidence}): ${r.match.reason}`)
  else lines.push('  → not personal data')
  if (r.match?.record)
    lines.push(`  → ${r.match.record.category} by ${r.match.record.rule.id}: ${r.match.record.reason}`)
  for (const rej of r.rejected)
    lines.push(`  rejected ${rej.rule.id} (${rej.rule.category}) [${rej.decision}]: ${rej.reason}`)
  return lines
}

/** The distinct contexts in which the detectors classify `name` in `container` across the repository. */
function fieldsInScan(
  rules: RuleSet,
  dir: string,
  name: string,
  container: string,
  kind: ContainerKind | undefined,
): { ctx: FieldContext; paths: string[] }[] {
  const root = resolve(dir)
  const byContext = new Map<string, { ctx: FieldContext; paths: string[] }>()
  for (const path of discoverFiles(root, { ruleExcludes: rules.repositoryRoles.excludes }).files) {
    let content: Buffer
    try {
      content = readRegularFile(join(root, path), { maxBytes: DEFAULT_LIMITS.maxBytes, noFollow: true })
    } catch {
      continue
    }
    scanFile(path, content, rules, undefined, (field, ctx, symbol) => {
      if (field !== name || (ctx.container !== container && symbol !== `${container}.${name}`)) return
      if (kind && ctx.kind !== kind) return
      const key = JSON.stringify([ctx.container, ctx.kind, ctx.type, ctx.siblings])
      const hit = byContext.get(key) ?? { ctx, paths: [] }
      if (!hit.paths.includes(path)) hit.paths.push(path)
      byContext.set(key, hit)
    })
  }
  return [...byContext.values()]
}

async function explainFingerprint(rules: RuleSet, fingerprint: string, flags: ExplainFlags): Promise<string> {
  const outcome = await runScan({ root: resolve(flags.dir), rulesDirs: flags.rules, minConfidence: 'low' })
  const hits: Finding[] = outcome.findings.filter((f) => f.evidence.fingerprint === fingerprint)
  if (hits.length === 0)
    throw new UsageError(
      `no finding with fingerprint ${fingerprint} in ${flags.dir} (run explain from the repository root, or pass --dir)`,
    )
  const areaOf = outsideAreas(outcome.facts, rules.repositoryRoles)
  const lines: string[] = []
  for (const f of hits) {
    const e = f.evidence
    lines.push(`${fingerprint}  ${f.kind} ${f.key}`)
    lines.push(`  at ${e.path}:${e.line}:${e.column}${e.symbol ? `  ${e.symbol}` : ''}`)
    if (e.excerpt) lines.push(`  code: ${e.excerpt}`)
    lines.push(`  rule: ${e.rule} (${e.how}, ${e.confidence} confidence)`)
    if (e.reason) lines.push(`  why: ${e.reason}`)
    if (f.kind === 'personalData' && e.rule.startsWith('pii.')) lines.push(...traceField(rules, flags.dir, f))
    else if (f.kind === 'flow') lines.push(...flowPath(f))
    else {
      const signal = builtinRule(e.rule)
      if (signal) lines.push(`  ${signal.split('\n')[1]!.trim()}`)
    }
    const outside = areaOf(e.path)
    if (e.confidence === 'low' && outside?.folder)
      lines.push(
        `  to count ${outside.folder} as the product's own code, add to privacy.yml:  scope: { product: ["${outside.folder}**"] }`,
      )
    lines.push(
      `  to ignore it, add to privacy.yml:  ignore: { findings: [{ fingerprint: ${fingerprint}, reason: "…" }] }`,
    )
  }
  return lines.join('\n') + '\n'
}

/** The path of a flow from the value to the sink: each step as `path:line: code`, the value first. */
function flowPath(f: Finding): string[] {
  const { vendor, category } = parseFlowKey(f.key)
  const steps = f.evidence.trace ?? []
  const out = [`  flow: ${category} reaches ${vendor === 'logs' ? 'the logs' : vendor}, by this path:`]
  steps.forEach((s, i) => out.push(`    ${i === 0 ? '  ' : '→ '}${s}`))
  out.push(
    `  sink: ${f.evidence.rule} (the sink calls are listed in rules/${f.evidence.rule.startsWith('sinks.') ? `sinks/${f.evidence.rule.slice(6)}.yaml` : `vendors/${vendor}.yaml`})`,
  )
  return out
}

/** `explain src/types/user.ts:12`: every field the detectors classified on that line, found or not, and why. */
function explainLine(rules: RuleSet, dir: string, path: string, line: number): string {
  let content: Buffer
  try {
    content = readRegularFile(join(resolve(dir), path), { maxBytes: DEFAULT_LIMITS.maxBytes })
  } catch (e) {
    throw new UsageError(
      `cannot explain ${path} under ${dir}: it ${(e as Error).message} (pass --dir for another repository)`,
    )
  }
  const rel = path.split('\\').join('/')
  const seen: { name: string; ctx: FieldContext; symbol: string }[] = []
  const facts = scanFile(rel, content, rules, undefined, (name, ctx, symbol) =>
    seen.push({ name, ctx, symbol }),
  )
  const onLine = facts.findings.filter((f) => f.evidence.line === line)
  const text = content.toString('utf8').split(/\r?\n/)[line - 1]?.trim() ?? ''
  const out = [`${rel}:${line}  ${text}`]
  for (const f of onLine)
    out.push(
      `  found ${f.kind} ${f.key} by ${f.evidence.rule}${f.evidence.reason ? `: ${f.evidence.reason}` : ''}`,
    )
  // The trace has no positions: match the fields whose name appears on the line.
  for (const s of seen) {
    if (!text.includes(s.name)) continue
    const r = rules.pii.evaluate(s.name, s.ctx)
    out.push(
      `  field ${s.symbol}${s.ctx.kind ? ` (${s.ctx.kind})` : ''}: tokens "${r.tokens.join(' ')}"${s.ctx.type && s.ctx.type !== 'unknown' ? `, type ${s.ctx.type}` : ''}`,
    )
    out.push(
      r.match
        ? `    → ${r.match.category} by ${r.match.rule.id}: ${r.match.reason}`
        : '    → not personal data',
    )
    for (const rej of r.rejected) out.push(`    near miss ${rej.rule.id} [${rej.decision}]: ${rej.reason}`)
  }
  if (out.length === 1)
    out.push(
      '  nothing on this line is a field, form input, request read, cookie or vendor reference the detectors look at',
    )
  return out.join('\n') + '\n'
}

/** The built-in detectors' rule ids (`signal.request.ip`, `cookie-api.express`, `signal.decorator.IsEmail`). */
function builtinRule(target: string): string | undefined {
  const text = ownValue(BUILTIN_RULES, target)
  if (text) return `${target}  (built-in detector)\n  fires on: ${text}\n`
  const decorator = /^signal\.decorator\.(\w+)$/.exec(target)
  if (decorator)
    return `${target}  (built-in detector)\n  fires on: the class-validator decorator @${decorator[1]}() on a property\n`
  const api = /^cookie-api\.(.+)$/.exec(target)
  if (api)
    return `${target}  (built-in detector)\n  fires on: a cookie set through ${api[1]}; the name is the literal, constant or option passed to it\n`
  return undefined
}

/**
 * Re-scans the finding's file with a trace to show exactly what the classifier saw for the symbol — the container,
 * siblings and type — which rule matched on which tokens, and the near-misses it rejected.
 */
function traceField(rules: RuleSet, dir: string, f: Finding): string[] {
  const e = f.evidence
  let content: Buffer
  try {
    content = readRegularFile(join(resolve(dir), e.path), { maxBytes: DEFAULT_LIMITS.maxBytes })
  } catch {
    return []
  }
  let hit: { name: string; ctx: FieldContext } | undefined
  scanFile(e.path, content, rules, undefined, (name, ctx, symbol) => {
    if (symbol === e.symbol && !hit) hit = { name, ctx }
  })
  if (!hit) return []
  const r = rules.pii.evaluate(hit.name, hit.ctx)
  const type = hit.ctx.type && hit.ctx.type !== 'unknown' ? ` (type ${hit.ctx.type})` : ''
  const kind = hit.ctx.kind ? ` [${hit.ctx.kind}]` : ''
  const lines = [
    `  field: ${hit.name}${hit.ctx.container ? ` in ${hit.ctx.container}` : ''}${kind}${type}`,
    `  tokens: ${r.tokens.join(' ')}`,
  ]
  if (r.match)
    lines.push(
      `  matched ${r.match.rule.id} → ${r.match.category} (${r.match.confidence}): ${r.match.reason}`,
    )
  if (r.match?.record)
    lines.push(`  records ${r.match.record.rule.id} → ${r.match.record.category}: ${r.match.record.reason}`)
  const siblings = hit.ctx.siblings ?? []
  if (siblings.length > 0)
    lines.push(`  siblings: ${siblings.slice(0, 12).join(', ')}${siblings.length > 12 ? ', …' : ''}`)
  for (const rej of r.rejected)
    lines.push(`  near miss ${rej.rule.id} (${rej.rule.category}) [${rej.decision}]: ${rej.reason}`)
  return lines
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
