import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

type Send = (status: number, data: unknown, headers?: Record<string, string>) => void

/** A response the fake sends instead of the normal one (queued per route). */
export interface Fault {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
  body?: unknown
}

interface StoredComment {
  id: number
  issue: string
  body: string
  user: { login: string; type: string }
}

/** A file of a pull request as `GET /pulls/{n}/files` lists it. */
export interface FakePullFile {
  filename: string
  status: 'added' | 'modified' | 'removed' | 'renamed'
  /** The hunks (no file headers); absent for binary files and very large diffs. */
  patch?: string
  previous_filename?: string
}

interface StoredPull {
  number: number
  state: string
  title: string
  baseSha: string
  headSha: string
  baseRef: string
  headRepo: string
  /** The PR's diff. With it, review comments outside its hunks are refused as GitHub does (422). */
  files?: FakePullFile[]
}

export interface StoredReviewComment {
  id: number
  pull: string
  body: string
  user: { login: string; type: string }
  path: string
  /** null once a later push made the comment outdated. */
  line: number | null
  commitId: string
  reviewId: number
  inReplyTo?: number
  /** The GraphQL id of the thread the comment belongs to. */
  threadId: string
}

export interface StoredReview {
  id: number
  pull: string
  body: string
  event: string
  state: string
  user: { login: string; type: string }
  commitId: string
}

const READ_ONLY = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  status: '403',
}

/** What GitHub answers when one line of a review is outside the diff: the whole review is refused. */
const REVIEW_LINE_NOT_IN_DIFF = {
  message: 'Unprocessable Entity',
  errors: [
    'Pull request review thread line must be part of the diff and Pull request review thread diff hunk can’t be blank',
  ],
  documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
  status: '422',
}

/** What GitHub answers when a single review comment is outside the diff. */
const COMMENT_LINE_NOT_IN_DIFF = {
  message: 'Validation Failed',
  errors: [
    {
      resource: 'PullRequestReviewComment',
      code: 'custom',
      field: 'pull_request_review_thread.line',
      message: 'pull_request_review_thread.line must be part of the diff',
    },
  ],
  documentation_url: 'https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request',
  status: '422',
}

/** The RIGHT-side lines of a patch a comment may go on (written apart from src/github/diff.ts on purpose). */
function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>()
  let next = 0
  for (const text of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text)
    if (header) next = Number(header[1])
    else if (text.startsWith('+') || text.startsWith(' ')) lines.add(next++)
  }
  return lines
}

/** The body GitHub sends when a secondary rate limit hits. */
export const SECONDARY_RATE_LIMIT = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url:
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
}

/**
 * A loopback HTTP server that answers the few REST endpoints privacy-drift uses the way api.github.com does:
 * pagination with Link headers, 401 for a wrong token, 403 "Resource not accessible by integration" for a
 * read-only token, 422 for a body over 65,536 characters, and queued faults (502, secondary rate limits).
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  /** The login comments are written as (the GITHUB_TOKEN identity). */
  botLogin = 'github-actions[bot]'
  /** The token the fake accepts. */
  token = 'ghs_fakeTokenForTests0123456789'
  readOnly = false
  /** GraphQL `viewer` answers (off: the lookup fails, as on a GHES without GraphQL). */
  graphql = true
  /** Off: `GET /pulls/{n}/files` leaves out every `patch`, as GitHub does for very large diffs. */
  listPatches = true
  /** `resolveReviewThread` is refused (a token that may comment but not resolve threads). */
  resolveForbidden = false
  readonly reviewComments: StoredReviewComment[] = []
  readonly reviews: StoredReview[] = []
  readonly resolvedThreads = new Set<string>()
  private server?: Server
  private nextId = 1000
  private readonly pulls = new Map<string, StoredPull>()
  private readonly comments: StoredComment[] = []
  private readonly faults: { method: string; path: RegExp; queue: Fault[] }[] = []

  get url(): string {
    const { port } = this.server!.address() as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok))
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => this.server?.close(() => ok()) ?? ok())
  }

  /** Adds a pull request, or pushes to it: a new head makes the earlier review comments outdated. */
  addPull(repo: string, pull: StoredPull): void {
    const key = `${repo}#${pull.number}`
    const before = this.pulls.get(key)
    if (before && before.headSha !== pull.headSha)
      for (const c of this.reviewComments) if (c.pull === key) c.line = null
    this.pulls.set(key, pull)
  }

  /** Adds a review comment as someone (a person by default) and returns its id. */
  addReviewComment(
    repo: string,
    number: number,
    c: { body: string; path: string; line: number; inReplyTo?: number },
    user = { login: 'dana', type: 'User' },
  ): number {
    const pull = `${repo}#${number}`
    const { id } = this.storeReviewComment({
      pull,
      body: c.body,
      user,
      path: c.path,
      line: c.line,
      commitId: this.pulls.get(pull)?.headSha ?? '',
      inReplyTo: c.inReplyTo,
    })
    return id
  }

  /** Stores a review comment: a reply joins its parent's thread, any other comment opens one. */
  private storeReviewComment(
    c: Omit<StoredReviewComment, 'id' | 'reviewId' | 'threadId'> & { reviewId?: number },
  ): StoredReviewComment {
    const id = this.nextId++
    const parent = c.inReplyTo ? this.reviewComments.find((x) => x.id === c.inReplyTo) : undefined
    const { inReplyTo: _ignored, ...rest } = c
    const stored: StoredReviewComment = {
      ...rest,
      id,
      reviewId: c.reviewId ?? this.nextId++,
      ...(parent ? { inReplyTo: parent.id } : {}),
      threadId: parent?.threadId ?? `PRRT_${id}`,
    }
    this.reviewComments.push(stored)
    return stored
  }

  reviewCommentsOn(repo: string, number: number): StoredReviewComment[] {
    return this.reviewComments.filter((c) => c.pull === `${repo}#${number}`)
  }

  filesOf(repo: string, number: number): FakePullFile[] {
    return this.pulls.get(`${repo}#${number}`)?.files ?? []
  }

  reviewsOn(repo: string, number: number): StoredReview[] {
    return this.reviews.filter((r) => r.pull === `${repo}#${number}`)
  }

  /** Adds a comment as someone (the bot by default) and returns its id. */
  addComment(
    repo: string,
    number: number,
    body: string,
    user = { login: this.botLogin, type: 'Bot' },
  ): number {
    const id = this.nextId++
    this.comments.push({ id, issue: `${repo}#${number}`, body, user })
    return id
  }

  commentsOn(repo: string, number: number): StoredComment[] {
    return this.comments.filter((c) => c.issue === `${repo}#${number}`)
  }

  /** Queues responses for requests matching method and path; each is used once, in order. */
  fail(method: string, path: RegExp, ...responses: Fault[]): void {
    this.faults.push({ method, path, queue: [...responses] })
  }

  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const body = raw ? (JSON.parse(raw) as unknown) : undefined
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    this.requests.push({
      method,
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      body,
    })
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-api-version-selected': '2022-11-28',
        ...headers,
      })
      res.end(data === undefined ? '' : JSON.stringify(data))
    }
    const fault = this.faults.find(
      (f) => f.method === method && f.path.test(url.pathname) && f.queue.length > 0,
    )
    if (fault) {
      const f = fault.queue.shift()!
      send(f.status, f.body ?? { message: 'Server Error' }, f.headers)
      return
    }
    const auth = req.headers.authorization ?? ''
    if (!auth.endsWith(` ${this.token}`)) {
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      })
      return
    }
    let m: RegExpExecArray | null
    if (method === 'POST' && url.pathname === '/graphql') {
      if (!this.graphql) return send(403, { message: 'Resource not accessible by integration' })
      const answer = this.graphqlAnswer(body as { query: string; variables?: Record<string, unknown> })
      return send(200, answer)
    }
    if (method === 'GET' && url.pathname === '/user') return send(403, READ_ONLY)
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/.exec(url.pathname)) && method === 'GET') {
      const pull = this.pulls.get(`${m[1]}#${m[2]}`)
      if (!pull) return send(404, { message: 'Not Found', status: '404' })
      return send(200, this.pullJson(m[1]!, pull))
    }
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const issue = `${m[1]}#${m[2]}`
      if (!this.pulls.has(issue)) return send(404, { message: 'Not Found', status: '404' })
      if (method === 'GET') {
        const repo = m[1]!
        const page = this.page(url, this.commentsOn(repo, Number(m[2])))
        return send(
          200,
          page.items.map((c) => this.commentJson(repo, c)),
          page.headers,
        )
      }
      if (method === 'POST') {
        const text = (body as { body?: string }).body ?? ''
        const refusal = this.refuseWrite(text)
        if (refusal) return send(refusal.status, refusal.body, refusal.headers)
        const id = this.addComment(m[1]!, Number(m[2]), text)
        return send(
          201,
          this.commentJson(
            m[1]!,
            this.comments.find((c) => c.id === id)!,
          ),
        )
      }
    }
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(m![2]) && c.issue.startsWith(`${m![1]}#`))
      if (!comment) return send(404, { message: 'Not Found', status: '404' })
      const text = (body as { body?: string }).body ?? ''
      const refusal = this.refuseWrite(text)
      if (refusal) return send(refusal.status, refusal.body, refusal.headers)
      comment.body = text
      return send(200, this.commentJson(m[1]!, comment))
    }
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/(comments|reviews|files)$/.exec(url.pathname))) {
      const [, repo, number, what] = m as unknown as [string, string, string, string]
      const pull = this.pulls.get(`${repo}#${number}`)
      if (!pull) return send(404, { message: 'Not Found', status: '404' })
      if (method === 'GET') {
        const all: unknown[] =
          what === 'comments'
            ? this.reviewCommentsOn(repo, Number(number)).map((c) => this.reviewCommentJson(repo, c))
            : what === 'reviews'
              ? this.reviewsOn(repo, Number(number)).map((r) => this.reviewJson(repo, r))
              : (pull.files ?? []).map(({ patch, ...f }) => ({
                  ...f,
                  ...(this.listPatches && patch !== undefined ? { patch } : {}),
                  additions: 1,
                  deletions: 0,
                  changes: 1,
                }))
        const page = this.page(url, all)
        return send(200, page.items, page.headers)
      }
      if (method === 'POST' && what === 'reviews') return this.postReview(repo, pull, body, send)
      if (method === 'POST' && what === 'comments') return this.postReviewComment(repo, pull, body, send)
    }
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      const comment = this.reviewComments.find(
        (c) => c.id === Number(m![2]) && c.pull.startsWith(`${m![1]}#`),
      )
      if (!comment) return send(404, { message: 'Not Found', status: '404' })
      const text = (body as { body?: string }).body ?? ''
      const refusal = this.refuseWrite(text)
      if (refusal) return send(refusal.status, refusal.body, refusal.headers)
      comment.body = text
      return send(200, this.reviewCommentJson(m[1]!, comment))
    }
    if (
      (m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/reviews\/(\d+)$/.exec(url.pathname)) &&
      method === 'PUT'
    ) {
      const review = this.reviews.find((r) => r.id === Number(m![3]) && r.pull === `${m![1]}#${m![2]}`)
      if (!review) return send(404, { message: 'Not Found', status: '404' })
      const text = (body as { body?: string }).body ?? ''
      const refusal = this.refuseWrite(text)
      if (refusal) return send(refusal.status, refusal.body, refusal.headers)
      review.body = text
      return send(200, this.reviewJson(m[1]!, review))
    }
    if (
      (m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/reviews\/(\d+)\/dismissals$/.exec(url.pathname)) &&
      method === 'PUT'
    ) {
      const review = this.reviews.find((r) => r.id === Number(m![3]) && r.pull === `${m![1]}#${m![2]}`)
      if (!review) return send(404, { message: 'Not Found', status: '404' })
      const refusal = this.refuseWrite('')
      if (refusal) return send(refusal.status, refusal.body, refusal.headers)
      review.state = 'DISMISSED'
      return send(200, this.reviewJson(m[1]!, review))
    }
    send(404, { message: 'Not Found', status: '404' })
  }

  /** One page of a list, with GitHub's Link header. */
  private page<T>(url: URL, all: T[]): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
    const page = Number(url.searchParams.get('page') ?? 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const link = (p: number): string => `<${this.url}${url.pathname}?per_page=${perPage}&page=${p}>`
    const links: string[] = []
    if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
    return {
      items: all.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {},
    }
  }

  /** Whether GitHub would refuse a line comment here: not on the RIGHT side of a hunk of the PR's diff. */
  private outsideDiff(pull: StoredPull, c: { path?: string; line?: number; side?: string }): boolean {
    if (!pull.files) return false
    const file = pull.files.find((f) => f.filename === c.path)
    if (!file?.patch || (c.side ?? 'RIGHT') !== 'RIGHT' || typeof c.line !== 'number') return true
    return !commentableLines(file.patch).has(c.line)
  }

  private postReview(repo: string, pull: StoredPull, body: unknown, send: Send): void {
    const b = body as {
      commit_id?: string
      body?: string
      event?: string
      comments?: { path: string; line: number; side?: string; body: string }[]
    }
    const refusal = this.refuseWrite(b.body ?? '')
    if (refusal) return send(refusal.status, refusal.body, refusal.headers)
    if ((b.event === 'COMMENT' || b.event === 'REQUEST_CHANGES') && !b.body)
      return send(422, { message: 'Unprocessable Entity', errors: ['Body is required'], status: '422' })
    if (b.commit_id && b.commit_id !== pull.headSha)
      return send(422, {
        message: 'Unprocessable Entity',
        errors: ['Commit is not part of the pull request'],
      })
    const comments = b.comments ?? []
    if (comments.some((c) => this.outsideDiff(pull, c))) return send(422, REVIEW_LINE_NOT_IN_DIFF)
    const states: Record<string, string> = {
      COMMENT: 'COMMENTED',
      REQUEST_CHANGES: 'CHANGES_REQUESTED',
      APPROVE: 'APPROVED',
    }
    const review: StoredReview = {
      id: this.nextId++,
      pull: `${repo}#${pull.number}`,
      body: b.body ?? '',
      event: b.event ?? 'PENDING',
      state: states[b.event ?? ''] ?? 'PENDING',
      user: { login: this.botLogin, type: 'Bot' },
      commitId: b.commit_id ?? pull.headSha,
    }
    this.reviews.push(review)
    for (const c of comments)
      this.storeReviewComment({
        pull: review.pull,
        body: c.body,
        user: review.user,
        path: c.path,
        line: c.line,
        commitId: review.commitId,
        reviewId: review.id,
      })
    send(200, this.reviewJson(repo, review))
  }

  private postReviewComment(repo: string, pull: StoredPull, body: unknown, send: Send): void {
    const c = body as { commit_id?: string; path: string; line: number; side?: string; body: string }
    const refusal = this.refuseWrite(c.body ?? '')
    if (refusal) return send(refusal.status, refusal.body, refusal.headers)
    if (this.outsideDiff(pull, c)) return send(422, COMMENT_LINE_NOT_IN_DIFF)
    const stored = this.storeReviewComment({
      pull: `${repo}#${pull.number}`,
      body: c.body,
      user: { login: this.botLogin, type: 'Bot' },
      path: c.path,
      line: c.line,
      commitId: c.commit_id ?? pull.headSha,
    })
    send(201, this.reviewCommentJson(repo, stored))
  }

  /** The three GraphQL documents the client sends: viewer, review threads, resolveReviewThread. */
  private graphqlAnswer(request: { query: string; variables?: Record<string, unknown> }): unknown {
    const v = request.variables ?? {}
    if (request.query.includes('resolveReviewThread')) {
      if (this.readOnly || this.resolveForbidden)
        return {
          data: { resolveReviewThread: null },
          errors: [
            {
              type: 'FORBIDDEN',
              path: ['resolveReviewThread'],
              message: 'Resource not accessible by integration',
            },
          ],
        }
      const threadId = String(v.threadId)
      this.resolvedThreads.add(threadId)
      return { data: { resolveReviewThread: { thread: { id: threadId, isResolved: true } } } }
    }
    if (request.query.includes('reviewThreads')) {
      const pull = `${String(v.owner)}/${String(v.repo)}#${String(v.number)}`
      const threads = new Map<string, number>()
      for (const c of this.reviewComments)
        if (c.pull === pull && !threads.has(c.threadId)) threads.set(c.threadId, c.id)
      // Two threads a page, so the client's paging is exercised.
      const all = [...threads.entries()]
      const start = v.after ? Number(v.after) : 0
      const nodes = all.slice(start, start + 2).map(([id, first]) => ({
        id,
        isResolved: this.resolvedThreads.has(id),
        comments: { nodes: [{ databaseId: first }] },
      }))
      const hasNextPage = start + 2 < all.length
      return {
        data: {
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + 2) : null },
                nodes,
              },
            },
          },
        },
      }
    }
    // GraphQL logins of bots have no `[bot]` suffix.
    return { data: { viewer: { login: this.botLogin.replace(/\[bot\]$/, '') } } }
  }

  private reviewCommentJson(repo: string, c: StoredReviewComment): unknown {
    const number = c.pull.split('#')[1]
    return {
      id: c.id,
      node_id: `PRRC_${c.id}`,
      pull_request_review_id: c.reviewId,
      body: c.body,
      path: c.path,
      line: c.line,
      side: 'RIGHT',
      commit_id: c.commitId,
      ...(c.inReplyTo ? { in_reply_to_id: c.inReplyTo } : {}),
      user: c.user,
      html_url: `https://github.com/${repo}/pull/${number}#discussion_r${c.id}`,
      created_at: '2026-10-02T09:20:00Z',
      updated_at: '2026-10-02T09:20:00Z',
    }
  }

  private reviewJson(repo: string, r: StoredReview): unknown {
    const number = r.pull.split('#')[1]
    return {
      id: r.id,
      node_id: `PRR_${r.id}`,
      body: r.body,
      state: r.state,
      commit_id: r.commitId,
      user: r.user,
      html_url: `https://github.com/${repo}/pull/${number}#pullrequestreview-${r.id}`,
      submitted_at: '2026-10-02T09:20:00Z',
    }
  }

  private refuseWrite(text: string): Fault | undefined {
    if (this.readOnly)
      return {
        status: 403,
        body: READ_ONLY,
        headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' },
      }
    if (text.length > 65_536)
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
          status: '422',
        },
      }
    return undefined
  }

  private pullJson(repo: string, p: StoredPull): unknown {
    return {
      number: p.number,
      state: p.state,
      title: p.title,
      html_url: `https://github.com/${repo}/pull/${p.number}`,
      base: { sha: p.baseSha, ref: p.baseRef, repo: { full_name: repo } },
      head: { sha: p.headSha, ref: 'feature', repo: { full_name: p.headRepo } },
    }
  }

  private commentJson(repo: string, c: StoredComment): unknown {
    const number = c.issue.split('#')[1]
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      html_url: `https://github.com/${repo}/pull/${number}#issuecomment-${c.id}`,
      created_at: '2026-10-02T09:20:00Z',
      updated_at: '2026-10-02T09:20:00Z',
    }
  }
}
