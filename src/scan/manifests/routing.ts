import { parse as parseToml } from 'smol-toml'
import { detectCalledUrl } from '../detectors/hosts.js'
import type { FileScan } from '../file-scan.js'

/**
 * Hosting platforms' routing files: a rewrite (a proxy) to an external URL sends the visitor's request there, so its
 * host is a server the product calls (`/ingest/*` → PostHog). Redirects send the visitor's browser elsewhere, like a
 * link, and are not read.
 */

/** `vercel.json`: `rewrites[].destination`, and the legacy `routes[].dest` without a redirect status. */
export function readVercelJson(scan: FileScan, text: string): void {
  let config: unknown
  try {
    config = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    scan.note(
      'warning',
      `vercel.json is not valid JSON (${(e as Error).message}); its rewrites were not read`,
    )
    return
  }
  if (!config || typeof config !== 'object') return
  const { rewrites, routes } = config as { rewrites?: unknown; routes?: unknown }
  for (const r of list(rewrites)) rewrite(scan, text, r.destination, 'a vercel.json rewrite proxies to')
  for (const r of list(routes)) {
    const status = typeof r.status === 'number' ? r.status : 200
    if (status < 300 || status >= 400) rewrite(scan, text, r.dest, 'a vercel.json route proxies to')
  }
}

/** `netlify.toml`: `[[redirects]]` with `status = 200` is a rewrite (Netlify's default status, 301, is a redirect). */
export function readNetlifyToml(scan: FileScan, text: string): void {
  let config: unknown
  try {
    config = parseToml(text)
  } catch (e) {
    scan.note('warning', `netlify.toml could not be parsed (${(e as Error).message.split('\n')[0]})`)
    return
  }
  for (const r of list((config as { redirects?: unknown }).redirects))
    if (r.status === 200) rewrite(scan, text, r.to, 'a netlify.toml rewrite proxies to')
}

/** Netlify `_redirects`: `from to [status]` per line; status 200 is a rewrite. */
export function readNetlifyRedirects(scan: FileScan, text: string): void {
  text.split(/\r?\n/).forEach((raw, i) => {
    const cols = raw.replace(/#.*$/, '').trim().split(/\s+/)
    if (cols.length >= 3 && /^200!?$/.test(cols[2]!))
      detectCalledUrl(
        scan,
        cols[1]!,
        { line: i + 1, column: raw.indexOf(cols[1]!) + 1 },
        'a _redirects rewrite proxies to',
        'outbound.rewrite',
        {
          rewrite: true,
        },
      )
  })
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
    : []
}

function rewrite(scan: FileScan, text: string, destination: unknown, via: string): void {
  if (typeof destination !== 'string') return
  const offset = Math.max(0, text.indexOf(destination))
  const before = text.slice(0, offset)
  const at = { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
  detectCalledUrl(scan, destination, at, via, 'outbound.rewrite', { rewrite: true })
}
