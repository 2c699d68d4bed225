import {
  parseReviewMarker,
  renderReviewBody,
  renderSettledReviewBody,
  reviewBodyMarker,
  reviewMarkerPrefix,
} from '../report/review-comment.js'
import type { FileDiffLines } from './diff.js'
import { GitHubApiError } from './errors.js'
import type { Logger } from './octokit.js'
import type { PrClient, PrRef } from './pr-client.js'
import type { ReviewClient, ReviewEvent } from './review-client.js'
import { MAX_LINE_COMMENTS, planReview, type PlannedComment, type ReviewDrift } from './review-plan.js'
import { isOurComment, normalizeBody } from './sticky-comment.js'

/** Everything needed to place the review. */
export interface ReviewTarget {
  pr: PrRef
  /** The PR head commit the line numbers belong to. */
  headSha: string
  /** Scan root relative to the repository (`''` or `apps/web/`). */
  pathPrefix: string
  manifestFile: string
  /** Sticky comment id: line comments of several scanned paths are told apart by it. */
  commentId: string
  /** The sticky comment each line comment links to. */
  stickyUrl?: string
  event?: ReviewEvent
  cap?: number
}

/** A line comment GitHub refused, and why. */
export interface SkippedComment {
  path: string
  line: number
  reason: string
}

export interface ReviewResult {
  created: number
  updated: number
  resolved: number
  threadsResolved: number
  skipped: SkippedComment[]
  /** New items without a line comment (over the cap, or no evidence in the diff). */
  unmarked: number
  /** Earlier reviews whose text now says the PR is resolved. */
  settled: number
  dismissed: number
  reviewUrl?: string
  /** The token may not write here (fork PR): nothing was written. */
  readOnly?: GitHubApiError
}

const isRefusal = (e: unknown): e is GitHubApiError =>
  e instanceof GitHubApiError &&
  (e.kind === 'read-only' || e.kind === 'forbidden' || e.kind === 'unauthorized')

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Ends a run early when the token turns out to be read-only; other failures are per comment. */
class ReadOnly extends Error {
  constructor(readonly refusal: GitHubApiError) {
    super(refusal.message)
  }
}

/**
 * Posts the review: one line comment per new item on the diff line that adds it (one review, event COMMENT
 * unless REQUEST_CHANGES is asked for), edits the bot's earlier comments whose text changed, and turns those
 * whose item is gone into a "resolved" note with the thread resolved where the token allows. Only comments that
 * carry the marker AND were written by the token's identity are touched; nothing is deleted. A batch the API
 * rejects (a line outside its diff) is posted comment by comment, skipping the ones it refuses.
 */
export async function publishReview(
  client: Pick<PrClient, 'viewer'> & { reviews: ReviewClient },
  drift: ReviewDrift,
  diff: readonly FileDiffLines[],
  t: ReviewTarget,
  log: Logger,
): Promise<ReviewResult> {
  const reviews = client.reviews
  const result: ReviewResult = {
    created: 0,
    updated: 0,
    resolved: 0,
    threadsResolved: 0,
    skipped: [],
    unmarked: 0,
    settled: 0,
    dismissed: 0,
  }
  const [all, viewer] = await Promise.all([reviews.listReviewComments(t.pr), client.viewer()])
  const prefix = reviewMarkerPrefix(t.commentId)
  const ours = all.flatMap((c) => {
    if (c.inReplyTo || !isOurComment(c, prefix, viewer)) return []
    const marker = parseReviewMarker(c.body)
    return marker ? [{ id: c.id, body: c.body, key: marker.key, state: marker.state }] : []
  })
  const options = {
    id: t.commentId,
    manifestFile: t.manifestFile,
    stickyUrl: t.stickyUrl,
    pathPrefix: t.pathPrefix,
  }
  const cap = t.cap ?? MAX_LINE_COMMENTS
  const plan = planReview(drift, diff, ours, { ...options, cap })
  result.unmarked = plan.unmarked.length
  const event = t.event ?? 'COMMENT'

  try {
    if (plan.create.length > 0) {
      const body = (posted: readonly PlannedComment[], refused: readonly PlannedComment[]): string =>
        renderReviewBody({
          ...options,
          newItems: drift.new.length,
          marked: posted.length,
          earlier: plan.kept,
          unmarked: [...plan.unmarked, ...refused.map((c) => ({ item: c.item, reason: 'refused' as const }))],
          cap,
        })
      await postComments(reviews, t, event, plan.create, body, result, log)
    }
    for (const u of plan.update) if (await edit(reviews, t.pr, u.id, u.body, log)) result.updated++
    const resolvedIds: number[] = []
    for (const r of plan.resolve)
      if (await edit(reviews, t.pr, r.id, r.body, log)) {
        result.resolved++
        resolvedIds.push(r.id)
      }
    if (resolvedIds.length > 0) result.threadsResolved = await resolveThreads(reviews, t.pr, resolvedIds, log)
    if (drift.new.length === 0 && (resolvedIds.length > 0 || event === 'REQUEST_CHANGES'))
      Object.assign(result, await settleReviews(reviews, t, viewer, log))
  } catch (e) {
    if (e instanceof ReadOnly) return { ...result, readOnly: e.refusal }
    throw e
  }
  return result
}

/** One review with every comment; when GitHub rejects it (422), each comment on its own, skipping refusals. */
async function postComments(
  reviews: ReviewClient,
  t: ReviewTarget,
  event: ReviewEvent,
  comments: readonly PlannedComment[],
  body: (posted: readonly PlannedComment[], refused: readonly PlannedComment[]) => string,
  result: ReviewResult,
  log: Logger,
): Promise<void> {
  const toPost = comments.map((c) => ({ path: c.path, line: c.line, body: c.body }))
  try {
    const review = await reviews.createReview(t.pr, {
      commitId: t.headSha,
      body: body(comments, []),
      event,
      comments: toPost,
    })
    result.created = comments.length
    result.reviewUrl = review.url
    return
  } catch (e) {
    if (isRefusal(e)) throw new ReadOnly(e)
    if (!(e instanceof GitHubApiError && e.kind === 'validation')) {
      log.warning(
        `${reasonOf(e)}; the line comments are skipped this run (the PR comment has the full report)`,
      )
      return
    }
    log.info(`GitHub rejected the review as a whole (${e.message}); posting its line comments one by one`)
  }
  const posted: PlannedComment[] = []
  const refused: PlannedComment[] = []
  for (const c of comments) {
    try {
      await reviews.createReviewComment(t.pr, t.headSha, { path: c.path, line: c.line, body: c.body })
      posted.push(c)
    } catch (e) {
      if (isRefusal(e)) throw new ReadOnly(e)
      refused.push(c)
      result.skipped.push({ path: c.path, line: c.line, reason: reasonOf(e) })
      log.warning(`skipped the line comment on ${c.path}:${c.line}: ${reasonOf(e)}`)
    }
  }
  result.created = posted.length
  // The comments went out one by one; the review body (what was not marked, a change request) still has to.
  if (event === 'REQUEST_CHANGES' || refused.length > 0 || result.unmarked > 0) {
    try {
      const review = await reviews.createReview(t.pr, {
        commitId: t.headSha,
        body: body(posted, refused),
        event,
        comments: [],
      })
      result.reviewUrl = review.url
    } catch (e) {
      if (isRefusal(e)) throw new ReadOnly(e)
      log.warning(`could not post the review summary: ${reasonOf(e)}`)
    }
  }
}

/** Edits one of our comments; a comment that vanished or a refused edit is a warning, not a failed run. */
async function edit(
  reviews: ReviewClient,
  pr: PrRef,
  id: number,
  body: string,
  log: Logger,
): Promise<boolean> {
  try {
    await reviews.updateReviewComment(pr, id, body)
    return true
  } catch (e) {
    if (isRefusal(e)) throw new ReadOnly(e)
    log.warning(`could not edit review comment ${id}: ${reasonOf(e)}`)
    return false
  }
}

/**
 * Resolves the threads our resolved comments opened, through GraphQL. Tokens that may edit comments are not
 * always allowed to resolve threads: a failure leaves the threads open (the comments already say "resolved").
 */
async function resolveThreads(
  reviews: ReviewClient,
  pr: PrRef,
  ids: readonly number[],
  log: Logger,
): Promise<number> {
  const wanted = new Set(ids)
  let done = 0
  try {
    const threads = await reviews.listReviewThreads(pr)
    for (const thread of threads) {
      if (thread.isResolved || thread.firstCommentId === undefined || !wanted.has(thread.firstCommentId))
        continue
      await reviews.resolveReviewThread(thread.id)
      done++
    }
  } catch (e) {
    log.info(
      `could not resolve the review threads of the resolved comments (${reasonOf(e)}); the comments say they are resolved`,
    )
  }
  return done
}

/**
 * Once the PR adds nothing undeclared, the bot's earlier reviews stop claiming it does: their text becomes a
 * "resolved" note and, with REQUEST_CHANGES, the change request is dismissed. Failures are warnings.
 */
async function settleReviews(
  reviews: ReviewClient,
  t: ReviewTarget,
  viewer: string | undefined,
  log: Logger,
): Promise<{ settled: number; dismissed: number }> {
  const done = { settled: 0, dismissed: 0 }
  const body = renderSettledReviewBody({ id: t.commentId, manifestFile: t.manifestFile })
  try {
    const marker = reviewBodyMarker(t.commentId)
    for (const r of await reviews.listReviews(t.pr)) {
      if (!isOurComment(r, marker, viewer)) continue
      if (normalizeBody(r.body) !== normalizeBody(body)) {
        await reviews.updateReview(t.pr, r.id, body)
        done.settled++
      }
      if (r.state === 'CHANGES_REQUESTED') {
        await reviews.dismissReview(
          t.pr,
          r.id,
          `privacy-drift: ${t.manifestFile} now declares everything this pull request adds`,
        )
        done.dismissed++
      }
    }
  } catch (e) {
    if (isRefusal(e)) throw new ReadOnly(e)
    log.warning(`could not update the earlier review: ${reasonOf(e)}`)
  }
  return done
}

/** One line saying what the review did. */
export function describeReview(r: ReviewResult): string {
  const parts: string[] = []
  if (r.created > 0) parts.push(`${r.created} line comment${r.created === 1 ? '' : 's'} posted`)
  if (r.updated > 0) parts.push(`${r.updated} updated`)
  if (r.resolved > 0)
    parts.push(
      `${r.resolved} resolved (${r.threadsResolved} thread${r.threadsResolved === 1 ? '' : 's'} closed)`,
    )
  if (r.skipped.length > 0) parts.push(`${r.skipped.length} refused by GitHub`)
  if (r.settled > 0) parts.push('review summary marked resolved')
  if (r.dismissed > 0) parts.push('change request dismissed')
  if (parts.length === 0) return 'Review comments already up to date'
  return `Review: ${parts.join(', ')}${r.reviewUrl ? `: ${r.reviewUrl}` : ''}`
}
