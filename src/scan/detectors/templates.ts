import type { EvidenceBasis } from '../../model/types.js'
import type { FileScan } from '../file-scan.js'
import {
  detectCalledUrl,
  detectHostsInString,
  detectScriptElement,
  isAssetFile,
  MEDIA_TAG,
  SCRIPT_SRC,
} from './hosts.js'
import { recordFormInput } from './form-inputs.js'
import { scanSource } from '../walk/scan-source.js'
import { blankAsValue, scriptBlocks } from './script-blocks.js'
import { lineStartsOf, positionIn } from '../../util/lines.js'

const SCRIPT_SRC_PUG = /^\s*script\s*\([^)]*\bsrc\s*=\s*["'`]([^"'`]+)["'`]/gim
const INPUT_TAG = /<(input|select|textarea)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi
/** Any start tag: a custom element (`<mat-select formControlName="x">`) is a control when a form library binds it. */
const START_TAG = /<([a-z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi
const PUG_INPUT = /^\s*(input|select|textarea)\b[#.\w-]*\s*\(([^)]*)\)/gim
const URL_IN_TEXT = /https?:\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi
/** `lang="ts"` on a Vue / Svelte script block. */
const TS_LANG = /\blang\s*=\s*["'](ts|tsx|typescript)["']/
/** Server-side template tags inside scripts: `<%= x %>`, `{{ x }}`, `#{x}` are blanked before parsing. */
const TEMPLATE_TAGS: Record<string, RegExp> = {
  ejs: /<%[\s\S]*?%>/g,
  hbs: /\{\{[\s\S]*?\}\}/g,
  handlebars: /\{\{[\s\S]*?\}\}/g,
  pug: /#\{[^}]*\}/g,
  njk: /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g,
  html: /<%[\s\S]*?%>|\{\{[\s\S]*?\}\}/g,
  htm: /<%[\s\S]*?%>|\{\{[\s\S]*?\}\}/g,
}
const ASTRO_FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/
const ATTR = {
  name: /\bname\s*=\s*["']([^"'{}<>]*)["']/i,
  type: /\btype\s*=\s*["']([^"'{}<>]*)["']/i,
  autocomplete: /\bautocomplete\s*=\s*["']([^"'{}<>]*)["']/i,
  /** Vue `v-model="form.email"`, Svelte `bind:value={email}`: the bound name when there is no `name`. */
  model: /(?:\bv-model(?:\.\w+)*\s*=\s*["']|\bbind:value\s*=\s*\{)\s*([\w.$]+)/i,
}

/** HTML-like templates (.html, .ejs, .hbs, .njk, .pug, .vue, .svelte, .astro): script URLs, form inputs, inline scripts. */
export function scanTemplate(scan: FileScan, text: string, extension: string): void {
  const lineAt = lineIndex(text)
  const blank = TEMPLATE_TAGS[extension]
  // A tag's own `>` (`<script nonce="<%= nonce %>" src=…>`) would end the element early: elements are found in the
  // text with template tags blanked (same offsets); inline code is read from the original and blanked as a value.
  const markup = blank ? text.replace(blank, blankInMarkup) : text
  for (const m of markup.matchAll(SCRIPT_SRC)) {
    // A blanked tag inside the URL (`…/v1/<%= key %>/x.js`) ends what is known of it, as the tag did before.
    const src = m[1]!.split(/\s/)[0]!
    if (src) detectScriptElement(scan, src, lineAt(m.index!), 'script')
  }
  if (extension === 'pug')
    for (const m of text.matchAll(SCRIPT_SRC_PUG))
      detectScriptElement(scan, m[1]!, lineAt(m.index!), 'script')
  for (const m of text.matchAll(INPUT_TAG)) formInput(scan, m[2]!, lineAt(m.index!), m[1]!.toLowerCase())
  const bound = scan.rules.formControls.templateAttribute
  if (bound)
    for (const m of text.matchAll(START_TAG)) {
      const tag = m[1]!.toLowerCase()
      if (tag !== 'input' && tag !== 'select' && tag !== 'textarea' && bound.test(m[2]!))
        formInput(scan, m[2]!, lineAt(m.index!), tag)
    }
  if (extension === 'pug')
    for (const m of text.matchAll(PUG_INPUT)) formInput(scan, m[2]!, lineAt(m.index!), m[1]!.toLowerCase())
  // Inline scripts (and Vue/Svelte component scripts) are real code: parse them.
  const scripts: [number, number][] = []
  for (const block of scriptBlocks(markup)) {
    scripts.push([block.start, block.end])
    if (block.code === undefined) continue
    const lang = TS_LANG.test(block.attrs) ? 'tsx' : 'jsx'
    const start = lineAt(block.codeStart)
    const code = text.slice(block.codeStart, block.codeStart + block.code.length)
    scanSource(scan, blank ? code.replace(blank, blankInCode) : code, lang, start.line - 1)
  }
  if (extension === 'pug')
    for (const block of pugScriptBlocks(text))
      scanSource(scan, block.body.replace(TEMPLATE_TAGS.pug!, blankAsValue), 'jsx', block.line)
  if (extension === 'astro') {
    const fm = ASTRO_FRONTMATTER.exec(text)
    if (fm) scanSource(scan, fm[1]!, 'tsx', 1)
  }
  const bindings = bindingSource(text, scripts)
  if (bindings !== undefined) scanSource(scan, bindings, 'tsx', 0)
  // URLs in markup outside scripts (pixels in <img src>, <link href>, <iframe src>); not links the visitor follows.
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const at = m.index!
    if (scripts.some(([a, b]) => at >= a && at < b)) continue
    if (isAnchorHref(text, at)) continue
    if (isFrameSrc(text, at)) {
      detectCalledUrl(scan, m[0], lineAt(at), '<iframe src> embeds a page from', 'outbound.frame')
      continue
    }
    detectHostsInString(scan, m[0], lineAt(at), 'high', 'hostname', markupBasis(scan, text, at, m[0]))
  }
}

/**
 * A template tag in inline code, blanked as a value; one standing for a host's label (`'https://<%= name %>.disqus.com'`,
 * between `//` or `.` and `.`) becomes letters, so the URL still names its host.
 */
function blankInCode(tag: string, offset: number, code: string): string {
  const before = code[offset - 1]
  if (
    (before === '/' || before === '.') &&
    /^\.[a-z]/i.test(code.slice(offset + tag.length)) &&
    !tag.includes('\n')
  )
    return 'x'.repeat(tag.length)
  return blankAsValue(tag)
}

/** A template tag in markup: spaces of the same length, newlines kept. */
function blankInMarkup(s: string): string {
  return s.replace(/[^\n]/g, ' ')
}

/** The tag name a markup element opens with (`<img`, `<LazyImg`, `<svelte:head`). */
const TAG_NAME = /^<([\w:.-]+)/
/**
 * The `<link>` relations that load styles, fonts and icons or only warm a connection up (`preconnect`,
 * `dns-prefetch`): like media elements (`MEDIA_TAG`), hosts of assets, not of data.
 */
const ASSET_LINK =
  /^<link\b[^>]*\brel\s*=\s*["']?(stylesheet|icon|apple-touch-icon|preload|prefetch|preconnect|dns-prefetch|manifest)/i

/**
 * The basis of a URL in markup: an asset element's file (a tracking pixel, with no image file in its path, stays
 * evidence), or copy when it sits in text outside any tag. A stylesheet a vendor serves as its product (a web-font
 * API) is that vendor's service, not an asset host.
 */
function markupBasis(scan: FileScan, text: string, offset: number, url: string): EvidenceBasis | undefined {
  const open = text.lastIndexOf('<', offset)
  const close = text.lastIndexOf('>', offset)
  if (open < 0 || close > open) return 'copy'
  const tag = text.slice(open, Math.min(text.length, offset + 500))
  if (/^<meta\b/i.test(tag)) return 'copy'
  if (STYLESHEET_LINK.test(tag) && scan.rules.vendorServingStylesheet(url)) return undefined
  const name = TAG_NAME.exec(tag)?.[1]
  // HTML tag names are case-insensitive (`<IMG>`); a component's is not.
  const media = name !== undefined && (MEDIA_TAG.test(name) || MEDIA_TAG.test(name.toLowerCase()))
  if ((media && isAssetFile(url)) || ASSET_LINK.test(tag)) return 'image'
  return undefined
}

const STYLESHEET_LINK = /^<link\b[^>]*\brel\s*=\s*["']?stylesheet\b/i

/**
 * True when the URL at `offset` is the `src` of an `<iframe>` (`src="…"`, Vue `:src="`…`"`, Svelte `src={`…`}`): the
 * visitor's browser loads that page (an embedded player, a widget), and its host sees them as a script's does.
 */
function isFrameSrc(text: string, offset: number): boolean {
  const open = text.lastIndexOf('<', offset)
  if (open < 0 || offset - open > 2000 || text.lastIndexOf('>', offset) > open) return false
  const before = text.slice(open, offset)
  return /^<iframe\b/i.test(before) && /(?:^|\s)(?::|v-bind:)?src\s*=\s*["'{]?\s*`?$/i.test(before)
}

/** True when the URL at `offset` is the href of an `<a>` element (or a Pug `a(href=…)`). */
function isAnchorHref(text: string, offset: number): boolean {
  const open = Math.max(text.lastIndexOf('<', offset), text.lastIndexOf('(', offset))
  if (open < 0 || offset - open > 2000) return false
  const before = text.slice(open, offset)
  if (!/\bhref\s*=\s*["']?$/i.test(before)) return false
  if (text[open] === '<') return /^<a\b/i.test(before)
  // Pug: `a(href="…")` — the tag is the word before the parenthesis.
  const lineStart = text.lastIndexOf('\n', open) + 1
  return /(^|\s)a([.#][\w-]+)*$/.test(text.slice(lineStart, open).trimEnd())
}

/**
 * Component-template bindings that call something with a literal (`:href="getAuthUrl('google', to)"`,
 * `@click="signIn('github')"`, Angular `(click)="login('orcid')"`, Svelte `onclick={() => signIn('gitlab')}`):
 * the call runs in the visitor's browser as much as one in the `<script>` block does. Only bindings that pass a
 * string literal to a call are kept, so plain property reads (`:value="user.email"`) add nothing.
 */
const BINDING =
  /(?<=\s)(?:(?::|v-bind:|@|v-on:)[\w.:-]+|\[[\w.-]+\]|\([\w.-]+\))\s*(=)\s*(")([^"]*)"|(?<=\s)(?:on:)?[\w-]+\s*(=)\s*(\{)((?:[^{}"'`]|"[^"]*"|'[^']*'|\{[^{}]*\})*)\}/g
const CALL_WITH_LITERAL = /[\w$.]\(\s*['"`]/

/**
 * The text with every kept binding expression left at its own line and column and everything else blanked: the
 * `=` becomes `;` and the delimiters parentheses, or braces for a Vue / Angular event handler (statements), so the
 * whole file's bindings parse as one script. Undefined when no binding is kept.
 */
function bindingSource(text: string, scripts: [number, number][]): string | undefined {
  const out = text.replace(/[^\n]/g, ' ').split('')
  let kept = false
  for (const m of text.matchAll(BINDING)) {
    const at = m.index!
    if (scripts.some(([a, b]) => at >= a && at < b)) continue
    const quoted = m[1] !== undefined
    const body = quoted ? m[3]! : m[6]!
    if (!CALL_WITH_LITERAL.test(body)) continue
    const handler = quoted && /^(@|v-on:|\()/.test(m[0])
    const eq = at + m[0].indexOf('=')
    const open = at + m[0].indexOf(quoted ? '"' : '{', eq - at)
    out[eq] = ';'
    out[open] = handler ? '{' : '('
    for (let i = 0; i < body.length; i++) out[open + 1 + i] = body[i]!
    out[open + 1 + body.length] = handler ? '}' : ')'
    kept = true
  }
  return kept ? out.join('') : undefined
}

/** Pug `script.` blocks: the indented lines below are JavaScript. */
function pugScriptBlocks(text: string): { body: string; line: number }[] {
  const lines = text.split(/\r?\n/)
  const out: { body: string; line: number }[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)script\b(\([^)]*\))?\.\s*$/.exec(lines[i]!)
    if (!m || /\bsrc\s*=/.test(m[2] ?? '')) continue
    const indent = m[1]!.length
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const l = lines[j]!
      if (l.trim() !== '' && l.length - l.trimStart().length <= indent) break
      body.push(l)
    }
    if (body.length > 0) out.push({ body: body.join('\n'), line: i + 1 })
    i = j - 1
  }
  return out
}

function formInput(scan: FileScan, attrs: string, at: { line: number; column: number }, tag: string): void {
  const bound = scan.rules.formControls.templateAttribute?.exec(attrs)?.[1]
  // A control a form library binds keeps its value under the bound name (Angular's `formControlName`); its HTML
  // `name` is then only an attribute, often copied from another control (`<mat-slide-toggle formControlName="featured"
  // name="first-name">`).
  const name = (bound ?? ATTR.name.exec(attrs)?.[1] ?? ATTR.model.exec(attrs)?.[1])?.split('.').pop()
  const type = ATTR.type.exec(attrs)?.[1]?.toLowerCase()
  const autocomplete = ATTR.autocomplete.exec(attrs)?.[1]?.toLowerCase()
  // The template's name (`signup.ejs`, `Register.vue`) is the best container a bare input has.
  const container = scan.path.slice(scan.path.lastIndexOf('/') + 1).replace(/\..*$/, '')
  recordFormInput(scan, { tag, name, type, autocomplete, container, holdsValue: true }, at)
}

/** Maps a character offset to a 1-based line and column. */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStartsOf(text)
  return (offset) => positionIn(starts, offset)
}
