import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { Draft } from '../../src/policy/from-policy.js'

/** The expectations a human wrote for one policy (fixtures/policies/expected/<file>.yml). */
export interface Expected {
  data: { key: string; line: number }[]
  recipients: {
    vendors: { id: string; line: number }[]
    named: { name: string; line: number }[]
    categories: { key: string; line: number }[]
  }
  cookies: { purpose: string; line: number }[]
  retention: number[]
}

export const POLICIES_DIR = 'fixtures/policies'
export const POLICY_FILES = [
  '000_34b2e5975060f97c.txt',
  '001_37fe32bc01f355cc.txt',
  '003_6a21a1b6ad22250c.txt',
]

/** Reads the hand-written expectations for a policy file. */
export function readExpected(file: string): Expected {
  const raw = parse(
    readFileSync(join(POLICIES_DIR, 'expected', file.replace(/\.txt$/, '.yml')), 'utf8'),
  ) as Expected
  return {
    data: raw.data ?? [],
    recipients: {
      vendors: raw.recipients?.vendors ?? [],
      named: raw.recipients?.named ?? [],
      categories: raw.recipients?.categories ?? [],
    },
    cookies: raw.cookies ?? [],
    retention: raw.retention ?? [],
  }
}

/** Items as comparable strings, per kind. */
export function expectedItems(e: Expected): Record<Kind, Set<string>> {
  return {
    data: new Set(e.data.map((d) => d.key)),
    recipients: new Set([
      ...e.recipients.vendors.map((v) => `vendor:${v.id}`),
      ...e.recipients.categories.map((c) => `category:${c.key}`),
      ...e.recipients.named.map((n) => `named:${n.name}`),
    ]),
    cookies: new Set(e.cookies.map((c) => c.purpose)),
    retention: new Set(e.retention.map(String)),
  }
}

export function draftItems(d: Draft): Record<Kind, Set<string>> {
  return {
    data: new Set(d.data.map((x) => x.category)),
    recipients: new Set([
      ...d.recipients.map((r) => (r.vendor ? `vendor:${r.vendor}` : `category:${r.category}`)),
      ...d.recipients.flatMap((r) => r.names.map((n) => `named:${n.name}`)),
      ...d.unplaced.map((u) => `named:${u.name}`),
    ]),
    cookies: new Set(d.cookies.map((c) => c.purpose)),
    retention: new Set(
      [
        ...d.retention.map((r) => r.line),
        ...d.data.flatMap((x) => x.retention.map((r) => r.source.line)),
      ].map(String),
    ),
  }
}

export type Kind = 'data' | 'recipients' | 'cookies' | 'retention'
export const KINDS: Kind[] = ['data', 'recipients', 'cookies', 'retention']

export interface Score {
  tp: number
  fp: number
  fn: number
  falsePositives: string[]
  falseNegatives: string[]
}

/** True/false positives and negatives of found items against expected items. */
export function score(found: Set<string>, expected: Set<string>): Score {
  const falsePositives = [...found].filter((x) => !expected.has(x)).sort()
  const falseNegatives = [...expected].filter((x) => !found.has(x)).sort()
  return {
    tp: found.size - falsePositives.length,
    fp: falsePositives.length,
    fn: falseNegatives.length,
    falsePositives,
    falseNegatives,
  }
}

export function precision(s: Pick<Score, 'tp' | 'fp'>): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp)
}
export function recall(s: Pick<Score, 'tp' | 'fn'>): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn)
}
