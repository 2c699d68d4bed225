import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { run, type ClientFactory } from '../../src/action/run.js'
import { createOctokit } from '../../src/github/octokit.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'
import { FakeGitHub } from '../github/fake-github.js'
import { MemoryPrClient } from '../github/memory-client.js'
import { UNHURRIED } from '../github/test-client.js'
import {
  commitAll,
  DEMO_SHOP,
  declareTracking,
  eventFile,
  git,
  makePrRepo,
  recordingIO,
  TRACKING_PR,
  writeFiles,
  type PrRepo,
} from './helpers.js'

const REPO = 'acme/linen-and-loom'
const TOKEN = 'ghs_fakeTokenForTests0123456789'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pd-run-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const repos: PrRepo[] = []
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup()
})

function prRepo(head: Record<string, string>, base: Record<string, string> = {}): PrRepo {
  const r = makePrRepo(head, base)
  repos.push(r)
  return r
}

/** The GITHUB_* environment of a pull_request run in `dir`, with its event payload. */
function prEnv(
  repo: PrRepo,
  event = 'pull_request.synchronize.json',
  shas = { base: repo.baseSha, head: repo.headSha },
): NodeJS.ProcessEnv {
  const eventDir = mkdtempSync(join(scratch, 'event-'))
  return {
    GITHUB_EVENT_NAME: event.startsWith('workflow_run') ? 'workflow_run' : 'pull_request',
    GITHUB_EVENT_PATH: eventFile(event, shas, eventDir),
    GITHUB_REPOSITORY: REPO,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: eventDir,
  }
}

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'github-token': TOKEN,
  ...extra,
})
const memory =
  (client: MemoryPrClient): ClientFactory =>
  async () =>
    client
const octokitFactory: ClientFactory = async (token, apiUrl, io) =>
  new OctokitPrClient(
    createOctokit({
      token,
      baseUrl: apiUrl,
      log: { info: (m) => io.info(m), warning: (m) => io.warning(m) },
      timing: { retryBaseMs: 1, rateLimitBaseMs: 1, spaceWrites: false },
      limits: UNHURRIED,
    }),
  )

describe('PR stories (in-memory GitHub)', () => {
  it('new vendor, cookie and personal-data field: one comment with what, where, why, YAML and sentences', async () => {
    const repo = prRepo(TRACKING_PR)
    const client = new MemoryPrClient()
    const io = recordingIO(inputs())
    const result = await run({ io, env: prEnv(repo), createClient: memory(client) })

    expect(result.status).toBe('drift')
    expect(result.comment?.result?.action).toBe('created')
    expect(client.comments).toHaveLength(1)
    const body = client.comments[0]!.body
    expect(body.startsWith('<!-- privacy-drift:v1 id=default -->')).toBe(true)
    // The four items this PR adds, each with a link to the head commit line.
    for (const key of [
      '`mixpanel`',
      '`mp_*_mixpanel`',
      '`ll_referrer`',
      '`user.government_id.national_identification_number`',
    ])
      expect(body).toContain(key)
    expect(body).toContain(`https://github.com/${REPO}/blob/${repo.headSha}/src/lib/tracking.ts#L`)
    expect(body).toMatch(/`cookie-api\.cookies-set`/)
    expect(body).toMatch(/```yaml\n[\s\S]*analytics:\n {2}- vendor: mixpanel[\s\S]*```/)
    expect(body).toContain('#### Add to the privacy policy')
    // Items undeclared before this PR are folded, not blamed on it.
    expect(body).toMatch(
      /<details><summary>\d+ items were already undeclared before this PR<\/summary>[\s\S]*`posthog`/,
    )
    expect(body.split('<details>')[0]).not.toContain('`posthog`')
    // Stale declarations listed briefly.
    expect(body).toMatch(
      /declaration in <code>privacy\.yml<\/code> has no evidence in code[\s\S]*`mailchimp`/,
    )

    expect(io.rec.outputs['new-count']).toBe('4')
    expect(Number(io.rec.outputs['undeclared-count'])).toBeGreaterThan(4)
    expect(io.rec.outputs['in-sync']).toBe('false')
    expect(io.rec.outputs['comment-url']).toBe(client.comments[0]!.url)
    expect(existsSync(io.rec.outputs['report-file']!)).toBe(true)
    expect(io.rec.failed).toMatch(/^4 new undeclared items \(fail-on: new\)/)
    expect(io.rec.secrets).toContain(TOKEN)
    expect(io.rec.summary[0]).toMatch(/^## Privacy drift\n\nPull request #42: \*\*4 new undeclared items\*\*/)
    // The data map: in the job summary, and folded in the comment; the vendor this PR adds is marked undeclared.
    expect(io.rec.summary[0]).toMatch(
      /### Data map\n\n```mermaid\nflowchart LR\n[\s\S]*\["⚠ Mixpanel<br\/>mixpanel"\][\s\S]*```/,
    )
    expect(body).toMatch(
      /<details><summary>Data map<\/summary>\n\n```mermaid\nflowchart LR\n[\s\S]*⚠ Mixpanel/,
    )

    const errors = io.rec.logs.filter((l) => l.level === 'error')
    expect(errors.length).toBeGreaterThanOrEqual(4)
    // Evidence lines of the new items only: the new file, and the dependency manifest that declares mixpanel.
    expect(new Set(errors.map((e) => e.place?.file))).toEqual(
      new Set(['src/lib/tracking.ts', 'package.json']),
    )
    expect(
      errors.every((e) => (e.place?.startLine ?? 0) > 0 && e.place?.title?.startsWith('Undeclared ')),
    ).toBe(true)
  })

  it('a PR that starts sending a new field to a vendor: exactly one new item in the sticky comment', async () => {
    // The demo shop already sends Stripe the e-mail (declared) and the IP address (undeclared before the PR); the
    // head also puts the shipping city, a declared field, into the checkout session's metadata.
    const route = 'src/app/api/checkout/route.ts'
    const before = readFileSync(join(DEMO_SHOP, route), 'utf8')
    const after = before.replace(
      'metadata: { cartId: body.cartId, ip },',
      'metadata: { cartId: body.cartId, ip, city: body.shippingAddress.city },',
    )
    expect(after).not.toBe(before)
    const repo = prRepo({ [route]: after })
    const client = new MemoryPrClient()
    const io = recordingIO(inputs())
    const result = await run({ io, env: prEnv(repo), createClient: memory(client) })

    expect(result.status).toBe('drift')
    expect(client.comments).toHaveLength(1)
    expect(io.rec.outputs['new-count']).toBe('1')
    const body = client.comments[0]!.body
    const lines = body.split('\n')
    const start = lines.indexOf('| Kind | What | Where | Why |')
    const rows = lines.slice(start + 2, lines.indexOf('', start))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('`stripe → user.contact.address.city`')
    expect(rows[0]).toContain(`https://github.com/${REPO}/blob/${repo.headSha}/${route}#L21`)
    expect(result.comment?.result?.action).toBe('created')
    // A second run on the same head leaves that one comment as it is.
    const again = await run({ io: recordingIO(inputs()), env: prEnv(repo), createClient: memory(client) })
    expect(again.comment?.result?.action).toBe('unchanged')
    expect(client.comments).toHaveLength(1)
  })

  it('a second run on the same head leaves the comment untouched; a fix turns it into "in sync"', async () => {
    const repo = prRepo(TRACKING_PR)
    const client = new MemoryPrClient()
    await run({ io: recordingIO(inputs()), env: prEnv(repo), createClient: memory(client) })
    client.calls = []
    const again = await run({ io: recordingIO(inputs()), env: prEnv(repo), createClient: memory(client) })
    expect(again.comment?.result?.action).toBe('unchanged')
    expect(client.calls.filter((c) => c.startsWith('create') || c.startsWith('update'))).toEqual([])

    writeFiles(repo.dir, { 'privacy.yml': declareTracking() })
    const fixed = commitAll(repo.dir, 'declare tracking')
    const io = recordingIO(inputs())
    const result = await run({
      io,
      env: prEnv(repo, undefined, { base: repo.baseSha, head: fixed }),
      createClient: memory(client),
    })
    expect(result.status).toBe('ok')
    expect(result.comment?.result?.action).toBe('resolved')
    expect(client.comments).toHaveLength(1)
    expect(client.comments[0]!.body).toContain('### ✅ Privacy policy in sync')
    expect(client.comments[0]!.body).not.toContain('mixpanel')
    expect(io.rec.outputs['new-count']).toBe('0')
    expect(io.rec.failed).toBeUndefined()
  })

  it('a PR that adds nothing undeclared posts nothing', async () => {
    const repo = prRepo({ 'README.md': '# Linen & Loom\n\nNow with a longer readme.\n' })
    const client = new MemoryPrClient()
    const io = recordingIO(inputs())
    const result = await run({ io, env: prEnv(repo), createClient: memory(client) })
    expect(result.status).toBe('ok')
    expect(result.comment?.result?.action).toBe('none')
    expect(client.calls.some((c) => c.startsWith('create'))).toBe(false)
    expect(client.comments).toEqual([])
    expect(io.rec.outputs['new-count']).toBe('0')
    // The repository still has drift from before the PR: reported, not failed with fail-on: new.
    expect(Number(io.rec.outputs['undeclared-count'])).toBeGreaterThan(0)
    expect(io.rec.failed).toBeUndefined()
    expect(io.rec.logs.filter((l) => l.level === 'error')).toEqual([])
  })

  it('fail-on any fails on drift from before the PR; fail-on none never fails', async () => {
    const repo = prRepo({ 'README.md': 'changed\n' })
    const any = recordingIO(inputs({ 'fail-on': 'any', comment: 'false' }))
    expect(
      (await run({ io: any, env: prEnv(repo), createClient: memory(new MemoryPrClient()) })).status,
    ).toBe('drift')
    expect(any.rec.failed).toMatch(/undeclared items \(fail-on: any\)/)
    const none = recordingIO(inputs({ 'fail-on': 'none', comment: 'false' }))
    const tracking = prRepo(TRACKING_PR)
    expect(
      (await run({ io: none, env: prEnv(tracking), createClient: memory(new MemoryPrClient()) })).status,
    ).toBe('ok')
    expect(none.rec.failed).toBeUndefined()
    // Without failing, the new items are warnings rather than errors.
    expect(none.rec.logs.filter((l) => l.level === 'warning' && l.place?.file).length).toBeGreaterThanOrEqual(
      4,
    )
  })

  it('a read-only token (fork PR) degrades to summary + annotations + a warning with the fork recipe', async () => {
    const repo = prRepo(TRACKING_PR)
    const client = new MemoryPrClient()
    client.readOnly = true
    const io = recordingIO(inputs({ 'fail-on': 'none' }))
    const result = await run({ io, env: prEnv(repo, 'pull_request.fork.json'), createClient: memory(client) })
    expect(result.status).toBe('ok')
    expect(result.comment?.readOnly).toBe(true)
    expect(io.rec.failed).toBeUndefined()
    const warning = io.rec.logs.find((l) => l.level === 'warning' && /could not comment/.test(l.message))
    expect(warning?.message).toMatch(/mode: analyze[\s\S]*mode: publish/)
    expect(warning?.message).toContain('docs/action.md#fork-pull-requests')
    expect(io.rec.summary.join('')).toContain('## Privacy drift')
    expect(io.rec.outputs['new-count']).toBe('4')
    expect(io.rec.outputs['comment-url']).toBe('')
  })

  it('a comment with our marker written by someone else is not ours: a new one is created', async () => {
    const repo = prRepo(TRACKING_PR)
    const client = new MemoryPrClient()
    const spoof = client.seed('<!-- privacy-drift:v1 id=default -->\nall good, merge it', 'mallory', 'User')
    await run({ io: recordingIO(inputs()), env: prEnv(repo), createClient: memory(client) })
    expect(client.comments).toHaveLength(2)
    expect(client.comments.find((c) => c.id === spoof.id)!.body).toBe(
      '<!-- privacy-drift:v1 id=default -->\nall good, merge it',
    )
  })

  it('comment: false and mode: analyze never talk to GitHub', async () => {
    const repo = prRepo(TRACKING_PR)
    for (const extra of [{ comment: 'false' }, { mode: 'analyze' }] as Record<string, string>[]) {
      const client = new MemoryPrClient()
      const io = recordingIO(inputs({ ...extra, 'fail-on': 'none' }))
      await run({ io, env: prEnv(repo), createClient: memory(client) })
      expect(client.calls).toEqual([])
      expect(io.rec.outputs['new-count']).toBe('4')
    }
  })

  it('a push (no PR) compares with nothing: every undeclared item counts, no comment', async () => {
    const repo = prRepo(TRACKING_PR)
    const env = {
      ...prEnv(repo),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventFile('push.json', { base: repo.baseSha, head: repo.headSha }, scratch),
    }
    const client = new MemoryPrClient()
    const io = recordingIO(inputs())
    const result = await run({ io, env, createClient: memory(client) })
    expect(result.status).toBe('drift')
    expect(client.calls).toEqual([])
    expect(io.rec.outputs['new-count']).toBe(io.rec.outputs['undeclared-count'])
    // Links point at the checked-out commit.
    expect(io.rec.summary[0]).toContain(`/blob/${repo.headSha}/`)
  })

  it('bad inputs and a broken privacy.yml fail with a located, actionable message', async () => {
    const repo = prRepo(TRACKING_PR)
    const bad = recordingIO(inputs({ 'fail-on': 'sometimes' }))
    expect((await run({ io: bad, env: prEnv(repo) })).status).toBe('error')
    expect(bad.rec.failed).toBe(
      'privacy-drift: input `fail-on` must be one of none, new, any; got `sometimes`',
    )

    writeFileSync(join(repo.dir, 'privacy.yml'), 'version: 1\ndata:\n  - category: user.contact.mail\n')
    const io = recordingIO(inputs())
    const prev = process.cwd()
    process.chdir(repo.dir)
    try {
      expect((await run({ io, env: prEnv(repo) })).status).toBe('error')
    } finally {
      process.chdir(prev)
    }
    expect(io.rec.failed).toMatch(/configuration error\nprivacy\.yml:3:\d+/)
    const annotation = io.rec.logs.find((l) => l.level === 'error' && l.place?.file === 'privacy.yml')
    expect(annotation?.place?.startLine).toBe(3)
    expect(annotation?.message).toMatch(/user\.contact\.email/)
  })

  it('a job summary the runner cannot take is a warning, not a lost comment', async () => {
    const repo = prRepo(TRACKING_PR)
    const client = new MemoryPrClient()
    const io = recordingIO(inputs({ 'fail-on': 'none' }))
    io.appendSummary = async () => {
      throw new Error('EACCES: permission denied')
    }
    const result = await run({ io, env: prEnv(repo), createClient: memory(client) })
    expect(result.status).toBe('ok')
    expect(client.comments).toHaveLength(1)
    expect(
      io.rec.logs.some(
        (l) => l.level === 'warning' && l.message.includes('could not write the job summary: EACCES'),
      ),
    ).toBe(true)
    expect(io.rec.outputs['new-count']).toBe('4')
  })

  it('a missing privacy.yml fails fast, naming the fix', async () => {
    const repo = prRepo({})
    rmSync(join(repo.dir, 'privacy.yml'))
    const io = recordingIO(inputs())
    expect((await run({ io, env: prEnv(repo) })).status).toBe('error')
    expect(io.rec.failed).toMatch(/no privacy\.yml found.*privacy-drift init/s)
  })
})

describe('what a PR changed', () => {
  it('compares a merge-commit checkout with the commit GitHub merged into, not what main gained meanwhile', async () => {
    const repo = prRepo(TRACKING_PR)
    // main moves on after the PR branched: it adds Intercom (declared nowhere).
    git(repo.dir, 'checkout', '-q', '-b', 'feature', repo.headSha)
    git(repo.dir, 'checkout', '-q', 'main')
    git(repo.dir, 'reset', '-q', '--hard', repo.baseSha)
    writeFiles(repo.dir, {
      'src/lib/support.ts':
        "import Intercom from '@intercom/messenger-js-sdk'\nIntercom({ app_id: 'abc' })\n",
    })
    const mainTip = commitAll(repo.dir, 'main: add support chat')
    git(repo.dir, 'merge', '-q', '--no-ff', '-m', 'merge', 'feature')
    const merge = git(repo.dir, 'rev-parse', 'HEAD')
    expect(merge).not.toBe(repo.headSha)

    const io = recordingIO(inputs({ 'fail-on': 'none', comment: 'false' }))
    // The payload's base is the older base commit; the checkout is the merge commit (actions/checkout's default).
    const result = await run({ io, env: prEnv(repo), createClient: memory(new MemoryPrClient()) })
    expect(result.status).toBe('ok')
    expect(io.rec.outputs['new-count']).toBe('4')
    const report = JSON.parse(readFileSync(io.rec.outputs['report-file']!, 'utf8')) as {
      drift: { new: { key: string }[] }
    }
    expect(report.drift.new.map((n) => n.key)).not.toContain('intercom')
    expect(mainTip).toHaveLength(40)
  })

  it('fetches the base commit itself when the checkout is shallow', async () => {
    const origin = prRepo(TRACKING_PR)
    const clone = mkdtempSync(join(scratch, 'shallow-'))
    git(origin.dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true')
    git(scratch, 'clone', '-q', '--depth=1', `file://${origin.dir}`, clone)
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true')
    expect(() => git(clone, 'cat-file', '-e', `${origin.baseSha}^{commit}`)).toThrow()

    const io = recordingIO(inputs({ comment: 'false', 'fail-on': 'none' }))
    const env = { ...prEnv(origin), GITHUB_WORKSPACE: clone }
    expect((await run({ io, env })).status).toBe('ok')
    expect(
      io.rec.logs.some((l) => l.message.includes(`git fetch --no-tags --depth=1 origin ${origin.baseSha}`)),
    ).toBe(true)
    expect(io.rec.outputs['new-count']).toBe('4')
  })

  it('explains the checkout setting when the base commit cannot be fetched', async () => {
    const origin = prRepo(TRACKING_PR)
    const io = recordingIO(inputs({ comment: 'false' }))
    const missing = 'f'.repeat(40)
    const result = await run({ io, env: prEnv(origin, undefined, { base: missing, head: origin.headSha }) })
    expect(result.status).toBe('error')
    expect(io.rec.failed).toContain(`base commit ${missing}`)
    expect(io.rec.failed).toContain('fetch-depth: 0')
  })
})

describe('GitHub API failures (Octokit client against a local GitHub)', () => {
  let gh: FakeGitHub
  beforeAll(async () => {
    gh = await new FakeGitHub().start()
  })
  afterAll(() => gh.stop())

  const withApi = (repo: PrRepo): NodeJS.ProcessEnv => {
    gh.addPull(REPO, {
      number: 42,
      state: 'open',
      title: 't',
      baseSha: repo.baseSha,
      headSha: repo.headSha,
      baseRef: 'main',
      headRepo: REPO,
    })
    return { ...prEnv(repo), GITHUB_API_URL: gh.url }
  }

  it('retries 500s and then comments', async () => {
    const repo = prRepo(TRACKING_PR)
    const env = withApi(repo)
    gh.fail('POST', /\/issues\/42\/comments$/, { status: 500 }, { status: 502 })
    const io = recordingIO(inputs({ 'fail-on': 'none' }))
    const result = await run({ io, env, createClient: octokitFactory })
    expect(result.comment?.result?.action).toBe('created')
    expect(gh.count('POST', /\/issues\/42\/comments$/)).toBe(3)
    expect(gh.commentsOn(REPO, 42)).toHaveLength(1)
    expect(io.rec.failed).toBeUndefined()
  })

  it('a persistent failure is a clear error, after the summary and outputs are written', async () => {
    const repo = prRepo(TRACKING_PR)
    const env = withApi(repo)
    const before = gh.commentsOn(REPO, 42).length
    gh.fail(
      'GET',
      /\/issues\/42\/comments$/,
      ...Array.from({ length: 4 }, () => ({ status: 502, body: { message: 'Bad Gateway' } })),
    )
    const io = recordingIO(inputs({ 'fail-on': 'none' }))
    const result = await run({ io, env, createClient: octokitFactory })
    expect(result.status).toBe('error')
    expect(io.rec.failed).toBe(
      `privacy-drift: cannot list the comments of ${REPO}#42: GitHub answered 502 (Bad Gateway) and kept failing after retries; try again later`,
    )
    expect(io.rec.summary[0]).toContain('## Privacy drift')
    expect(io.rec.outputs['new-count']).toBe('4')
    expect(gh.commentsOn(REPO, 42)).toHaveLength(before)
  })

  it('a bad token is named as such, and the token never appears in what the action says', async () => {
    const repo = prRepo(TRACKING_PR)
    const env = withApi(repo)
    const io = recordingIO({ 'github-token': 'ghs_wrongTokenValue999', 'fail-on': 'none' })
    const result = await run({ io, env, createClient: octokitFactory })
    expect(result.status).toBe('error')
    expect(io.rec.failed).toMatch(/401 Bad credentials/)
    const said = JSON.stringify(io.rec.logs) + io.rec.failed + io.rec.summary.join('')
    expect(said).not.toContain('ghs_wrongTokenValue999')
    expect(io.rec.secrets).toEqual(['ghs_wrongTokenValue999'])
  })
})
