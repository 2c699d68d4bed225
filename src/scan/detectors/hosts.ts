import type { Confidence, EvidenceBasis, How } from '../../model/types.js'
import { hostOfUrl, isHostName, isPlatformTenant, registrableDomain } from '../../util/domain.js'
import type { FileScan, Where } from '../file-scan.js'
import type { VendorRule } from '../../rules/schema.js'

/** A URL's host, after an optional `user@` (Sentry DSNs: `https://key@o1.ingest.sentry.io/2`). */
// A leading `{s}.` / `{a-c}.` label (a map-tile template's subdomain placeholder) is an unknown label, like `${region}.`.
const URL_HOST =
  /(?:\b[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/\s'"`]+@)?(?:\{[a-z0-9_-]*\}\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi
const BARE_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i
/** `https://*.ingest.sentry.io` in a Content-Security-Policy or an allow-list. */
const WILDCARD_HOST =
  /(?:^|[\s'"(,])(?:https?:\/\/)?\*\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi

/** A URL's path, without scheme, host, query and fragment. */
function urlPath(url: string): string {
  return url.replace(/^(?:[a-z]+:)?\/\/[^/]*/i, '').split(/[?#]/)[0]!
}

/** A map-tile template's coordinates (`{z}/{x}/{y}`, TMS `{-y}`): one file per view, filled per request. */
const TILE_TEMPLATE = /\{-?[xyz]\}/i

/**
 * Elements whose `src` is media, HTML or a component named for one (`<LazyImg>`, `<NuxtImg>`, `<UserAvatar>`): an
 * image host is not a data flow of its own.
 */
export const MEDIA_TAG = /^(img|picture|source|video|audio|track)$|(Image|Img|Avatar|Picture|Icon|Logo)$/

/**
 * A URL of a static image, font or style file, or a media file (by its path), not a request that carries data. A
 * template filled per request (a map's `{z}/{x}/{y}.png` tiles) is a service the browser asks for each view, not one file.
 */
export function isAssetFile(url: string): boolean {
  const path = urlPath(url)
  return (
    (!TILE_TEMPLATE.test(path) &&
      /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|woff2?|ttf|otf|eot|css)$/i.test(path)) ||
    isMediaFile(url)
  )
}

/**
 * A URL of one fixed audio, video or document file (`…/intro.mp3`, `…/guide.pdf`): content to play or show. A
 * template filled per request (`{z}/{x}/{y}`) is not one file.
 */
function isMediaFile(url: string): boolean {
  const path = urlPath(url)
  return !path.includes('{') && /\.(mp3|m4a|wav|ogg|oga|flac|mp4|m4v|webm|mov|pdf)$/i.test(path)
}

/** A host label left for the reader to fill in (`your-resource.openai.azure.com`, `yourdomain.example.com`). */
const PLACEHOLDER_LABEL =
  /^your(?:[-_]|domain$|company$|app$|project$|tenant$|instance$|resource$|store$|account$|org$|team$)/

/** Whether a host is a template to fill in rather than a server: a subdomain label such as `your-project`. */
export function isPlaceholderHost(host: string): boolean {
  const labels = host.split('.')
  return labels.slice(0, -2).some((l) => PLACEHOLDER_LABEL.test(l))
}

/** Whether `detectHostsInString` could find anything in a string: a URL, a CSP wildcard, or a bare host name. */
export function mayHoldHost(text: string): boolean {
  return text.indexOf('//') >= 0 || text.indexOf('*.') >= 0 || BARE_HOST.test(text)
}

/** Finds known vendor hostnames in a string: URLs anywhere in it, CSP wildcards, or the whole string as a host. */
export function detectHostsInString(
  scan: FileScan,
  text: string,
  at: Where,
  confidence: Confidence = 'high',
  how: How = 'hostname',
  basis?: EvidenceBasis,
): void {
  if (text.length > 4096) return
  const hosts = new Map<string, string>()
  for (const m of text.matchAll(URL_HOST)) {
    const host = m[1]!.toLowerCase()
    if (!hosts.has(host)) hosts.set(host, text.slice(m.index! + m[0].length - m[1]!.length))
  }
  if (hosts.size === 0 && BARE_HOST.test(text)) hosts.set(text.toLowerCase(), text.toLowerCase())
  for (const [host, url] of hosts) {
    // A placeholder (`https://your-project.supabase.co` in a setup snippet) shows how to configure, like copy; a
    // URL naming a media or document file (`https://storage.googleapis.com/cdn/intro.mp3`) is content to show.
    const hostBasis =
      basis ??
      (isPlaceholderHost(host)
        ? 'copy'
        : how === 'hostname' && url.includes('/') && isMediaFile(url)
          ? 'image'
          : undefined)
    // A vendor's script URL in code (a loader snippet, an injected element) loads that script like `<script src>`,
    // which sets the vendor's cookies; for a vendor without browser cookies the prefix only narrows a shared host.
    const loaded = how === 'hostname' && !hostBasis ? scan.rules.vendorLoadingScript(url) : undefined
    const script = loaded && loaded.cookies.length > 0 ? loaded : undefined
    const vendor = script ?? scan.rules.vendorForScriptUrl(url) ?? scan.rules.vendorForHost(host)
    const provider =
      !vendor && how === 'hostname' && !hostBasis ? oauthEndpointOwner(scan, url, host) : undefined
    if (provider) scan.vendor(provider, at, 'sign-in', `signs users in at ${host}`, host, confidence)
    else if (!vendor) mentionDomain(scan, host)
    else if (script) {
      const shown = scriptShown(url)
      scan.vendor(script, at, 'script-url', `loads the script ${shown}`, shown, confidence)
    } else
      scan.vendor(
        vendor,
        at,
        how,
        `${how === 'env' ? 'example value points at' : 'sends to'} ${host}`,
        host,
        confidence,
        hostBasis,
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
        basis ?? 'allow-list',
      )
  }
}

/**
 * The path of an OAuth 2.0 / OpenID Connect endpoint (`/oauth2/authorize`, `/api/oauth2/token`,
 * `/login/oauth/access_token`, `/protocol/openid-connect/userinfo`, `/.well-known/openid-configuration`).
 */
const OAUTH_PATH =
  /^[^/?#]+\/(?:[^?#]*\/)?(?:oauth2?|openid-connect|oidc)\/(?:v\d+(?:\.\d+)?\/)?(?:authorize|auth|token|access_token|userinfo|revoke)\b|^[^/?#]+\/\.well-known\/openid-configuration\b/i

/**
 * The identity provider an OAuth endpoint URL on a host no rule claims belongs to: the app's own OAuth code
 * (`const tokenEndpoint = 'https://discord.com/api/oauth2/token'`) signs users in at the provider whose website's
 * domain it is on. A provider's domain also serves pages and invite links, so only an endpoint's path counts.
 */
function oauthEndpointOwner(scan: FileScan, url: string, host: string): VendorRule | undefined {
  if (!OAUTH_PATH.test(url.replace(/^[a-z]+:\/\//i, ''))) return undefined
  const domain = registrableDomain(host)
  return domain ? scan.rules.signInDomain(domain) : undefined
}

/** Folders of translated UI strings. */
export const COPY_PATH = /(^|\/)(locales?|i18n|lang|translations?)\//

/**
 * Notes the registrable domain of a URL host no rule knows: a product names its own domain all over its code. Its
 * translations do not count: each language repeats the same sentences, which link to other services as often as to
 * the product (a donation page on ko-fi.com in every locale).
 */
function mentionDomain(scan: FileScan, host: string): void {
  if (COPY_PATH.test(scan.path)) return
  const domain = registrableDomain(host)
  if (!domain) return
  const list = (scan.facts.mentionedDomains ??= [])
  if (!list.includes(domain)) list.push(domain)
}

/**
 * A URL template whose host is built at run time (`https://${subdomain}.zendesk.com/oauth/…`, `*` marking each
 * substitution): the vendor whose rule knows the host that follows the last unknown label, as for a called URL. Only
 * a vendor rule decides: an unknown tenant host (`${user}.github.io`) names no service on its own.
 */
export function detectTemplateHost(scan: FileScan, url: string, at: Where, basis?: EvidenceBasis): void {
  const host = hostOfUrl(wholeUnknownLabels(url))
  const built = host?.includes('*') ? vendorOfBuiltHost(scan, url, host) : undefined
  if (built) {
    scan.vendor(built, at, 'hostname', `a URL built at run time names ${host}`, host!, 'high', basis)
    return
  }
  const prefixed = prefixedHost(url)
  const vendor = prefixed ? scan.rules.vendorForHost(prefixed.host) : undefined
  if (vendor)
    scan.vendor(
      vendor,
      at,
      'hostname',
      `a URL built at run time names ${prefixed!.written}`,
      prefixed!.written,
      'high',
      basis,
    )
}

/**
 * A host whose substitutions each open a label and are followed by its text (`api.${sandbox}africastalking.com`, the
 * substitution `'sandbox.'` or nothing): the host read with them empty, when what follows each one is a whole
 * registrable domain or below one; `written` is the host as written, the substitutions marked.
 */
function prefixedHost(url: string): { host: string; written: string } | undefined {
  const written = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]*)/i.exec(url)?.[1]
  if (!written || !/(?:^|\.)\*[a-z0-9]/i.test(written)) return undefined
  const labels = written.split('.')
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!
    if (!l.includes('*')) continue
    // Only a substitution at the start of a label, once, with the label's own text after it.
    if (l.indexOf('*') !== 0 || l.lastIndexOf('*') !== 0 || l.length === 1) return undefined
    const rest = [l.slice(1), ...labels.slice(i + 1)].join('.')
    const domain = registrableDomain(rest)
    if (!domain || !(rest === domain || rest.endsWith(`.${domain}`))) return undefined
  }
  return { host: written.replace(/\*/g, ''), written }
}

/**
 * The vendor rule that knows the host of a URL built at run time (`https://*.r2.cloudflarestorage.com`, `*` marking
 * each substitution), as {@link detectTemplateHost} reads it; undefined for a URL with no unknown host label.
 */
export function vendorOfBuiltUrl(scan: FileScan, url: string): VendorRule | undefined {
  const host = hostOfUrl(wholeUnknownLabels(url))
  return host?.includes('*') ? vendorOfBuiltHost(scan, url, host) : undefined
}

/**
 * The vendor rule that knows a host built at run time (`host`, its partly unknown labels wholly unknown): a rule's
 * hostname the URL's own labels fit, the unknown parts read as letters (`https://*-speech.googleapis.com` fits
 * `*-speech.googleapis.com`), else the host that follows the last unknown label (`*.zendesk.com`). The unknown
 * part may not reach into the registrable domain (`${name}.com` names no one).
 */
function vendorOfBuiltHost(
  scan: FileScan,
  url: string,
  host: string,
  known = knownParent(host),
): VendorRule | undefined {
  const lettered = hostOfUrl(
    url.replace(
      /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i,
      (_, scheme: string, authority: string) => scheme + authority.replace(/\*+/g, 'x'),
    ),
  )
  // What follows the unknown part is two labels at least (`googleapis.com`, itself a public suffix), never a bare TLD.
  const after = host
    .slice(host.lastIndexOf('*') + 1)
    .split('.')
    .filter(Boolean)
  const fits = lettered && (known || after.length >= 2) ? scan.rules.vendorForHost(lettered) : undefined
  return fits ?? (known ? scan.rules.vendorForHost(`x.${known}`) : undefined)
}

/** A rewrite destination with its host's route parameters (`:resource_name`, not a port) as unknown labels. */
function routeParameterLabels(url: string): string {
  return url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i,
    (_, scheme: string, authority: string) => scheme + authority.replace(/:[A-Za-z_]\w*/g, '*'),
  )
}

/**
 * A server the code calls: `via` says how, as the start of a sentence that ends with the host (`fetch() sends to`);
 * `url` is the URL (or, with `hostOnly`, the host) a call, an SDK option, a rewrite or a
 * script reaches, `*` marking parts unknown statically. A host a vendor rule knows is that vendor; another host is
 * a processor keyed by its registrable domain (or the one vendor whose hosts share that domain), at medium
 * confidence. Local, private, reserved and placeholder hosts, and URLs whose host is unknown, report nothing.
 * `hostOnly`: the value may be a bare host (a `hostname` option). `rewrite`: a proxy route, where a tenant of a
 * hosting platform (`zone-b.vercel.app`) is the product's own other deployment.
 */
export function detectCalledUrl(
  scan: FileScan,
  url: string,
  at: Where,
  via: string,
  rule: string,
  options: { hostOnly?: boolean; rewrite?: boolean; how?: How } = {},
): void {
  const how = options.how ?? 'outbound'
  const direct = hostOfUrl(url)
  // `store-${hash}.x.com`: a label only partly known, read as a wholly unknown one; in a rewrite's destination a
  // route parameter (`https://:resource.openai.azure.com/…`) is one too.
  const labelled = options.rewrite ? routeParameterLabels(url) : url
  const partial = direct ? undefined : hostOfUrl(wholeUnknownLabels(labelled))
  const host = direct ?? partial ?? (options.hostOnly && isHostName(url) ? url.toLowerCase() : undefined)
  if (!host) return
  const pattern = host.includes('*')
  // A host built at run time (`store-${hash}.mybigcommerce.com`) is known by what follows its last unknown label.
  const known = pattern ? knownParent(host) : host
  const exact = pattern
    ? vendorOfBuiltHost(scan, labelled, host, known)
    : (scan.rules.vendorForScriptUrl(url) ?? scan.rules.vendorForHost(host))
  if (exact) {
    scan.vendor(exact, at, how, `${via} ${host}`, host)
    return
  }
  if (!known) return
  const domain = registrableDomain(known)
  if (!domain || (options.rewrite && isPlatformTenant(host))) return
  const owner = scan.rules.vendorForDomain(domain, known)
  if (owner)
    scan.vendor(
      owner,
      at,
      how,
      `${via} ${host}, a host under ${owner.name}'s domain ${domain}`,
      host,
      'medium',
    )
  // A partly known label names an unknown service too vaguely (often the product's own tenants): rules decide.
  else if (partial) return
  else if (scan.rules.libraries.isPublicDataHost(host))
    scan.domain(
      domain,
      at,
      rule,
      `${via} ${host}, a public registry, mirror or reference-data host: the request downloads public files`,
      host,
      how,
      'low',
    )
  else scan.domain(domain, at, rule, `${via} ${host}, a service no vendor rule knows`, host, how)
}

/** A URL whose host labels with an unknown part are wholly unknown: `https://store-*.x.com/` → `https://*.x.com/`. */
function wholeUnknownLabels(url: string): string {
  if (!url.includes('*')) return url
  return url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i,
    (_, scheme: string, authority: string) =>
      scheme +
      authority
        .split('.')
        .map((l) => (l.includes('*') ? '*' : l))
        .join('.'),
  )
}

/**
 * The known part of a host with unknown labels: what follows the last label holding a `*`
 * (`store-*.mybigcommerce.com` → mybigcommerce.com), when it is a whole registrable domain or below one; undefined
 * when the unknown part reaches into the registrable domain (`*.com`, `api-*.com`).
 */
function knownParent(host: string): string | undefined {
  const labels = host.split('.')
  let last = -1
  labels.forEach((l, i) => {
    if (l.includes('*')) last = i
  })
  const rest = labels.slice(last + 1).join('.')
  const domain = rest ? registrableDomain(rest) : undefined
  return domain && (rest === domain || rest.endsWith(`.${domain}`)) ? rest : undefined
}

/** `<script src>` / `<Script src>`: the vendor whose script URL (or host) it loads, or the domain of an unknown one. */
/** `<script … src="…">` in HTML text: the script's URL is the first group. */
export const SCRIPT_SRC = /<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi

export function detectScriptElement(scan: FileScan, src: string, at: Where, tag: string): void {
  const shown = scriptShown(src)
  const vendor = scan.rules.vendorForScriptUrl(src)
  const own = vendor ? undefined : selfHostedScript(scan, src)
  if (vendor) scan.vendor(vendor, at, 'script-url', `<${tag} src="${shown}">`, shown)
  else if (own)
    scan.vendor(
      own,
      at,
      'script-url',
      `<${tag} src="${shown}">, ${own.name}'s script on an instance named after it`,
      shown,
    )
  else detectCalledUrl(scan, src, at, `<${tag} src> loads from`, 'outbound.script')
}

/**
 * An analytics vendor's script on a host whose first label is the vendor's id (`plausible.example.com/js/script.js`):
 * a self-hosted or proxied instance of that software, which the page loads and reports each visit to. The path must
 * be one of the vendor's own script paths (`/js/` of `plausible.io/js/`), so a page merely named so is no script.
 */
function selfHostedScript(scan: FileScan, src: string): VendorRule | undefined {
  const m = /^(?:https?:)?\/\/([a-z0-9-]+)\.([a-z0-9.-]+\.[a-z]{2,})(\/[^?#]*)/i.exec(src)
  if (!m) return undefined
  const vendor = scan.rules.vendors.get(m[1]!.toLowerCase())
  if (!vendor || !vendor.categories.includes('analytics')) return undefined
  const path = m[3]!
  return (vendor.script_urls ?? []).some((u) => {
    const own = u.slice(u.indexOf('/'))
    return own.length > 1 && path.startsWith(own)
  })
    ? vendor
    : undefined
}

/** A script URL as shown: without scheme, query and template tags (`/v1/<%= key %>/analytics.min.js`). */
function scriptShown(src: string): string {
  return src
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^\/\//, '')
    .split(/[?#*]|<%|\{\{|\$\{/)[0]!
}

/** `process.env.STRIPE_SECRET_KEY` and friends: the vendor an environment variable is named after. */
export function detectEnvReference(scan: FileScan, name: string, at: Where): void {
  const vendor = scan.rules.vendorForEnv(name)
  if (vendor) scan.vendor(vendor, at, 'env', `reads the environment variable ${name}`, name, 'medium')
}
