import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { scanRepository } from '../../src/scan/scan-repository.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules, scanFixture } from './fixture.js'

/** `vendor → category @ path:line` for every flow evidence: readable in assertion diffs. */
async function flows(name: string): Promise<string[]> {
  const { inventory } = await scanFixture(name)
  return inventory.flows
    .flatMap((f) => f.evidence.map((e) => `${f.vendor} → ${f.category} @ ${e.path}:${e.line}`))
    .sort()
}

/** `vendor → category` of every flow one module gives, all confidences. */
function moduleFlows(path: string, code: string): string[] {
  return buildInventory([scanFile(path, code, rules)], rules, { minConfidence: 'low' })
    .inventory.flows.map((f) => `${f.vendor} → ${f.category}`)
    .sort()
}

describe('flows: which personal data reaches which vendor (fixtures/detectors/flows)', () => {
  it('finds every traced flow, and nothing from the traps', async () => {
    expect(await flows('flows')).toEqual([
      // The OpenAI SDK pointed at Groq by baseURL sends to Groq.
      'groq → user.content.ai_prompt @ src/server/ai.ts:9',
      // A logger exported by lib/logger.ts, used in another module.
      'logs → user.contact.email @ src/app/billing.ts:15',
      'logs → user.contact.email @ src/server/mail.ts:17',
      'logs → user.unique_id @ src/app/billing.ts:15',
      // fetch() to a host a vendor rule knows: the body goes to that vendor.
      'meta-pixel → user.contact.email @ src/server/conversions.ts:7',
      'meta-pixel → user.device.ip_address @ src/server/conversions.ts:7',
      'openai → user.content.ai_prompt @ src/server/ai.ts:8',
      // One hop through an imported helper (lib/analytics.ts track → posthog.capture), hashed or not.
      'posthog → user.contact.email @ src/app/signup.ts:12',
      'posthog → user.contact.email @ src/app/signup.ts:8',
      // The helper's `distinctId` parameter is what its callers pass: their user id, not a pseudonymous id.
      'posthog → user.unique_id @ src/app/signup.ts:10',
      'posthog → user.unique_id @ src/app/signup.ts:12',
      'posthog → user.unique_id @ src/app/signup.ts:8',
      'resend → user.contact.email @ src/server/mail.ts:12',
      'resend → user.name.first @ src/server/mail.ts:13',
      'resend → user.name.first @ src/server/mail.ts:14',
      // A spread of a local object and a member chain two deep (session.user.name).
      'sentry → user.contact.email @ src/app/session.ts:10',
      'sentry → user.contact.email @ src/server/mail.ts:9',
      'sentry → user.name @ src/app/session.ts:10',
      // A client exported by lib/stripe.ts.
      'stripe → user.contact.email @ src/app/billing.ts:11',
      'stripe → user.name @ src/app/billing.ts:12',
      'stripe → user.unique_id @ src/app/billing.ts:13',
    ])
  })

  it('a logger factory of the app that streams to a vendor writes its logs there and to its own files', async () => {
    expect(await flows('flows-logger-streams')).toEqual([
      'aws-cloudwatch → user.contact.email @ src/services/users.ts:8',
      'aws-cloudwatch → user.unique_id @ src/services/users.ts:8',
      // A mail transport named by nodemailer's well-known service id: Amazon SES.
      'aws-ses → user.contact.email @ src/lib/mail.ts:9',
      'logs → user.contact.email @ src/services/users.ts:8',
      'logs → user.unique_id @ src/services/users.ts:8',
    ])
  })

  it('keeps the path from the value to the sink, across the helper hop', async () => {
    const { inventory } = await scanFixture('flows')
    const posthog = inventory.flows.find(
      (f) => f.vendor === 'posthog' && f.category === 'user.contact.email',
    )!
    const direct = posthog.evidence.find((e) => e.line === 8)!
    expect(direct.trace).toEqual([
      "src/app/signup.ts:5: const email = String(form.get('email')).trim()",
      "src/app/signup.ts:8: track(userId, 'signed_up', { email, admin: isAdmin })",
      'src/lib/analytics.ts:7: posthog.capture({ distinctId, event, properties })',
    ])
    const hashed = posthog.evidence.find((e) => e.line === 12)!
    expect(hashed.reason).toMatch(/hashed with sha256\(\) — still personal data/)
    const stripe = inventory.flows.find((f) => f.vendor === 'stripe' && f.category === 'user.contact.email')!
    expect(stripe.evidence[0]!.trace).toEqual([
      'src/app/billing.ts:11: email: user.email,',
      'src/lib/stripe.ts: stripe is a stripe client',
    ])
  })

  it('reports no flow from test files, even when they are scanned', async () => {
    const { inventory } = await scanRepository(join(import.meta.dirname, '../../fixtures/detectors/flows'), {
      rules,
      include: ['test/**'],
      workers: 0,
    })
    expect(inventory.flows).toEqual([])
  })

  it('--no-flows (flows: false) skips the analysis', async () => {
    const { inventory } = await scanRepository(join(import.meta.dirname, '../../fixtures/detectors/flows'), {
      rules,
      flows: false,
      workers: 0,
    })
    expect(inventory.flows).toEqual([])
    expect(inventory.processors.map((p) => p.vendor)).toContain('stripe')
  })
})

describe('flows: AI tool calls and lookups (fixtures/detectors/flows-ai-tools)', () => {
  it("a tool call's model-written arguments and named lookups are no prompt; what the user wrote still is", async () => {
    expect(await flows('flows-ai-tools')).toEqual([
      'loops → user.contact.email @ src/lib/contacts.ts:10',
      // omitUndefined(…) and sanitizeString(…) return what they are given.
      'loops → user.job_title @ src/lib/contacts.ts:11',
      'loops → user.name.first @ src/lib/contacts.ts:11',
      // The API host is a conditional of two Mailgun hosts.
      'mailgun → user.contact.email @ src/lib/mail.ts:9',
      // A form action's handler gets the user's question; the plain-object tool's term is the model's (no flow).
      'openai → user.content.ai_prompt @ src/app/actions.ts:10',
      // The request's messages, inside a tool and in the chat call; no flow for the summarise tool's model-written
      // URL, the search tool's queries and companies (Exa), or rerank's query and product ids (Cohere).
      'openai → user.content.ai_prompt @ src/app/chat.ts:30',
      'openai → user.content.ai_prompt @ src/app/chat.ts:38',
      // A client handed back by a function whose declared return type is Promise<PostHog | null>.
      'posthog → user.contact.email @ src/lib/analytics.ts:14',
      'posthog → user.name @ src/lib/analytics.ts:14',
      'posthog → user.unique_id @ src/lib/analytics.ts:14',
      // A model-written argument named email is still an address.
      'resend → user.contact.email @ src/app/chat.ts:35',
    ])
  })
})

describe('flows: a vendor SDK kept as a workspace package (fixtures/detectors/flows-vendor-workspace)', () => {
  it("a workspace package a vendor rule names is that SDK; the repository's own package is not", async () => {
    expect(await flows('flows-vendor-workspace')).toEqual([
      'bigcommerce → user.authorization.password @ core/auth/index.ts:6',
      'bigcommerce → user.contact.email @ core/auth/index.ts:6',
    ])
  })
})

describe('flows: payloads built away from the sink (fixtures/detectors/flows-payloads)', () => {
  it('follows methods, pushes and += into the payload, and names a run-time URL by the code around it', async () => {
    expect(await flows('flows-payloads')).toEqual([
      // baseURL built from a setting named azure_openai_endpoint; and a `let` client assigned in if/else.
      'azure-openai → user.content.ai_prompt @ src/lib/ai.ts:21',
      // A webhook URL from settings, in class DiscordAgent; the embed built by a method, its fields pushed.
      'discord → user.name @ src/notifications/discord.ts:23',
      // A token set in a URL object's query, to the one path of graph.facebook.com that is Facebook Login (/v23.0/me);
      // the host read through `new URL(`${this.baseUrl}/…`).toString()`. Its other paths stay Meta's Conversions API.
      'facebook-login → user.authorization.credentials @ src/lib/facebook.ts:7',
      // A static method of an exported class whose rest parameter reaches pino: Logger.info(…) is a log line.
      'logs → user.contact.email @ src/app/signup.ts:10',
      // recordVisit's caller passes an address of no known category: the parameter's name still decides.
      'logs → user.device.ip_address @ src/lib/audit.ts:13',
      // recordLogin has no caller: its parameter's name decides. record's optional metadata is never passed.
      'logs → user.device.ip_address @ src/lib/audit.ts:8',
      'logs → user.unique_id @ src/app/signup.ts:11',
      'logs → user.unique_id @ src/app/signup.ts:8',
      'meta-pixel → user.contact.email @ src/lib/facebook.ts:13',
      'openai → user.content.ai_prompt @ src/lib/ai.ts:14',
      // A helper's distinctId is what its callers pass; the client is a `let` typed PostHog, initialised to null.
      'posthog → user.unique_id @ src/app/signup.ts:9',
      // api.pushover.net (Pushover's rule); the message built with += through a helper, the tokens are the app's.
      'pushover → user.name @ src/notifications/pushover.ts:23',
      // updateUserById(userId, …): the id Supabase issued addresses the record; only the new email is sent.
      'supabase → user.contact.email @ src/lib/auth.ts:7',
    ])
  })

  it('keeps the trace through the method that built the payload', async () => {
    const { inventory } = await scanFixture('flows-payloads')
    const discord = inventory.flows.find((f) => f.vendor === 'discord')!
    expect(discord.evidence[0]!.trace).toEqual([
      "src/notifications/discord.ts:13: fields.push({ name: 'Requested By', value: request.requestedBy.displayName })",
      'src/notifications/discord.ts:12: const fields: { name: string; value: string }[] = []',
      "src/notifications/discord.ts:15: return { title: 'New request', fields }",
      'src/notifications/discord.ts:23: embeds: [this.buildEmbed(request)],',
    ])
  })
})

describe('flows: whose value it is (fixtures/detectors/flows-operator, rules/flows/operator-values.yaml)', () => {
  it("the operator's settings, environment and a domain part are no user's data; credentials, bodies and helpers' callers still are", async () => {
    expect(await flows('flows-operator')).toEqual([
      // Each element of a submitted list is what the list holds.
      'example.com → user.contact.email @ src/api/invite.ts:6',
      // this.options.sender (the operator's) is not reported beside it; the user's address is.
      'example.com → user.contact.email @ src/lib/mailer.ts:13',
      // sendText(config, …): its `config` parameter holds what the caller passes, a user's number.
      'example.com → user.contact.phone_number @ src/app/remind.ts:4',
      // Auth.js credentials are what the person typed; process.env.RELAY_* on line 17 is the operator's.
      'logs → user.contact.email @ src/lib/auth.ts:11',
    ])
  })
})

describe("flows: a logger class of the app's own (fixtures/detectors/flows-logger-class)", () => {
  it('follows an exported instance or a static factory into the class, through its own methods, to the sink', async () => {
    expect(await flows('flows-logger-class')).toEqual([
      // require('../lib/Logger').warn on `module.exports = new Logger()` → this.#write → console[method](…); not the
      // count, nor what the counter (a run-time method of a plain object) is given.
      'logs → user.account.username @ src/server/rate-limit.js:6',
      // StdoutLogger.get(…).debug → process.stdout.write(this.format(args.join(' '))); not the number.
      'logs → user.contact.email @ src/server/session.ts:6',
      // log.info → this.log(module, 'info', ...msg) → console.log(…, ...msg); not the port, the count or the cache.
      'logs → user.device.ip_address @ src/server/login.ts:6',
      'logs → user.device.user_agent @ src/server/rate-limit.js:6',
    ])
  })
})

describe('flows: a CommonJS module that exports a logger (fixtures/detectors/flows-commonjs-logger)', () => {
  it('follows require() and a default import to the client `module.exports` or `exports.name` holds, and no further', async () => {
    expect(await flows('flows-commonjs-logger')).toEqual([
      // log.info on `module.exports = logger` (winston), reached by require(); not log.configure (no sink), nor the
      // phone number given to counter.info (a plain object exported whole) or the name given to stats.info (a plain
      // object exported beside the logger).
      'logs → user.contact.email @ server/api/user.js:6',
      // The same module through a default import, and `exports.audit` read off require(…).
      'logs → user.device.ip_address @ server/api/limiter.js:3',
      // A workspace package required whole under a logger's name, whose `module.exports = create()` the link step
      // does not follow: its names say it writes the logs. Not counter.info beside it (a plain object's method).
      'logs → user.device.user_agent @ server/api/devices.js:8',
      'logs → user.device.user_agent @ server/api/limiter.js:4',
    ])
  })
})

describe('flows: a model a helper of another module returns (fixtures/detectors/flows-model-helper)', () => {
  it('sends the prompt to every model maker the helper module or its imports use, and none for a string model', async () => {
    expect(await flows('flows-model-helper')).toEqual([
      // getModel() picks a factory from lib/ai/factories.ts at run time: each provider package there receives it.
      // Not Stripe (imported by lib/keys.ts, but no receiver of prompts); not titleModel()'s 'openai/gpt-4o-mini', nor
      // registry.languageModel('fast') (one model of an exported registry, picked by its id).
      'deepseek → user.content.ai_prompt @ src/app/api/review/route.ts:7',
      'google-gemini → user.content.ai_prompt @ src/app/api/review/route.ts:7',
      'openai → user.content.ai_prompt @ src/app/api/review/route.ts:7',
    ])
  })
})

describe('flows: values named by what reads them (fixtures/detectors/flows-named-values)', () => {
  it('reads get<X>From<Y>(), a replay integration, a client factory, and a base class whose subclasses name the model', async () => {
    expect(await flows('flows-named-values')).toEqual([
      // streamText in an abstract base: the model comes from this.getChatModel(), which each subclass implements
      // with one provider package; the local-runtime subclass (no vendor package) and an unrelated class add none.
      'anthropic → user.content.ai_prompt @ src/models/base-model.ts:10',
      // getIpFromHeaders(…) returns an IP address; getPortFromEnv() a port, no one's data.
      'logs → user.device.ip_address @ src/server/request-log.ts:9',
      'openai → user.content.ai_prompt @ src/models/base-model.ts:10',
      // resend.emails.send({ to }): the API's recipient is an e-mail address, whatever the parameter is called.
      'resend → user.contact.email @ src/billing/mailer.ts:8',
      // Sentry loaded with await import(): its replayIntegration() records sessions, browserTracingIntegration() not.
      'sentry → user.behavior.session_replay @ src/client/sentry.ts:7',
      // createStripeClient() returns a body-local `const stripe = new Stripe(…)` and is exported through a list.
      'stripe → user.contact.email @ src/billing/checkout.ts:8',
      // `new Proxy({} as Stripe, …)`, a lazily keyed client, is Stripe; a proxy over the app's own type sends nothing.
      'stripe → user.contact.email @ src/billing/connect.ts:5',
    ])
  })

  it('lists what a recording integration records as personal data at its call', async () => {
    const { inventory } = await scanFixture('flows-named-values')
    const replay = inventory.personalData.find((p) => p.category === 'user.behavior.session_replay')
    expect(replay?.evidence.map((e) => `${e.path}:${e.line}`)).toEqual(['src/client/sentry.ts:7'])
  })
})

describe('flows: helpers reached through an object the module exports (fixtures/detectors/flows-object-exports)', () => {
  it('follows `export default { identify }`, `export default { welcome() {} }` and `module.exports = { track }`', async () => {
    expect(await flows('flows-object-exports')).toEqual([
      // `export default { identify, format }`: identify reaches window.posthog.identify; format, given the phone
      // number on line 7, sends nothing.
      'posthog → user.account.username @ src/api/user.ts:5',
      'posthog → user.contact.email @ src/api/user.ts:5',
      // module.exports = { track }: `require('../services/track').track(…)` reaches window.posthog.capture.
      'posthog → user.contact.phone_number @ src/api/events.js:3',
      'posthog → user.name @ src/api/user.ts:5',
      // A method written inside `export default { … }`: what the caller passes reaches Resend.
      'resend → user.contact.email @ src/api/user.ts:8',
      'resend → user.contact.email @ src/services/mailer.ts:7',
      'resend → user.name @ src/api/user.ts:8',
    ])
  })
})

describe('flows: a helper that passes its parameter on to itself (fixtures/detectors/flows-recursive-helper)', () => {
  it("ends, with the helper's own flow (a recursive walk no longer grows the helper list it reads)", async () => {
    expect(await flows('flows-recursive-helper')).toEqual([
      'logs → user.contact.email @ src/response-parser.ts:10',
    ])
  })
})

describe("flows: a signed-in session's secrets written into the logs (fixtures/detectors/flows-session-secrets)", () => {
  it('an access or refresh token and a one-time code handed bare to a logger are credentials; a push token and the settings are not', async () => {
    expect(await flows('flows-session-secrets')).toEqual([
      // Through the logger another module exports: the access token and the refresh token.
      'logs → user.authorization.credentials @ src/auth/callback.ts:7',
      'logs → user.authorization.credentials @ src/auth/callback.ts:7',
      'logs → user.authorization.credentials @ src/auth/otp.ts:2',
    ])
  })
})

describe('flows: text put together by a helper of another module (fixtures/detectors/flows-text-builders)', () => {
  it('an imported build…Text(fields) carries its fields; a builder whose name holds no text noun does not', async () => {
    expect(await flows('flows-text-builders')).toEqual([
      // The prompt helper's caller passes named fields: each flows under its own category (not embedIndex's count).
      'openai → user.contact.email @ src/jobs/embed-contact.ts:10',
      // The helper's own text parameter is a prompt wherever it comes from.
      'openai → user.content.ai_prompt @ src/lib/embeddings.ts:14',
      'openai → user.name.first @ src/jobs/embed-contact.ts:10',
    ])
  })
})

describe('flows: a helper whose sink is switched off by default (fixtures/detectors/flows-guarded-helper)', () => {
  it('a call that leaves out or passes false for the guarding parameter reaches no log; one passing true does', async () => {
    expect(await flows('flows-guarded-helper')).toEqual([
      // search(query, useCache = true) passes its switch on to send(): only a caller writing `false` turns it off.
      'logs → user.contact.email @ src/server/claims.ts:8',
      'logs → user.contact.email @ src/server/people.ts:12',
    ])
  })
})

describe('flows: a helper that passes its parameter on to an imported helper (fixtures/detectors/flows-imported-helpers)', () => {
  it("reaches the second helper's sink from the first helper's callers; a helper reporting a fixed message reaches none", async () => {
    expect(await flows('flows-imported-helpers')).toEqual([
      // resetPassword → logError (shared/utils.ts) → sendToSlack (shared/slack.ts) → the Slack webhook.
      'slack → user.contact.email @ src/controllers/auth.ts:4',
    ])
  })
})

describe('flows: SDK calls of a vendor whose rule lists no sinks, and query parameters (fixtures/detectors/flows-sdk-defaults)', () => {
  it('sends personal data passed to a sinkless SDK to its vendor, names a URL substitution by its query key, and nothing else', async () => {
    expect(await flows('flows-sdk-defaults')).toEqual([
      'newsletter-directory.com → user.contact.email @ src/geo.ts:3',
      'revenuecat → user.contact.email @ src/profile.ts:4',
      'revenuecat → user.contact.email @ src/purchases.ts:7',
      'revenuecat → user.unique_id @ src/purchases.ts:6',
    ])
  })
})

describe("flows: the app's own request helper (fixtures/detectors/flows-url-helper)", () => {
  it('sends what a caller passes to the vendor its URL argument names, and nowhere for a relative or run-time URL', async () => {
    expect(await flows('flows-url-helper')).toEqual([
      // send(this.base, …): a class field holding the vendor's base URL.
      'akismet → user.contact.email @ src/app/signup.ts:23',
      // send(MAILERLITE, …): a constant base URL as the helper's template host.
      'mailerlite → user.contact.email @ src/app/signup.ts:9',
      'mailerlite → user.name @ src/app/signup.ts:9',
      // postJson('https://api.mixpanel.com/engage', payload, key): a host literal; the API key authenticates.
      'mixpanel → user.contact.email @ src/app/signup.ts:7',
    ])
  })
})

describe('flows: a client held under its vendor name, kept where the link step cannot follow', () => {
  const store = [
    'src/store/reducers/mixpanel.ts',
    "import { Mixpanel } from 'mixpanel-react-native'\nexport default new Mixpanel('token', true)\n",
  ] as const
  const caller = [
    'src/store/middleware/identify.ts',
    [
      "import getMixpanel from '../selectors/getMixpanel'",
      'export function identify(state: unknown, user: { id: string; email: string }) {',
      '  const mixpanel = getMixpanel(state)',
      '  mixpanel.people.set({ $email: user.email })',
      '  mixpanel.render(user.id)',
      '}',
    ].join('\n'),
  ] as const
  const selector = [
    'src/store/selectors/getMixpanel.ts',
    'export default (state: any) => state.mixpanel\n',
  ] as const
  const found = (files: (readonly [string, string])[]): string[] =>
    buildInventory(
      files.map(([path, code]) => scanFile(path, code, rules)),
      rules,
      { minConfidence: 'low' },
    ).inventory.flows.map((f) => `${f.vendor} → ${f.category}`)

  it("goes to that vendor through its SDK's calls when the repository imports the SDK", () => {
    expect(found([store, selector, caller])).toEqual(['mixpanel → user.contact.email'])
  })

  it('is no evidence of the vendor when nothing imports its SDK', () => {
    expect(found([selector, caller])).toEqual([])
  })
})

describe('flows: a whole object of a named record type (fixtures/detectors/flows-typed-records)', () => {
  it("sends the categories of the fields its type's declaration has, to a log or through a helper", async () => {
    expect(await flows('flows-typed-records')).toEqual([
      // `formData: VendorFormValues` spread into the params an imported helper hands to emailjs.send.
      'emailjs → user.contact.phone_number @ src/Form.tsx:6',
      'emailjs → user.name.first @ src/Form.tsx:6',
      // `w: Worksite` logged whole in a Vue component; a `Product` has no personal fields, a `Record<…>` names no
      // record and a destructured `status` is read by its own name: none of them makes a flow.
      'logs → user.contact.address @ src/Team.vue:7',
      'logs → user.contact.address.postal_code @ src/Team.vue:7',
    ])
  })
})

describe('flows: avatar image URLs and vendor snippet globals (fixtures/detectors/flows-image-urls)', () => {
  it('sends what an avatar URL carries, and what snippet globals and browser APIs are handed', async () => {
    expect(await flows('flows-image-urls')).toEqual([
      // A helper building a DiceBear URL from its parameter takes what its caller passes; a project's slug and a
      // site's domain in an avatar URL are no one's data.
      'dicebear → user.name.first @ src/components/Member.tsx:14',
      // Asking expo-notifications for a push token registers the device with Expo.
      'expo-push → user.device.device_id @ src/services/widgets.ts:25',
      // The Maps JavaScript API defines what its requests' `address`, `location` (latitude and longitude) and `input`
      // are.
      'google-maps → user.contact.address @ src/services/widgets.ts:19',
      'google-maps → user.contact.address @ src/services/widgets.ts:21',
      'google-maps → user.location.precise @ src/services/widgets.ts:20',
      'google-maps → user.location.precise @ src/services/widgets.ts:20',
      // An e-mail hash in the path: still the e-mail.
      'libravatar → user.contact.email @ src/components/Member.tsx:16',
      // A URL kept in a local before it reaches the image.
      'mc-heads → user.unique_id @ src/components/Member.tsx:11',
      // raven-js, loaded by a script tag: its user context's `id` is the user's id, whatever the value is called.
      'sentry → user.unique_id @ src/services/widgets.ts:16',
      'tally → user.account.username @ src/services/widgets.ts:9',
      'tally → user.contact.email @ src/services/widgets.ts:9',
      'tally → user.unique_id @ src/services/widgets.ts:9',
      'unavatar → user.contact.email @ src/components/Member.tsx:15',
      'userjot → user.contact.email @ src/services/widgets.ts:13',
      'userjot → user.unique_id @ src/services/widgets.ts:13',
    ])
  })
})

describe('flows: a client typed as what its factory returns', () => {
  it('reads `ReturnType<typeof useConversation>` as the hook’s result, whose sinks are the SDK’s', () => {
    const code = [
      "import { useConversation } from '@elevenlabs/react-native'",
      'let conversation: ReturnType<typeof useConversation> | null = null',
      // Assigned where the hook runs, in a component of another module.
      'export function keep(c: typeof conversation) {',
      '  conversation = c',
      '}',
      'export async function start(user: { id: string; name: string }) {',
      "  await conversation?.startSession({ agentId: 'a', userId: user.id, dynamicVariables: { user_name: user.name } })",
      '}',
    ].join('\n')
    const { inventory } = buildInventory([scanFile('src/voice.ts', code, rules)], rules, {
      minConfidence: 'low',
    })
    expect(inventory.flows.map((f) => `${f.vendor} → ${f.category}`)).toEqual([
      'elevenlabs → user.name',
      'elevenlabs → user.unique_id',
    ])
  })
})

describe('flows: a chat request built in a provider named class (fixtures/detectors/flows-chat-payloads)', () => {
  it('sends its messages to the language-model vendor the class or file names, and nothing where none is named', async () => {
    const { inventory } = await scanFixture('flows-chat-payloads')
    expect(
      inventory.flows.flatMap((f) =>
        f.evidence.map((e) => `${f.vendor} → ${f.category} @ ${e.path}:${e.line} ${e.symbol ?? ''}`),
      ),
    ).toEqual([
      // `class DeepSeekApi` sends through the app's own fetch wrapper to a base URL from settings; its fixed ping
      // sends nothing the user wrote.
      'deepseek → user.content.ai_prompt @ src/platforms/deepseek.ts:15 deepseek chat request(0.messages) ← options.messages',
      // Handed straight to the OpenAI SDK: its own sink reads it (no second reading); SummaryService names no
      // provider.
      'openai → user.content.ai_prompt @ src/platforms/openai.ts:7 openai.chat.completions.create(0.messages.content) ← question',
    ])
  })
})

describe('flows: a service class of the app and its clients (fixtures/detectors/flows-service-class)', () => {
  it('reads a field set up in the constructor, an instance of an imported class, `arguments` and a generic record', async () => {
    expect(await flows('flows-service-class')).toEqual([
      // `Logger.log(…)` → `[…, ...arguments]` → `util.format.apply(util, logMsg)` → console.log, with a whole
      // `Contact<'local'>`, whose class declares its email; not `arguments.length`.
      'logs → user.contact.email @ src/lib/tree-log.ts:5',
      // `mailgunClient: IMailgunClient | undefined = undefined`, the type imported by its path in node_modules.
      'mailgun → user.contact.email @ src/lib/email.ts:26',
      // `emailService = new EmailService(…)` of another module: its sendWelcome → this.sendEmail → the SDKs; not the
      // local object with a method of the same name.
      'mailgun → user.contact.email @ src/routes/events.ts:6',
      // `sgMail: typeof sgMail | undefined = undefined`, assigned in the constructor.
      'sendgrid → user.contact.email @ src/lib/email.ts:25',
      'sendgrid → user.contact.email @ src/routes/events.ts:6',
    ])
  })
})

describe('flows: a helper that copies its parameter into a local first', () => {
  it('sends what its callers pass, whatever near-miss name the copy has', () => {
    const code = [
      "import { createClient } from '@supabase/supabase-js'",
      "const supabase = createClient('https://x.supabase.co', 'key')",
      'type RAFile = { src?: string; rawFile: File }',
      'const uploadToBucket = async (fi: RAFile) => {',
      '  const dataContent = fi.src ? await fetch(fi.src).then((res) => res.blob()) : fi.rawFile',
      "  await supabase.storage.from('attachments').upload(`${Math.random()}`, dataContent)",
      '}',
      'export async function saveSale(data: { avatar: RAFile; logo: RAFile }) {',
      '  await uploadToBucket(data.avatar)',
      '  await uploadToBucket(data.logo)',
      '}',
    ].join('\n')
    const { inventory } = buildInventory([scanFile('src/data.ts', code, rules)], rules, {
      minConfidence: 'low',
    })
    expect(
      inventory.flows.flatMap((f) => f.evidence.map((e) => `${f.vendor} → ${f.category} @ ${e.line}`)),
    ).toEqual(['supabase → user.content.self_image @ 9'])
  })
})

describe('flows: an SDK client a class sets up in one of its methods', () => {
  const found = (code: string): string[] =>
    buildInventory([scanFile('src/mail/client.ts', code, rules)], rules, {
      minConfidence: 'low',
    }).inventory.flows.map((f) => `${f.vendor} → ${f.category}`)

  /** A mailer class whose `init()` sets its `mail` field to `assigned`, then sends a user's address through it. */
  const mailer = (assigned: string): string =>
    [
      'export class Mailer {',
      '  mail?: unknown',
      '  async init() {',
      `    this.mail = ${assigned}`,
      '  }',
      '  async deliver(user: { email: string }) {',
      "    await this.mail.send({ to: user.email, subject: 'Welcome' })",
      '  }',
      '}',
    ].join('\n')

  it('sends through the field a method assigns (`async init() { this.mail = require(…) }`), whatever its declared type', () => {
    expect(found(mailer("require('@sendgrid/mail')"))).toEqual(['sendgrid → user.contact.email'])
  })

  it('is no client when the method assigns a value no SDK made', () => {
    expect(found(mailer("makeQueue('outbox')"))).toEqual([])
  })
})

describe('flows: a whole typed record wrapped in an object under its own name', () => {
  const found = (call: string): string[] =>
    buildInventory(
      [
        scanFile(
          'src/booking.ts',
          [
            "import { logger } from 'firebase-functions/v2'",
            'export type BookingInput = { parentPhone: string; children: { childAllergies: string }[] }',
            'export async function book(input: BookingInput, note: string) {',
            `  ${call}`,
            '}',
          ].join('\n'),
          rules,
        ),
      ],
      rules,
      { minConfidence: 'low' },
    )
      .inventory.flows.map((f) => `${f.vendor} → ${f.category}`)
      .sort()

  it("gives `{ input }` the categories of its type's fields, as `input` passed bare has", () => {
    const expected = ['logs → user.contact.phone_number', 'logs → user.health_and_medical']
    expect(found("logger.info('start', { input })")).toEqual(expected)
    expect(found("logger.info('start', input)")).toEqual(expected)
  })

  it('gives an untyped value under its own name nothing', () => {
    expect(found("logger.info('start', { note })")).toEqual([])
  })
})

describe('flows: a request to a URL another module exports (fixtures/detectors/flows-imported-url)', () => {
  it('credits the body to the host the exported constant holds, and the own server and empty bodies to none', async () => {
    expect(await flows('flows-imported-url')).toEqual([
      'parcel-labels.io → user.contact.email @ src/api/shipments.ts:16',
      'parcel-labels.io → user.name @ src/api/shipments.ts:16',
    ])
  })
})

describe('flows: e-mail bodies rendered by templates of another module (fixtures/detectors/flows-mail-templates)', () => {
  it('sends what a template is given, by its name or by the body key it fills, and not a helper outside the body', async () => {
    expect(await flows('flows-mail-templates')).toEqual([
      'resend → user.contact.email @ src/mail.ts:6',
      'resend → user.contact.email @ src/receipt.ts:13',
      'resend → user.contact.email @ src/receipt.ts:13',
      'resend → user.contact.email @ src/reset.ts:8',
      // The receipt's name twice: a field of the record's type, and what the template function returns.
      'resend → user.name @ src/receipt.ts:13',
      'resend → user.name @ src/receipt.ts:13',
      'resend → user.name @ src/reset.ts:8',
    ])
  })
})

describe('flows: what a function of another module returns (fixtures/detectors/flows-returned-values)', () => {
  it('sends the personal data the returned record carries, through re-exports and destructuring', async () => {
    expect(await flows('flows-returned-values')).toEqual([
      // `const { title } = issueSummary(ticket)`: the part of an arrow's returned object the caller takes.
      'linear → user.content.private @ src/notify/chat.ts:14',
      // `card.detail` of a card a function re-exported under another name builds from the ticket's author; the
      // counts `ticketStats` returns are nobody's data.
      'slack → user.contact.email @ src/notify/chat.ts:9',
      'slack → user.content.private @ src/notify/chat.ts:9',
      'slack → user.name @ src/notify/chat.ts:9',
    ])
  })
})

describe('flows: the model maker an AI SDK call is given', () => {
  const makers = (code: string): string[] => moduleFlows('src/ai.ts', code)

  it('credits the gateway the ai package exports by name', () => {
    const code = [
      "import { gateway, generateText } from 'ai'",
      'export async function POST(req: Request) {',
      '  const { messages } = await req.json()',
      "  return generateText({ model: gateway('google/gemini-2.5-flash'), messages })",
      '}',
    ].join('\n')
    expect(makers(code)).toEqual(['vercel-ai-gateway → user.content.ai_prompt'])
  })

  it('credits the host a maker is pointed at, also when a constructor builds it for a typed field', () => {
    const code = [
      "import { createOpenAI } from '@ai-sdk/openai'",
      "import { streamText } from 'ai'",
      'export class AiService {',
      '  private openrouter: ReturnType<typeof createOpenAI>',
      '  constructor() {',
      "    this.openrouter = createOpenAI({ baseURL: 'https://openrouter.ai/api/v1' })",
      '  }',
      '  async chat(req: Request) {',
      '    const { messages } = await req.json()',
      "    return streamText({ model: this.openrouter.chat('x'), messages })",
      '  }',
      '}',
    ].join('\n')
    expect(makers(code)).toEqual(['openrouter → user.content.ai_prompt'])
  })
})

describe('flows: a client a singleton getter makes on first use', () => {
  const found = (code: string): string[] => moduleFlows('src/clients.ts', code)

  it("is the SDK a module-level name is assigned in the getter function, whatever the name's type says", () => {
    const code = [
      "import Stripe from 'stripe'",
      'let stripe: any = null',
      'export function getStripe() {',
      '  if (!stripe) stripe = new Stripe(process.env.STRIPE_KEY!)',
      '  return stripe',
      '}',
      'export async function customer(email: string) {',
      '  const s = getStripe()',
      '  return s.customers.create({ email })',
      '}',
    ].join('\n')
    expect(found(code)).toEqual(['stripe → user.contact.email'])
  })

  it("reads the getter function's own names, and private fields and accessors", () => {
    const mailgun = [
      "import FormData from 'form-data'",
      "import Mailgun from 'mailgun.js'",
      "let client: ReturnType<InstanceType<typeof Mailgun>['client']> | null = null",
      'export function getClient() {',
      '  if (!client) {',
      '    const mailgun = new Mailgun(FormData)',
      "    client = mailgun.client({ username: 'api', key: process.env.MAILGUN_KEY! })",
      '  }',
      '  return client',
      '}',
      'export async function welcome(email: string) {',
      "  await getClient().messages.create('mg.example.com', { from: 'x', to: [email], subject: 'Hi', text: 'Hi' })",
      '}',
    ].join('\n')
    expect(found(mailgun)).toEqual(['mailgun → user.contact.email'])
    const sendgrid = [
      "type MailService = typeof import('@sendgrid/mail')",
      'export class MailClient {',
      '  #client: MailService | null = null',
      '  async #initialise() {',
      "    const sgMail = await import('@sendgrid/mail')",
      '    this.#client = sgMail.default',
      '  }',
      '  get #sgMail() {',
      '    if (this.#client) return this.#client',
      "    throw new Error('not initialised')",
      '  }',
      '  async send(to: string) {',
      "    await this.#sgMail.send({ to, from: 'x@y.z', subject: 's', html: 'b' })",
      '  }',
      '}',
    ].join('\n')
    expect(found(sendgrid)).toEqual(['sendgrid → user.contact.email'])
  })

  it('is the SDK a class get accessor returns', () => {
    const code = [
      "import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses'",
      'export class Mailer {',
      '  private _ses?: SESClient',
      '  private get ses(): SESClient {',
      '    if (this._ses == null) this._ses = new SESClient({})',
      '    return this._ses',
      '  }',
      '  async send(email: string) {',
      "    return this.ses.send(new SendEmailCommand({ Destination: { ToAddresses: [email] }, Source: 'x', Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } }))",
      '  }',
      '}',
    ].join('\n')
    expect(found(code)).toEqual(['aws-ses → user.contact.email'])
  })
})

describe('flows: a client handed in a typed parameter object', () => {
  it('is the SDK the interface of the file declares for that member, destructured in the signature or after', () => {
    const code = [
      "import Stripe from 'stripe'",
      'interface EnsureParams { account: string; stripeClient: Stripe }',
      'export const ensure = async (params: EnsureParams, email: string) => {',
      '  const { stripeClient } = params',
      '  return stripeClient.customers.create({ email })',
      '}',
      'export const again = async ({ stripeClient }: EnsureParams, email: string) =>',
      '  stripeClient.customers.create({ email })',
    ].join('\n')
    const found = buildInventory([scanFile('src/billing.ts', code, rules)], rules, { minConfidence: 'low' })
      .inventory.flows.flatMap((f) => f.evidence.map((e) => `${f.vendor} → ${f.category} @ ${e.line}`))
      .sort()
    expect(found).toEqual(['stripe → user.contact.email @ 5', 'stripe → user.contact.email @ 8'])
  })
})
