import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

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

interface StoredPull {
  number: number
  state: string
  title: string
  baseSha: string
  headSha: string
  baseRef: string
  headRepo: string
}

const READ_ONLY = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  status: '403',
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

  addPull(repo: string, pull: StoredPull): void {
    this.pulls.set(`${repo}#${pull.number}`, pull)
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
      // GraphQL logins of bots have no `[bot]` suffix.
      return send(200, { data: { viewer: { login: this.botLogin.replace(/\[bot\]$/, '') } } })
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
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
        const page = Number(url.searchParams.get('page') ?? 1)
        const all = this.commentsOn(m[1]!, Number(m[2]))
        const last = Math.max(1, Math.ceil(all.length / perPage))
        const slice = all.slice((page - 1) * perPage, page * perPage)
        const link = (p: number): string => `<${this.url}${url.pathname}?per_page=${perPage}&page=${p}>`
        const links: string[] = []
        if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
        if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
        return send(
          200,
          slice.map((c) => this.commentJson(m![1]!, c)),
          links.length ? { link: links.join(', ') } : {},
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
    send(404, { message: 'Not Found', status: '404' })
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
