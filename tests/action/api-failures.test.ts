import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run, type ClientFactory } from '../../src/action/run.js'
import { createOctokit } from '../../src/github/octokit.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'
import { eventFile, makePrRepo, recordingIO, TRACKING_PR, type PrRepo } from './helpers.js'

// The publish phase against an API that never answers: the step ends with one clear message, whatever the
// machine's speed (the server never finishes, so the bound is the only way out).

let scratch: string
let silent: Server
const sockets = new Set<Socket>()
let repo: PrRepo
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'pd-api-'))
  silent = createServer(() => {})
  silent.on('connection', (s) => sockets.add(s))
  await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok))
  repo = makePrRepo(TRACKING_PR)
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((ok) => silent.close(() => ok()))
  repo.cleanup()
  rmSync(scratch, { recursive: true, force: true })
})

function env(apiUrl: string): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(scratch, 'event-'))
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventFile(
      'pull_request.synchronize.json',
      { base: repo.baseSha, head: repo.headSha },
      dir,
    ),
    GITHUB_REPOSITORY: 'acme/linen-and-loom',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_API_URL: apiUrl,
    RUNNER_TEMP: dir,
  }
}

describe('the publish phase is bounded', () => {
  it('an API that never answers: the step fails with one message naming the call and the bound', async () => {
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    const smallBounds: ClientFactory = async (token, apiUrl, io) =>
      new OctokitPrClient(
        createOctokit({
          token,
          baseUrl: apiUrl,
          log: { info: (m) => io.info(m), warning: (m) => io.warning(m) },
          timing: { retryBaseMs: 1 },
          limits: { requestTimeoutMs: 60_000, totalTimeoutMs: 300 },
        }),
      )
    const io = recordingIO({ 'github-token': 'ghs_x', 'fail-on': 'none' })
    const result = await run({ io, env: env(url), createClient: smallBounds })
    expect(result.status).toBe('error')
    expect(io.rec.failed).toBe(
      'privacy-drift: cannot list the comments of acme/linen-and-loom#42: the GitHub API calls of this step took over 0.3 s in all; GitHub or the network is too slow right now; run the job again',
    )
    // No other warning or error besides the annotations on the evidence lines.
    expect(
      io.rec.logs.filter((l) => (l.level === 'warning' || l.level === 'error') && !l.place?.file),
    ).toEqual([])
    // The report and the outputs were written before the comment was attempted.
    expect(io.rec.outputs['new-count']).toBe('4')
  })

  it('a GITHUB_API_URL that is not a URL: a usage error, not "internal error: Invalid URL"', async () => {
    const io = recordingIO({ 'github-token': 'ghs_x', 'fail-on': 'none' })
    const result = await run({ io, env: env('not a url') })
    expect(result.status).toBe('error')
    expect(io.rec.failed).toMatch(
      /^privacy-drift: GITHUB_API_URL "not a url" is not an http\(s\) URL of a GitHub API/,
    )
  })
})
