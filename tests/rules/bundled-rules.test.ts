import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUNDLED_RULES_FILE, builtinRulesDigest } from '../../src/rules/cache.js'
import { builtinRulesSnapshot } from '../../src/rules/load.js'

const PROJECT = join(import.meta.dirname, '..', '..')

describe('the bundled rules snapshot (dist/rules.json)', () => {
  it('is the validated data of exactly the rule files in rules/ (dist/ is fresh)', () => {
    const shipped = JSON.parse(readFileSync(join(PROJECT, 'dist', BUNDLED_RULES_FILE), 'utf8')) as {
      key: string
      input: unknown
    }
    const { digest, input } = builtinRulesSnapshot()
    expect(shipped.key).toBe(digest)
    // As JSON: the snapshot is JSON, so a field left undefined is absent in it.
    expect(shipped.input).toEqual(JSON.parse(JSON.stringify(input)))
  })

  it('is keyed by the rule files relative to their folder: the same on any machine, different for any edit', () => {
    const files = (dir: string, text = 'id: acme\n') => [
      { abs: join(dir, 'taxonomy', 'data-categories.yaml'), text: 'categories: []\n' },
      { abs: join(dir, 'vendors', 'acme.yaml'), text },
    ]
    const here = builtinRulesDigest('/opt/a/rules', files('/opt/a/rules'))
    expect(builtinRulesDigest('/home/runner/work/_actions/x/rules', files('/home/runner/work/_actions/x/rules'))).toBe(
      here,
    )
    expect(builtinRulesDigest('/opt/a/rules', files('/opt/a/rules', 'id: acme2\n'))).not.toBe(here)
    const renamed = files('/opt/a/rules').map((f) => ({ ...f, abs: f.abs.replace('acme', 'acme-corp') }))
    expect(builtinRulesDigest('/opt/a/rules', renamed)).not.toBe(here)
  })
})
