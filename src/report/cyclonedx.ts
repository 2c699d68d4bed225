import type { Drift, Evidence, Inventory } from '../model/types.js'
import { buildRecords, type RecordsInput } from './records.js'
import { jsonText } from './escape.js'
import { TOOL } from './version.js'

/**
 * CycloneDX 1.6 JSON for SBOM pipelines: every vendor is a `service` (provider, endpoints, the personal data it
 * receives as `data` classifications, outbound), every personal data category and cookie is a `data` component
 * with its evidence occurrences. No serial number or timestamp, so the same scan gives the same file.
 */

const PREFIX = 'privacy-drift'

interface Property {
  name: string
  value: string
}

const prop = (name: string, value: string | number | boolean | undefined): Property[] =>
  value === undefined || value === '' ? [] : [{ name: `${PREFIX}:${name}`, value: String(value) }]

function occurrences(evidence: readonly Evidence[]): object {
  return {
    occurrences: evidence.map((e) => ({
      location: e.path,
      line: e.line,
      offset: e.column,
      ...(e.symbol ? { symbol: e.symbol } : {}),
      additionalContext: `${e.rule} (${e.how}, ${e.confidence})`,
    })),
  }
}

/** The CycloneDX BOM as an object. */
export function toCycloneDx(inventory: Inventory, drift: Drift | undefined, input: RecordsInput): object {
  const records = buildRecords(inventory, drift, input)
  const app = 'app'
  const components = [
    ...records.categories.map((c, i) => ({
      type: 'data',
      'bom-ref': `data:${c.key}`,
      name: c.key,
      description: c.name,
      data: [
        {
          type: 'dataset',
          name: c.name,
          classification: c.key,
          ...(c.special ? { sensitiveData: ['special category of personal data (GDPR Art. 9/10)'] } : {}),
          ...(c.retention ? { description: `retention: ${c.retention}` } : {}),
        },
      ],
      evidence: occurrences(inventory.personalData[i]!.evidence),
      properties: [
        ...prop('kind', 'personal-data'),
        ...prop('fideslang', c.fideslang),
        ...prop('purposes', c.purposes.join(', ')),
        ...prop('declared', c.declared),
      ],
    })),
    ...records.cookies.map((c, i) => ({
      type: 'data',
      'bom-ref': `cookie:${c.name}`,
      name: c.name,
      description: `cookie${c.purpose ? ` (${c.purpose})` : ''}`,
      data: [{ type: 'other', name: c.name, classification: `cookie:${c.purpose ?? 'unknown'}` }],
      evidence: occurrences(inventory.cookies[i]!.evidence),
      properties: [
        ...prop('kind', 'cookie'),
        ...prop('vendor', c.vendor ?? undefined),
        ...prop('source', c.source),
        ...prop('duration', c.duration),
        ...prop('declared', c.declared),
      ],
    })),
  ]
  const services = records.vendors.map((v) => ({
    'bom-ref': `service:${v.id}`,
    ...(v.legalEntity || v.website
      ? {
          provider: {
            ...(v.legalEntity ? { name: v.legalEntity } : {}),
            ...(v.website ? { url: [v.website] } : {}),
          },
        }
      : {}),
    name: v.name,
    ...(v.purpose ? { description: v.purpose } : {}),
    ...(v.endpoints.length > 0 ? { endpoints: v.endpoints } : {}),
    'x-trust-boundary': true,
    data: v.dataCategories.map((category) => ({ flow: 'outbound', classification: category })),
    ...(v.privacyPolicy
      ? { externalReferences: [{ type: 'other', url: v.privacyPolicy, comment: 'privacy policy' }] }
      : {}),
    properties: [
      ...prop('kind', v.kind),
      ...prop('categories', v.categories.map((c) => c.key).join(', ')),
      ...prop('data-source', v.dataSource),
      ...prop('data-use', v.dataUse),
      ...prop('country', v.country),
      ...prop('declared', v.declared),
    ],
  }))
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      tools: { components: [{ type: 'application', name: TOOL.name, version: TOOL.version }] },
      component: { type: 'application', 'bom-ref': app, name: records.project },
      properties: [...prop('files', records.files), ...prop('flows', records.flows.length)],
    },
    components,
    services,
    dependencies: [
      { ref: app, dependsOn: [...services.map((s) => s['bom-ref']), ...components.map((c) => c['bom-ref'])] },
    ],
  }
}

/** The CycloneDX BOM as text: two-space indent, trailing newline. */
export function renderCycloneDx(inventory: Inventory, drift: Drift | undefined, input: RecordsInput): string {
  return jsonText(toCycloneDx(inventory, drift, input))
}
