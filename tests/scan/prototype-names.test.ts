import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { found, scanFixture } from './fixture.js'

// Names from scanned code are keys of the facts records: `toString`, `constructor`, `valueOf`, `hasOwnProperty` and
// `__proto__` must be ordinary names there, not what Object.prototype answers (a function named `toString` once
// crashed the flow linker on a real monorepo).
describe('names that are also Object.prototype members (fixtures/detectors/prototype-names)', () => {
  it('scans, links flows through them, and resolves exported cookie-name constants named like them', async () => {
    const { inventory, findings } = await scanFixture('prototype-names')
    expect(inventory.flows.map((f) => `${f.vendor} → ${f.category}`)).toEqual([
      'posthog → user.contact.email',
      'posthog → user.unique_id',
    ])
    expect(found(findings, 'cookie')).toEqual([
      'pd_proto @ src/signup.ts:Cookies.set',
      'theme @ src/signup.ts:Cookies.set',
    ])
  })

  it('explain does not take `constructor` for a built-in rule', async () => {
    const r = await runCli(['explain', 'constructor'])
    expect(r.code).toBe(2)
    expect(r.stdout).not.toContain('native code')
    expect(r.stderr).toContain('nothing is known as "constructor"')
  })
})
