import type { Confidence, How } from '../../model/types.js'
import type { FileScan, Where } from '../file-scan.js'

/** A URL's host, after an optional `user@` (Sentry DSNs: `https://key@o1.ingest.sentry.io/2`). */
const URL_HOST =
  /(?:\b[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/\s'"`]+@)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi
const BARE_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i
/** `https://*.ingest.sentry.io` in a Content-Security-Policy or an allow-list. */
const WILDCARD_HOST =
  /(?:^|[\s'"(,])(?:https?:\/\/)?\*\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi

/** Finds known vendor hostnames in a string: URLs anywhere in it, CSP wildcards, or the whole string as a host. */
export function detectHostsInString(
  scan: FileScan,
  text: string,
  at: Where,
  confidence: Confidence = 'high',
  how: How = 'hostname',
): void {
  if (text.length > 4096) return
  const hosts = new Map<string, string>()
  for (const m of text.matchAll(URL_HOST)) {
    const host = m[1]!.toLowerCase()
    if (!hosts.has(host)) hosts.set(host, text.slice(m.index! + m[0].length - m[1]!.length))
  }
  if (hosts.size === 0 && BARE_HOST.test(text)) hosts.set(text.toLowerCase(), text.toLowerCase())
  for (const [host, url] of hosts) {
    const vendor = scan.rules.vendorForScriptUrl(url) ?? scan.rules.vendorForHost(host)
    if (vendor)
      scan.vendor(
        vendor,
        at,
        how,
        `${how === 'env' ? 'example value points at' : 'sends to'} ${host}`,
        host,
        confidence,
      )
  }
  if (text.indexOf('*.') < 0) return
  for (const m of text.matchAll(WILDCARD_HOST)) {
    const suffix = m[1]!.toLowerCase()
    const vendor = scan.rules.vendorForHost(`x.${suffix}`)
    if (vendor)
      scan.vendor(
        vendor,
        at,
        how,
        `allows *.${suffix} (a policy or allow-list entry)`,
        `*.${suffix}`,
        'medium',
      )
  }
}

/** `<script src>` / `<Script src>`: the vendor whose script URL (or host) it loads. */
export function detectScriptElement(scan: FileScan, src: string, at: Where, tag: string): void {
  const vendor = scan.rules.vendorForScriptUrl(src)
  if (!vendor) return
  // Shown without scheme, query and server-side template tags (`/v1/<%= key %>/analytics.min.js`).
  const shown = src
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^\/\//, '')
    .split(/[?#]|<%|\{\{|\$\{/)[0]!
  scan.vendor(vendor, at, 'script-url', `<${tag} src="${shown}">`, shown)
}

/** `process.env.STRIPE_SECRET_KEY` and friends: the vendor an environment variable is named after. */
export function detectEnvReference(scan: FileScan, name: string, at: Where): void {
  const vendor = scan.rules.vendorForEnv(name)
  if (vendor) scan.vendor(vendor, at, 'env', `reads the environment variable ${name}`, name, 'medium')
}
