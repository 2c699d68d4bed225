/**
 * Writes schema/privacy.schema.json — the JSON Schema editors use to complete and check privacy.yml —
 * from the zod manifest schema, with the taxonomy keys as completion values.
 * `npm run schema` writes it; the test suite fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildManifestJsonSchema } from '../src/manifest/json-schema.js'

const target = fileURLToPath(new URL('../schema/privacy.schema.json', import.meta.url))
writeFileSync(target, JSON.stringify(buildManifestJsonSchema(), null, 2) + '\n')
console.log(`wrote ${target}`)
