import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { runCheck, type CheckOutcome } from '../../src/core/check.js'
import { buildDataMap, workspacePackages } from '../../src/report/datamap.js'
import { renderHtml } from '../../src/report/html/page.js'
import { renderMermaid } from '../../src/report/mermaid.js'
import { CHROMIUM_PATH, startBrowser, type Browser } from './browser.js'
import { writeHostileRepo } from './hostile-repo.js'

/**
 * The HTML report and the mermaid map in a real browser: Debian's Chromium driven by playwright-core. Without
 * Chromium the suite is skipped with one message; `npm run test:browser` (REQUIRE_BROWSER=1) fails instead.
 */
const required = process.env.REQUIRE_BROWSER === '1'
if (!CHROMIUM_PATH && !required)
  console.warn(
    'tests/browser skipped: Chromium not found (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH), then run `npm run test:browser`',
  )

describe.runIf(required && !CHROMIUM_PATH)('browser tests (REQUIRE_BROWSER=1)', () => {
  it('need Chromium', () => {
    expect.fail('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH')
  })
})

/** The canary every payload sets if it runs. */
const PWNED = 'window.__pwned'

const MERMAID_JS = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')

async function reportFile(
  dir: string,
  name: string,
  outcome: CheckOutcome,
  project: string,
): Promise<string> {
  const html = await renderHtml(outcome.inventory, outcome.drift, {
    project,
    manifestFile: 'privacy.yml',
    packages: workspacePackages(outcome.facts),
  })
  const file = join(dir, name)
  writeFileSync(file, html)
  return pathToFileURL(file).href
}

/** Keys of the items the inventory table shows right now. */
function visibleItems(page: Page): Promise<string[]> {
  return page.$$eval('tbody.item:not([hidden]) .item-key', (els) => els.map((e) => e.textContent ?? ''))
}

describe.skipIf(!CHROMIUM_PATH)('the HTML report in Chromium', () => {
  let browser: Browser
  let dir: string
  let demo: CheckOutcome
  let hostile: CheckOutcome
  let demoUrl: string
  let hostileUrl: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-browser-'))
    demo = await runCheck({ root: 'fixtures/demo-shop', manifest: 'privacy.yml' })
    const hostileRoot = join(dir, 'hostile')
    writeHostileRepo(hostileRoot)
    hostile = await runCheck({ root: hostileRoot })
    demoUrl = await reportFile(dir, 'demo.html', demo, 'demo-shop')
    hostileUrl = await reportFile(dir, 'hostile.html', hostile, '<script>window.__pwned=1</script>')
    browser = await startBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('opens from disk with no console errors and no network, and the map shows every vendor and category', async () => {
    const { page, watch } = await browser.open(demoUrl)
    expect(await page.locator('svg.datamap').count()).toBe(1)
    const box = await page.locator('svg.datamap').boundingBox()
    expect(box!.width).toBeGreaterThan(300)
    const keys = await page.$$eval('svg.datamap .map-node', (els) =>
      els.map((e) => `${e.getAttribute('data-group')}:${e.getAttribute('data-key')}`),
    )
    for (const v of demo.inventory.analytics) expect(keys).toContain(`analytics:${v.vendor}`)
    for (const v of demo.inventory.processors) expect(keys).toContain(`processor:${v.vendor}`)
    for (const p of demo.inventory.personalData) expect(keys).toContain(`personalData:${p.category}`)
    for (const c of demo.inventory.cookies) expect(keys).toContain(`cookie:${c.name}`)
    // The undeclared vendors are marked on the map.
    const marked = await page.$$eval('svg.datamap .map-node.undeclared', (els) =>
      els.map((e) => e.getAttribute('data-key')),
    )
    for (const u of demo.drift.undeclared.filter((x) => x.kind === 'analytics' || x.kind === 'processor'))
      expect(marked).toContain(u.key)
    expect(watch).toEqual({ errors: [], dialogs: [], requests: [] })
    await page.close()
  })

  it('filters by kind, confidence and part, and searches', async () => {
    const { page, watch } = await browser.open(demoUrl)
    const inv = demo.inventory
    const all = inv.personalData.length + inv.cookies.length + inv.analytics.length + inv.processors.length
    expect(await page.textContent('#shown')).toBe(`${all} of ${all} items`)

    for (const kind of ['personalData', 'analytics', 'processor'])
      await page.uncheck(`input[name=kind][value=${kind}]`)
    expect((await visibleItems(page)).sort()).toEqual(inv.cookies.map((c) => c.name).sort())
    expect(await page.textContent('#shown')).toBe(`${inv.cookies.length} of ${all} items`)
    for (const kind of ['personalData', 'analytics', 'processor'])
      await page.check(`input[name=kind][value=${kind}]`)

    await page.selectOption('select[name=confidence]', 'high')
    const withHigh = [
      ...inv.personalData.map((p) => ({ key: p.category, ev: p.evidence })),
      ...inv.cookies.map((c) => ({ key: c.name, ev: c.evidence })),
      ...[...inv.analytics, ...inv.processors].map((v) => ({ key: v.vendor, ev: v.evidence })),
    ]
    expect((await visibleItems(page)).sort()).toEqual(
      withHigh
        .filter((i) => i.ev.some((e) => e.confidence === 'high'))
        .map((i) => i.key)
        .sort(),
    )
    expect(
      await page.$$eval('tr.ev:not([hidden])', (rows) =>
        rows.every((r) => r.getAttribute('data-confidence') === 'high'),
      ),
    ).toBe(true)
    await page.selectOption('select[name=confidence]', 'low')

    await page.selectOption('select[name=part]', 'prisma/')
    expect((await visibleItems(page)).sort()).toEqual(
      withHigh
        .filter((i) => i.ev.some((e) => e.path.startsWith('prisma/')))
        .map((i) => i.key)
        .sort(),
    )
    await page.selectOption('select[name=part]', '')

    await page.fill('input[name=q]', 'PHONE')
    const found = await visibleItems(page)
    expect(found).toContain('user.contact.phone_number')
    expect(found.length).toBeLessThan(all)
    expect(
      await page.$$eval('tbody.item:not([hidden])', (els) =>
        els.every((e) => (e.textContent ?? '').toLowerCase().includes('phone')),
      ),
    ).toBe(true)
    await page.fill('input[name=q]', 'no-such-thing-anywhere')
    expect(await visibleItems(page)).toEqual([])

    // A click on a vendor in the map filters the inventory to it.
    await page.click('svg.datamap .map-node[data-key=stripe]')
    expect(await page.inputValue('input[name=q]')).toBe('stripe')
    expect(await visibleItems(page)).toContain('stripe')
    expect(watch.errors).toEqual([])
    await page.close()
  })

  it('runs nothing from hostile names: file, package, field, input and cookie names stay text', async () => {
    const { page, watch } = await browser.open(hostileUrl)
    await page.click('svg.datamap .map-node[data-group=part]').catch(() => undefined)
    await page.fill('input[name=q]', '<script>')
    expect(await page.evaluate(PWNED)).toBeUndefined()
    expect(watch).toEqual({ errors: [], dialogs: [], requests: [] })
    // Our one script, no injected elements, and the payloads visible as text.
    expect(await page.locator('script').count()).toBe(1)
    expect(await page.locator('img, iframe, object, embed, a[href^="javascript"]').count()).toBe(0)
    expect(await page.locator('svg [onload], [onerror]').count()).toBe(0)
    const text = (await page.textContent('body')) ?? ''
    for (const c of hostile.inventory.cookies.filter((x) => x.name.includes('pwned')))
      expect(text).toContain(c.name)
    expect(hostile.inventory.cookies.filter((x) => x.name.includes('pwned')).length).toBe(3)
    expect(await page.title()).toContain('<script>')
    const mapKeys = await page.$$eval('svg.datamap .map-node', (els) =>
      els.map((e) => e.getAttribute('data-key')),
    )
    expect(mapKeys).toContain('<script>window.__pwned=1</script>')
    expect(mapKeys).toContain('stripe')
    await page.close()
  })

  /** Renders a mermaid map the way GitHub does (mermaid, securityLevel strict); returns the SVG's text. */
  async function renderWithMermaid(
    source: string,
  ): Promise<{ text: string; pwned: unknown; errors: string[]; dialogs: string[] }> {
    const { page, watch } = await browser.open('about:blank')
    await page.addScriptTag({ path: MERMAID_JS })
    // Page code as strings: the test's tsconfig has no DOM types.
    const text = await page.evaluate<string>(`(async () => {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })
      const { svg } = await mermaid.render('datamap', ${JSON.stringify(source)})
      document.body.innerHTML = svg
      return document.body.textContent
    })()`)
    const pwned = await page.evaluate(PWNED)
    await page.close()
    return { text, pwned, errors: watch.errors, dialogs: watch.dialogs }
  }

  it('the mermaid map parses and renders in mermaid (as GitHub does), with every vendor', async () => {
    const map = buildDataMap(demo.inventory, demo.drift, { packages: workspacePackages(demo.facts) })
    const out = await renderWithMermaid(renderMermaid(map))
    expect(out.errors).toEqual([])
    for (const v of [...demo.inventory.analytics, ...demo.inventory.processors])
      expect(out.text).toContain(v.name)
    for (const p of demo.inventory.personalData) expect(out.text).toContain(p.category)
  })

  it('hostile labels render as text in mermaid: nothing runs, nothing breaks the diagram', async () => {
    const map = buildDataMap(hostile.inventory, hostile.drift, { packages: workspacePackages(hostile.facts) })
    const out = await renderWithMermaid(renderMermaid(map))
    expect(out.errors).toEqual([])
    expect(out.dialogs).toEqual([])
    expect(out.pwned).toBeUndefined()
    expect(out.text).toContain('Stripe')
    expect(out.text).toContain('javascript:window.__pwned=1')
  })
})
