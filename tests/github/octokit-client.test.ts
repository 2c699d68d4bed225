import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GitHubApiError } from '../../src/github/errors.js'
import { createOctokit } from '../../src/github/octokit.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'
import { findStickyComment, upsertStickyComment } from '../../src/github/sticky-comment.js'
import { FakeGitHub, SECONDARY_RATE_LIMIT } from './fake-github.js'
import { UNHURRIED } from './test-client.js'

const REPO = 'acme/shop'
const pr = { owner: 'acme', repo: 'shop', number: 7 }
const MARKER = '<!-- privacy-drift:v1 id=default -->'

let gh: FakeGitHub
let warnings: string[]
beforeAll(async () => {
  gh = await new FakeGitHub().start()
  gh.addPull(REPO, {
    number: 7,
    state: 'open',
    title: 'Add chat',
    baseSha: 'b'.repeat(40),
    headSha: 'c'.repeat(40),
    baseRef: 'main',
    headRepo: 'fork/shop',
  })
})
afterAll(() => gh.stop())
beforeEach(() => {
  warnings = []
  gh.readOnly = false
  gh.graphql = true
})

function client(token = gh.token, baseUrl = gh.url): OctokitPrClient {
  return new OctokitPrClient(
    createOctokit({
      token,
      baseUrl,
      log: { info: () => {}, warning: (m) => void warnings.push(m) },
      timing: { retryBaseMs: 1, rateLimitBaseMs: 1, spaceWrites: false },
      limits: UNHURRIED,
    }),
  )
}

async function apiError(p: Promise<unknown>): Promise<GitHubApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(GitHubApiError)
    return e as GitHubApiError
  }
  throw new Error('expected the call to fail')
}

describe('OctokitPrClient against a local GitHub', () => {
  it('reads the pull request: SHAs from the API, fork detected', async () => {
    const info = await client().getPullRequest(pr)
    expect(info).toMatchObject({
      number: 7,
      baseSha: 'b'.repeat(40),
      headSha: 'c'.repeat(40),
      headRepo: 'fork/shop',
      baseRepo: REPO,
      isFork: true,
    })
    expect(gh.requests.at(-1)!.authorization).toBe(`token ${gh.token}`)
  })

  it('follows Link headers across every page of comments and finds ours on the last one', async () => {
    for (let i = 0; i < 230; i++)
      gh.addComment(REPO, 7, `comment ${i}`, { login: `user${i % 7}`, type: 'User' })
    gh.addComment(REPO, 7, `${MARKER}\nuser pasted our marker`, { login: 'mallory', type: 'User' })
    const ours = gh.addComment(REPO, 7, `${MARKER}\n### drift`)
    const before = gh.requests.length
    const found = await findStickyComment(client(), pr, MARKER)
    expect(found?.id).toBe(ours)
    const pages = gh.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path.includes('/issues/7/comments'))
    expect(pages.map((r) => new URL(r.path, gh.url).searchParams.get('page') ?? '1')).toEqual(['1', '2', '3'])
    expect(pages.every((r) => r.path.includes('per_page=100'))).toBe(true)
  })

  it('identifies itself through GraphQL viewer, falling back to REST when GraphQL is unavailable', async () => {
    expect(await client().viewer()).toBe('github-actions')
    gh.graphql = false
    // GET /user is 403 for integration tokens too: the identity stays unknown, never an error.
    expect(await client().viewer()).toBeUndefined()
  })

  it('edits in place: create, then update, then leave alone when unchanged', async () => {
    const c = client()
    const first = await upsertStickyComment(
      c,
      { ...pr, number: 7 },
      {
        marker: '<!-- privacy-drift:v1 id=web -->',
        body: '<!-- privacy-drift:v1 id=web -->\nv1',
        inSyncBody: 'x',
        hasDrift: true,
      },
    )
    expect(first.action).toBe('created')
    const second = await upsertStickyComment(c, pr, {
      marker: '<!-- privacy-drift:v1 id=web -->',
      body: '<!-- privacy-drift:v1 id=web -->\nv2',
      inSyncBody: 'x',
      hasDrift: true,
    })
    expect(second).toMatchObject({ action: 'updated', comment: { id: first.comment!.id } })
    const writes = gh.count('PATCH', /./) + gh.count('POST', /\/comments$/)
    const third = await upsertStickyComment(c, pr, {
      marker: '<!-- privacy-drift:v1 id=web -->',
      body: '<!-- privacy-drift:v1 id=web -->\nv2',
      inSyncBody: 'x',
      hasDrift: true,
    })
    expect(third.action).toBe('unchanged')
    expect(gh.count('PATCH', /./) + gh.count('POST', /\/comments$/)).toBe(writes)
  })

  it('403 from a read-only token is typed read-only, names the missing permission and is not retried', async () => {
    gh.readOnly = true
    const before = gh.count('POST', /\/issues\/7\/comments$/)
    const e = await apiError(client().createComment(pr, 'hello'))
    expect(e.kind).toBe('read-only')
    expect(e.status).toBe(403)
    expect(e.message).toContain('needs issues=write; pull_requests=write')
    expect(gh.count('POST', /\/issues\/7\/comments$/)).toBe(before + 1)
  })

  it('422 for a body over 65,536 characters is a validation error with GitHub’s reason', async () => {
    const e = await apiError(client().createComment(pr, 'x'.repeat(70_000)))
    expect(e.kind).toBe('validation')
    expect(e.message).toContain('body is too long (maximum is 65536 characters)')
  })

  it('retries a 502 and succeeds', async () => {
    gh.fail('GET', /\/pulls\/7$/, { status: 502, body: { message: 'Bad Gateway' } })
    const before = gh.count('GET', /\/pulls\/7$/)
    expect((await client().getPullRequest(pr)).number).toBe(7)
    expect(gh.count('GET', /\/pulls\/7$/)).toBe(before + 2)
  })

  it('waits out a secondary rate limit (retry-after) and then succeeds', async () => {
    gh.fail('GET', /\/pulls\/7$/, {
      status: 403,
      body: SECONDARY_RATE_LIMIT,
      headers: { 'retry-after': '2' },
    })
    const before = gh.count('GET', /\/pulls\/7$/)
    // The test client's timing shrinks the 2 s to 2 ms; only the retry itself is asserted, never a duration.
    expect((await client().getPullRequest(pr)).number).toBe(7)
    expect(gh.count('GET', /\/pulls\/7$/)).toBe(before + 2)
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /secondary rate limit for GET \/repos\/{owner}\/{repo}\/pulls\/{pull_number}; retrying in 2 s/,
      ),
    )
  })

  it('gives up on a secondary rate limit that does not lift, with a typed error', async () => {
    const limited = { status: 403, body: SECONDARY_RATE_LIMIT, headers: { 'retry-after': '1' } }
    gh.fail('GET', /\/pulls\/7$/, limited, limited, limited, limited)
    const e = await apiError(client().getPullRequest(pr))
    expect(e.kind).toBe('rate-limited')
    expect(warnings.at(-1)).toMatch(/giving up$/)
  })

  it('maps 401, 404 and an unreachable server to actionable errors', async () => {
    const unauthorized = await apiError(client('ghs_wrong').getPullRequest(pr))
    expect(unauthorized.kind).toBe('unauthorized')
    expect(unauthorized.message).not.toContain('ghs_wrong')
    const missing = await apiError(client().getPullRequest({ ...pr, number: 999 }))
    expect(missing.kind).toBe('not-found')
    expect(missing.message).toMatch(/cannot read pull request acme\/shop#999: 404/)
    const down = await apiError(client(gh.token, 'http://127.0.0.1:9').getPullRequest(pr))
    expect(down.kind).toBe('network')
    expect(down.message).toMatch(
      /the GitHub API at http:\/\/127.0.0.1:9 could not be reached \(bad port\); check GITHUB_API_URL and the network$/,
    )
  })

  it('uses the base URL it is given (GITHUB_API_URL on GHES) and never sends the token elsewhere', async () => {
    const before = gh.requests.length
    await client(gh.token, `${gh.url}/`).getPullRequest(pr)
    expect(gh.requests.length).toBe(before + 1)
    expect(gh.requests.at(-1)!.path).toBe('/repos/acme/shop/pulls/7')
  })
})
