import { z } from 'zod'

/**
 * Rules about how libraries look in code, as data: which calls reach a server (HTTP clients, sockets, SDK host
 * options). Each file carries positive and negative examples that one table-driven test runs through the scanner.
 */

/** A code example and the registrable domain it must (positive) or must not (negative) report. */
export const domainExampleSchema = z
  .object({
    /** TS/JS code, scanned as `src/example.ts` unless `file` says otherwise. */
    code: z.string().min(1),
    file: z.string().optional(),
    /** The domain-keyed processor or vendor id the example reports (positive) or must not report (negative). */
    reports: z.string().min(1),
  })
  .strict()

/** One HTTP client or socket API: how a call through it names the server. */
export const outboundClientSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    /** Packages the callee is imported from (`axios`, `node:https`). */
    modules: z.array(z.string()).default([]),
    /**
     * For `modules`: the names called, as the last member read off the import or an instance made from it
     * (`axios.get`, `api.get` after `axios.create`), or the named import itself (`import { request } from 'undici'`);
     * `''` is the import called directly (`axios(url)`, `got(url)`).
     */
    methods: z.array(z.string()).default(['']),
    /** Callees used without an import, as written (`fetch`, `window.fetch`, `navigator.sendBeacon`, `WebSocket`). */
    globals: z.array(z.string()).default([]),
    /** The argument holding the URL, when one does. */
    url_argument: z.number().int().min(0).optional(),
    /** Keys of an object argument that hold the URL, a base URL or a host (`url`, `baseURL`, `hostname`). */
    url_options: z.array(z.string()).default([]),
    /** A proxy or rewrite: it forwards the visitor's request (a hosting-platform tenant there is the product's own). */
    proxy: z.boolean().default(false),
  })
  .strict()
  .refine((c) => c.modules.length + c.globals.length > 0, 'a client needs modules or globals')
  .refine((c) => c.url_argument !== undefined || c.url_options.length > 0, 'a client needs url_argument or url_options')

export const outboundCallsSchema = z
  .object({
    kind: z.literal('outbound-calls'),
    description: z.string().optional(),
    clients: z.array(outboundClientSchema).min(1),
    /**
     * Keys that name the server an SDK or integration talks to, in any object literal (`new OpenAI({ baseURL })`,
     * `posthog.init(key, { api_host })`, an MCP table's `serverUrl`).
     */
    host_options: z.array(z.string()).default([]),
    /** Keys that name a server only in an object passed straight to a call (`createTransport({ host })`). */
    call_host_options: z.array(z.string()).default([]),
    /**
     * A request config handed to a call (`request(token, { method: 'POST', url: 'https://…' })`): `url` keys that
     * name the server when the same object literal also has one of the `method` keys.
     */
    request_config: z
      .object({ url: z.array(z.string()).min(1), method: z.array(z.string()).min(1) })
      .strict()
      .optional(),
    /**
     * Types whose string form is a URL a library fetches (a map style, `string | StyleSpecification`): the URL
     * values of a record declared with that type (`Record<string, string | StyleSpecification>`) name servers.
     */
    url_types: z.array(z.string()).default([]),
    /**
     * Vendor categories whose services are reached at a URL the operator pastes in (a chat webhook): a call to a URL
     * known only at run time goes to such a vendor when the URL's name, or the class, function or file making the
     * call, is named after it (`fetch(discordURL)`, `class SlackAgent`, `slack_notification.ts`).
     */
    webhook_vendor_categories: z.array(z.string()).default([]),
    /** Webhook vendor names that are everyday words: they name the vendor only beside a word of `webhook_notify_words`. */
    webhook_everyday_names: z.array(z.string()).default([]),
    /** Words that say a name is about notifying (`notifier`, `webhook`, `bot`). */
    webhook_notify_words: z.array(z.string()).default([]),
    /**
     * Words that, after a leading `default`, make a module constant the server the app uses until its user picks
     * another (`DEFAULT_SWAP_HOST`, `DEFAULT_NOSTR_RELAYS`, `defaultFeeEstimator`): its URL values are called.
     */
    default_server_words: z.array(z.string()).default([]),
    /** Words that make such a constant a former default kept for a migration (`legacy`, `old`). */
    former_default_words: z.array(z.string()).default([]),
    /**
     * Hosts of public package registries, OS mirrors, code hosts' raw files and standards bodies (`ftp.debian.org`,
     * `registry.npmjs.org`, `raw.githubusercontent.com`, `data.iana.org`): a request there downloads public files or
     * reference data, usually from build or maintenance code, so no vendor rule knowing the host it is low evidence.
     */
    public_data_hosts: z.array(z.string()).default([]),
    /**
     * A browser extension's manifest, where some keys list pages and hosts rather than calls: the files that hold one
     * (`manifest.json`, WXT's `wxt.config.ts`, CRXJS's `manifest.config.ts`), the keys that hold one inline
     * (`manifest: { … }` in a bundler config or Plasmo's package.json), the keys listing the pages content scripts run
     * on (`matches`) and the keys granting hosts (`host_permissions`, MV2 `permissions`). Outside a manifest these
     * key names mean other things and are read like any key.
     */
    extension_manifest: z
      .object({
        files: z.array(z.string().min(1)).default([]),
        keys: z.array(z.string().min(1)).default([]),
        page_keys: z.array(z.string().min(1)).default([]),
        permission_keys: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /**
     * Names of a constant or key whose URL is a namespace, never requested: an identifier system
     * (`PAYMENT_PROVIDER_ID_SYSTEM_STRIPE`, FHIR's `system`) or a namespaced JWT claim (`JWT_CLAIM_PATH`). `ending`:
     * word sequences the name ends with; `anywhere`: word sequences anywhere in it. Words are the name's tokens.
     */
    namespace_names: z
      .object({
        ending: z.array(z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/)).default([]),
        anywhere: z.array(z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/)).default([]),
      })
      .strict()
      .optional(),
    /**
     * Modules that render markup into an e-mail (`@react-email/components`, `@vue-email/components`): a file importing
     * one is an e-mail template, and the hosts of its markup (a Google Fonts stylesheet, a logo) are loaded by the
     * recipient's mail client, not by the app's pages.
     */
    email_template_modules: z.array(z.string().min(1)).default([]),
    examples: z
      .object({ positive: z.array(domainExampleSchema).min(1), negative: z.array(domainExampleSchema).min(1) })
      .strict(),
  })
  .strict()

/** A package name and the vendor it must (positive) or must not (negative) be attributed to. */
export const wrapperExampleSchema = z.object({ package: z.string().min(1), vendor: z.string().min(1) }).strict()

/**
 * Packages named after a vendor they wrap (`nodemailer-sendgrid`, `@acme/posthog`): a vendor token — the npm scope
 * of the vendor's own packages, or its id when its packages start with it — as a name segment followed only by
 * qualifiers (`-transport`, `-js`), outside the vendor's own scope. Tokens shared by two vendors, shorter than four letters
 * or ordinary words never count.
 */
export const packageWrappersSchema = z
  .object({
    kind: z.literal('package-wrappers'),
    description: z.string().optional(),
    /** Packages that never send data whatever vendor they name: build tools, CLIs, types, linters, icons, mocks. */
    never: z
      .object({
        /** npm scopes (`@types`). */
        scopes: z.array(z.string().regex(/^@[a-z0-9][\w.-]*$/)).default([]),
        /** Name segments, between `-`, `.`, `_` or `/` (`cli`, `eslint`, `webpack`). */
        segments: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]),
      })
      .strict(),
    /** Segments that may follow the vendor token in a wrapper's name (`transport`, `adapter`, `js`). */
    qualifiers: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]),
    /** Segments that, right before the token, say the package goes without the vendor (`camera-kit-no-google`). */
    negations: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]),
    /** Words that name other things in package names too (`zoom` in `react-zoom-pan-pinch`): never a token. */
    ordinary_words: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    /**
     * Tokens that first name an open-source library a vendor's hosted service is built around (the Prisma ORM of
     * Prisma's data platform): a package named after one wraps the library (`@auth/prisma-adapter`), never a token.
     */
    library_names: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    examples: z
      .object({ positive: z.array(wrapperExampleSchema).min(1), negative: z.array(wrapperExampleSchema).min(1) })
      .strict(),
  })
  .strict()

/**
 * One way an auth library names a sign-in provider in a call: the function or method called (its last name), where
 * it comes from, and where the provider id — or, for generic OAuth / OIDC / SAML clients, the provider's URLs — is.
 */
export const signInCallSchema = z
  .object({
    /** Names called: a function or method (`signInWithOAuth`), a constructor (`OAuthProvider`). */
    names: z.array(z.string()).min(1),
    /** When given, the callee must be imported from one of these modules. */
    modules: z.array(z.string()).default([]),
    /** When given, the callee's dotted name must contain this member (`stytch.oauth.github.start` → `oauth`). */
    path_contains: z.string().optional(),
    /** The call always signs in with this provider id (`new OAuth2Client(…)` from google-auth-library → google). */
    provider: z.string().optional(),
    /** The id is this argument. */
    argument: z.number().int().min(0).optional(),
    /** The id is the value of this key in an object argument, two levels deep at most (`{ authorizationParams: { connection } }`). */
    option: z.string().optional(),
    /** The id is the member right after `path_contains` (`oauth.<id>.start`). */
    member_id: z.boolean().default(false),
    /** Strip this from the id (`oauth_google` → `google`). */
    prefix: z.string().optional(),
    /** Keys whose values are the provider's URLs (issuer, authorization, token, SAML entry point), at any depth. */
    url_options: z.array(z.string()).default([]),
    /** Arguments that are the provider's URLs. */
    url_arguments: z.array(z.number().int().min(0)).default([]),
  })
  .strict()
  .refine(
    (c) => c.provider !== undefined || c.argument !== undefined || c.option || c.member_id || c.url_options.length + c.url_arguments.length > 0,
    'a call needs provider, argument, option, member_id, url_options or url_arguments',
  )

/** An auth library: the code shapes that name the providers it signs users in with. */
/** A list of regular expressions, each checked to compile. */
const regexList = z
  .array(
    z.string().refine((p) => {
      try {
        return new RegExp(p) instanceof RegExp
      } catch {
        return false
      }
    }, 'a regular expression'),
  )
  .default([])

export const signInLibrarySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    /** Import paths whose tail is the provider id (`next-auth/providers/` + `github`). */
    provider_modules: z.array(z.string()).default([]),
    /**
     * Package name prefixes of per-provider strategy packages: `passport-` + `github2` → `github` (the first word of
     * the rest, trailing version digits dropped), or the identity-provider vendor whose rule lists the package.
     */
    package_prefixes: z.array(z.string().min(1)).default([]),
    /** Modules exporting provider classes or factories (`new GitHub(…)` from arctic), looked up by `sign_in.classes`. */
    class_modules: z.array(z.string()).default([]),
    calls: z.array(signInCallSchema).default([]),
    /**
     * Names called whose one capture group names the provider (`defineOAuth(\\w+)EventHandler` →
     * `defineOAuthGitHubEventHandler` → GitHub): looked up as a provider class, else as its lower-case id.
     */
    call_patterns: z
      .array(
        z.string().refine((p) => {
          try {
            return new RegExp(`${p}|`).exec('')!.length === 2
          } catch {
            return false
          }
        }, 'a regular expression with exactly one capture group'),
      )
      .default([]),
    /**
     * Enum names (whole-name regular expressions) whose string members are the sign-in methods the app offers
     * (`enum AuthMethodType { Orcid = 'orcid' }`): each member whose value a rule knows as a provider id.
     */
    enums: regexList,
    /**
     * Names (whole-name regular expressions) of `const` lists of the sign-in providers the app offers (`AUTH_PROVIDERS
     * = [{ id: 'github', name: 'GitHub' }]`): each element, or its `list_id_keys` value, that a rule knows as an id.
     */
    lists: regexList,
    /** The keys of a listed object that hold its provider id (`id`). */
    list_id_keys: z.array(z.string()).default([]),
    /** Keys of a configuration object whose own keys are provider ids (`socialProviders: { github: {…} }`). */
    object_keys: z.array(z.string()).default([]),
    /** Keys whose value lists providers: ids, or `ProviderClass.PROVIDER_ID` (`signInOptions: [...]`). */
    list_keys: z.array(z.string()).default([]),
    /** JSX attributes of the library's components that list provider ids (`<Auth providers={['github']} />`). */
    jsx_attributes: z.array(z.string()).default([]),
    /** Components of those attributes come from these modules. */
    jsx_modules: z.array(z.string()).default([]),
    /** Types whose string values are provider ids (`['github'] as Provider[]`), imported from `type_modules`. */
    types: z.array(z.string()).default([]),
    type_modules: z.array(z.string()).default([]),
    /** TOML configuration: a file (path suffix) and the table whose sub-tables are providers, on when `enabled`. */
    config: z
      .object({ file: z.string().min(1), table: z.array(z.string()).min(1), enabled: z.string().default('enabled') })
      .strict()
      .optional(),
  })
  .strict()

export const signInLibrariesSchema = z
  .object({
    kind: z.literal('sign-in-libraries'),
    description: z.string().optional(),
    libraries: z.array(signInLibrarySchema).min(1),
    /**
     * Provider configurations with only URLs, from any library (Auth.js custom providers, `genericOAuth` configs):
     * an object with one of these `type` values and URL keys.
     */
    generic_provider: z
      .object({ types: z.array(z.string()).min(1), url_keys: z.array(z.string()).min(1) })
      .strict()
      .optional(),
    examples: z
      .object({ positive: z.array(domainExampleSchema).min(1), negative: z.array(domainExampleSchema).min(1) })
      .strict(),
  })
  .strict()

/** A config file and a module it lists, and the vendor that must (positive) or must not (negative) be reported. */
export const moduleExampleSchema = z
  .object({ file: z.string().min(1), code: z.string().min(1), reports: z.string().min(1) })
  .strict()

/**
 * Frameworks that load packages named in their configuration (`nuxt.config.ts` `modules: ['@vercel/analytics']`,
 * Gatsby `plugins`, a Nuxt layer in `extends`): a vendor package listed there is used with no import.
 */
export const frameworkModulesSchema = z
  .object({
    kind: z.literal('framework-modules'),
    description: z.string().optional(),
    frameworks: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
            name: z.string().min(1),
            /** Config file base names without extension (`nuxt.config` → nuxt.config.ts, .js, .mjs …). */
            files: z.array(z.string().min(1)).default([]),
            /** Keys whose array lists packages, at any depth of the file (`modules`, `$production.modules`). */
            keys: z.array(z.string().min(1)).default([]),
            /** Keys of an entry object that name its package (Gatsby `{ resolve: 'gatsby-plugin-x', options }`). */
            entry_keys: z.array(z.string().min(1)).default([]),
            /**
             * Name prefixes of packages the framework loads from the dependencies alone, named by a short id in its
             * config (Strapi `provider: 'cloudinary'` → `@strapi/provider-upload-cloudinary`): declaring one is a use.
             */
            loaded_package_prefixes: z.array(z.string().min(1)).default([]),
          })
          .strict(),
      )
      .min(1),
    /**
     * Head-tag config whose entries carry inline code the browser runs (unhead's `app.head.script` in nuxt.config,
     * `useHead({ script })`): `lists` are the keys of the script arrays, `code_keys` the entry keys holding the code.
     */
    head_scripts: z
      .object({ lists: z.array(z.string().min(1)).min(1), code_keys: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    examples: z
      .object({ positive: z.array(moduleExampleSchema).min(1), negative: z.array(moduleExampleSchema).min(1) })
      .strict(),
  })
  .strict()

export type FrameworkModules = z.infer<typeof frameworkModulesSchema>
export type SignInCall = z.infer<typeof signInCallSchema>
export type SignInLibrary = z.infer<typeof signInLibrarySchema>
export type SignInLibraries = z.infer<typeof signInLibrariesSchema>
export type PackageWrappers = z.infer<typeof packageWrappersSchema>
export type OutboundClient = z.infer<typeof outboundClientSchema>
export type OutboundCalls = z.infer<typeof outboundCallsSchema>
export type DomainExample = z.infer<typeof domainExampleSchema>
