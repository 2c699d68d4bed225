import type { FrameworkModules } from './library-schema.js'

/** One framework's configuration: the keys listing packages it loads, and the keys naming an entry's package. */
export interface FrameworkConfig {
  name: string
  keys: ReadonlySet<string>
  entryKeys: ReadonlySet<string>
}

/** Config files (`nuxt.config.ts`) whose lists name packages the framework loads (rules/packages), by base name. */
export class FrameworkModuleIndex {
  private readonly byFile = new Map<string, FrameworkConfig>()
  private readonly loaded: { prefix: string; name: string }[] = []
  /** Keys of head-tag script arrays (`script`), and of their entries' inline code (`innerHTML`). */
  readonly headScriptLists = new Set<string>()
  readonly headScriptCodeKeys = new Set<string>()

  constructor(files: readonly FrameworkModules[] = []) {
    for (const f of files) {
      for (const key of f.head_scripts?.lists ?? []) this.headScriptLists.add(key)
      for (const key of f.head_scripts?.code_keys ?? []) this.headScriptCodeKeys.add(key)
      for (const fw of f.frameworks) {
        const config = { name: fw.name, keys: new Set(fw.keys), entryKeys: new Set(fw.entry_keys) }
        for (const file of fw.files) this.byFile.set(file, config)
        for (const prefix of fw.loaded_package_prefixes) this.loaded.push({ prefix, name: fw.name })
      }
    }
  }

  /** The framework that loads a declared package by its name alone (`@strapi/provider-upload-x` → Strapi), if any. */
  loaderOf(pkg: string): string | undefined {
    return this.loaded.find((l) => pkg.startsWith(l.prefix) && pkg.length > l.prefix.length)?.name
  }

  /** The framework whose config file a path is (`apps/web/nuxt.config.ts` → Nuxt), if any. */
  configFor(path: string): FrameworkConfig | undefined {
    if (this.byFile.size === 0) return undefined
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]s$/, '')
    return this.byFile.get(base)
  }
}
