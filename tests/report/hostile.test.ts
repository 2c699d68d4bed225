import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/core/check.js'
import { blobUrl, renderMarkdown } from '../../src/report/markdown.js'
import { renderSarif } from '../../src/report/sarif.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

/** A pull request that tries to turn the bot's report into a phishing or spam vehicle. */
function hostileRepo(): string {
  const dir = tempDir()
  // Cookie names stop at '=' and cannot hold spaces, so the payload packs everything else in.
  const evilCookie =
    '<img/src/onerror=alert(1)>'.replace('=', '') +
    '[win](https:⁄⁄evil.example)@octocat#1<!--privacy-drift:v1-->'
  writeFiles(dir, {
    'privacy.yml': 'version: 1\n',
    'src/@octocat [click](https:⁄⁄evil.example) #42 `x`.ts': [
      'export interface Customer {',
      '  email: string',
      '}',
      `document.cookie = ${JSON.stringify(evilCookie + '=1')}`,
      "document.cookie = '@everyone-please-review=1'",
      "import posthog from 'posthog-js'",
      '// <script>alert("comment")</script> [phish](https://evil.example) @admin',
    ].join('\n'),
  })
  return dir
}

/** The markdown with code spans and fenced blocks removed: what GitHub renders as markup. */
function outsideCode(md: string): string {
  return md.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/`[^`\n]*`/g, '')
}

describe('hostile pull requests are rendered inert', () => {
  it('markdown: no HTML, links, mentions, references or fake markers from scanned code', async () => {
    const dir = hostileRepo()
    const outcome = await runCheck({ root: dir })
    expect(outcome.drift.undeclared.map((u) => u.kind)).toEqual(
      expect.arrayContaining(['personalData', 'cookie', 'analytics']),
    )
    const md = renderMarkdown(outcome.inventory, outcome.drift, {
      link: (e) => blobUrl('https://github.com', 'o/r', 'abc', e.path, e.line),
    })
    // Mentions and references are linked in the rendered text, so judge them with entities decoded.
    const text = outsideCode(md).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    expect(outcome.drift.undeclared.some((u) => u.kind === 'cookie' && u.key.includes('@octocat'))).toBe(true)
    expect(outsideCode(md)).not.toMatch(/<img|<script|<!-- ?privacy-drift/i)
    expect(text).not.toMatch(/\]\(https:\/\/evil/)
    expect(text).not.toMatch(/@(octocat|everyone|admin)/)
    expect(text).not.toMatch(/#\d/)
    // Our own links are the only links, and they are URL-encoded.
    for (const m of outsideCode(md).matchAll(/\]\(([^)]*)\)/g))
      expect(m[1]).toMatch(/^https:\/\/github\.com\/o\/r\/blob\/abc\/[^\s<>"]*#L\d+$/)
    // Code spans cannot be broken out of: outside fences, every line opens and closes its spans.
    const outsideFences = md.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '')
    for (const l of outsideFences.split('\n')) expect((l.match(/`/g) ?? []).length % 2, l).toBe(0)
  })

  it('SARIF carries the text as data, with URI-encoded paths', async () => {
    const dir = hostileRepo()
    const outcome = await runCheck({ root: dir })
    const sarif = JSON.parse(renderSarif(outcome.inventory, outcome.drift))
    for (const r of sarif.runs[0].results) {
      const uri: string = r.locations[0].physicalLocation.artifactLocation.uri
      expect(uri).not.toMatch(/[\s[\]`#]/)
      expect(decodeURI(uri)).toMatch(/^src\//)
    }
  })

  it('YAML suggestions quote hostile cookie names so they cannot add keys', async () => {
    const dir = hostileRepo()
    const outcome = await runCheck({ root: dir })
    const cookie = outcome.drift.undeclared.find((u) => u.kind === 'cookie' && u.key.startsWith('<img'))!
    const nameLine = cookie.suggestion.split('\n')[1]!
    expect(nameLine.startsWith(`  - name: ${JSON.stringify(cookie.key)}`)).toBe(true)
    expect(cookie.suggestion.split('\n').filter((l) => /^\S/.test(l))).toEqual(['cookies:'])
  })
})
