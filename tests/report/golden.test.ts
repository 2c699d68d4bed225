import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/core/check.js'
import { renderJson } from '../../src/report/json.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderSarif } from '../../src/report/sarif.js'
import { renderText } from '../../src/report/text.js'
import { renderHtml } from '../../src/report/html/page.js'
import { renderCycloneDx } from '../../src/report/cyclonedx.js'
import { renderFides } from '../../src/report/fides.js'
import { renderRopa } from '../../src/report/ropa.js'
import { workspacePackages } from '../../src/report/datamap.js'

/**
 * Golden files: the demo shop's reports, byte for byte. After an intended change, regenerate them with
 * `UPDATE_GOLDEN=1 npx vitest run tests/report/golden.test.ts` and review the diff.
 */
const update = process.env.UPDATE_GOLDEN === '1'

function golden(name: string, actual: string): void {
  const path = `fixtures/golden/${name}`
  if (update) writeFileSync(path, actual)
  if (!existsSync(path)) throw new Error(`${path} is missing: run with UPDATE_GOLDEN=1 and review it`)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('golden reports for the demo shop', async () => {
  const outcome = await runCheck({ root: 'fixtures/demo-shop', manifest: 'privacy.yml' })
  const { inventory, drift } = outcome
  const packages = workspacePackages(outcome.facts)
  const exportInput = { rules: outcome.rules, manifest: outcome.manifest, project: 'demo-shop' }

  it('text', () =>
    golden(
      'demo-shop.check.txt',
      renderText(inventory, drift, { color: false, manifestFile: 'privacy.yml' }),
    ))
  it('markdown', () =>
    golden('demo-shop.check.md', renderMarkdown(inventory, drift, { manifestFile: 'privacy.yml', packages })))
  it('json', () => golden('demo-shop.check.json', renderJson(inventory, drift)))
  it('sarif', () => golden('demo-shop.check.sarif', renderSarif(inventory, drift)))
  it('html', async () =>
    golden(
      'demo-shop.check.html',
      await renderHtml(inventory, drift, { project: 'demo-shop', manifestFile: 'privacy.yml', packages }),
    ))
  it('cyclonedx', () => golden('demo-shop.check.cdx.json', renderCycloneDx(inventory, drift, exportInput)))
  it('fides', () => golden('demo-shop.check.fides.yml', renderFides(inventory, drift, exportInput)))
  it('ropa', () => golden('demo-shop.check.ropa.csv', renderRopa(inventory, drift, exportInput)))
})
