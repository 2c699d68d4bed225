import { ts } from 'ts-morph'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { dottedName } from '../../walk/ts-helpers.js'
import { usable } from './cookie-names.js'
import { recordImportedCookieName } from './cookie-record.js'
import { hasOption, objectOption, optionString } from './options.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isObjectBindingPattern: ts.isObjectBindingPattern,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isVariableDeclaration: ts.isVariableDeclaration,
}

/**
 * Cookies that session and auth libraries set, configured in code: `session({ name })` (express-session and
 * friends), `csurf({ cookie })`, `NextAuth(...)` / Auth.js, Remix `createCookie` / session storages, `betterAuth(...)`.
 */
export const libraryCookies: SourceDetector = {
  name: 'library-cookies',
  kinds: [SK.CallExpression],
  visit: (node, ctx) => detectLibraryCookies(node as ts.CallExpression, ctx),
}

/** Session and auth libraries configured in code: `session({ name })`, `NextAuth(...)`, `betterAuth(...)`. */
function detectLibraryCookies(node: ts.CallExpression, ctx: WalkContext): void {
  const scan = ctx.scan
  const b = ctx.bindings
  const libraries = scan.rules.sessionLibraries
  const callee = node.expression
  let module: string | undefined
  let options: ts.Expression | undefined
  let symbol = ''
  if (tsf.isIdentifier(callee)) {
    module = b.imports.get(callee.text)?.module
    if (libraries.nuxtAuthUtilsSetters.has(callee.text) && (module === undefined || module === '#imports')) {
      // nuxt-auth-utils' auto-imported server utility seals the session into its cookie (`nuxt-session` unless
      // the runtime config renames it).
      if (!b.functions.has(callee.text) && node.arguments.length >= 2)
        scan.libraryCookie(
          'nuxt-session',
          ctx.pos(node),
          'cookie-api.nuxt-auth-utils',
          callee.text,
          `nuxt-auth-utils' ${callee.text}() writes the nuxt-session cookie`,
          false,
        )
      return
    }
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
  const at = ctx.pos(node)
  const session = libraries.middlewareOf(module)
  if (session) {
    const away = session.elsewhere
    if (away && hasOption(options, away.option) && optionString(options, away.option, ctx) !== away.unless)
      return
    const configured = optionString(options, session.option, ctx)
    if (session.signed && objectOption(options, 'signed')?.kind !== SK.FalseKeyword) {
      const base = configured ?? (hasOption(options, session.option) ? undefined : session.default)
      if (base)
        scan.libraryCookie(
          `${base}.sig`,
          at,
          `cookie-api.${module}`,
          symbol,
          `${module} signs ${base} in ${base}.sig unless signed: false`,
          base !== session.default,
        )
    }
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
    else if (!configured && session.option !== 'cookieName' && hasOption(options, session.option)) {
      // A name read off the app's settings module (`name: config.sessionName`) is looked up when files are linked.
      const written = objectOption(options, session.option)
      if (written) recordImportedCookieName(ctx, written, at, `cookie-api.${module}`, symbol)
    } else if (!hasOption(options, session.option))
      scan.libraryCookie(
        session.default,
        at,
        `cookie-api.${module}`,
        symbol,
        `${module} sets ${session.default} by default`,
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
  if (module === 'next-auth' || libraries.isAuthJsModule(module)) {
    const fn = tsf.isIdentifier(callee) ? callee.text : ''
    if (!libraries.isAuthJsFunction(fn) && b.imports.get(fn)?.imported !== 'default') return
    // v5 returns { handlers, auth, signIn, signOut }; v4 returns a route handler.
    const parent = ctx.parent!
    const v5 =
      module !== 'next-auth' ||
      (tsf.isVariableDeclaration(parent) &&
        tsf.isObjectBindingPattern(parent.name) &&
        parent.name.elements.some((e) => /^(handlers|auth)$/.test(nameOf(e))))
    // The default names (plain HTTP; `__Secure-` / `__Host-` on HTTPS) of each major are the catalogue's `default_of`.
    for (const name of ctx.scan.rules.cookieDefaultsFor('next-auth', v5 ? 5 : 4))
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
  if (libraries.isRemixModule(module) && tsf.isIdentifier(callee)) {
    const fn = b.imports.get(callee.text)?.imported
    // Remix / React Router: createCookie('lang'), createCookieSessionStorage({ cookie: { name } })
    if (fn === 'createCookie') {
      const name = options ? ctx.string(options) : undefined
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
      const option =
        cookie && tsf.isObjectLiteralExpression(cookie) ? objectOption(cookie, 'name') : undefined
      // A name built at run time (`__Host-_session_${version()}`) is a pattern, as for createCookie.
      const name = option ? ctx.string(option) : undefined
      if (name && usable(name.value))
        scan.libraryCookie(name.value, at, 'cookie-api.remix', symbol, `${fn}() names its cookie`, true)
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
  // `better-auth/minimal` exports the same betterAuth() without the bundled adapters.
  if (
    (module === 'better-auth' || module === 'better-auth/minimal') &&
    tsf.isIdentifier(callee) &&
    callee.text === 'betterAuth'
  ) {
    const prefix = optionString(objectOption(options, 'advanced'), 'cookiePrefix', ctx) ?? 'better-auth'
    scan.libraryCookie(
      `${prefix}.session_token`,
      at,
      'cookie-api.better-auth',
      symbol,
      `Better Auth sets ${prefix}.session_token`,
      prefix !== 'better-auth',
    )
    // `session: { cookieCache: { enabled: true } }` keeps a signed copy of the session in a second cookie.
    const cache = objectOption(objectOption(options, 'session'), 'cookieCache')
    if (cache && objectOption(cache, 'enabled')?.kind === SK.TrueKeyword)
      scan.libraryCookie(
        `${prefix}.session_data`,
        at,
        'cookie-api.better-auth',
        symbol,
        `Better Auth with session.cookieCache sets ${prefix}.session_data`,
        true,
      )
  }
}

function nameOf(e: ts.BindingElement): string {
  const n = e.propertyName ?? e.name
  return tsf.isIdentifier(n) ? n.text : ''
}
