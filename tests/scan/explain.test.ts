import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runExplain } from '../../src/cli/explain.js'
import { scanFixture } from './fixture.js'

const TRAPS = join(import.meta.dirname, '../../fixtures/accuracy/traps')
const flags = (dir = TRAPS) => ({ dir, rules: [] as string[] })

describe('explain', () => {
  it('explains a fingerprint with the classifier’s exact context: container, type, siblings and near-misses', async () => {
    const { findings } = await scanFixture('interfaces')
    const f = findings.find((x) => x.evidence.symbol === 'User.email')!
    const out = await runExplain(
      f.evidence.fingerprint,
      flags(join(import.meta.dirname, '../../fixtures/detectors/interfaces')),
    )
    expect(out).toContain('rule: pii.contact.email')
    expect(out).toContain('field: email in User [type] (type string)')
    expect(out).toContain('matched pii.contact.email → user.contact.email')
    expect(out).toMatch(/siblings: id, email, emailVerified/)
  })

  it('explains why a line produced nothing (near-misses with their reasons)', async () => {
    const out = await runExplain('src/config/server.ts:4', flags())
    expect(out).toContain('field ServerConfig.bindIp')
    expect(out).toContain('not personal data')
    expect(out).toMatch(/near miss pii\.device\.ip_address \[rule-exclusion\]: .*bind/)
  })

  it('explains built-in signal and cookie-API rules', async () => {
    expect(await runExplain('signal.request.ip', flags())).toContain('req.ip')
    expect(await runExplain('signal.decorator.IsEmail', flags())).toContain('@IsEmail()')
    expect(await runExplain('cookie-api.express-session', flags())).toContain('express-session')
  })

  it('explains a signal finding by its fingerprint', async () => {
    const { findings } = await scanFixture('request')
    const f = findings.find((x) => x.evidence.rule === 'signal.request.ip-header')!
    const out = await runExplain(
      f.evidence.fingerprint,
      flags(join(import.meta.dirname, '../../fixtures/detectors/request')),
    )
    expect(out).toContain('fires on: a read of a client-IP header')
  })
})
