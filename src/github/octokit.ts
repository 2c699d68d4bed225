import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling'
import { TOOL } from '../report/version.js'
import { UsageError } from '../util/errors.js'
import { quote } from '../util/text.js'
import { boundedFetch, DEFAULT_HTTP_LIMITS, HttpFailure, type HttpLimits } from './http.js'

/** Where the GitHub client reports what it is doing (the action's core log, or the CLI's stderr). */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug?(message: string): void
}

/**
 * Sets how often plugin-retry may repeat a request that failed below HTTP: once for a timeout or a dropped
 * connection, never for a refused connection, an unknown host, a redirect loop or an answer that is not the
 * API's (they would fail the same way, each retry after a longer wait). Registered before plugin-retry, so its
 * error hook runs first.
 */
function networkRetryPolicy(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.error('request', (error, options) => {
    const cause = (error as { cause?: unknown }).cause
    if (cause instanceof HttpFailure) {
      const request = (options.request ??= {}) as { retries?: number }
      request.retries = cause.retryable ? Math.min(request.retries ?? 1, 1) : 0
    }
    throw error
  })
}

/** @octokit/rest with retries (5xx, network) and throttling (primary and secondary rate limits). */
const GitHubOctokit = Octokit.plugin(networkRetryPolicy, retry, throttling)
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>

export interface CreateOctokitOptions {
  /** Token; anonymous when absent (public reads only). */
  token?: string
  /** REST base URL: GITHUB_API_URL on Actions and GHES; https://api.github.com otherwise. */
  baseUrl?: string
  log: Logger
  /** A fetch that goes through the runner's proxy, when one is configured. */
  fetch?: typeof globalThis.fetch
  /** Retries for 5xx and network errors (plugin-retry waits 1 s, 4 s, 9 s). */
  retries?: number
  /** How often a rate-limited request is retried before giving up. */
  rateLimitRetries?: number
  /** Tests shrink the waits; production keeps GitHub's recommended pacing. */
  timing?: { retryBaseMs?: number; rateLimitBaseMs?: number; spaceWrites?: boolean }
  /** Time and size bounds on the requests (DEFAULT_HTTP_LIMITS unless given; tests shrink them). */
  limits?: Partial<HttpLimits>
}

type Group = NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>['write']>

/** A Bottleneck group look-alike that schedules at once (the throttling plugin only calls key().schedule()). */
const immediateGroup = {
  key: () => ({
    schedule: (_options: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => fn(...args),
  }),
} as unknown as Group

/** Never wait longer than this for a primary rate-limit reset inside one CI step. */
const MAX_RATE_LIMIT_WAIT_S = 120

/** The API base URL, checked: an http(s) URL without credentials in it. */
export function apiBaseUrl(value: string | undefined): string {
  const text = (value || 'https://api.github.com').replace(/\/+$/, '')
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    throw new UsageError(
      `GITHUB_API_URL ${quote(text)} is not an http(s) URL of a GitHub API (such as https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server)`,
    )
  return text
}

/** The one Octokit factory for the action and the CLI. */
export function createOctokit(options: CreateOctokitOptions): GitHubOctokit {
  const { log } = options
  const maxRetries = options.rateLimitRetries ?? 2
  const timing = options.timing ?? {}
  const baseUrl = apiBaseUrl(options.baseUrl)
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits }
  // A rate-limit wait that would outlast the total bound is not started: the step fails now, with the reason.
  const endsAt = limits.totalTimeoutMs === undefined ? Infinity : Date.now() + limits.totalTimeoutMs
  const waitFits = (after: number): boolean => Date.now() + after * (timing.rateLimitBaseMs ?? 1000) < endsAt
  return new GitHubOctokit({
    auth: options.token || undefined,
    baseUrl,
    userAgent: `${TOOL.name}/${TOOL.version}`,
    request: { fetch: boundedFetch(options.fetch ?? globalThis.fetch, limits) },
    // Octokit logs every failed request ("POST … - 403 in 91ms"); callers report errors once, typed, so
    // its own lines stay in the debug log.
    log: {
      debug: (m: string) => log.debug?.(m),
      info: (m: string) => log.debug?.(m),
      warn: (m: string) => log.debug?.(m),
      error: (m: string) => log.debug?.(m),
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: timing.retryBaseMs ?? 1000 },
    throttle: {
      retryAfterBaseValue: timing.rateLimitBaseMs ?? 1000,
      ...(timing.spaceWrites === false ? { write: immediateGroup, notifications: immediateGroup } : {}),
      onRateLimit: (after, request, _octokit, count) => {
        const retrying = count < maxRetries && after <= MAX_RATE_LIMIT_WAIT_S && waitFits(after)
        log.warning(
          `GitHub rate limit reached for ${request.method} ${request.url}; ${retrying ? `retrying in ${after} s` : 'giving up'}`,
        )
        return retrying
      },
      onSecondaryRateLimit: (after, request, _octokit, count) => {
        const retrying = count < maxRetries && waitFits(after)
        log.warning(
          `GitHub secondary rate limit for ${request.method} ${request.url}; ${retrying ? `retrying in ${after} s` : 'giving up'}`,
        )
        return retrying
      },
    },
  })
}
