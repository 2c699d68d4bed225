import { isAbsolute, join, relative } from 'node:path'
import type { CliExtensions, FailOn } from '../cli/main.js'
import { writeReport } from '../cli/output.js'
import { runCheck, type EngineOptions } from '../core/check.js'
import { repoRoot } from '../git/git.js'
import { findManifest } from '../manifest/load.js'
import { renderJson } from '../report/json.js'
import { renderSarif } from '../report/sarif.js'
import { UsageError } from '../util/errors.js'
import { buildDataMap, workspacePackages } from '../report/datamap.js'
import { checkPolicyText } from '../policy/additions.js'
import { commentBodies, describeComment, postComment, type CommentTarget } from './comment.js'
import { prDiffLines } from './diff-pr.js'
import { serverUrlFor } from './links.js'
import { checkedOutCommit, hasCommit, isDirty, withWorktree } from './local-git.js'
import { createOctokit, type Logger } from './octokit.js'
import { OctokitPrClient, type PrClient, type PrRef } from './pr-client.js'
import { describeReview, publishReview } from './review.js'
import { evidencePaths, planReview } from './review-plan.js'

const toPosix = (p: string): string => p.split('\\').join('/')

type PrCheckArgs = Parameters<NonNullable<CliExtensions['prCheck']>>[0]

export interface PrCheckDeps {
  env: NodeJS.ProcessEnv
  log: Logger
  /** Where the report goes when there is no --output (stdout). */
  write: (text: string, output: string | undefined) => void
  createClient: (options: { token?: string; baseUrl: string; log: Logger }) => PrClient
}

/** `owner/repo#123`, `owner/repo/pull/123` or a pull request URL. */
export function parsePrRef(text: string): PrRef {
  const m =
    /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(text.trim()) ??
    /^(?:https?:\/\/[^/]+\/)?([\w.-]+)\/([\w.-]+)\/pulls?\/(\d+)(?:[/?#].*)?$/.exec(text.trim())
  if (!m) throw new UsageError(`--pr ${text}: expected owner/repo#123 or a pull request URL`)
  return { owner: m[1]!, repo: m[2]!, number: Number(m[3]) }
}

const stderrLog: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warning: (m) => process.stderr.write(`warning: ${m}\n`),
}

const defaultDeps: PrCheckDeps = {
  env: process.env,
  log: stderrLog,
  write: writeReport,
  // Each request is bounded; the calls together are not: the scan runs between them, and a person can stop it.
  createClient: ({ token, baseUrl, log }) =>
    new OctokitPrClient(createOctokit({ token, baseUrl, log, limits: { totalTimeoutMs: undefined } })),
}

/** `privacy-drift check --pr owner/repo#123 [--post]`: the bot from a laptop. */
export const prCheck: NonNullable<CliExtensions['prCheck']> = (args) => runPrCheck(args, defaultDeps)

/**
 * Builds the same comment the action would post for a real PR: fetches the PR's base and head SHAs, scans the
 * head commit of the local clone (in a throw-away worktree unless it is checked out), compares with the base,
 * and prints the comment (or the JSON / SARIF report); `post` publishes it.
 */
export async function runPrCheck(args: PrCheckArgs, deps: PrCheckDeps): Promise<number> {
  const ref = parsePrRef(args.pr)
  const token = deps.env.GITHUB_TOKEN || deps.env.GH_TOKEN || undefined
  if (args.post && !token)
    throw new UsageError('--post needs a token with pull-requests: write in GITHUB_TOKEN')
  if (!token)
    deps.log.warning(
      'no GITHUB_TOKEN: reading the pull request anonymously (public repositories only, 60 requests an hour)',
    )
  const baseUrl = deps.env.GITHUB_API_URL || 'https://api.github.com'
  const serverUrl = deps.env.GITHUB_SERVER_URL || serverUrlFor(baseUrl)
  const client = deps.createClient({ token, baseUrl, log: deps.log })
  const pr = await client.getPullRequest(ref)

  const top = repoRoot(args.engine.root)
  if (!top)
    throw new UsageError(
      `${args.engine.root} is not a git checkout: run --pr inside a clone of ${ref.owner}/${ref.repo}`,
    )
  if (!hasCommit(top, pr.headSha))
    throw new UsageError(
      `the head commit ${pr.headSha.slice(0, 7)} of ${ref.owner}/${ref.repo}#${ref.number} is not in this checkout; ` +
        `fetch it with \`git fetch origin pull/${ref.number}/head\` and run again`,
    )
  if (!hasCommit(top, pr.baseSha))
    throw new UsageError(
      `the base commit ${pr.baseSha.slice(0, 7)} (${pr.baseRef}) of ${ref.owner}/${ref.repo}#${ref.number} is not in this checkout; ` +
        `fetch it with \`git fetch origin ${pr.baseRef}\` (or \`git fetch origin ${pr.baseSha}\`) and run again`,
    )

  const sub = relative(top, args.engine.root)
  const scan = async (repoDir: string) => {
    const root = sub ? join(repoDir, sub) : repoDir
    // An absolute --manifest inside the clone must be read from the head commit too.
    const manifest =
      args.engine.manifest &&
      isAbsolute(args.engine.manifest) &&
      !relative(top, args.engine.manifest).startsWith('..')
        ? join(repoDir, relative(top, args.engine.manifest))
        : args.engine.manifest
    const engine: EngineOptions = { ...args.engine, root, manifest, base: pr.baseSha, head: pr.headSha }
    const outcome = await runCheck(engine)
    const found = findManifest(root, manifest)
    // What the policy text (policy.file) lacks, read while the head commit's files are there.
    const policy = checkPolicyText({ ...outcome, root, repoTop: repoDir, items: outcome.drift.undeclared })
    // privacy.yml as the repository knows it (runCheck names it relative to the current folder).
    return { outcome, policy, manifestFile: found ? toPosix(relative(repoDir, found)) : 'privacy.yml' }
  }
  let scanned: Awaited<ReturnType<typeof scan>>
  if (checkedOutCommit(top) === pr.headSha) {
    if (isDirty(top))
      deps.log.warning('the checkout has uncommitted changes: they are part of the scan, but not of the PR')
    scanned = await scan(top)
  } else {
    deps.log.info(
      `scanning ${ref.owner}/${ref.repo}#${ref.number} at ${pr.headSha.slice(0, 7)} in a temporary worktree`,
    )
    scanned = await withWorktree(top, pr.headSha, scan)
  }
  const { outcome, manifestFile, policy } = scanned
  const target: CommentTarget = {
    pr: ref,
    headSha: pr.headSha,
    repository: `${ref.owner}/${ref.repo}`,
    serverUrl,
    pathPrefix: sub ? `${toPosix(sub)}/` : '',
    manifestFile,
    commentId: sub ? toPosix(sub) : 'default',
    map: buildDataMap(outcome.inventory, outcome.drift, { packages: workspacePackages(outcome.facts) }),
    policy,
  }
  const { drift } = outcome
  const { body, inSync, hasDrift } = commentBodies(drift, target)
  if (args.format === 'json') deps.write(renderJson(outcome.inventory, drift), args.output)
  else if (args.format === 'sarif') deps.write(renderSarif(outcome.inventory, drift), args.output)
  else {
    if (!hasDrift)
      deps.log.info(
        'this PR adds nothing undeclared: the bot posts nothing, or turns its earlier comment into this note',
      )
    deps.write(hasDrift ? body : inSync, args.output)
  }
  const lineComments = args.reviewComments !== false
  const local = { top, base: pr.baseSha, head: pr.headSha }
  const diffLines = () =>
    prDiffLines(client.reviews, ref, local, evidencePaths(drift.new, target.pathPrefix), deps.log)
  if (args.post) {
    const posted = await postComment(client, drift, target)
    deps.log.info(describeComment(posted))
    if (lineComments && client.reviews) {
      const review = await publishReview(
        { viewer: () => client.viewer(), reviews: client.reviews },
        drift,
        await diffLines(),
        { ...target, stickyUrl: posted.comment?.url },
        deps.log,
      )
      if (review.readOnly) deps.log.warning(`no review comments: ${review.readOnly.message}`)
      else deps.log.info(describeReview(review))
    }
  } else if (lineComments && hasDrift && args.format !== 'json' && args.format !== 'sarif') {
    const plan = planReview(drift, await diffLines(), [], { ...target, id: target.commentId })
    // JSON escaping keeps control characters from scanned names out of the terminal.
    const printable = (text: string): string => JSON.stringify(text).slice(1, -1)
    const lines = plan.create.map((c) => `  ${printable(c.path)}:${c.line}  ${printable(c.key)}`)
    deps.log.info(
      `--post would also add ${lines.length} line comment${lines.length === 1 ? '' : 's'} to the review` +
        (lines.length > 0
          ? `:\n${lines.join('\n')}`
          : ' (no evidence of a new item is on a line of the diff)'),
    )
  }

  const failing = failingCount(args.failOn, drift.new.length, drift.undeclared.length)
  return failing > 0 ? 1 : 0
}

function failingCount(failOn: FailOn, fresh: number, undeclared: number): number {
  return failOn === 'none' ? 0 : failOn === 'new' ? fresh : undeclared
}
