import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readContext } from '../../src/action/context.js'
import { inertLog } from '../../src/action/io.js'
import { run } from '../../src/action/run.js'
import { changedFiles, readAtCommit, readManyAtCommit, resolveCommit } from '../../src/git/git.js'
import { ensureCommit, hasCommit, withWorktree } from '../../src/github/local-git.js'
import { UsageError } from '../../src/util/errors.js'
import { MemoryPrClient } from '../github/memory-client.js'
import { EVENTS, git, makePrRepo, recordingIO, TRACKING_PR, writeFiles, type PrRepo } from './helpers.js'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pd-payload-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const repos: PrRepo[] = []
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup()
})

/** A PR checkout with an `origin` remote (so `git fetch origin …` would run), and a payload with these SHAs. */
function setUp(base: string, head: string): { repo: PrRepo; env: NodeJS.ProcessEnv } {
  const repo = makePrRepo(TRACKING_PR)
  repos.push(repo)
  git(repo.dir, 'remote', 'add', 'origin', repo.dir)
  const payload = JSON.parse(readFileSync(join(EVENTS, 'pull_request.synchronize.json'), 'utf8'))
  payload.pull_request.base.sha = base
  payload.pull_request.head.sha = head
  const eventPath = join(mkdtempSync(join(scratch, 'event-')), 'event.json')
  writeFileSync(eventPath, JSON.stringify(payload))
  return {
    repo,
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/linen-and-loom',
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_API_URL: 'http://127.0.0.1:9',
      RUNNER_TEMP: scratch,
    },
  }
}

async function runAction(env: NodeJS.ProcessEnv) {
  const io = recordingIO({ 'github-token': 'ghs_x', 'fail-on': 'none' })
  const result = await run({ io, env, createClient: async () => new MemoryPrClient() })
  return { result, rec: io.rec }
}

describe('SHAs from the event payload never reach git as options', () => {
  it('a base SHA of `--upload-pack=<command>` runs nothing and fails with a message that does not echo it', async () => {
    const marker = join(scratch, 'upload-pack-ran')
    const { repo, env } = setUp(`--upload-pack=touch ${marker}`, 'f'.repeat(40))
    const { result, rec } = await runAction({ ...env })
    expect(result.status).toBe('error')
    expect(existsSync(marker)).toBe(false)
    expect(rec.failed).toMatch(/pull_request\.base\.sha is not a commit SHA \(40 or 64 hexadecimal digits\)/)
    expect(rec.failed).not.toContain('upload-pack')
    expect(JSON.stringify(rec.logs)).not.toContain('upload-pack')
    expect(repo.dir).toBeTruthy()
  })

  it('a SHA with a newline and a workflow command is refused without printing either', async () => {
    const { repo, env } = setUp(`${'a'.repeat(40)}\n::error::forged by the payload`, 'f'.repeat(40))
    const { result, rec } = await runAction(env)
    expect(result.status).toBe('error')
    expect(rec.failed).not.toContain('::error::')
    expect(rec.failed).not.toContain('forged')
    expect(rec.logs.map((l) => l.message).join('\n')).not.toContain('forged')
    expect(repo.dir).toBeTruthy()
  })

  it('upper-case, short, or range SHAs are not SHAs; a real one is fetched and found', () => {
    const repo = makePrRepo(TRACKING_PR)
    repos.push(repo)
    for (const bad of [repo.baseSha.toUpperCase(), repo.baseSha.slice(0, 12), `${repo.baseSha}..HEAD`, '-h'])
      expect(() => ensureCommit(repo.dir, bad, 'base', () => {})).toThrow(UsageError)
    expect(hasCommit(repo.dir, '--all')).toBe(false)
    expect(() => ensureCommit(repo.dir, repo.baseSha, 'base', () => {})).not.toThrow()
  })
})

describe('every git call ends its options before refs and paths', () => {
  it('a revision that looks like an option is refused or treated as a revision, never run as one', async () => {
    const repo = makePrRepo(TRACKING_PR)
    repos.push(repo)
    const out = join(scratch, 'diff-output')
    // `git diff --output=<file>` would write a file: as a revision it is rejected.
    expect(() => changedFiles(repo.dir, `--output=${out}`)).toThrow(UsageError)
    expect(() => resolveCommit(repo.dir, `--output=${out}`)).toThrow(/commit not found/)
    expect(existsSync(out)).toBe(false)
    await expect(withWorktree(repo.dir, '--detach', async () => 0)).rejects.toThrow(UsageError)
  })

  it('reads files whose names look like options or pathspec magic, and never follows a link at the base', () => {
    const repo = makePrRepo({})
    repos.push(repo)
    writeFiles(repo.dir, { '--output=x.ts': 'export const a = 1\n', ':(glob)*.ts': 'export const b = 2\n' })
    symlinkSync('/etc/hostname', join(repo.dir, 'link.ts'))
    git(repo.dir, 'add', '--', '--output=x.ts', ':(literal):(glob)*.ts', 'link.ts')
    git(repo.dir, 'commit', '-q', '-m', 'odd names')
    const sha = git(repo.dir, 'rev-parse', 'HEAD')
    expect(readAtCommit(repo.dir, sha, '--output=x.ts', 1000)?.content?.toString()).toBe(
      'export const a = 1\n',
    )
    expect(readAtCommit(repo.dir, sha, ':(glob)*.ts', 1000)?.content?.toString()).toBe('export const b = 2\n')
    expect(readAtCommit(repo.dir, sha, '*.ts', 1000)).toBeUndefined()
    expect(readAtCommit(repo.dir, sha, 'link.ts', 1000)).toBeUndefined()
    // Over the limit: the size, not the content.
    expect(readAtCommit(repo.dir, sha, '--output=x.ts', 5)).toEqual({ size: 19 })
    // Many at once (a PR check): the same answers, a missing path and a link left out.
    const many = readManyAtCommit(
      repo.dir,
      sha,
      ['link.ts', '--output=x.ts', 'absent.ts', ':(glob)*.ts'],
      1000,
    )
    expect([...many.keys()].sort()).toEqual(['--output=x.ts', ':(glob)*.ts'])
    expect(many.get('--output=x.ts')?.content?.toString()).toBe('export const a = 1\n')
    expect(many.get(':(glob)*.ts')?.content?.toString()).toBe('export const b = 2\n')
  })
})

describe('log lines cannot start a workflow command', () => {
  it('inertLog breaks `::` at the start of any line and makes control characters visible', () => {
    const text = inertLog('fetching a\n::error::forged\n  ::add-mask::x\r\n\x1b]0;title\x07 ok :: fine')
    for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false)
    expect(text).toContain('\\x1b]0;title\\x07')
    expect(text).toContain('ok :: fine')
  })
})

describe('a payload of another shape is named, never a crash', () => {
  it('a null or an object where workflow_run lists its pull requests: a usage error with the path', () => {
    const read = (run: unknown) => {
      const path = join(mkdtempSync(join(scratch, 'event-')), 'event.json')
      writeFileSync(path, JSON.stringify({ workflow_run: { head_sha: 'a'.repeat(40), ...(run as object) } }))
      return () => readContext({ GITHUB_EVENT_PATH: path })
    }
    expect(read({ pull_requests: [{ number: 3 }, null] })).toThrow(
      /^the event payload’s workflow_run\.pull_requests\[1\] is not what GitHub sends \(.*\); is GITHUB_EVENT_PATH the runner’s event file\?$/,
    )
    expect(read({ pull_requests: { number: 3 } })).toThrow(UsageError)
    expect(read({ head_repository: 'acme/fork', event: 'pull_request' })).toThrow(
      /workflow_run\.head_repository is not what GitHub sends/,
    )
    expect(read({ pull_requests: [{ number: 3 }], head_repository: null })()).toMatchObject({
      workflowRun: { pullRequests: [3], headRepo: '' },
    })
  })
})
