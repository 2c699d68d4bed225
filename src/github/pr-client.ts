import { toGitHubApiError } from './errors.js'
import type { GitHubOctokit } from './octokit.js'
import { OctokitReviewClient, type ReviewClient } from './review-client.js'

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

interface RestPull {
  number: number
  state: string
  title: string
  html_url: string
  base: { sha: string; ref: string; repo: { full_name: string } | null }
  head: { sha: string; repo: { full_name: string } | null }
}

interface RestComment {
  id: number
  body?: string | null
  html_url: string
  user: { login: string; type: string } | null
}

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

function toComment(c: RestComment): PrComment {
  return {
    id: c.id,
    body: c.body ?? '',
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
    try {
      const { data } = await this.octokit.rest.pulls.get({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
      })
      return toPullRequestInfo(data)
    } catch (e) {
      throw toGitHubApiError(e, `read pull request ${pr.owner}/${pr.repo}#${pr.number}`)
    }
  }

  async listComments(pr: PrRef): Promise<PrComment[]> {
    try {
      const all = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        per_page: 100,
      })
      return all.map(toComment)
    } catch (e) {
      throw toGitHubApiError(e, `list the comments of ${pr.owner}/${pr.repo}#${pr.number}`)
    }
  }

  async createComment(pr: PrRef, body: string): Promise<PrComment> {
    try {
      const { data } = await this.octokit.rest.issues.createComment({
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        body,
      })
      return toComment(data)
    } catch (e) {
      throw toGitHubApiError(e, `create the comment on ${pr.owner}/${pr.repo}#${pr.number}`)
    }
  }

  async updateComment(pr: PrRef, id: number, body: string): Promise<PrComment> {
    try {
      const { data } = await this.octokit.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: id,
        body,
      })
      return toComment(data)
    } catch (e) {
      throw toGitHubApiError(e, `update comment ${id} on ${pr.owner}/${pr.repo}#${pr.number}`)
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
