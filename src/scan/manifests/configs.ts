import type { FileScan } from '../file-scan.js'
import { readAuthConfig } from './auth-config.js'
import { readExpoConfig } from './expo-config.js'
import { readNetlifyRedirects, readNetlifyToml, readVercelJson } from './routing.js'
import { readWranglerConfig } from './wrangler.js'

/**
 * The reader for a platform configuration file, by base name: hosting routes, auth services' `config.toml` (which
 * of them is read is the auth rules' business), Expo app configs, Cloudflare Workers configs; undefined for other files.
 */
export function configReader(basename: string): ((scan: FileScan, text: string) => void) | undefined {
  if (basename === 'vercel.json') return readVercelJson
  if (basename === 'netlify.toml') return readNetlifyToml
  if (basename === '_redirects') return readNetlifyRedirects
  if (basename === 'config.toml') return readAuthConfig
  if (basename === 'app.json' || basename === 'app.config.json') return readExpoConfig
  if (/^wrangler\.(?:toml|jsonc?)$/.test(basename)) return readWranglerConfig
  return undefined
}
