import { toGitHubApiError } from './errors.js'
import { reviewResponses as checked } from './responses.js'
import type { GitHubOctokit } from './octokit.js'
import type { PrRef } from './pr-client.js'

/** A review comment on a line of a pull request's diff. */
export interface ReviewComment {
  id: number
  body: string
  author: string
  /** `Bot` or `User`. */
  authorType: string
  url: string
  path: string
  /** The line on the RIGHT side at the PR's head; null once a push made the comment outdated. */
  line: number | null
  /** Set on replies: the comment that started the thread. */
  inReplyTo?: number
}

/** A line comment to post: always on the head side of the diff. */
export interface NewReviewComment {
  path: string
  line: number
  body: string
}

export type ReviewEvent = 'COMMENT' | 'REQUEST_CHANGES'

/** A submitted review. */
export interface Review {
  id: number
  body: string
  author: string
  authorType: string
  /** `COMMENTED`, `CHANGES_REQUESTED`, `APPROVED`, `DISMISSED`, `PENDING`. */
  state: string
  url: string
}

/** A review thread, from GraphQL (REST has no thread ids). */
export interface ReviewThread {
  id: string
  isResolved: boolean
  /** Database id of the comment that opened the thread. */
  firstCommentId: number | undefined
}

/** A file of a pull request as the API lists it; `patch` is absent for binary and very large diffs. */
export interface PullFile {
  path: string
  status: string
  patch?: string
}

/** The pull-request review endpoints privacy-drift uses; Octokit in production, the loopback fake in tests. */
export interface ReviewClient {
  /** Every review comment on the pull request (all pages). */
  listReviewComments(pr: PrRef): Promise<ReviewComment[]>
  /** Submits one review with line comments; GitHub rejects all of it if one line is not in the diff (422). */
  createReview(
    pr: PrRef,
    review: { commitId: string; body: string; event: ReviewEvent; comments: NewReviewComment[] },
  ): Promise<Review>
  /** Posts a single line comment (its own review). */
  createReviewComment(pr: PrRef, commitId: string, comment: NewReviewComment): Promise<ReviewComment>
  updateReviewComment(pr: PrRef, id: number, body: string): Promise<ReviewComment>
  listReviews(pr: PrRef): Promise<Review[]>
  /** Replaces the text of a submitted review. */
  updateReview(pr: PrRef, id: number, body: string): Promise<Review>
  dismissReview(pr: PrRef, id: number, message: string): Promise<void>
  /** Review threads through GraphQL (all pages). */
  listReviewThreads(pr: PrRef): Promise<ReviewThread[]>
  /** Marks a thread resolved through GraphQL (`resolveReviewThread`). */
  resolveReviewThread(threadId: string): Promise<void>
  /** The files of the pull request with their patches (all pages, at most 3,000 files). */
  listFiles(pr: PrRef): Promise<PullFile[]>
}

interface RestReviewComment {
  id: number
  body?: string | null
  html_url: string
  path: string
  line?: number | null
  in_reply_to_id?: number
  user: { login: string; type: string } | null
}

interface RestReview {
  id: number
  body?: string | null
  html_url: string
  state: string
  user: { login: string; type: string } | null
}

function toReviewComment(c: RestReviewComment): ReviewComment {
  return {
    id: c.id,
    body: c.body ?? '',
    author: c.user?.login ?? '',
    authorType: c.user?.type ?? '',
    url: c.html_url,
    path: c.path,
    line: c.line ?? null,
    ...(c.in_reply_to_id ? { inReplyTo: c.in_reply_to_id } : {}),
  }
}

function toReview(r: RestReview): Review {
  return {
    id: r.id,
    body: r.body ?? '',
    author: r.user?.login ?? '',
    authorType: r.user?.type ?? '',
    state: r.state,
    url: r.html_url,
  }
}

const THREADS_QUERY = `query ($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`

const RESOLVE_MUTATION = `mutation ($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`

/** Threads beyond this many pages (10,000 threads) are not read. */
const MAX_THREAD_PAGES = 100

/** ReviewClient over Octokit: paginated reads, typed errors (GitHubApiError). */
export class OctokitReviewClient implements ReviewClient {
  constructor(private readonly octokit: GitHubOctokit) {}

  /** Runs one API call: its answer is checked (`checked.*`), its failure typed. */
  private async call<T>(action: string, fn: (action: string) => Promise<T>): Promise<T> {
    try {
      return await fn(action)
    } catch (e) {
      throw toGitHubApiError(e, action)
    }
  }

  listReviewComments(pr: PrRef): Promise<ReviewComment[]> {
    return this.call(`list the review comments of ${name(pr)}`, async (action) => {
      const all = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
        ...repo(pr),
        pull_number: pr.number,
        per_page: 100,
      })
      return checked.comments(all, action).map(toReviewComment)
    })
  }

  createReview(
    pr: PrRef,
    review: { commitId: string; body: string; event: ReviewEvent; comments: NewReviewComment[] },
  ): Promise<Review> {
    return this.call(`post a review on ${name(pr)}`, async (action) => {
      const { data } = await this.octokit.rest.pulls.createReview({
        ...repo(pr),
        pull_number: pr.number,
        commit_id: review.commitId,
        body: review.body,
        event: review.event,
        comments: review.comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT', body: c.body })),
      })
      return toReview(checked.review(data, action))
    })
  }

  createReviewComment(pr: PrRef, commitId: string, comment: NewReviewComment): Promise<ReviewComment> {
    return this.call(`comment on ${comment.path}:${comment.line} in ${name(pr)}`, async (action) => {
      const { data } = await this.octokit.rest.pulls.createReviewComment({
        ...repo(pr),
        pull_number: pr.number,
        commit_id: commitId,
        path: comment.path,
        line: comment.line,
        side: 'RIGHT',
        body: comment.body,
      })
      return toReviewComment(checked.comment(data, action))
    })
  }

  updateReviewComment(pr: PrRef, id: number, body: string): Promise<ReviewComment> {
    return this.call(`update review comment ${id} on ${name(pr)}`, async (action) => {
      const { data } = await this.octokit.rest.pulls.updateReviewComment({
        ...repo(pr),
        comment_id: id,
        body,
      })
      return toReviewComment(checked.comment(data, action))
    })
  }

  listReviews(pr: PrRef): Promise<Review[]> {
    return this.call(`list the reviews of ${name(pr)}`, async (action) => {
      const all = await this.octokit.paginate(this.octokit.rest.pulls.listReviews, {
        ...repo(pr),
        pull_number: pr.number,
        per_page: 100,
      })
      return checked.reviews(all, action).map(toReview)
    })
  }

  updateReview(pr: PrRef, id: number, body: string): Promise<Review> {
    return this.call(`update review ${id} on ${name(pr)}`, async (action) => {
      const { data } = await this.octokit.rest.pulls.updateReview({
        ...repo(pr),
        pull_number: pr.number,
        review_id: id,
        body,
      })
      return toReview(checked.review(data, action))
    })
  }

  dismissReview(pr: PrRef, id: number, message: string): Promise<void> {
    return this.call(`dismiss review ${id} on ${name(pr)}`, async () => {
      await this.octokit.rest.pulls.dismissReview({
        ...repo(pr),
        pull_number: pr.number,
        review_id: id,
        message,
      })
    })
  }

  listReviewThreads(pr: PrRef): Promise<ReviewThread[]> {
    return this.call(`list the review threads of ${name(pr)}`, async (action) => {
      const threads: ReviewThread[] = []
      let after: string | null = null
      for (let page = 0; page < MAX_THREAD_PAGES; page++) {
        const res = checked.threads(
          await this.octokit.graphql<unknown>(THREADS_QUERY, { ...repo(pr), number: pr.number, after }),
          action,
        )
        const connection = res.repository?.pullRequest?.reviewThreads
        if (!connection) break
        for (const t of connection.nodes)
          threads.push({
            id: t.id,
            isResolved: t.isResolved,
            firstCommentId: t.comments.nodes[0]?.databaseId ?? undefined,
          })
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break
        after = connection.pageInfo.endCursor
      }
      return threads
    })
  }

  resolveReviewThread(threadId: string): Promise<void> {
    return this.call(`resolve review thread ${threadId}`, async () => {
      await this.octokit.graphql(RESOLVE_MUTATION, { threadId })
    })
  }

  listFiles(pr: PrRef): Promise<PullFile[]> {
    return this.call(`list the files of ${name(pr)}`, async (action) => {
      const all = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
        ...repo(pr),
        pull_number: pr.number,
        per_page: 100,
      })
      return checked.files(all, action).map((f) => ({
        path: f.filename,
        status: f.status,
        ...(typeof f.patch === 'string' ? { patch: f.patch } : {}),
      }))
    })
  }
}

const repo = (pr: PrRef): { owner: string; repo: string } => ({ owner: pr.owner, repo: pr.repo })
const name = (pr: PrRef): string => `${pr.owner}/${pr.repo}#${pr.number}`
