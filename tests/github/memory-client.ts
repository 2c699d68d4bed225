import { GitHubApiError } from '../../src/github/errors.js'
import type { PrClient, PrComment, PrRef, PullRequestInfo } from '../../src/github/pr-client.js'

/** An in-memory PrClient (like danger-js's FakePlatform): records every call, can be made read-only. */
export class MemoryPrClient implements PrClient {
  comments: PrComment[] = []
  calls: string[] = []
  readOnly = false
  viewerLogin: string | undefined = 'github-actions'
  private nextId = 1

  constructor(readonly pulls: PullRequestInfo[] = []) {}

  async getPullRequest(pr: PrRef): Promise<PullRequestInfo> {
    this.calls.push(`get #${pr.number}`)
    const found = this.pulls.find((p) => p.number === pr.number)
    if (!found)
      throw new GitHubApiError(
        'not-found',
        'cannot read pull request: 404 not found',
        404,
        'read pull request',
      )
    return found
  }

  async listComments(pr: PrRef): Promise<PrComment[]> {
    this.calls.push(`list #${pr.number}`)
    return this.comments.map((c) => ({ ...c }))
  }

  async createComment(pr: PrRef, body: string): Promise<PrComment> {
    this.calls.push(`create #${pr.number}`)
    this.refuseIfReadOnly()
    const c: PrComment = {
      id: this.nextId++,
      body,
      author: 'github-actions[bot]',
      authorType: 'Bot',
      url: `https://github.test/c/${this.nextId}`,
    }
    this.comments.push(c)
    return { ...c }
  }

  async updateComment(_pr: PrRef, id: number, body: string): Promise<PrComment> {
    this.calls.push(`update ${id}`)
    this.refuseIfReadOnly()
    const c = this.comments.find((x) => x.id === id)
    if (!c)
      throw new GitHubApiError('not-found', 'cannot update comment: 404 not found', 404, 'update comment')
    c.body = body
    return { ...c }
  }

  async viewer(): Promise<string | undefined> {
    return this.viewerLogin
  }

  /** Adds a comment written by someone else (or by us, with the default author). */
  seed(body: string, author = 'github-actions[bot]', authorType = 'Bot'): PrComment {
    const c: PrComment = {
      id: this.nextId++,
      body,
      author,
      authorType,
      url: `https://github.test/c/${this.nextId}`,
    }
    this.comments.push(c)
    return c
  }

  private refuseIfReadOnly(): void {
    if (this.readOnly)
      throw new GitHubApiError(
        'read-only',
        'cannot create the comment: the token is read-only here (403 Resource not accessible by integration)',
        403,
        'create the comment',
      )
  }
}
