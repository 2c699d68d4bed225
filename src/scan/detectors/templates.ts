import type { FileScan } from '../file-scan.js'
import { detectHostsInString, detectScriptElement } from './hosts.js'
import { scanSource } from './source.js'

const SCRIPT_SRC = /<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi
const SCRIPT_SRC_PUG = /\bscript\s*\([^)]*\bsrc\s*=\s*["']([^"']+)["']/gi
const INPUT_TAG = /<(input|select|textarea)\b([^>]*)>/gi
const PUG_INPUT = /^\s*(input|select|textarea)\s*\(([^)]*)\)/gim
const SCRIPT_BLOCK = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi
const URL_IN_TEXT = /https?:\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi

/** HTML-like templates (.html, .ejs, .hbs, .pug, .vue, .svelte): script URLs, form inputs, inline scripts. */
export function scanTemplate(scan: FileScan, text: string, extension: string): void {
  const lineAt = lineIndex(text)
  for (const re of [SCRIPT_SRC, SCRIPT_SRC_PUG]) {
    for (const m of text.matchAll(re)) detectScriptElement(scan, m[1]!, lineAt(m.index!), 'script')
  }
  for (const m of text.matchAll(INPUT_TAG)) formInput(scan, m[2]!, lineAt(m.index!), m[1]!)
  if (extension === 'pug') for (const m of text.matchAll(PUG_INPUT)) formInput(scan, m[2]!, lineAt(m.index!), m[1]!)
  // Inline scripts (and Vue/Svelte component scripts) are real code: parse them.
  for (const m of text.matchAll(SCRIPT_BLOCK)) {
    const attrs = m[1]!
    const body = m[2]!
    if (/\bsrc\s*=/.test(attrs) || !body.trim()) continue
    const lang = /lang\s*=\s*["'](ts|tsx|typescript)["']/.test(attrs) ? 'tsx' : 'jsx'
    const start = lineAt(m.index! + m[0].indexOf('>') + 1)
    scanSource(scan, body, lang, start.line - 1)
  }
  // URLs in markup outside scripts (pixels in <img src>, <link href>).
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const before = text.lastIndexOf('<script', m.index)
    const after = text.lastIndexOf('</script>', m.index)
    if (before > after) continue
    detectHostsInString(scan, m[0], lineAt(m.index!))
  }
}

function formInput(scan: FileScan, attrs: string, at: { line: number; column: number }, tag: string): void {
  const attr = (name: string): string | undefined =>
    new RegExp(`\\b${name}\\s*=\\s*["']([^"'{}<>]*)["']`, 'i').exec(attrs)?.[1]
  const name = attr('name')
  const type = attr('type')?.toLowerCase()
  const autocomplete = attr('autocomplete')?.toLowerCase()
  const symbol = `<${tag}${name ? ` name="${name}"` : ''}>`
  if (autocomplete && autocomplete !== 'on' && autocomplete !== 'off') {
    const token = autocomplete.split(/\s+/).pop()!
    for (const c of scan.rules.categories.values())
      if (c.html_autocomplete?.includes(token)) {
        scan.signal(c.key, at, 'form-input', 'signal.html.autocomplete', `autocomplete="${autocomplete}"`, symbol)
        return
      }
  }
  const typeSignal = type === 'email' ? 'user.contact.email' : type === 'tel' ? 'user.contact.phone_number' : type === 'password' ? 'user.authorization.password' : undefined
  if (typeSignal) {
    scan.signal(typeSignal, at, 'form-input', 'signal.html.input-type', `<input type="${type}">`, symbol)
    return
  }
  if (name) scan.field(name, { container: 'form', type: type === 'checkbox' ? 'boolean' : 'string' }, at, 'form-input', symbol)
}

/** Maps a character offset to a 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}
