import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import type { SubmittedSource } from '../../src/rules/schema.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const sources: readonly SubmittedSource[] = rules.submitted.sources

/** The personal-data fields a server file reads from submitted data: `category symbol`. */
function submittedReads(code: string): string[] {
  const facts = scanFile('src/server/example.ts', code, rules)
  return facts.findings
    .filter((f) => f.kind === 'personalData' && (f.evidence.how === 'request' || f.evidence.how === 'form-input'))
    .map((f) => `${f.key} ${f.evidence.symbol ?? ''}`)
}

const cases = sources.flatMap((s) => [
  ...s.examples.positive.map((code, i) => ({ id: s.id, code, positive: true, label: `${s.id} +${i} ${code.slice(0, 80)}` })),
  ...s.examples.negative.map((code, i) => ({ id: s.id, code, positive: false, label: `${s.id} -${i} ${code.slice(0, 80)}` })),
])

describe('submitted-data rule examples through scanFile', () => {
  it('the built-in rules define sources with examples', () => {
    expect(sources.map((s) => s.id)).toContain('web-request-payload')
  })

  it.each(cases)('$label', ({ code, positive }) => {
    const reads = submittedReads(code)
    if (positive) expect(reads, 'expected a personal-data field read from submitted data').not.toEqual([])
    else expect(reads).toEqual([])
  })
})
