import type { Log, ReportingDescriptor, Result } from 'sarif'
import type { Drift, Evidence, Inventory, ItemKind } from '../model/types.js'
import { encodePath, jsonText } from './escape.js'
import { KIND_LABEL } from './labels.js'
import { TOOL } from './version.js'

const HELP_URI = 'https://github.com/privacy-drift/privacy-drift#readme'

/** SARIF 2.1.0: undeclared items as warnings (with drift), or the inventory as notes (scan only). */
export function renderSarif(inventory: Inventory, drift?: Drift): string {
  const rules = new Map<string, ReportingDescriptor>()
  const results: Result[] = []
  const push = (
    kind: ItemKind,
    key: string,
    name: string,
    evidence: Evidence[],
    level: Result.level,
    message: string,
  ): void => {
    const ruleId = `privacy-drift/${drift ? 'undeclared' : 'inventory'}-${kindSlug(kind)}`
    if (!rules.has(ruleId))
      rules.set(ruleId, {
        id: ruleId,
        shortDescription: {
          text: drift ? `Undeclared ${KIND_LABEL[kind].one}` : `${KIND_LABEL[kind].many} found in code`,
        },
        helpUri: HELP_URI,
        defaultConfiguration: { level },
        properties: { tags: ['privacy'] },
      })
    for (const e of evidence.slice(0, 20)) {
      results.push({
        ruleId,
        level,
        message: { text: `${message} (${e.rule}${e.reason ? `: ${e.reason}` : ''})` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodePath(e.path) },
              region: { startLine: e.line, startColumn: e.column },
            },
          },
        ],
        partialFingerprints: { 'privacyDrift/v1': e.fingerprint },
        properties: { kind, key, name, confidence: e.confidence, how: e.how },
      })
    }
  }
  if (drift) {
    for (const u of drift.undeclared)
      push(
        u.kind,
        u.key,
        u.name,
        u.evidence,
        'warning',
        u.kind === 'flow' ? u.name : `${KIND_LABEL[u.kind].one} "${u.key}" is not declared in privacy.yml`,
      )
  } else {
    for (const p of inventory.personalData)
      push('personalData', p.category, p.name, p.evidence, 'note', `personal data ${p.category}`)
    for (const c of inventory.cookies) push('cookie', c.name, c.name, c.evidence, 'note', `cookie ${c.name}`)
    for (const a of inventory.analytics)
      push('analytics', a.vendor, a.name, a.evidence, 'note', `analytics ${a.name}`)
    for (const p of inventory.processors)
      push('processor', p.vendor, p.name, p.evidence, 'note', `processor ${p.name}`)
    for (const f of inventory.flows)
      push(
        'flow',
        `${f.vendor} → ${f.category}`,
        f.category,
        f.evidence,
        'note',
        `${f.category} flows to ${f.vendor}`,
      )
  }
  results.sort((a, b) => {
    const la = a.locations![0]!.physicalLocation!
    const lb = b.locations![0]!.physicalLocation!
    const pa = la.artifactLocation!.uri!
    const pb = lb.artifactLocation!.uri!
    return pa < pb
      ? -1
      : pa > pb
        ? 1
        : la.region!.startLine! - lb.region!.startLine! || (a.ruleId! < b.ruleId! ? -1 : 1)
  })
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            informationUri: HELP_URI,
            rules: [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
          },
        },
        results,
      },
    ],
  }
  return jsonText(log)
}

function kindSlug(kind: ItemKind): string {
  return kind === 'personalData' ? 'personal-data' : kind
}
