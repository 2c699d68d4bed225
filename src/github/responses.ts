import { z } from 'zod'
import { GitHubApiError } from './errors.js'

// What the GitHub API answers, checked before it is used: a proxy, a GitHub Enterprise Server of another
// version or a wrong GITHUB_API_URL can answer JSON of another shape (`null` in a list, a missing field), and
// the SHAs in it go on to git.

const sha = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/, 'a full commit SHA')
const repo = z.object({ full_name: z.string().max(300) }).nullable()

const pullSchema = z.object({
  number: z.number().int().positive(),
  state: z.string().max(50),
  title: z.string().max(10_000),
  html_url: z.string().max(2_000),
  base: z.object({ sha, ref: z.string().max(1_000), repo }),
  head: z.object({ sha, repo }),
})

const commentSchema = z.object({
  id: z.number().int().positive(),
  body: z.string().nullish(),
  html_url: z.string().max(2_000),
  user: z.object({ login: z.string().max(300), type: z.string().max(50) }).nullable(),
})

export type RestPull = z.infer<typeof pullSchema>
export type RestComment = z.infer<typeof commentSchema>

function unexpected(action: string, what: string, issues: readonly z.core.$ZodIssue[]): GitHubApiError {
  const first = issues[0]
  // A list's items are counted from 1, as a person would.
  const path =
    first?.path.map((p, i) => (i === 0 && typeof p === 'number' ? `item ${p + 1}` : String(p))) ?? []
  const where = path.length > 0 ? `${path.slice(0, 6).join('.')}: ` : ''
  return new GitHubApiError(
    'unexpected-response',
    `cannot ${action}: GitHub answered with ${what} of an unexpected shape (${where}${first?.message ?? 'invalid'}); check GITHUB_API_URL (and any proxy in between)`,
    undefined,
    action,
  )
}

/** A pull request as the REST API gives it, checked. */
export function pullResponse(data: unknown, action: string): RestPull {
  const parsed = pullSchema.safeParse(data)
  if (!parsed.success) throw unexpected(action, 'a pull request', parsed.error.issues)
  return parsed.data
}

/** One comment as the REST API gives it, checked. */
export function commentResponse(data: unknown, action: string): RestComment {
  const parsed = commentSchema.safeParse(data)
  if (!parsed.success) throw unexpected(action, 'a comment', parsed.error.issues)
  return parsed.data
}

/** A page of comments, checked; `offset` numbers the items across pages in the message. */
export function commentPage(data: unknown, offset: number, action: string): RestComment[] {
  const parsed = z.array(commentSchema).safeParse(data)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) =>
      typeof i.path[0] === 'number'
        ? { ...i, path: [`comment ${offset + i.path[0] + 1}`, ...i.path.slice(1)] }
        : i,
    )
    throw unexpected(action, 'a list of comments', issues)
  }
  return parsed.data
}

const user = z.object({ login: z.string().max(300), type: z.string().max(50) }).nullable()

const reviewCommentSchema = z.object({
  id: z.number().int().positive(),
  body: z.string().nullish(),
  html_url: z.string().max(2_000),
  path: z.string().max(4_096),
  line: z.number().int().nullish(),
  in_reply_to_id: z.number().int().positive().optional(),
  user,
})

const reviewSchema = z.object({
  id: z.number().int().positive(),
  body: z.string().nullish(),
  html_url: z.string().max(2_000),
  state: z.string().max(50),
  user,
})

const fileSchema = z.object({
  filename: z.string().max(4_096),
  status: z.string().max(50),
  patch: z.string().optional(),
})

const threadsSchema = z.object({
  repository: z
    .object({
      pullRequest: z
        .object({
          reviewThreads: z.object({
            pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
            nodes: z.array(
              z.object({
                id: z.string().max(200),
                isResolved: z.boolean(),
                comments: z.object({ nodes: z.array(z.object({ databaseId: z.number().int().nullable() })) }),
              }),
            ),
          }),
        })
        .nullable(),
    })
    .nullable(),
})

/** Checks an answer against a schema; `what` names it in the error (`a list of review comments`). */
function checked<T>(schema: z.ZodType<T>, data: unknown, what: string, action: string): T {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw unexpected(action, what, parsed.error.issues)
  return parsed.data
}

export type RestReviewComment = z.infer<typeof reviewCommentSchema>
export type RestReview = z.infer<typeof reviewSchema>
export type RestFile = z.infer<typeof fileSchema>
export type ThreadsPage = z.infer<typeof threadsSchema>

/** Review comments (one, or a list), reviews, PR files and review-thread pages, checked. */
export const reviewResponses = {
  comment: (data: unknown, action: string): RestReviewComment =>
    checked(reviewCommentSchema, data, 'a review comment', action),
  comments: (data: unknown, action: string): RestReviewComment[] =>
    checked(z.array(reviewCommentSchema), data, 'a list of review comments', action),
  review: (data: unknown, action: string): RestReview => checked(reviewSchema, data, 'a review', action),
  reviews: (data: unknown, action: string): RestReview[] =>
    checked(z.array(reviewSchema), data, 'a list of reviews', action),
  files: (data: unknown, action: string): RestFile[] =>
    checked(z.array(fileSchema), data, 'a list of files', action),
  threads: (data: unknown, action: string): ThreadsPage =>
    checked(threadsSchema, data, 'a page of review threads', action),
}
