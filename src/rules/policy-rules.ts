import { z } from 'zod'
import { COOKIE_PURPOSES } from '../model/types.js'
import type { Problem } from '../util/errors.js'
import { suggestion } from '../util/suggest.js'

/**
 * Policy-text rules (rules/policy/*.yaml): how privacy policies word data categories, recipients, cookie purposes,
 * transfers, and the cue words around them. Validated here, merged across rule folders (a user folder can add
 * phrases to a built-in entry), and checked against the taxonomies.
 */

const phrases = z.array(z.string().min(1))
/** Example sentences (or small markdown policies) read by the policy reader in tests/policy/policy-rules.test.ts. */
const examples = z
  .object({ positive: z.array(z.string().min(1)).min(1), negative: z.array(z.string().min(1)).min(1) })
  .strict()
const specialKind = z.enum(['art9', 'art10', 'children', 'government', 'sensitive'])
const cookiePurpose = z.enum(COOKIE_PURPOSES as [string, ...string[]])

export const policyDataEntrySchema = z
  .object({
    category: z.string(),
    wording: z.string().min(1).optional(),
    phrases: phrases.default([]),
    words: phrases.default([]),
    special: specialKind.optional(),
    /**
     * The category a part of an address names where the same item names no postal address (`postal-address` cue):
     * "City, country, and region (derived from IP)" is where the person is, not where they live.
     */
    outside_address: z.string().optional(),
    /**
     * A general word that stands for the more specific category named with it ("Location Data: City, country, and
     * approximate location" is approximate location): not drafted from an item that names one of its sub-categories.
     */
    general: z.boolean().default(false),
    examples,
  })
  .strict()

export const policyRecipientCategorySchema = z
  .object({
    category: z.string(),
    words: phrases.default([]),
    bare: phrases.default([]),
    agents: phrases.default([]),
    noun: z.string().min(1),
    purpose: z.string().min(1),
    examples,
  })
  .strict()

export const policyCookiePurposeSchema = z
  .object({
    purpose: cookiePurpose,
    adjective: z.string().min(1),
    why: z.string().min(1),
    phrases: phrases.default([]),
    frames: z.array(z.object({ verbs: phrases.min(1), objects: phrases.min(1) }).strict()).default([]),
    /** Data categories such cookies record by their nature: named inside one of its frames, they are data collected. */
    records: z.array(z.string().min(1)).default([]),
    examples,
  })
  .strict()

export const policyKnownRecipientSchema = z
  .object({
    name: z.string().min(1),
    aliases: phrases.default([]),
    category: z.string().optional(),
    vendors: z.array(z.string()).default([]),
    /** The product the company's bare name stands for when the text names none of its others ("Twitter" → X's platform). */
    product: z.string().optional(),
    ambiguous: z.boolean().default(false),
    examples,
  })
  .strict()

const policyCueSchema = z
  .object({
    cue: z.string().min(1),
    description: z.string().optional(),
    phrases: phrases.default([]),
    before: phrases.default([]),
    after: phrases.default([]),
    examples,
  })
  .strict()

const policyTopicSchema = z.object({ topic: z.string().min(1), words: phrases.min(1), examples }).strict()

/** The roles a table column can have, read from its header cell. */
export const TABLE_COLUMN_ROLES = ['provider', 'name', 'duration', 'location', 'purpose', 'category', 'cookies'] as const
export type TableColumnRole = (typeof TABLE_COLUMN_ROLES)[number]
/** Examples of a column role are header cells: positive ones have the role, negative ones do not. */
const policyColumnSchema = z
  .object({
    role: z.enum(TABLE_COLUMN_ROLES),
    description: z.string().optional(),
    words: phrases.default([]),
    /** Words that give the role only at the start of the cell ("Name", not "Provider name"). */
    starts: phrases.default([]),
    examples,
  })
  .strict()

const placeSchema = z
  .object({ code: z.string().regex(/^[A-Z]{2,3}$/, 'an ISO 3166 code, or EEA'), names: phrases.min(1), examples })
  .strict()

const safeguardSchema = z
  .object({
    key: z.enum(['scc', 'adequacy', 'dpf', 'bcr', 'consent', 'derogation']),
    phrases: phrases.min(1),
    requires_transfer: z.boolean().default(false),
    examples,
  })
  .strict()

/** Rule-file schemas by `kind`, for the loader. */
export const policyFileSchemas = {
  'policy-data': z.object({ kind: z.literal('policy-data'), categories: z.array(policyDataEntrySchema) }).strict(),
  'policy-recipients': z
    .object({
      kind: z.literal('policy-recipients'),
      provider_nouns: z
        .object({ strong: phrases.default([]), weak: phrases.default([]) })
        .strict()
        .default({ strong: [], weak: [] }),
      categories: z.array(policyRecipientCategorySchema).default([]),
    })
    .strict(),
  'policy-cookie-purposes': z
    .object({ kind: z.literal('policy-cookie-purposes'), purposes: z.array(policyCookiePurposeSchema) })
    .strict(),
  'policy-names': z
    .object({
      kind: z.literal('policy-names'),
      legal_forms: phrases.default([]),
      not_names: phrases.default([]),
      known: z.array(policyKnownRecipientSchema).default([]),
      aliases: z
        .array(z.object({ vendor: z.string(), aliases: phrases.min(1), examples }).strict())
        .default([]),
      ambiguous: z.object({ names: phrases.default([]), examples }).strict().optional(),
      software: z.object({ names: phrases.default([]), examples }).strict().optional(),
    })
    .strict(),
  'policy-cues': z
    .object({
      kind: z.literal('policy-cues'),
      cues: z.array(policyCueSchema).default([]),
      topics: z.array(policyTopicSchema).default([]),
      columns: z.array(policyColumnSchema).default([]),
    })
    .strict(),
  'policy-transfers': z
    .object({
      kind: z.literal('policy-transfers'),
      transfer_cues: phrases.default([]),
      origin_cues: phrases.default([]),
      regions: z.array(placeSchema).default([]),
      countries: z.array(placeSchema).default([]),
      safeguards: z.array(safeguardSchema).default([]),
    })
    .strict(),
} as const

export type PolicyFileKind = keyof typeof policyFileSchemas
export type PolicyDataEntry = z.infer<typeof policyDataEntrySchema>
export type PolicyRecipientCategory = z.infer<typeof policyRecipientCategorySchema>
export type PolicyCookiePurpose = z.infer<typeof policyCookiePurposeSchema>
export type PolicyKnownRecipient = z.infer<typeof policyKnownRecipientSchema>
export type PolicyCue = z.infer<typeof policyCueSchema>
export type PolicyTopic = z.infer<typeof policyTopicSchema>
export type PolicyColumn = z.infer<typeof policyColumnSchema>
export type PolicyPlace = z.infer<typeof placeSchema>
export type PolicySafeguard = z.infer<typeof safeguardSchema>
export type PolicyExamples = z.infer<typeof examples>

/** All policy-text rules, merged: plain data (cached with the other rules, sent to workers). */
export interface PolicyRules {
  data: PolicyDataEntry[]
  recipients: { strongNouns: string[]; weakNouns: string[]; categories: PolicyRecipientCategory[] }
  cookiePurposes: PolicyCookiePurpose[]
  names: {
    legalForms: string[]
    notNames: string[]
    known: PolicyKnownRecipient[]
    aliases: { vendor: string; aliases: string[]; examples: PolicyExamples }[]
    ambiguous: string[]
    ambiguousExamples?: PolicyExamples
    /** Software the reader runs ("Mozilla Firefox", "Google Chrome"): named, but no recipient of data. */
    software: string[]
    softwareExamples?: PolicyExamples
  }
  cues: PolicyCue[]
  topics: PolicyTopic[]
  /** Table column roles by the words of their header cells. */
  columns: PolicyColumn[]
  transfers: {
    transferCues: string[]
    originCues: string[]
    places: PolicyPlace[]
    safeguards: PolicySafeguard[]
  }
}

/** Policy rules with nothing in them (a RuleSet built by hand). */
export function emptyPolicyRules(): PolicyRules {
  return {
    data: [],
    recipients: { strongNouns: [], weakNouns: [], categories: [] },
    cookiePurposes: [],
    names: { legalForms: [], notNames: [], known: [], aliases: [], ambiguous: [], software: [] },
    cues: [],
    topics: [],
    columns: [],
    transfers: { transferCues: [], originCues: [], places: [], safeguards: [] },
  }
}

export function isPolicyFileKind(kind: string): kind is PolicyFileKind {
  return kind in policyFileSchemas
}

/** One validated policy rule file, and where to report problems in it. */
export interface PolicyRuleFile {
  kind: PolicyFileKind
  data: unknown
  at: (path: PropertyKey[]) => { file: string; line: number; column: number }
}

/** What the policy rules are checked against. */
export interface PolicyRuleContext {
  categoryKeys: string[]
  vendorCategoryKeys: string[]
  vendorIds: string[]
}

/**
 * Merges the policy rule files of every rule folder, in load order: entries with the same key (category, purpose,
 * cue, topic, country …) add their phrases to the first; checks every key against the taxonomies.
 */
export function mergePolicyRules(files: PolicyRuleFile[], ctx: PolicyRuleContext, problems: Problem[]): PolicyRules {
  const out = emptyPolicyRules()
  const byKey = <T>(list: T[], key: (t: T) => string, merge: (into: T, from: T) => void, item: T): void => {
    const existing = list.find((x) => key(x) === key(item))
    if (existing) merge(existing, item)
    else list.push(item)
  }
  const concat = <T extends object>(into: T, from: T, fields: (keyof T)[]): void => {
    for (const f of fields) (into[f] as unknown[]) = [...new Set([...(into[f] as unknown[]), ...(from[f] as unknown[])])]
  }
  // The hint is a function: a did-you-mean search over every key costs more than the whole check when it passes.
  const check = (
    ok: boolean,
    file: PolicyRuleFile,
    path: PropertyKey[],
    message: string,
    hint?: () => string,
  ): void => {
    if (!ok) problems.push({ ...file.at(path), key: path.join('.'), message, hint: hint?.() })
  }
  for (const f of files) {
    switch (f.kind) {
      case 'policy-data': {
        const d = f.data as z.infer<(typeof policyFileSchemas)['policy-data']>
        d.categories.forEach((c, i) => {
          check(
            ctx.categoryKeys.includes(c.category),
            f,
            ['categories', i, 'category'],
            `unknown data category "${c.category}"`,
            () => suggestion(c.category, ctx.categoryKeys, 'categories'),
          )
          byKey(out.data, (x) => x.category, (a, b) => concat(a, b, ['phrases', 'words']), structuredClone(c))
        })
        break
      }
      case 'policy-recipients': {
        const d = f.data as z.infer<(typeof policyFileSchemas)['policy-recipients']>
        out.recipients.strongNouns.push(...d.provider_nouns.strong)
        out.recipients.weakNouns.push(...d.provider_nouns.weak)
        d.categories.forEach((c, i) => {
          check(
            ctx.vendorCategoryKeys.includes(c.category),
            f,
            ['categories', i, 'category'],
            `unknown vendor category "${c.category}"`,
            () => suggestion(c.category, ctx.vendorCategoryKeys, 'vendor-categories'),
          )
          byKey(
            out.recipients.categories,
            (x) => x.category,
            (a, b) => concat(a, b, ['words', 'bare', 'agents']),
            structuredClone(c),
          )
        })
        break
      }
      case 'policy-cookie-purposes': {
        const d = f.data as z.infer<(typeof policyFileSchemas)['policy-cookie-purposes']>
        d.purposes.forEach((p, i) => {
          p.records.forEach((r, j) =>
            check(
              ctx.categoryKeys.includes(r),
              f,
              ['purposes', i, 'records', j],
              `unknown data category "${r}"`,
              () => suggestion(r, ctx.categoryKeys, 'categories'),
            ),
          )
          byKey(
            out.cookiePurposes,
            (x) => x.purpose,
            (a, b) => {
              concat(a, b, ['phrases', 'records'])
              a.frames.push(...b.frames)
            },
            structuredClone(p),
          )
        })
        break
      }
      case 'policy-names': {
        const d = f.data as z.infer<(typeof policyFileSchemas)['policy-names']>
        out.names.legalForms.push(...d.legal_forms)
        out.names.notNames.push(...d.not_names)
        d.known.forEach((k, i) => {
          k.vendors.forEach((v, j) =>
            check(ctx.vendorIds.includes(v), f, ['known', i, 'vendors', j], `unknown vendor "${v}"`),
          )
          if (k.product)
            check(
              k.vendors.includes(k.product),
              f,
              ['known', i, 'product'],
              `product "${k.product}" is not one of the company's vendors`,
            )
          if (k.category)
            check(
              ctx.vendorCategoryKeys.includes(k.category),
              f,
              ['known', i, 'category'],
              `unknown vendor category "${k.category}"`,
              () => suggestion(k.category!, ctx.vendorCategoryKeys, 'vendor-categories'),
            )
          byKey(out.names.known, (x) => x.name, (a, b) => concat(a, b, ['aliases', 'vendors']), structuredClone(k))
        })
        d.aliases.forEach((a, i) => {
          check(
            ctx.vendorIds.includes(a.vendor),
            f,
            ['aliases', i, 'vendor'],
            `unknown vendor "${a.vendor}"`,
            () => suggestion(a.vendor, ctx.vendorIds, 'vendors'),
          )
          byKey(out.names.aliases, (x) => x.vendor, (x, y) => concat(x, y, ['aliases']), structuredClone(a))
        })
        if (d.ambiguous) {
          out.names.ambiguous.push(...d.ambiguous.names.map((n) => n.toLowerCase()))
          out.names.ambiguousExamples ??= d.ambiguous.examples
        }
        if (d.software) {
          out.names.software.push(...d.software.names)
          out.names.softwareExamples ??= d.software.examples
        }
        break
      }
      case 'policy-cues': {
        const d = f.data as z.infer<(typeof policyFileSchemas)['policy-cues']>
        for (const c of d.cues)
          byKey(out.cues, (x) => x.cue, (a, b) => concat(a, b, ['phrases', 'before', 'after']), structuredClone(c))
        for (const t of d.topics) byKey(out.topics, (x) => x.topic, (a, b) => concat(a, b, ['words']), structuredClone(t))
        for (const c of d.columns)
          byKey(out.columns, (x) => x.role, (a, b) => concat(a, b, ['words', 'starts']), structuredClone(c))
        break
      }
      case 'policy-transfers': {
        const d = f.data as z.infer<(typeof policyFileSchemas)['policy-transfers']>
        out.transfers.transferCues.push(...d.transfer_cues)
        out.transfers.originCues.push(...d.origin_cues)
        for (const p of [...d.regions, ...d.countries])
          byKey(out.transfers.places, (x) => x.code, (a, b) => concat(a, b, ['names']), structuredClone(p))
        for (const s of d.safeguards)
          byKey(out.transfers.safeguards, (x) => x.key, (a, b) => concat(a, b, ['phrases']), structuredClone(s))
        break
      }
    }
  }
  return out
}
