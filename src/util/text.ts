// Text that came from outside (scanned code, privacy.yml, an event payload, an API) on its way to a terminal, a
// log or an error message: control characters made visible, long values cut.

/**
 * C0 controls (ESC starts terminal sequences: OSC 52 clipboard, OSC 8 links, title, clear), DEL, C1 controls
 * (U+009B is a one-character CSI), and the bidi overrides and isolates that reorder what a reader sees.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** True for a character escapeControl makes visible. */
export function isControlChar(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  )
}

/**
 * Makes control characters visible and inert (`\x1b`, `\x9b`, `\u202e`), so text cannot drive a terminal or
 * fake a line; with `keepLines`, newlines and tabs stay as they are.
 */
export function escapeControl(text: string, keepLines = false): string {
  return text.replace(keepLines ? CONTROL_EXCEPT_LINES : CONTROL, (ch) => {
    const c = ch.charCodeAt(0)
    if (c === 0x0a) return '\\n'
    if (c === 0x0d) return '\\r'
    if (c === 0x09) return '\\t'
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16)}`
  })
}

/** A value for a message: control characters escaped, cut to `max` characters, in double quotes. */
export function quote(value: string, max = 80): string {
  // Cut on a character boundary: a lone surrogate would print as U+FFFD.
  const cut = value.length > max ? `${value.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…` : value
  return `"${escapeControl(cut)}"`
}

/**
 * A deep copy of plain data with escapeControl applied to every string, for reports a person reads (the text
 * report, the YAML export); under a key in `keepLines` line breaks stay. An object met twice is copied once, so
 * shared parts stay shared (YAML writes them as anchors).
 */
export function escapeControlDeep<T>(value: T, keepLines: ReadonlySet<string> = new Set()): T {
  const copies = new Map<object, unknown>()
  const copy = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return escapeControl(v, key !== undefined && keepLines.has(key))
    if (!v || typeof v !== 'object') return v
    const seen = copies.get(v)
    if (seen !== undefined) return seen
    const out: unknown[] | Record<string, unknown> = Array.isArray(v) ? [] : {}
    copies.set(v, out)
    if (Array.isArray(v)) for (const x of v) (out as unknown[]).push(copy(x))
    else for (const [k, x] of Object.entries(v)) (out as Record<string, unknown>)[k] = copy(x, k)
    return out
  }
  return copy(value) as T
}
