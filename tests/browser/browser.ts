import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser here). `.ci/run` installs it;
 * CHROMIUM_PATH points elsewhere.
 */
export const CHROMIUM_PATH = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p))

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** What a page did that a report must never do: errors, dialogs, requests that leave file://. */
export interface PageWatch {
  errors: string[]
  dialogs: string[]
  requests: string[]
}

export interface Browser {
  context: BrowserContext
  /** Opens a URL in a fresh page that records errors, dialogs and non-file requests (which it blocks). */
  open(url: string): Promise<{ page: Page; watch: PageWatch }>
  close(): Promise<void>
}

/** Starts Chromium with a fresh user-data-dir. */
export async function startBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pd-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  })
  const pages: Page[] = []
  return {
    context,
    async open(url) {
      const watch: PageWatch = { errors: [], dialogs: [], requests: [] }
      const page = await context.newPage()
      pages.push(page)
      page.on('console', (m) => {
        if (m.type() === 'error') watch.errors.push(m.text())
      })
      page.on('pageerror', (e) => watch.errors.push(String(e)))
      page.on('dialog', (d) => {
        watch.dialogs.push(d.message())
        void d.dismiss()
      })
      await page.route('**/*', (route) => {
        const target = route.request().url()
        if (target.startsWith('file:') || target.startsWith('data:') || target === 'about:blank')
          return route.continue()
        watch.requests.push(target)
        return route.abort()
      })
      await page.goto(url)
      return { page, watch }
    },
    async close() {
      for (const p of pages) await p.close().catch(() => undefined)
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
