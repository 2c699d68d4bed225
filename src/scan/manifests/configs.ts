import type { FileScan } from '../file-scan.js'
import { readNetlifyRedirects, readNetlifyToml, readVercelJson } from './routing.js'

/** The reader for a platform configuration file (hosting routes), by base name; undefined for other files. */
export function configReader(basename: string): ((scan: FileScan, text: string) => void) | undefined {
  if (basename === 'vercel.json') return readVercelJson
  if (basename === 'netlify.toml') return readNetlifyToml
  if (basename === '_redirects') return readNetlifyRedirects
  return undefined
}
