// A small markdown-to-HTML renderer with GitHub-like styles, for the pictures in the docs. It only knows the
// markdown the bot writes: headings, tables, fenced code, lists, inline code, bold, links, HTML entities,
// <details>, <sub> and hidden <!-- markers -->.

export function escapeHtml(s) {
  return s
    .replace(/&(?!#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** Inline markdown: code spans are set aside first (as private-use placeholders) (their text is literal), then bold and links; HTML passes. */
export function inline(text) {
  const spans = []
  const held = text.replace(/(`+)([^`]*?)\1/g, (_, _fence, code) => {
    spans.push(`<code>${escapeHtml(code.replace(/\\\|/g, '|'))}</code>`)
    return `\uE000${spans.length - 1}\uE001`
  })
  return held
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\uE000(\d+)\uE001/g, (_, i) => spans[Number(i)])
}

function cells(row) {
  return row
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
}

/** The comment's markdown as HTML. */
export function render(md) {
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

/** GitHub's comment styles (light theme). */
export const COMMENT_CSS = `
  body { margin: 0; padding: 24px; background: #fff; color: #1f2328;
    font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
  .comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 850px; background: #fff; }
  .header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
  .header strong { color: #1f2328; }
  .badge { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 6px; font-size: 12px; margin-left: 4px; }
  .body { padding: 16px; }
  .body > :last-child { margin-bottom: 0; }
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
`
