import { z } from 'zod'
import { assertCommitSha } from '../git/git.js'
import { serverUrlFor } from '../github/links.js'
import { toPullRequestInfo, type PullRequestInfo } from '../github/pr-client.js'
import { UsageError } from '../util/errors.js'
import { parseJson } from '../util/json.js'
import { readRegularFile } from '../util/safe-read.js'

/** GitHub caps webhook payloads at 25 MB. */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024

/** The workflow_run that a fork-safe publish job reacts to. */
export interface WorkflowRunInfo {
  headSha: string
  /** `owner/repo` the run's head commit came from (the fork). */
  headRepo: string
  event: string
  /** PR numbers GitHub attached to the run (empty for fork PRs). */
  pullRequests: number[]
}

/** What the action knows about where it runs, read once from the GITHUB_* environment and the event payload. */
export interface ActionContext {
  eventName: string
  owner: string
  repo: string
  /** `owner/repo` of the workflow's repository (the PR's base repository). */
  repository: string
  workspace: string
  apiUrl: string
  serverUrl: string
  /** The workflow run's page (its job summary). */
  runUrl?: string
  /** Present on pull_request and pull_request_target events; SHAs from the payload, never GITHUB_SHA. */
  pr?: PullRequestInfo
  workflowRun?: WorkflowRunInfo
}

interface Payload {
  pull_request?: Parameters<typeof toPullRequestInfo>[0]
  workflow_run?: {
    head_sha?: string
    event?: string
    head_repository?: { full_name?: string } | null
    pull_requests?: { number: number }[]
  }
}

/** Reads the context from an environment (process.env on the runner). */
export function readContext(env: NodeJS.ProcessEnv, cwd = process.cwd()): ActionContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner = '', repo = ''] = repository.split('/')
  let payload: Payload = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      const json = parseJson(
        readRegularFile(env.GITHUB_EVENT_PATH, { maxBytes: MAX_PAYLOAD_BYTES }).toString('utf8'),
      )
      payload = json !== null && typeof json === 'object' ? (json as Payload) : {}
    } catch (e) {
      // The reason only (`is a named pipe …`, `is not valid JSON at line 3 …`): never the payload's own text.
      throw new UsageError(
        `the event payload GITHUB_EVENT_PATH=${env.GITHUB_EVENT_PATH} ${(e as Error).message}`,
      )
    }
  }
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com'
  const serverUrl = env.GITHUB_SERVER_URL || serverUrlFor(apiUrl)
  const ctx: ActionContext = {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    owner,
    repo,
    repository,
    workspace: env.GITHUB_WORKSPACE || cwd,
    apiUrl,
    serverUrl,
  }
  if (env.GITHUB_RUN_ID && repository)
    ctx.runUrl = `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}`
  // SHAs reach git (fetch, worktree) and the log: each must be one, whatever the payload says.
  const pull = payload.pull_request
  if (pull && typeof pull.number === 'number' && pull.base?.sha && pull.head?.sha) {
    assertCommitSha(pull.base.sha, 'the event payload’s pull_request.base.sha')
    assertCommitSha(pull.head.sha, 'the event payload’s pull_request.head.sha')
    ctx.pr = toPullRequestInfo(pull)
  }
  const run = payload.workflow_run
  if (run?.head_sha) {
    const headSha = assertCommitSha(run.head_sha, 'the event payload’s workflow_run.head_sha')
    const checked = workflowRunSchema.safeParse(run)
    if (!checked.success) throw payloadShapeError('workflow_run', checked.error.issues)
    ctx.workflowRun = {
      headSha,
      headRepo: checked.data.head_repository?.full_name ?? '',
      event: checked.data.event ?? '',
      pullRequests: (checked.data.pull_requests ?? []).map((p) => p.number),
    }
  }
  return ctx
}

/** The parts of a workflow_run the publish job uses, as GitHub sends them (a null in a list is not a PR). */
const workflowRunSchema = z.object({
  event: z.string().max(100).optional(),
  head_repository: z.object({ full_name: z.string().max(300) }).nullish(),
  pull_requests: z.array(z.object({ number: z.number().int().positive() })).optional(),
})

/** A payload field of another shape: named by its path, its value never echoed. */
function payloadShapeError(what: string, issues: readonly z.core.$ZodIssue[]): UsageError {
  const first = issues[0]
  const path = [what, ...(first?.path ?? [])]
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('')
  return new UsageError(
    `the event payload’s ${path} is not what GitHub sends (${first?.message ?? 'invalid'}); is GITHUB_EVENT_PATH the runner’s event file?`,
  )
}
