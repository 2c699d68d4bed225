import { parse as parseToml } from 'smol-toml'
import type { FileScan } from '../file-scan.js'

/**
 * Sign-in providers switched on in an auth service's TOML configuration (rules/auth `config`): Supabase's
 * `supabase/config.toml` `[auth.external.github]` with `enabled = true`. Evidence at the provider's table header.
 */
export function readAuthConfig(scan: FileScan, text: string): void {
  const libraries = scan.rules.signInLibraries.configFor(scan.path)
  if (libraries.length === 0) return
  let doc: unknown
  try {
    doc = parseToml(text)
  } catch (e) {
    scan.note(
      'warning',
      `${scan.path} could not be parsed (${(e as Error).message.split('\n')[0]}); its sign-in providers were not read`,
    )
    return
  }
  for (const library of libraries) {
    const config = library.config!
    let table: unknown = doc
    for (const key of config.table)
      table = table && typeof table === 'object' ? (table as Record<string, unknown>)[key] : undefined
    if (!table || typeof table !== 'object') continue
    for (const [id, provider] of Object.entries(table as Record<string, unknown>)) {
      if (
        !provider ||
        typeof provider !== 'object' ||
        (provider as Record<string, unknown>)[config.enabled] !== true
      )
        continue
      const vendor = scan.rules.signInProvider(id)
      if (!vendor) continue
      const header = `[${[...config.table, id].join('.')}]`
      const offset = Math.max(0, text.indexOf(header))
      const line = text.slice(0, offset).split('\n').length
      scan.vendor(
        vendor,
        { line, column: 1 },
        'sign-in',
        `${library.name} enables ${header}`,
        `sign-in:${id}`,
      )
    }
  }
}
