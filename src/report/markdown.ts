import type { Drift, Evidence, Inventory } from '../model/types.js'
import { codeBlock, codeSpan, encodePath, escapeMarkdown, safeUrl } from './escape.js'
import { groupPolicySentences } from '../compare/suggest.js'
import { KIND_LABEL, KIND_ORDER, plural } from './labels.js'
import { mergeSuggestions, observedDataLines } from './text.js'
import { TOOL } from './version.js'
import { buildDataMap, type WorkspacePackage } from './datamap.js'
import { mermaidSection } from './mermaid.js'
import { renderPolicySection, type PolicyCheck } from '../policy/pr-section.js'

export interface MarkdownOptions {
  /** Builds a link to a file line (a GitHub blob URL); plain text when absent. */
  link?: (e: Evidence) => string | undefined
  manifestFile?: string
  maxEvidence?: number
  /** Workspace packages, for the parts of the data map. */
  packages?: readonly WorkspacePackage[]
  /** With privacy.yml's `policy.file`: what the policy text lacks, which replaces the generic policy sentences. */
  policy?: PolicyCheck
}

/** Where a piece of evidence is, as markdown: an escaped link text, or a code span. */
export function evidenceRef(e: Evidence, link?: (e: Evidence) => string | undefined): string {
  const text = `${e.path}:${e.line}`
  const url = link?.(e)
  return url ? `[${escapeMarkdown(text)}](${safeUrl(url)})` : codeSpan(text)
}

/** The GitHub URL of a line at a commit, with the path safely encoded. */
export function blobUrl(
  serverUrl: string,
  repository: string,
  sha: string,
  path: string,
  line: number,
): string {
  return `${serverUrl.replace(/\/$/, '')}/${repository}/blob/${sha}/${encodePath(path)}#L${line}`
}

/** The full report as GitHub markdown (CLI --format markdown and the job summary). */
export function renderMarkdown(
  inventory: Inventory,
  drift: Drift | undefined,
  options: MarkdownOptions = {},
): string {
  const max = options.maxEvidence ?? 3
  const manifest = options.manifestFile ?? 'privacy.yml'
  const out: string[] = [`## Privacy drift`, '']
  const where = (list: Evidence[]): string => {
    const refs = list.slice(0, max).map((e) => evidenceRef(e, options.link))
    if (list.length > max) refs.push(`+${list.length - max} more`)
    return refs.join('<br>')
  }
  if (drift) {
    if (drift.undeclared.length === 0)
      out.push(`✅ **In sync** — every item found in code is declared in ${codeSpan(manifest)}.`, '')
    else {
      out.push(
        `❌ **${plural(drift.undeclared.length, 'item is', 'items are')} not declared** in ${codeSpan(manifest)}.`,
        '',
      )
      const fresh = new Set(drift.new.map((n) => `${n.kind}:${n.key}`))
      out.push('| Kind | Item | Where | Why |', '| --- | --- | --- | --- |')
      for (const kind of KIND_ORDER)
        for (const u of drift.undeclared.filter((x) => x.kind === kind)) {
          const label = `${codeSpan(u.key)}${u.name !== u.key ? ` ${escapeMarkdown(u.name)}` : ''}${fresh.has(`${u.kind}:${u.key}`) ? ' 🆕' : ''}`
          out.push(
            `| ${KIND_LABEL[kind].one} | ${label} | ${where(u.evidence)} | ${codeSpan(u.evidence[0]?.rule ?? '')} |`,
          )
        }
      out.push(
        '',
        `**Add to ${codeSpan(manifest)}:**`,
        '',
        codeBlock(mergeSuggestions(drift.undeclared).join('\n'), 'yaml'),
        '',
      )
      if (options.policy)
        out.push(
          ...renderPolicySection(options.policy, {
            items: drift.undeclared,
            link: options.link,
            level: '###',
            noun: ['undeclared item', 'undeclared items'],
          }),
          '',
        )
      else {
        out.push('**Add to the policy text:**', '')
        for (const sentence of groupPolicySentences(drift.undeclared))
          out.push(`- ${escapeMarkdown(sentence, 600)}`)
        out.push('')
      }
    }
    const observed = observedDataLines(drift, manifest)
    if (observed.length > 0) {
      out.push('**Data sent to vendors whose entry lists no `data:`** (not checked until it does):', '')
      for (const line of observed) out.push(`- ${escapeMarkdown(line, 600)}`)
      out.push('')
    }
    if (drift.stale.length > 0) {
      out.push(
        `<details><summary>${plural(drift.stale.length, 'declaration has', 'declarations have')} no evidence in code</summary>`,
        '',
      )
      for (const s of drift.stale)
        out.push(`- ${KIND_LABEL[s.kind].one} ${codeSpan(s.key)} (${codeSpan(`${manifest}:${s.line}`)})`)
      out.push('', '</details>', '')
    }
  }
  out.push('### Data map', '', mermaidSection(buildDataMap(inventory, drift, options)), '')
  out.push('<details><summary>Inventory</summary>', '')
  out.push(`${plural(inventory.files, 'file')} scanned.`, '')
  out.push('| Kind | Item | Details | Where |', '| --- | --- | --- | --- |')
  for (const p of inventory.personalData)
    out.push(
      `| personal data | ${codeSpan(p.category)} | ${escapeMarkdown(p.name)}${p.special ? ' (special category)' : ''} | ${where(p.evidence)} |`,
    )
  for (const c of inventory.cookies)
    out.push(
      `| cookie | ${codeSpan(c.name)} | ${escapeMarkdown([c.purpose ?? 'purpose unknown', c.vendor ?? '', c.source === 'sdk-default' ? 'SDK default' : ''].filter(Boolean).join(' · '))} | ${where(c.evidence)} |`,
    )
  for (const a of inventory.analytics)
    out.push(`| analytics | ${codeSpan(a.vendor)} | ${escapeMarkdown(a.name)} | ${where(a.evidence)} |`)
  for (const p of inventory.processors)
    out.push(
      `| processor | ${codeSpan(p.vendor)} | ${escapeMarkdown(`${p.name} · ${p.categories.join(', ')}`)} | ${where(p.evidence)} |`,
    )
  for (const f of inventory.flows)
    out.push(
      `| data flow | ${codeSpan(`${f.vendor} → ${f.category}`)} | ${escapeMarkdown(f.evidence[0]?.symbol ?? '')} | ${where(f.evidence)} |`,
    )
  out.push('', '</details>', '', `<sub>${TOOL.name} ${TOOL.version}</sub>`, '')
  return out.join('\n')
}
