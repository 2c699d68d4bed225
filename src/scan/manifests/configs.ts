import type { FileScan } from '../file-scan.js'
import { readAuthConfig } from './auth-config.js'
import { readNetlifyRedirects, readNetlifyToml, readVercelJson } from './routing.js'

/**
 * The reader for a platform configuration file, by base name: hosting routes, and auth services' `config.toml`
 * (which of them is read is the auth rules' business); undefined for other files.
 */
export function configReader(basename: string): ((scan: FileScan, text: string) => void) | undefined {
  if (basename === 'vercel.json') return readVercelJson
  if (basename === 'netlify.toml') return readNetlifyToml
  if (basename === '_redirects') return readNetlifyRedirects
  if (basename === 'config.toml') return readAuthConfig
  return undefined
}
