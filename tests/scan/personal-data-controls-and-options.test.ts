import { describe, expect, it } from 'vitest'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

/** The personal-data categories found in these files, each with the file it was found in (once). */
const categories = (files: Record<string, string>): string[] => {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  const found = buildInventory(facts, rules)
    .findings.filter((f) => f.kind === 'personalData')
    .map((f) => `${f.key} @ ${f.evidence.path}`)
  return [...new Set(found)].sort()
}

describe("a client's options read off a settings record", () => {
  it('leaves out a password the configuration holds, and keeps one the person gave', () => {
    const redis = [
      "import { createClient } from 'redis'",
      "import config from '../config'",
      'export const connect = () => createClient({ url: config.redis.url, password: config.redis.password })',
    ].join('\n')
    const signup = 'export const save = (password: string) => createClient({ password })'
    expect(categories({ 'server/data/redisClient.ts': redis })).toEqual([])
    expect(categories({ 'server/signup.ts': signup })).toEqual([
      'user.authorization.password @ server/signup.ts',
    ])
  })
})

describe('an organisation record', () => {
  it("reads an organisation's bank account as the organisation's, a person's as theirs", () => {
    const org =
      'export interface Organization { id: string; name: string; account_number?: string; routing_number?: string }'
    const user = 'export interface Payout { userId: string; account_number: string; routing_number: string }'
    expect(categories({ 'src/types/Organization.ts': org })).toEqual([])
    expect(categories({ 'src/types/Payout.ts': user })).toContain(
      'user.financial.bank_account @ src/types/Payout.ts',
    )
  })
})

describe('consent choices and the ids of people an event or a fediverse server knows', () => {
  it('reads an analytics consent answer and the ids of donors and followers', () => {
    const consent = [
      "import { matchedData } from 'express-validator'",
      'export const post = (req: unknown) => {',
      "  const { acceptAnalytics } = matchedData<{ acceptAnalytics: 'yes' | 'no' }>(req)",
      '  return acceptAnalytics',
      '}',
    ].join('\n')
    const ids = [
      'export interface IFollower { followId?: string; actorId?: string }',
      'export interface Donation { donor: { recurring_donor_id?: string } }',
    ].join('\n')
    expect(categories({ 'server/cookies.ts': consent, 'src/models/Event.ts': ids })).toEqual([
      'user.privacy_preferences @ server/cookies.ts',
      'user.unique_id @ src/models/Event.ts',
    ])
  })
})
