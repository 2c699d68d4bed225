import type { JsonSyntaxError } from '../util/json.js'
import { parseJson } from '../util/json.js'

// The one HTTP layer under every GitHub API call (Octokit's REST and GraphQL requests): each request bounded in
// time and size, all of a client's requests bounded together, and every way a server can misbehave turned into
// one failure that names it.

/** Bounds on a GitHub client's requests. */
export interface HttpLimits {
  /** One request, from connecting to the last byte of the answer (a server that drips bytes is cut off too). */
  requestTimeoutMs: number
  /** All requests of one client together; undefined for none (the CLI, where the user can interrupt). */
  totalTimeoutMs?: number
  /** A larger answer is refused, unread past this size. */
  maxResponseBytes: number
}

/**
 * Production bounds. GitHub answers in well under a second; 15 s allows a slow Enterprise Server. A page of 100
 * comments is far below 16 MiB. A minute covers a publish phase of a few calls with retries.
 */
export const DEFAULT_HTTP_LIMITS: Required<HttpLimits> = {
  requestTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxResponseBytes: 16 * 1024 * 1024,
}

export type HttpFailureKind =
  | 'timeout'
  | 'deadline'
  | 'refused'
  | 'unresolved'
  | 'redirects'
  | 'network'
  | 'too-large'
  | 'not-json'
  | 'bad-json'

/** A request that failed below HTTP, or an answer that is not what an API sends. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message)
    this.name = 'HttpFailure'
  }

  /** Worth one more try: the network may have hiccuped. Refusals, loops and bad answers will not change. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network'
  }

  /** The server answered, but not as the API does. */
  get badAnswer(): boolean {
    return this.kind === 'too-large' || this.kind === 'not-json' || this.kind === 'bad-json'
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`
const NULL_BODY = new Set([101, 204, 205, 304])

/** A fetch that enforces `limits`; the total clock starts when the fetch is made. */
export function boundedFetch(
  fetchImpl: typeof globalThis.fetch,
  limits: HttpLimits,
): typeof globalThis.fetch {
  const total = limits.totalTimeoutMs === undefined ? undefined : AbortSignal.timeout(limits.totalTimeoutMs)
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const where = `the GitHub API at ${url.origin}`
    const what = `${init.method ?? 'GET'} ${url.pathname}`
    if (total?.aborted) throw deadline(limits.totalTimeoutMs!)
    const timeout = AbortSignal.timeout(limits.requestTimeoutMs)
    const signal = AbortSignal.any([
      timeout,
      ...(total ? [total] : []),
      ...(init.signal ? [init.signal] : []),
    ])
    const failure = (e: unknown): HttpFailure => {
      if (total?.aborted) return deadline(limits.totalTimeoutMs!)
      if (timeout.aborted)
        return new HttpFailure(
          'timeout',
          `${where} did not answer ${what} within ${seconds(limits.requestTimeoutMs)}`,
        )
      return e instanceof HttpFailure ? e : networkFailure(e, where)
    }
    let response: Response
    let body: Uint8Array
    try {
      response = await fetchImpl(input, { ...init, signal })
      body = await readCapped(response, limits.maxResponseBytes, `${where} answered ${what}`)
    } catch (e) {
      throw failure(e)
    }
    if (response.ok) checkJson(response, body, `${where} answered ${what}`)
    return new Response(NULL_BODY.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`
}

function deadline(ms: number): HttpFailure {
  return new HttpFailure('deadline', `the GitHub API calls of this step took over ${seconds(ms)} in all`)
}

/** The body, read up to `max` bytes; a longer one is cancelled and refused. */
async function readCapped(response: Response, max: number, what: string): Promise<Uint8Array> {
  const tooLarge = (): HttpFailure =>
    new HttpFailure('too-large', `${what} with more than ${formatSize(max)}; refusing to read it`)
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > max) {
    await response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > max) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

/** A successful API answer is JSON, and whole: an HTML page or a cut-off body is named as such. */
function checkJson(response: Response, body: Uint8Array, what: string): void {
  if (NULL_BODY.has(response.status) || body.length === 0) return
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!/^application\/([\w.+-]+\+)?json$/.test(type))
    throw new HttpFailure(
      'not-json',
      `${what} with ${type || 'an untyped answer'} instead of JSON` +
        (type === 'text/html' ? ' (a web page: GITHUB_API_URL may name the site, not its API)' : ''),
    )
  try {
    parseJson(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch (e) {
    throw new HttpFailure('bad-json', `${what} with a body that ${(e as JsonSyntaxError).message}`)
  }
}

/** Codes anywhere in an error's cause chain (fetch wraps them: TypeError → cause → AggregateError → errors). */
function codesOf(e: unknown, out: string[] = [], depth = 0): string[] {
  if (!e || typeof e !== 'object' || depth > 4) return out
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof err.code === 'string') out.push(err.code)
  if (typeof err.message === 'string') out.push(err.message)
  codesOf(err.cause, out, depth + 1)
  if (Array.isArray(err.errors)) for (const x of err.errors) codesOf(x, out, depth + 1)
  return out
}

function networkFailure(e: unknown, where: string): HttpFailure {
  const codes = codesOf(e)
  const has = (...wanted: string[]): boolean => codes.some((c) => wanted.includes(c))
  if (has('ECONNREFUSED')) return new HttpFailure('refused', `${where} refused the connection (ECONNREFUSED)`)
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'))
    return new HttpFailure(
      'unresolved',
      `${where}: the host name does not resolve (${codes.find((c) => c.startsWith('E'))})`,
    )
  if (codes.some((c) => /redirect count exceeded/i.test(c)))
    return new HttpFailure('redirects', `${where} redirects in a loop (over 20 redirects)`)
  const code = codes.find((c) => /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(c))
  const reason = code ?? codes.find((c) => c !== 'fetch failed') ?? 'network error'
  return new HttpFailure('network', `${where} could not be reached (${reason})`)
}
