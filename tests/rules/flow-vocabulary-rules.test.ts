import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/util/errors.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'
import { FLOW_CATEGORY_LISTS, FLOW_NAME_LISTS, FLOW_SEQUENCE_LISTS, FLOW_WORD_LISTS } from '../../src/rules/flow-vocabulary.js'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { RuleSet } from '../../src/rules/ruleset.js'
import type { SinkExample } from '../../src/rules/schema.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.flowVocabulary ?? []

/** The flows the real scanner reports for one example (all confidences), with the rules given. */
function flowsOf(example: SinkExample, with_ = rules): string[] {
  const file = typeof example === 'string' ? { file: 'src/example.ts', code: example } : { file: example.file ?? 'src/example.ts', code: example.code }
  const { inventory } = buildInventory([scanFile(file.file, file.code, with_)], with_, { minConfidence: 'low' })
  return [...new Set(inventory.flows.map((f) => f.category))].sort()
}

const show = (e: SinkExample): string => (typeof e === 'string' ? e : e.code).replace(/\s+/g, ' ').slice(0, 80)

const GROUPS = ['words', 'sequences', 'categories', 'names'] as const
const lists = files.flatMap((f) =>
  GROUPS.flatMap((group) =>
    Object.entries(f[group] as Record<string, { examples: Record<'positive' | 'negative', SinkExample[]> }>).map(
      ([list, entry]) => ({ group, list, entry }),
    ),
  ),
)
const cases = lists.flatMap(({ list, entry }) => [
  ...entry.examples.positive.map((e, i) => ({ example: e, label: `${list} +${i} ${show(e)}` })),
  ...entry.examples.negative.map((e, i) => ({ example: e, label: `${list} -${i} ${show(e)}` })),
])

/** The built-in rules with one list of the flow vocabulary emptied. */
function without(group: (typeof GROUPS)[number], list: string): RuleSet {
  const input = ruleSetInput(rules)!
  const flowVocabulary = input.flowVocabulary!.map((f) => {
    const entries = f[group] as Record<string, object>
    if (!(list in entries)) return f
    const emptied = { ...entries[list], words: [], sequences: [], categories: [], heads: [], tails: [] }
    return { ...f, [group]: { ...entries, [list]: emptied } }
  })
  return new RuleSet({ ...input, flowVocabulary })
}

describe('flow-vocabulary rule examples through scanFile + buildInventory', () => {
  it('gives every list the flows reader reads, with words and examples both ways', () => {
    const given = files.flatMap((f) => [...Object.keys(f.words), ...Object.keys(f.sequences), ...Object.keys(f.categories), ...Object.keys(f.names)])
    expect([...new Set(given)].sort()).toEqual([...FLOW_WORD_LISTS, ...FLOW_SEQUENCE_LISTS, ...FLOW_CATEGORY_LISTS, ...FLOW_NAME_LISTS].sort())
    const words = rules.flowVocabulary
    expect(words.genericKeys.has('uid')).toBe(true)
    expect(words.renderers.test('renderWelcomeEmail')).toBe(true)
    expect(words.renderers.test('renderChart')).toBe(false)
    expect(words.textBuilders.test('formatMessage')).toBe(false)
    expect(words.textBuilders.test('formatUserMessage')).toBe(true)
    expect(words.carryingVerbs.test('removeNullFields')).toBe(true)
    expect(words.carryingVerbs.test('omitted')).toBe(false)
    expect('customerData'.replace(words.holderSuffix, '')).toBe('customer')
    expect(words.endsWithSessionSecret(['user', 'access', 'token'])).toBe(true)
    expect(words.endsWithSessionSecret(['id', 'token', 'data'])).toBe(false)
  })

  it.each(cases)('$label', ({ example }) => {
    expect(flowsOf(example)).toEqual([...(typeof example === 'string' ? [] : (example.flows ?? []))].sort())
  })

  // Each list's positive examples are there for its words: without them, each gives other flows.
  it.each(lists.map((l) => ({ ...l, label: `${l.list} decides its positive examples` })))('$label', ({ group, list, entry }) => {
    const emptied = without(group, list)
    for (const e of entry.examples.positive)
      expect(flowsOf(e, emptied), show(e)).not.toEqual(flowsOf(e))
  })
})

describe('a user rules folder’s flow vocabulary', () => {
  const EXAMPLES = `    examples:
      positive: [{ code: "console.log(1)" }]
      negative: [{ code: "console.log(2)" }]
`
  it('adds its words to the built-in lists', () => {
    const dir = tempDir()
    writeFiles(dir, {
      'flows/more.yaml': `kind: flow-vocabulary\nwords:\n  lookup_words:\n    means: topics\n    words: [topic]\n${EXAMPLES}`,
    })
    const words = loadRules([dir]).flowVocabulary
    expect(words.lookupWords.has('topic')).toBe(true)
    expect(words.lookupWords.has('query')).toBe(true)
  })

  it('refuses an unknown category, located', () => {
    const dir = tempDir()
    writeFiles(dir, {
      'flows/more.yaml': `kind: flow-vocabulary\ncategories:\n  account_categories:\n    means: handles\n    categories: [user.acount.handle]\n${EXAMPLES}`,
    })
    let error: unknown
    try {
      loadRules([dir])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems.map((p) => p.message)).toContain('unknown data category "user.acount.handle"')
  })
})
