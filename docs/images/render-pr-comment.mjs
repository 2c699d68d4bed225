// Renders the PR comment for the demo PR (fixtures/demo-shop plus a change that adds Mixpanel, a cookie and a
// national-ID field) to HTML with GitHub-like styles, for the screenshot in docs/action.md:
//
//   npx tsx docs/images/render-pr-comment.mjs /tmp/pr-comment.html
//   chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
//     --screenshot=docs/images/pr-comment.png --window-size=900,1400 file:///tmp/pr-comment.html
//
// The markdown comes from the same code the action runs (runCheck with base/head, then commentBodies); the
// renderer below only knows the markdown this comment uses (headings, tables, fenced code, lists, inline code,
// bold, links, <details>, <sub>).
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCheck } from '../../src/core/check.js'
import { commentBodies } from '../../src/github/comment.js'

const project = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = process.argv[2] ?? join(tmpdir(), 'pr-comment.html')

const TRACKING = `import mixpanel from 'mixpanel-browser'
import { cookies } from 'next/headers'
import { z } from 'zod'

export const referralSchema = z.object({
  referrerEmail: z.string().email(),
  taxId: z.string(),
})

export function initTracking(token: string) {
  mixpanel.init(token)
}

export async function rememberReferrer(code: string) {
  const jar = await cookies()
  jar.set('ll_referrer', code, { httpOnly: true })
}
`

const dir = mkdtempSync(join(tmpdir(), 'pd-demo-pr-'))
const git = (...args) =>
  execFileSync('git', ['-C', dir, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Demo',
      GIT_AUTHOR_EMAIL: 'demo@example.com',
      GIT_COMMITTER_NAME: 'Demo',
      GIT_COMMITTER_EMAIL: 'demo@example.com',
      // Fixed dates: the same commits, so the same SHAs in the picture, on every run.
      GIT_AUTHOR_DATE: '2026-10-02T09:14:03Z',
      GIT_COMMITTER_DATE: '2026-10-02T09:14:03Z',
    },
  })
    .toString()
    .trim()
try {
  cpSync(join(project, 'fixtures', 'demo-shop'), dir, { recursive: true })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-q', '-m', 'base')
  const base = git('rev-parse', 'HEAD')
  mkdirSync(join(dir, 'src', 'lib'), { recursive: true })
  writeFileSync(join(dir, 'src', 'lib', 'tracking.ts'), TRACKING)
  git('add', '-A')
  git('commit', '-q', '-m', 'Add referral tracking')
  const head = git('rev-parse', 'HEAD')
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
} finally {
  rmSync(dir, { recursive: true, force: true })
}

function escapeHtml(s) {
  return s
    .replace(/&(?!#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** Inline markdown: code spans first (their text is literal), then bold and links; inline HTML passes. */
function inline(text) {
  const parts = text.split(/(`+)([^`]*?)\1/g)
  let html = ''
  for (let i = 0; i < parts.length; i++) {
    if (i % 3 === 0) {
      html += parts[i]
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    } else if (i % 3 === 2) html += `<code>${escapeHtml(parts[i].replace(/\\\|/g, '|'))}</code>`
  }
  return html
}

function cells(row) {
  return row
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
}

function render(md) {
  const lines = md.split('\n')
  const html = []
  let para = []
  const flush = () => {
    if (para.length) html.push(`<p>${inline(para.join(' '))}</p>`)
    para = []
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const fence = /^(`{3,})(\w*)$/.exec(line)
    if (fence) {
      flush()
      const body = []
      while (++i < lines.length && lines[i] !== fence[1]) body.push(lines[i])
      html.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`)
    } else if (line.startsWith('|') && /^\|\s*---/.test(lines[i + 1] ?? '')) {
      flush()
      const head = cells(line)
      i++
      const rows = []
      while (lines[i + 1]?.startsWith('|')) rows.push(cells(lines[++i]))
      html.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      )
    } else if (/^#{1,6} /.test(line)) {
      flush()
      const level = line.indexOf(' ')
      html.push(`<h${level}>${inline(line.slice(level + 1))}</h${level}>`)
    } else if (line.startsWith('- ')) {
      flush()
      const items = [line.slice(2)]
      while (lines[i + 1]?.startsWith('- ')) items.push(lines[++i].slice(2))
      html.push(`<ul>${items.map((x) => `<li>${inline(x)}</li>`).join('')}</ul>`)
    } else if (line.startsWith('<!--')) {
      flush()
    } else if (/^<\/?(details|summary|sub)/.test(line)) {
      flush()
      html.push(inline(line))
    } else if (line.trim() === '') flush()
    else para.push(line)
  }
  flush()
  return html.join('\n')
}

function page(comment) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>privacy-drift PR comment</title>
<style>
  body { margin: 0; padding: 24px; background: #fff; color: #1f2328;
    font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
  .comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 850px; }
  .header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
  .header strong { color: #1f2328; }
  .badge { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 6px; font-size: 12px; margin-left: 4px; }
  .body { padding: 16px; }
  h3 { font-size: 1.25em; margin: 0 0 16px; } h4 { font-size: 1em; margin: 24px 0 8px; }
  p, ul, table, pre, details { margin: 0 0 16px; } ul { padding-left: 2em; } li + li { margin-top: 4px; }
  table { border-collapse: collapse; display: block; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; text-align: left; }
  th { font-weight: 600; } tr:nth-child(2n) td { background: #f6f8fa; }
  code { font: 85% ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, monospace; background: rgba(129,139,152,.12);
    padding: .2em .4em; border-radius: 6px; }
  pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; line-height: 1.45; }
  pre code { background: none; padding: 0; font-size: 85%; }
  a { color: #0969da; text-decoration: none; }
  summary { cursor: pointer; } sub { color: #59636e; }
</style></head>
<body><div class="comment">
<div class="header"><strong>github-actions</strong> <span class="badge">bot</span> commented</div>
<div class="body">
${comment}
</div></div></body></html>
`
}
