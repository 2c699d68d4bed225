import type { EngineOptions } from '../core/check.js'
import { UsageError } from '../util/errors.js'
import type { CliExtensions, FailOn } from './main.js'

/** `--pr` of `check` and `merge --check`: the PR mode of this build with the flags both share; the exit code. */
export async function checkPullRequest(
  prCheck: CliExtensions['prCheck'],
  flags: { pr: string; post?: boolean; reviewComments?: boolean; output?: string },
  engine: EngineOptions,
  format: string,
  failOn: FailOn,
): Promise<number> {
  if (!prCheck) throw new UsageError('--pr is not available in this build')
  return prCheck({
    pr: flags.pr,
    post: flags.post ?? false,
    reviewComments: flags.reviewComments ?? true,
    engine,
    format,
    output: flags.output,
    failOn,
  })
}
