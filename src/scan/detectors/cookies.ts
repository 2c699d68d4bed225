import { ts } from 'ts-morph'
import type { FileScan, ModuleRef } from '../file-scan.js'
import type { SourceBindings } from './source.js'
import { dottedName, positionOf, staticString } from './ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isArrayLiteralExpression: ts.isArrayLiteralExpression,
  isIdentifier: ts.isIdentifier,
  isObjectBindingPattern: ts.isObjectBindingPattern,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isShorthandPropertyAssignment: ts.isShorthandPropertyAssignment,
  isStringLiteral: ts.isStringLiteral,
  isStringLiteralLike: ts.isStringLiteralLike,
  isTemplateExpression: ts.isTemplateExpression,
  isVariableDeclaration: ts.isVariableDeclaration,
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

/** Session middleware that sets one cookie: the option naming it and its default name. */
const SESSION_LIBRARIES: Record<string, { option: string; fallback: string }> = {
  'express-session': { option: 'name', fallback: 'connect.sid' },
  'cookie-session': { option: 'name', fallback: 'session' },
  'koa-session': { option: 'key', fallback: 'koa.sess' },
  '@fastify/session': { option: 'cookieName', fallback: 'sessionId' },
  '@fastify/secure-session': { option: 'cookieName', fallback: 'session' },
  '@fastify/cookie-session': { option: 'cookieName', fallback: 'session' },
}
/** Auth libraries' default cookies (plain-HTTP names; on HTTPS they gain a `__Secure-` / `__Host-` prefix). */
const NEXT_AUTH = ['next-auth.session-token', 'next-auth.csrf-token', 'next-auth.callback-url']
const AUTH_JS = ['authjs.session-token', 'authjs.csrf-token', 'authjs.callback-url']
const REMIX_MODULES =
  /^(@remix-run\/(node|cloudflare|deno|server-runtime)|react-router|@react-router\/(node|cloudflare))$/
const AUTH_JS_MODULES = /^@auth\/(core|express|sveltekit|solid-start|qwik|nextjs)(\/.*)?$/

/** Session and auth libraries configured in code: `session({ name })`, `NextAuth(...)`, `betterAuth(...)`. */
export function detectLibraryCookies(
  scan: FileScan,
  sf: ts.SourceFile,
  node: ts.CallExpression,
  b: SourceBindings,
  lineOffset: number,
): void {
  const callee = node.expression
  let module: string | undefined
  let options: ts.Expression | undefined
  let symbol = ''
  if (tsf.isIdentifier(callee)) {
    module = b.imports.get(callee.text)?.module
    options = node.arguments[0]
    symbol = callee.text
    if (
      module === 'koa-session' &&
      node.arguments.length > 1 &&
      !tsf.isObjectLiteralExpression(node.arguments[0]!)
    )
      options = node.arguments[1]
  } else if (
    tsf.isPropertyAccessExpression(callee) &&
    callee.name.text === 'register' &&
    node.arguments[0] &&
    tsf.isIdentifier(node.arguments[0])
  ) {
    // fastify.register(fastifySession, { cookieName })
    module = b.imports.get(node.arguments[0].text)?.module
    options = node.arguments[1]
    symbol = `${dottedName(callee) ?? 'register'}(${node.arguments[0].text})`
  }
  if (!module) return
  const at = atOf(sf, node, lineOffset)
  const session = SESSION_LIBRARIES[module]
  if (session) {
    const configured = optionString(options, session.option, b)
    // A `cookieName` option is reported where it is written (detectCookieNameOption), once.
    if (configured && session.option !== 'cookieName')
      scan.libraryCookie(
        configured,
        at,
        `cookie-api.${module}`,
        symbol,
        `${module} cookie named by its "${session.option}" option`,
        true,
      )
    else if (!hasOption(options, session.option))
      scan.libraryCookie(
        session.fallback,
        at,
        `cookie-api.${module}`,
        symbol,
        `${module} sets ${session.fallback} by default`,
        false,
      )
    return
  }
  if (module === 'csurf') {
    if (options && hasOption(options, 'cookie'))
      scan.libraryCookie(
        '_csrf',
        at,
        'cookie-api.csurf',
        symbol,
        'csurf with { cookie } keeps its secret in _csrf',
        false,
      )
    return
  }
  if (module === 'next-auth' || AUTH_JS_MODULES.test(module)) {
    const fn = tsf.isIdentifier(callee) ? callee.text : ''
    if (
      !/^(NextAuth|ExpressAuth|SvelteKitAuth|SolidAuth|QwikAuth|Auth)$/.test(fn) &&
      b.imports.get(fn)?.imported !== 'default'
    )
      return
    // v5 returns { handlers, auth, signIn, signOut }; v4 returns a route handler.
    const parent = node.parent
    const v5 =
      module !== 'next-auth' ||
      (tsf.isVariableDeclaration(parent) &&
        tsf.isObjectBindingPattern(parent.name) &&
        parent.name.elements.some((e) => /^(handlers|auth)$/.test(nameOf(e))))
    for (const name of v5 ? AUTH_JS : NEXT_AUTH)
      scan.libraryCookie(
        name,
        at,
        v5 ? 'cookie-api.authjs' : 'cookie-api.next-auth',
        symbol,
        `${v5 ? 'Auth.js' : 'NextAuth.js'} sets ${name} by default`,
        false,
      )
    return
  }
  if (REMIX_MODULES.test(module) && tsf.isIdentifier(callee)) {
    const fn = b.imports.get(callee.text)?.imported
    // Remix / React Router: createCookie('lang'), createCookieSessionStorage({ cookie: { name } })
    if (fn === 'createCookie') {
      const name = options ? staticString(options, b.lookup) : undefined
      if (name && name.value && !/^\**$/.test(name.value))
        scan.libraryCookie(
          name.value,
          at,
          'cookie-api.remix',
          symbol,
          'createCookie() names the cookie',
          true,
        )
    } else if (
      fn === 'createCookieSessionStorage' ||
      fn === 'createSessionStorage' ||
      fn === 'createFileSessionStorage' ||
      fn === 'createMemorySessionStorage'
    ) {
      const cookie = objectOption(options, 'cookie')
      const name =
        cookie && tsf.isObjectLiteralExpression(cookie) ? optionString(cookie, 'name', b) : undefined
      if (name) scan.libraryCookie(name, at, 'cookie-api.remix', symbol, `${fn}() names its cookie`, true)
      else if (!cookie || (tsf.isObjectLiteralExpression(cookie) && !hasOption(cookie, 'name')))
        scan.libraryCookie(
          '__session',
          at,
          'cookie-api.remix',
          symbol,
          `${fn}() uses __session by default`,
          false,
        )
    }
    return
  }
  if (module === 'better-auth' && tsf.isIdentifier(callee) && callee.text === 'betterAuth') {
    const prefix = optionString(objectOption(options, 'advanced'), 'cookiePrefix', b) ?? 'better-auth'
    scan.libraryCookie(
      `${prefix}.session_token`,
      at,
      'cookie-api.better-auth',
      symbol,
      `Better Auth sets ${prefix}.session_token`,
      prefix !== 'better-auth',
    )
  }
}

/** Nuxt i18n `detectBrowserLanguage: { useCookie: true, cookieKey }`: the locale cookie (default `i18n_redirected`). */
function detectI18nCookie(
  scan: FileScan,
  sf: ts.SourceFile,
  node: ts.PropertyAssignment,
  b: SourceBindings,
  lineOffset: number,
): void {
  const value = node.initializer
  if (!tsf.isObjectLiteralExpression(value)) return
  const useCookie = objectOption(value, 'useCookie')
  if (useCookie && useCookie.kind === ts.SyntaxKind.FalseKeyword) return
  const key = optionString(value, 'cookieKey', b)
  scan.libraryCookie(
    key ?? 'i18n_redirected',
    atOf(sf, node, lineOffset),
    'cookie-api.nuxt-i18n',
    'detectBrowserLanguage',
    key ? 'Nuxt i18n cookieKey' : 'Nuxt i18n stores the detected locale in i18n_redirected',
    key !== undefined,
  )
}

/** `cookieName: 'x'` in any options object (iron-session, @fastify/session, custom auth configs): a named cookie. */
export function detectCookieNameOption(
  scan: FileScan,
  sf: ts.SourceFile,
  node: ts.PropertyAssignment,
  b: SourceBindings,
  lineOffset: number,
): void {
  const key = tsf.isIdentifier(node.name) || tsf.isStringLiteral(node.name) ? node.name.text : ''
  if (key === 'detectBrowserLanguage') return detectI18nCookie(scan, sf, node, b, lineOffset)
  if (key !== 'cookieName' && key !== 'sessionCookieName') return
  const s = staticString(node.initializer, b.lookup)
  if (!s || !s.value || /^\**$/.test(s.value) || /\s/.test(s.value)) return
  scan.cookie(
    s.value,
    s.pattern,
    atOf(sf, node, lineOffset),
    'cookie-api.config',
    key,
    `named by a ${key} option`,
  )
}

function nameOf(e: ts.BindingElement): string {
  const n = e.propertyName ?? e.name
  return tsf.isIdentifier(n) ? n.text : ''
}

function objectOption(options: ts.Expression | undefined, key: string): ts.Expression | undefined {
  if (!options || !tsf.isObjectLiteralExpression(options)) return undefined
  for (const p of options.properties)
    if (tsf.isPropertyAssignment(p) && tsf.isIdentifier(p.name) && p.name.text === key) return p.initializer
  return undefined
}

function hasOption(options: ts.Expression | undefined, key: string): boolean {
  if (!options) return false
  if (!tsf.isObjectLiteralExpression(options)) return true // a variable: it may set anything
  return options.properties.some(
    (p) =>
      (tsf.isPropertyAssignment(p) || tsf.isShorthandPropertyAssignment(p)) &&
      tsf.isIdentifier(p.name) &&
      p.name.text === key,
  )
}

function optionString(
  options: ts.Expression | undefined,
  key: string,
  b: SourceBindings,
): string | undefined {
  const v = objectOption(options, key)
  const s = v ? staticString(v, b.lookup) : undefined
  return s && !s.pattern && s.value ? s.value : undefined
}

/** Detects cookie-setting calls: Express/Koa/Fastify/Next.js/h3/Hono/js-cookie/cookies-next/nookies/cookie. */
export function detectCookieCall(
  scan: FileScan,
  sf: ts.SourceFile,
  node: ts.CallExpression,
  b: SourceBindings,
  lineOffset: number,
): void {
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
    } else if (method === 'set' && (/(^|\.)cookies(\(\))?$/.test(owner) || b.cookieJars.has(owner))) {
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
      detectSetCookieValue(
        scan,
        sf,
        node.arguments[1],
        node,
        b,
        lineOffset,
        `${owner}.${method}('Set-Cookie')`,
      )
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
        const at = atOf(sf, node, lineOffset)
        for (const el of list.elements) {
          const s = resolveName(el, b)
          if (s)
            scan.cookie(
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
    } else if (b.cookieSetters.has(fn)) {
      index = b.cookieSetters.get(fn)
      rule = 'cookie-api.react-cookie'
    } else if (fn in AUTO_IMPORTED || HELPER_NAME.test(fn)) {
      // Nuxt/h3 auto-imports take the event first; a hand-written helper takes the name first.
      const first = node.arguments[0]
      const firstIsContext = first !== undefined && tsf.isIdentifier(first) && CONTEXT_ARG.test(first.text)
      if (fn === 'useCookie') index = 0
      else if (firstIsContext) index = 1
      else if (first && staticString(first, b.lookup)) index = 0
      rule = firstIsContext || fn === 'useCookie' ? 'cookie-api.auto-import' : 'cookie-api.helper'
    }
    if (index !== undefined) nameArg = node.arguments[index]
    symbol = fn
  }
  if (!nameArg || !rule) return
  const at = atOf(sf, node, lineOffset)
  const resolved = resolveName(nameArg, b)
  if (resolved && !hasImportedPart(nameArg, b)) {
    scan.cookie(resolved.value, resolved.pattern, at, rule, symbol)
    return
  }
  if (!pendingFromImport(scan, nameArg, b, at, rule, symbol) && resolved)
    scan.cookie(resolved.value, resolved.pattern, at, rule, symbol)
}

/** `document.cookie = 'name=value; …'` */
export function detectDocumentCookie(
  scan: FileScan,
  sf: ts.SourceFile,
  node: ts.BinaryExpression,
  b: SourceBindings,
  lineOffset: number,
): void {
  if (node.operatorToken.kind !== SK.EqualsToken && node.operatorToken.kind !== SK.PlusEqualsToken) return
  const left = dottedName(node.left)
  if (left !== 'document.cookie' && left !== 'window.document.cookie') return
  const at = atOf(sf, node, lineOffset)
  const s = staticString(node.right, b.lookup)
  const name = s ? cookieNameFromHeader(s.value) : undefined
  if (name && !hasImportedPart(node.right, b))
    scan.cookie(name.value, name.pattern, at, 'cookie-api.document-cookie', 'document.cookie')
  else if (
    !pendingFromImport(scan, node.right, b, at, 'cookie-api.document-cookie', 'document.cookie', true) &&
    name
  )
    scan.cookie(name.value, name.pattern, at, 'cookie-api.document-cookie', 'document.cookie')
}

/** `headers: { 'Set-Cookie': 'name=…' }` in a Response or NextResponse init. */
export function detectSetCookieHeaderProperty(
  scan: FileScan,
  sf: ts.SourceFile,
  node: ts.PropertyAssignment,
  b: SourceBindings,
  lineOffset: number,
): void {
  const key = tsf.isStringLiteral(node.name) || tsf.isIdentifier(node.name) ? node.name.text : undefined
  if (!key || key.toLowerCase() !== 'set-cookie') return
  detectSetCookieValue(scan, sf, node.initializer, node, b, lineOffset, "headers['Set-Cookie']")
}

function detectSetCookieValue(
  scan: FileScan,
  sf: ts.SourceFile,
  value: ts.Expression | undefined,
  at: ts.Node,
  b: SourceBindings,
  lineOffset: number,
  symbol: string,
): void {
  if (!value) return
  const values = tsf.isArrayLiteralExpression(value) ? value.elements : [value]
  const where = atOf(sf, at, lineOffset)
  for (const v of values) {
    const s = staticString(v, b.lookup)
    const name = s ? cookieNameFromHeader(s.value) : undefined
    if (name && !hasImportedPart(v, b))
      scan.cookie(name.value, name.pattern, where, 'cookie-api.set-cookie-header', symbol)
    else if (!pendingFromImport(scan, v, b, where, 'cookie-api.set-cookie-header', symbol, true) && name)
      scan.cookie(name.value, name.pattern, where, 'cookie-api.set-cookie-header', symbol)
  }
}

function isSetCookieHeaderName(arg: ts.Expression | undefined): boolean {
  return arg !== undefined && tsf.isStringLiteralLike(arg) && arg.text.toLowerCase() === 'set-cookie'
}

/** `name=value; Path=/` → `name`; a name with `*` from a template literal stays a pattern. */
function cookieNameFromHeader(header: string): { value: string; pattern: boolean } | undefined {
  const eq = header.indexOf('=')
  if (eq <= 0) return undefined
  const name = header.slice(0, eq).trim()
  if (!name || /[\s;,]/.test(name) || /^\**$/.test(name)) return undefined
  return { value: name, pattern: name.includes('*') }
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

function resolveName(
  node: ts.Expression,
  b: SourceBindings,
): { value: string; pattern: boolean } | undefined {
  const s = staticString(node, b.lookup)
  if (!s || !s.value || /^\**$/.test(s.value)) return undefined
  return s
}

/** An imported name as a reference into the module it comes from (`COOKIES.session` → COOKIES, property session). */
function importedRef(node: ts.Expression, b: SourceBindings): ModuleRef | undefined {
  const dotted = dottedName(node)
  if (!dotted) return undefined
  const [root, ...rest] = dotted.split('.')
  const imported = b.imports.get(root!)
  if (!imported || b.constants.has(dotted)) return undefined
  let exportName = imported.imported
  let property = rest.join('.') || undefined
  if (exportName === '*') {
    if (!property) return undefined
    const [head, ...tail] = property.split('.')
    exportName = head!
    property = tail.join('.') || undefined
  }
  return { from: imported.module, exportName, ...(property ? { property } : {}) }
}

function hasImportedPart(node: ts.Expression, b: SourceBindings): boolean {
  if (tsf.isTemplateExpression(node))
    return node.templateSpans.some((s) => importedRef(s.expression, b) !== undefined)
  return importedRef(node, b) !== undefined
}

/**
 * A name bound to an import from another module of the repository: resolved when files are linked.
 * With `header`, the value is a `name=value` string and only the part before `=` is the name.
 */
function pendingFromImport(
  scan: FileScan,
  node: ts.Expression,
  b: SourceBindings,
  at: { line: number; column: number },
  rule: string,
  symbol: string,
  header = false,
): boolean {
  const base = { ...at, symbol, rule, excerpt: scan.excerpt(at.line) }
  const ref = header ? undefined : importedRef(node, b)
  if (ref) {
    scan.facts.pendingCookies.push({ ...ref, ...base })
    return true
  }
  if (!tsf.isTemplateExpression(node)) return false
  // `${COOKIE_PREFIX}_session` with COOKIE_PREFIX imported
  const cut = (text: string): { text: string; done: boolean } => {
    const eq = header ? text.indexOf('=') : -1
    return eq < 0 ? { text, done: false } : { text: text.slice(0, eq), done: true }
  }
  const head = cut(node.head.text)
  const parts: (string | ModuleRef)[] = [head.text]
  let first: ModuleRef | undefined
  let done = head.done
  for (const span of node.templateSpans) {
    if (done) break
    const r = importedRef(span.expression, b)
    const local = r ? undefined : staticString(span.expression, b.lookup)
    if (r) {
      parts.push(r)
      first ??= r
    } else parts.push(local ? local.value : '*')
    const lit = cut(span.literal.text)
    parts.push(lit.text)
    done = lit.done
  }
  if (!first || (header && !done)) return false
  scan.facts.pendingCookies.push({ ...first, parts, ...base })
  return true
}

function atOf(sf: ts.SourceFile, node: ts.Node, lineOffset: number): { line: number; column: number } {
  const p = positionOf(sf, node)
  return { line: p.line + lineOffset, column: p.column }
}
