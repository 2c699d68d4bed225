import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { ModuleIndex } from '../../src/scan/inventory.js'
import { importUsage } from '../../src/scan/reachability.js'
import { outsideAreas } from '../../src/scan/roles.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { createPathFilter } from '../../src/scan/files.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.repositoryRoles ?? []

/** The role `roles.ts` gives a file of a small repository, scanned whole (undefined: the product's). */
function roleOf(repo: Record<string, string>, path: string): string | undefined {
  const facts = Object.entries(repo).map(([p, code]) => scanFile(p, code, rules))
  const modules = new ModuleIndex(facts)
  const resolve = (from: string, spec: string): string | undefined => modules.resolve(from, spec)?.path
  return outsideAreas(facts, rules.repositoryRoles, {}, { resolve, usage: importUsage(facts, resolve) })(path)?.role
}

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ ...e, positive: true })),
  ...f.examples.negative.map((e) => ({ ...e, positive: false })),
])

describe('repository-roles rule examples through a whole-repository scan', () => {
  it('loads the built-in lists', () => {
    expect(rules.repositoryRoles.testLibraries.has('vitest')).toBe(true)
    expect(rules.repositoryRoles.sourceRoots.has('src')).toBe(true)
    expect(cases.filter((c) => c.positive).length).toBeGreaterThan(2)
    expect(cases.filter((c) => !c.positive).length).toBeGreaterThan(2)
  })

  it.each(cases)('$path ($positive)', ({ files: repo, path, role, positive }) => {
    expect(roleOf(repo, path)).toBe(positive ? role : undefined)
  })
})

const NAMED_LISTS = ['tooling_folders', 'docs_folders', 'served_dot_folders', 'app_frameworks'] as const
const namedCases = files.flatMap((f) =>
  NAMED_LISTS.flatMap((list) => [
    ...(f[list]?.examples.positive ?? []).map((e) => ({ ...e, label: `${list} + ${e.path} → ${e.role ?? 'product'}` })),
    ...(f[list]?.examples.negative ?? []).map((e) => ({ ...e, label: `${list} - ${e.path} → ${e.role ?? 'product'}` })),
  ]),
)

describe('named lists of repository-roles (folders, app frameworks) on their examples', () => {
  it('gives every list, with examples', () => {
    for (const list of NAMED_LISTS) expect(files.some((f) => f[list]), list).toBe(true)
    expect(rules.repositoryRoles.toolingFolders.has('scripts')).toBe(true)
    expect(rules.repositoryRoles.appFrameworks.has('next')).toBe(true)
  })

  it.each(namedCases)('$label', ({ files: repo, path, role }) => {
    expect(roleOf(repo, path)).toBe(role)
  })
})

const madeUp = files.flatMap((f) => (f.made_up_data ? [f.made_up_data] : []))
const madeUpCases = madeUp.flatMap((m) => [...m.examples.positive, ...m.examples.negative])
const listed = createPathFilter({ ruleExcludes: rules.repositoryRoles.excludes })

/** What the made-up-data lists do to a path: not listed, scanned at low confidence, or neither. */
function madeUpEffect(path: string): 'excluded' | 'lowered' | undefined {
  if (!listed(path, false)) return 'excluded'
  return rules.repositoryRoles.madeUpData(path) ? 'lowered' : undefined
}

describe('made-up data examples (repository-roles made_up_data)', () => {
  it('has examples of each effect and of neither', () => {
    expect(madeUpCases.filter((c) => c.effect === 'excluded').length).toBeGreaterThan(1)
    expect(madeUpCases.filter((c) => c.effect === 'lowered').length).toBeGreaterThan(1)
    expect(madeUpCases.filter((c) => c.effect === undefined).length).toBeGreaterThan(1)
  })

  it.each(madeUpCases)('$path → $effect', ({ path, effect }) => {
    expect(madeUpEffect(path)).toBe(effect)
  })

  it('lowers every finding of a made-up data module it scans', () => {
    const facts = scanFile('src/lib/fake-users.ts', 'export interface FakeUser { email: string; phone: string }', rules)
    expect(facts.findings.length).toBeGreaterThan(0)
    expect(facts.findings.every((f) => f.evidence.confidence === 'low')).toBe(true)
    const product = scanFile('src/lib/users.ts', 'export interface FakeUser { email: string; phone: string }', rules)
    expect(product.findings.some((f) => f.evidence.confidence !== 'low')).toBe(true)
  })
})

const declarationCases = files.flatMap((f) =>
  f.third_party_declarations
    ? [...f.third_party_declarations.examples.positive, ...f.third_party_declarations.examples.negative]
    : [],
)

describe('third-party declaration examples (repository-roles third_party_declarations)', () => {
  it('has examples that are excluded and examples that are the product', () => {
    expect(declarationCases.filter((c) => c.effect === 'excluded').length).toBeGreaterThan(1)
    expect(declarationCases.filter((c) => c.effect === undefined).length).toBeGreaterThan(1)
  })

  it.each(declarationCases)('$path → $effect', ({ path, effect }) => {
    expect(listed(path, false) ? undefined : 'excluded').toBe(effect)
  })
})
