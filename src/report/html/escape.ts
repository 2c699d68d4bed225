import { isControlChar } from '../../util/text.js'

/**
 * Text from scanned code for HTML text and double-quoted attribute values: nothing can open a tag or end a value.
 * `block` keeps newlines and tabs (for `<pre>`).
 */
export function escapeHtml(text: string, block = false): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    // Control and bidi-override characters would make a name look like another: shown as a visible escape.
    if (block && (c === 0x0a || c === 0x09)) out += ch
    else if (isControlChar(c)) out += `\\u${c.toString(16).padStart(4, '0')}`
    else if (ch === '&') out += '&amp;'
    else if (ch === '<') out += '&lt;'
    else if (ch === '>') out += '&gt;'
    else if (ch === '"') out += '&quot;'
    else if (ch === "'") out += '&#39;'
    else out += ch
  }
  return out
}

/** Cuts text to `max` characters (code points), ending with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text
}
