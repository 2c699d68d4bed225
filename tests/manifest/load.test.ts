import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { loadRules } from '../../src/rules/load.js'
import { ConfigError, type Problem } from '../../src/util/errors.js'

const rules = loadRules()

function problemsOf(text: string): Problem[] {
  try {
    parseManifest(text, 'privacy.yml', rules)
  } catch (e) {
    if (e instanceof ConfigError) return e.problems
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('manifest loader', () => {
  it('loads a valid manifest and remembers each entry’s line', () => {
    const m = parseManifest(
      [
        'version: 1',
        'data:',
        '  - category: user.contact.email',
        '    purposes: [essential.service.authentication]',
        'processors:',
        '  - vendor: stripe',
        '  - category: email-transactional',
        '',
      ].join('\n'),
      'privacy.yml',
      rules,
    )
    expect(m.data[0]).toMatchObject({ category: 'user.contact.email', line: 3 })
    expect(m.processors.map((p) => [p.vendor ?? p.category, p.line])).toEqual([
      ['stripe', 6],
      ['email-transactional', 7],
    ])
  })

  it('locates a YAML syntax error', () => {
    const [p] = problemsOf('version: 1\ndata:\n  - category: user.name\n   purposes: [x\n')
    expect(p!.message).toMatch(/YAML syntax error/)
    expect(p!.line).toBeGreaterThanOrEqual(3)
  })

  it('suggests the nearest category for a misspelt one, at its line and column', () => {
    const [p] = problemsOf('version: 1\ndata:\n  - category: user.contact.emial\n')
    expect(p).toMatchObject({ line: 3, column: 15, key: 'data[0].category' })
    expect(p!.message).toBe('unknown data category "user.contact.emial"')
    expect(p!.hint).toContain('did you mean "user.contact.email"?')
  })

  it('suggests the nearest key for an unknown key', () => {
    const [p] = problemsOf('version: 1\ndata:\n  - categroy: user.name\n')
    expect(p!.message).toMatch(/unknown key "categroy"/)
    expect(p!.hint).toBe('did you mean "category"?')
    expect(p!.line).toBe(3)
  })

  it('names the vendor id when a vendor is written by its display name', () => {
    const [p] = problemsOf('version: 1\nprocessors:\n  - vendor: Stripe\n')
    expect(p!.message).toBe('unknown vendor "Stripe"')
    expect(p!.hint).toContain('did you mean "stripe"?')
  })

  it('rejects unknown purposes with a suggestion', () => {
    const [p] = problemsOf(
      'version: 1\ndata:\n  - category: user.name\n    purposes: [essential.service.authentcation]\n',
    )
    expect(p!.key).toBe('data[0].purposes[0]')
    expect(p!.hint).toContain('essential.service.authentication')
  })

  it('rejects duplicate entries, pointing at the first', () => {
    const [p] = problemsOf(
      'version: 1\nprocessors:\n  - vendor: stripe\n  - vendor: posthog\n  - vendor: stripe\n',
    )
    expect(p!.line).toBe(5)
    expect(p!.message).toContain('first at line 3')
  })

  it('rejects duplicate YAML keys', () => {
    const [p] = problemsOf('version: 1\ndata: []\ndata: []\n')
    expect(p!.message).toMatch(/duplicate key/)
    expect(p!.line).toBe(3)
  })

  it('rejects wrong types and a missing version', () => {
    expect(problemsOf('version: 2\n')[0]!.key).toBe('version')
    expect(problemsOf('version: 1\ndata: user.name\n')[0]).toMatchObject({
      key: 'data',
      message: 'expected array',
    })
  })

  it('explains an empty file', () => {
    expect(problemsOf('   \n')[0]!.message).toBe('manifest is empty')
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = [
      'version: 1',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map(
        (c, i) =>
          `${c}: &${c} [${Array(9)
            .fill('*' + 'abcdefghi'[i])
            .join(',')}]`,
      ),
    ].join('\n')
    const problems = problemsOf(bomb)
    expect(problems.length).toBeGreaterThan(0)
  })

  it('refuses a very large file before parsing it', () => {
    const big = 'version: 1\ndata:\n' + '  - category: user.name\n'.repeat(250_000)
    const [p] = problemsOf(big)
    expect(p!.message).toMatch(/limit is/)
  })

  it('accepts custom x- categories', () => {
    const m = parseManifest('version: 1\ndata:\n  - category: user.x-loyalty_tier\n', 'privacy.yml', rules)
    expect(m.data[0]!.category).toBe('user.x-loyalty_tier')
  })

  it('requires exactly one of vendor or category on a recipient', () => {
    const [p] = problemsOf('version: 1\nprocessors:\n  - vendor: stripe\n    category: payments\n')
    expect(p!.message).toMatch(/exactly one of `vendor`, `category` or `domain`/)
  })
})
