import { parse as parseToml } from 'smol-toml'
import { ts } from 'ts-morph'
import type { FileScan } from '../file-scan.js'

/**
 * A Cloudflare Workers config (`wrangler.toml`, `wrangler.json`, `wrangler.jsonc`): a section binding the worker to a
 * Cloudflare service (`ai`, `analytics_engine_datasets`) is a use of that service, which the code reaches through
 * `env.<BINDING>` with no import or host to see. The vendor rules' `worker_bindings` name the sections.
 */
export function readWranglerConfig(scan: FileScan, text: string): void {
  const toml = scan.path.endsWith('.toml')
  let config: unknown
  try {
    config = toml ? parseToml(text) : ts.parseConfigFileTextToJson(scan.path, text).config
  } catch (e) {
    scan.note('warning', `Workers config could not be parsed (${(e as Error).message.split('\n')[0]})`)
    return
  }
  if (!config || typeof config !== 'object') return
  for (const key of Object.keys(config).sort()) {
    const vendor = scan.rules.vendorForWorkerBinding(key)
    if (!vendor) continue
    // `[ai]` / `[[analytics_engine_datasets]]` in TOML, `"ai":` in JSON: the section's first line.
    const pattern = toml ? new RegExp(`^\\s*\\[\\[?${key}\\]?\\]`, 'm') : new RegExp(`"${key}"\\s*:`)
    const index = Math.max(0, text.search(pattern))
    const before = text.slice(0, index)
    const line = before.split('\n').length
    const column = index - before.lastIndexOf('\n')
    scan.vendor(vendor, { line, column }, 'import', `the Workers config binds the worker to "${key}"`, key)
  }
}
