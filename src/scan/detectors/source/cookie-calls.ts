import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName, unwrap } from '../../walk/ts-helpers.js'
import {
  isSetCookieHeaderName,
  recordCookieName,
  recordSetCookieHeader,
  resolveName,
} from './cookie-names.js'

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

/** Which argument holds the cookie name for a cookie-setting function imported from a module. */
const MODULE_FUNCTIONS: Record<string, Record<string, number>> = {
  'cookies-next': { setCookie: 0 },
  'cookies-next/client': { setCookie: 0 },
  'cookies-next/server': { setCookie: 0 },
  nookies: { setCookie: 1, set: 1 },
  h3: { setCookie: 1 },
  '#imports': { setCookie: 1, useCookie: 0 },
  '#app': { useCookie: 0 },
  'nuxt/app': { useCookie: 0 },
  cookie: { serialize: 0 },
  'hono/cookie': { setCookie: 1, setSignedCookie: 1 },
  'js-cookie': { set: 0 },
  'typescript-cookie': { setCookie: 0 },
  'tiny-cookie': { setCookie: 0, set: 0 },
  'react-cookie': {},
  'universal-cookie': {},
  '@vueuse/integrations/useCookies': {},
}

/** Functions Nuxt / h3 auto-import: `setCookie(event, name)`, `useCookie(name)`. */
const AUTO_IMPORTED: Record<string, number> = { setCookie: 1, useCookie: 0 }
/** A locally defined cookie helper (`setCookie('consent', 'yes', 365)`), judged by its name. */
const HELPER_NAME = /^(set|write|save|store|create|put|add)_?cookie$/i
/** First arguments that are a request context, not a cookie name (`setCookie(event, 'name')`). */
const CONTEXT_ARG = /^(event|e|ctx|context|c|res|response|reply|req|request|h3Event|evt|null|undefined)$/
/** Classes whose instances are a cookie store (`new Cookies(req.headers.cookie)`). */
const COOKIE_STORE_CLASS = /^(Cookies|UniversalCookies|Cookie)$/

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
  start: () => ({ jars: new Set(), setters: new Map() }),
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
  let symbol = ''
  if (tsf.isPropertyAccessExpression(callee)) {
    const method = callee.name.text
    const owner = dottedName(callee.expression) ?? ''
    const dot = owner.indexOf('.')
    const ownerRoot = dot < 0 ? owner : owner.slice(0, dot)
    const imported = b.imports.get(ownerRoot)
    symbol = `${owner}.${method}`
    if (method === 'cookie' && /(^|\.)(res|response|reply|ctx\.res)$/i.test(owner)) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.express'
    } else if (method === 'setCookie' && /(^|\.)(reply|res|response)$/i.test(owner)) {
      nameArg = node.arguments[0]
      rule = 'cookie-api.fastify'
    } else if (method === 'set' && (/(^|\.)cookies(\(\))?$/.test(owner) || stores.jars.has(owner))) {
      // Koa ctx.cookies.set, Next.js cookies().set / response.cookies.set, Astro/SvelteKit cookies.set, new Cookies().set.
      nameArg = firstNameArgument(node)
      rule = 'cookie-api.cookies-set'
    } else if (imported && owner === ownerRoot && MODULE_FUNCTIONS[imported.module]?.[method] !== undefined) {
      nameArg = node.arguments[MODULE_FUNCTIONS[imported.module]![method]!]
      rule = `cookie-api.${imported.module}`
    } else if (
      method === 'set' &&
      /^(Cookies|Cookie|cookies|cookie|jsCookie|cookieStore|window\.cookieStore)$/.test(owner)
    ) {
      nameArg = firstNameArgument(node)
      rule = 'cookie-api.js-cookie'
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
    let index: number | undefined
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
    if (imported) {
      index = MODULE_FUNCTIONS[imported.module]?.[imported.imported]
      rule = `cookie-api.${imported.module}`
    } else if (stores.setters.has(fn)) {
      index = stores.setters.get(fn)
      rule = 'cookie-api.react-cookie'
    } else if (fn in AUTO_IMPORTED || HELPER_NAME.test(fn)) {
      // Nuxt/h3 auto-imports take the event first; a hand-written helper takes the name first.
      const first = node.arguments[0]
      const firstIsContext = first !== undefined && tsf.isIdentifier(first) && CONTEXT_ARG.test(first.text)
      if (fn === 'useCookie') index = 0
      else if (firstIsContext) index = 1
      else if (first && ctx.string(first)) index = 0
      rule = firstIsContext || fn === 'useCookie' ? 'cookie-api.auto-import' : 'cookie-api.helper'
    }
    if (index !== undefined) nameArg = node.arguments[index]
    symbol = fn
  }
  if (!nameArg || !rule) return
  recordCookieName(ctx, nameArg, ctx.pos(node), rule, symbol)
}

/** Next.js `cookies().set({ name: 'x', value })` takes an object; everything else a name first. */
function firstNameArgument(node: ts.CallExpression): ts.Expression | undefined {
  const first = node.arguments[0]
  if (first && tsf.isObjectLiteralExpression(first)) {
    for (const p of first.properties)
      if (tsf.isPropertyAssignment(p) && tsf.isIdentifier(p.name) && p.name.text === 'name')
        return p.initializer
    return undefined
  }
  return first
}
