import type { UndeclaredItem } from '../model/types.js'
import type { FileDiffLines } from '../github/diff.js'
import { gitDiffLines } from '../github/diff-git.js'
import { GitHubApiError } from '../github/errors.js'
import { checkedOutCommit } from '../github/local-git.js'
import type { PrClient } from '../github/pr-client.js'
import { describeReview, publishReview, type ReviewResult, type ReviewTarget } from '../github/review.js'
import { evidencePaths, type ReviewDrift } from '../github/review-plan.js'
import { DIFF_LIMITS } from './artifact.js'
import type { ReviewEventInput } from './inputs.js'
import type { ActionIO } from './io.js'
import { FORK_DOCS_URL } from './publish.js'

/** The review event the `review-event` input asks for. */
export function reviewEvent(input: ReviewEventInput): ReviewTarget['event'] {
  return input === 'request-changes' ? 'REQUEST_CHANGES' : 'COMMENT'
}

/**
 * The commentable lines of the files that hold evidence of new items, from the local clone (base and checked-out
 * commit; the action has fetched the base already). Undefined, with a warning, when git cannot tell.
 */
export function localReviewDiff(
  io: ActionIO,
  where: { top?: string; pathPrefix: string },
  baseSha: string,
  fresh: readonly UndeclaredItem[],
): FileDiffLines[] | undefined {
  if (fresh.length === 0 || !where.top) return []
  const head = checkedOutCommit(where.top)
  if (!head) return undefined
  const paths = evidencePaths(fresh, where.pathPrefix)
  try {
    return capDiff(gitDiffLines(where.top, baseSha, head, paths))
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string }
    io.warning(
      `could not read the pull request's diff (${(err.stderr?.toString() || err.message).trim().split('\n')[0]}): ` +
        'review comments are skipped; the PR comment has the full report',
    )
    return undefined
  }
}

/** Bounds the diff lines a report-file carries (the publish job validates the same bounds). */
export function capDiff(files: readonly FileDiffLines[]): FileDiffLines[] {
  return files.slice(0, DIFF_LIMITS.files).map((f) => ({
    path: f.path,
    hunks: f.hunks.slice(0, DIFF_LIMITS.ranges),
    added: f.added.slice(0, DIFF_LIMITS.ranges),
  }))
}

/**
 * Posts the line comments like the sticky comment degrades: a read-only token (fork PR) is one warning, any
 * other failure a warning too — the sticky comment already carries the report, so the step does not fail.
 */
export async function publishReviewComments(
  io: ActionIO,
  client: PrClient,
  drift: ReviewDrift,
  diff: readonly FileDiffLines[],
  target: ReviewTarget,
): Promise<ReviewResult | undefined> {
  const reviews = client.reviews
  if (!reviews) {
    io.debug('this GitHub client cannot post reviews: line comments skipped')
    return undefined
  }
  const log = {
    info: (m: string) => io.info(m),
    warning: (m: string) => io.warning(m),
    debug: (m: string) => io.debug(m),
  }
  try {
    const result = await publishReview({ viewer: () => client.viewer(), reviews }, drift, diff, target, log)
    if (result.readOnly) {
      io.warning(
        `privacy-drift could not post review comments on this pull request: ${result.readOnly.message}. ` +
          `The job summary and annotations have the full report (fork-safe setup: ${FORK_DOCS_URL}).`,
      )
      return result
    }
    io.info(describeReview(result))
    return result
  } catch (e) {
    if (!(e instanceof GitHubApiError)) throw e
    io.warning(`review comments skipped: ${e.message}`)
    return undefined
  }
}
