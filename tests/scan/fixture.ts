import { join } from 'node:path'
import type { Confidence, Evidence, Finding, ItemKind } from '../../src/model/types.js'
import { loadRules } from '../../src/rules/load.js'
import { scanRepository, type ScanResult } from '../../src/scan/scan-repository.js'

export const rules = loadRules()

const cache = new Map<string, Promise<ScanResult>>()

/** Scans fixtures/detectors/<name> with the real discovery, detectors and link step (cached per name and level). */
export function scanFixture(name: string, minConfidence: Confidence = 'medium'): Promise<ScanResult> {
  const key = `${name}\0${minConfidence}`
  let hit = cache.get(key)
  if (!hit) {
    hit = scanRepository(join(import.meta.dirname, '../../fixtures/detectors', name), {
      rules,
      minConfidence,
    })
    cache.set(key, hit)
  }
  return hit
}

/** `key @ path:symbol` for every finding of a kind: readable in assertion diffs. */
export function found(findings: readonly Finding[], kind: ItemKind): string[] {
  return findings
    .filter((f) => f.kind === kind)
    .map((f) => `${f.key} @ ${f.evidence.path}:${f.evidence.symbol ?? ''}`)
    .sort()
}

/** The personal-data findings of one symbol (`User.email`) as categories. */
export function categoriesOf(findings: readonly Finding[], symbol: string): string[] {
  return [
    ...new Set(
      findings.filter((f) => f.kind === 'personalData' && f.evidence.symbol === symbol).map((f) => f.key),
    ),
  ].sort()
}

/** Symbols with personal-data findings, for negative checks. */
export function personalSymbols(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.kind === 'personalData').map((f) => f.evidence.symbol ?? ''))
}

/** Every vendor evidence of fixtures/detectors/<name> that `keep` accepts, as `vendor confidence @ path:line`, sorted. */
export async function vendorEvidence(
  name: string,
  minConfidence: Confidence = 'medium',
  keep: (e: Evidence) => boolean = () => true,
): Promise<string[]> {
  const { inventory } = await scanFixture(name, minConfidence)
  return [...inventory.analytics, ...inventory.processors]
    .flatMap((v) => v.evidence.filter(keep).map((e) => `${v.vendor} ${e.confidence} @ ${e.path}:${e.line}`))
    .sort()
}
