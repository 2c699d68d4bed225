import { z } from 'zod'

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/)
const packageName = z.string().regex(/^(@[\w.-]+\/)?[\w.-]+$/)

/** A file, its code, and a cookie name the scan must (or must not) report for it. */
const cookieExampleSchema = z
  .object({ file: z.string().min(1), code: z.string().min(1), cookie: z.string().min(1) })
  .strict()

/**
 * Session and auth libraries whose cookies are configured in code (rules/cookies/session-libraries.yaml): session
 * middleware that names one cookie by an option (with a default), the Remix / React Router runtimes' cookie API,
 * Auth.js entry points, nuxt-auth-utils' setters. Which names the libraries write by default is in the cookie
 * catalogue (`default_of`); this file says how code configures them.
 */
export const sessionLibrariesSchema = z
  .object({
    kind: z.literal('session-cookie-libraries'),
    description: z.string().optional(),
    middleware: z
      .array(
        z
          .object({
            module: packageName,
            /** The option naming the cookie (`name`, `key`, `cookieName`). */
            option: identifier,
            /** The cookie's name when the option is not given. */
            default: z.string().min(1),
            /** The library signs the cookie in a second one, `<name>.sig`, unless `signed: false`. */
            signed: z.boolean().default(false),
            /** An option that moves the value into a server session (any value but `unless`): then no cookie. */
            elsewhere: z.object({ option: identifier, unless: z.string().min(1) }).strict().optional(),
          })
          .strict(),
      )
      .min(1),
    /** Server runtimes exporting Remix's `createCookie` and session storages (hosts' builds included). */
    remix_modules: z.array(packageName).min(1),
    /** Auth.js framework packages (a subpath of one counts too) and the names of their entry functions. */
    authjs_modules: z.array(packageName).min(1),
    authjs_functions: z.array(identifier).min(1),
    /** nuxt-auth-utils' auto-imported server utilities that write the session cookie (`setUserSession(event, data)`). */
    nuxt_auth_utils_setters: z.array(identifier).min(1),
    examples: z
      .object({ positive: z.array(cookieExampleSchema).min(1), negative: z.array(cookieExampleSchema).min(1) })
      .strict(),
  })
  .strict()

export type SessionLibrariesFile = z.infer<typeof sessionLibrariesSchema>
export type SessionMiddleware = SessionLibrariesFile['middleware'][number]

/** The session and auth libraries of every file, indexed by module for the cookie detector. */
export class SessionLibraries {
  private readonly middleware = new Map<string, SessionMiddleware>()
  private readonly remix = new Set<string>()
  private readonly authjs: string[] = []
  private readonly authjsFunctions = new Set<string>()
  readonly nuxtAuthUtilsSetters = new Set<string>()

  constructor(files: readonly SessionLibrariesFile[] = []) {
    for (const f of files) {
      for (const m of f.middleware) this.middleware.set(m.module, m)
      for (const m of f.remix_modules) this.remix.add(m)
      this.authjs.push(...f.authjs_modules)
      for (const n of f.authjs_functions) this.authjsFunctions.add(n)
      for (const n of f.nuxt_auth_utils_setters) this.nuxtAuthUtilsSetters.add(n)
    }
  }

  /** The session middleware a module is, if any. */
  middlewareOf(module: string): SessionMiddleware | undefined {
    return this.middleware.get(module)
  }

  /** Whether a module is a Remix / React Router server runtime. */
  isRemixModule(module: string): boolean {
    return this.remix.has(module)
  }

  /** Whether a module is an Auth.js framework package or one of its subpaths. */
  isAuthJsModule(module: string): boolean {
    return this.authjs.some((m) => module === m || module.startsWith(m + '/'))
  }

  /** Whether a function name is an Auth.js entry point (`NextAuth`, `SvelteKitAuth`…). */
  isAuthJsFunction(name: string): boolean {
    return this.authjsFunctions.has(name)
  }
}
