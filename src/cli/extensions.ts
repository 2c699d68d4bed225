import type { CliExtensions } from './main.js'
import { fixManifest } from '../manifest/fix.js'
import { fromPolicyFile, registerPolicyCommands } from '../policy/cli.js'
import { fixPolicy } from '../policy/fix-policy.js'

/** The parts of the CLI that live outside the core: GitHub PR mode, manifest fixes, policy commands. */
export const cliExtensions: CliExtensions = {
  // Loaded on use: Octokit is not needed by the other commands.
  prCheck: async (args) => (await import('../github/pr-check.js')).prCheck(args),
  fix: fixManifest,
  fixPolicy,
  fromPolicy: fromPolicyFile,
  register: registerPolicyCommands,
}
