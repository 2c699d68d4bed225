import { isAbsolute, resolve } from 'node:path'
import { runCheck, type CheckOutcome } from '../core/check.js'
import type { PullRequestInfo } from '../github/pr-client.js'
import { UsageError } from '../util/errors.js'
import { checkPolicyText } from '../policy/additions.js'
import type { PolicyCheck } from '../policy/pr-section.js'
import type { ActionContext } from './context.js'
import { checkedOutCommit, ensureCommit, parentsOf } from '../github/local-git.js'
import type { ActionInputs } from './inputs.js'
import type { ActionIO } from './io.js'
import type { ScanLocation } from './locate.js'

/** The engine's outcome plus where it ran, in repository terms. */
export interface Analysis extends ScanLocation {
  outcome: CheckOutcome
  pr?: PullRequestInfo
  /** The commit the PR was compared against (undefined outside a PR). */
  baseSha?: string
  /** The commit evidence links point at: the PR head, or the checked-out commit outside a PR. */
  linkSha?: string
  /** With privacy.yml's `policy.file`: what the policy text lacks for the undeclared items. */
  policy?: PolicyCheck
}

/**
 * Runs the engine the way a PR needs it: the head scan, plus the base inventory from the PR's base commit
 * (fetched when the checkout is shallow), so "new" means new in this PR.
 */
export async function analyze(
  inputs: ActionInputs,
  ctx: ActionContext,
  io: ActionIO,
  where: ScanLocation,
): Promise<Analysis> {
  const { root, top } = where
  let base: string | undefined
  let head: string | undefined
  const pr = ctx.pr
  const checkedOut = top ? checkedOutCommit(top) : undefined
  if (pr) {
    if (!top)
      throw new UsageError(
        `${root} is not a git checkout; privacy-drift compares the PR's head with its base commit, so run actions/checkout before it`,
      )
    head = checkedOut
    base = pr.baseSha
    if (checkedOut && checkedOut !== pr.headSha) {
      const parents = parentsOf(top, checkedOut)
      if (parents.length === 2 && parents[1] === pr.headSha) {
        // actions/checkout's default on pull_request: the merge commit. Compare with the commit GitHub merged
        // into, so changes that landed on the base branch meanwhile are not blamed on this PR.
        base = parents[0]!
        io.debug(`checkout is the PR merge commit ${checkedOut}; comparing with its first parent ${base}`)
      } else if (checkedOut === pr.baseSha) {
        io.warning(
          `The checkout is the PR's base commit ${pr.baseSha.slice(0, 7)}, not its head ${pr.headSha.slice(0, 7)} ` +
            '(pull_request_target checks out the base branch). privacy-drift would find nothing new. Run it on ' +
            'pull_request instead, or use the fork-safe two-workflow setup (mode: analyze / mode: publish).',
        )
      } else {
        io.warning(
          `The checkout ${checkedOut.slice(0, 7)} is neither the PR head ${pr.headSha.slice(0, 7)} nor its merge commit; ` +
            'line links in the comment may point at different lines.',
        )
      }
    }
    ensureCommit(top, base, 'base', (m) => io.info(m))
  }

  const outcome = await runCheck({
    root,
    manifest: inputs.manifest || undefined,
    rulesDirs: inputs.rules.map((d) => (isAbsolute(d) ? d : resolve(ctx.workspace, d))),
    include: inputs.include,
    exclude: inputs.exclude,
    base,
    head,
  })
  const policy = checkPolicyText({ ...outcome, root, repoTop: top, items: outcome.drift.undeclared })
  return { ...where, outcome, pr, baseSha: base, linkSha: pr ? pr.headSha : checkedOut, policy }
}
