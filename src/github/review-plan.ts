import type { Evidence, ItemKind, UndeclaredItem } from '../model/types.js'
import { KIND_ORDER } from '../report/labels.js'
import {
  itemKey,
  renderResolvedReviewComment,
  renderReviewComment,
  type ResolvedReason,
  type ReviewCommentOptions,
  type ReviewCommentState,
  type UnmarkedItem,
} from '../report/review-comment.js'
import { DiffIndex, type FileDiffLines } from './diff.js'
import { normalizeBody } from './sticky-comment.js'

// The pure core of the review: given the drift, the diff's commentable lines and the bot's earlier line
// comments, decide what to post, edit and resolve. No I/O.

/** At most this many line comments stand open per pull request and scanned path; the rest go in the review body. */
export const MAX_LINE_COMMENTS = 20

/** The drift the review is about (the JSON report's drift block has this shape). */
export interface ReviewDrift {
  new: readonly UndeclaredItem[]
  undeclared: readonly { kind: ItemKind; key: string }[]
  /** Items the manifest declares; tells "declared" from "removed" when a comment is resolved. */
  covered?: readonly { kind: ItemKind; key: string }[]
}

/** One of the bot's earlier line comments, with what its marker says. */
export interface OurReviewComment {
  id: number
  body: string
  key: string
  state: ReviewCommentState
}

export interface ReviewPlanOptions extends ReviewCommentOptions {
  /** Scan root relative to the repository (`''` or `apps/web/`): evidence paths are relative to the root. */
  pathPrefix: string
  cap?: number
}

/** Where an item's comment goes: the evidence, and its place in repository terms. */
export interface Anchor {
  evidence: Evidence
  path: string
  line: number
}

export interface PlannedComment {
  item: UndeclaredItem
  key: string
  path: string
  line: number
  body: string
}

export interface ReviewPlan {
  create: PlannedComment[]
  /** Open comments whose text changed (a new rule version, a new suggestion). */
  update: { id: number; key: string; body: string }[]
  /** Open comments whose item is declared, removed, or no longer new: edited to say so. */
  resolve: { id: number; key: string; body: string }[]
  /** New items without a line comment, and why. */
  unmarked: UnmarkedItem[]
  /** New items whose open comment stays as it is or is edited. */
  kept: number
}

/** Code evidence before a dependency manifest's line: the `require("twilio")` says more than package.json. */
const MANIFEST_HOWS = new Set<Evidence['how']>(['manifest', 'env'])

/**
 * The line an item's comment goes on: its first evidence on a line the PR adds (code before dependency
 * manifests), else its first evidence on a context line of a hunk; undefined when no evidence is in the diff.
 */
export function anchorFor(item: UndeclaredItem, diff: DiffIndex, pathPrefix: string): Anchor | undefined {
  let best: { anchor: Anchor; rank: number } | undefined
  for (const evidence of item.evidence) {
    if (!Number.isInteger(evidence.line) || evidence.line < 1) continue
    const path = pathPrefix + evidence.path
    const kind = diff.kind(path, evidence.line)
    if (kind === 'outside') continue
    const rank = (kind === 'added' ? 0 : 2) + (MANIFEST_HOWS.has(evidence.how) ? 1 : 0)
    if (!best || rank < best.rank) best = { anchor: { evidence, path, line: evidence.line }, rank }
  }
  return best?.anchor
}

/** The repository paths of the evidence of `items`: the files whose diff lines a review needs. */
export function evidencePaths(items: readonly UndeclaredItem[], pathPrefix: string): string[] {
  return [...new Set(items.flatMap((u) => u.evidence.map((e) => pathPrefix + e.path)))].sort()
}

/**
 * Plans one run: a comment for each new item that has none open yet (within the cap), edits for open comments
 * whose text changed, and a "resolved" edit for each open comment whose item this PR no longer adds. A rerun
 * with the same drift plans nothing; a push that moves a line keeps the open comment (no duplicate).
 */
export function planReview(
  drift: ReviewDrift,
  diffFiles: readonly FileDiffLines[],
  ours: readonly OurReviewComment[],
  o: ReviewPlanOptions,
): ReviewPlan {
  const cap = o.cap ?? MAX_LINE_COMMENTS
  const diff = new DiffIndex(diffFiles)
  const open = new Map<string, OurReviewComment[]>()
  for (const c of ours)
    if (c.state === 'open')
      open.set(
        c.key,
        [...(open.get(c.key) ?? []), c].sort((a, b) => a.id - b.id),
      )

  const plan: ReviewPlan = { create: [], update: [], resolve: [], unmarked: [], kept: 0 }
  const candidates: { item: UndeclaredItem; anchor: Anchor }[] = []
  for (const item of drift.new) {
    const key = itemKey(item)
    const anchor = anchorFor(item, diff, o.pathPrefix)
    const body = renderReviewComment(item, anchor?.evidence ?? item.evidence[0], o)
    const existing = open.get(key)
    if (existing) {
      plan.kept++
      for (const c of existing)
        if (normalizeBody(c.body) !== normalizeBody(body)) plan.update.push({ id: c.id, key, body })
    } else if (anchor) candidates.push({ item, anchor })
    else plan.unmarked.push({ item, reason: 'outside-diff' })
  }

  const room = Math.max(0, cap - plan.kept)
  const rank = (a: Anchor): number => (diff.kind(a.path, a.line) === 'added' ? 0 : 1)
  candidates.sort(
    (a, b) =>
      rank(a.anchor) - rank(b.anchor) ||
      compare(a.anchor.path, b.anchor.path) ||
      a.anchor.line - b.anchor.line ||
      compare(itemKey(a.item), itemKey(b.item)),
  )
  for (const [i, { item, anchor }] of candidates.entries()) {
    if (i >= room) {
      plan.unmarked.push({ item, reason: 'cap' })
      continue
    }
    plan.create.push({
      item,
      key: itemKey(item),
      path: anchor.path,
      line: anchor.line,
      body: renderReviewComment(item, anchor.evidence, o),
    })
  }
  plan.create.sort((a, b) => compare(a.path, b.path) || a.line - b.line || compare(a.key, b.key))

  const fresh = new Set(drift.new.map(itemKey))
  const covered = new Set((drift.covered ?? []).map(itemKey))
  const undeclared = new Set(drift.undeclared.map(itemKey))
  for (const [key, comments] of [...open.entries()].sort((a, b) => compare(a[0], b[0]))) {
    if (fresh.has(key)) continue
    const reason: ResolvedReason = covered.has(key) ? 'declared' : undeclared.has(key) ? 'not-new' : 'removed'
    const item = splitKey(key)
    if (!item) continue
    const body = renderResolvedReviewComment(item, reason, o)
    for (const c of comments) plan.resolve.push({ id: c.id, key, body })
  }

  return plan
}

/** `cookie:sid` → { kind, key }; undefined for a kind this version does not know. */
function splitKey(key: string): { kind: ItemKind; key: string } | undefined {
  const at = key.indexOf(':')
  const kind = key.slice(0, at) as ItemKind
  return at > 0 && KIND_ORDER.includes(kind) ? { kind, key: key.slice(at + 1) } : undefined
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
