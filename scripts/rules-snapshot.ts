/**
 * Writes the built-in rules, validated, beside the bundle (`dist/rules.json`): `npm run bundle` runs it after
 * esbuild. The action reads it instead of parsing every rule file on each fresh runner.
 *
 *   tsx scripts/rules-snapshot.ts <out-dir>
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLED_RULES_FILE, bundledRulesText } from '../src/rules/cache.js'
import { builtinRulesSnapshot } from '../src/rules/load.js'

const outDir = process.argv[2]
if (!outDir) {
  process.stderr.write('usage: tsx scripts/rules-snapshot.ts <out-dir>\n')
  process.exit(2)
}
const { digest, input } = builtinRulesSnapshot()
const text = bundledRulesText(digest, input)
writeFileSync(join(outDir, BUNDLED_RULES_FILE), text)
process.stdout.write(
  `${join(outDir, BUNDLED_RULES_FILE)}  ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB (rules ${digest})\n`,
)
