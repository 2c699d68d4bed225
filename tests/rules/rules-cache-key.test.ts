import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rulesCacheKey } from '../../src/rules/cache.js'

const dir = mkdtempSync(join(tmpdir(), 'pd-cache-key-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('rulesCacheKey', () => {
  const a = { abs: join(dir, 'a.yaml'), text: 'id: a\n' }
  const b = { abs: join(dir, 'b.yaml'), text: 'id: b\n' }

  it('is the same for the same files, loaded twice', () => {
    expect(rulesCacheKey([a, b])).toBe(rulesCacheKey([a, b]))
  })

  it('misses when a rule file is edited, added or renamed', () => {
    const key = rulesCacheKey([a, b])
    expect(rulesCacheKey([a, { ...b, text: 'id: b2\n' }])).not.toBe(key)
    expect(rulesCacheKey([a, b, { abs: join(dir, 'c.yaml'), text: '' }])).not.toBe(key)
    expect(rulesCacheKey([a, { ...b, abs: join(dir, 'renamed.yaml') }])).not.toBe(key)
  })

})
