import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

// A server template's tag inside an element's attributes (`<script nonce="<%= nonce %>" …>`) holds a `>` of its
// own: the element is still one element, its `src` a script the page loads and its body code the page runs.
describe('server template tags inside script elements', () => {
  it('reads the src of a script whose nonce is a template tag', () => {
    const page = `<% if (tagId) { %>\n<script nonce="<%= nonce %>" async src="https://www.googletagmanager.com/gtag/js?id=<%= tagId %>"></script>\n<% } %>\n`
    const facts = scanFile('views/analytics.ejs', page, rules)
    expect(facts.findings.map((f) => f.key)).toContain('google-analytics')
    expect(facts.notes).toEqual([])
  })

  it('parses the inline code of such a script, a host label written as a tag included', () => {
    const page = `<div id="comments"></div>\n<script nonce="<%= nonce %>">\n  var s = document.createElement('script');\n  s.src = 'https://<%= forum %>.disqus.com/embed.js';\n  document.head.appendChild(s);\n</script>\n`
    const facts = scanFile('views/comments.ejs', page, rules)
    expect(facts.findings.map((f) => f.key)).toContain('disqus')
    expect(facts.notes).toEqual([])
  })

  it('keeps a tag elsewhere in the code a value, so the script still parses', () => {
    const page = `<script nonce="{{ nonce }}">\n  window.settings = {{ settings | dump | safe }};\n  var n = {{ count }} + 1;\n</script>\n`
    const facts = scanFile('views/layout.njk', page, rules)
    expect(facts.notes).toEqual([])
  })
})
