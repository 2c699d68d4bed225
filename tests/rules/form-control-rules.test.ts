import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.formControls ?? []

/** The symbols of personal-data fields a file's form controls name. */
function controls(file: string, code: string): string[] {
  return scanFile(file, code, rules)
    .findings.filter((f) => f.kind === 'personalData' && f.evidence.how === 'form-input')
    .map((f) => f.evidence.symbol ?? '')
}

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ ...e, positive: true })),
  ...f.examples.negative.map((e) => ({ ...e, positive: false })),
])

describe('form-control rule examples through scanFile', () => {
  it('loads the built-in form-control rules', () => {
    expect(cases.length).toBeGreaterThan(6)
    expect(rules.formControls.modules.has('@angular/forms')).toBe(true)
  })

  it.each(cases)('$file: $field ($positive)', ({ file, code, field, positive }) => {
    const found = controls(file, code).filter((s) => s.includes(field))
    if (positive) expect(found).not.toEqual([])
    else expect(found).toEqual([])
  })
})
