import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

// A vendor's loader snippet pasted into index.html is one very long line; the page's own markup is not minified,
// so the page is scanned. A built page, minified outside its scripts too, is still skipped.
const longSnippet = `window.NREUM||(NREUM={});${'var a=1;'.repeat(800)}NREUM.info={beacon:"bam.nr-data.net"};`
const fonts = '<link href="https://fonts.googleapis.com/css?family=Inter&display=swap" rel="stylesheet">'

describe('pages whose only long lines are inline scripts', () => {
  it('scans a hand-written page with a pasted minified snippet', () => {
    const page = `<!doctype html>\n<html>\n<head>\n<script>\n${longSnippet}\n</script>\n${fonts}\n</head>\n<body>\n<div id="app"></div>\n</body>\n</html>\n`
    const facts = scanFile('index.html', page, rules)
    const keys = facts.findings.map((f) => f.key)
    expect(keys).toEqual(expect.arrayContaining(['google-fonts', 'new-relic']))
  })

  it('skips a built page whose markup is minified too', () => {
    const markup = `<div class="card"><p>${'Hello there. '.repeat(40)}</p></div>`.repeat(20)
    const page = `<!doctype html><html><head>${fonts}</head><body>${markup}</body></html>\n`
    const facts = scanFile('index.html', page, rules)
    expect(facts.findings).toEqual([])
    expect(facts.notes.map((n) => n.message)).toEqual([expect.stringMatching(/looks minified/)])
  })
})
