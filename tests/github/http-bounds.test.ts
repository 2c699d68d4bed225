import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { GitHubApiError } from '../../src/github/errors.js'
import type { HttpLimits } from '../../src/github/http.js'
import { createOctokit } from '../../src/github/octokit.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'
import { UsageError } from '../../src/util/errors.js'

const pr = { owner: 'acme', repo: 'shop', number: 7 }
const SHA = 'a'.repeat(40)
const PULL = {
  number: 7,
  state: 'open',
  title: 't',
  html_url: 'https://github.com/acme/shop/pull/7',
  base: { sha: SHA, ref: 'main', repo: { full_name: 'acme/shop' } },
  head: { sha: 'b'.repeat(40), repo: { full_name: 'acme/shop' } },
}
const comment = (id: number) => ({
  id,
  body: `comment ${id}`,
  html_url: `https://github.com/acme/shop/pull/7#issuecomment-${id}`,
  user: { login: 'someone', type: 'User' },
})

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void

/** A server that answers every request with the behaviour a test sets, and counts the requests. */
let behaviour: Behaviour
let requests = 0
let server: Server
const sockets = new Set<Socket>()
let url: string
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++
    behaviour(req, res)
  })
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(() => {
  // Requests left hanging by the test are cut, so the next test starts clean.
  for (const s of sockets) s.destroy()
  requests = 0
})
afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(body)
}

/** Requests the client made (counted at the client: a request the server had no time to see counts too). */
let attempts = 0
const counting = (input: string | URL | Request, init?: RequestInit): Promise<Response> => (
  attempts++,
  fetch(input, init)
)

/**
 * A client with small bounds. Only the tests about time give a short request timeout, and there the server
 * never finishes: the outcome is the same however busy the machine is.
 */
function client(limits: Partial<HttpLimits> = {}, baseUrl = url): OctokitPrClient {
  attempts = 0
  return new OctokitPrClient(
    createOctokit({
      token: 'ghs_test',
      baseUrl,
      log: { info: () => {}, warning: () => {} },
      fetch: counting,
      timing: { retryBaseMs: 1, rateLimitBaseMs: 1, spaceWrites: false },
      limits: {
        requestTimeoutMs: 300_000,
        maxResponseBytes: 64 * 1024,
        totalTimeoutMs: undefined,
        ...limits,
      },
    }),
  )
}

async function failure(p: Promise<unknown>): Promise<GitHubApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(GitHubApiError)
    return e as GitHubApiError
  }
  throw new Error('expected the call to fail')
}

describe('every request is bounded in time', () => {
  it('a server that accepts and never answers: one timeout, retried once, then a clear message', async () => {
    behaviour = () => {}
    const e = await failure(client({ requestTimeoutMs: 300 }).getPullRequest(pr))
    expect(e.kind).toBe('network')
    expect(e.message).toBe(
      `cannot read pull request acme/shop#7: the GitHub API at ${url} did not answer GET /repos/acme/shop/pulls/7 within 0.3 s; GitHub or the network is too slow right now; run the job again`,
    )
    expect(attempts).toBe(2)
  })

  it('a server that drips a byte at a time: the whole answer is bounded, not the gap between bytes', async () => {
    behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 20)
      res.on('close', () => clearInterval(drip))
    }
    const e = await failure(client({ requestTimeoutMs: 300 }).getPullRequest(pr))
    expect(e.message).toMatch(/did not answer GET \/repos\/acme\/shop\/pulls\/7 within 0\.3 s/)
  })

  it('all requests of a client together: past the total bound every call fails at once', async () => {
    behaviour = () => {}
    const c = client({ requestTimeoutMs: 600_000, totalTimeoutMs: 200 })
    const e = await failure(c.getPullRequest(pr))
    expect(e.message).toBe(
      'cannot read pull request acme/shop#7: the GitHub API calls of this step took over 0.2 s in all; GitHub or the network is too slow right now; run the job again',
    )
    const before = attempts
    expect((await failure(c.listComments(pr))).message).toMatch(/took over 0\.2 s in all/)
    expect(attempts).toBe(before)
  })

  it('a refused connection and a redirect loop fail on the first try, with what to check', async () => {
    const closed = createServer()
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((ok) => closed.close(() => ok()))
    attempts = 0
    const refusedClient = new OctokitPrClient(
      createOctokit({
        baseUrl: `http://127.0.0.1:${port}`,
        log: { info: () => {}, warning: () => {} },
        fetch: counting,
        // Were it retried, the test would wait a minute: it is not.
        timing: { retryBaseMs: 60_000 },
      }),
    )
    const refused = await failure(refusedClient.getPullRequest(pr))
    expect(refused.message).toBe(
      `cannot read pull request acme/shop#7: the GitHub API at http://127.0.0.1:${port} refused the connection (ECONNREFUSED); check GITHUB_API_URL and the network`,
    )
    expect(attempts).toBe(1)

    behaviour = (req, res) => {
      res.writeHead(302, { location: req.url })
      res.end()
    }
    const loop = await failure(client().getPullRequest(pr))
    expect(loop.message).toBe(
      `cannot read pull request acme/shop#7: the GitHub API at ${url} redirects in a loop (over 20 redirects); check GITHUB_API_URL and the network`,
    )
    expect(attempts).toBe(1)
    expect(requests).toBe(21)
  })
})

describe('answers that are not the API’s are named, never crash, and use bounded memory', () => {
  it('an HTML page, truncated JSON and a listing over the size bound', async () => {
    behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!DOCTYPE html><title>Sign in</title>')
    }
    expect((await failure(client().getPullRequest(pr))).message).toBe(
      `cannot read pull request acme/shop#7: the GitHub API at ${url} answered GET /repos/acme/shop/pulls/7 with text/html instead of JSON (a web page: GITHUB_API_URL may name the site, not its API); check GITHUB_API_URL (and any proxy in between)`,
    )
    behaviour = (_req, res) => json(res, 200, JSON.stringify(PULL).slice(0, 60))
    const cut = await failure(client().getPullRequest(pr))
    expect(cut.kind).toBe('unexpected-response')
    expect(cut.message).toMatch(/with a body that is not valid JSON: it ends too early \(truncated\?\)/)

    const listing = JSON.stringify(Array.from({ length: 2000 }, (_, i) => comment(i + 1)))
    expect(listing.length).toBeGreaterThan(64 * 1024)
    for (const chunked of [false, true]) {
      behaviour = (_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(listing)) }),
        })
        // Chunked: the size is only known while reading, and reading stops at the bound.
        if (chunked) for (let i = 0; i < listing.length; i += 4096) res.write(listing.slice(i, i + 4096))
        res.end(chunked ? '' : listing)
      }
      expect((await failure(client().listComments(pr))).message).toBe(
        `cannot list the comments of acme/shop#7: the GitHub API at ${url} answered GET /repos/acme/shop/issues/7/comments with more than 64 KiB; refusing to read it; check GITHUB_API_URL (and any proxy in between)`,
      )
    }
  })

  it('nulls in the comment list, and a pull request without SHAs: located shape errors', async () => {
    behaviour = (_req, res) => json(res, 200, JSON.stringify([comment(1), null, comment(3)]))
    expect((await failure(client().listComments(pr))).message).toBe(
      'cannot list the comments of acme/shop#7: GitHub answered with a list of comments of an unexpected shape (comment 2: Invalid input: expected object, received null); check GITHUB_API_URL (and any proxy in between)',
    )
    behaviour = (_req, res) =>
      json(res, 200, JSON.stringify({ ...PULL, base: { ...PULL.base, sha: '--upload-pack=x' } }))
    expect((await failure(client().getPullRequest(pr))).message).toMatch(
      /a pull request of an unexpected shape \(base\.sha: a full commit SHA\)/,
    )
    behaviour = (_req, res) => json(res, 200, 'null')
    expect((await failure(client().getPullRequest(pr))).kind).toBe('unexpected-response')
  })

  it('the review endpoints are checked the same way (one class of problem, one check)', async () => {
    behaviour = (_req, res) =>
      json(res, 200, JSON.stringify([{ ...comment(1), path: 'a.ts', line: 3 }, null]))
    expect((await failure(client().reviews.listReviewComments(pr))).message).toBe(
      'cannot list the review comments of acme/shop#7: GitHub answered with a list of review comments of an unexpected shape (item 2: Invalid input: expected object, received null); check GITHUB_API_URL (and any proxy in between)',
    )
    behaviour = (_req, res) => json(res, 200, JSON.stringify([{ filename: 'a.ts' }]))
    expect((await failure(client().reviews.listFiles(pr))).message).toMatch(
      /a list of files of an unexpected shape \(item 1\.status: Invalid input: expected string, received undefined\)/,
    )
    behaviour = (_req, res) =>
      json(res, 200, JSON.stringify({ data: { repository: { pullRequest: { reviewThreads: null } } } }))
    expect((await failure(client().reviews.listReviewThreads(pr))).kind).toBe('unexpected-response')
  })

  it('a GITHUB_API_URL that is not a URL is a usage error that names it', () => {
    for (const bad of ['not a url', 'ftp://api.example.com', 'https://user:secret@api.example.com'])
      expect(() => client({}, bad)).toThrow(UsageError)
    expect(() => client({}, 'not a url')).toThrow(
      /^GITHUB_API_URL "not a url" is not an http\(s\) URL of a GitHub API/,
    )
  })
})
