import { describe, expect, it, test } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { PII_CATEGORY_LISTS, PII_DECISIONS, PII_SEQUENCE_LISTS, PII_WORD_LISTS, type VocabularyExample } from '../../src/rules/schema.js'

const rules = loadRules()
const vocabulary = rules.pii.vocabulary

const asField = (e: VocabularyExample) => (typeof e === 'string' ? { name: e } : e)
const show = (e: VocabularyExample): string => {
  const f = asField(e)
  const ctx = [
    f.container && `in ${f.container}`,
    f.kind && `(${f.kind})`,
    f.type && `: ${f.type}`,
    f.siblings && `beside ${f.siblings.join(',')}`,
    f.module && `of module ${f.module}`,
  ]
  return [f.name, ...ctx.filter(Boolean)].join(' ')
}

const cases = vocabulary.decisions.flatMap((decision) => [
  ...decision.examples.positive.map((example) => ({ decision, example, positive: true, label: `${decision.id} + ${show(example)}` })),
  ...decision.examples.negative.map((example) => ({ decision, example, positive: false, label: `${decision.id} - ${show(example)}` })),
])

describe('the decisions of rules/pii/vocabulary.yaml, on their examples', () => {
  test.each(cases)('$label', ({ decision, example, positive }) => {
    const { name, container, kind, type, siblings, module, category } = asField(example) as ReturnType<typeof asField> & { category?: string }
    const result = rules.pii.evaluate(name, { container, kind, type, siblings, module })
    const why = result.match
      ? `${result.match.category} by ${result.match.rule.id}: ${result.match.reason}`
      : result.rejected.map((r) => `${r.rule.id} [${r.decision}]: ${r.reason}`).join('; ') || `no rule matches tokens ${result.tokens.join(' ')}`
    if (positive) {
      expect(category, 'a positive example names the category it must be').toBeDefined()
      expect(result.match?.category, why).toBe(category)
      return
    }
    if (category) expect(result.match?.category, why).not.toBe(category)
    else expect(result.match, why).toBeNull()
    // The example is there because of this decision: it must be among the reasons the field was rejected.
    expect(result.rejected.map((r) => r.decision), why).toContain(decision.id)
  })
})

describe('the vocabulary', () => {
  it('describes every decision the classifier makes, once', () => {
    expect(vocabulary.decisions.map((d) => d.id).sort()).toEqual([...PII_DECISIONS].sort())
  })

  it('defines every list the classifier reads, without duplicate words', () => {
    for (const k of PII_WORD_LISTS) expect(vocabulary.words[k].length, k).toBeGreaterThan(0)
    for (const k of PII_CATEGORY_LISTS) expect(vocabulary.categories[k].length, k).toBeGreaterThan(0)
    for (const k of PII_SEQUENCE_LISTS) expect(vocabulary.sequences[k].length, k).toBeGreaterThan(0)
  })

  it('gives every decision at least two positive and two negative examples', () => {
    const thin = vocabulary.decisions.filter((d) => d.examples.positive.length < 2 || d.examples.negative.length < 2).map((d) => d.id)
    expect(thin).toEqual([])
  })

  it('names only existing categories in its examples', () => {
    const bad = vocabulary.decisions.flatMap((d) =>
      [...d.examples.positive, ...d.examples.negative]
        .map(asField)
        .filter((e) => 'category' in e && e.category !== undefined && !rules.categories.has(e.category))
        .map((e) => `${d.id}: ${e.name}`),
    )
    expect(bad).toEqual([])
  })
})
