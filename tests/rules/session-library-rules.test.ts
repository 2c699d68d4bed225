import { describe, expect, it } from 'vitest'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()
const files = ruleSetInput(rules)?.sessionLibraries ?? []

/** The cookie names the real scanner reports for one file (all confidences). */
function cookiesOf(file: string, code: string): string[] {
  const { inventory } = buildInventory([scanFile(file, code, rules)], rules, { minConfidence: 'low' })
  return inventory.cookies.map((c) => c.name)
}

const cases = files.flatMap((f) => [
  ...f.examples.positive.map((e) => ({ ...e, positive: true })),
  ...f.examples.negative.map((e) => ({ ...e, positive: false })),
])

describe('session-library rule examples through scanFile + buildInventory', () => {
  it('loads the built-in session and auth libraries', () => {
    expect(cases.length).toBeGreaterThan(10)
    expect(rules.sessionLibraries.middlewareOf('express-session')?.default).toBe('connect.sid')
    expect(rules.sessionLibraries.isAuthJsModule('@auth/sveltekit/providers/github')).toBe(true)
    expect(rules.sessionLibraries.isAuthJsModule('@auth/prisma-adapter')).toBe(false)
    expect(rules.sessionLibraries.isRemixModule('@remix-run/react')).toBe(false)
  })

  it.each(cases)('$file: $cookie ($positive)', ({ file, code, cookie, positive }) => {
    const found = cookiesOf(file, code)
    if (positive) expect(found).toContain(cookie)
    else expect(found).not.toContain(cookie)
  })
})
