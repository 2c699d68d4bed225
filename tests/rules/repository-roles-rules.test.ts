import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { ModuleIndex } from '../../src/scan/inventory.js'
import { importUsage } from '../../src/scan/reachability.js'
import { outsideAreas } from '../../src/scan/roles.js'
import { scanFile } from '../../src/scan/scan-file.js'

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
