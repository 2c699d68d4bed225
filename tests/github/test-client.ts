import type { ClientFactory } from '../../src/action/run.js'
import { createOctokit, type Logger } from '../../src/github/octokit.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'

const quiet: Logger = { info: () => {}, warning: () => {} }

/** The production client with retry and rate-limit waits shrunk to a millisecond. */
export function testClient(token: string | undefined, baseUrl: string, log: Logger = quiet): OctokitPrClient {
  return new OctokitPrClient(
    createOctokit({
      token,
      baseUrl,
      log,
      timing: { retryBaseMs: 1, rateLimitBaseMs: 1, spaceWrites: false },
    }),
  )
}

/** The action's client factory over testClient, logging through the action's IO. */
export const testClientFactory: ClientFactory = async (token, apiUrl, io) =>
  testClient(token, apiUrl, { info: (m) => io.info(m), warning: (m) => io.warning(m) })
