import { spawn } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGitHub } from '../github/fake-github.js'
import {
  commitAll,
  declareTracking,
  eventFile,
  makePrRepo,
  PROJECT,
  TRACKING_PR,
  writeFiles,
  type PrRepo,
} from './helpers.js'

const BUNDLE = join(PROJECT, 'dist', 'index.js')
/** The runtime the bundle runs on: CI runs this file again on Node 24 (the action's `runs.using`). */
const NODE = process.env.PRIVACY_DRIFT_TEST_NODE || process.execPath
const REPO = 'acme/linen-and-loom'

interface StepResult {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

let gh: FakeGitHub
let scratch: string
beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error('dist/index.js is missing: run `npm run bundle` first')
  gh = await new FakeGitHub().start()
  scratch = mkdtempSync(join(tmpdir(), 'pd-e2e-'))
})
afterAll(async () => {
  await gh.stop()
  rmSync(scratch, { recursive: true, force: true })
})

/** Parses the GITHUB_OUTPUT file (`name<<delimiter\nvalue\ndelimiter`). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

/** Runs `node dist/index.js` the way the runner does: GITHUB_* variables, INPUT_* inputs (hyphens kept). */
async function step(
  repo: PrRepo,
  headSha: string,
  inputs: Record<string, string>,
  event = 'pull_request.synchronize.json',
  number?: number,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<StepResult> {
  const dir = mkdtempSync(join(scratch, 'step-'))
  const output = join(dir, 'output')
  const summary = join(dir, 'summary.md')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  const eventPath = eventFile(event, { base: repo.baseSha, head: headSha }, dir)
  if (number !== undefined) {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8'))
    payload.number = payload.pull_request.number = number
    writeFileSync(eventPath, JSON.stringify(payload))
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: gh.url,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_RUN_ID: '9001',
    RUNNER_TEMP: dir,
    // GITHUB_SHA is the merge commit on pull_request: the action must not use it.
    GITHUB_SHA: 'e'.repeat(40),
    'INPUT_GITHUB-TOKEN': gh.token,
    INPUT_COMMENT: 'true',
    'INPUT_FAIL-ON': 'new',
    INPUT_MODE: 'auto',
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  Object.assign(env, extraEnv)
  const child = spawn(NODE, [BUNDLE], { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((ok) => child.on('close', ok))
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  }
}

describe('dist/index.js on a pull_request event', () => {
  let repo: PrRepo
  beforeAll(() => {
    repo = makePrRepo(TRACKING_PR)
    gh.addPull(REPO, {
      number: 42,
      state: 'open',
      title: 'Add tracking',
      baseSha: repo.baseSha,
      headSha: repo.headSha,
      baseRef: 'main',
      headRepo: REPO,
    })
  })
  afterAll(() => repo.cleanup())

  it('comments once, writes the summary, annotations and outputs, and fails on new drift', async () => {
    const r = await step(repo, repo.headSha, {})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const comments = gh.commentsOn(REPO, 42)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(`/blob/${repo.headSha}/src/lib/tracking.ts#L`)
    expect(comments[0]!.body).not.toContain('e'.repeat(40))
    expect(r.outputs).toEqual({
      'in-sync': 'false',
      'undeclared-count': expect.stringMatching(/^\d+$/),
      'new-count': '4',
      'report-file': join(
        r.outputs['report-file']!.replace(/privacy-drift-report\.json$/, ''),
        'privacy-drift-report.json',
      ),
      'comment-url': `https://github.com/${REPO}/pull/42#issuecomment-${comments[0]!.id}`,
    })
    expect(existsSync(r.outputs['report-file']!)).toBe(true)
    expect(r.summary).toMatch(/^## Privacy drift\n\nPull request #42: \*\*4 new undeclared items\*\*/)
    expect(r.summary).toContain(`PR comment created: https://github.com/${REPO}/pull/42#issuecomment-`)
    // Workflow-command properties are escaped (`:` → %3A); the message is the plain text.
    expect(r.stdout).toMatch(
      /^::error title=Undeclared cookie%3A ll_referrer,file=src\/lib\/tracking\.ts,line=16,col=3::ll_referrer is not declared in privacy\.yml/m,
    )
    expect(r.stdout).toMatch(
      /^::error title=Undeclared analytics%3A mixpanel,file=package\.json,line=\d+,col=\d+::/m,
    )
    expect(r.stdout).toMatch(/^::error::4 new undeclared items \(fail-on: new\)/m)
    // The token only ever appears in the add-mask command that tells the runner to hide it.
    expect(r.stdout.split(gh.token).length - 1).toBe(1)
    expect(r.stdout).toContain(`::add-mask::${gh.token}`)
  })

  it('a second run edits rather than duplicates: unchanged body → no write; fixed drift → "in sync", exit 0', async () => {
    const writes = (): number =>
      gh.count('POST', /\/issues\/42\/comments$/) + gh.count('PATCH', /\/issues\/comments\//)
    const before = writes()
    const again = await step(repo, repo.headSha, {})
    expect(again.code).toBe(1)
    expect(writes()).toBe(before)
    expect(again.stdout).toContain('PR comment already up to date')

    writeFiles(repo.dir, { 'privacy.yml': declareTracking() })
    const fixed = commitAll(repo.dir, 'declare tracking')
    const r = await step(repo, fixed, {})
    expect(r.code).toBe(0)
    const comments = gh.commentsOn(REPO, 42)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('### ✅ Privacy policy in sync')
    expect(gh.count('PATCH', /\/issues\/comments\//)).toBe(1)
    expect(r.outputs['in-sync']).toBe('false')
    expect(r.outputs['new-count']).toBe('0')
    expect(r.outputs['comment-url']).toBe(
      `https://github.com/${REPO}/pull/42#issuecomment-${comments[0]!.id}`,
    )
  })
})

describe('dist/index.js on a fork PR and through API hiccups', () => {
  it('a read-only token: warning with the fork recipe, summary written, step not failed by the 403', async () => {
    const repo = makePrRepo(TRACKING_PR)
    try {
      gh.addPull(REPO, {
        number: 43,
        state: 'open',
        title: 'fork',
        baseSha: repo.baseSha,
        headSha: repo.headSha,
        baseRef: 'main',
        headRepo: 'mallory/linen-and-loom',
      })
      gh.readOnly = true
      const r = await step(repo, repo.headSha, { 'fail-on': 'none' }, 'pull_request.fork.json')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(
        /^::warning::privacy-drift could not comment on this pull request: .*403 Resource not accessible by integration.*mode: analyze/m,
      )
      expect(r.summary).toContain('## Privacy drift')
      expect(r.outputs['new-count']).toBe('4')
      expect(r.outputs['comment-url']).toBe('')
      expect(gh.commentsOn(REPO, 43)).toEqual([])
    } finally {
      gh.readOnly = false
      repo.cleanup()
    }
  })

  it('retries a 502 from GitHub and still comments (through the proxy-aware client)', async () => {
    const repo = makePrRepo(TRACKING_PR)
    try {
      gh.addPull(REPO, {
        number: 44,
        state: 'open',
        title: 'retry',
        baseSha: repo.baseSha,
        headSha: repo.headSha,
        baseRef: 'main',
        headRepo: REPO,
      })
      gh.fail('GET', /\/issues\/44\/comments$/, { status: 502, body: { message: 'Bad Gateway' } })
      const proxy = {
        http_proxy: 'http://127.0.0.1:9',
        https_proxy: 'http://127.0.0.1:9',
        no_proxy: '127.0.0.1',
      }
      const r = await step(repo, repo.headSha, { 'fail-on': 'none' }, undefined, 44, proxy)
      expect(r.code).toBe(0)
      expect(gh.count('GET', /\/issues\/44\/comments\?/)).toBe(2)
      expect(gh.commentsOn(REPO, 44)).toHaveLength(1)
      // The proxy-aware fetch was in use (it bypasses the proxy for loopback and no_proxy hosts).
      expect(r.stdout).toContain('::debug::GitHub API requests go through the proxy')
    } finally {
      repo.cleanup()
    }
  })

  it('fails on a missing privacy.yml before it loads the engine, with a clear message', async () => {
    // A copy of dist/ without the engine chunk: failing fast must not need it (nor the TypeScript compiler in it).
    const lean = mkdtempSync(join(scratch, 'lean-'))
    for (const f of readdirSync(join(PROJECT, 'dist')))
      if (f !== 'engine.js') copyFileSync(join(PROJECT, 'dist', f), join(lean, f))
    const empty = mkdtempSync(join(scratch, 'empty-'))
    const child = spawn(NODE, [join(lean, 'index.js')], {
      cwd: empty,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const code = await new Promise<number | null>((ok) => child.on('close', ok))
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /::error::privacy-drift: configuration error%0Aprivacy\.yml:1:1 no privacy\.yml found/,
    )
    expect(stdout).not.toContain('engine.js')
  })
})

describe('dist/ layout', () => {
  it('has the entry, the engine, the scan worker, shared chunks with stable names and the rules snapshot', () => {
    const files = readdirSync(join(PROJECT, 'dist')).sort()
    expect(files).toEqual(expect.arrayContaining(['engine.js', 'index.js', 'worker-entry.js', 'rules.json']))
    expect(
      files.every(
        (f) => f === 'rules.json' || /^(index|engine|worker-entry|worker-scan|shared_[\w-]+)\.js$/.test(f),
      ),
    ).toBe(true)
  })

  it('the bundled scan worker starts and scans files (src/scan/workers.ts finds it beside the engine)', async () => {
    const repo = makePrRepo(TRACKING_PR)
    try {
      const worker = new Worker(join(PROJECT, 'dist', 'worker-entry.js'), {
        workerData: { root: repo.dir, rulesDirs: [], cwd: repo.dir, limits: { maxBytes: 1_500_000 } },
      })
      const facts = await new Promise<{ path: string }[]>((ok, fail) => {
        worker.on('error', fail)
        worker.on('message', (m: { ready?: boolean; facts?: { path: string }[] }) => {
          if (m.ready)
            worker.postMessage({ batch: 1, files: ['src/lib/tracking.ts', 'prisma/schema.prisma'] })
          else ok(m.facts!)
        })
      })
      await worker.terminate()
      expect(facts.map((f) => f.path)).toEqual(['src/lib/tracking.ts', 'prisma/schema.prisma'])
      expect(JSON.stringify(facts[0])).toContain('mixpanel')
    } finally {
      repo.cleanup()
    }
  })
})
