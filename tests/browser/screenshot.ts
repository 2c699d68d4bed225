// The README's pictures of the HTML report: the demo shop's report in Chromium — the top of the page (summary and
// drift), and the data map.
//
//   npx tsx tests/browser/screenshot.ts [docs/images/html-report.png] [docs/images/html-report-map.png]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runCheck } from '../../src/core/check.js'
import { workspacePackages } from '../../src/report/datamap.js'
import { renderHtml } from '../../src/report/html/page.js'
import { startBrowser } from './browser.js'

const out = process.argv[2] ?? 'docs/images/html-report.png'
const mapOut = process.argv[3] ?? 'docs/images/html-report-map.png'

const dir = mkdtempSync(join(tmpdir(), 'pd-shot-'))
const o = await runCheck({ root: 'fixtures/demo-shop', manifest: 'privacy.yml' })
const file = join(dir, 'report.html')
writeFileSync(
  file,
  await renderHtml(o.inventory, o.drift, {
    project: 'demo-shop',
    manifestFile: 'privacy.yml',
    packages: workspacePackages(o.facts),
  }),
)
const browser = await startBrowser()
try {
  const { page, watch } = await browser.open(pathToFileURL(file).href)
  await page.setViewportSize({ width: 1180, height: 1060 })
  // What a privacy owner sees first: the summary and the drift table.
  await page.screenshot({ path: out })
  await page.locator('#map').screenshot({ path: mapOut })
  if (watch.errors.length > 0) throw new Error(watch.errors.join('\n'))
  console.log(`wrote ${out} and ${mapOut}`)
} finally {
  await browser.close()
  rmSync(dir, { recursive: true, force: true })
}
