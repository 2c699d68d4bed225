import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runPrCheck, type PrCheckDeps } from '../../src/github/pr-check.js'
import { parseReviewMarker } from '../../src/report/review-comment.js'
import { makePrRepo, TRACKING_PR, type PrRepo } from '../action/helpers.js'
import { FakeGitHub } from './fake-github.js'
import { pullFilesFromGit } from './pull-files.js'
import { testClient } from './test-client.js'

// `check --pr … --post` posts the same review as the action, placing lines from the API's file patches.

const REPO = 'acme/linen-and-loom'
let gh: FakeGitHub
beforeAll(async () => {
  gh = await new FakeGitHub().start()
})
afterAll(() => gh.stop())
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
    files: pullFilesFromGit(repo.dir, repo.baseSha, repo.headSha),
  })
  return repo
}

function deps(): { d: PrCheckDeps; logs: string[] } {
  const logs: string[] = []
  const d: PrCheckDeps = {
    env: { GITHUB_TOKEN: gh.token, GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: 'https://github.com' },
    log: { info: (m) => void logs.push(m), warning: (m) => void logs.push(`warning: ${m}`) },
    write: () => {},
    createClient: ({ token, baseUrl, log }) => testClient(token, baseUrl, log),
  }
  return { d, logs }
}

const args = (number: number, repo: PrRepo, post: boolean) => ({
  pr: `${REPO}#${number}`,
  post,
  engine: { root: repo.dir },
  format: 'text',
  failOn: 'none' as const,
})

describe('check --pr and line comments', () => {
  it('--post posts the sticky comment and the review; a second --post adds nothing', async () => {
    const repo = setup(60)
    const first = deps()
    await runPrCheck(args(60, repo, true), first.d)
    const comments = gh.reviewCommentsOn(REPO, 60)
    expect(comments.map((c) => parseReviewMarker(c.body)?.key).sort()).toEqual([
      'analytics:mixpanel',
      'cookie:ll_referrer',
      'cookie:mp_*_mixpanel',
      'personalData:user.government_id.national_identification_number',
    ])
    expect(comments.every((c) => c.path === 'src/lib/tracking.ts')).toBe(true)
    expect(gh.count('GET', /\/pulls\/60\/files/)).toBe(1)
    expect(first.logs.some((l) => l.startsWith('Review: 4 line comments posted'))).toBe(true)

    const again = deps()
    await runPrCheck(args(60, repo, true), again.d)
    expect(gh.reviewCommentsOn(REPO, 60)).toHaveLength(4)
    expect(gh.reviewsOn(REPO, 60)).toHaveLength(1)
    expect(again.logs).toContain('Review comments already up to date')
  })

  it('without --post, says which lines --post would comment on, and posts nothing', async () => {
    const repo = setup(61)
    const { d, logs } = deps()
    await runPrCheck(args(61, repo, false), d)
    const preview = logs.find((l) => l.startsWith('--post would also add'))!
    expect(preview.split('\n')[0]).toBe('--post would also add 4 line comments to the review:')
    expect(preview).toMatch(
      /^ {2}src\/lib\/tracking\.ts:7 {2}personalData:user\.government_id\.national_identification_number$/m,
    )
    expect(gh.count('POST', /\/pulls\/61\//)).toBe(0)
  })

  it('a file the API lists without a patch (too large a diff) is placed from the local clone', async () => {
    const repo = setup(62)
    gh.listPatches = false
    try {
      const { d } = deps()
      await runPrCheck(args(62, repo, true), d)
    } finally {
      gh.listPatches = true
    }
    expect(gh.reviewCommentsOn(REPO, 62)).toHaveLength(4)
  })

  it('--no-review-comments: only the sticky comment', async () => {
    const repo = setup(63)
    const { d } = deps()
    await runPrCheck({ ...args(63, repo, true), reviewComments: false }, d)
    expect(gh.commentsOn(REPO, 63)).toHaveLength(1)
    expect(gh.reviewCommentsOn(REPO, 63)).toEqual([])
  })
})
