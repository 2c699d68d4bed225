import { defaults as actionsGitHubDefaults } from '@actions/github/lib/utils'
import { createOctokit } from '../github/octokit.js'
import { OctokitPrClient, type PrClient } from '../github/pr-client.js'
import type { ActionIO } from './io.js'

// The heavy half of the action, loaded with one dynamic import (one bundle chunk): the engine with the
// TypeScript compiler, and the Octokit client.
export { analyze } from './analyze.js'

/** The production client: Octokit with retries and throttling, through the runner's proxy when one is set. */
export async function createClient(
  token: string,
  apiUrl: string,
  io: ActionIO,
  env: NodeJS.ProcessEnv,
): Promise<PrClient> {
  const log = {
    info: (m: string) => io.info(m),
    warning: (m: string) => io.warning(m),
    debug: (m: string) => io.debug(m),
  }
  const proxied = Boolean(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY)
  // @actions/github's fetch honours https_proxy / no_proxy (and bypasses loopback) like every other action.
  const fetch = proxied
    ? (actionsGitHubDefaults.request?.fetch as typeof globalThis.fetch | undefined)
    : undefined
  if (fetch)
    io.debug('GitHub API requests go through the proxy from https_proxy / http_proxy (no_proxy honoured)')
  return new OctokitPrClient(createOctokit({ token, baseUrl: apiUrl, log, fetch }))
}
