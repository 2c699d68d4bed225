import { z } from 'zod'
import { COOKIE_PURPOSES } from '../model/types.js'

const cookiePurpose = z.enum(COOKIE_PURPOSES as [string, ...string[]])

export const dataEntrySchema = z
  .object({
    category: z.string().min(1).describe('Taxonomy key; a parent key (user.contact) covers its children.'),
    purposes: z
      .array(z.string())
      .optional()
      .describe('Purpose keys (data uses), e.g. essential.service.authentication.'),
    retention: z.string().optional().describe('How long the data is kept, as the policy says it.'),
    legal_basis: z.string().optional(),
    description: z.string().optional(),
  })
  .strict()

export const cookieEntrySchema = z
  .object({
    name: z.string().min(1).optional().describe('Exact cookie name or a glob such as _ga_*.'),
    purpose: cookiePurpose.optional().describe('A purpose-only entry covers every cookie with that purpose.'),
    vendor: z.string().optional().describe('A vendor-only entry covers the default cookies of that vendor.'),
    duration: z.string().optional(),
    description: z.string().optional(),
  })
  .strict()
  .refine((c) => c.name !== undefined || c.purpose !== undefined || c.vendor !== undefined, {
    message: 'a cookie entry needs a name, a purpose or a vendor',
  })

export const recipientEntrySchema = z
  .object({
    vendor: z.string().min(1).optional().describe('Vendor id from privacy-drift rules, e.g. stripe.'),
    category: z
      .string()
      .min(1)
      .optional()
      .describe('A category of recipients (payments, hosting …) covering every vendor in it.'),
    domain: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A service no privacy-drift rule knows, by its registrable domain (example-pay.com); covers its subdomains.',
      ),
    name: z.string().optional().describe('Display name, when different from the rule’s.'),
    purpose: z.string().optional().describe('Why the vendor receives data, in words for the policy text.'),
    data: z.array(z.string()).optional().describe('Data categories the vendor receives.'),
    country: z.string().optional(),
    dpa: z.string().optional().describe('Link to the data processing agreement.'),
    retention: z.string().optional(),
  })
  .strict()
  .refine((r) => [r.vendor, r.category, r.domain].filter((k) => k !== undefined).length === 1, {
    message: 'an entry needs exactly one of `vendor`, `category` or `domain`',
  })

export const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).describe('Manifest format version.'),
    policy: z
      .object({
        url: z.string().optional().describe('Where the published policy lives.'),
        file: z.string().optional().describe('The policy text in this repository (markdown, text or HTML).'),
      })
      .strict()
      .optional(),
    data: z.array(dataEntrySchema).default([]),
    cookies: z.array(cookieEntrySchema).default([]),
    analytics: z.array(recipientEntrySchema).default([]),
    processors: z.array(recipientEntrySchema).default([]),
    firstParty: z
      .array(z.string().min(1))
      .default([])
      .describe('The product’s own domains (example.com): never reported as third parties.'),
    scope: z
      .object({
        product: z
          .array(z.string().min(1))
          .default([])
          .describe(
            'Globs of code that is part of the deployed product whatever its inferred role (a published SDK the service runs, a tools/ app).',
          ),
        outside: z
          .array(z.string().min(1))
          .default([])
          .describe(
            'Globs of code that is not the deployed product: its findings are low confidence (hidden by default).',
          ),
      })
      .strict()
      .optional()
      .describe(
        'Which code is the deployed product. By default, published packages no package uses, developer tooling, dot-folders and docs sites are not.',
      ),
    logs: z
      .object({
        data: z
          .array(z.string())
          .default([])
          .describe('Personal data the app may write to its logs (a parent key covers its children).'),
      })
      .strict()
      .optional()
      .describe('Personal data accepted in first-party logs; any other category a logger writes is drift.'),
    ignore: z
      .object({
        paths: z.array(z.string()).default([]).describe('Globs of files not to scan.'),
        findings: z
          .array(z.object({ fingerprint: z.string().min(1), reason: z.string().min(1) }).strict())
          .default([])
          .describe('Findings to leave out, by fingerprint, each with a reason.'),
      })
      .strict()
      .optional(),
  })
  .strict()

export type ManifestInput = z.input<typeof manifestSchema>
export type DataEntry = z.infer<typeof dataEntrySchema>
export type CookieEntry = z.infer<typeof cookieEntrySchema>
export type RecipientEntry = z.infer<typeof recipientEntrySchema>

/** A validated manifest; every entry remembers its line in the file. */
export interface Manifest {
  /** Path as given (repo-relative when found by lookup). */
  file: string
  version: 1
  policy: { url?: string; file?: string }
  data: (DataEntry & { line: number })[]
  cookies: (CookieEntry & { line: number })[]
  analytics: (RecipientEntry & { line: number })[]
  processors: (RecipientEntry & { line: number })[]
  /** The product's own registrable domains, lower case. */
  firstParty: string[]
  /** Overrides of which code is the deployed product (globs). */
  scope?: { product: string[]; outside: string[] }
  /** Accepted log flows; absent when the manifest has no `logs:` section (then no log flow is accepted). */
  logs?: { data: string[]; line: number }
  ignore: { paths: string[]; findings: { fingerprint: string; reason: string }[] }
}
