import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { enclosingRepository } from '../git/git.js'
import type { RuleSet } from '../rules/ruleset.js'
import { ConfigError, type Problem } from '../util/errors.js'
import { globProblem } from '../util/glob.js'
import { FileReadError, readRegularFile } from '../util/safe-read.js'
import { domainOfUrlOrHost } from '../util/domain.js'
import { closest, suggestion } from '../util/suggest.js'
import { quote } from '../util/text.js'
import {
  locate,
  MAX_PROBLEMS,
  MAX_YAML_BYTES,
  moreProblems,
  parseLocatedYaml,
  zodProblems,
  type LocatedYaml,
} from '../util/yaml.js'
import { manifestSchema, type Manifest } from './schema.js'

/** Where the manifest is looked up, in order. */
export const MANIFEST_LOCATIONS = [
  'privacy.yml',
  'privacy.yaml',
  '.github/privacy.yml',
  '.github/privacy.yaml',
]

/** The manifest path for a repository: the explicit one, or the first that exists; undefined when none. */
export function findManifest(root: string, explicit?: string): string | undefined {
  if (explicit) return isAbsolute(explicit) ? explicit : join(root, explicit)
  for (const p of MANIFEST_LOCATIONS) if (existsSync(join(root, p))) return join(root, p)
  return undefined
}

/**
 * Reads privacy.yml as bytes: a regular file of at most 5 MB, and, inside a git repository, one that does not
 * lead out of it through a link. A missing or refused file is a ConfigError located at the file.
 */
export function readManifestBytes(path: string, display: string): Buffer {
  try {
    return readRegularFile(path, { maxBytes: MAX_YAML_BYTES, within: enclosingRepository(dirname(path)) })
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e
    throw new ConfigError([
      {
        file: display,
        line: 1,
        column: 1,
        message: e.reason === 'missing' ? 'manifest not found' : `manifest ${e.message}`,
        hint: e.reason === 'missing' ? 'create one with `privacy-drift init`' : undefined,
      },
    ])
  }
}

/** Manifest text: UTF-8 without the byte-order mark (it would shift every column on the first line). */
export function manifestText(bytes: Buffer): string {
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Reads and validates privacy.yml; every problem is located (file:line:column) with a suggestion. */
export function loadManifest(path: string, rules: RuleSet, displayRoot = process.cwd()): Manifest {
  const display = relative(displayRoot, path) || path
  return parseManifest(manifestText(readManifestBytes(path, display)), display, rules)
}

/** Validates manifest text (used by loadManifest, tests, and the action's base-commit manifest). */
export function parseManifest(text: string, display: string, rules: RuleSet): Manifest {
  if (!text.trim())
    throw new ConfigError([
      {
        file: display,
        line: 1,
        column: 1,
        message: 'manifest is empty',
        hint: 'start from `privacy-drift init`, or add `version: 1`',
      },
    ])
  const y = parseLocatedYaml(text, display)
  if (y.value === null || typeof y.value !== 'object' || Array.isArray(y.value))
    throw new ConfigError([
      {
        file: display,
        line: 1,
        column: 1,
        message: 'manifest must be a YAML mapping with `version: 1` at the top',
      },
    ])
  // `data:` or `policy:` with every entry commented out is empty, not an error.
  const value = Object.fromEntries(
    Object.entries(y.value as Record<string, unknown>).filter(([, v]) => v !== null),
  )
  const parsed = manifestSchema.safeParse(value)
  if (!parsed.success) throw new ConfigError(withKeySuggestions(y, zodProblems(y, parsed.error.issues)))
  const m = parsed.data
  const manifest: Manifest = {
    file: display,
    version: 1,
    policy: m.policy ?? {},
    data: m.data.map((e, i) => ({ ...e, line: locate(y, ['data', i]).line })),
    cookies: m.cookies.map((e, i) => ({ ...e, line: locate(y, ['cookies', i]).line })),
    analytics: m.analytics.map((e, i) => ({ ...e, line: locate(y, ['analytics', i]).line })),
    processors: m.processors.map((e, i) => ({ ...e, line: locate(y, ['processors', i]).line })),
    firstParty: m.firstParty.map((d) => d.toLowerCase()),
    scope: { product: m.scope?.product ?? [], outside: m.scope?.outside ?? [] },
    ...(m.logs ? { logs: { data: m.logs.data, line: locate(y, ['logs']).line } } : {}),
    ignore: { paths: m.ignore?.paths ?? [], findings: m.ignore?.findings ?? [] },
  }
  const problems = checkReferences(y, manifest, rules)
  if (problems.length > 0) throw new ConfigError(problems)
  return manifest
}

const TOP_KEYS = [
  '$schema',
  'version',
  'policy',
  'data',
  'cookies',
  'analytics',
  'processors',
  'firstParty',
  'scope',
  'logs',
  'ignore',
]
const ENTRY_KEYS: Record<string, string[]> = {
  data: ['category', 'purposes', 'retention', 'legal_basis', 'description'],
  cookies: ['name', 'purpose', 'vendor', 'duration', 'description'],
  analytics: ['vendor', 'category', 'domain', 'name', 'purpose', 'data', 'country', 'dpa', 'retention'],
  processors: ['vendor', 'category', 'domain', 'name', 'purpose', 'data', 'country', 'dpa', 'retention'],
  policy: ['url', 'file'],
  ignore: ['paths', 'findings'],
  scope: ['product', 'outside'],
  logs: ['data'],
}

/**
 * Adds "did you mean" to unknown-key problems (`categroy` → `category`), and drops the "missing key" problem
 * that a misspelt key causes, so the user sees one message for one mistake.
 */
function withKeySuggestions(_y: LocatedYaml, problems: Problem[]): Problem[] {
  const suggested = problems.map((p) => {
    const m = /^unknown key "([^"]+)"/.exec(p.message)
    if (!m || !p.key) return p
    const section = p.key.split(/[.[]/)[0]!
    const candidates = p.key.includes('.') || p.key.includes('[') ? (ENTRY_KEYS[section] ?? []) : TOP_KEYS
    const near = closest(m[1]!, candidates)
    return { ...p, hint: near ? `did you mean "${near}"?` : `allowed keys: ${candidates.join(', ')}` }
  })
  const explained = new Set(
    suggested.flatMap((p) => {
      const near = /^did you mean "([^"]+)"/.exec(p.hint ?? '')?.[1]
      return near && p.key ? [p.key.replace(/[^.[\]]+$/, near)] : []
    }),
  )
  return suggested.filter(
    (p) => !(p.message.startsWith('missing required key') && p.key && explained.has(p.key)),
  )
}

function isCustomKey(key: string): boolean {
  return key.split('.').some((s) => s.startsWith('x-') || s.startsWith('x_'))
}

/**
 * A path a repository names must stay inside it: relative, no `..` segment (policy.file is read, ignore.paths
 * are matched against repository paths).
 */
function outsideRepository(path: string): boolean {
  return (
    isAbsolute(path) ||
    /^[A-Za-z]:/.test(path) ||
    path.startsWith('\\') ||
    path.split(/[/\\]/).includes('..') ||
    path.includes('\0')
  )
}

function checkReferences(y: LocatedYaml, m: Manifest, rules: RuleSet): Problem[] {
  const problems: Problem[] = []
  const categories = [...rules.categories.keys()]
  const purposes = [...rules.purposes.keys()]
  const vendorIds = [...rules.vendors.keys()]
  const vendorCategories = [...rules.vendorCategories.keys()]
  const vendorsByName = new Map([...rules.vendors.values()].map((v) => [v.name.toLowerCase(), v.id]))
  // Past MAX_PROBLEMS nothing more is reported, so no more suggestions are computed (the hint is lazy).
  const at = (path: PropertyKey[], key: string, message: string, hint?: () => string): void => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ file: y.file, ...locate(y, path), key, message, hint: hint?.() })
    else if (problems.length === MAX_PROBLEMS) problems.push(moreProblems(y.file))
  }
  const checkCategory = (value: string, path: PropertyKey[], key: string): void => {
    if (rules.categories.has(value) || isCustomKey(value)) return
    at(
      path,
      key,
      `unknown data category ${quote(value)}`,
      () =>
        `${suggestion(value, categories, 'categories')} (custom keys need an x- segment, e.g. user.x-loyalty_tier)`,
    )
  }
  const checkVendor = (value: string, path: PropertyKey[], key: string): void => {
    if (rules.vendors.has(value)) return
    at(path, key, `unknown vendor ${quote(value)}`, () => {
      const byName = value.length <= 100 ? vendorsByName.get(value.toLowerCase()) : undefined
      return byName
        ? `did you mean "${byName}"? (vendors are named by id)`
        : `${suggestion(value, vendorIds, 'vendors')}; for a vendor privacy-drift does not know, use \`domain:\` (its domain) or \`category:\`, or add a rule with --rules`
    })
  }
  // A domain entry is a registrable domain: it covers its subdomains, and scans key unknown services by it.
  const checkDomain = (value: string, path: PropertyKey[], key: string): void => {
    const domain = domainOfUrlOrHost(value)
    if (domain === value.toLowerCase()) return
    at(path, key, `${quote(value)} is not a registrable domain`, () =>
      domain
        ? `write "${domain}": the domain alone, without scheme, path or subdomain (it covers its subdomains)`
        : 'a public domain such as example-pay.com (not a URL, an IP address or a local name)',
    )
  }
  m.firstParty.forEach((d, i) => checkDomain(d, ['firstParty', i], `firstParty[${i}]`))

  const policyFile = m.policy.file
  if (policyFile !== undefined && outsideRepository(policyFile))
    at(
      ['policy', 'file'],
      'policy.file',
      `policy file ${quote(policyFile)} is outside the repository`,
      () => 'name the policy text by its path in the repository, e.g. docs/privacy-policy.md',
    )
  const checkGlobs = (globs: readonly string[], path: string[]): void =>
    globs.forEach((glob, i) => {
      const problem = outsideRepository(glob)
        ? 'points outside the repository (paths are relative to it, without ..)'
        : globProblem(glob)
      if (problem) at([...path, i], `${path.join('.')}[${i}]`, `glob ${quote(glob)} ${problem}`)
    })
  checkGlobs(m.ignore.paths, ['ignore', 'paths'])
  checkGlobs(m.scope?.product ?? [], ['scope', 'product'])
  checkGlobs(m.scope?.outside ?? [], ['scope', 'outside'])
  const seenData = new Map<string, number>()
  m.data.forEach((e, i) => {
    checkCategory(e.category, ['data', i, 'category'], `data[${i}].category`)
    e.purposes?.forEach((p, j) => {
      if (!rules.purposes.has(p) && !isCustomKey(p))
        at(['data', i, 'purposes', j], `data[${i}].purposes[${j}]`, `unknown purpose ${quote(p)}`, () =>
          suggestion(p, purposes, 'purposes'),
        )
    })
    const prev = seenData.get(e.category)
    if (prev !== undefined)
      at(
        ['data', i, 'category'],
        `data[${i}].category`,
        `duplicate entry for ${quote(e.category)} (first at line ${prev})`,
        () => 'merge the two entries',
      )
    else seenData.set(e.category, e.line)
  })
  const seenCookies = new Map<string, number>()
  m.cookies.forEach((e, i) => {
    if (e.vendor !== undefined) checkVendor(e.vendor, ['cookies', i, 'vendor'], `cookies[${i}].vendor`)
    // Names are globs (`_ga_*`): one the comparison could not compile is reported here, located.
    const nameProblem = e.name !== undefined ? globProblem(e.name) : undefined
    if (nameProblem)
      at(['cookies', i, 'name'], `cookies[${i}].name`, `cookie name ${quote(e.name!)} ${nameProblem}`)
    const k = `${e.name ?? ''}\0${e.name ? '' : (e.purpose ?? '')}\0${e.name ? '' : (e.vendor ?? '')}`
    const prev = seenCookies.get(k)
    if (prev !== undefined)
      at(
        ['cookies', i],
        `cookies[${i}]`,
        `duplicate cookie entry (first at line ${prev})`,
        () => 'merge the two entries',
      )
    else seenCookies.set(k, e.line)
  })
  const seenRecipients = new Map<string, number>()
  for (const section of ['analytics', 'processors'] as const) {
    m[section].forEach((e, i) => {
      if (e.vendor !== undefined) checkVendor(e.vendor, [section, i, 'vendor'], `${section}[${i}].vendor`)
      if (e.domain !== undefined) checkDomain(e.domain, [section, i, 'domain'], `${section}[${i}].domain`)
      if (e.category !== undefined && !rules.vendorCategories.has(e.category))
        at(
          [section, i, 'category'],
          `${section}[${i}].category`,
          `unknown recipient category ${quote(e.category)}`,
          () => suggestion(e.category!, vendorCategories, 'vendor-categories'),
        )
      e.data?.forEach((d, j) => checkCategory(d, [section, i, 'data', j], `${section}[${i}].data[${j}]`))
      const [kind, value] = e.vendor
        ? ['vendor', e.vendor]
        : e.domain
          ? ['domain', e.domain.toLowerCase()]
          : ['category', e.category ?? '']
      const k = `${kind}:${value}`
      const prev = seenRecipients.get(k)
      if (prev !== undefined)
        at(
          [section, i],
          `${section}[${i}]`,
          `duplicate entry for ${kind} ${quote(value)} (first at line ${prev})`,
          () => 'keep one entry per vendor across analytics and processors',
        )
      else seenRecipients.set(k, e.line)
    })
  }
  m.logs?.data.forEach((d, j) => checkCategory(d, ['logs', 'data', j], `logs.data[${j}]`))
  return problems
}
