import type { PackageWrappers } from './library-schema.js'
import type { VendorRule } from './schema.js'

/** The shortest vendor token: `ga`, `mux`, `box` name too many other things. */
const MIN_TOKEN = 4

/** A package attributed to a vendor by its name, and the token that did it. */
export interface WrapperMatch {
  vendor: VendorRule
  token: string
}

/**
 * Vendor tokens and the rules for packages named after a vendor (rules/packages/wrappers.yaml): `nodemailer-sendgrid`
 * and `@acme/posthog` wrap SendGrid and PostHog; `@types/stripe`, `vite-plugin-sentry`, `react-zoom-pan-pinch` and
 * the vendor's own unlisted packages (`@supabase/postgrest-js`) do not.
 */
export class WrapperIndex {
  private readonly tokens = new Map<string, VendorRule>()
  private readonly neverScopes = new Set<string>()
  private readonly neverSegments = new Set<string>()
  private readonly qualifiers = new Set<string>()
  private readonly negations = new Set<string>()

  constructor(vendors: Iterable<VendorRule>, files: readonly PackageWrappers[] = []) {
    const ordinary = new Set<string>()
    for (const f of files) {
      for (const s of f.never.scopes) this.neverScopes.add(s.slice(1))
      for (const s of f.never.segments) this.neverSegments.add(s)
      for (const q of f.qualifiers) this.qualifiers.add(q)
      for (const n of f.negations) this.negations.add(n)
      for (const w of [...f.ordinary_words, ...f.library_names]) ordinary.add(w)
    }
    if (files.length === 0) return
    const owners = new Map<string, Set<VendorRule>>()
    const own = (token: string, v: VendorRule): void => {
      if (token.length < MIN_TOKEN || ordinary.has(token)) return
      owners.set(token, (owners.get(token) ?? new Set()).add(v))
    }
    for (const v of vendors) {
      for (const p of [...v.packages, ...v.build_time_packages]) {
        const scope = /^@([^/]+)\//.exec(p)?.[1]
        if (scope) own(scope, v)
        else if (segments(p)[0] === v.id) own(v.id, v)
      }
    }
    // A scope several vendors publish under is no one's; one that is not the vendor's name is a maintainer's.
    for (const [token, vs] of owners) {
      const vendor = [...vs][0]!
      if (vs.size === 1 && (token === vendor.id || namesVendor(token, vendor))) this.tokens.set(token, vendor)
    }
  }

  /** The vendor a package is named after, when its name says it wraps one; undefined for anything else. */
  vendorFor(name: string): WrapperMatch | undefined {
    const m = /^(?:@([^/]+)\/)?(.+)$/.exec(name.toLowerCase())
    if (!m) return undefined
    const scope = m[1]
    const parts = segments(m[2]!)
    if ((scope && this.neverScopes.has(scope)) || parts.some((p) => this.neverSegments.has(p))) return undefined
    if (scope && (this.neverSegments.has(scope) || segments(scope).some((p) => this.neverSegments.has(p))))
      return undefined
    // A vendor's own scope holds packages its rule chose not to list (renderers, types, open-source helpers), but
    // a name of qualifiers only is a binding of its SDK for a framework (`@acme-analytics/react`, `…/js-client`).
    // An unscoped package that is only the token is a namesake (`emailjs` the SMTP library), or its rule would list it.
    if (scope && this.tokens.has(scope))
      return parts.every((p) => p === scope || this.qualifiers.has(p))
        ? { vendor: this.tokens.get(scope)!, token: scope }
        : undefined
    if (!scope && parts.length === 1) return undefined
    // The token, followed only by qualifiers: `nodemailer-mailgun-transport`, `@nuxtjs/sentry`.
    for (let i = parts.length - 1; i >= 0; i--) {
      const vendor = this.tokens.get(parts[i]!)
      // `…-no-google`: a build of the library without the vendor's code.
      if (vendor && i > 0 && this.negations.has(parts[i - 1]!)) return undefined
      if (vendor) return { vendor, token: parts[i]! }
      if (!this.qualifiers.has(parts[i]!)) return undefined
    }
    return undefined
  }
}

/**
 * Whether an npm scope is the vendor's own name (`@sendgrid`, `@vercel`, `@aws-sdk` for AWS) rather than a
 * maintainer's (`@parse/node-apn` is Parse's APNs client, `@angular/fire` Angular's Firebase binding): only the
 * vendor's name makes other packages named after it its wrappers.
 */
function namesVendor(scope: string, v: VendorRule): boolean {
  const flat = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  const own = [v.id, v.name, (v.website ?? '').replace(/^https?:\/\/(www\.)?/, '').split(/[./]/)[0] ?? '']
    .map(flat)
    .filter(Boolean)
  const words = segments(scope).map(flat)
  return own.some((o) => o.includes(flat(scope)) || words.some((w) => w.length >= MIN_TOKEN && o.includes(w)))
}

/** A package name's segments: `mailgun.js` → mailgun, js; `react-mixpanel-browser` → react, mixpanel, browser. */
function segments(name: string): string[] {
  return name.split(/[-._/]+/).filter(Boolean)
}
