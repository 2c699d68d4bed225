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
  const where = first && first.path.length > 0 ? `${first.path.slice(0, 6).join('.')}: ` : ''
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
