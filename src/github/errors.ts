import { escapeControl } from '../util/text.js'
import { HttpFailure } from './http.js'

/** What went wrong talking to GitHub, in the terms a user can act on. */
export type GitHubErrorKind =
  | 'unauthorized'
  | 'read-only'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'unexpected-response'

/** A failed GitHub API call, classified once so callers can decide (warn on read-only, fail on others). */
export class GitHubApiError extends Error {
  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly status: number | undefined,
    /** What the caller was trying to do, e.g. `create the PR comment`. */
    readonly action: string,
  ) {
    super(message)
    this.name = 'GitHubApiError'
  }
}

interface OctokitLikeError {
  name?: string
  status?: number
  message?: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

/** True for Octokit's RequestError (name `HttpError`, numeric status). */
export function isRequestError(e: unknown): boolean {
  const err = e as OctokitLikeError | undefined
  return err?.name === 'HttpError' && typeof err.status === 'number'
}

/**
 * Turns an Octokit error (RequestError) into a GitHubApiError with an actionable message; anything else (a bug)
 * is returned unchanged so it is not mistaken for an API failure. The message never includes request headers,
 * so it cannot carry the token.
 */
export function toGitHubApiError(e: unknown, action: string): unknown {
  if (e instanceof GitHubApiError) return e
  // The HTTP layer's own failure, raw or as the cause Octokit wrapped it in.
  const failure = e instanceof HttpFailure ? e : (e as { cause?: unknown } | undefined)?.cause
  if (failure instanceof HttpFailure) return fromHttpFailure(failure, action)
  if (!isRequestError(e)) return e
  const err = e as OctokitLikeError
  const status = err.status!
  const apiMessage = firstLine(err.message ?? String(e))
  const headers = err.response?.headers ?? {}
  const say = (kind: GitHubErrorKind, text: string): GitHubApiError =>
    new GitHubApiError(kind, `cannot ${action}: ${text}`, status, action)

  // Octokit reports fetch failures it did not get from our layer as status 500 without a response.
  if (!err.response)
    return say('network', `GitHub API unreachable (${apiMessage}); check GITHUB_API_URL and the network`)
  if (status === 401)
    return say(
      'unauthorized',
      'GitHub rejected the token (401 Bad credentials): it is missing, expired or revoked',
    )
  if (status === 403 || status === 429) {
    if (/rate limit/i.test(apiMessage) || headers['x-ratelimit-remaining'] === '0' || status === 429)
      return say('rate-limited', `GitHub rate limit still exceeded after retries (${apiMessage})`)
    const accepted = headers['x-accepted-github-permissions']
    if (/not accessible by integration/i.test(apiMessage) || accepted !== undefined)
      return say(
        'read-only',
        `the token is read-only here (403 ${apiMessage}${accepted ? `; needs ${String(accepted)}` : ''}). ` +
          'This is expected for pull requests from forks and Dependabot',
      )
    return say(
      'forbidden',
      `403 ${apiMessage}: the token lacks permission (needs pull-requests: write to comment)`,
    )
  }
  if (status === 404)
    return say(
      'not-found',
      `404 not found: the repository or pull request does not exist, or the token cannot see it`,
    )
  if (status === 422 || status === 400) return say('validation', `${status} ${apiMessage}`)
  if (status >= 500)
    return say(
      'server',
      `GitHub answered ${status} (${apiMessage}) and kept failing after retries; try again later`,
    )
  return say('server', `GitHub answered ${status} (${apiMessage})`)
}

/** One message per failure below HTTP, with what to check. */
function fromHttpFailure(f: HttpFailure, action: string): GitHubApiError {
  const advice = f.badAnswer
    ? 'check GITHUB_API_URL (and any proxy in between)'
    : f.kind === 'deadline' || f.kind === 'timeout'
      ? 'GitHub or the network is too slow right now; run the job again'
      : 'check GITHUB_API_URL and the network'
  return new GitHubApiError(
    f.badAnswer ? 'unexpected-response' : 'network',
    `cannot ${action}: ${f.message}; ${advice}`,
    undefined,
    action,
  )
}

/** The first line of an API message, short; an HTML error page is named, not quoted. */
function firstLine(text: string): string {
  if (/^\s*</.test(text)) return 'an HTML page instead of an API answer'
  const line = escapeControl(text.split('\n')[0] ?? '')
  return line.length > 300 ? line.slice(0, 299) + '…' : line
}
