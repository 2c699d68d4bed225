// Renders the PR comment for the demo PR (fixtures/demo-shop plus a change that adds Mixpanel, a cookie and a
// national-ID field) to HTML with GitHub-like styles, for the screenshot in docs/action.md:
//
//   npx tsx docs/images/render-pr-comment.mjs /tmp/pr-comment.html
//   chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
//     --screenshot=docs/images/pr-comment.png --window-size=900,1400 file:///tmp/pr-comment.html
//
// The markdown comes from the same code the action runs (runCheck with base/head, then commentBodies);
// github-markdown.mjs turns it into HTML.
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCheck } from '../../src/core/check.js'
import { commentBodies } from '../../src/github/comment.js'
import { withDemoPr } from './demo-pr.mjs'
import { COMMENT_CSS, render } from './github-markdown.mjs'

const out = process.argv[2] ?? join(tmpdir(), 'pr-comment.html')

await withDemoPr(async ({ dir, base, head }) => {
  const outcome = await runCheck({ root: dir, base, head })
  const { body } = commentBodies(outcome.drift, {
    pr: { owner: 'acme', repo: 'linen-and-loom', number: 42 },
    headSha: head,
    repository: 'acme/linen-and-loom',
    serverUrl: 'https://github.com',
    pathPrefix: '',
    manifestFile: 'privacy.yml',
    commentId: 'default',
    reportUrl: 'https://github.com/acme/linen-and-loom/actions/runs/1',
  })
  writeFileSync(out, page(render(body)))
  writeFileSync(out.replace(/\.html$/, '.md'), body)
  console.log(`${out}: ${body.length} characters of markdown`)
})

function page(comment) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>privacy-drift PR comment</title>
<style>${COMMENT_CSS}</style></head>
<body><div class="comment">
<div class="header"><strong>github-actions</strong> <span class="badge">bot</span> commented</div>
<div class="body">
${comment}
</div></div></body></html>
`
}
