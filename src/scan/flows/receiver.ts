import { ts } from 'ts-morph'
import type { RuleSet } from '../../rules/ruleset.js'
import type { CompiledSink, SinkArg } from '../../rules/sinks.js'
import type { WalkContext } from '../walk/detector.js'
import { nameText, unwrap } from '../walk/ts-helpers.js'
import { classFieldInitializer } from './origin.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** A URL's host, after an optional scheme and `user@`; `*` stands for a part only known at run time. */
const URL_HOST =
  /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/]+@)?([a-z0-9*](?:[a-z0-9*.-]*[a-z0-9])?)(?::\d+)?(?:[/?#]|$)/i
/** An API version as the first segment of a URL's path: `https://graph.facebook.com/v23.0/me`. */
const API_VERSION = /(?<=^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/?#]+)\/v\d+(?:\.\d+)?\//i
/** Hosts that are never a third party. */
const LOCAL_HOST =
  /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[\d.]+|.*\.(local|localhost|internal|test|example|invalid))$/i
/** Second-level labels under which registrations happen one level deeper (`example.co.uk`). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or', 'go'])

/**
 * The registrable domain of a host (`api.example-pay.com` → `example-pay.com`, `api.x.co.uk` → `x.co.uk`):
 * the id of a third party no rule knows. Undefined for local hosts and hosts with an unknown part.
 */
export function registrableDomain(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '')
  if (LOCAL_HOST.test(h) || !h.includes('.')) return undefined
  const labels = h.split('.')
  const take =
    labels.length >= 3 &&
    SECOND_LEVEL.has(labels[labels.length - 2]!) &&
    labels[labels.length - 1]!.length === 2
      ? 3
      : 2
  const domain = labels.slice(-take)
  return domain.some((l) => l.includes('*') || l === '') ? undefined : domain.join('.')
}

/**
 * A client held under its vendor's name (`mixpanel.people.set`, `this.posthog.identify`): the vendor the first name is
 * and the sinks of its SDK the rest of the names call (none when they call no sink).
 */
export function vendorNamedSinks(
  rules: RuleSet,
  names: readonly string[],
): { vendor: string; sinks: CompiledSink[] } | undefined {
  if (names.length < 2) return undefined
  const vendor = rules.vendorNamedToken(names[0]!.toLowerCase())
  if (!vendor) return undefined
  return { vendor: vendor.id, sinks: rules.sinks.match(names.slice(1), false, { vendor: vendor.id }) }
}

/** The vendor receiving requests at a URL: a rule's, or the registrable domain of another external host. */
export function vendorOfUrl(rules: RuleSet, url: string): string | undefined {
  const m = URL_HOST.exec(url)
  if (!m) return undefined
  const host = m[1]!.toLowerCase()
  // A vendor that owns only some paths of a shared host (`graph.facebook.com/me` is Facebook Login's sign-in, the
  // rest of graph.facebook.com Meta's Conversions API), with or without an API version first (`/v23.0/me`).
  const byPath = rules.vendorLoadingScript(url) ?? rules.vendorLoadingScript(url.replace(API_VERSION, '/'))
  if (byPath) return byPath.id
  // `https://${resource}.openai.azure.com`: the unknown part is one label of a host the rule matches by wildcard.
  const known = rules.vendorForHost(host.replace(/\*/g, 'x'))
  if (known) return known.id
  const domain = registrableDomain(host)
  // `api.pushover.net`: a domain no vendor rule lists, named like a receiver the sinks rules know.
  const named = domain && receiversIn(wordsOf(domain.split('.')[0]!), rules)
  return named && named.size === 1 ? [...named][0] : domain
}

/**
 * How many steps `stringOf` follows: enough for `url.toString()` of a `const url = new URL(`${this.baseUrl}/me`)`
 * (call, local, constructor, template, class field, its literal).
 */
const MAX_STRING_DEPTH = 6

/**
 * The static string an expression holds, through module constants, the function's `const` locals, class fields
 * (`this.baseUrl`), templates of those, `new URL(…)` and `.toString()`; `*` stands for parts only known at run time.
 */
export function stringOf(expr: ts.Expression | undefined, ctx: WalkContext, depth = 0): string | undefined {
  const e = unwrap(expr)
  if (!e || depth > MAX_STRING_DEPTH) return undefined
  const s = ctx.string(e)
  if (s && !s.pattern) return s.value
  switch (e.kind) {
    case SK.Identifier: {
      const local = ctx.scope.lookup((e as ts.Identifier).text)
      if (local && local.kind === 'const' && local.path.length === 0)
        return stringOf(local.initializer, ctx, depth + 1)
      break
    }
    case SK.PropertyAccessExpression: {
      const pa = e as ts.PropertyAccessExpression
      if (pa.expression.kind === SK.ThisKeyword)
        return stringOf(classFieldInitializer(pa.name.text, ctx), ctx, depth + 1)
      break
    }
    case SK.TemplateExpression: {
      const t = e as ts.TemplateExpression
      return t.templateSpans.reduce(
        (acc, span) => acc + (stringOf(span.expression, ctx, depth + 1) ?? '*') + span.literal.text,
        t.head.text,
      )
    }
    case SK.BinaryExpression: {
      // `'https://maps.googleapis.com/maps/api/geocode/json?address=' + address`: a concatenation, like a template.
      const b = e as ts.BinaryExpression
      if (b.operatorToken.kind !== SK.PlusToken) break
      // Only a known start decides a host; an unknown one keeps the reading below.
      const left = stringOf(b.left, ctx, depth + 1)
      if (left === undefined) break
      return left + (stringOf(b.right, ctx, depth + 1) ?? '*')
    }
    case SK.ConditionalExpression: {
      // `region === 'eu' ? 'api.eu.mailgun.net' : 'api.mailgun.net'`: either branch, when both name the same domain.
      const c = e as ts.ConditionalExpression
      const [yes, no] = [stringOf(c.whenTrue, ctx, depth + 1), stringOf(c.whenFalse, ctx, depth + 1)]
      if (yes === undefined || no === undefined) break
      const domain = (s: string): string | undefined =>
        registrableDomain(/^(?:[a-z]+:\/\/)?([^/?#:]*)/i.exec(s)![1]!)
      return yes === no || (domain(yes) !== undefined && domain(yes) === domain(no)) ? yes : undefined
    }
    case SK.NewExpression: // `new URL('https://…')`
      return stringOf((e as ts.NewExpression).arguments?.[0], ctx, depth + 1)
    case SK.CallExpression: {
      const callee = (e as ts.CallExpression).expression
      if (
        callee.kind === SK.PropertyAccessExpression &&
        (callee as ts.PropertyAccessExpression).name.text === 'toString'
      )
        return stringOf((callee as ts.PropertyAccessExpression).expression, ctx, depth + 1)
      break
    }
  }
  return s?.value
}

/**
 * The expression at a sink argument path (`1.body`), when the call writes it out; for any argument (`*.url`), the
 * first argument that has it.
 */
export function argumentAt(
  args: readonly ts.Expression[],
  arg: SinkArg,
  ctx: WalkContext,
): ts.Expression | undefined {
  if (arg.index < 0) {
    for (let index = 0; index < args.length; index++) {
      const e = argumentAt(args, { index, path: arg.path }, ctx)
      if (e) return e
    }
    return undefined
  }
  let e = unwrap(args[arg.index])
  for (const key of arg.path) {
    e = objectOf(e, ctx)
    if (!e) return undefined
    const prop = (e as ts.ObjectLiteralExpression).properties.find((p) => nameText(p.name) === key)
    if (!prop) return undefined
    if (prop.kind === SK.PropertyAssignment) e = unwrap((prop as ts.PropertyAssignment).initializer)
    else if (prop.kind === SK.ShorthandPropertyAssignment) e = (prop as ts.ShorthandPropertyAssignment).name
    else return undefined
  }
  return e
}

/** An object literal written at the expression or in the `const` it names. */
function objectOf(e: ts.Expression | undefined, ctx: WalkContext): ts.ObjectLiteralExpression | undefined {
  const x = unwrap(e)
  if (!x) return undefined
  if (x.kind === SK.ObjectLiteralExpression) return x as ts.ObjectLiteralExpression
  if (x.kind === SK.Identifier) {
    const local = ctx.scope.lookup((x as ts.Identifier).text)
    const init = local && local.path.length === 0 ? unwrap(local.initializer) : undefined
    if (init?.kind === SK.ObjectLiteralExpression) return init as ts.ObjectLiteralExpression
  }
  return undefined
}

/**
 * A vendor the client was pointed at by one of the sink's `host_options` on the calls that built it
 * (`new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' })` → groq).
 */
export function hostOverride(
  sink: CompiledSink,
  builders: readonly ts.Expression[],
  ctx: WalkContext,
): string | undefined {
  if (sink.hostOptions.length === 0) return undefined
  for (const b of builders) {
    for (const a of (b as ts.CallExpression | ts.NewExpression).arguments ?? []) {
      const obj = objectOf(a, ctx)
      if (!obj) continue
      for (const p of obj.properties) {
        const key = nameText(p.name)
        if (!key || !sink.hostOptions.includes(key)) continue
        const value = p.kind === SK.PropertyAssignment ? (p as ts.PropertyAssignment).initializer : undefined
        const url = stringOf(value, ctx)
        const vendor = url ? vendorOfUrl(ctx.scan.rules, url) : undefined
        if (vendor) return vendor
        // `baseURL: \`${ENDPOINT}/openai/deployments/${id}\`` with ENDPOINT read from an Azure OpenAI setting.
        const named = url === undefined || hostUnknown(url) ? namedReceiver(value, ctx, true) : undefined
        if (named) return named
      }
    }
  }
  return undefined
}

/** How deep a function a transport's options call is read: its statements nest (a `try` in a callback of a `map`). */
const FUNCTION_DEPTH = 12

/** A bare host name: `smtp.sendgrid.net`. */
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i

/**
 * Nodemailer's well-known `service` ids of mail providers (case-insensitive, nodemailer/lib/well-known) → the SMTP host
 * the id stands for, which the vendor rules' hostnames resolve. `aws` is no id of nodemailer's but can only mean AWS's
 * mail service when it names a mail transport's service. Personal mailboxes (Gmail, Outlook) are left out: a mailbox
 * used as a relay is the operator's account, not a processor of the app.
 */
const MAIL_SERVICES: Readonly<Record<string, string>> = {
  ses: 'email-smtp.us-east-1.amazonaws.com',
  'ses-us-east-1': 'email-smtp.us-east-1.amazonaws.com',
  'ses-us-west-2': 'email-smtp.us-west-2.amazonaws.com',
  'ses-eu-west-1': 'email-smtp.eu-west-1.amazonaws.com',
  aws: 'email-smtp.us-east-1.amazonaws.com',
  sendgrid: 'smtp.sendgrid.net',
  mailgun: 'smtp.mailgun.org',
  postmark: 'smtp.postmarkapp.com',
  mandrill: 'smtp.mandrillapp.com',
  sparkpost: 'smtp.sparkpostmail.com',
  sendinblue: 'smtp-relay.sendinblue.com',
  brevo: 'smtp-relay.brevo.com',
}

/** The vendor a `service: 'SES'` option names (see MAIL_SERVICES). */
function mailServiceVendor(p: ts.PropertyAssignment, rules: RuleSet): string | undefined {
  if (nameText(p.name) !== 'service' || !ts.isStringLiteralLike(p.initializer)) return undefined
  const host = MAIL_SERVICES[p.initializer.text.toLowerCase()]
  return host ? rules.vendorForHost(host)?.id : undefined
}

/**
 * The vendor a client's construction names: a transport package as a string (`pino.transport({ target:
 * '@logtail/pino' })`), a host a vendor rule lists (`createTransport({ host: 'smtp.sendgrid.net' })`) or a mail
 * provider's well-known service id (`createTransport({ service: 'SES' })`), or a class
 * or client imported from a vendor's package (`new LogtailTransport(…)` in winston's `transports`, nodemailer's
 * `SES: { ses }`). Looks at the arguments of the calls that built the client, and the `const`s they name.
 */
export function transportVendor(builders: readonly ts.Expression[], ctx: WalkContext): string | undefined {
  const rules = ctx.scan.rules
  let found: string | undefined
  let budget = 400
  // `max`: how deep below the builder's arguments (or a followed function's body) the walk looks.
  const visit = (n: ts.Node, depth: number, max = 6): void => {
    if (found || budget-- <= 0 || depth > max) return
    if (n.kind === SK.PropertyAssignment) {
      const v = mailServiceVendor(n as ts.PropertyAssignment, rules)
      if (v) {
        found = v
        return
      }
    }
    if (n.kind === SK.StringLiteral) {
      const text = (n as ts.StringLiteral).text
      const v =
        rules.vendorForImport(text) ??
        (HOST_NAME.test(text) ? rules.vendorForHost(text.toLowerCase()) : undefined)
      if (v) found = v.id
      return
    }
    if (n.kind === SK.Identifier) {
      const name = (n as ts.Identifier).text
      const imp = ctx.bindings.imports.get(name)
      const v = imp ? rules.vendorForImport(imp.module) : undefined
      if (v) found = v.id
      else {
        const local = ctx.scope.lookup(name)
        const init = unwrap(local && local.kind === 'const' ? local.initializer : undefined)
        // A function of the file that builds the streams (`...extraStreams({ name })`, whose body makes a
        // `createCWStream(…)` of a vendor's package): its body is read as deep as a builder's own arguments.
        if (init && (init.kind === SK.ArrowFunction || init.kind === SK.FunctionExpression))
          visit((init as ts.ArrowFunction | ts.FunctionExpression).body, 0, FUNCTION_DEPTH)
        else if (init) visit(init, depth + 1, max)
      }
      return
    }
    ts.forEachChild(n, (c) => visit(c, depth + 1, max))
  }
  for (const b of builders) for (const a of (b as ts.CallExpression).arguments ?? []) visit(a, 0)
  return found
}

/**
 * Whether a URL's host is only known at run time (`*`, `*` + `/api/send`, `https://*` + `/hooks`), as opposed to
 * a fixed host or a relative, first-party path.
 */
export function hostUnknown(url: string): boolean {
  if (url.startsWith('*')) return true
  const m = URL_HOST.exec(url)
  return m !== null && m[1] === '*'
}

/** The lower-case words of identifiers and names: `discordWebhookURL` → discord, webhook, url. */
function wordsOf(text: string): string[] {
  return (text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase())
}

/**
 * The identifiers, property names and literal keys (`process.env['SLACK_URL']`) in an expression — not its other
 * string literals: a path segment is no receiver.
 */
function namesIn(e: ts.Node, out: string[], budget = { left: 64 }): void {
  if (budget.left-- <= 0) return
  if (e.kind === SK.Identifier) out.push((e as ts.Identifier).text)
  else if (e.kind === SK.PrivateIdentifier) out.push((e as ts.PrivateIdentifier).text.slice(1))
  else if (e.kind === SK.ElementAccessExpression) {
    const key = (e as ts.ElementAccessExpression).argumentExpression
    if (ts.isStringLiteralLike(key)) out.push(key.text)
  }
  ts.forEachChild(e, (c) => namesIn(c, out, budget))
}

/**
 * The receivers `words` name: a webhook vendor of the vendor rules by its id or one-word name (`discord`,
 * `pushover`), or a sinks rule's `named_receivers` entry whose name occurs as consecutive whole words (`luna sea`,
 * `microsoft teams`, `azure openai`).
 */
function receiversIn(words: readonly string[], rules: RuleSet): Set<string> {
  const found = new Set<string>()
  for (const w of words) {
    const v = rules.webhookVendorNamed([w])
    if (v) found.add(v.id)
  }
  for (const r of rules.sinks.namedReceivers)
    if (r.names.some((n) => words.some((_, i) => n.every((w, j) => words[i + j] === w)))) found.add(r.vendor)
  return found
}

/**
 * The vendor a URL known only at run time goes to, named by the code around the call (`axios.post(webhookUrl,
 * payload)` in `class DiscordAgent`, `fetch(process.env.SLACK_WEBHOOK_URL, …)`, `slack_notification.ts`): the
 * names in the URL expression and the initializer of the local it reads, then the enclosing functions and classes,
 * then the file's name (its folder's for an `index`). The first place that names exactly one receiver (see
 * `receiversIn`) decides; two different vendors in one place name none.
 */
export function namedReceiver(
  urlExpr: ts.Expression | undefined,
  ctx: WalkContext,
  urlOnly = false,
): string | undefined {
  const places: (() => string[])[] = [
    () => urlNames(urlExpr, ctx),
    () => (urlOnly ? [] : enclosingNames(ctx)),
    () => (urlOnly ? [] : fileNames(ctx)),
  ]
  for (const [i, place] of places.entries()) {
    const names = place()
    const found = receiversIn(names.flatMap(wordsOf), ctx.scan.rules)
    // Only the URL's own names are settings that may name a vendor of any kind (`CLEARBIT_URL`).
    if (i === 0) for (const v of settingVendors(names, ctx.scan.rules)) found.add(v)
    if (found.size === 1) return [...found][0]
    if (found.size > 1) return undefined
  }
  return undefined
}

/**
 * The names in a URL expression and in the initializers of the locals it reads, one hop (`const ENDPOINT =
 * profile.azure_openai_endpoint`).
 */
function urlNames(urlExpr: ts.Expression | undefined, ctx: WalkContext): string[] {
  const names: string[] = []
  const e = unwrap(urlExpr)
  if (!e) return names
  namesIn(e, names)
  for (const name of [...names]) {
    const local = ctx.scope.lookup(name)
    if (local?.initializer && local.kind !== 'parameter') namesIn(local.initializer, names)
  }
  return names
}

/**
 * The one vendor the setting a run-time URL is read from names (`process.env['CROWD_ENRICHMENT_CLEARBIT_URL']`,
 * `` `${env.SERP_API_URL}/search` ``): an operator points the call at that vendor's API. Vendor names that are
 * everyday words (`STREAM_URL`, `FRONT_URL`) name no vendor here.
 */
export function settingVendorOf(urlExpr: ts.Expression | undefined, ctx: WalkContext): string | undefined {
  const rules = ctx.scan.rules
  const found = settingVendors(urlNames(urlExpr, ctx), rules, rules.everydayVendorWords)
  return found.size === 1 ? [...found][0] : undefined
}

/** A setting's name in constant case: `CROWD_ENRICHMENT_CLEARBIT_URL`, `SERP_API_URL`. */
const CONSTANT_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/

/**
 * The vendors named by settings that say they hold a URL (a constant-case name with one of the sinks rules'
 * `setting_words`): the rest of the name's words, one at a time or two written together, as a vendor's id or name.
 */
function settingVendors(
  names: readonly string[],
  rules: RuleSet,
  skip: ReadonlySet<string> = new Set(),
): Set<string> {
  const found = new Set<string>()
  const setting = rules.sinks.settingWords
  for (const name of names) {
    if (!CONSTANT_CASE.test(name)) continue
    const words = name.toLowerCase().split('_')
    if (!words.some((w) => setting.has(w))) continue
    const rest = words.filter((w) => !setting.has(w))
    for (let i = 0; i < rest.length; i++)
      for (const token of [rest[i]!, rest[i]! + (rest[i + 1] ?? '')]) {
        const v = token.length > 2 && !skip.has(token) ? rules.vendorNamedToken(token) : undefined
        if (v) found.add(v.id)
      }
  }
  return found
}

/** The name a file goes by: its base name, or its folder's for an `index`. */
function fileNames(ctx: WalkContext): string[] {
  const parts = ctx.scan.path.split('/')
  const base = parts[parts.length - 1]!.replace(/\.[^.]*$/, '')
  return base === 'index' && parts.length > 1 ? [parts[parts.length - 2]!] : [base]
}

/**
 * The one vendor receiving `category` (a language model's prompts) that the code around a node names: the enclosing
 * functions and classes (`class DeepSeekApi`, `MoonshotChatService`), then the file (`platforms/moonshot.ts`) — a
 * vendor's id or one-word name, one word at a time or two written together. The first place that names one decides;
 * a place naming two names none.
 */
export function namedVendorReceiving(category: string, ctx: WalkContext): string | undefined {
  const rules = ctx.scan.rules
  for (const names of [enclosingNames(ctx), fileNames(ctx)]) {
    const words = names.flatMap(wordsOf)
    const found = new Set<string>()
    words.forEach((w, i) => {
      for (const token of [w, w + (words[i + 1] ?? '')]) {
        const v = token.length > 2 ? rules.vendorNamedToken(token) : undefined
        if (v?.data_categories.includes(category)) found.add(v.id)
      }
    })
    if (found.size > 0) return found.size === 1 ? [...found][0] : undefined
  }
  return undefined
}

/** The names of the functions, methods and classes around the node being visited, innermost first. */
function enclosingNames(ctx: WalkContext): string[] {
  const out: string[] = []
  const path = ctx.path
  for (let i = path.length - 1; i > 0; i--) {
    const n = path[i]!
    const k = n.kind
    if (
      k === SK.FunctionDeclaration ||
      k === SK.MethodDeclaration ||
      k === SK.ClassDeclaration ||
      k === SK.ClassExpression
    ) {
      const name = nameText((n as ts.FunctionDeclaration).name)
      if (name) out.push(name)
    } else if ((k === SK.ArrowFunction || k === SK.FunctionExpression) && path[i - 1]) {
      const holder = path[i - 1]!
      if (
        holder.kind === SK.VariableDeclaration ||
        holder.kind === SK.PropertyAssignment ||
        holder.kind === SK.PropertyDeclaration
      ) {
        const name = nameText((holder as ts.VariableDeclaration).name)
        if (name) out.push(name)
      }
    }
  }
  return out
}
