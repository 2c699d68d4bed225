import { describe, expect, it } from 'vitest'
import {
  KINDS,
  renderAccuracy,
  runAccuracy,
  scoreCase,
  THRESHOLDS,
  type AccuracyReport,
} from '../../scripts/accuracy.js'
import { inventory } from './inventory.js'

describe('accuracy on fixtures/accuracy (hand-written expectations)', () => {
  let report: AccuracyReport
  it('scans every case', async () => {
    report = await runAccuracy()
    expect(report.cases.map((c) => c.name)).toEqual([
      'express-templates',
      'monorepo',
      'nestjs-typeorm',
      'nextjs-app-router',
      'no-third-parties',
      'traps',
    ])
  })

  it.each(KINDS)(`%s: precision ≥ ${THRESHOLDS.precision} and recall ≥ ${THRESHOLDS.recall}`, (kind) => {
    const t = report.totals[kind]
    expect(t.precision, renderAccuracy(report)).toBeGreaterThanOrEqual(THRESHOLDS.precision)
    expect(t.recall, renderAccuracy(report)).toBeGreaterThanOrEqual(THRESHOLDS.recall)
  })

  it('reports no third party in the negative case and no trap field anywhere', () => {
    const negative = report.cases.find((c) => c.name === 'no-third-parties')!
    expect(negative.perKind.analytics.fp + negative.perKind.processor.fp).toBe(0)
    expect(report.cases.flatMap((c) => c.trapHits)).toEqual([])
    const traps = report.cases.find((c) => c.name === 'traps')!
    expect(KINDS.map((k) => traps.perKind[k].falsePositives).flat()).toEqual([])
  })

  it('lists declared-but-unused vendor packages as expected', () => {
    for (const c of report.cases) expect(c.unused.found, c.name).toEqual(c.unused.expected)
  })
})

describe('scoring', () => {
  it('counts false positives, misses and trap hits', () => {
    const inv = inventory({
      personalData: [
        { category: 'user.contact.email', name: 'Email', special: false, evidence: [] },
        { category: 'user.name', name: 'Name', special: false, evidence: [] },
      ],
    })
    const finding = {
      kind: 'personalData' as const,
      key: 'user.contact.email',
      evidence: {
        path: 'a.ts',
        line: 1,
        column: 1,
        symbol: 'User.emailVerified',
        rule: 'r',
        confidence: 'high' as const,
        how: 'field' as const,
        fingerprint: 'f',
      },
    }
    const r = scoreCase('x', inv, [finding], {
      personalData: ['user.contact.email', 'user.contact.phone_number'],
      cookies: [],
      analytics: [],
      processors: [],
      flows: [],
      unusedDependencies: [],
      absent: ['User.emailVerified'],
    })
    expect(r.perKind.personalData).toMatchObject({
      tp: 1,
      fp: 2,
      fn: 1,
      misses: ['user.contact.phone_number'],
    })
    expect(r.perKind.personalData.falsePositives).toEqual([
      'user.name',
      'trap: user.contact.email @ User.emailVerified',
    ])
  })
})
