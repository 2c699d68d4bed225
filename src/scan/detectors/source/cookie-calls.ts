import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { isLocalSpecifier } from '../../file-scan.js'
import { dottedName, unwrap } from '../../walk/ts-helpers.js'
import { exportReturnedNames, resolveName } from './cookie-names.js'
import { isSetCookieHeaderName, recordCookieName, recordSetCookieHeader } from './cookie-record.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrayBindingPattern: ts.isArrayBindingPattern,
  isArrayLiteralExpression: ts.isArrayLiteralExpression,
  isBindingElement: ts.isBindingElement,
  isCallExpression: ts.isCallExpression,
  isIdentifier: ts.isIdentifier,
  isNewExpression: ts.isNewExpression,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
}

/** What a cookie call does with the cookie it names: each is evidence that the cookie exists. */
type CookieOp = 'set' | 'read' | 'delete'

/**
 * Which argument holds the cookie name for a cookie function imported from a module (`name` when it is the `name`
 * option of an object argument), and what the function does.
 */
const MODULE_FUNCTIONS: Record<string, Record<string, [number | 'name', CookieOp]>> = {
  'cookies-next': {
    setCookie: [0, 'set'],
    getCookie: [0, 'read'],
    hasCookie: [0, 'read'],
    deleteCookie: [0, 'delete'],
  },
  'cookies-next/client': {
    setCookie: [0, 'set'],
    getCookie: [0, 'read'],
    hasCookie: [0, 'read'],
    deleteCookie: [0, 'delete'],
  },
  'cookies-next/server': {
    setCookie: [0, 'set'],
    getCookie: [0, 'read'],
    hasCookie: [0, 'read'],
    deleteCookie: [0, 'delete'],
  },
  nookies: { setCookie: [1, 'set'], set: [1, 'set'], destroyCookie: [1, 'delete'], destroy: [1, 'delete'] },
  h3: { setCookie: [1, 'set'], getCookie: [1, 'read'], deleteCookie: [1, 'delete'] },
  '#imports': {
    setCookie: [1, 'set'],
    getCookie: [1, 'read'],
    deleteCookie: [1, 'delete'],
    useCookie: [0, 'set'],
  },
  '#app': { useCookie: [0, 'set'] },
  'nuxt/app': { useCookie: [0, 'set'] },
  cookie: { serialize: [0, 'set'], stringifySetCookie: ['name', 'set'] },
  'hono/cookie': {
    setCookie: [1, 'set'],
    setSignedCookie: [1, 'set'],
    getCookie: [1, 'read'],
    getSignedCookie: [2, 'read'],
    deleteCookie: [1, 'delete'],
  },
  'js-cookie': { set: [0, 'set'], get: [0, 'read'], remove: [0, 'delete'] },
  'typescript-cookie': { setCookie: [0, 'set'], getCookie: [0, 'read'], removeCookie: [0, 'delete'] },
  'tiny-cookie': {
    setCookie: [0, 'set'],
    set: [0, 'set'],
    getCookie: [0, 'read'],
    get: [0, 'read'],
    removeCookie: [0, 'delete'],
    remove: [0, 'delete'],
  },
  '@tanstack/react-start/server': {
    setCookie: [0, 'set'],
    getCookie: [0, 'read'],
    deleteCookie: [0, 'delete'],
  },
  '@tanstack/solid-start/server': {
    setCookie: [0, 'set'],
    getCookie: [0, 'read'],
    deleteCookie: [0, 'delete'],
  },
  'react-cookie': {},
  'universal-cookie': {},
  '@vueuse/integrations/useCookies': {},
}

/** Functions Nuxt / h3 auto-import: `setCookie(event, name)`, `getCookie(event, name)`, `useCookie(name)`. */
const AUTO_IMPORTED: Record<string, [number, CookieOp]> = {
  setCookie: [1, 'set'],
  getCookie: [1, 'read'],
  deleteCookie: [1, 'delete'],
  useCookie: [0, 'set'],
}
/** Methods of a cookie store (`cookies()`, `cookieStore`, `Astro.cookies`, js-cookie) and what they do. */
const STORE_METHODS: Record<string, CookieOp> = {
  set: 'set',
  get: 'read',
  has: 'read',
  delete: 'delete',
  remove: 'delete',
}
/** What the rule id and reason say about an operation other than setting. */
const OP_RULE: Record<Exclude<CookieOp, 'set'>, { rule: string; how: string }> = {
  read: { rule: 'cookie-api.read', how: 'read: the cookie exists' },
  delete: { rule: 'cookie-api.delete', how: 'deleted: the cookie exists' },
}
/** A locally defined cookie helper (`setCookie('consent', 'yes', 365)`, `getCookie('theme')`), judged by its name. */
const HELPER_OP = /^(set|write|save|store|create|put|add|get|read|has|delete|remove|clear|erase)_?cookie$/i
const HELPER_VERBS: Record<string, CookieOp> = {
  set: 'set',
  write: 'set',
  save: 'set',
  store: 'set',
  create: 'set',
  put: 'set',
  add: 'set',
  get: 'read',
  read: 'read',
  has: 'read',
  delete: 'delete',
  remove: 'delete',
  clear: 'delete',
  erase: 'delete',
}
/** First arguments that are a request context, not a cookie name (`setCookie(event, 'name')`). */
const CONTEXT_ARG = /^(event|e|ctx|context|c|res|response|reply|req|request|h3|h3Event|evt|null|undefined)$/
/**
 * Cookie-store services a dependency-injection framework hands a class (`constructor(private cookies:
 * CookieService)`, `inject(CookieService)`): the module, its class, and what each method does with the name it is
 * given first. ngx-cookie-service and ngx-cookie are Angular's cookie services.
 */
const INJECTED_STORES: Record<string, { cls: string; methods: Record<string, CookieOp> }> = {
  'ngx-cookie-service': {
    cls: 'CookieService',
    methods: { set: 'set', get: 'read', check: 'read', delete: 'delete' },
  },
  'ngx-cookie-service-ssr': {
    cls: 'SsrCookieService',
    methods: { set: 'set', get: 'read', check: 'read', delete: 'delete' },
  },
  'ngx-cookie': {
    cls: 'CookieService',
    methods: {
      put: 'set',
      putObject: 'set',
      get: 'read',
      getObject: 'read',
      hasKey: 'read',
      remove: 'delete',
    },
  },
}
/**
 * The app's own cookie service, injected like ngx-cookie-service (`constructor(private cookie: CookieService)` with
 * CookieService from a local path): the class name says it is a cookie store, not a service about cookies
 * (`CookieConsentService`). Its `set` / `get` / `remove` take the cookie name first, as every cookie store does.
 */
const OWN_COOKIE_SERVICE = /^\w*Cookies?(Service|Store|Storage|Jar|Manager)$/
/** Classes whose instances are a cookie store (`new Cookies(req.headers.cookie)`). */
const COOKIE_STORE_CLASS = /^(Cookies|UniversalCookies|Cookie)$/

/** Every method a cookie call on a member can have: the cheap test before the owner's name is built. */
const COOKIE_METHODS = new Set([
  ...Object.keys(STORE_METHODS),
  ...Object.values(INJECTED_STORES).flatMap((s) => Object.keys(s.methods)),
  ...Object.values(MODULE_FUNCTIONS).flatMap((fns) => Object.keys(fns)),
  'cookie',
  'clearCookie',
  'setCookie',
  'serialize',
  'setHeader',
  'append',
  'set',
  'header',
  'writeHead',
])

interface CookieStores {
  /** Local variables holding a cookie store (`const jar = await cookies()`, `new Cookies()`). */
  jars: Set<string>
  /** Local functions that set a cookie, with the index of the name argument (react-cookie's setter). */
  setters: Map<string, number>
}

/**
 * Cookies set through a cookie API: Express `res.cookie`, Fastify `reply.setCookie`, `cookies().set` (Next.js, Koa,
 * SvelteKit, Astro), js-cookie, cookies-next, nookies, h3 / Nuxt, Hono, react-cookie, `cookie.serialize`, local
 * `setCookie` helpers, and `setHeader('Set-Cookie', …)`.
 */
export const cookieCalls: SourceDetector<CookieStores> = {
  name: 'cookie-calls',
  kinds: [SK.VariableDeclaration, SK.CallExpression],
  start: (ctx) => {
    exportReturnedNames(ctx)
    return { jars: new Set(), setters: new Map() }
  },
  visit(node, ctx, stores) {
    if (node.kind === SK.VariableDeclaration) trackCookieStores(node as ts.VariableDeclaration, ctx, stores)
    else detectCookieCall(node as ts.CallExpression, ctx, stores)
  },
}

function trackCookieStores(vd: ts.VariableDeclaration, ctx: WalkContext, stores: CookieStores): void {
  const init = unwrap(vd.initializer)
  if (tsf.isIdentifier(vd.name)) {
    if (!init) return
    const dotted = dottedName(init)
    if (dotted && /(^|\.)cookies\(\)$/.test(dotted)) stores.jars.add(vd.name.text)
    if (tsf.isNewExpression(init) && COOKIE_STORE_CLASS.test(dottedName(init.expression) ?? ''))
      stores.jars.add(vd.name.text)
    return
  }
  if (tsf.isArrayBindingPattern(vd.name) && init && tsf.isCallExpression(init)) {
    // react-cookie: const [cookies, setCookie] = useCookies(['consent'])
    const setter = vd.name.elements[1]
    if (
      dottedName(init.expression) === 'useCookies' &&
      setter &&
      tsf.isBindingElement(setter) &&
      tsf.isIdentifier(setter.name) &&
      !ctx.bindings.functions.has(setter.name.text)
    )
      stores.setters.set(setter.name.text, 0)
  }
}

function detectCookieCall(node: ts.CallExpression, ctx: WalkContext, stores: CookieStores): void {
  const b = ctx.bindings
  const callee = node.expression
  let nameArg: ts.Expression | undefined
  let rule: string | undefined
  let op: CookieOp = 'set'
  let symbol = ''
  if (tsf.isPropertyAccessExpression(callee)) {
    const method = callee.name.text
    if (!COOKIE_METHODS.has(method) && !HELPER_OP.test(method)) return
    const owner = dottedName(callee.expression) ?? ''
    const dot = owner.indexOf('.')
    const ownerRoot = dot < 0 ? owner : owner.slice(0, dot)
    const imported = b.imports.get(ownerRoot)
    const fromModule =
      imported && owner === ownerRoot ? MODULE_FUNCTIONS[imported.module]?.[method] : undefined
    symbol = `${owner}.${method}`
    let injected: InjectedStore | null | undefined
    if (method === 'cookie' && /(^|\.)(res|response|reply|ctx\.res)$/i.test(owner)) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.express'
    } else if (method === 'clearCookie' && /(^|\.)(res|response|reply|ctx\.res)$/i.test(owner)) {
      nameArg = node.arguments[0]
      op = 'delete'
    } else if (method === 'setCookie' && /(^|\.)(reply|res|response)$/i.test(owner)) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.fastify'
    } else if (
      Object.hasOwn(STORE_METHODS, method) &&
      (/(^|\.)\$?cookies(\(\))?$/.test(owner) || stores.jars.has(owner))
    ) {
      // Koa ctx.cookies, Next.js cookies() and response.cookies, Astro/SvelteKit cookies, new Cookies(), and the
      // store a Nuxt module injects into the app context (cookie-universal-nuxt's `app.$cookies`, `this.$cookies`).
      nameArg = firstNameArgument(node)
      op = STORE_METHODS[method]!
      rule = 'cookie-api.cookies-set'
    } else if ((injected ??= injectedStore(callee.expression, ctx) ?? null)?.methods[method]) {
      // An injected cookie service: `this.cookieService.set(this.COOKIE_NAME, …)` (ngx-cookie-service).
      nameArg = node.arguments[0]
      op = injected.methods[method]!
      rule = `cookie-api.${injected.module}`
    } else if (fromModule) {
      nameArg = fromModule[0] === 'name' ? nameOption(node.arguments[0]) : node.arguments[fromModule[0]]
      op = fromModule[1]
      rule = `cookie-api.${imported!.module}`
    } else if (
      Object.hasOwn(STORE_METHODS, method) &&
      /^(Cookies|Cookie|cookies|cookie|jsCookie|cookieStore|window\.cookieStore)$/.test(owner)
    ) {
      nameArg = firstNameArgument(node)
      op = STORE_METHODS[method]!
      rule = 'cookie-api.js-cookie'
    } else if (HELPER_OP.test(method) && ownHelperModule(ownerRoot, imported?.module)) {
      // A cookie helper of the app's own, called on its module or class: `CookieUtils.setCookie('prefs', …)`.
      const verb = HELPER_OP.exec(method)![1]!.toLowerCase()
      nameArg = node.arguments[contextArguments(node)]
      op = HELPER_VERBS[verb]!
      rule = 'cookie-api.helper'
    } else if (method === 'serialize' && (imported?.module === 'cookie' || ownerRoot === 'cookie')) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.cookie'
    } else if (
      (method === 'setHeader' ||
        method === 'append' ||
        method === 'set' ||
        method === 'header' ||
        method === 'writeHead') &&
      isSetCookieHeaderName(node.arguments[0])
    ) {
      recordSetCookieHeader(ctx, node.arguments[1], node, `${owner}.${method}('Set-Cookie')`)
      return
    }
  } else if (tsf.isIdentifier(callee)) {
    const fn = callee.text
    const imported = b.imports.get(fn)
    let index: number | 'name' | undefined
    if (fn === 'useCookies') {
      // react-cookie: useCookies(['consent', 'theme']) names the cookies the component reads and writes.
      const list = node.arguments[0]
      if (list && tsf.isArrayLiteralExpression(list)) {
        const at = ctx.pos(node)
        for (const el of list.elements) {
          const s = resolveName(el, ctx)
          if (s)
            ctx.scan.cookie(
              s.value,
              s.pattern,
              at,
              'cookie-api.react-cookie',
              'useCookies',
              'named in useCookies()',
            )
        }
      }
      return
    }
    const entry = imported ? MODULE_FUNCTIONS[imported.module]?.[imported.imported] : undefined
    // A cookie writer the app imports from its own module (`import { setCookie } from '../utils'`) takes the name
    // first like one defined in the file. Only writers: an imported `getCookie(service)` may read another store (a
    // server's jar of cookies for outbound requests), and a package's function is left to the rules that know it.
    const ownImported =
      imported !== undefined &&
      !entry &&
      isLocalSpecifier(imported.module) &&
      HELPER_VERBS[HELPER_OP.exec(imported.imported)?.[1]?.toLowerCase() ?? ''] === 'set'
    if (imported && !ownImported) {
      if (entry) [index, op] = entry
      rule = `cookie-api.${imported.module}`
    } else if (stores.setters.has(fn)) {
      index = stores.setters.get(fn)
      rule = 'cookie-api.react-cookie'
    } else if (ownImported || Object.hasOwn(AUTO_IMPORTED, fn) || HELPER_OP.test(fn)) {
      // Nuxt/h3 auto-imports take the event first; a hand-written helper takes the name first.
      const context = contextArguments(node)
      index = fn === 'useCookie' ? 0 : context
      const auto = context > 0 || fn === 'useCookie' ? AUTO_IMPORTED[fn] : undefined
      const verb = HELPER_OP.exec(ownImported ? imported.imported : fn)?.[1]?.toLowerCase()
      if (auto) op = auto[1]
      else if (verb) op = HELPER_VERBS[verb]!
      else index = undefined
      rule = auto ? 'cookie-api.auto-import' : 'cookie-api.helper'
    }
    if (index !== undefined)
      nameArg = index === 'name' ? nameOption(node.arguments[0]) : node.arguments[index]
    symbol = fn
  }
  if (!nameArg) return
  if (op !== 'set') {
    recordCookieName(ctx, nameArg, ctx.pos(node), OP_RULE[op].rule, symbol, OP_RULE[op].how)
    return
  }
  if (rule) recordCookieName(ctx, nameArg, ctx.pos(node), rule, symbol)
}

/**
 * True when a cookie-named method's owner is the app's own code: a module or class imported from a local path, or
 * one defined in the file whose name says cookie (`CookieUtils`, `cookieStorage`). A package's object is left to the
 * rules that know the package.
 */
function ownHelperModule(ownerRoot: string, module: string | undefined): boolean {
  if (module !== undefined) return isLocalSpecifier(module)
  return /cookie/i.test(ownerRoot)
}

interface InjectedStore {
  module: string
  methods: Record<string, CookieOp>
}

/**
 * The injected cookie service a call's owner is: a field the class types as (or initialises with `inject(…)` of) a
 * class of INJECTED_STORES or the app's own cookie service (OWN_COOKIE_SERVICE), or a local
 * `const c = inject(CookieService)` — what `WalkContext.importOf` resolves.
 */
function injectedStore(owner: ts.Expression, ctx: WalkContext): InjectedStore | undefined {
  const origin = ctx.importOf(owner)
  if (
    origin &&
    origin.members.length === 0 &&
    isLocalSpecifier(origin.module) &&
    OWN_COOKIE_SERVICE.test(origin.imported)
  )
    return { module: 'helper', methods: STORE_METHODS }
  const store = origin && origin.members.length === 0 ? INJECTED_STORES[origin.module] : undefined
  return store && origin!.imported === store.cls
    ? { module: origin!.module, methods: store.methods }
    : undefined
}

/**
 * How many leading arguments of a cookie helper call are the request context, not the name: none, one
 * (`setCookie(event, 'name')`) or the request and the response (`setCookie(req, res, 'name', value)`).
 */
function contextArguments(node: ts.CallExpression): number {
  let n = 0
  for (const a of node.arguments) {
    if (!tsf.isIdentifier(a) || !CONTEXT_ARG.test(a.text)) break
    n++
  }
  return n
}

/** The `name` option of an options-object argument (`stringifySetCookie({ name, value })`). */
function nameOption(arg: ts.Expression | undefined): ts.Expression | undefined {
  if (!arg || !tsf.isObjectLiteralExpression(arg)) return undefined
  for (const p of arg.properties)
    if (tsf.isPropertyAssignment(p) && tsf.isIdentifier(p.name) && p.name.text === 'name')
      return p.initializer
  return undefined
}

/** Next.js `cookies().set({ name: 'x', value })` takes an object; everything else a name first. */
function firstNameArgument(node: ts.CallExpression): ts.Expression | undefined {
  const first = node.arguments[0]
  return first && tsf.isObjectLiteralExpression(first) ? nameOption(first) : first
}
