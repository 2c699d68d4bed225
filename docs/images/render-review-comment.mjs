// Renders a line comment of the review for the demo PR (fixtures/demo-shop plus the change that adds Mixpanel, a
// cookie and a national-ID field) as GitHub shows it under "Files changed", for the picture in docs/action.md:
//
//   npx tsx docs/images/render-review-comment.mjs /tmp/review-comment.html
//   npm install --no-save playwright-core   # then, with Chromium installed (apt-get install -y chromium):
//   npx tsx docs/images/render-review-comment.mjs /tmp/review-comment.html docs/images/review-comment.png
//
// The comment comes from the same code the action runs: runCheck with base/head, the local git diff, planReview.
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCheck } from '../../src/core/check.js'
import { gitDiffLines } from '../../src/github/diff-git.js'
import { evidencePaths, planReview } from '../../src/github/review-plan.js'
import { TRACKING, TRACKING_FILE as FILE, withDemoPr } from './demo-pr.mjs'
import { COMMENT_CSS, escapeHtml, render } from './github-markdown.mjs'

const out = process.argv[2] ?? join(tmpdir(), 'review-comment.html')
const png = process.argv[3]

await withDemoPr(async ({ dir, base, head }) => {
  const { drift } = await runCheck({ root: dir, base, head })
  const diff = gitDiffLines(dir, base, head, evidencePaths(drift.new, ''))
  const plan = planReview(drift, diff, [], {
    id: 'default',
    manifestFile: 'privacy.yml',
    pathPrefix: '',
    stickyUrl: 'https://github.com/acme/linen-and-loom/pull/42#issuecomment-2401',
  })
  const comment = plan.create.find((c) => c.key === 'analytics:mixpanel')
  writeFileSync(out, page(TRACKING.split('\n'), comment.line, render(comment.body)))
  writeFileSync(out.replace(/\.html$/, '.md'), comment.body)
  console.log(`${out}: the comment on ${comment.path}:${comment.line} (${plan.create.length} in the review)`)
})

if (png) {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const tab = await browser.newPage({ viewport: { width: 940, height: 800 }, deviceScaleFactor: 1 })
    await tab.goto(`file://${out}`)
    await tab.locator('.file').screenshot({ path: png })
    console.log(`${png} written`)
  } finally {
    await browser.close()
  }
}

/** A "Files changed" view: the added lines around the comment, and the comment thread under its line. */
function page(lines, at, commentHtml) {
  const row = (n) =>
    `<tr class="add"><td class="num"></td><td class="num">${n}</td><td class="code"><span class="sign">+</span>${escapeHtml(lines[n - 1])}</td></tr>`
  const rows = []
  for (let n = Math.max(1, at - 1); n <= at + 3; n++) {
    rows.push(row(n))
    if (n === at)
      rows.push(`<tr class="thread"><td colspan="3"><div class="comment">
<div class="header"><strong>github-actions</strong> <span class="badge">bot</span> commented</div>
<div class="body">${commentHtml}</div></div></td></tr>`)
  }
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>privacy-drift review comment</title>
<style>${COMMENT_CSS}
  .file { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 890px; overflow: hidden; }
  .file-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px;
    font: 12px ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, monospace; }
  .diff { border-collapse: collapse; width: 100%; display: table; margin: 0; }
  .diff td { border: none; padding: 0 10px; font: 12px/20px ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, monospace; }
  .diff tr:nth-child(2n) td { background: inherit; }
  .diff tr.add td { background: #dafbe1 !important; } .diff tr.add td.num { background: #aceebb !important; color: #1f2328; }
  .num { width: 1%; text-align: right; color: #59636e; } .sign { user-select: none; padding-right: 8px; }
  .code { white-space: pre; }
  .thread td { background: #f6f8fa !important; padding: 12px 16px; border-top: 1px solid #d1d9e0; border-bottom: 1px solid #d1d9e0;
    font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
</style></head>
<body><div class="file">
<div class="file-header">${escapeHtml(FILE)}</div>
<table class="diff">${rows.join('\n')}</table>
</div></body></html>
`
}
