import { z } from 'zod'
import { COOKIE_PURPOSES } from '../model/types.js'

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'))

const tokenSequence = z.array(z.string().regex(/^[a-z0-9]+$/, 'tokens are lowercase letters and digits')).min(1)

/** A data category of the taxonomy (fideslang-style dotted key). */
export const dataCategorySchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/),
    name: z.string().min(1),
    description: z.string().optional(),
    special: z.boolean().default(false),
    html_autocomplete: z.array(z.string()).optional(),
    apple: z.string().optional(),
    google_play: z.string().optional(),
    /** Words a policy text uses for this category (policy lint). */
    synonyms: z.array(z.string()).optional(),
    /** For a category fideslang does not have: the nearest fideslang category (Fides export). */
    fideslang: z.string().optional(),
  })
  .strict()

export const purposeSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/),
    name: z.string().min(1),
    description: z.string().optional(),
  })
  .strict()

export const vendorCategorySchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    /** The role a vendor of this category plays in the inventory. */
    role: z.enum(['analytics', 'processor']),
    /** The fideslang data use (a purposes.yaml key) a vendor of this category usually serves. */
    data_use: z.string().optional(),
    description: z.string().optional(),
    /**
     * Data categories any vendor of this category receives by what it is (a sign-in provider learns who signs in):
     * the default for a service no rule describes.
     */
    data: z.array(z.string()).default([]),
  })
  .strict()

/**
 * A field's simplified type (`FieldType` of the classifier); `empty` is a type with no value (`bio: null`, which a
 * type generated from a sample response gives a field that was always null): the field never holds data.
 */
export const FIELD_TYPES = [
  'string',
  'number',
  'boolean',
  'date',
  'function',
  'object',
  'array',
  'relation',
  'element',
  'empty',
  'unknown',
] as const

const fieldType = z.enum(FIELD_TYPES)

/** What a field's container is, as far as a detector knows it structurally (see rules/pii/vocabulary.yaml). */
export const CONTAINER_KINDS = [
  'model',
  'input',
  'form',
  'request',
  'type',
  'class',
  'object',
  'config',
  'storage',
] as const

const fieldExample = {
  name: z.string(),
  container: z.string().optional(),
  kind: z.enum(CONTAINER_KINDS).optional(),
  type: fieldType.optional(),
  siblings: z.array(z.string()).optional(),
  /** The folder and base name of the file that declares the field (`types/polar` for `src/types/polar.ts`). */
  module: z.string().optional(),
}

/** One example for a pii-field rule: an identifier, optionally with its container, container kind and type. */
export const piiExampleSchema = z.union([z.string(), z.object(fieldExample).strict()])

/** The word lists the classifier reads (rules/pii/vocabulary.yaml). */
export const PII_WORD_LISTS = [
  'meta_heads',
  'carriers',
  'qualifiers',
  'negating_prefixes',
  'flag_prefixes',
  'person_words',
  'ambiguous_person_prefixes',
  'not_person_nouns',
  'wrapper_words',
  'group_words',
  'organisation_words',
  'service_containers',
  'environment_containers',
  'about_containers',
  'client_infra',
  'client_components',
  'http_handlers',
  'reference_heads',
  'everyday_vendor_words',
  'verb_person_words',
  'settings_heads',
  'integration_folders',
  'masked_key_words',
] as const
/** The category lists the classifier reads. */
export const PII_CATEGORY_LISTS = [
  'flaggable',
  'corroborating',
  'credentials',
  'person_identifiers',
  'places',
  'organisation_places',
  'person_markers',
  'record_holders',
  'service_logins',
] as const
/** The token-sequence lists the classifier reads. */
export const PII_SEQUENCE_LISTS = [
  'service_locators',
  'markup_containers',
  'place_markers',
  'organisation_markers',
  'information_sequences',
  'record_store_vendor_categories',
] as const
/** The rules of the classifier's decision, each implemented in src/scan/pii/classify.ts. */
export const PII_DECISIONS = [
  'head-word',
  'negating-prefix',
  'rule-exclusion',
  'flag',
  'field-type',
  'environment-container',
  'about-container',
  'service-container',
  'container-exclusion',
  'weak-context',
  'service-credential',
  'place-sibling',
  'organisation-place',
  'operator-settings',
  'vendor-payload',
] as const

const categoryKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/)

/** A vocabulary example: a field in context, and the category it must (positive) or must not (negative) be. */
export const vocabularyExampleSchema = z.union([
  z.string(),
  z.object({ ...fieldExample, category: categoryKey.optional() }).strict(),
])

export const piiDecisionSchema = z
  .object({
    id: z.enum(PII_DECISIONS),
    /** The rule in one or two sentences. */
    rule: z.string().min(1),
    lists: z.array(z.enum(PII_WORD_LISTS)).default([]),
    categories: z.array(z.enum(PII_CATEGORY_LISTS)).default([]),
    sequences: z.array(z.enum(PII_SEQUENCE_LISTS)).default([]),
    examples: z
      .object({
        positive: z.array(vocabularyExampleSchema).min(1),
        negative: z.array(vocabularyExampleSchema).min(1),
      })
      .strict(),
  })
  .strict()

const means = z.string().min(1)
const wordList = z.object({ means, words: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1) }).strict()
const categoryList = z.object({ means, categories: z.array(categoryKey).min(1) }).strict()
const sequenceList = z.object({ means, sequences: z.array(tokenSequence).min(1) }).strict()

/** The classifier's vocabulary file: word, category and sequence lists, and the decisions that use them. */
export const piiVocabularySchema = z
  .object({
    kind: z.literal('pii-vocabulary'),
    words: z.partialRecord(z.enum(PII_WORD_LISTS), wordList).default({}),
    categories: z.partialRecord(z.enum(PII_CATEGORY_LISTS), categoryList).default({}),
    sequences: z.partialRecord(z.enum(PII_SEQUENCE_LISTS), sequenceList).default({}),
    decisions: z.array(piiDecisionSchema).default([]),
  })
  .strict()

export const piiRuleSchema = z
  .object({
    id: z.string().regex(/^pii\.[a-z0-9_.-]+$/),
    kind: z.literal('pii-field'),
    category: z.string(),
    description: z.string().optional(),
    /** Strong sequences match anywhere; weak ones need a person-like container or a strong sibling. */
    sequences: z.array(tokenSequence).default([]),
    weak_sequences: z.array(tokenSequence).default([]),
    /** Head words (last token) after the match that make it not data (`emailVerified`). */
    exclude_heads: z.array(z.string()).default([]),
    /** Tokens anywhere in the identifier or its container that make it not this kind of data. */
    exclude_tokens: z.array(z.string()).default([]),
    /** Whole token sequences that are never this category. */
    exclude_sequences: z.array(tokenSequence).default([]),
    /**
     * Sibling fields, named exactly by one of these sequences, that make the field another kind of thing: `address`
     * beside `family` is a resolved network address (`{ address, family }` from a DNS lookup), not a postal one.
     */
    exclude_siblings: z.array(tokenSequence).default([]),
    /**
     * Parts of the whole a weak match belongs to: when the field's siblings are known, a weak match counts only beside
     * a sibling holding one of these sequences, or in a container named by one. A `country` beside no other part of
     * an address (`{ name, email, country }`) is where the person is, not a line of their postal address.
     */
    group_siblings: z.array(tokenSequence).default([]),
    /** TypeScript types that may carry this data; others reject the match. */
    /** Field types that may carry this data; `relation` is a link to another model's rows (`orders Order[]`). */
    types: z
      .array(z.enum(['string', 'number', 'boolean', 'date', 'object', 'array', 'relation']))
      .default(['string', 'object', 'array']),
    /** Tokens that may follow the match and still mean the same data (`phone` + `number`). */
    suffixes: z.array(z.string()).default([]),
    /** Words that make a weak match count when they qualify it or name its container; replaces the shared person-word list. */
    contexts: z.array(z.string()).optional(),
    /** A weak match also counts when a sibling field holds one of these sequences (`lat` beside `lng`). */
    partners: z.array(tokenSequence).default([]),
    /**
     * Whether a weak match counts beside a sibling that is strong identifying data about a person (`name` beside
     * `email`). `false` where a person beside the term does not make it this category: a text beside its author's
     * e-mail is the author's, but nothing there says it is published. Unset, it is true for a rule without partners
     * and false for one with them (their partners say what makes the term this data); `true` with partners counts both.
     */
    person_siblings: z.boolean().optional(),
    /**
     * Names of persisted records of this category: a model whose name ends with one (`MerchPurchase`, `TrackPlay`)
     * and that holds a person's id records that person's data of this category, whatever its fields are called.
     */
    records: z.array(tokenSequence).default([]),
    examples: z.object({ positive: z.array(piiExampleSchema).min(1), negative: z.array(piiExampleSchema).min(1) }),
    sources: z.array(z.string()).default([]),
    last_verified: isoDate.optional(),
  })
  .strict()

export const cookieEntrySchema = z
  .object({
    /** Exact name, or a glob with `*` (`_ga_*`, `ph_*_posthog`). */
    name: z.string().min(1),
    vendor: z.string().nullable().default(null),
    platform: z.string().optional(),
    purpose: z.enum(COOKIE_PURPOSES as [string, ...string[]]),
    duration: z.string().optional(),
    description: z.string().optional(),
    /**
     * Library calls that set the cookie under this default name (`cartSetIdDefault()`, `authStore.exportToCookie()`):
     * `call` is the callee or the end of its dotted name, `modules` (when given) where it must be imported from, and
     * `name_argument` the argument that renames the cookie, and `option` an option that must be `true` in the call's
     * options object for the cookie to be set at all (auth0-spa-js keeps its transaction in a cookie only with
     * `useCookiesForTransactions: true`), or, with `option_is`, an option whose value is the library's export of that
     * name (wagmi keeps its state in cookies only with `createStorage({ storage: cookieStorage })`).
     */
    set_by: z
      .array(
        z
          .object({
            call: z.string().min(1),
            modules: z.array(z.string().min(1)).default([]),
            name_argument: z.number().int().min(0).optional(),
            option: z.string().min(1).optional(),
            option_is: z.string().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    /**
     * The package whose default cookie this is and the major versions that use this name: next-auth 4 sets
     * `next-auth.session-token`, 5 (Auth.js) `authjs.session-token`. The installed version (package.json range)
     * picks the names when code alone cannot tell.
     */
    default_of: z
      .object({ package: z.string().min(1), majors: z.array(z.number().int().min(0)).min(1) })
      .strict()
      .optional(),
  })
  .strict()

export const cookieCatalogueSchema = z
  .object({
    kind: z.literal('cookie'),
    source: z.string().optional(),
    derived_from: z.object({ dataset: z.string(), url: z.string(), license: z.string() }).strict().optional(),
    cookies: z.array(cookieEntrySchema).min(1),
  })
  .strict()

const ecosystems = z
  .object({
    pypi: z.array(z.string()).optional(),
    gem: z.array(z.string()).optional(),
    golang: z.array(z.string()).optional(),
    maven: z.array(z.string()).optional(),
    composer: z.array(z.string()).optional(),
    cocoapods: z.array(z.string()).optional(),
    pub: z.array(z.string()).optional(),
    nuget: z.array(z.string()).optional(),
  })
  .strict()

// ── Sinks: calls whose arguments leave the app (flows) ──────────────────────────────────────────────────────────

/**
 * An identifier, or `{a,b,c}` for alternatives in one segment of a call chain; an alternative `*Logger` is any name
 * that ends with a word `Logger` (`appLogger`, `requestLogger`).
 */
const chainSegment = String.raw`(?:\*?[A-Za-z_$][\w$]*|\{\*?[A-Za-z_$][\w$]*(?:,\*?[A-Za-z_$][\w$]*)+\})`

/**
 * Which part of a call's arguments leaves the app: an argument index, or `*` for every argument, optionally followed
 * by a property path inside that argument (`1.body`, `0.metadata`, `0.payload.person`).
 */
export const sinkArgSchema = z
  .string()
  .regex(
    /^(\*|\d+)(\.[A-Za-z_$][\w$]*)*$/,
    'an argument index or `*`, optionally with a property path: `0`, `1.body`, `0.metadata`, `*`',
  )

/**
 * One sink: a call (or constructor) of an SDK whose arguments are sent to the vendor.
 *
 * `call` is the member chain read on the SDK's import, matched as a suffix on whole names: `customers.create`
 * matches `stripe.customers.create(…)`, `new Stripe(key).customers.create(…)` and, through a `const`,
 * `const s = new Stripe(key); s.customers.create(…)`. A named import counts as the first link
 * (`import { setUser } from '@sentry/node'` → `setUser`). `new Rollbar` is a constructor call of the module's
 * default or named export `Rollbar`. A segment may list alternatives: `console.{log,info,warn}`.
 */
export const sinkCallSchema = z
  .object({
    call: z
      .string()
      .regex(
        new RegExp(`^(new )?${chainSegment}(\\.${chainSegment})*$`),
        'a member chain such as `customers.create`, `new Rollbar` or `console.{log,info}`',
      ),
    /** Modules the chain is read on (exact or a subpath); default: the vendor's `packages` and `imports`. */
    modules: z.array(z.string().min(1)).optional(),
    /** The chain starts at a global (`gtag`, `console`, `window.zE`), not at an import. */
    global: z.boolean().default(false),
    /** The arguments (and properties within them) that leave the app; default: every argument. */
    args: z.array(sinkArgSchema).min(1).default(['*']),
    /**
     * The argument holding the URL the data goes to: the receiving vendor is the one whose hostname it names, and
     * a call to a host no rule knows is not a sink (`fetch(url, { body })`). Only in `kind: sinks` files.
     */
    url: sinkArgSchema.optional(),
    /**
     * With `url`: arguments that become the URL's query string (axios `params`, ky `searchParams`), read like the
     * URL itself — an account's handle or id there, with no other data sent, is a record looked up.
     */
    query: z.array(sinkArgSchema).min(1).optional(),
    /**
     * The argument whose value names the receiving vendor by the package it is imported from: the Vercel AI SDK's
     * `generateText({ model: openai('gpt-4o'), prompt })` sends the prompt to OpenAI. Only in `kind: sinks` files.
     */
    vendor_arg: sinkArgSchema.optional(),
    /**
     * A data category any non-literal value in `args` carries whatever its name: the text sent to a language
     * model is `user.content.ai_prompt` even when the variable is called `input`.
     */
    category: z.string().optional(),
    /**
     * A data category the vendor records because the call is made at all, whatever it is passed: Sentry's
     * `replayIntegration()` records the session (a replay of what the visitor does). One flow at the call.
     */
    records: z.string().optional(),
    /**
     * With `records`: the call records only when one of these options is given a value other than `0` or `false`
     * (Datadog RUM's `init({ sessionReplaySampleRate: 100 })`; replay is off when the rate is left out).
     */
    records_when: z.array(sinkArgSchema).min(1).optional(),
    /**
     * Arguments (and properties) whose value the vendor's API defines as a data category, whatever the code calls
     * it: the `to` of an e-mail is the recipient's address (`{ "0.to": user.contact.email }`).
     */
    arg_categories: z.record(sinkArgSchema, z.string()).optional(),
    /** The call also returns a client of the same SDK (`logger.child(bindings)`): a function returning it is a client. */
    returns_client: z.boolean().default(false),
    /**
     * The chain starts at a parameter: a client a framework hands to route handlers on the request context
     * (Hydrogen's `context.customerAccount.mutate(…)`). Matched in files that import one of `modules`, whose vendor
     * receives the data. Only in `kind: sinks` files.
     */
    from_parameter: z.boolean().default(false),
    /**
     * The chain is read where the walk cannot see the receiver's origin — a class field a base class sets
     * (`this.log.info(…)`), a field of an options object (`this.options.log`), an untyped parameter (`logger.warn(…)`)
     * — and its names alone say what it is. Only in `kind: sinks` files.
     */
    by_name: z.boolean().default(false),
    /**
     * The chain names a function of the repository itself — an app's own request wrapper (`request({ method, url,
     * body })`) whose body the walk cannot follow to an HTTP client — and `url` (any argument: `*.url`) names the
     * host its arguments go to. Only in `kind: sinks` files.
     */
    own_function: z.boolean().default(false),
    /** Why this call is a sink, or what to watch for (free text). */
    note: z.string().optional(),
  })
  .strict()

/**
 * A sink example: TS/JS code (scanned as src/example.ts), or an object naming the file and, for a positive example,
 * exactly the data categories the code must be found to send (`flows`).
 */
export const sinkExampleSchema = z.union([
  z.string(),
  z
    .object({
      file: z.string().optional(),
      code: z.string(),
      flows: z.array(z.string()).min(1).optional(),
    })
    .strict(),
])

const sinkExamples = z
  .object({ positive: z.array(sinkExampleSchema).min(1), negative: z.array(sinkExampleSchema).min(1) })
  .strict()

/** The `sinks:` block of a vendor rule: its sink calls, examples both ways, and where the API shape was checked. */
export const vendorSinksSchema = z
  .object({
    calls: z.array(sinkCallSchema).default([]),
    /**
     * A URL on one of the vendor's hosts is itself the request: an image the viewer's browser loads (an avatar API
     * that draws a picture from a seed, an e-mail hash or a handle). Personal data written into such a URL — its path
     * or query — reaches the vendor wherever the URL goes (`<img src>`, a value a component renders), with no call.
     */
    image_urls: z.boolean().default(false),
    /**
     * Options of the SDK's constructor or factory that point the client at another host (`new OpenAI({ baseURL })`,
     * `new S3Client({ endpoint })`): a host another rule knows makes that vendor the receiver; any other host, its
     * registrable domain.
     */
    host_options: z.array(z.string().min(1)).default([]),
    examples: sinkExamples,
    /** The vendor's API reference pages the calls were checked against. */
    sources: z.array(z.string()).min(1),
    last_verified: isoDate,
  })
  .strict()
  .refine((b) => b.calls.length > 0 || b.image_urls, 'a `sinks:` block lists `calls`, or says `image_urls: true`')

/**
 * A `kind: sinks` file: sinks that are not one vendor's SDK. Loggers (`vendor: logs`: first-party logs, or the
 * logging vendor a transport names), HTTP clients (each call's `url` names the vendor by host), and SDKs shared by
 * many vendors (each call's `vendor_arg` names it, or the vendor owning the module the chain is read on).
 */
export const sinkFileSchema = z
  .object({
    kind: z.literal('sinks'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Who receives the data: `logs`, or omitted when every call has a `url`. */
    vendor: z.literal('logs').optional(),
    description: z.string().optional(),
    calls: z.array(sinkCallSchema).default([]),
    /**
     * A call of a vendor's SDK whose rule lists no sinks sends the personal data it is passed to the vendor
     * (`SinkIndex.clientDefault`), except for vendors in these categories: a store of the app's own records (a hosted
     * database, a queue) keeps the app's data for it rather than receiving it as a third party's own.
     */
    sdk_default: z.object({ except_categories: z.array(z.string().min(1)).min(1) }).strict().optional(),
    /**
     * Vendors a `url` known only at run time (a webhook or bot URL read from settings) is taken to point to when the
     * code around the call names one of them: the URL's own names, then the enclosing functions and class, then the
     * file. Each name is one or more words (`lunasea`, `luna sea`), matched on whole words of identifiers.
     */
    named_receivers: z
      .array(z.object({ vendor: z.string().min(1), names: z.array(z.string().min(2)).min(1) }).strict())
      .default([]),
    /**
     * Words that say a setting holds where requests go (`url`, `endpoint`): a run-time URL read from a setting in
     * constant case (`process.env.CROWD_CLEARBIT_URL`, `SERP_API_URL`) goes to the vendor the rest of the setting's
     * name names by its id or one-word name (one word, or two adjacent words written together).
     */
    setting_words: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    /**
     * An app's own request helper called with a request config (`request({ endpoint, method, body: { … } })`): the
     * config's keys that say it is a request (`markers`), and the keys whose object is the payload sent (`payloads`).
     */
    request_config: z
      .object({
        markers: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).min(1),
        payloads: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).min(1),
      })
      .strict()
      .optional(),
    examples: sinkExamples,
    sources: z.array(z.string()).min(1),
    last_verified: isoDate,
  })
  .strict()
  .refine(
    (f) =>
      f.vendor !== undefined ||
      f.calls.every((c) => c.url !== undefined || c.vendor_arg !== undefined || c.modules !== undefined),
    {
      message:
        'a sinks file without `vendor: logs` needs, on every call, a `url` (the host names the vendor), a `vendor_arg` or `modules` (the module’s vendor)',
    },
  )

/** A vendor example: TS/JS code (scanned as src/example.tsx), or a named file with its content. */
export const vendorExampleSchema = z.union([
  z.string(),
  z.object({ file: z.string(), content: z.string() }).strict(),
])

/**
 * How auth libraries name a sign-in provider (an OAuth/OIDC/SAML identity provider), so a detector can map an
 * auth configuration to the vendor. Matched case-sensitively, exactly as the libraries spell them.
 */
export const signInSchema = z
  .object({
    /**
     * Provider id strings: Auth.js provider id (= import tail `next-auth/providers/<id>`), better-auth
     * `socialProviders` key, Supabase `provider`, Clerk `oauth_<id>` tail, Stytch `oauth.<id>`, Auth0 connection
     * name (`google-oauth2`), Firebase `providerId` (`github.com`), WorkOS provider (`GitHubOAuth`).
     */
    ids: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a provider id: letters, digits, . _ -')).default([]),
    /** Provider classes or factories exported by auth libraries (arctic `GitHub`, Firebase `GithubAuthProvider`). */
    classes: z.array(z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, 'a JavaScript identifier')).default([]),
  })
  .strict()
  .refine((s) => s.ids.length + s.classes.length > 0, 'sign_in needs at least one id or class')

export const vendorRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    kind: z.literal('vendor'),
    name: z.string().min(1),
    legal_entity: z.string().optional(),
    website: z.string().optional(),
    privacy_policy: z.string().optional(),
    /** Overrides the role implied by the first category. */
    role: z.enum(['analytics', 'processor']).optional(),
    categories: z.array(z.string()).min(1),
    /** Data categories the vendor receives by default (taxonomy keys). */
    data_categories: z.array(z.string()).default([]),
    /** npm packages whose runtime code sends data to the vendor (exact names). */
    packages: z.array(z.string()).default([]),
    /** npm packages that are build-time tools (source-map upload, CLIs): never a processor. */
    build_time_packages: z.array(z.string()).default([]),
    /** Import specifiers beyond the packages (subpaths of listed packages match already). */
    imports: z.array(z.string()).default([]),
    /**
     * Named exports of another package that are this vendor's product (`{ '@shopify/hydrogen': [Analytics] }`,
     * `{ pigeon-maps: [maptiler] }`), keyed by module or by package (any subpath): importing one uses this vendor.
     * A member chain (`{ googleapis: [google.gmail] }`) is a client factory: calling it uses this vendor.
     */
    named_imports: z.record(z.string(), z.array(z.string())).default({}),
    ecosystems: ecosystems.optional(),
    /** Script URLs (host + path prefix) loaded with <script src> or next/script. */
    script_urls: z.array(z.string()).default([]),
    /**
     * Stylesheet URLs (host + path prefix) whose loading is the service itself (a web-font API): a visitor's browser
     * fetching one through `<link rel="stylesheet">` or a CSS `@import` sends its IP address to the vendor, so it
     * shows the vendor, where another host's stylesheet or image is only an asset host.
     */
    stylesheet_urls: z.array(z.string()).default([]),
    /**
     * Calls on the global the vendor's inline loader snippet defines (`posthog.init`, `_paq.push`): with no import or
     * local of that name, the vendor's browser script is on the page, as with `<script src>`.
     */
    snippet_globals: z.array(z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'a dotted call')).default([]),
    /** Data-egress hostnames; `*.` matches subdomains, `*-` a first label's prefix (`*-speech.googleapis.com`). */
    hostnames: z.array(z.string()).default([]),
    /**
     * Path prefixes of the vendor's API that no other service serves (`/openai/deployments`, Jira's `/rest/api/3`),
     * for a URL whose host is set at run time: the customer's own tenant or endpoint
     * (`${endpoint}/openai/deployments/${id}`). Two segments at least; a URL with a written host is judged by its host.
     */
    api_paths: z
      .array(z.string().regex(/^(\/[A-Za-z0-9._-]+){2,}$/, 'a path prefix of two segments or more, without a trailing /'))
      .default([]),
    /** Environment variable names, as in .env.example. */
    env: z.array(z.string()).default([]),
    /**
     * Project config files the vendor's native SDK is built with (`google-services.json`): an Expo config naming one
     * (`android.googleServicesFile`) shows the app ships the SDK, as a dependency does.
     */
    config_files: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/, 'a file name')).default([]),
    /**
     * Top-level sections of a Cloudflare Workers config (`wrangler.toml` / `wrangler.json(c)`) that bind the worker
     * to this service (`ai`, `analytics_engine_datasets`): the deployed code reaches it through the binding.
     */
    worker_bindings: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]),
    /** Packages that run in the browser and set the default cookies; when empty, any package or script does. */
    browser_packages: z.array(z.string()).default([]),
    /**
     * Options of an SDK call that keep the SDK's state out of cookies (`posthog.init(key, { persistence:
     * 'localStorage' })`): `call` is the method called on the SDK's import, `option` the option and `values` the
     * values that do it. When every such call in the repository sets one, the default cookies are not reported.
     */
    cookieless_options: z
      .array(
        z
          .object({
            call: z.string().min(1),
            option: z.string().min(1),
            values: z.array(z.union([z.string(), z.boolean()])).min(1),
          })
          .strict(),
      )
      .default([]),
    /** Cookies the SDK sets by default. */
    cookies: z
      .array(
        z
          .object({
            name: z.string(),
            purpose: z.enum(COOKIE_PURPOSES as [string, ...string[]]),
            duration: z.string().optional(),
            description: z.string().optional(),
            /**
             * The vendor's own domain the cookie is set on (`clarity.ms`): a third-party cookie the site's pages never
             * hold, reported at low confidence only.
             */
            set_on: z.string().optional(),
            /**
             * The vendor's packages that set this cookie (`appSession` by nextjs-auth0, not auth0-spa-js); when empty,
             * every browser package and script of the vendor does.
             */
            packages: z.array(z.string().min(1)).default([]),
            /**
             * The vendor's sink calls that write this cookie (Segment's `ajs_group_id` by `group()`): not a default of
             * the SDK, it is reported where one of these calls is made on the vendor's client.
             */
            set_by_calls: z.array(z.string().min(1)).default([]),
          })
          .strict(),
      )
      .default([]),
    /** Sentence fragment for the policy text: what the vendor does for the product. */
    purpose: z.string().optional(),
    examples: z
      .object({ positive: z.array(vendorExampleSchema).min(1), negative: z.array(vendorExampleSchema).min(1) })
      .strict(),
    /** Identity providers: the ids and classes auth libraries use for this vendor. */
    sign_in: signInSchema.optional(),
    /**
     * Auth-library configurations naming this provider (`providers: [GitHub]`, `socialProviders: { github }`), for the
     * sign-in detector's table-driven test; positives must name one of `sign_in` ids or classes.
     */
    sign_in_examples: z
      .object({ positive: z.array(vendorExampleSchema).min(1), negative: z.array(vendorExampleSchema).default([]) })
      .strict()
      .optional(),
    sources: z.array(z.string()).min(1),
    last_verified: isoDate,
    notes: z.string().optional(),
    /** SDK calls whose arguments reach the vendor (flows): see `vendorSinksSchema` and rules/README.md. */
    sinks: vendorSinksSchema.optional(),
  })
  .strict()

/** A dotted expression as the scanner reads it: `req.body`, `request.formData()`, `readBody()`. */
const codeExpression = z.string().regex(/^[A-Za-z_$][\w$]*(\(\))?(\.[A-Za-z_$][\w$]*(\(\))?)*$/, 'a dotted chain, `()` for a call')

/** One place server code reads what a client submitted (rules/requests/*.yaml), with code examples. */
export const submittedSourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    means: z.string().min(1),
    /** Expressions whose value is the submitted payload: its fields are read off it. */
    payloads: z.array(codeExpression).default([]),
    /** Calls that hand their first argument on as a payload (`Object.fromEntries()`). */
    wrappers: z.array(codeExpression).default([]),
    /** Methods that read one submitted key (`get` in `formData.get('email')`). */
    getters: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).default([]),
    /** Last members of the objects those getters read a form or query from (`formData`, `searchParams`). */
    owners: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).default([]),
    /** The owners that hold a URL query rather than a form. */
    query_owners: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).default([]),
    /** Parameter types that hold submitted values (`formData: FormData` in a server action). */
    parameter_types: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).default([]),
    /** TS/JS code scanned as a server file: a positive reports a personal-data field it reads, a negative none. */
    examples: z.object({ positive: z.array(z.string()).min(1), negative: z.array(z.string()).min(1) }).strict(),
  })
  .strict()

export const submittedDataFileSchema = z
  .object({ kind: z.literal('submitted-data'), sources: z.array(submittedSourceSchema).min(1) })
  .strict()

export type DataCategory = z.infer<typeof dataCategorySchema>
export type Purpose = z.infer<typeof purposeSchema>
export type VendorCategory = z.infer<typeof vendorCategorySchema>
export type PiiRule = z.infer<typeof piiRuleSchema>
export type PiiExample = z.infer<typeof piiExampleSchema>
export type ContainerKind = (typeof CONTAINER_KINDS)[number]
export type PiiDecision = z.infer<typeof piiDecisionSchema>
export type PiiDecisionId = (typeof PII_DECISIONS)[number]
export type VocabularyExample = z.infer<typeof vocabularyExampleSchema>

/** The merged vocabulary of every rule folder: each list is the union of what the files say. */
export interface PiiVocabulary {
  words: Record<(typeof PII_WORD_LISTS)[number], string[]>
  categories: Record<(typeof PII_CATEGORY_LISTS)[number], string[]>
  sequences: Record<(typeof PII_SEQUENCE_LISTS)[number], string[][]>
  decisions: PiiDecision[]
}
export type CookieEntry = z.infer<typeof cookieEntrySchema>
export type VendorRule = z.infer<typeof vendorRuleSchema>
export type SubmittedSource = z.infer<typeof submittedSourceSchema>
export type VendorExample = z.infer<typeof vendorExampleSchema>
export type SignIn = z.infer<typeof signInSchema>
export type SinkCall = z.infer<typeof sinkCallSchema>
export type SinkExample = z.infer<typeof sinkExampleSchema>
export type SinkFile = z.infer<typeof sinkFileSchema>
