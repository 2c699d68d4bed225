import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { loadRules } from '../../src/rules/load.js'
import { ConfigError } from '../../src/util/errors.js'

const rules = loadRules()
const lineCount = (s: string) => s.split('\n').length

/** Anything the loader is given either loads or fails with located problems — never another error. */
function loadOrProblems(text: string): void {
  try {
    parseManifest(text, 'privacy.yml', rules)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    const problems = (e as ConfigError).problems
    expect(problems.length).toBeGreaterThan(0)
    for (const p of problems) {
      expect(p.file).toBe('privacy.yml')
      expect(p.line).toBeGreaterThanOrEqual(1)
      expect(p.line).toBeLessThanOrEqual(lineCount(text) + 1)
      expect(p.column).toBeGreaterThanOrEqual(1)
      expect(p.message.length).toBeGreaterThan(0)
    }
  }
}

const key = fc.constantFrom(
  'version',
  'data',
  'cookies',
  'processors',
  'analytics',
  'policy',
  'ignore',
  'category',
  'vendor',
  'name',
  'purpose',
  'purposes',
  'x',
  '$schema',
)
const scalar = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    'user.contact.email',
    'user.contact.emial',
    'stripe',
    'Stripe',
    'analytics',
    '~',
    'null',
    'true',
    '[]',
    '{}',
    '*a',
    '&a x',
    '"q',
    "'",
  ),
  fc.string({ maxLength: 12 }),
)
const line = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.boolean(), key, scalar)
  .map(([indent, dash, k, v]) => `${' '.repeat(indent)}${dash ? '- ' : ''}${k}: ${v}`)

describe('manifest loader (property)', () => {
  it('never throws anything but a located ConfigError on YAML-like input', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) =>
        loadOrProblems(['version: 1', ...lines].join('\n')),
      ),
      { numRuns: 1500 },
    )
  })

  it('never throws anything but a located ConfigError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), loadOrProblems), { numRuns: 1500 })
  })
})
