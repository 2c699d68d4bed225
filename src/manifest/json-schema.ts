import { z } from 'zod'
import { loadRules } from '../rules/load.js'
import { manifestSchema } from './schema.js'

type Json = Record<string, unknown>

/** A bare domain name (the loader checks that it is a registrable one). */
const DOMAIN = '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$'

/** The manifest's JSON Schema, with known categories, purposes, vendors and recipient categories as suggestions. */
export function buildManifestJsonSchema(): Json {
  const rules = loadRules()
  const schema = z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any' }) as Json
  const categories = [...rules.categories.keys()].sort()
  const purposes = [...rules.purposes.keys()].sort()
  const vendors = [...rules.vendors.keys()].sort()
  const recipientCategories = [...rules.vendorCategories.keys()].sort()
  // Known values are offered for completion; custom `x-` keys stay valid.
  const suggest = (values: string[], description?: string): Json => ({
    type: 'string',
    ...(description ? { description } : {}),
    anyOf: [{ enum: values }, { pattern: '(^|\\.)x[-_]' }],
  })
  const props = schema.properties as Record<string, Json>
  const items = (key: string): Record<string, Json> =>
    (props[key]!.items as Json).properties as Record<string, Json>
  const data = items('data')
  data.category = suggest(categories, data.category?.description as string)
  data.purposes = { ...data.purposes, items: suggest(purposes) }
  for (const section of ['analytics', 'processors']) {
    const p = items(section)
    p.vendor = { type: 'string', description: p.vendor?.description, enum: vendors }
    p.category = { type: 'string', description: p.category?.description, enum: recipientCategories }
    p.data = { ...p.data, items: suggest(categories) }
    p.domain = { ...p.domain, pattern: DOMAIN }
  }
  props.firstParty = { ...props.firstParty, items: { type: 'string', pattern: DOMAIN } }
  const cookies = items('cookies')
  cookies.vendor = { type: 'string', description: cookies.vendor?.description, enum: vendors }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://raw.githubusercontent.com/privacy-drift/privacy-drift/main/schema/privacy.schema.json',
    title: 'privacy-drift manifest (privacy.yml)',
    ...schema,
  }
}
