import type { Confidence } from '../../model/types.js'

/**
 * What a call passes, read before it is known where the call sends it: one entry per personal-data value (with its
 * category) and per other non-literal leaf (without one: a sink with a fixed `category` counts those).
 */
export interface FlowValue {
  /** Where the value sits in the call's arguments: the argument index, then property names (`1`, `metadata`, `id`). */
  at: string[]
  /** The personal-data category; undefined for a non-literal value of no known category. */
  category?: string
  rule?: string
  confidence?: Confidence
  /** The value as written where it is read: `user.email`, `email`. */
  source: string
  /** Why it has that category (the classifier's reason), and whether it was hashed on the way. */
  reason?: string
  /** The steps from the value to the argument, first the value itself: `12: const email = user.email`. */
  trace: string[]
  /** Position of the argument part that carries it (evidence points there). */
  line: number
  column: number
  /** A parameter of the file's top-level function (or object method) the value comes from: for the helper hop. */
  param?: ParamRef
  /** Written by a language model (a tool call's argument): no prompt of the user's, whatever the sink. */
  byModel?: boolean
  /** Read off a settings record (rules/flows): the operator's, kept only for what a helper's callers pass. */
  operator?: boolean
  /**
   * A whole object of no known category whose declared type is a named record (`w: Worksite`, `form: SignupValues`):
   * the type's name and the module it is imported from ('' for the same module). Linking gives it the categories of
   * the fields that record's declaration has classified.
   */
  typeRef?: { name: string; from: string }
  /**
   * What a function of another repository module returns (`const message = buildSlackMessage(event)`, `const {
   * title } = buildIssue(event)`): the import specifier, the name imported, and the part of the returned value taken
   * (`title`). Linking gives it the categories of the values that function's `return`s carry (`FlowFacts.returns`).
   */
  returnRef?: ReturnRef
}

/** A call's result taken from a function of another module: where it is imported from, and which part is used. */
export interface ReturnRef {
  from: string
  name: string
  path: string[]
}

/** A value that is a parameter (or a property of one) of a top-level function: `track(event, props)` → 1, []. */
export interface ParamRef {
  /** The function's name in the file: `track`, or `analytics.track` for a method of an object constant. */
  fn: string
  index: number
  path: string[]
}

/**
 * What a module-level name holds when it is (or returns) an SDK client or logger: where it comes from, to be
 * matched against sinks, or followed into another module of the repository when `module` is one.
 */
export interface ClientFact {
  /**
   * The module it is imported from (an SDK, or a repository module or workspace package to follow), '' for a name
   * of the same module; absent for a global.
   */
  module?: string
  /** The name imported from the module (`default`, `*`, a named export), or the global's name. */
  imported: string
  /** Members read off it up to the client (`createClient().auth` → `auth`). */
  members: string[]
  /** A vendor the client was pointed at (`baseURL`, a logger transport): it receives the data instead. */
  vendor?: string
}

/** A call on a name imported from another module of the repository (or a top-level function of the same file). */
export interface PendingFlowCall {
  /** The import specifier; '' for a function declared in the same file. */
  from: string
  exportName: string
  /** Members read off the import before the call: `logger.info` → `info`. */
  members: string[]
  ctor: boolean
  /** The values that carry a category or a parameter of the caller's function. */
  values: FlowValue[]
  /** Where the call passes values of no known category (`at` paths): they leave a helper's own-name flow standing. */
  opaque?: string[][]
  /**
   * The vendors the URLs it passes name, by argument index (`post('https://api.example-mail.com/v1', { email })`):
   * a URL helper's (`HelperSink.urlParam`) receiver at this call.
   */
  urls?: { index: number; vendor: string }[]
  /** How many arguments the call passes, and which of them are written `false`: a guarded helper's sink may not run. */
  argc?: number
  falsy?: number[]
  /** The call as shown in evidence: `logger.info(…)`. */
  call: string
  /**
   * The names the call is written with when they name a logger (`logger.info`, `this.log.warn`: a `by_name` sink) in
   * server code: when linking finds no client or helper behind the import, the app's logs receive it. Also the names
   * of a client held under its vendor's name (`mixpanel.people.set`), credited to that vendor when its SDK is imported.
   */
  named?: string[]
  line: number
  column: number
}

/** A top-level function whose parameter reaches a sink in its body: callers in other files send through it. */
export interface HelperSink {
  /** `track`, or `analytics.track` for a method of an exported object. */
  fn: string
  param: number
  /** The part of the parameter that is sent; empty for all of it. */
  path: string[]
  vendor: string
  /**
   * The helper's parameter that holds the request's URL, or its host (`postJson(url, body)` → `fetch(url, { body })`,
   * `` fetch(`${baseUrl}/v1`, …) ``): `vendor` is then '' and each call's URL there names the receiver.
   */
  urlParam?: number
  /** A fixed category the sink gives any non-literal value (prompts). */
  category?: string
  /**
   * A parameter that defaults to `false` and must be true for the sink to run (`if (useCache && …) console.warn(…)`
   * in `send(request, useCache = false)`): a call that leaves it out or passes `false` sends nothing there.
   */
  guard?: number
  /**
   * The guard of a helper made by passing a parameter on (`search(options, useCache = true)` →
   * `send(request, useCache)`): the default is the passing function's own, so only a call that writes `false` there
   * switches the sink off.
   */
  guardOpen?: true
  /** The sink is an SDK's default (`SinkIndex.clientDefault`): a credential callers pass authenticates, it is no flow. */
  noCredential?: true
  rule: string
  /** The sink call, as shown in evidence. */
  call: string
  line: number
  /** The source line of the sink call. */
  excerpt: string
  /**
   * The fingerprint of the flow the parameter's own name gave (`metadata.ipAddress` → ip address): the callers
   * decide instead when the repository has any, and it is dropped unless one passes a value of no known category
   * (what is sent is what they pass: `sendWelcome(email, user.name)` sends the name, whatever the parameter says).
   */
  fallback?: string
}

/**
 * A sink call in a class whose receiver is named by a method the class leaves to its subclasses (`streamText({
 * model: this.getChatModel() })` in an abstract base): each subclass that implements the method with one vendor's
 * package sends it there.
 */
export interface InheritedSink {
  /** The class, as `classes` and helpers name it. */
  cls: string
  /** The method that names the receiver. */
  method: string
  rule: string
  /** A fixed category the sink gives any non-literal value (prompts). */
  category?: string
  /** The values the sink sends. */
  values: FlowValue[]
  /** The sink call, as shown in evidence. */
  call: string
}

/**
 * A sink call whose receiver is named by a value a function of another repository module returns (`streamText({
 * model: await getModel(provider, name) })`): the model makers that module, or the modules it imports, use receive it.
 */
export interface ModelHelperSink {
  /** The import specifier of the module and the name imported from it. */
  from: string
  exportName: string
  rule: string
  /** A fixed category the sink gives any non-literal value (prompts). */
  category?: string
  /** The values the sink sends. */
  values: FlowValue[]
  /** The sink call, as shown in evidence. */
  call: string
}

/** A top-level class extending one imported from the repository, with the one vendor each of its methods uses. */
export interface SubclassFact {
  cls: string
  /** The import specifier and the name imported from it (`default`). */
  from: string
  imported: string
  /** Method name → the vendor whose package it (or a method of the class it calls) uses. */
  vendors: Record<string, string>
}

/** The flow facts of one file, for the cross-file link step. */
export interface FlowFacts {
  /** Exported names bound to an SDK client or logger. */
  clients?: Record<string, ClientFact>
  calls?: PendingFlowCall[]
  helpers?: HelperSink[]
  /**
   * Names that stand for a top-level class of the module (`default`, an exported instance `log`, a method returning
   * an instance `Logger.get`) → the class's name, under which its methods' helpers are recorded.
   */
  classes?: Record<string, string>
  /**
   * Properties of an object the module exports that name one of its top-level functions (`export default {
   * identify }`, `export const api = { send: sendMail }`), as `default.identify` → `identify`: callers reach the
   * function's helpers through the object.
   */
  objects?: Record<string, string>
  inherited?: InheritedSink[]
  modelHelpers?: ModelHelperSink[]
  subclasses?: SubclassFact[]
  /** Sink calls that send a whole typed object (`FlowValue.typeRef`): flows once linking knows the type's fields. */
  typed?: TypedFlow[]
  /** Requests whose URL starts with a constant another module exports: flows once linking reads its host. */
  urlFlows?: UrlFlow[]
  /**
   * The personal data each exported function's `return`s carry (`buildSlackMessage` → `{ text: `${author}…` }`), `at`
   * relative to the returned value (`['text']`): what a call of it in another module holds (`FlowValue.returnRef`).
   */
  returns?: Record<string, FlowValue[]>
}

/**
 * A request whose URL starts with a constant imported from another module of the repository (`` fetch(`${API_URL}/orders`,
 * { body }) ``): the values it sends, credited to the vendor whose host that constant holds.
 */
export interface UrlFlow {
  url: { from: string; key: string; suffix: string }
  rule: string
  call: string
  values: FlowValue[]
}

/**
 * A whole typed object a sink of this module sends (`console.info('Adding', w)` with `w: Worksite`), or the result of
 * a function of another module (`FlowValue.returnRef`).
 */
export interface TypedFlow {
  vendor: string
  rule: string
  call: string
  value: FlowValue
}
