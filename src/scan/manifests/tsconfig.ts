import { ts } from 'ts-morph'
import type { FileScan } from '../file-scan.js'

/** TypeScript and JavaScript project files: `tsconfig.json`, `tsconfig.base.json`, `jsconfig.json` … */
export const PROJECT_CONFIG = /^[tj]sconfig(\.[\w-]+)*\.json$/

/**
 * Reads a project config as data (never runs anything): its `compilerOptions.paths` and `baseUrl`, and the config it
 * `extends`, so that imports through aliases (`@utils/config`) resolve to the repository's own files when files are
 * linked. tsconfig is JSON with comments and trailing commas; TypeScript's own reader parses it.
 */
export function readTsconfig(scan: FileScan, text: string): void {
  const { config, error } = ts.parseConfigFileTextToJson(scan.path, text)
  if (error || !config || typeof config !== 'object') {
    scan.note('info', 'project config could not be parsed: its path aliases are not followed')
    return
  }
  const options = (config as { compilerOptions?: unknown }).compilerOptions
  const o = options && typeof options === 'object' ? (options as Record<string, unknown>) : {}
  const paths: Record<string, string[]> = {}
  if (o.paths && typeof o.paths === 'object')
    for (const [pattern, targets] of Object.entries(o.paths as Record<string, unknown>))
      if (Array.isArray(targets)) paths[pattern] = targets.filter((t): t is string => typeof t === 'string')
  const ext = (config as { extends?: unknown }).extends
  const extendsList = (Array.isArray(ext) ? ext : [ext]).filter((e): e is string => typeof e === 'string')
  scan.facts.pathAliases = {
    ...(typeof o.baseUrl === 'string' ? { baseUrl: o.baseUrl } : {}),
    ...(Object.keys(paths).length > 0 ? { paths } : {}),
    ...(extendsList.length > 0 ? { extends: extendsList } : {}),
  }
}
