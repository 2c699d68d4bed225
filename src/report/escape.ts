import { isControlChar } from '../util/text.js'

/**
 * Escaping for text that comes from scanned code (field names, cookie names, paths, excerpts) before it
 * reaches markdown: no HTML, no links, no @mentions, no #references, no emphasis, no hidden markers.
 */

const MARKDOWN_SPECIALS = /[\\`*_{}[\]()<>#+!|~&"'=:-]/g
const ZERO_WIDTH_SPACE = '\u200b'

/** Escapes text for inline use in GitHub markdown (outside code spans). */
export function escapeMarkdown(text: string, maxLength = 200): string {
  let s = truncate(stripControl(text), maxLength)
  // Bare URLs autolink even when escaped: break the scheme and `www.` before anything else.
  s = s.replace(/(https?|ftp|mailto|javascript|data):/gi, (m) => `${m.slice(0, -1)}${ZERO_WIDTH_SPACE}:`)
  s = s.replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
  s = s.replace(MARKDOWN_SPECIALS, (c) => `&#${c.charCodeAt(0)};`)
  // A zero-width space after @ stops mentions (and team mentions); HTML entities alone do not.
  s = s.replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
  // GitHub links `#123` in the rendered text, so an entity is not enough either.
  s = s.replace(/&#35;(?=\d)/g, `&#35;${ZERO_WIDTH_SPACE}`)
  return s
}

/** Text for a markdown code span: backticks cannot close it, newlines cannot break out of it. */
export function codeSpan(text: string, maxLength = 200): string {
  const s = truncate(stripControl(text), maxLength).replace(/`/g, 'ˋ')
  return s.trim() === '' ? '` `' : '`' + s + '`'
}

/** Text for a fenced code block: the fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const body = stripControl(text, true)
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${lang}\n${body}\n${fence}`
}

/**
 * Replaces C0 and C1 control characters (a raw U+009B is a terminal CSI) and bidi overrides with spaces, keeping
 * newlines and tabs only when asked, and breaks HTML comment openers.
 */
function stripControl(text: string, keepNewlines = false): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    out += isControlChar(c) && !(keepNewlines && (c === 0x0a || c === 0x09)) ? ' ' : ch
  }
  return out.replace(/<!--/g, '<\u200b!--').replace(/-->/g, '--\u200b>')
}

function truncate(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text
}

/** A repo-relative path as a URL path: every segment percent-encoded (`#`, `?`, `(`, spaces, `@` …). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

/** A link destination that cannot break out of `(…)`: parentheses, brackets, quotes and spaces percent-encoded. */
export function safeUrl(url: string): string {
  return url.replace(
    /[\s()<>[\]`"'\\]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  )
}

/**
 * A JSON document as text (two-space indent, final newline). JSON.stringify leaves DEL, C1 controls and bidi
 * overrides raw; they are written as \u escapes, so the same data parses back and nothing reaches a terminal.
 */
export function jsonText(value: unknown): string {
  return (
    JSON.stringify(value, null, 2).replace(
      /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) + '\n'
  )
}
