import type { ClientFactory } from '../../src/action/run.js'
import type { HttpLimits } from '../../src/github/http.js'
import { createOctokit, type Logger } from '../../src/github/octokit.js'
import { OctokitPrClient } from '../../src/github/pr-client.js'

const quiet: Logger = { info: () => {}, warning: () => {} }

/**
 * Bounds for clients in tests that are not about time: a request may take as long as a loaded machine needs
 * (the test timeout still ends a hang), and there is no total bound, which would count the scans between calls.
 */
export const UNHURRIED: Partial<HttpLimits> = { requestTimeoutMs: 10 * 60_000, totalTimeoutMs: undefined }

/** The production client with retry and rate-limit waits shrunk to a millisecond, and no time bound. */
export function testClient(token: string | undefined, baseUrl: string, log: Logger = quiet): OctokitPrClient {
  return new OctokitPrClient(
    createOctokit({
      token,
      baseUrl,
      log,
      timing: { retryBaseMs: 1, rateLimitBaseMs: 1, spaceWrites: false },
      limits: UNHURRIED,
    }),
  )
}

/** The action's client factory over testClient, logging through the action's IO. */
export const testClientFactory: ClientFactory = async (token, apiUrl, io) =>
  testClient(token, apiUrl, { info: (m) => io.info(m), warning: (m) => io.warning(m) })
