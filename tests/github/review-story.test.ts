import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readReportFile } from '../../src/action/artifact.js'
import { run } from '../../src/action/run.js'
import { parseReviewMarker } from '../../src/report/review-comment.js'
import {
  commitAll,
  declareTracking,
  DEMO_SHOP,
  eventFile,
  git,
  makePrRepo,
  recordingIO,
  TRACKING_PR,
  writeFiles,
  type PrRepo,
} from '../action/helpers.js'
import { FakeGitHub, type StoredReviewComment } from './fake-github.js'
import { pullFilesFromGit } from './pull-files.js'
import { testClientFactory } from './test-client.js'

// The PR stories of the line comments, through the action's run() and real Octokit against the loopback GitHub,
// which refuses any line outside the PR's diff as GitHub does.

const REPO = 'acme/linen-and-loom'
let gh: FakeGitHub
let scratch: string
beforeAll(async () => {
  gh = await new FakeGitHub().start()
  scratch = mkdtempSync(join(tmpdir(), 'pd-review-story-'))
})
afterAll(async () => {
  await gh.stop()
  rmSync(scratch, { recursive: true, force: true })
})
const repos: PrRepo[] = []
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup()
  gh.readOnly = false
  gh.resolveForbidden = false
})

let nextNumber = 100

/** A PR on the fake GitHub whose diff is the real `git diff` of the test repository. */
function openPr(head: Record<string, string>): { repo: PrRepo; number: number } {
  const repo = makePrRepo(head)
  repos.push(repo)
  const number = nextNumber++
  push(repo, number, repo.headSha)
  return { repo, number }
}

function push(repo: PrRepo, number: number, headSha: string): void {
  gh.addPull(REPO, {
    number,
    state: 'open',
    title: 'Add tracking',
    baseSha: repo.baseSha,
    headSha,
    baseRef: 'main',
    headRepo: REPO,
    files: pullFilesFromGit(repo.dir, repo.baseSha, headSha),
  })
}

/** Runs the action on the PR's head, as a pull_request workflow with a write token. */
async function runAction(repo: PrRepo, number: number, headSha: string, inputs: Record<string, string> = {}) {
  const eventDir = mkdtempSync(join(scratch, 'event-'))
  const event = eventFile('pull_request.synchronize.json', { base: repo.baseSha, head: headSha }, eventDir)
  // The fixture payload is PR #42; the story's PR has its own number.
  const payload = JSON.parse(readFileSync(event, 'utf8'))
  payload.number = number
  payload.pull_request.number = number
  const path = join(eventDir, 'event.json')
  writeFiles(eventDir, { 'event.json': JSON.stringify(payload) })
  const io = recordingIO({ 'github-token': gh.token, 'fail-on': 'none', ...inputs })
  const result = await run({
    io,
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: REPO,
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: eventDir,
    },
    createClient: testClientFactory,
  })
  return { io, result }
}

/** 1-based number of the line of `file` at `sha` that contains `text`. */
function lineOf(repo: PrRepo, file: string, text: string): number {
  const lines = readFileSync(join(repo.dir, file), 'utf8').split('\n')
  const at = lines.findIndex((l) => l.includes(text))
  expect(at, `${text} in ${file}`).toBeGreaterThanOrEqual(0)
  return at + 1
}

const botComments = (number: number): StoredReviewComment[] =>
  gh.reviewCommentsOn(REPO, number).filter((c) => c.user.login === gh.botLogin)
const placed = (comments: StoredReviewComment[]) =>
  comments
    .map((c) => ({ key: parseReviewMarker(c.body)?.key, path: c.path, line: c.line }))
    .sort((a, b) => (a.key! < b.key! ? -1 : 1))

/** Whether a line is one the PR adds (a `+` line of the file's patch on the fake GitHub). */
function isAddedLine(number: number, path: string, line: number): boolean {
  const file = gh.filesOf(REPO, number).find((f) => f.filename === path)
  if (!file?.patch) return false
  let next = 0
  for (const text of file.patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(text)
    if (header) next = Number(header[1])
    else if (text.startsWith('+')) {
      if (next === line) return true
      next++
    } else if (text.startsWith(' ')) next++
  }
  return false
}

describe('review comments on the lines that add undeclared items', () => {
  it('new SDK, cookie and personal-data field: one review, comments exactly on the added lines; rerun, push and fix', async () => {
    const { repo, number } = openPr(TRACKING_PR)
    const file = 'src/lib/tracking.ts'

    // First run: one review, event COMMENT, a line comment per new item.
    const first = await runAction(repo, number, repo.headSha)
    expect(first.result.review).toMatchObject({ created: 4, skipped: [] })
    expect(first.result.review?.readOnly).toBeUndefined()
    const reviews = gh.reviewsOn(REPO, number)
    expect(reviews).toHaveLength(1)
    expect(reviews[0]).toMatchObject({ event: 'COMMENT', state: 'COMMENTED' })
    expect(reviews[0]!.body).toMatch(/adds 4 items that `privacy\.yml` does not declare/)
    const sdkLine = lineOf(repo, file, "import mixpanel from 'mixpanel-browser'")
    expect(placed(botComments(number))).toEqual([
      { key: 'analytics:mixpanel', path: file, line: sdkLine },
      { key: 'cookie:ll_referrer', path: file, line: lineOf(repo, file, "jar.set('ll_referrer'") },
      { key: 'cookie:mp_*_mixpanel', path: file, line: sdkLine },
      {
        key: 'personalData:user.government_id.national_identification_number',
        path: file,
        line: lineOf(repo, file, 'taxId: z.string()'),
      },
    ])
    // Mixpanel's evidence in the unchanged package.json gets nothing: only lines the PR adds.
    for (const c of botComments(number)) expect(isAddedLine(number, c.path, c.line!)).toBe(true)

    // What, why, the YAML to add, and the link to the sticky comment.
    const sticky = gh.commentsOn(REPO, number)[0]!
    const stickyUrl = `https://github.com/${REPO}/pull/${number}#issuecomment-${sticky.id}`
    const mixpanel = botComments(number).find((c) => c.body.includes('key=analytics%3Amixpanel '))!.body
    expect(mixpanel).toContain(
      '🔏 **New analytics service: Mixpanel `mixpanel`**, not declared in `privacy.yml`.',
    )
    expect(mixpanel).toMatch(
      /\*\*Why:\*\* rule `vendor\.mixpanel` \(high confidence\), import `mixpanel-browser`/,
    )
    expect(mixpanel).toMatch(/Add to `privacy\.yml`:\n\n```yaml\nanalytics:\n {2}- vendor: mixpanel/)
    expect(mixpanel).toContain(`[Full report in the PR comment](${stickyUrl})`)
    expect(first.io.rec.logs.some((l) => l.message.startsWith('Review: 4 line comments posted'))).toBe(true)
    expect(first.io.rec.summary.at(-1)).toBe(
      `Review: 4 line comments posted: https://github.com/${REPO}/pull/${number}#pullrequestreview-${reviews[0]!.id}\n`,
    )

    // Rerun on the same head: nothing new, nothing edited.
    const writes = (): number =>
      gh.count('POST', /\/pulls\/\d+\/(reviews|comments)$/) + gh.count('PATCH', /\/pulls\/comments\//)
    const before = writes()
    const rerun = await runAction(repo, number, repo.headSha)
    expect(rerun.result.review).toMatchObject({ created: 0, updated: 0, resolved: 0 })
    expect(writes()).toBe(before)
    expect(gh.reviewsOn(REPO, number)).toHaveLength(1)
    expect(rerun.io.rec.logs.some((l) => l.message === 'Review comments already up to date')).toBe(true)

    // A push that moves the lines (a header added above them): no duplicate.
    writeFiles(repo.dir, { [file]: `// Referral tracking\n// (see docs)\n${TRACKING_PR[file]}` })
    const moved = commitAll(repo.dir, 'move lines')
    push(repo, number, moved)
    await runAction(repo, number, moved)
    expect(botComments(number)).toHaveLength(4)
    expect(new Set(botComments(number).map((c) => parseReviewMarker(c.body)!.key)).size).toBe(4)
    expect(gh.reviewsOn(REPO, number)).toHaveLength(1)

    // The push that declares everything: each comment says so, its thread is resolved, nothing is deleted.
    writeFiles(repo.dir, { 'privacy.yml': declareTracking() })
    const fixed = commitAll(repo.dir, 'declare tracking')
    push(repo, number, fixed)
    const fix = await runAction(repo, number, fixed)
    expect(fix.result.review).toMatchObject({ created: 0, resolved: 4, threadsResolved: 4 })
    const after = botComments(number)
    expect(after).toHaveLength(4)
    for (const c of after) {
      expect(parseReviewMarker(c.body)!.state).toBe('resolved')
      expect(c.body).toMatch(/^✅ \*\*Resolved:\*\* .* is now declared in `privacy\.yml`\. Thank you!$/m)
      expect(c.body).not.toMatch(/not declared|does not declare|undeclared/)
      expect(gh.resolvedThreads.has(c.threadId)).toBe(true)
    }
    expect(gh.commentsOn(REPO, number)[0]!.body).toContain('### ✅ Privacy policy in sync')
    // The review's own text stops claiming drift too.
    expect(gh.reviewsOn(REPO, number)).toHaveLength(1)
    expect(gh.reviewsOn(REPO, number)[0]!.body).toContain(
      '✅ **Resolved:** `privacy.yml` now covers everything this pull request adds',
    )
    expect(fix.result.review?.settled).toBe(1)

    // And a rerun after the fix leaves the resolved comments alone.
    const settled = writes()
    await runAction(repo, number, fixed)
    expect(writes()).toBe(settled)
  })

  it('modified files: the require line rather than the package.json line, and none on files the PR did not touch', async () => {
    const email = readFileSync(join(DEMO_SHOP, 'src/lib/email.ts'), 'utf8')
    const schema = readFileSync(join(DEMO_SHOP, 'prisma/schema.prisma'), 'utf8')
    const pkg = readFileSync(join(DEMO_SHOP, 'package.json'), 'utf8')
    const { repo, number } = openPr({
      'src/lib/email.ts': email.replace(
        "import { Resend } from 'resend'\n",
        "import { Resend } from 'resend'\nconst twilio = require('twilio')\n",
      ),
      'prisma/schema.prisma': schema.replace(
        '  phone         String?\n',
        '  phone         String?\n  nationalId    String?\n',
      ),
      'package.json': pkg.replace('"stripe": "^17.5.0",', '"stripe": "^17.5.0",\n    "twilio": "^5.4.0",'),
      'src/components/Banner.tsx':
        "export function accept() {\n  document.cookie = 'll_banner_seen=1; path=/'\n}\n",
    })
    const { result } = await runAction(repo, number, repo.headSha)
    const comments = placed(botComments(number))
    expect(comments).toEqual(
      expect.arrayContaining([
        {
          key: 'processor:twilio',
          path: 'src/lib/email.ts',
          line: lineOf(repo, 'src/lib/email.ts', "require('twilio')"),
        },
        {
          key: 'cookie:ll_banner_seen',
          path: 'src/components/Banner.tsx',
          line: lineOf(repo, 'src/components/Banner.tsx', 'll_banner_seen'),
        },
        expect.objectContaining({
          path: 'prisma/schema.prisma',
          line: lineOf(repo, 'prisma/schema.prisma', 'nationalId'),
        }),
      ]),
    )
    expect(result.review?.created).toBe(comments.length)
    for (const c of botComments(number)) {
      expect(isAddedLine(number, c.path, c.line!), `${c.path}:${c.line}`).toBe(true)
      expect(gh.filesOf(REPO, number).map((f) => f.filename)).toContain(c.path)
    }
    expect(comments.some((c) => c.path === 'package.json')).toBe(false)
  })

  it('caps line comments at 20 per PR and lists the rest in the review body; fixes free room for them', async () => {
    const cookies = Array.from(
      { length: 23 },
      (_, i) => `document.cookie = 'll_flag_${String(i).padStart(2, '0')}=1'`,
    )
    const { repo, number } = openPr({ 'src/lib/flags.ts': cookies.join('\n') + '\n' })
    const { result } = await runAction(repo, number, repo.headSha)
    expect(result.review).toMatchObject({ created: 20, unmarked: 3 })
    expect(botComments(number)).toHaveLength(20)
    const body = gh.reviewsOn(REPO, number)[0]!.body
    expect(body).toContain('adds 23 items')
    expect(body).toContain('20 are marked below')
    expect(body.match(/over the limit of 20 line comments per run/g)).toHaveLength(3)
    for (const n of ['20', '21', '22']) expect(body).toContain(`cookie \`ll_flag_${n}\``)

    // A rerun posts nothing, not even the three left over: the cap holds across runs.
    await runAction(repo, number, repo.headSha)
    expect(botComments(number)).toHaveLength(20)
    expect(gh.reviewsOn(REPO, number)).toHaveLength(1)

    // Removing three cookies resolves their comments and makes room for the three left over.
    writeFiles(repo.dir, { 'src/lib/flags.ts': cookies.slice(3).join('\n') + '\n' })
    const head = commitAll(repo.dir, 'fewer flags')
    push(repo, number, head)
    const next = await runAction(repo, number, head)
    expect(next.result.review).toMatchObject({ created: 3, resolved: 3 })
    const open = botComments(number).filter((c) => parseReviewMarker(c.body)!.state === 'open')
    expect(open).toHaveLength(20)
    const resolved = botComments(number).filter((c) => parseReviewMarker(c.body)!.state === 'resolved')
    expect(resolved.map((c) => c.body.split('\n')[1])).toEqual(
      ['00', '01', '02'].map(
        (n) => `✅ **Resolved:** this pull request no longer adds cookie \`ll_flag_${n}\`.`,
      ),
    )
  })

  it('a merge-commit checkout (actions/checkout’s default) while main moved on: the PR’s lines, not main’s', async () => {
    const { repo, number } = openPr(TRACKING_PR)
    git(repo.dir, 'checkout', '-q', '-b', 'feature', repo.headSha)
    git(repo.dir, 'checkout', '-q', 'main')
    git(repo.dir, 'reset', '-q', '--hard', repo.baseSha)
    writeFiles(repo.dir, {
      'src/lib/support.ts':
        "import Intercom from '@intercom/messenger-js-sdk'\nIntercom({ app_id: 'abc' })\n",
    })
    commitAll(repo.dir, 'main: add support chat')
    git(repo.dir, 'merge', '-q', '--no-ff', '-m', 'merge', 'feature')
    const { result } = await runAction(repo, number, repo.headSha)
    expect(result.review).toMatchObject({ created: 4, skipped: [] })
    const file = 'src/lib/tracking.ts'
    expect(placed(botComments(number)).map((c) => `${c.path}:${c.line}`)).toEqual([
      `${file}:${lineOf(repo, file, "import mixpanel from 'mixpanel-browser'")}`,
      `${file}:${lineOf(repo, file, "jar.set('ll_referrer'")}`,
      `${file}:${lineOf(repo, file, "import mixpanel from 'mixpanel-browser'")}`,
      `${file}:${lineOf(repo, file, 'taxId: z.string()')}`,
    ])
  })

  it('review-comments: false posts only the sticky comment', async () => {
    const { repo, number } = openPr(TRACKING_PR)
    const { result } = await runAction(repo, number, repo.headSha, { 'review-comments': 'false' })
    expect(result.comment?.result?.action).toBe('created')
    expect(result.review).toBeUndefined()
    expect(gh.reviewCommentsOn(REPO, number)).toEqual([])
  })

  it('review-event: request-changes requests changes, and the request is dismissed once the PR is fixed', async () => {
    const { repo, number } = openPr(TRACKING_PR)
    await runAction(repo, number, repo.headSha, { 'review-event': 'request-changes' })
    expect(gh.reviewsOn(REPO, number).map((r) => r.state)).toEqual(['CHANGES_REQUESTED'])
    writeFiles(repo.dir, { 'privacy.yml': declareTracking() })
    const fixed = commitAll(repo.dir, 'declare')
    push(repo, number, fixed)
    const { result } = await runAction(repo, number, fixed, { 'review-event': 'request-changes' })
    expect(result.review).toMatchObject({ resolved: 4, dismissed: 1, settled: 1 })
    expect(gh.reviewsOn(REPO, number).map((r) => r.state)).toEqual(['DISMISSED'])
    expect(gh.reviewsOn(REPO, number)[0]!.body).toContain('✅ **Resolved:**')
  })

  it('a fork PR (read-only token): the sticky comment’s one warning, no review calls, step not failed', async () => {
    const { repo, number } = openPr(TRACKING_PR)
    gh.readOnly = true
    const { io, result } = await runAction(repo, number, repo.headSha)
    expect(result.status).toBe('ok')
    // Annotations aside (fail-on: none makes them warnings), one warning: the sticky comment's.
    const warnings = io.rec.logs.filter((l) => l.level === 'warning' && !l.place?.file)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/could not comment on this pull request: .*read-only/)
    expect(gh.count('POST', new RegExp(`/pulls/${number}/reviews$`))).toBe(0)
    expect(gh.reviewCommentsOn(REPO, number)).toEqual([])
  })
})

describe('fork-safe publish: the line comments from the artifact', () => {
  it('analyze carries the diff lines in the report-file; publish posts the review from it', async () => {
    const { repo, number } = openPr(TRACKING_PR)
    const dir = mkdtempSync(join(scratch, 'publish-'))
    const reportFile = join(dir, 'privacy-drift-report.json')
    const analyzeIo = recordingIO({ mode: 'analyze', 'report-file': reportFile, 'fail-on': 'none' })
    const event = JSON.parse(
      readFileSync(
        eventFile('pull_request.fork.json', { base: repo.baseSha, head: repo.headSha }, dir),
        'utf8',
      ),
    )
    event.pull_request.number = number
    writeFiles(dir, { 'pr.json': JSON.stringify(event) })
    await run({
      io: analyzeIo,
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(dir, 'pr.json'),
        GITHUB_REPOSITORY: REPO,
        GITHUB_WORKSPACE: repo.dir,
      },
      createClient: async () => {
        throw new Error('analyze must not talk to GitHub')
      },
    })
    const report = readReportFile(reportFile)
    // Only the files with evidence the PR changed: tracking.ts, not the unchanged package.json.
    const n = TRACKING_PR['src/lib/tracking.ts']!.split('\n').length - 1
    expect(report.github.diff).toEqual({
      files: [{ path: 'src/lib/tracking.ts', hunks: [[1, n]], added: [[1, n]] }],
    })

    const run2 = mkdtempSync(join(dir, 'run-'))
    const io = recordingIO({ mode: 'publish', 'report-file': reportFile, 'github-token': gh.token })
    const result = await run({
      io,
      env: {
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: eventFile(
          'workflow_run.completed.json',
          { base: repo.baseSha, head: repo.headSha },
          run2,
        ),
        GITHUB_REPOSITORY: REPO,
        GITHUB_WORKSPACE: run2,
        GITHUB_API_URL: gh.url,
      },
      createClient: testClientFactory,
    })
    expect(result.status).toBe('ok')
    expect(result.review).toMatchObject({ created: 4 })
    expect(placed(botComments(number)).map((c) => c.path)).toEqual(Array(4).fill('src/lib/tracking.ts'))
  })
})
