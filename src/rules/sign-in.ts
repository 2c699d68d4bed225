import type { SignInCall, SignInLibraries, SignInLibrary } from './library-schema.js'

/** A call shape with the library it belongs to. */
export interface SignInCallRule extends SignInCall {
  library: SignInLibrary
}

/** The auth-library rules (rules/auth), indexed for the sign-in detector. */
export class SignInIndex {
  readonly libraries: SignInLibrary[] = []
  private readonly calls = new Map<string, SignInCallRule[]>()
  private readonly providerModules: { prefix: string; library: SignInLibrary }[] = []
  private readonly packagePrefixes: { prefix: string; library: SignInLibrary }[] = []
  private readonly classModules = new Map<string, SignInLibrary>()
  private readonly objectKeys = new Map<string, SignInLibrary>()
  private readonly listKeys = new Map<string, SignInLibrary>()
  private readonly jsxAttributes = new Map<string, SignInLibrary[]>()
  private readonly types = new Map<string, SignInLibrary[]>()
  private readonly callPatterns: { pattern: RegExp; library: SignInLibrary }[] = []
  private readonly enums: { pattern: RegExp; library: SignInLibrary }[] = []
  private readonly lists: { pattern: RegExp; library: SignInLibrary }[] = []
  readonly generic: SignInLibraries['generic_provider'][] = []

  constructor(files: readonly SignInLibraries[] = []) {
    for (const f of files) {
      if (f.generic_provider) this.generic.push(f.generic_provider)
      for (const lib of f.libraries) {
        this.libraries.push(lib)
        for (const c of lib.calls)
          for (const n of c.names) this.calls.set(n, [...(this.calls.get(n) ?? []), { ...c, library: lib }])
        for (const p of lib.provider_modules) this.providerModules.push({ prefix: p, library: lib })
        for (const p of lib.package_prefixes) this.packagePrefixes.push({ prefix: p, library: lib })
        for (const m of lib.class_modules) this.classModules.set(m, lib)
        for (const k of lib.object_keys) this.objectKeys.set(k, lib)
        for (const k of lib.list_keys) this.listKeys.set(k, lib)
        for (const a of lib.jsx_attributes) this.jsxAttributes.set(a, [...(this.jsxAttributes.get(a) ?? []), lib])
        for (const t of lib.types) this.types.set(t, [...(this.types.get(t) ?? []), lib])
        for (const p of lib.call_patterns) this.callPatterns.push({ pattern: new RegExp(`^(?:${p})$`), library: lib })
        for (const p of lib.enums) this.enums.push({ pattern: new RegExp(`^(?:${p})$`), library: lib })
        for (const p of lib.lists) this.lists.push({ pattern: new RegExp(`^(?:${p})$`), library: lib })
      }
    }
  }

  /** The call shapes for a function or method name. */
  callsNamed(name: string): readonly SignInCallRule[] {
    return this.calls.get(name) ?? []
  }

  /** The provider a called name spells (`defineOAuthGitHubEventHandler` → GitHub), with its library. */
  calledProvider(name: string): { provider: string; library: SignInLibrary } | undefined {
    for (const { pattern, library } of this.callPatterns) {
      const provider = pattern.exec(name)?.[1]
      if (provider) return { provider, library }
    }
    return undefined
  }

  /** The provider id an import path names (`next-auth/providers/github` → `github`), with its library. */
  providerModule(specifier: string): { id: string; library: SignInLibrary } | undefined {
    for (const { prefix, library } of this.providerModules)
      if (specifier.startsWith(prefix) && specifier.length > prefix.length)
        return { id: specifier.slice(prefix.length), library }
    return undefined
  }

  /**
   * A per-provider strategy package (`passport-github2`): the provider word of its name (`github`), its library,
   * and the bare package name (for the vendor rule that lists it).
   */
  providerPackage(specifier: string): { id: string; name: string; library: SignInLibrary } | undefined {
    for (const { prefix, library } of this.packagePrefixes) {
      if (!specifier.startsWith(prefix)) continue
      const name = specifier.split('/')[0]!
      const id = name.slice(prefix.length).split('-')[0]!.replace(/\d+$/, '')
      if (id) return { id, name, library }
    }
    return undefined
  }

  /** The library whose enum of this name lists the app's sign-in methods (`AuthMethodType`). */
  enumNamed(name: string): SignInLibrary | undefined {
    // Asked for the object of every `a.b` in every file (enum-member uses): one pattern scan per distinct name.
    let known = this.enumByName.get(name)
    if (known === undefined) {
      known = this.enums.find((e) => e.pattern.test(name))?.library ?? null
      if (this.enumByName.size < 20_000) this.enumByName.set(name, known)
    }
    return known ?? undefined
  }

  private readonly enumByName = new Map<string, SignInLibrary | null>()

  /** The library whose `const` list of this name holds the app's sign-in providers (`AUTH_PROVIDERS`). */
  listNamed(name: string): SignInLibrary | undefined {
    return this.lists.find((l) => l.pattern.test(name))?.library
  }

  /** The library whose module exports provider classes (`arctic`, `firebase/auth`). */
  classModule(module: string): SignInLibrary | undefined {
    return this.classModules.get(module)
  }

  /** The library whose configuration key holds providers as its own keys (`socialProviders`). */
  objectKey(key: string): SignInLibrary | undefined {
    return this.objectKeys.get(key)
  }

  /** The library whose configuration key lists providers (`signInOptions`). */
  listKey(key: string): SignInLibrary | undefined {
    return this.listKeys.get(key)
  }

  /** Libraries with a component attribute of this name listing providers, and the modules of their components. */
  jsxAttribute(name: string): readonly SignInLibrary[] {
    return this.jsxAttributes.get(name) ?? []
  }

  /** Libraries with a provider type of this name. */
  typeNamed(name: string): readonly SignInLibrary[] {
    return this.types.get(name) ?? []
  }

  /** The libraries with a configuration file whose path ends with `file`. */
  configFor(path: string): SignInLibrary[] {
    return this.libraries.filter((l) => l.config && (path === l.config.file || path.endsWith(`/${l.config.file}`)))
  }
}
