import type { Drift, UndeclaredItem } from '../model/types.js'
import { describeComment, postComment, type CommentTarget } from '../github/comment.js'
import { GitHubApiError } from '../github/errors.js'
import type { PrClient } from '../github/pr-client.js'
import type { StickyResult } from '../github/sticky-comment.js'
import { buildAnnotations } from '../report/annotations.js'
import { fitMarkdown, LIMITS } from '../report/budget.js'
import { codeSpan } from '../report/escape.js'
import { plural } from '../report/labels.js'
import type { PrCommentDrift } from '../report/pr-comment.js'
import type { FailOn } from './inputs.js'
import { emitAnnotations, type ActionIO } from './io.js'

/** Documentation of the fork-safe setup, linked from warnings. */
export const FORK_DOCS_URL =
  'https://github.com/privacy-drift/privacy-drift/blob/main/docs/action.md#fork-pull-requests'

/** The counts the outputs and fail-on use. Without a base (no PR) every undeclared item counts as new. */
export function driftCounts(
  drift: Pick<Drift, 'undeclared' | 'new'>,
  hasBase: boolean,
  failOn: FailOn,
): { newCount: number; failing: number } {
  const newCount = hasBase ? drift.new.length : drift.undeclared.length
  const failing = failOn === 'none' ? 0 : failOn === 'new' ? newCount : drift.undeclared.length
  return { newCount, failing }
}

/** Sets the action's outputs (strings, as GitHub passes them on). */
export function setOutputs(
  io: ActionIO,
  values: { undeclared: number; newCount: number; reportFile: string; commentUrl?: string },
): void {
  io.setOutput('in-sync', String(values.undeclared === 0))
  io.setOutput('undeclared-count', String(values.undeclared))
  io.setOutput('new-count', String(values.newCount))
  io.setOutput('report-file', values.reportFile)
  io.setOutput('comment-url', values.commentUrl ?? '')
}

/** Annotations on the evidence lines: new items in a PR (every undeclared item with fail-on any or without a base). */
export function annotateDrift(
  io: ActionIO,
  drift: Pick<Drift, 'undeclared' | 'new'>,
  o: { hasBase: boolean; failOn: FailOn; pathPrefix: string; manifestFile: string },
): number {
  const fresh = new Set(drift.new.map((u) => `${u.kind}:${u.key}`))
  const isNew = (u: UndeclaredItem): boolean => !o.hasBase || fresh.has(`${u.kind}:${u.key}`)
  const items =
    o.hasBase && o.failOn !== 'any'
      ? drift.new
      : [...drift.new, ...drift.undeclared.filter((u) => !fresh.has(`${u.kind}:${u.key}`))]
  const fails = (u: UndeclaredItem): boolean => o.failOn === 'any' || (o.failOn === 'new' && isNew(u))
  const annotations = buildAnnotations(items, {
    level: (u) => (fails(u) ? 'error' : 'warning'),
    pathPrefix: o.pathPrefix,
    manifestFile: o.manifestFile,
  })
  emitAnnotations(io, annotations)
  return annotations.length
}

/** SARIF paths are relative to the scan root; code scanning needs them relative to the repository. */
export function prefixSarif(sarif: string, pathPrefix: string): string {
  if (!pathPrefix) return sarif
  const log = JSON.parse(sarif) as {
    runs: { results?: { locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[]
  }
  for (const run of log.runs)
    for (const result of run.results ?? [])
      for (const loc of result.locations ?? []) {
        const art = loc.physicalLocation?.artifactLocation
        if (art?.uri !== undefined) art.uri = encodeURI(pathPrefix) + art.uri
      }
  return JSON.stringify(log, null, 2) + '\n'
}

/** The job summary: the full report with the PR context, cut to GitHub's 1 MiB limit. */
export async function writeSummary(io: ActionIO, markdown: string): Promise<void> {
  const fitted = fitMarkdown(
    markdown,
    LIMITS.summaryBudgetBytes,
    '_The report was cut to fit the 1 MiB job summary limit; the complete JSON report is in `report-file`._',
  )
  try {
    if (!(await io.appendSummary(fitted)))
      io.info('No GITHUB_STEP_SUMMARY (not on a runner?): job summary skipped')
  } catch (e) {
    // The summary is a convenience: a runner that cannot take it must not cost the comment and the outputs.
    io.warning(`could not write the job summary: ${(e as Error).message}`)
  }
}

/** A line under the summary heading that says what was compared. */
export function summaryContext(
  pr: { number: number; headSha: string } | undefined,
  baseSha: string | undefined,
  newCount: number,
): string {
  if (!pr || !baseSha) return ''
  return (
    `Pull request #${pr.number}: ${newCount === 0 ? 'no new undeclared items' : `**${plural(newCount, 'new undeclared item')}**`} ` +
    `(base ${codeSpan(baseSha.slice(0, 7))} → head ${codeSpan(pr.headSha.slice(0, 7))}).`
  )
}

/** Inserts a paragraph after the report's first heading. */
export function withContext(markdown: string, context: string): string {
  if (!context) return markdown
  const at = markdown.indexOf('\n')
  return at < 0
    ? `${markdown}\n\n${context}\n`
    : `${markdown.slice(0, at)}\n\n${context}${markdown.slice(at)}`
}

export type CommentOutcome = { result?: StickyResult; readOnly?: boolean }

/**
 * Creates, edits or resolves the sticky comment. A read-only token (fork PR) becomes a warning with the
 * fork-safe recipe and never fails the step; other API failures are re-thrown for the caller to report.
 */
export async function publishComment(
  io: ActionIO,
  client: PrClient,
  drift: PrCommentDrift,
  t: CommentTarget,
): Promise<CommentOutcome> {
  try {
    const result = await postComment(client, drift, t)
    io.info(describeComment(result))
    return { result }
  } catch (e) {
    if (e instanceof GitHubApiError && (e.kind === 'read-only' || e.kind === 'forbidden')) {
      io.warning(
        `privacy-drift could not comment on this pull request: ${e.message}. The job summary and annotations have the ` +
          'full report. To comment on pull requests from forks, run this action with `mode: analyze` on pull_request, ' +
          'upload `report-file` as an artifact, and post it from a workflow_run workflow with `mode: publish` ' +
          `(see ${FORK_DOCS_URL}). Same-repository PRs need \`permissions: pull-requests: write\`.`,
      )
      return { readOnly: true }
    }
    throw e
  }
}
