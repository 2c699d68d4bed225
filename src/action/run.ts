import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { GitHubApiError } from '../github/errors.js'
import type { PrClient } from '../github/pr-client.js'
import { renderMarkdown } from '../report/markdown.js'
import { buildDataMap, workspacePackages } from '../report/datamap.js'
import { renderSarif } from '../report/sarif.js'
import { plural } from '../report/labels.js'
import { blobLinker } from '../github/links.js'
import { ConfigError, UsageError } from '../util/errors.js'
import { writeFileAtomic } from '../util/write-file.js'
import { readReportFile, renderReportFile } from './artifact.js'
import { readContext, type ActionContext } from './context.js'
import { readInputs, type ActionInputs } from './inputs.js'
import { coreIO, type ActionIO } from './io.js'
import { locateScan } from './locate.js'
import {
  annotateDrift,
  driftCounts,
  prefixSarif,
  publishComment,
  setOutputs,
  summaryContext,
  withContext,
  writeSummary,
  type CommentOutcome,
} from './publish.js'
import type { CommentTarget } from '../github/comment.js'
import { describeReview, type ReviewResult } from '../github/review.js'
import { localReviewDiff, publishReviewComments, reviewEvent } from './review.js'

/** Builds the GitHub client; tests inject an in-memory one, or the Octokit one with tiny retry waits. */
export type ClientFactory = (token: string, apiUrl: string, io: ActionIO) => Promise<PrClient>

export interface RunDeps {
  io: ActionIO
  env: NodeJS.ProcessEnv
  createClient: ClientFactory
}

export interface RunResult {
  /** ok: nothing past fail-on · drift: failed by fail-on · error: failed by an error. */
  status: 'ok' | 'drift' | 'error'
  comment?: CommentOutcome
  review?: ReviewResult
}

/** The action: read inputs, analyze, report (summary, annotations, SARIF, outputs), comment; never throws. */
export async function run(deps: Partial<RunDeps> = {}): Promise<RunResult> {
  const env = deps.env ?? process.env
  const io = deps.io ?? coreIO(env)
  const createClient = deps.createClient ?? defaultClientFactory(env)
  try {
    const inputs = readInputs(io)
    if (inputs.token) io.setSecret(inputs.token)
    const ctx = readContext(env)
    const reportFile = resolve(
      ctx.workspace,
      inputs.reportFile || join(env.RUNNER_TEMP || tmpdir(), 'privacy-drift-report.json'),
    )
    if (inputs.mode === 'publish') return await publishMode(io, inputs, ctx, reportFile, createClient)
    return await analyzeMode(io, inputs, ctx, reportFile, createClient)
  } catch (e) {
    return { status: fail(io, e) }
  }
}

async function analyzeMode(
  io: ActionIO,
  inputs: ActionInputs,
  ctx: ActionContext,
  reportFile: string,
  createClient: ClientFactory,
): Promise<RunResult> {
  const where = locateScan(inputs, ctx)
  // Loaded on demand: the engine carries the TypeScript compiler, which a failing input check should not wait for.
  const { analyze } = await import('./engine.js')
  const a = await analyze(inputs, ctx, io, where)
  const { inventory, drift } = a.outcome
  const hasBase = a.baseSha !== undefined
  const { newCount, failing } = driftCounts(drift, hasBase, inputs.failOn)
  const reviewDiff =
    inputs.reviewComments && (inputs.mode === 'analyze' || inputs.comment) && a.pr && a.baseSha
      ? localReviewDiff(io, a, a.baseSha, drift.new)
      : undefined

  writeFileAtomic(
    reportFile,
    renderReportFile(inventory, drift, {
      repository: ctx.repository,
      pullRequest:
        a.pr && a.baseSha ? { number: a.pr.number, baseSha: a.baseSha, headSha: a.pr.headSha } : null,
      pathPrefix: a.pathPrefix,
      manifestFile: a.manifestFile,
      commentId: a.commentId,
      failOn: inputs.failOn,
      ...(reviewDiff ? { diff: { files: reviewDiff } } : {}),
      policy: a.policy ?? null,
    }),
    { mkdir: true },
  )
  if (inputs.sarifFile) {
    const sarifPath = resolve(ctx.workspace, inputs.sarifFile)
    writeFileAtomic(sarifPath, prefixSarif(renderSarif(inventory, drift), a.pathPrefix), { mkdir: true })
    io.info(`SARIF written to ${sarifPath}; upload it with github/codeql-action/upload-sarif`)
  }
  const link =
    a.linkSha && ctx.repository
      ? blobLinker(ctx.serverUrl, ctx.repository, a.linkSha, a.pathPrefix)
      : undefined
  const packages = workspacePackages(a.outcome.facts)
  const summary = renderMarkdown(inventory, drift, {
    link,
    manifestFile: a.manifestFile,
    packages,
    policy: a.policy,
  })
  await writeSummary(io, withContext(summary, summaryContext(a.pr, a.baseSha, newCount)))
  annotateDrift(io, drift, {
    hasBase,
    failOn: inputs.failOn,
    pathPrefix: a.pathPrefix,
    manifestFile: a.manifestFile,
  })

  let comment: CommentOutcome | undefined
  let review: ReviewResult | undefined
  try {
    if (a.pr && inputs.mode === 'auto' && inputs.comment) {
      if (!inputs.token)
        io.warning('No github-token: the PR comment is skipped (the job summary has the report).')
      else {
        const client = await createClient(inputs.token, ctx.apiUrl, io)
        const target: CommentTarget = {
          pr: { owner: ctx.owner, repo: ctx.repo, number: a.pr.number },
          headSha: a.pr.headSha,
          repository: ctx.repository,
          serverUrl: ctx.serverUrl,
          pathPrefix: a.pathPrefix,
          manifestFile: a.manifestFile,
          commentId: a.commentId,
          reportUrl: ctx.runUrl,
          policy: a.policy,
          map: buildDataMap(inventory, drift, { packages }),
        }
        comment = await publishComment(io, client, drift, target)
        // A read-only token has had its one warning from the sticky comment.
        if (inputs.reviewComments && !comment.readOnly)
          review = await publishReviewComments(io, client, drift, reviewDiff ?? [], {
            ...target,
            stickyUrl: comment.result?.comment?.url,
            event: reviewEvent(inputs.reviewEvent),
          })
      }
    } else if (a.pr && inputs.mode === 'analyze')
      io.info(`mode: analyze: report written to ${reportFile} for a mode: publish job`)
  } finally {
    setOutputs(io, {
      undeclared: drift.undeclared.length,
      newCount,
      reportFile,
      commentUrl: comment?.result?.comment?.url,
    })
  }
  if (comment?.result?.comment)
    await writeSummary(io, `PR comment ${comment.result.action}: ${comment.result.comment.url}\n`)
  if (review?.reviewUrl) await writeSummary(io, `${describeReview(review)}\n`)

  if (failing > 0) {
    const what = inputs.failOn === 'new' && hasBase ? 'new undeclared' : 'undeclared'
    io.setFailed(
      `${plural(failing, `${what} item`)} (fail-on: ${inputs.failOn}): declare ${failing === 1 ? 'it' : 'them'} in ${a.manifestFile} ` +
        'as the job summary suggests, or set fail-on: none to report without failing.',
    )
    return { status: 'drift', comment, review }
  }
  return { status: 'ok', comment, review }
}

/** Fork-safe second half: posts the comment from a report-file another (read-only) workflow produced. */
async function publishMode(
  io: ActionIO,
  inputs: ActionInputs,
  ctx: ActionContext,
  reportFile: string,
  createClient: ClientFactory,
): Promise<RunResult> {
  const report = readReportFile(reportFile)
  const g = report.github
  const drift = report.drift
  const hasBase = g.pullRequest !== null
  const { newCount } = driftCounts(drift, hasBase, g.failOn)
  const outputs = { undeclared: drift.undeclared.length, newCount, reportFile }
  if (g.repository.toLowerCase() !== ctx.repository.toLowerCase())
    throw new UsageError(
      `report-file is about ${g.repository}, but this workflow runs in ${ctx.repository}: refusing to publish it`,
    )
  if (!g.pullRequest) {
    io.info('report-file was written outside a pull request: there is no comment to publish')
    setOutputs(io, outputs)
    return { status: 'ok' }
  }
  const expectedHead = ctx.workflowRun?.headSha ?? ctx.pr?.headSha
  if (!expectedHead)
    throw new UsageError(
      'mode: publish needs a workflow_run (or pull_request) event to check which commit the report-file belongs to',
    )
  if (g.pullRequest.headSha !== expectedHead)
    throw new UsageError(
      `report-file is for commit ${g.pullRequest.headSha.slice(0, 7)}, but the triggering run was for ${expectedHead.slice(0, 7)}: refusing to publish it`,
    )
  const attached = ctx.workflowRun?.pullRequests ?? []
  if (attached.length > 0 && !attached.includes(g.pullRequest.number))
    throw new UsageError(
      `report-file names PR #${g.pullRequest.number}, which is not the triggering run's pull request`,
    )
  if (!inputs.token) throw new UsageError('mode: publish needs github-token with pull-requests: write')

  const client = await createClient(inputs.token, ctx.apiUrl, io)
  const prRef = { owner: ctx.owner, repo: ctx.repo, number: g.pullRequest.number }
  const pr = await client.getPullRequest(prRef)
  // The PR number came from an untrusted file: the live PR must have exactly the analysed head.
  if (pr.headSha !== g.pullRequest.headSha) {
    io.notice(
      `PR #${pr.number} has moved on to ${pr.headSha.slice(0, 7)}; not publishing the report for ${g.pullRequest.headSha.slice(0, 7)} (a newer run will).`,
    )
    setOutputs(io, outputs)
    return { status: 'ok' }
  }
  const target: CommentTarget = {
    pr: prRef,
    headSha: pr.headSha,
    repository: ctx.repository,
    serverUrl: ctx.serverUrl,
    pathPrefix: g.pathPrefix,
    manifestFile: g.manifestFile,
    commentId: g.commentId,
    reportUrl: undefined,
    policy: g.policy ?? undefined,
  }
  let comment: CommentOutcome | undefined
  let review: ReviewResult | undefined
  try {
    comment = inputs.comment ? await publishComment(io, client, drift, target) : undefined
    if (comment && !comment.readOnly && inputs.reviewComments) {
      if (drift.new.length > 0 && !g.diff)
        io.info(
          'report-file carries no diff lines (analyze ran with review-comments: false, or an older version): no new line comments',
        )
      review = await publishReviewComments(io, client, drift, g.diff?.files ?? [], {
        ...target,
        stickyUrl: comment.result?.comment?.url,
        event: reviewEvent(inputs.reviewEvent),
      })
    }
  } finally {
    setOutputs(io, { ...outputs, commentUrl: comment?.result?.comment?.url })
  }
  const url = comment?.result?.comment?.url
  await writeSummary(
    io,
    `## Privacy drift\n\nPublished the report for PR #${pr.number}${url ? `: ${url}` : ''}.\n`,
  )
  return { status: 'ok', comment, review }
}

/** Reports an error once, the way a user can act on it; returns the status. */
function fail(io: ActionIO, e: unknown): 'error' {
  if (e instanceof ConfigError) {
    for (const p of e.problems)
      io.error(`${p.key ? `${p.key}: ` : ''}${p.message}${p.hint ? ` — ${p.hint}` : ''}`, {
        title: 'privacy-drift configuration',
        file: p.file,
        startLine: p.line,
        startColumn: p.column,
      })
    io.setFailed(`privacy-drift: configuration error\n${e.message}`)
  } else if (e instanceof UsageError || e instanceof GitHubApiError) {
    io.setFailed(`privacy-drift: ${e.message}`)
  } else {
    const err = e as Error
    io.debug(err?.stack ?? String(e))
    io.setFailed(
      `privacy-drift: internal error: ${err?.message ?? String(e)}. Please report it with this log.`,
    )
  }
  return 'error'
}

/** The production client (Octokit, in the engine chunk with the rest of the heavy code). */
function defaultClientFactory(env: NodeJS.ProcessEnv): ClientFactory {
  return async (token, apiUrl, io) => {
    const { createClient } = await import('./engine.js')
    return createClient(token, apiUrl, io, env)
  }
}
