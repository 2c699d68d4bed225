import type { Evidence, ItemKind, UndeclaredItem } from '../model/types.js'
import { capBlock } from './budget.js'
import { codeBlock, codeSpan, escapeMarkdown, safeUrl } from './escape.js'
import { plural } from './labels.js'
import { TOOL } from './version.js'

// The line comments of the pull-request review: one per new undeclared item, on the diff line that adds it.
// Every string that comes from scanned code goes through the same escaping as the sticky comment.

/** What a kind of item is called in a line comment. */
const KIND_NAME: Record<ItemKind, string> = {
  personalData: 'personal data',
  cookie: 'cookie',
  analytics: 'analytics service',
  processor: 'third-party processor',
  flow: 'data flow',
}

export type ReviewCommentState = 'open' | 'resolved'

/** Why a line comment no longer stands. */
export type ResolvedReason = 'declared' | 'not-new' | 'removed'

/** The stable identity of an item across pushes: kind and key, never the line. */
export function itemKey(u: { kind: ItemKind; key: string }): string {
  return `${u.kind}:${u.key}`
}

const safeId = (id: string): string => id.replace(/[^A-Za-z0-9._/-]/g, '_')

/** The start every marker of this tool's review comments for one scanned path shares. */
export function reviewMarkerPrefix(id = 'default'): string {
  return `<!-- privacy-drift:v1 review id=${safeId(id)} `
}

/**
 * The hidden first line of a line comment. The key is percent-encoded, so no name from scanned code can end the
 * HTML comment early or forge another marker.
 */
export function reviewCommentMarker(id: string, key: string, state: ReviewCommentState): string {
  return `${reviewMarkerPrefix(id)}key=${encodeURIComponent(key)} state=${state} -->`
}

/** The hidden first line of the review body. */
export function reviewBodyMarker(id = 'default'): string {
  return `${reviewMarkerPrefix(id)}-->`
}

const MARKER = /^<!-- privacy-drift:v1 review id=([A-Za-z0-9._/-]+) key=(\S+) state=(open|resolved) -->/

/** Reads the marker of a line comment; undefined for any other text. */
export function parseReviewMarker(
  body: string,
): { id: string; key: string; state: ReviewCommentState } | undefined {
  const m = MARKER.exec(body)
  if (!m) return undefined
  try {
    return { id: m[1]!, key: decodeURIComponent(m[2]!), state: m[3] as ReviewCommentState }
  } catch {
    return undefined
  }
}

export interface ReviewCommentOptions {
  /** Sticky comment id (one per scanned path). */
  id: string
  /** privacy.yml as the repository knows it. */
  manifestFile: string
  /** The sticky comment with the full report. */
  stickyUrl?: string
}

/**
 * The line comment for a new item: what was found, why (the rule, its confidence and what it matched), the
 * privacy.yml lines to add and the policy sentence. No line numbers or commit: the text stays the same while
 * the item does, so reruns and pushes do not edit it.
 */
export function renderReviewComment(
  item: UndeclaredItem,
  evidence: Evidence | undefined,
  o: ReviewCommentOptions,
): string {
  const manifest = codeSpan(o.manifestFile)
  const named = item.name && item.name !== item.key ? `${escapeMarkdown(item.name, 80)} ` : ''
  const out = [
    reviewCommentMarker(o.id, itemKey(item), 'open'),
    `🔏 **New ${KIND_NAME[item.kind]}: ${named}${codeSpan(item.key, 120)}**, not declared in ${manifest}.`,
    '',
  ]
  // A list, not lines of one paragraph: GitHub joins soft line breaks in some views (e-mail, the mobile app).
  if (evidence) out.push(`- **Why:** ${why(evidence)}`)
  if (item.categories.length > 0)
    out.push(
      `- ${item.kind === 'cookie' ? '**Purpose:**' : '**Categories:**'} ${escapeMarkdown(item.categories.join(', '), 200)}`,
    )
  const elsewhere = item.evidence.length - (evidence ? 1 : 0)
  if (elsewhere > 0)
    out.push(`- Also found in ${plural(elsewhere, 'other place')} (the PR comment links them).`)
  out.push(
    '',
    `Add to ${manifest}:`,
    '',
    codeBlock(capBlock(item.suggestion), 'yaml'),
    '',
    `For the privacy policy: ${escapeMarkdown(item.sentence, 400)}`,
    '',
    footer(o.stickyUrl),
    '',
  )
  return out.join('\n')
}

/** The note a line comment becomes once its item is declared, removed, or no longer new in this PR. */
export function renderResolvedReviewComment(
  item: { kind: ItemKind; key: string },
  reason: ResolvedReason,
  o: ReviewCommentOptions,
): string {
  const what = `${KIND_NAME[item.kind]} ${codeSpan(item.key, 120)}`
  const said: Record<ResolvedReason, string> = {
    declared: `✅ **Resolved:** ${what} is now declared in ${codeSpan(o.manifestFile)}. Thank you!`,
    'not-new': `✅ **Resolved for this pull request:** ${what} is on the base branch too now, so this pull request no longer adds it.`,
    removed: `✅ **Resolved:** this pull request no longer adds ${what}.`,
  }
  return [
    reviewCommentMarker(o.id, itemKey(item), 'resolved'),
    said[reason],
    '',
    footer(o.stickyUrl),
    '',
  ].join('\n')
}

/** An item the review could not put on a line, and why. */
export interface UnmarkedItem {
  item: UndeclaredItem
  /** Over the cap; no evidence on a line of the diff; or GitHub refused the line. */
  reason: 'cap' | 'outside-diff' | 'refused'
}

const UNMARKED_REASON: Record<UnmarkedItem['reason'], (cap: number) => string> = {
  cap: (cap) => `over the limit of ${cap} line comments per run`,
  'outside-diff': () => 'none of its evidence is on a line of this diff',
  refused: () => 'GitHub refused its line (not part of the diff it shows)',
}

/** The review's own text: how many lines were marked, and what was not marked on a line. */
export function renderReviewBody(
  o: ReviewCommentOptions & {
    newItems: number
    /** Line comments in this review. */
    marked: number
    /** Items whose line comment an earlier review posted. */
    earlier: number
    unmarked: readonly UnmarkedItem[]
    cap: number
  },
): string {
  const manifest = codeSpan(o.manifestFile)
  const full = o.stickyUrl ? `[the PR comment](${safeUrl(o.stickyUrl)})` : 'the PR comment'
  const marked =
    o.marked === 0
      ? 'None is marked on a line'
      : o.marked === 1
        ? 'One is marked below, on the line that adds it'
        : `${o.marked} are marked below, on the lines that add them`
  const out = [
    reviewBodyMarker(o.id),
    `🔏 This pull request adds ${plural(o.newItems, 'item')} that ${manifest} does not declare. ${marked}` +
      (o.earlier > 0 ? ` (${o.earlier} more in earlier reviews)` : '') +
      `; ${full} has the full report.`,
  ]
  if (o.unmarked.length > 0) {
    out.push('', 'Not marked on a line:', '')
    const shown = o.unmarked.slice(0, 50)
    for (const { item, reason } of shown)
      out.push(`- ${KIND_NAME[item.kind]} ${codeSpan(item.key, 120)}: ${UNMARKED_REASON[reason](o.cap)}`)
    if (o.unmarked.length > shown.length) out.push(`- …and ${o.unmarked.length - shown.length} more`)
  }
  out.push('', `<sub>${TOOL.name} ${TOOL.version}</sub>`, '')
  return out.join('\n')
}

/** The text an earlier review's summary becomes once the PR adds nothing undeclared. */
export function renderSettledReviewBody(o: Pick<ReviewCommentOptions, 'id' | 'manifestFile'>): string {
  return [
    reviewBodyMarker(o.id),
    `✅ **Resolved:** ${codeSpan(o.manifestFile)} now covers everything this pull request adds; each line comment says what changed.`,
    '',
    `<sub>${TOOL.name} ${TOOL.version}</sub>`,
    '',
  ].join('\n')
}

function why(e: Evidence): string {
  const found = e.symbol
    ? `${escapeMarkdown(e.how, 20)} ${codeSpan(e.symbol, 80)}`
    : escapeMarkdown(e.how, 20)
  const text = `rule ${codeSpan(e.rule, 80)} (${e.confidence} confidence), ${found}`
  // A reason that only repeats the symbol ('import of "twilio"') says nothing the line does not.
  const informative = e.reason && !(e.symbol && e.reason.includes(e.symbol))
  return informative ? `${text}: ${escapeMarkdown(e.reason!, 300)}` : text
}

function footer(stickyUrl: string | undefined): string {
  const link = stickyUrl ? `[Full report in the PR comment](${safeUrl(stickyUrl)}) · ` : ''
  return `<sub>${link}${TOOL.name} ${TOOL.version}</sub>`
}
