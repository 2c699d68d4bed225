import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runCheck, runScan } from '../../src/core/check.js'
import { workspacePackages } from '../../src/report/datamap.js'
import { escapeHtml } from '../../src/report/html/escape.js'
import { renderHtml } from '../../src/report/html/page.js'
import { writeHostileRepo } from '../browser/hostile-repo.js'
import { tempDir } from '../helpers/tmp.js'
import { driftWithFlows, inventoryWithFlows, PACKAGES } from './hand-built.js'

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64')

describe('--format html', () => {
  it('is one self-contained page: a strict CSP whose hashes allow exactly its own style and script', async () => {
    const o = await runCheck({ root: 'fixtures/demo-shop', manifest: 'privacy.yml' })
    const html = await renderHtml(o.inventory, o.drift, {
      project: 'demo-shop',
      packages: workspacePackages(o.facts),
    })
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!
    expect(csp).toMatch(/^default-src 'none'; /)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!)
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
    expect(styles).toHaveLength(1)
    expect(scripts).toHaveLength(1)
    expect(csp).toContain(`style-src 'sha256-${sha(styles[0]!)}'`)
    expect(csp).toContain(`script-src 'sha256-${sha(scripts[0]!)}'`)
    // Nothing is loaded: no src/href to anything but in-page anchors, no style attributes the CSP would block.
    expect(html).not.toMatch(/\s(?:src|srcset|action)=/)
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z]+$/)
    expect(html).not.toMatch(/\sstyle="/)
    // Stable: no timestamp unless asked, same bytes twice.
    expect(
      await renderHtml(o.inventory, o.drift, { project: 'demo-shop', packages: workspacePackages(o.facts) }),
    ).toBe(html)
    expect(html).not.toMatch(/20\d\d-\d\d-\d\d/)
    expect(await renderHtml(o.inventory, o.drift, { generatedAt: '2026-01-02 03:04 UTC' })).toContain(
      '2026-01-02 03:04 UTC',
    )
  })

  it('escapes everything from the scanned code', async () => {
    const dir = tempDir()
    writeHostileRepo(dir)
    const o = await runCheck({ root: dir })
    const html = await renderHtml(o.inventory, o.drift, {
      project: '"><script>x</script>',
      packages: workspacePackages(o.facts),
    })
    expect([...html.matchAll(/<script/g)]).toHaveLength(1)
    // The payloads survive only as text: no element they name, and every tag is well formed with only the
    // attributes we write (a quote from the code would have ended a value and started an attribute).
    expect(html).not.toMatch(/<(?:img|iframe|object|embed)\b|<svg onload/i)
    const names = new Set<string>()
    for (const tag of html.matchAll(/<([a-z][a-z0-9-]*)((?:\s[^>]*)?)\/?>/gi)) {
      const rest = tag[2]!.replace(
        /\s([a-zA-Z-:]+)(?:="[^"]*")?/g,
        (_, name: string) => (names.add(name), ''),
      )
      expect(rest.replace(/\/$/, '').trim()).toBe('')
    }
    expect([...names].filter((n) => /^on/i.test(n) || n === 'src' || n === 'srcset')).toEqual([])
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;')
    expect(html).toContain('data-key="&quot;&gt;&lt;img src=x onerror=window.__pwned=1&gt;"')
  })

  it('escapeHtml: markup and quotes become entities; control and bidi characters become visible escapes', () => {
    expect(escapeHtml(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;')
    expect(escapeHtml('a\u202eb\nc')).toBe('a\\u202eb\\u000ac')
    expect(escapeHtml('a\nb', true)).toBe('a\nb')
  })

  it('a scan (no manifest) has no drift section; a hand-built inventory with flows shows the flow legend', async () => {
    const scan = await runScan({ root: 'fixtures/demo-shop' })
    const html = await renderHtml(scan.inventory, undefined)
    expect(html).not.toContain('id="drift"')
    expect(html).not.toContain('not declared</span>')
    const flows = await renderHtml(inventoryWithFlows(), driftWithFlows(), { packages: PACKAGES })
    expect(flows).toContain('personal data the code sends to the vendor')
    expect(flows).toMatch(/class="map-edge map-edge-flow undeclared"/)
    expect(flows).toContain('data-group="logs"')
  })
})
