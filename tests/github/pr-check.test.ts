import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { cliExtensions } from '../../src/cli/extensions.js'
import type { EngineOptions } from '../../src/core/check.js'
import { createOctokit } from '../../src/github/octokit.js'
import { parsePrRef, runPrCheck, type PrCheckDeps } from '../../src/github/pr-check.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'
import { UsageError } from '../../src/util/errors.js'
import { DEMO_SHOP, git, makePrRepo, TRACKING_PR, type PrRepo } from '../action/helpers.js'
import { FakeGitHub } from './fake-github.js'
import { UNHURRIED } from './test-client.js'

const REPO = 'acme/linen-and-loom'
let gh: FakeGitHub
let out: string
beforeAll(async () => {
  gh = await new FakeGitHub().start()
  out = mkdtempSync(join(tmpdir(), 'pd-prcheck-'))
})
afterAll(async () => {
  await gh.stop()
  rmSync(out, { recursive: true, force: true })
})
const repos: PrRepo[] = []
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup()
})

function setup(number: number): PrRepo {
  const repo = makePrRepo(TRACKING_PR)
  repos.push(repo)
  gh.addPull(REPO, {
    number,
    state: 'open',
    title: 'Add tracking',
    baseSha: repo.baseSha,
    headSha: repo.headSha,
    baseRef: 'main',
    headRepo: REPO,
  })
  return repo
}

function deps(
  env: NodeJS.ProcessEnv = {
    GITHUB_TOKEN: gh.token,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
  },
) {
  const written: string[] = []
  const logs: string[] = []
  const d: PrCheckDeps = {
    env,
    log: { info: (m) => void logs.push(m), warning: (m) => void logs.push(`warning: ${m}`) },
    write: (text) => void written.push(text),
    createClient: ({ token, baseUrl, log }) =>
      new OctokitPrClient(
        createOctokit({
          token,
          baseUrl,
          log,
          timing: { retryBaseMs: 1, rateLimitBaseMs: 1, spaceWrites: false },
          limits: UNHURRIED,
        }),
      ),
  }
  return { d, written, logs }
}

const engine = (root: string): EngineOptions => ({ root })

describe('check --pr (the bot from a laptop)', () => {
  it('previews the comment for a PR whose head is not checked out, in a throw-away worktree', async () => {
    const repo = setup(42)
    git(repo.dir, 'checkout', '-q', repo.baseSha)
    const { d, written, logs } = deps()
    const code = await runPrCheck(
      { pr: `${REPO}#42`, post: false, engine: engine(repo.dir), format: 'text', failOn: 'new' },
      d,
    )
    expect(code).toBe(1)
    const body = written[0]!
    expect(body.startsWith('<!-- privacy-drift:v1 id=default -->')).toBe(true)
    expect(body).toContain('It adds 4 items')
    expect(body).toContain(`https://github.com/${REPO}/blob/${repo.headSha}/src/lib/tracking.ts#L`)
    expect(body).toContain('#### Add to `privacy.yml`')
    expect(logs.some((l) => l.includes('temporary worktree'))).toBe(true)
    // Nothing posted, the user's checkout untouched, the worktree gone.
    expect(gh.count('POST', /comments$/)).toBe(0)
    expect(git(repo.dir, 'rev-parse', 'HEAD')).toBe(repo.baseSha)
    expect(git(repo.dir, 'worktree', 'list').split('\n')).toHaveLength(1)
  })

  it('--post publishes the same comment, and a second --post leaves it alone', async () => {
    const repo = setup(43)
    const { d, written, logs } = deps()
    expect(
      await runPrCheck(
        { pr: `${REPO}#43`, post: true, engine: engine(repo.dir), format: 'markdown', failOn: 'none' },
        d,
      ),
    ).toBe(0)
    const posted = gh.commentsOn(REPO, 43)
    expect(posted).toHaveLength(1)
    expect(posted[0]!.body).toBe(written[0])
    expect(
      logs.some((l) =>
        /^PR comment created: https:\/\/github\.com\/acme\/linen-and-loom\/pull\/43#issuecomment-\d+$/.test(
          l,
        ),
      ),
    ).toBe(true)

    const again = deps()
    await runPrCheck(
      { pr: `${REPO}#43`, post: true, engine: engine(repo.dir), format: 'text', failOn: 'new' },
      again.d,
    )
    expect(gh.commentsOn(REPO, 43)).toHaveLength(1)
    expect(again.logs.some((l) => l.startsWith('PR comment already up to date'))).toBe(true)
    expect(gh.count('PATCH', /\/issues\/comments\//)).toBe(0)
  })

  it('explains how to fetch a head commit the checkout does not have', async () => {
    const repo = setup(44)
    gh.addPull(REPO, {
      number: 44,
      state: 'open',
      title: 'x',
      baseSha: repo.baseSha,
      headSha: 'a'.repeat(40),
      baseRef: 'main',
      headRepo: 'mallory/linen-and-loom',
    })
    const { d } = deps()
    await expect(
      runPrCheck(
        { pr: `${REPO}#44`, post: false, engine: engine(repo.dir), format: 'text', failOn: 'new' },
        d,
      ),
    ).rejects.toThrow(
      /head commit aaaaaaa of acme\/linen-and-loom#44 is not in this checkout; fetch it with `git fetch origin pull\/44\/head`/,
    )
  })

  it('needs a token to post, and says where it reads it from', async () => {
    const repo = setup(45)
    const { d } = deps({ GITHUB_API_URL: gh.url })
    await expect(
      runPrCheck(
        { pr: `${REPO}#45`, post: true, engine: engine(repo.dir), format: 'text', failOn: 'new' },
        d,
      ),
    ).rejects.toThrow(/--post needs a token .* GITHUB_TOKEN/)
  })

  it('--format json prints the JSON report with the PR drift', async () => {
    const repo = setup(46)
    const { d, written } = deps()
    await runPrCheck(
      { pr: `${REPO}#46`, post: false, engine: engine(repo.dir), format: 'json', failOn: 'new' },
      d,
    )
    const report = JSON.parse(written[0]!) as { drift: { new: { key: string }[] } }
    expect(report.drift.new.map((n) => n.key).sort()).toEqual([
      'll_referrer',
      'mixpanel',
      'mp_*_mixpanel',
      'user.government_id.national_identification_number',
    ])
  })

  it('a PR that starts sending a new field to a vendor gets exactly one new item in the sticky comment', async () => {
    // The demo shop already sends Stripe the email (declared) and the IP address (undeclared before the PR); the
    // head also puts the shipping city into the session's metadata. The city is declared personal data
    // (user.contact.address), so the one new item is the flow.
    const route = 'src/app/api/checkout/route.ts'
    const before = readFileSync(join(DEMO_SHOP, route), 'utf8')
    const after = before.replace(
      'metadata: { cartId: body.cartId, ip },',
      'metadata: { cartId: body.cartId, ip, city: body.shippingAddress.city },',
    )
    expect(after).not.toBe(before)
    const repo = makePrRepo({ [route]: after })
    repos.push(repo)
    gh.addPull(REPO, {
      number: 46,
      state: 'open',
      title: 'Send the city to Stripe',
      baseSha: repo.baseSha,
      headSha: repo.headSha,
      baseRef: 'main',
      headRepo: REPO,
    })
    const { d } = deps()
    const code = await runPrCheck(
      { pr: `${REPO}#46`, post: true, engine: engine(repo.dir), format: 'markdown', failOn: 'new' },
      d,
    )
    expect(code).toBe(1)
    const posted = gh.commentsOn(REPO, 46)
    expect(posted).toHaveLength(1)
    const body = posted[0]!.body
    expect(body).toContain('It adds 1 item that `privacy.yml` does not declare.')
    // The table of new items: from its header to the first blank line.
    const lines = body.split('\n')
    const start = lines.indexOf('| Kind | What | Where | Why |')
    const rows = lines.slice(start + 2, lines.indexOf('', start))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain(
      '| Data flow | **Stripe receives user.contact.address.city — not in processors&#91;stripe&#93;.data** `stripe → user.contact.address.city`',
    )
    expect(rows[0]).toContain(`https://github.com/${REPO}/blob/${repo.headSha}/${route}#L21`)
    // The IP address flow was undeclared before the PR: listed with the old items, not as new.
    expect(body).toContain('<summary>11 items were already undeclared before this PR</summary>')
    // The suggestion is Stripe's whole list, grown by what the code sends; the policy sentence names the city.
    expect(body).toContain(
      'data: [user.contact.email, user.financial, user.contact.address.city, user.device.ip_address]',
    )
    expect(body).toContain('- We share your city with Stripe, Inc. to process payments.')
  })

  it('is wired into the CLI: check --pr with GITHUB_TOKEN and GITHUB_API_URL from the environment', async () => {
    const repo = setup(47)
    const saved = { ...process.env }
    Object.assign(process.env, { GITHUB_TOKEN: gh.token, GITHUB_API_URL: gh.url })
    const file = join(out, 'comment.md')
    try {
      const code = await main(
        ['check', repo.dir, '--pr', `https://github.com/${REPO}/pull/47`, '--output', file, '--no-progress'],
        cliExtensions,
      )
      expect(code).toBe(1)
    } finally {
      process.env = saved
    }
    expect(readFileSync(file, 'utf8')).toContain(
      '### 🔏 This pull request changes what the privacy policy must say',
    )
  })

  it('parses owner/repo#n and PR URLs, and rejects anything else', () => {
    expect(parsePrRef('acme/shop#12')).toEqual({ owner: 'acme', repo: 'shop', number: 12 })
    expect(parsePrRef('https://github.com/acme/shop.js/pull/7/files')).toEqual({
      owner: 'acme',
      repo: 'shop.js',
      number: 7,
    })
    expect(parsePrRef('https://ghe.example.com/team/app/pull/3')).toEqual({
      owner: 'team',
      repo: 'app',
      number: 3,
    })
    expect(() => parsePrRef('acme/shop')).toThrow(UsageError)
    expect(() => parsePrRef('#12')).toThrow(/expected owner\/repo#123/)
  })
})
