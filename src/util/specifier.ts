/**
 * Deno, Supabase Edge Functions, Bun and browser modules import npm packages through registry prefixes and CDNs:
 * `npm:stripe@14/sub`, `jsr:@supabase/functions-js@2`, `https://esm.sh/posthog-js@1?target=deno`,
 * `https://cdn.jsdelivr.net/npm/@sentry/browser@8/+esm`. Each names the same package an npm import would.
 */
const REGISTRY_PREFIX = /^(?:npm|jsr):/
/** CDNs that serve npm packages at `https://<host>/<prefix><package>@<version>/<subpath>`: their hosts and prefixes. */
const CDN_PREFIXES = String.raw`(?:esm\.sh\/(?:v\d+\/)?|cdn\.skypack\.dev\/|esm\.run\/|unpkg\.com\/|cdn\.jsdelivr\.net\/npm\/|ga\.jspm\.io\/npm:|jspm\.dev\/(?:npm:)?)`
/** A specifier that is a package CDN's URL. */
const PACKAGE_CDN = new RegExp(String.raw`^https?:\/\/` + CDN_PREFIXES)
/** A package CDN's URL anywhere in a line, the scheme optional (`//unpkg.com/…`). */
const PACKAGE_CDN_ANYWHERE = new RegExp(String.raw`(?:https?:)?\/\/` + CDN_PREFIXES)

/**
 * The npm-style specifier (`pkg`, `@scope/pkg/sub`, no version) a registry-prefixed or CDN import names; other
 * specifiers unchanged.
 */
export function registrySpecifier(specifier: string): string {
  let rest: string
  if (REGISTRY_PREFIX.test(specifier)) rest = specifier.replace(REGISTRY_PREFIX, '').replace(/^\//, '')
  else {
    const cdn = PACKAGE_CDN.exec(specifier)
    if (!cdn) return specifier
    rest = specifier.slice(cdn[0].length)
  }
  rest = rest.replace(/[?#].*$/, '')
  const parts = rest.split('/')
  const nameParts = parts[0]?.startsWith('@') ? 2 : 1
  if (parts.length < nameParts || !parts[0]) return specifier
  const name = parts
    .slice(0, nameParts)
    .map((p, i) => (i === nameParts - 1 ? p.replace(/@[^@]*$/, '') : p))
    .join('/')
  // A CDN's own entry points (`/+esm`, `/es2022/…`) are not subpaths of the package.
  const sub = parts.slice(nameParts).filter((p) => p && !p.startsWith('+') && !/^es20\d\d$/.test(p))
  return [name, ...sub].join('/')
}

/** Whether a line of code loads a package from a package CDN (`import … from 'https://unpkg.com/@acme/widget@3/…'`). */
export function loadsFromPackageCdn(line: string): boolean {
  return PACKAGE_CDN_ANYWHERE.test(line)
}
