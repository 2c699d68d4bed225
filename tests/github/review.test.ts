import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCheck, type CheckOutcome } from '../../src/core/check.js'
import type { FileDiffLines } from '../../src/github/diff.js'
import { gitDiffLines } from '../../src/github/diff-git.js'
import { publishReview, type ReviewTarget } from '../../src/github/review.js'
import { anchorFor, evidencePaths, planReview } from '../../src/github/review-plan.js'
import { DiffIndex } from '../../src/github/diff.js'
import { reviewCommentMarker, parseReviewMarker } from '../../src/report/review-comment.js'
import { makePrRepo, TRACKING_PR, type PrRepo } from '../action/helpers.js'
import { writeFiles } from '../helpers/tmp.js'
import { tempDir } from '../helpers/tmp.js'
import { commitAll, git } from '../action/helpers.js'
import { FakeGitHub } from './fake-github.js'
import { pullFilesFromGit } from './pull-files.js'
import { testClient } from './test-client.js'

const REPO = 'acme/linen-and-loom'
const FILE = 'src/lib/tracking.ts'

let gh: FakeGitHub
let pr: PrRepo
let outcome: CheckOutcome
let diff: FileDiffLines[]
beforeAll(async () => {
  gh = await new FakeGitHub().start()
  pr = makePrRepo(TRACKING_PR)
  outcome = await runCheck({ root: pr.dir, base: pr.baseSha, head: pr.headSha })
  diff = gitDiffLines(pr.dir, pr.baseSha, pr.headSha, evidencePaths(outcome.drift.new, ''))
})
afterAll(async () => {
  await gh.stop()
  pr.cleanup()
})
afterEach(() => {
  gh.readOnly = false
  gh.resolveForbidden = false
})

let nextNumber = 200
/** A fresh PR on the fake; `files` defaults to the real diff. */
function openPr(files = pullFilesFromGit(pr.dir, pr.baseSha, pr.headSha)): ReviewTarget {
  const number = nextNumber++
  gh.addPull(REPO, {
    number,
    state: 'open',
    title: 't',
    baseSha: pr.baseSha,
    headSha: pr.headSha,
    baseRef: 'main',
    headRepo: REPO,
    files,
  })
  return {
    pr: { owner: 'acme', repo: 'linen-and-loom', number },
    headSha: pr.headSha,
    pathPrefix: '',
    manifestFile: 'privacy.yml',
    commentId: 'default',
    stickyUrl: `https://github.com/${REPO}/pull/${number}#issuecomment-1`,
  }
}

const client = () => testClient(gh.token, gh.url)

function logger() {
  const said: { level: string; message: string }[] = []
  return {
    said,
    log: {
      info: (m: string) => void said.push({ level: 'info', message: m }),
      warning: (m: string) => void said.push({ level: 'warning', message: m }),
    },
  }
}

const keyOf = (body: string): string | undefined => parseReviewMarker(body)?.key

describe('publishReview against the loopback GitHub', () => {
  it('a batch GitHub rejects (one line outside its diff) is posted comment by comment, skipping only that one', async () => {
    // GitHub's diff of this PR shows only the first ten lines of the new file, so lines 11+ are refused.
    const files = pullFilesFromGit(pr.dir, pr.baseSha, pr.headSha).map((f) =>
      f.filename === FILE
        ? {
            ...f,
            patch: `@@ -0,0 +1,10 @@\n${TRACKING_PR[FILE]!.split('\n')
              .slice(0, 10)
              .map((l) => `+${l}`)
              .join('\n')}`,
          }
        : f,
    )
    const t = openPr(files)
    const { said, log } = logger()
    const result = await publishReview(client(), outcome.drift, diff, t, log)

    expect(gh.count('POST', new RegExp(`/pulls/${t.pr.number}/reviews$`))).toBe(2)
    expect(result.created).toBe(3)
    expect(result.skipped).toEqual([
      {
        path: FILE,
        line: 16,
        reason: expect.stringMatching(/pull_request_review_thread\.line must be part of the diff/),
      },
    ])
    expect(
      gh
        .reviewCommentsOn(REPO, t.pr.number)
        .map((c) => keyOf(c.body))
        .sort(),
    ).toEqual([
      'analytics:mixpanel',
      'cookie:mp_*_mixpanel',
      'personalData:user.government_id.national_identification_number',
    ])
    expect(said.filter((s) => s.level === 'warning').map((s) => s.message)).toEqual([
      expect.stringMatching(/^skipped the line comment on src\/lib\/tracking\.ts:16: cannot comment on/),
    ])
    // The review body that follows says what was not marked, and why.
    const summary = gh.reviewsOn(REPO, t.pr.number)[0]!
    expect(summary.body).toContain('3 are marked below')
    expect(summary.body).toContain(
      '- cookie `ll_referrer`: GitHub refused its line (not part of the diff it shows)',
    )
  })

  it('never touches someone else’s comment, even one that carries the marker, or a reply in the bot’s thread', async () => {
    const t = openPr()
    const forged = `${reviewCommentMarker('default', 'analytics:mixpanel', 'open')}\nlooks like the bot`
    const mallory = gh.addReviewComment(
      REPO,
      t.pr.number,
      { body: forged, path: FILE, line: 1 },
      { login: 'mallory', type: 'User' },
    )
    await publishReview(client(), outcome.drift, diff, t, logger().log)
    const bot = gh.reviewCommentsOn(REPO, t.pr.number).filter((c) => c.user.login === gh.botLogin)
    // The forged comment does not stand in for the bot's: the bot posts its own.
    expect(bot.map((c) => keyOf(c.body))).toContain('analytics:mixpanel')
    const reply = gh.addReviewComment(REPO, t.pr.number, {
      body: `${reviewCommentMarker('default', 'cookie:ll_referrer', 'open')}\nWe will declare it.`,
      path: FILE,
      line: 16,
      inReplyTo: bot[0]!.id,
    })

    // Everything is gone from the PR: the bot resolves its own comments and leaves the others as they were.
    const nothing = { new: [], undeclared: [], covered: [] }
    const result = await publishReview(client(), nothing, [], t, logger().log)
    expect(result.resolved).toBe(4)
    const byId = new Map(gh.reviewCommentsOn(REPO, t.pr.number).map((c) => [c.id, c]))
    expect(byId.get(mallory)!.body).toBe(forged)
    expect(byId.get(reply)!.body).toMatch(/We will declare it\.$/)
    expect(gh.count('PATCH', new RegExp(`/pulls/comments/(${mallory}|${reply})$`))).toBe(0)
  })

  it('a token that may not resolve threads: the comments still say "resolved", with one info line, no failure', async () => {
    const t = openPr()
    await publishReview(client(), outcome.drift, diff, t, logger().log)
    gh.resolveForbidden = true
    const { said, log } = logger()
    const result = await publishReview(client(), { new: [], undeclared: [], covered: [] }, [], t, log)
    expect(result).toMatchObject({ resolved: 4, threadsResolved: 0 })
    expect(said.filter((s) => s.level === 'warning')).toEqual([])
    expect(said.filter((s) => /could not resolve the review threads/.test(s.message))).toHaveLength(1)
    for (const c of gh.reviewCommentsOn(REPO, t.pr.number)) expect(c.body).toContain('✅ **Resolved:**')
  })

  it('a read-only token: refused at the first write, nothing else tried', async () => {
    const t = openPr()
    gh.readOnly = true
    const result = await publishReview(client(), outcome.drift, diff, t, logger().log)
    expect(result.readOnly?.kind).toBe('read-only')
    expect(result.created).toBe(0)
    expect(gh.count('POST', new RegExp(`/pulls/${t.pr.number}/reviews$`))).toBe(1)
    expect(gh.count('POST', new RegExp(`/pulls/${t.pr.number}/comments$`))).toBe(0)
  })

  it('a push that changes an item’s suggested YAML edits the open comment instead of adding one', async () => {
    const t = openPr()
    await publishReview(client(), outcome.drift, diff, t, logger().log)
    const changed = {
      ...outcome.drift,
      new: outcome.drift.new.map((u) =>
        u.key === 'll_referrer' ? { ...u, suggestion: u.suggestion.replace('functional', 'preferences') } : u,
      ),
    }
    const result = await publishReview(client(), changed, diff, t, logger().log)
    expect(result).toMatchObject({ created: 0, updated: 1 })
    const referrer = gh
      .reviewCommentsOn(REPO, t.pr.number)
      .filter((c) => keyOf(c.body) === 'cookie:ll_referrer')
    expect(referrer).toHaveLength(1)
    expect(referrer[0]!.body).toContain('purpose: preferences')
  })
})

describe('planReview and anchorFor (pure)', () => {
  it('prefers an added line over a context line, and code over the dependency manifest', () => {
    const mixpanel = outcome.drift.new.find((u) => u.key === 'mixpanel')!
    // Both evidence lines in the diff, both added: the import wins over package.json.
    const both = new DiffIndex([...diff, { path: 'package.json', hunks: [[1, 40]], added: [[1, 40]] }])
    expect(anchorFor(mixpanel, both, '')).toMatchObject({ path: FILE, line: 1 })
    // The import only as context, package.json added: the added line wins.
    const contextImport = new DiffIndex([
      { path: FILE, hunks: [[1, 3]], added: [] },
      { path: 'package.json', hunks: [[20, 24]], added: [[22, 22]] },
    ])
    expect(anchorFor(mixpanel, contextImport, '')).toMatchObject({ path: 'package.json', line: 22 })
    // Only context: still a place in the diff.
    expect(
      anchorFor(mixpanel, new DiffIndex([{ path: FILE, hunks: [[1, 3]], added: [] }]), ''),
    ).toMatchObject({ line: 1 })
    expect(anchorFor(mixpanel, new DiffIndex([]), '')).toBeUndefined()
    // A scan root below the repository: evidence paths get the prefix.
    expect(
      anchorFor(
        mixpanel,
        new DiffIndex(diff.map((f) => ({ ...f, path: `apps/web/${f.path}` }))),
        'apps/web/',
      ),
    ).toMatchObject({
      path: `apps/web/${FILE}`,
    })
  })

  it('tells "declared" from "removed" and "no longer new" when it resolves', () => {
    const ours = outcome.drift.new.map((u, i) => ({
      id: i + 1,
      key: `${u.kind}:${u.key}`,
      state: 'open' as const,
      body: reviewCommentMarker('default', `${u.kind}:${u.key}`, 'open'),
    }))
    const plan = planReview(
      {
        new: [],
        covered: [{ kind: 'analytics', key: 'mixpanel' }],
        undeclared: [{ kind: 'cookie', key: 'll_referrer' }],
      },
      [],
      ours,
      { id: 'default', manifestFile: 'privacy.yml', pathPrefix: '' },
    )
    const said = Object.fromEntries(plan.resolve.map((r) => [r.key, r.body.split('\n')[1]]))
    expect(said).toEqual({
      'analytics:mixpanel':
        '✅ **Resolved:** analytics service `mixpanel` is now declared in `privacy.yml`. Thank you!',
      'cookie:ll_referrer':
        '✅ **Resolved for this pull request:** cookie `ll_referrer` is on the base branch too now, so this pull request no longer adds it.',
      'cookie:mp_*_mixpanel': '✅ **Resolved:** this pull request no longer adds cookie `mp_*_mixpanel`.',
      'personalData:user.government_id.national_identification_number':
        '✅ **Resolved:** this pull request no longer adds personal data `user.government_id.national_identification_number`.',
    })
    expect(plan.create).toEqual([])
  })
})

describe('hostile names are inert in line comments', () => {
  it('no HTML, links, mentions, references or forged markers from scanned code; the marker round-trips', async () => {
    const dir = tempDir()
    writeFiles(dir, { 'privacy.yml': 'version: 1\n' })
    git(dir, 'init', '-q', '-b', 'main')
    const base = commitAll(dir, 'base')
    const evilCookie =
      '<img/src/onerror=alert(1)>'.replace('=', '') +
      '[win](https:⁄⁄evil.example)@octocat#1<!--privacy-drift:v1-->'
    const path = 'src/@octocat [click](https:⁄⁄evil.example) #42 `x`.ts'
    writeFiles(dir, {
      [path]: [
        'export interface Customer {',
        '  email: string',
        '}',
        `document.cookie = ${JSON.stringify(evilCookie + '=1')}`,
        "document.cookie = '@everyone-please-review=1 --> state=resolved'",
        "import posthog from 'posthog-js'",
      ].join('\n'),
    })
    const head = commitAll(dir, 'head')
    const o = await runCheck({ root: dir, base, head })
    const files = gitDiffLines(dir, base, head, evidencePaths(o.drift.new, ''))
    const plan = planReview(o.drift, files, [], {
      id: 'default',
      manifestFile: 'privacy.yml',
      pathPrefix: '',
      stickyUrl: 'https://github.com/o/r/pull/1#issuecomment-9',
    })
    expect(plan.create.length).toBeGreaterThanOrEqual(3)
    expect(plan.create.some((c) => c.key.includes('@octocat'))).toBe(true)
    for (const c of plan.create) {
      expect(c.path).toBe(path)
      const [marker, ...rest] = c.body.split('\n')
      expect(parseReviewMarker(c.body)).toEqual({ id: 'default', key: c.key, state: 'open' })
      expect(marker).toMatch(/^<!-- privacy-drift:v1 review id=default key=\S+ state=open -->$/)
      const text = rest.join('\n')
      const outside = text.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/`[^`\n]*`/g, '')
      const decoded = outside.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      expect(outside).not.toMatch(/<img|<script|<!--/i)
      expect(decoded).not.toMatch(/\]\(https:\/\/evil/)
      expect(decoded).not.toMatch(/@(octocat|everyone)/)
      expect(decoded).not.toMatch(/#\d/)
      for (const m of outside.matchAll(/\]\(([^)]*)\)/g))
        expect(m[1]).toBe('https://github.com/o/r/pull/1#issuecomment-9')
      const outsideFences = text.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '')
      for (const l of outsideFences.split('\n')) expect((l.match(/`/g) ?? []).length % 2, l).toBe(0)
    }
  })
})
