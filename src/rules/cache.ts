import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from '../util/write-file.js'
import type { RuleSetInput } from './ruleset.js'

/**
 * A disk cache of validated rules. Parsing ~200 YAML files (800 kB, most of it the cookie catalogue) and
 * validating them costs most of a second per process; the validated data as JSON loads in ~15 ms. The key
 * covers every rule file's path and content and the loader's own code, so an edit to either is a miss.
 * Only successful loads are cached: a broken rule file always goes through full validation and its errors.
 */

const FORMAT = 1

/** The loader modules whose code shapes the cached data: a rebuilt or edited loader invalidates the cache. */
function codeStamp(): string {
  const here = fileURLToPath(import.meta.url)
  const ext = here.endsWith('.ts') ? '.ts' : '.js'
  const parts: string[] = []
  // In a bundle every module is this one file; from source or tsc output the loader and every rule kind's schema
  // module sit beside it, so an edited kind's schema is a miss too.
  let beside: string[] = []
  try {
    beside = readdirSync(dirname(here))
      .filter((name) => name.endsWith(ext) && !name.endsWith(`.d${ext}`))
      .sort()
      .map((name) => join(dirname(here), name))
  } catch {
    beside = [here]
  }
  for (const file of beside.includes(here) ? beside : [here, ...beside]) {
    try {
      const st = statSync(file)
      parts.push(`${file}:${st.size}:${st.mtimeMs}`)
    } catch {
      parts.push(`${file}:-`)
    }
  }
  return parts.join('\n')
}

/** The cache key for a set of rule files (absolute path and text of each, in load order). */
export function rulesCacheKey(files: readonly { abs: string; text: string }[]): string {
  const h = createHash('sha256').update(`privacy-drift rules cache ${FORMAT}\n${codeStamp()}\n`)
  for (const f of files) h.update(`${f.abs}\0${f.text.length}\0`).update(f.text).update('\0')
  return h.digest('hex').slice(0, 32)
}

/** Next to the package, the find-cache-dir convention: `node_modules/.cache/privacy-drift`. */
export function rulesCacheDir(builtinRulesDir: string): string {
  return join(dirname(builtinRulesDir), 'node_modules', '.cache', 'privacy-drift')
}

/** The cached rule data for a key, or undefined (missing, unreadable or not ours). */
export function readRulesCache(dir: string, key: string): RuleSetInput | undefined {
  return readKeyedRules(join(dir, `rules-${key}.json`), key)
}

function readKeyedRules(file: string, key: string): RuleSetInput | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; input?: RuleSetInput }
    return data.key === key && data.input ? data.input : undefined
  } catch {
    return undefined
  }
}

/**
 * The built-in rules validated when the bundle was built (`npm run bundle` writes it into dist/). A GitHub Action
 * starts on a fresh runner every time, so its disk cache is always cold: without this file every action run would
 * parse and validate every rule file again (~3 s of CPU and ~70 MB more peak memory on a 2-core runner).
 */
export const BUNDLED_RULES_FILE = 'rules.json'

/**
 * What a bundled snapshot is keyed by: the built-in rule files' paths (relative to their folder, so the key is the
 * same on any machine) and texts. The loader's code needs no stamp here: the snapshot is written by the same build
 * as the bundle that reads it, and CI fails when dist/ is stale.
 */
export function builtinRulesDigest(dir: string, files: readonly { abs: string; text: string }[]): string {
  const h = createHash('sha256').update(`privacy-drift bundled rules ${FORMAT}\n`)
  for (const f of files) {
    const rel = relative(dir, f.abs).split(sep).join('/')
    h.update(`${rel}\0${f.text.length}\0`).update(f.text).update('\0')
  }
  return h.digest('hex').slice(0, 32)
}

/** The bundled snapshot beside the running bundle, when it was built from exactly these rule files. */
export function readBundledRules(digest: string): RuleSetInput | undefined {
  return readKeyedRules(join(dirname(fileURLToPath(import.meta.url)), BUNDLED_RULES_FILE), digest)
}

/** The text of a bundled snapshot: deterministic for the same rules, so a rebuilt dist/ changes only with them. */
export function bundledRulesText(digest: string, input: RuleSetInput): string {
  return JSON.stringify({ key: digest, input }) + '\n'
}

/** Stores rule data under a key; best effort (a read-only install just stays uncached). */
export function writeRulesCache(dir: string, key: string, input: RuleSetInput): void {
  try {
    // Atomic: a concurrent reader sees the old file or the whole new one, never half of it.
    writeFileAtomic(join(dir, `rules-${key}.json`), JSON.stringify({ key, input }), { mkdir: true })
    prune(dir)
  } catch {
    // Caching is an optimisation only.
  }
}

const KEEP = 8

/** Keeps the most recent few entries: rule edits and different `--rules` folders each leave one. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => /^rules-[0-9a-f]+\.json$/.test(n))
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
  for (const e of entries.slice(KEEP)) rmSync(join(dir, e.n), { force: true })
}
