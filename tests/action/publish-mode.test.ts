import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readReportFile } from '../../src/action/artifact.js'
import { run } from '../../src/action/run.js'
import { toPullRequestInfo } from '../../src/github/pr-client.js'
import { MemoryPrClient } from '../github/memory-client.js'
import { eventFile, makePrRepo, recordingIO, TRACKING_PR, type PrRepo } from './helpers.js'

const REPO = 'acme/linen-and-loom'
let repo: PrRepo
let dir: string
let reportFile: string

/** The fork PR as the API returns it when the publish job looks it up. */
function forkPull(headSha: string) {
  const payload = JSON.parse(
    readFileSync(eventFile('pull_request.fork.json', { base: repo.baseSha, head: headSha }, dir), 'utf8'),
  )
  return toPullRequestInfo(payload.pull_request)
}

function publishEnv(headSha = repo.headSha): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: eventFile(
      'workflow_run.completed.json',
      { base: repo.baseSha, head: headSha },
      mkdtempSync(join(dir, 'ev-')),
    ),
    GITHUB_REPOSITORY: REPO,
    GITHUB_WORKSPACE: dir,
  }
}

beforeAll(async () => {
  repo = makePrRepo(TRACKING_PR)
  dir = mkdtempSync(join(tmpdir(), 'pd-publish-'))
  // Workflow A: pull_request from a fork, read-only, mode: analyze.
  const io = recordingIO({
    mode: 'analyze',
    'report-file': join(dir, 'artifact', 'privacy-drift-report.json'),
    'fail-on': 'none',
  })
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventFile('pull_request.fork.json', { base: repo.baseSha, head: repo.headSha }, dir),
    GITHUB_REPOSITORY: REPO,
    GITHUB_WORKSPACE: repo.dir,
  }
  const client = new MemoryPrClient()
  expect((await run({ io, env, createClient: async () => client })).status).toBe('ok')
  expect(client.calls).toEqual([])
  reportFile = io.rec.outputs['report-file']!
})
afterAll(() => {
  repo.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

describe('fork-safe publish (mode: publish on workflow_run)', () => {
  it('analyze wrote a report-file: the JSON report plus the PR facts', () => {
    const report = readReportFile(reportFile)
    expect(report.github).toMatchObject({
      repository: REPO,
      pullRequest: { number: 43, headSha: repo.headSha },
      manifestFile: 'privacy.yml',
      commentId: 'default',
    })
    expect(report.drift.new).toHaveLength(4)
  })

  it('posts the comment from the artifact after checking its head SHA against the run and the live PR', async () => {
    const client = new MemoryPrClient([forkPull(repo.headSha)])
    const io = recordingIO({ mode: 'publish', 'report-file': reportFile, 'github-token': 'ghs_write' })
    const result = await run({ io, env: publishEnv(), createClient: async () => client })
    expect(result.status).toBe('ok')
    expect(result.comment?.result?.action).toBe('created')
    expect(client.comments[0]!.body).toContain(
      `https://github.com/${REPO}/blob/${repo.headSha}/src/lib/tracking.ts#L`,
    )
    expect(client.comments[0]!.body).toContain('It adds 4 items')
    expect(io.rec.outputs).toMatchObject({
      'new-count': '4',
      'in-sync': 'false',
      'comment-url': client.comments[0]!.url,
    })
    expect(io.rec.failed).toBeUndefined()
  })

  it('refuses an artifact whose head SHA is not the triggering run’s', async () => {
    const client = new MemoryPrClient([forkPull(repo.headSha)])
    const io = recordingIO({ mode: 'publish', 'report-file': reportFile, 'github-token': 'ghs_write' })
    const result = await run({ io, env: publishEnv('9'.repeat(40)), createClient: async () => client })
    expect(result.status).toBe('error')
    expect(io.rec.failed).toMatch(
      /report-file is for commit [0-9a-f]{7}, but the triggering run was for 9999999: refusing to publish it/,
    )
    expect(client.calls).toEqual([])
  })

  it('does not publish a stale report once the PR has moved on', async () => {
    const client = new MemoryPrClient([forkPull('8'.repeat(40))])
    const io = recordingIO({ mode: 'publish', 'report-file': reportFile, 'github-token': 'ghs_write' })
    expect((await run({ io, env: publishEnv(), createClient: async () => client })).status).toBe('ok')
    expect(client.comments).toEqual([])
    expect(io.rec.logs.find((l) => l.level === 'notice')?.message).toMatch(/has moved on to 8888888/)
  })

  it('treats the artifact as untrusted: validated with zod, and its text escaped in the comment', async () => {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'))
    const evil = '<img src=x onerror=alert(1)> @octocat [x](https://evil.example)'
    report.drift.new[0].name = evil
    report.drift.new[0].sentence = evil
    const tampered = join(dir, 'tampered.json')
    writeFileSync(tampered, JSON.stringify(report))
    const client = new MemoryPrClient([forkPull(repo.headSha)])
    const io = recordingIO({ mode: 'publish', 'report-file': tampered, 'github-token': 'ghs_write' })
    await run({ io, env: publishEnv(), createClient: async () => client })
    const body = client.comments[0]!.body.replace(/```yaml[\s\S]*?```/, '').replace(/`[^`\n]*`/g, '')
    expect(body).not.toMatch(/<img|@octocat|\]\(https:\/\/evil/)

    for (const [path, value] of [
      [['github', 'manifestFile'], '</summary><img src=x>.yml'],
      [['github', 'pullRequest', 'headSha'], 'main'],
      [['drift', 'new', 0, 'evidence', 0, 'how'], 'javascript'],
      [['tool', 'name'], 'other-tool'],
    ] as [(string | number)[], string][]) {
      const bad = JSON.parse(readFileSync(reportFile, 'utf8'))
      let at = bad
      for (const k of path.slice(0, -1)) at = at[k]
      at[path.at(-1)!] = value
      const file = join(dir, 'bad.json')
      writeFileSync(file, JSON.stringify(bad))
      const badIo = recordingIO({ mode: 'publish', 'report-file': file, 'github-token': 'ghs_write' })
      expect(
        (await run({ io: badIo, env: publishEnv(), createClient: async () => new MemoryPrClient() })).status,
      ).toBe('error')
      expect(badIo.rec.failed).toMatch(
        new RegExp(`not a privacy-drift report written by mode: analyze \\(${path.join('\\.')}`),
      )
    }
  })

  it('explains a missing artifact and a foreign repository', async () => {
    const io = recordingIO({
      mode: 'publish',
      'report-file': join(dir, 'nope.json'),
      'github-token': 'ghs_write',
    })
    await run({ io, env: publishEnv() })
    expect(io.rec.failed).toMatch(
      /report-file .*nope\.json does not exist; in mode: publish, download the analyze job’s artifact first/,
    )
    const other = recordingIO({ mode: 'publish', 'report-file': reportFile, 'github-token': 'ghs_write' })
    await run({ io: other, env: { ...publishEnv(), GITHUB_REPOSITORY: 'mallory/elsewhere' } })
    expect(other.rec.failed).toMatch(
      /report-file is about acme\/linen-and-loom, but this workflow runs in mallory\/elsewhere/,
    )
  })
})
