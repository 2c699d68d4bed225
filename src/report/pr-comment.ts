import type { Evidence, ItemKind, StaleItem, UndeclaredItem } from '../model/types.js'
import { capBlock, largestFitting, LIMITS } from './budget.js'
import { codeBlock, codeSpan, escapeMarkdown } from './escape.js'
import { KIND_LABEL, plural } from './labels.js'
import { mergeSuggestions } from './text.js'
import { TOOL } from './version.js'
import type { DataMap } from './datamap.js'
import { foldedMermaidSection } from './mermaid.js'
import { renderPolicySection, type PolicyCheck } from '../policy/pr-section.js'

/** The drift a PR comment is about: undeclared items at the head, the new subset, and stale declarations. */
export interface PrCommentDrift {
  undeclared: readonly UndeclaredItem[]
  /** Undeclared items whose key is absent from the base commit's inventory. */
  new: readonly UndeclaredItem[]
  stale: readonly StaleItem[]
}

export interface PrCommentOptions {
  /** privacy.yml as the repository knows it (repo-relative). */
  manifestFile: string
  /** The PR head commit the comment describes. */
  headSha: string
  /** A link to an evidence line at the head commit; plain text when absent. */
  link?: (e: Evidence) => string | undefined
  /** A link to the head commit. */
  commitUrl?: string
  /** Where the full report is (the workflow run's job summary). */
  reportUrl?: string
  /** Tells several comments of this tool on one PR apart (one per scanned path). */
  id?: string
  /** The data map of the head commit, shown folded (dropped first when the comment is too long). */
  map?: DataMap
  /** Maximum body length in characters. */
  budget?: number
  /** With privacy.yml's `policy.file`: what the policy text lacks, which replaces the generic policy sentences. */
  policy?: PolicyCheck
}

/** The hidden first line that marks our comment. */
export function commentMarker(id = 'default'): string {
  return `<!-- privacy-drift:v1 id=${id.replace(/[^A-Za-z0-9._/-]/g, '_')} -->`
}

/** Whether a PR needs the drift comment: it adds items the manifest does not declare. */
export function needsComment(drift: PrCommentDrift): boolean {
  return drift.new.length > 0
}

interface Shape {
  /** Evidence links per item. */
  evidence: number
  /** Pre-existing items and stale declarations: listed, or only counted. */
  lists: boolean
  /** How many new items are shown. */
  shown: number
}

const keyOf = (u: { kind: ItemKind; key: string }): string => `${u.kind}:${u.key}`

/**
 * The sticky PR comment for a PR that adds undeclared items: what, where (links to the head commit), why (rule),
 * the privacy.yml lines to add and the policy sentences; pre-existing items folded; stale declarations listed.
 * Fits the budget by collapsing, then truncating ("…and N more (see job summary)").
 */
export function renderPrComment(drift: PrCommentDrift, options: PrCommentOptions): string {
  const budget = options.budget ?? LIMITS.commentBudget
  const fresh = new Set(drift.new.map(keyOf))
  const old = drift.undeclared.filter((u) => !fresh.has(keyOf(u)))
  const total = drift.new.length
  const shapes: Shape[] = [
    { evidence: 3, lists: true, shown: total },
    { evidence: 1, lists: true, shown: total },
    { evidence: 1, lists: false, shown: total },
  ]
  for (const shape of shapes) {
    const body = render(drift.new, old, drift.stale, shape, options)
    if (body.length <= budget) return body
  }
  const fits = (n: number): boolean =>
    render(drift.new, old, drift.stale, { evidence: 1, lists: false, shown: n }, options).length <= budget
  const n = largestFitting(total, fits)
  return render(drift.new, old, drift.stale, { evidence: 1, lists: false, shown: n }, options)
}

/** The short note an earlier drift comment becomes once the PR no longer adds undeclared items. */
export function renderInSyncComment(
  drift: PrCommentDrift,
  options: Pick<PrCommentOptions, 'manifestFile' | 'id'>,
): string {
  const old = drift.undeclared.length - drift.new.length
  const out = [
    commentMarker(options.id),
    '### ✅ Privacy policy in sync',
    '',
    `This pull request no longer adds anything that ${codeSpan(options.manifestFile)} does not declare. Thank you!`,
  ]
  if (old > 0)
    out.push(
      '',
      `${plural(old, 'item was', 'items were')} already undeclared before this PR; the job summary lists them.`,
    )
  out.push('', `<sub>${TOOL.name} ${TOOL.version}</sub>`, '')
  return out.join('\n')
}

function render(
  fresh: readonly UndeclaredItem[],
  old: readonly UndeclaredItem[],
  stale: readonly StaleItem[],
  shape: Shape,
  o: PrCommentOptions,
): string {
  const manifest = codeSpan(o.manifestFile)
  const shown = fresh.slice(0, shape.shown)
  const hidden = fresh.length - shown.length
  const more = hidden > 0 ? `…and ${hidden} more (see job summary)` : undefined
  const out: string[] = [
    commentMarker(o.id),
    '### 🔏 This pull request changes what the privacy policy must say',
    '',
  ]
  out.push(
    `It adds ${plural(fresh.length, 'item', 'items')} that ${manifest} does not declare. ` +
      `Declare ${fresh.length === 1 ? 'it' : 'them'} (and update the policy text), or remove the code if it should not ship.`,
    '',
  )
  out.push('| Kind | What | Where | Why |', '| --- | --- | --- | --- |')
  for (const u of shown)
    out.push(
      `| ${kindCell(u.kind)} | ${whatCell(u)} | ${whereCell(u.evidence, shape.evidence, o.link)} | ${whyCell(u.evidence[0])} |`,
    )
  if (more) out.push('', more)
  if (shown.length > 0) {
    const suggestions = mergeSuggestions(shown.map((u) => ({ ...u, suggestion: capBlock(u.suggestion) })))
    out.push('', `#### Add to ${manifest}`, '', codeBlock(suggestions.join('\n'), 'yaml'))
    if (more) out.push('', more)
    if (o.policy) out.push('', ...renderPolicySection(o.policy, { items: shown, link: o.link, more }))
    else {
      out.push('', '#### Add to the privacy policy', '')
      for (const u of shown) out.push(`- ${escapeMarkdown(u.sentence, 400)}`)
      if (more) out.push(`- ${more}`)
    }
  }
  if (old.length > 0) {
    const title = `${plural(old.length, 'item was', 'items were')} already undeclared before this PR`
    if (shape.lists) {
      out.push(
        '',
        `<details><summary>${title}</summary>`,
        '',
        '| Kind | What | Where |',
        '| --- | --- | --- |',
      )
      const list = old.slice(0, 50)
      for (const u of list)
        out.push(`| ${kindCell(u.kind)} | ${whatCell(u)} | ${whereCell(u.evidence, 1, o.link)} |`)
      if (old.length > list.length) out.push('', `…and ${old.length - list.length} more (see job summary)`)
      out.push('', '</details>')
    } else out.push('', `${title} (see job summary).`)
  }
  if (stale.length > 0) {
    // Inside <summary> markdown is not parsed, so a code span would not protect the file name: escape it as text.
    const inHtml = `<code>${escapeMarkdown(o.manifestFile, 200)}</code>`
    const title = `${plural(stale.length, 'declaration', 'declarations')} in ${shape.lists ? inHtml : manifest} ${stale.length === 1 ? 'has' : 'have'} no evidence in code (still true?)`
    if (shape.lists) {
      out.push('', `<details><summary>${title}</summary>`, '')
      const list = stale.slice(0, 50)
      for (const s of list)
        out.push(
          `- ${KIND_LABEL[s.kind].one} ${codeSpan(s.key)} (${codeSpan(`${o.manifestFile}:${s.line}`)})`,
        )
      if (stale.length > list.length) out.push(`- …and ${stale.length - list.length} more (see job summary)`)
      out.push('', '</details>')
    } else out.push('', `${title}.`)
  }
  if (o.map && shape.lists) out.push('', foldedMermaidSection(o.map))
  const footer = [`${TOOL.name} ${TOOL.version}`]
  footer.push(
    o.commitUrl ? `checked [${o.headSha.slice(0, 7)}](${o.commitUrl})` : `checked ${o.headSha.slice(0, 7)}`,
  )
  if (o.reportUrl) footer.push(`[full report](${o.reportUrl})`)
  out.push('', `<sub>${footer.join(' · ')}</sub>`, '')
  return out.join('\n')
}

/** A code span inside a table cell: a `|` would end the cell, so it is escaped (GFM unescapes it in spans). */
function cellSpan(text: string, max = 120): string {
  return codeSpan(text, max).replace(/\|/g, '\\|')
}

function kindCell(kind: ItemKind): string {
  const label = KIND_LABEL[kind].one
  return label.charAt(0).toUpperCase() + label.slice(1)
}

function whatCell(u: UndeclaredItem): string {
  const parts = [
    u.name && u.name !== u.key ? `**${escapeMarkdown(u.name, 80)}** ${cellSpan(u.key)}` : cellSpan(u.key),
  ]
  if (u.kind === 'cookie') parts.push(escapeMarkdown(u.categories[0] ?? 'purpose unknown', 40))
  else if (u.categories.length > 0) parts.push(escapeMarkdown(u.categories.join(', '), 120))
  return parts.join('<br>')
}

function whereCell(
  evidence: readonly Evidence[],
  max: number,
  link?: (e: Evidence) => string | undefined,
): string {
  const refs = evidence.slice(0, max).map((e) => {
    const text = `${e.path}:${e.line}`
    const url = link?.(e)
    return url ? `[${escapeMarkdown(text, 120)}](${url})` : cellSpan(text)
  })
  if (evidence.length > max) refs.push(`+${evidence.length - max} more`)
  return refs.join('<br>') || '—'
}

function whyCell(e: Evidence | undefined): string {
  if (!e) return '—'
  const what = e.symbol ? ` ${cellSpan(e.symbol, 80)}` : ''
  return `${cellSpan(e.rule, 80)}<br>${escapeMarkdown(e.how, 20)}${what}`
}
