import { parse } from 'tldts'

/**
 * Hosts and registrable domains: the key of a third party no vendor rule knows. `api.example-pay.com` →
 * `example-pay.com` (the public-suffix list, through tldts). Private suffixes count, so a tenant of a hosting
 * platform is its own party (`acme.vercel.app`, not `vercel.app`).
 */

/** `scheme://[user@]host[:port]` and protocol-relative `//host`: the schemes that reach a server. */
const URL_AUTHORITY = /^(?:(?:https?|wss?):)?\/\/(?:[^@/?#\s]*@)?([^/?#:\s]+)(?::[^/?#]*)?(?:[/?#]|$)/i
/** A host name: letters, digits and hyphens in dot-separated labels; `*` stands for an unknown leading label. */
const HOST = /^(?:\*\.)*(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/** Top-level names that never reach the public internet (RFC 2606, RFC 6761, RFC 6762, common LAN names). */
const RESERVED_TLDS = new Set([
  'localhost',
  'local',
  'internal',
  'test',
  'example',
  'invalid',
  'lan',
  'home',
  'corp',
  'intranet',
  'private',
  'localdomain',
])
/** Registrable domains reserved for documentation, and the ones examples use as if they were. */
const PLACEHOLDER_DOMAINS = /^(example|domain|foo|bar|baz|test|acme|company|website|sample)\.[a-z.]+$/
/** A label that stands for "put your own here": `your-app.vercel.app`, `yourdomain.com`, `my-tenant.auth0.com`. */
const PLACEHOLDER_LABEL =
  /^(your|<)|^my[-_]?(domain|site|app|company|server|host|project|api|instance|tenant|org|website|store|shop|bucket|endpoint)$|^x{3,}$/

/** The host a URL reaches (lower case, no port or user), when the string starts with one; `*` marks unknown labels. */
export function hostOfUrl(url: string): string | undefined {
  const m = URL_AUTHORITY.exec(url.trim())
  if (!m) return undefined
  const host = m[1]!.toLowerCase().replace(/\.$/, '')
  return HOST.test(host) || IPV4.test(host) ? host : undefined
}

/** Whether a string is a host name on its own (`api.example-pay.com`), as host options take it. */
export function isHostName(value: string): boolean {
  return HOST.test(value) && !value.startsWith('*')
}

/**
 * The registrable domain of a host on the public internet: undefined for IP addresses, reserved and local names,
 * names under no public suffix, and hosts whose registrable part is unknown (`*.com`).
 */
export function publicDomain(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '')
  if (IPV4.test(h) || h.includes(':')) return undefined
  const labels = h.split('.')
  if (RESERVED_TLDS.has(labels[labels.length - 1]!)) return undefined
  // Unknown leading labels (`${region}.recall.ai`) do not change the registrable domain; elsewhere they hide it.
  const unknown = labels.filter((l) => l === '*').length
  if (labels.slice(unknown).includes('*')) return undefined
  const info = parse(labels.slice(unknown).join('.'), { allowPrivateDomains: true })
  // `*.com`, `*.vercel.app`: the registrable part itself is unknown.
  if (!info.domain || info.isIp || (!info.isIcann && !info.isPrivate)) return undefined
  return info.domain
}

/** The registrable domain of a host the code names, unless it is a placeholder (`example.com`, `your-app.vercel.app`). */
export function registrableDomain(host: string): string | undefined {
  const domain = publicDomain(host)
  if (!domain || PLACEHOLDER_DOMAINS.test(domain)) return undefined
  if (
    host
      .toLowerCase()
      .split('.')
      .some((l) => PLACEHOLDER_LABEL.test(l))
  )
    return undefined
  return domain
}

/** Whether a host is a tenant of a hosting platform (`acme.vercel.app`, `x.pages.dev`): the public-suffix list's private part. */
export function isPlatformTenant(host: string): boolean {
  return parse(host.replace(/^(\*\.)+/, ''), { allowPrivateDomains: true }).isPrivate === true
}

/** Whether a host is the domain or one of its subdomains. */
export function hostUnder(host: string, domain: string): boolean {
  const h = host.toLowerCase()
  const d = domain.toLowerCase()
  return h === d || h.endsWith(`.${d}`)
}

/** The registrable domain of a URL or a bare host, as written in configuration (`https://acme.com/privacy`). */
export function domainOfUrlOrHost(value: string): string | undefined {
  const host = hostOfUrl(value) ?? (isHostName(value.trim()) ? value.trim() : undefined)
  return host ? publicDomain(host) : undefined
}
