import { createColors } from 'picocolors'
import type { Drift, Evidence, Inventory, ItemKind, UndeclaredItem } from '../model/types.js'
import { groupPolicySentences } from '../compare/suggest.js'
import { escapeControl, escapeControlDeep } from '../util/text.js'
import { KIND_LABEL, KIND_ORDER, plural } from './labels.js'
import { TOOL } from './version.js'

export interface TextOptions {
  color: boolean
  /** Evidence lines shown per item before "+N more". */
  maxEvidence?: number
  /** Show notes (skipped files) in full. */
  verbose?: boolean
  manifestFile?: string
}

/**
 * The terminal report: the inventory, and the drift when a manifest was compared. Every string in it came from
 * the scanned code or privacy.yml, so control characters are made visible first (no escape sequence reaches the
 * terminal, whether it is a TTY or a pipe to one).
 */
export function renderText(
  rawInventory: Inventory,
  rawDrift: Drift | undefined,
  rawOptions: TextOptions,
): string {
  const inventory = escapeControlDeep(rawInventory)
  // Suggestions are YAML blocks: their line breaks are the report's own.
  const drift = escapeControlDeep(rawDrift, new Set(['suggestion']))
  const manifestFile = rawOptions.manifestFile && escapeControl(rawOptions.manifestFile)
  const options = { ...rawOptions, manifestFile }
  const c = createColors(options.color)
  const max = options.maxEvidence ?? 3
  const out: string[] = []
  const header = [`${TOOL.name} ${TOOL.version}`, plural(inventory.files, 'file')]
  if (options.manifestFile) header.push(options.manifestFile)
  out.push(c.dim(header.join(' · ')), '')
  // With a problem, a line reads `path:line:col: problem  symbol  (rule)`: the form editors and CI logs match.
  const evidenceLines = (list: Evidence[], indent: string, problem?: string): void => {
    for (const e of list.slice(0, max)) {
      const where = `${e.path}:${e.line}:${e.column}`
      const what = e.symbol ? `  ${e.symbol}` : ''
      out.push(
        `${indent}${c.cyan(where)}${problem ? `: ${problem}` : ''}${what}  ${c.dim(`(${e.rule}${e.confidence !== 'high' ? `, ${e.confidence}` : ''})`)}`,
      )
    }
    if (list.length > max) out.push(`${indent}${c.dim(`+${list.length - max} more`)}`)
  }

  if (!drift) {
    const total =
      inventory.personalData.length +
      inventory.cookies.length +
      inventory.analytics.length +
      inventory.processors.length +
      inventory.flows.length
    out.push(c.bold(`Inventory: ${plural(total, 'item')}`))
    const sections: [ItemKind, { title: string; sub?: string; evidence: Evidence[] }[]][] = [
      [
        'personalData',
        inventory.personalData.map((p) => ({
          title: p.category,
          sub: p.name + (p.special ? ' · special category' : ''),
          evidence: p.evidence,
        })),
      ],
      [
        'cookie',
        inventory.cookies.map((x) => ({
          title: x.name,
          sub: cookieSub(x.purpose, x.vendor, x.source),
          evidence: x.evidence,
        })),
      ],
      ['analytics', inventory.analytics.map((a) => ({ title: a.vendor, sub: a.name, evidence: a.evidence }))],
      [
        'processor',
        inventory.processors.map((p) => ({
          title: p.vendor,
          sub: `${p.name} · ${p.categories.join(', ')}`,
          evidence: p.evidence,
        })),
      ],
      ['flow', inventory.flows.map((f) => ({ title: `${f.vendor} → ${f.category}`, evidence: f.evidence }))],
    ]
    for (const [kind, items] of sections) {
      out.push('', `  ${c.bold(KIND_LABEL[kind].many)} ${c.dim(`(${items.length})`)}`)
      if (items.length === 0) out.push(`    ${c.dim('none found')}`)
      for (const item of items) {
        out.push(`    ${item.title}${item.sub ? c.dim(`  ${item.sub}`) : ''}`)
        evidenceLines(item.evidence, '      ')
      }
    }
    unusedAndNotes(out, inventory, c, options.verbose ?? false)
    return out.join('\n') + '\n'
  }

  if (drift.undeclared.length === 0) {
    out.push(
      c.green(`✓ In sync: every item found in code is declared in ${options.manifestFile ?? 'privacy.yml'}.`),
    )
  } else {
    out.push(
      c.red(
        c.bold(
          `✗ ${plural(drift.undeclared.length, 'item is', 'items are')} not declared in ${options.manifestFile ?? 'privacy.yml'}`,
        ),
      ),
    )
    const fresh = new Set(drift.new.map((n) => `${n.kind}:${n.key}`))
    for (const kind of KIND_ORDER) {
      const items = drift.undeclared.filter((u) => u.kind === kind)
      if (items.length === 0) continue
      out.push('', `  ${c.bold(KIND_LABEL[kind].many)}`)
      for (const u of items) {
        const isNew = fresh.has(`${u.kind}:${u.key}`)
        out.push(
          `    ${c.yellow(u.key)}${u.name !== u.key ? c.dim(`  ${u.name}`) : ''}${detail(u)}${isNew ? ' ' + c.magenta('new') : ''}`,
        )
        evidenceLines(
          u.evidence,
          '      ',
          `${isNew ? 'new ' : ''}undeclared ${KIND_LABEL[kind].one} ${u.key}`,
        )
      }
    }
    out.push('', c.bold('  Add to privacy.yml:'))
    for (const block of mergeSuggestions(drift.undeclared))
      out.push(...block.split('\n').map((l) => `    ${l}`))
    out.push('', c.bold('  Add to the policy text:'))
    for (const sentence of groupPolicySentences(drift.undeclared)) out.push(`    - ${sentence}`)
  }
  if (drift.stale.length > 0) {
    out.push(
      '',
      c.yellow(
        `! ${plural(drift.stale.length, 'declaration has', 'declarations have')} no evidence in code (still true?)`,
      ),
    )
    for (const s of drift.stale)
      out.push(
        `    ${c.cyan(`${options.manifestFile ?? 'privacy.yml'}:${s.line}:1`)}: declared ${KIND_LABEL[s.kind].one} ${s.key} has no evidence in code`,
      )
  }
  const observed = observedDataLines(drift, options.manifestFile ?? 'privacy.yml')
  if (observed.length > 0) {
    out.push('', c.bold('  Data sent to vendors whose entry lists no data:'))
    for (const line of observed) out.push(`    ${c.dim(line)}`)
  }
  if (drift.covered.length > 0)
    out.push('', c.green(`✓ ${plural(drift.covered.length, 'item')} declared and found`))
  unusedAndNotes(out, inventory, c, options.verbose ?? false)
  return out.join('\n') + '\n'
}

function detail(u: UndeclaredItem): string {
  if (u.kind === 'cookie') return u.categories.length ? `  (${u.categories[0]})` : '  (purpose unknown)'
  if (u.kind === 'analytics' || u.kind === 'processor') return `  (${u.categories.join(', ')})`
  return ''
}

/** Entries without `data:` and what the code sends their vendors: the list `check` suggests adding. */
export function observedDataLines(drift: Drift, manifest: string): string[] {
  return (drift.observedData ?? []).map(
    (o) =>
      `${manifest}:${o.line}  ${o.section}[${o.key}] lists no data: — the code sends ${o.data.join(', ')} (add \`data: [${o.data.join(', ')}]\` to have flows checked)`,
  )
}

function cookieSub(purpose: string | null, vendor: string | null, source: string): string {
  const parts = [purpose ?? 'purpose unknown']
  if (vendor) parts.push(vendor)
  if (source === 'sdk-default') parts.push('SDK default')
  return parts.join(' · ')
}

/** One YAML block per section, entries in drift order: ready to paste. */
export function mergeSuggestions(items: readonly UndeclaredItem[]): string[] {
  const sections = new Map<string, string[]>()
  const seen = new Set<string>()
  for (const u of items) {
    // Flows of one entry share one suggestion (the entry's whole new list): show it once.
    if (seen.has(u.suggestion)) continue
    seen.add(u.suggestion)
    const [head, ...rest] = u.suggestion.split('\n')
    const list = sections.get(head!) ?? []
    list.push(...rest)
    sections.set(head!, list)
  }
  return [...sections].map(([head, lines]) => [head, ...lines].join('\n'))
}

function unusedAndNotes(
  out: string[],
  inventory: Inventory,
  c: ReturnType<typeof createColors>,
  verbose: boolean,
): void {
  if (inventory.unusedDependencies.length > 0) {
    out.push(
      '',
      c.dim(
        `Declared but never used in code (${inventory.unusedDependencies.length}): not counted as processors`,
      ),
    )
    for (const u of inventory.unusedDependencies)
      out.push(c.dim(`    ${u.package} → ${u.name}  ${u.path}:${u.line}`))
  }
  const warnings = inventory.notes.filter((n) => n.level === 'warning')
  const shown = verbose ? inventory.notes : warnings
  if (shown.length > 0) {
    out.push('', c.dim(`Notes (${shown.length}):`))
    for (const n of shown) out.push(c.dim(`    ${n.path}: ${n.message}`))
  }
  const hidden = inventory.notes.length - shown.length
  if (hidden > 0)
    out.push('', c.dim(`${plural(hidden, 'file')} skipped or partly scanned (--verbose for details)`))
}
