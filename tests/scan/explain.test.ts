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
    expect(out).toContain('field: email in User (type string)')
    expect(out).toContain('matched pii.contact.email → user.contact.email')
    expect(out).toMatch(/siblings: id, email, emailVerified/)
  })

  it('explains a flow by its fingerprint: the path from the value to the sink, across the helper hop', async () => {
    const { findings } = await scanFixture('flows')
    const f = findings.find(
      (x) => x.kind === 'flow' && x.key === 'posthog → user.contact.email' && x.evidence.line === 8,
    )!
    const out = await runExplain(
      f.evidence.fingerprint,
      flags(join(import.meta.dirname, '../../fixtures/detectors/flows')),
    )
    expect(out).toContain(`${f.evidence.fingerprint}  flow posthog → user.contact.email`)
    expect(out).toContain(
      [
        '  flow: user.contact.email reaches posthog, by this path:',
        "      src/app/signup.ts:5: const email = String(form.get('email')).trim()",
        "    → src/app/signup.ts:8: track(userId, 'signed_up', { email, admin: isAdmin })",
        '    → src/lib/analytics.ts:7: posthog.capture({ distinctId, event, properties })',
        '  sink: vendor.posthog.sinks (the sink calls are listed in rules/vendors/posthog.yaml)',
      ].join('\n'),
    )
  })

  it('explains why a line produced nothing (near-misses with their reasons)', async () => {
    const out = await runExplain('src/config/server.ts:4', flags())
    expect(out).toContain('field ServerConfig.bindIp')
    expect(out).toContain('not personal data')
    expect(out).toMatch(/near miss pii\.device\.ip_address: .*bind/)
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
