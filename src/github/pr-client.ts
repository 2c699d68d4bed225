import { GitHubApiError, toGitHubApiError } from './errors.js'
import type { GitHubOctokit } from './octokit.js'
import { OctokitReviewClient, type ReviewClient } from './review-client.js'
import { commentPage, commentResponse, pullResponse, type RestComment } from './responses.js'

/** A pull request, by repository and number. */
export interface PrRef {
  owner: string
  repo: string
  number: number
}

/** The facts about a pull request that privacy-drift needs. */
export interface PullRequestInfo {
  number: number
  state: string
  title: string
  url: string
  baseSha: string
  headSha: string
  baseRef: string
  /** `owner/repo` of the head branch; differs from the base repository for forks. */
  headRepo: string
  baseRepo: string
  isFork: boolean
}

/** An issue comment on a pull request. */
export interface PrComment {
  id: number
  /** The text; from listComments only for comments that carry a privacy-drift marker ('' for the rest). */
  body: string
  /** Login of the author, e.g. `github-actions[bot]`. */
  author: string
  /** `Bot` or `User`. */
  authorType: string
  url: string
}

/** The boundary privacy-drift talks to GitHub through; InMemory in tests, Octokit in production. */
export interface PrClient {
  getPullRequest(pr: PrRef): Promise<PullRequestInfo>
  /** Every comment on the pull request (all pages). */
  listComments(pr: PrRef): Promise<PrComment[]>
  createComment(pr: PrRef, body: string): Promise<PrComment>
  updateComment(pr: PrRef, id: number, body: string): Promise<PrComment>
  /** The login the token acts as (`github-actions[bot]` for GITHUB_TOKEN), or undefined when unknown. */
  viewer(): Promise<string | undefined>
  /** Line comments on the diff; absent where the client cannot post reviews. */
  readonly reviews?: ReviewClient
}

/** The shape toPullRequestInfo reads (the REST pull request, and the webhook payload's). */
interface RestPull {
  number: number
  state: string
  title: string
  html_url: string
  base: { sha: string; ref: string; repo: { full_name: string } | null }
  head: { sha: string; repo: { full_name: string } | null }
}

/** Listing a pull request's comments stops here (5,000 comments): the rest of memory is not the API's to fill. */
const MAX_COMMENT_PAGES = 50
/** Bodies kept from a listing: only comments that may be ours (the marker) are read further. */
const MARKER_PREFIX = '<!-- privacy-drift:'

/** Maps a REST pull request to PullRequestInfo (also used for webhook payloads, which have the same shape). */
export function toPullRequestInfo(p: RestPull): PullRequestInfo {
  const baseRepo = p.base.repo?.full_name ?? ''
  // A deleted fork has no head repo: treat it as a fork (its token is read-only too).
  const headRepo = p.head.repo?.full_name ?? ''
  return {
    number: p.number,
    state: p.state,
    title: p.title,
    url: p.html_url,
    baseSha: p.base.sha,
    headSha: p.head.sha,
    baseRef: p.base.ref,
    headRepo,
    baseRepo,
    isFork: headRepo !== baseRepo,
  }
}

function toComment(c: RestComment, keepBody = true): PrComment {
  const body = c.body ?? ''
  return {
    id: c.id,
    body: keepBody || body.includes(MARKER_PREFIX) ? body : '',
    author: c.user?.login ?? '',
    authorType: c.user?.type ?? '',
    url: c.html_url,
  }
}

/** PrClient over Octokit: paginated reads, typed errors (GitHubApiError). */
export class OctokitPrClient implements PrClient {
  private viewerLogin: Promise<string | undefined> | undefined
  readonly reviews: ReviewClient

  constructor(private readonly octokit: GitHubOctokit) {
    this.reviews = new OctokitReviewClient(octokit)
  }

  async getPullRequest(pr: PrRef): Promise<PullRequestInfo> {
    const action = `read pull request ${pr.owner}/${pr.repo}#${pr.number}`
    try {
      const { data } = await this.octokit.rest.pulls.get({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
      })
      return toPullRequestInfo(pullResponse(data, action))
    } catch (e) {
      throw toGitHubApiError(e, action)
    }
  }

  async listComments(pr: PrRef): Promise<PrComment[]> {
    const action = `list the comments of ${pr.owner}/${pr.repo}#${pr.number}`
    try {
      const all: PrComment[] = []
      let pages = 0
      const params = { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 }
      for await (const page of this.octokit.paginate.iterator(
        this.octokit.rest.issues.listComments,
        params,
      )) {
        if (++pages > MAX_COMMENT_PAGES)
          throw new GitHubApiError(
            'unexpected-response',
            `cannot ${action}: it has over ${MAX_COMMENT_PAGES * 100} comments, more than privacy-drift reads`,
            undefined,
            action,
          )
        for (const c of commentPage(page.data, all.length, action)) all.push(toComment(c, false))
      }
      return all
    } catch (e) {
      throw toGitHubApiError(e, action)
    }
  }

  async createComment(pr: PrRef, body: string): Promise<PrComment> {
    const action = `create the comment on ${pr.owner}/${pr.repo}#${pr.number}`
    try {
      const { data } = await this.octokit.rest.issues.createComment({
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        body,
      })
      return toComment(commentResponse(data, action))
    } catch (e) {
      throw toGitHubApiError(e, action)
    }
  }

  async updateComment(pr: PrRef, id: number, body: string): Promise<PrComment> {
    const action = `update comment ${id} on ${pr.owner}/${pr.repo}#${pr.number}`
    try {
      const { data } = await this.octokit.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: id,
        body,
      })
      return toComment(commentResponse(data, action))
    } catch (e) {
      throw toGitHubApiError(e, action)
    }
  }

  viewer(): Promise<string | undefined> {
    this.viewerLogin ??= this.lookUpViewer()
    return this.viewerLogin
  }

  /**
   * GraphQL `viewer` works for GITHUB_TOKEN, app and personal tokens; REST `GET /user` only for personal ones,
   * so it is the fallback.
   */
  private async lookUpViewer(): Promise<string | undefined> {
    try {
      const res = await this.octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      if (res.viewer?.login) return res.viewer.login
    } catch {
      // fall through to REST
    }
    try {
      const { data } = await this.octokit.rest.users.getAuthenticated()
      return data.login
    } catch {
      return undefined
    }
  }
}
