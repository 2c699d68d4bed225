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

  constructor(files: readonly FrameworkModules[] = []) {
    for (const f of files)
      for (const fw of f.frameworks) {
        const config = { name: fw.name, keys: new Set(fw.keys), entryKeys: new Set(fw.entry_keys) }
        for (const file of fw.files) this.byFile.set(file, config)
      }
  }

  /** The framework whose config file a path is (`apps/web/nuxt.config.ts` → Nuxt), if any. */
  configFor(path: string): FrameworkConfig | undefined {
    if (this.byFile.size === 0) return undefined
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]s$/, '')
    return this.byFile.get(base)
  }
}
