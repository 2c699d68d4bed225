import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.dependencyInjection ?? []

/** The symbols of the personal-data findings a file's code yields. */
function fields(file: string, code: string): string[] {
  return scanFile(file, code, rules)
    .findings.filter((f) => f.kind === 'personalData')
    .map((f) => f.evidence.symbol ?? '')
}

/** The same code without its decorators, so that the class is a plain one. */
const undecorated = (code: string): string => code.replace(/^@\w+\(.*\)$/gm, '')

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ ...e, positive: true })),
  ...f.examples.negative.map((e) => ({ ...e, positive: false })),
])

describe('dependency-injection rule examples through scanFile', () => {
  it('loads the built-in frameworks', () => {
    expect(cases.length).toBeGreaterThan(3)
    expect(rules.injectedClasses.injects('Component')).toBe(true)
    expect(rules.injectedClasses.injects('Entity')).toBe(false)
  })

  it.each(cases)('$file: $field ($positive)', ({ file, code, field, positive }) => {
    const found = fields(file, code).filter((s) => s.endsWith(`.${field}`))
    if (positive) {
      expect(found).toEqual([])
      // The decorator is what keeps it out: in a plain class the same parameter is a field.
      expect(fields(file, undecorated(code)).filter((s) => s.endsWith(`.${field}`))).not.toEqual([])
    } else expect(found).not.toEqual([])
  })
})
