import { z } from 'zod'
import { sinkExampleSchema } from './schema.js'

/**
 * The words the flows reader (src/scan/flows/values.ts, send.ts) takes a value's meaning from
 * (rules/flows/vocabulary.yaml): which ids name nothing alone, which objects only carry values, which names in an
 * e-mail are its one-time secret, which in a logger's arguments a signed-in session's, what a mail renderer is
 * called, which values sent to a model are lookups. How the words are put together — a name's last word, the words
 * before it, a camel-case head and tail — stays in the code; the words are here.
 */

/** Lists of lower-case words, compared with a name's words (`tokenizeIdentifier`) or a whole name. */
export const FLOW_WORD_LISTS = [
  'generic_keys',
  'self_containers',
  'carrier_containers',
  'mail_body_keys',
  'secret_words',
  'secret_carriers',
  'bare_secret_carriers',
  'secret_purposes',
  'secret_sender_words',
  'not_sign_in',
  'lookup_words',
] as const
/** Lists of word sequences a name ends with. */
export const FLOW_SEQUENCE_LISTS = ['session_secrets'] as const
/** Lists of data-category keys. */
export const FLOW_CATEGORY_LISTS = ['account_categories'] as const
/** Camel-case names by their head (first words) and tail (last words), as written (`renderWelcomeEmail`). */
export const FLOW_NAME_LISTS = ['renderers', 'text_builders', 'carrying_verbs', 'holder_suffixes'] as const

export type FlowWordList = (typeof FLOW_WORD_LISTS)[number]
export type FlowSequenceList = (typeof FLOW_SEQUENCE_LISTS)[number]
export type FlowCategoryList = (typeof FLOW_CATEGORY_LISTS)[number]
export type FlowNameList = (typeof FLOW_NAME_LISTS)[number]

/** Every example runs through the scanner: `flows` lists exactly the categories found (none when absent). */
const examples = z
  .object({ positive: z.array(sinkExampleSchema).min(1), negative: z.array(sinkExampleSchema).min(1) })
  .strict()
const means = z.string().min(1)
const word = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'one lower-case word')
const categoryKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'a data category key')

const wordList = z.object({ means, words: z.array(word).min(1), examples }).strict()
const sequenceList = z.object({ means, sequences: z.array(z.array(word).min(1)).min(1), examples }).strict()
const categoryList = z.object({ means, categories: z.array(categoryKey).min(1), examples }).strict()
const nameList = z
  .object({
    means,
    /** First words of the name, as written: lower camel case (`render`, `removeNull`). */
    heads: z.array(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a lower camel-case head')).default([]),
    /** Last words of the name, as written: upper camel case (`Email`, `HTML`). */
    tails: z.array(z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'an upper camel-case tail')).default([]),
    examples,
  })
  .strict()
  .refine((l) => l.heads.length + l.tails.length > 0, 'a name list gives `heads`, `tails` or both')

/** A `kind: flow-vocabulary` file; several (a user's rules folder) add their words to each list. */
export const flowVocabularySchema = z
  .object({
    kind: z.literal('flow-vocabulary'),
    description: z.string().optional(),
    words: z.partialRecord(z.enum(FLOW_WORD_LISTS), wordList).default({}),
    sequences: z.partialRecord(z.enum(FLOW_SEQUENCE_LISTS), sequenceList).default({}),
    categories: z.partialRecord(z.enum(FLOW_CATEGORY_LISTS), categoryList).default({}),
    names: z.partialRecord(z.enum(FLOW_NAME_LISTS), nameList).default({}),
  })
  .strict()

export type FlowVocabularyFile = z.infer<typeof flowVocabularySchema>

/** Every file's lists merged: the words of each list, in load order, once each. */
export interface FlowVocabularyInput {
  words: Record<FlowWordList, string[]>
  sequences: Record<FlowSequenceList, string[][]>
  categories: Record<FlowCategoryList, string[]>
  names: Record<FlowNameList, { heads: string[]; tails: string[] }>
}

/** The lists no file gave (every one must be given: the built-in rules/flows/vocabulary.yaml gives them all). */
export function missingFlowLists(files: readonly FlowVocabularyFile[]): string[] {
  const given = new Set(files.flatMap((f) => [...Object.keys(f.words), ...Object.keys(f.sequences), ...Object.keys(f.categories), ...Object.keys(f.names)]))
  return [...FLOW_WORD_LISTS, ...FLOW_SEQUENCE_LISTS, ...FLOW_CATEGORY_LISTS, ...FLOW_NAME_LISTS].filter((k) => !given.has(k))
}

/** One vocabulary from every `flow-vocabulary` file: each list the union of the files' lists. */
export function mergeFlowVocabularies(files: readonly FlowVocabularyFile[]): FlowVocabularyInput {
  const add = <T>(into: T[], items: readonly T[], key: (t: T) => string = String): void => {
    const seen = new Set(into.map(key))
    for (const i of items)
      if (!seen.has(key(i))) {
        seen.add(key(i))
        into.push(i)
      }
  }
  const out: FlowVocabularyInput = {
    words: Object.fromEntries(FLOW_WORD_LISTS.map((k) => [k, []])) as unknown as FlowVocabularyInput['words'],
    sequences: Object.fromEntries(FLOW_SEQUENCE_LISTS.map((k) => [k, []])) as unknown as FlowVocabularyInput['sequences'],
    categories: Object.fromEntries(FLOW_CATEGORY_LISTS.map((k) => [k, []])) as unknown as FlowVocabularyInput['categories'],
    names: Object.fromEntries(FLOW_NAME_LISTS.map((k) => [k, { heads: [], tails: [] }])) as unknown as FlowVocabularyInput['names'],
  }
  for (const f of files) {
    for (const [k, l] of Object.entries(f.words)) add(out.words[k as FlowWordList], l!.words)
    for (const [k, l] of Object.entries(f.sequences)) add(out.sequences[k as FlowSequenceList], l!.sequences, (s) => s.join(' '))
    for (const [k, l] of Object.entries(f.categories)) add(out.categories[k as FlowCategoryList], l!.categories)
    for (const [k, l] of Object.entries(f.names)) {
      add(out.names[k as FlowNameList].heads, l!.heads)
      add(out.names[k as FlowNameList].tails, l!.tails)
    }
  }
  return out
}

/** A pattern that matches nothing: a list no rule gave (a rule set built by hand). */
const NEVER = /(?!)/

/** `(a|b|c)` of words the schema allows (letters, digits, `_`: nothing to escape), or undefined for none. */
const alternatives = (words: readonly string[]): string | undefined => (words.length > 0 ? `(${words.join('|')})` : undefined)

/** The flows reader's words, compiled once per rule set. */
export class FlowVocabulary {
  /** Ids that name nothing alone: `user.id` is read as `user_id`, `product.id` as `product_id`. */
  readonly genericKeys: ReadonlySet<string>
  /** The account the code runs as (`getMe()` of a bot API): its id names no user of the app. */
  readonly selfContainers: ReadonlySet<string>
  /** Names of objects that only carry values to a function (`options.email`): as a container they say nothing. */
  readonly carrierContainers: ReadonlySet<string>
  /** The keys of an e-mail's body: a function of another module called there renders it from its arguments. */
  readonly mailBodyKeys: ReadonlySet<string>
  /** Last words of a value in an e-mail that is its one-time secret by itself (`token`, `otp`). */
  readonly secretWords: ReadonlySet<string>
  /** Last words of a value that carries a secret or the link holding one (`code`, `link`, `url`). */
  readonly secretCarriers: ReadonlySet<string>
  /** Carriers that are the secret even bare (`code`, `pin`); the others (`url`) need a purpose around them. */
  readonly bareSecretCarriers: ReadonlySet<string>
  /** Words before a carrier that make it a one-time secret (`verificationCode`, `resetLink`). */
  readonly secretPurposes: ReadonlySet<string>
  /** Words beside the purposes in the name of a function that mails a secret (`sendPasswordEmail({ url })`). */
  readonly secretSenderWords: ReadonlySet<string>
  /** Words of a token that is no one's sign-in (`nextPageToken`, `csrfToken`). */
  readonly notSignIn: ReadonlySet<string>
  /** Last words of a value's name that say it is a search term or a key, not text a person wrote to a model. */
  readonly lookupWords: ReadonlySet<string>
  /** Secrets only a signed-in session has, as the word sequences a name ends with (`accessToken`, `resetLink`). */
  readonly sessionSecrets: readonly (readonly string[])[]
  /** Categories that name an account on some service: its handle or its id. */
  readonly accountCategories: ReadonlySet<string>
  /** A function that renders an e-mail or a page from what it is given (`renderWelcomeEmail`). */
  readonly renderers: RegExp
  /** A function that puts its arguments together into one text (`buildEmbeddingText`, `formatMessage`… `Prompt`). */
  readonly textBuilders: RegExp
  /** A function that returns its input cleaned or filtered (`omitUndefined`, `sanitizeString`, `compactObject`). */
  readonly carryingVerbs: RegExp
  /** Words after an object's name that only say it holds data (`customerData`, `userInfo`): cut off the name. */
  readonly holderSuffix: RegExp

  constructor(input?: FlowVocabularyInput) {
    const w = input?.words
    this.genericKeys = new Set(w?.generic_keys)
    this.selfContainers = new Set(w?.self_containers)
    this.carrierContainers = new Set(w?.carrier_containers)
    this.mailBodyKeys = new Set(w?.mail_body_keys)
    this.secretWords = new Set(w?.secret_words)
    this.secretCarriers = new Set(w?.secret_carriers)
    this.bareSecretCarriers = new Set(w?.bare_secret_carriers)
    this.secretPurposes = new Set(w?.secret_purposes)
    this.secretSenderWords = new Set(w?.secret_sender_words)
    this.notSignIn = new Set(w?.not_sign_in)
    this.lookupWords = new Set(w?.lookup_words)
    this.sessionSecrets = input?.sequences.session_secrets ?? []
    this.accountCategories = new Set(input?.categories.account_categories)
    const n = input?.names
    const [rh, rt] = [alternatives(n?.renderers.heads ?? []), alternatives(n?.renderers.tails ?? [])]
    this.renderers = rh && rt ? new RegExp(`^${rh}(?:[A-Z]\\w*)?${rt}$`) : NEVER
    const [bh, bt] = [alternatives(n?.text_builders.heads ?? []), alternatives(n?.text_builders.tails ?? [])]
    this.textBuilders = bh && bt ? new RegExp(`^${bh}[A-Z]\\w*${bt}$`) : NEVER
    const ch = alternatives(n?.carrying_verbs.heads ?? [])
    this.carryingVerbs = ch ? new RegExp(`^${ch}([A-Z_]|$)`) : NEVER
    const ht = alternatives(n?.holder_suffixes.tails ?? [])
    this.holderSuffix = ht ? new RegExp(`(?<=[a-z])${ht}$`) : NEVER
  }

  /** Whether a name's words end with one of the session secrets (`idTokenData` is the claims read from one). */
  endsWithSessionSecret(tokens: readonly string[]): boolean {
    return this.sessionSecrets.some(
      (seq) => seq.length <= tokens.length && seq.every((w, k) => tokens[tokens.length - seq.length + k] === w),
    )
  }
}
