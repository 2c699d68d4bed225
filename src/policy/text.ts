import { extname } from 'node:path'
import { ConfigError } from '../util/errors.js'
import { FileReadError, readRegularFile, type ReadRefusal } from '../util/safe-read.js'
import { lineIndexAt } from '../util/lines.js'
import { ownValue } from '../util/own.js'

/** What kind of markup a policy file holds; decides how it is reduced to plain text. */
export type PolicyFormat = 'text' | 'markdown' | 'html'

/** A table of the policy (markdown or HTML): header cells and rows, each with its line. */
export interface PolicyTable {
  header: string[]
  headerLine: number
  /** What the table is a list of, when its source names it (the key above a list in YAML front matter). */
  caption?: string
  rows: { line: number; lastLine: number; cells: string[] }[]
}

/** A policy reduced to plain text, one entry per original line, so matches map back to line numbers. */
export interface PolicyText {
  /** Path as shown in reports. */
  file: string
  format: PolicyFormat
  /** Plain text of each line (index 0 = line 1); markup removed, entities decoded. */
  lines: string[]
  /** Lines the markup marks as headings (1-based line → level): `#` in markdown, `<h1>`…`<h6>` in HTML. */
  headingLines: Map<number, number>
  /** Lines that hold nothing but emphasised text (`**Hosting**`): headings in all but name. */
  emphasisLines: Set<number>
  /** Lines that open with an emphasised label (`**Account Information:** name, email`): line → label. */
  labels: Map<number, string>
  tables: PolicyTable[]
  /** The table row each line of a table row belongs to. */
  rowAt: Map<number, { table: PolicyTable; row: number }>
  /** The document's title from its metadata (markdown front matter `title:`, HTML `<title>`), if any. */
  title?: string
  /** All lines joined with `\n`: the string phrase matching runs on. */
  joined: string
  /** Offset in `joined` where each line starts. */
  lineStarts: number[]
}

/** The largest policy file read (2 MiB): a policy is a document, not a data dump. */
export const MAX_POLICY_BYTES = 2 * 1024 * 1024

const TEMPLATE_EXTENSIONS = new Set([
  '.njk',
  '.nunjucks',
  '.erb',
  '.hbs',
  '.handlebars',
  '.liquid',
  '.twig',
  '.jinja',
  '.j2',
  '.ejs',
  '.vue',
  '.svelte',
  '.astro',
  '.php',
  // Pando simplates: Python pages whose last part is a Jinja template.
  '.spt',
])

/** The format implied by a file name (template files are HTML), or by the content when the name says nothing. */
export function formatOf(file: string, content?: string): PolicyFormat {
  const ext = extname(file).toLowerCase()
  if (ext === '.md' || ext === '.markdown' || ext === '.mdx') return 'markdown'
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || TEMPLATE_EXTENSIONS.has(ext)) return 'html'
  if (content !== undefined) {
    const head = content.slice(0, 20_000)
    if (/^\s*(<!doctype html|<html[\s>])/i.test(head)) return 'html'
    if ((head.match(/<(?:p|h[1-6]|li|table|div|section)[\s>]/gi) ?? []).length >= 3) return 'html'
  }
  return 'text'
}

/** Where privacy.yml names the policy file, for errors. */
export type PolicyFrom = { file: string; line: number; column: number }

/**
 * Reads a policy file: a regular file of at most MAX_POLICY_BYTES. A missing, unreadable, special (device, pipe)
 * or too large file is a ConfigError located at `from` (the privacy.yml key) or at the file. `within`: the
 * folder the file must stay in once links are followed (the repository, for privacy.yml's policy.file).
 */
export function readPolicyFile(
  path: string,
  display: string,
  from?: PolicyFrom,
  within?: string,
): PolicyText {
  return policyText(readPolicySource(path, display, from, within), display)
}

/** The policy file's source text, with the checks of `readPolicyFile`. */
export function readPolicySource(path: string, display: string, from?: PolicyFrom, within?: string): string {
  return readPolicyBytes(path, display, from, within).toString('utf8')
}

/** The policy file's bytes, with the checks of `readPolicyFile` (for an edit that keeps every byte). */
export function readPolicyBytes(path: string, display: string, from?: PolicyFrom, within?: string): Buffer {
  try {
    return readRegularFile(path, { maxBytes: MAX_POLICY_BYTES, within })
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e
    const hint: Record<ReadRefusal, string | undefined> = {
      missing: from ? 'policy.file is resolved from the repository root' : undefined,
      'not-regular': 'point policy.file at the policy text itself',
      'too-large':
        'a privacy policy is far smaller: check that policy.file names the policy text, not a data file or a bundle',
      outside: 'point policy.file at the policy text inside the repository',
      unreadable: undefined,
    }
    throw new ConfigError([
      {
        ...(from ?? { file: display, line: 1, column: 1 }),
        key: from ? 'policy.file' : undefined,
        message: `policy file ${display} ${e.reason === 'missing' ? 'not found' : e.message}`,
        hint: hint[e.reason],
      },
    ])
  }
}

/** Reduces policy source (text, markdown or HTML) to plain lines, keeping every line where it was. */
export function policyText(
  content: string,
  file: string,
  format: PolicyFormat = formatOf(file, content),
): PolicyText {
  const source = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const s: Structure = {
    headingLines: new Map(),
    emphasisLines: new Set(),
    labels: new Map(),
    tables: [],
    rowAt: new Map(),
  }
  let lines: string[]
  if (format === 'html') lines = stripHtml(source, s)
  else if (format === 'markdown') lines = stripMarkdown(source, s)
  else lines = source.split('\n')
  lines = lines.map(normalizeLine)
  const lineStarts: number[] = []
  let offset = 0
  for (const l of lines) {
    lineStarts.push(offset)
    offset += l.length + 1
  }
  const head = source.slice(0, 4000)
  // Front matter's title, at its top level first, then nested (`seo: title: …`).
  const front = source.startsWith('---') ? source.slice(0, Math.max(0, source.indexOf('\n---', 3))) : ''
  const title =
    (format === 'markdown' && front
      ? (/^title:\s*["']?([^"'\n]{1,200})["']?\s*$/m.exec(front) ??
          /^\s{1,8}title:\s*["']?([^"'\n]{1,200})["']?\s*$/m.exec(front))?.[1]
      : undefined) ??
    (format === 'html' ? /<title[^>]{0,200}>([^<]{1,200})<\/title>/i.exec(head)?.[1] : undefined)
  return { file, format, lines, ...s, title: title?.trim(), joined: lines.join('\n'), lineStarts }
}

type Structure = Pick<PolicyText, 'headingLines' | 'emphasisLines' | 'labels' | 'tables' | 'rowAt'>

/** 1-based line of an offset in `joined`. */
export function lineOf(text: PolicyText, offset: number): number {
  return lineIn(text.lineStarts, offset)
}

function lineIn(starts: readonly number[], offset: number): number {
  return lineIndexAt(starts, offset) + 1
}

/** Typographic quotes, dashes and odd spaces become plain ASCII so phrases match; the length never changes. */
function normalizeLine(line: string): string {
  return line
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-')
    .replace(/[\u00a0\u2002\u2003\u2009\u202f\t]/g, ' ')
    .replace(/\u200b|\u200c|\u200d|\u2060/g, ' ')
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: "'",
  lsquo: "'",
  rdquo: '"',
  ldquo: '"',
  ndash: '-',
  mdash: '-',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  bull: '•',
  middot: '·',
  eacute: 'é',
  egrave: 'è',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8}\d?);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' '
    }
    return ownValue(ENTITIES, body.toLowerCase()) ?? m
  })
}

/** Replaces text with spaces, keeping its newlines so later text stays on its line. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ')
}

/**
 * A template tag that translates its text: a gettext-style call (`{{ _("…") }}`, `{{ __('…') }}`, `<%= t("…") %>`), a
 * translation tag (`{% trans "…" %}`) or filter (`{{ "…" | t }}`). Its string literals are the policy's own words.
 */
const TRANSLATION_TAG =
  /(?<![\w.$])(?:_|__|_e|_x|gettext|ngettext|pgettext|trans|translate|t|\$t|i18n\.t|lang)\s*\(|^\s*(?:trans|translate|blocktrans|blocktranslate)\s|\|\s*(?:t|trans|translate|i18n)\b/

/** A tag's string literals kept where they were, everything else (code, quotes) blanked; scanned once, linear. */
function keepStringLiterals(tag: string): string {
  const out: string[] = []
  let quote: string | undefined
  for (let i = 0; i < tag.length; i++) {
    const c = tag[i]!
    if (quote === undefined) {
      if (c === '"' || c === "'") quote = c
      out.push(c === '\n' ? c : ' ')
    } else if (c === '\\' && i + 1 < tag.length) {
      out.push(tag[i + 1] === '\n' ? ' \n' : ` ${tag[i + 1]}`)
      i++
    } else if (c === quote) {
      quote = undefined
      out.push(' ')
    } else out.push(c)
  }
  return out.join('')
}

/**
 * Template tags (`{% … %}`, `{{ … }}`, `{# … #}`, `<% … %>`) are blanked: they are code, not policy text — except the
 * strings of a translation tag, which are the text itself in a translated page.
 */
function blankTemplateTags(source: string): string {
  const out: string[] = []
  let i = 0
  const opener = /\{%|\{\{|\{#|<%/g
  for (;;) {
    opener.lastIndex = i
    const m = opener.exec(source)
    if (!m) break
    const close = m[0] === '{%' ? '%}' : m[0] === '{{' ? '}}' : m[0] === '{#' ? '#}' : '%>'
    const window = source.slice(m.index, m.index + 20_000)
    const end = window.indexOf(close, 2)
    if (end === -1) {
      out.push(source.slice(i, m.index + 2))
      i = m.index + 2
      continue
    }
    const tag = window.slice(0, end + close.length)
    const body = tag.slice(2, -2)
    out.push(
      source.slice(i, m.index),
      m[0] !== '{#' && TRANSLATION_TAG.test(body) ? '  ' + keepStringLiterals(body) + '  ' : blank(tag),
    )
    i = m.index + end + close.length
  }
  out.push(source.slice(i))
  return out.join('')
}

const RAW_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head'])

/**
 * A single-file component (Vue): a `<template>` block opens a line at the top level and no `<html>`/`<body>` wraps
 * it. Its `<template>` elements are the rendered page, not inert HTML templates, so their text is the policy.
 */
function isSingleFileComponent(lower: string): boolean {
  return /^<template[\s>]/m.test(lower) && !/<(?:html|body)[\s>]/.test(lower)
}
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'br',
  'tr',
  'td',
  'th',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'thead',
  'tbody',
  'dt',
  'dd',
  'dl',
  'blockquote',
  'address',
  'caption',
  'main',
  'nav',
  'aside',
  'hr',
  'form',
  'fieldset',
  'legend',
])

/** HTML to lines, in one pass: tags become spaces (list items a bullet), raw blocks and comments vanish. */
function stripHtml(input: string, s: Structure): string[] {
  const source = blankTemplateTags(input)
  const lower = source.toLowerCase()
  const rendersTemplates = isSingleFileComponent(lower)
  const sourceLineStarts = [0]
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) sourceLineStarts.push(i + 1)
  const lineAt = (offset: number): number => lineIn(sourceLineStarts, offset)
  const out: string[] = []
  let heading: { level: number; start: number } | undefined
  let table: { header: string[]; headerLine: number; rows: PolicyTable['rows']; inHead: boolean } | undefined
  let row: { line: number; cells: string[]; header: boolean } | undefined
  let cellStart: number | undefined
  // The marker of a list item whose words have not started yet (its index in `out`).
  let pendingItem: number | undefined
  const pushText = (t: string): void => {
    const k = t.search(/\S/)
    if (pendingItem !== undefined && k !== -1) {
      // An item whose words start on a later line than its tag (`<li>⏎<p>⏎Contact information …`): the marker moves
      // to its words, so they read as the list item, with the list's intro, and not as a paragraph of their own.
      if ((out.slice(pendingItem + 1).join('') + t.slice(0, k)).includes('\n')) {
        out[pendingItem] = ' '.repeat(out[pendingItem]!.length)
        t = `${t.slice(0, k)}- ${t.slice(k)}`
      }
      pendingItem = undefined
    }
    out.push(t)
  }
  const n = source.length
  let i = 0
  while (i < n) {
    const lt = source.indexOf('<', i)
    if (lt === -1) {
      pushText(source.slice(i))
      break
    }
    pushText(source.slice(i, lt))
    if (source.startsWith('<!--', lt)) {
      const close = source.indexOf('-->', lt + 4)
      const end = close === -1 ? n : close + 3
      out.push(blank(source.slice(lt, end)))
      i = end
      continue
    }
    const head = /^<(\/?)([a-zA-Z][a-zA-Z0-9.-]*)/.exec(source.slice(lt, lt + 64))
    const gtRel = head ? source.slice(lt, lt + 4000).indexOf('>') : -1
    if (!head || gtRel === -1) {
      out.push('<')
      i = lt + 1
      continue
    }
    const gt = lt + gtRel
    const tag = source.slice(lt, gt + 1)
    // A JSX component named for a table (`<S.TermsTable>`, `<StyledTable>`) renders one.
    const name = /^[A-Z]|\./.test(head[2]!) && head[2]!.endsWith('Table') ? 'table' : head[2]!.toLowerCase()
    const closing = head[1] === '/'
    if (!closing && RAW_TAGS.has(name) && !(name === 'template' && rendersTemplates) && !tag.endsWith('/>')) {
      const close = lower.indexOf(`</${name}`, gt)
      const closeEnd = close === -1 ? -1 : lower.indexOf('>', close)
      const end = closeEnd === -1 ? n : closeEnd + 1
      out.push(blank(source.slice(lt, end)))
      i = end
      continue
    }
    // Structure: headings, tables.
    if (/^h[1-6]$/.test(name)) {
      if (!closing) heading = { level: Number(name[1]), start: gt + 1 }
      else if (heading) {
        const inner = source.slice(heading.start, lt)
        const first = inner.search(/[^\s<]/)
        if (inner.length < 2000 && first !== -1 && inner.replace(/<[^>]{0,2000}>/g, '').trim())
          s.headingLines.set(lineAt(heading.start + first), heading.level)
        heading = undefined
      }
    } else if (name === 'table') {
      if (!closing) table = { header: [], headerLine: lineAt(lt), rows: [], inHead: false }
      else if (table) {
        if (table.header.length || table.rows.length) {
          const t: PolicyTable = { header: table.header, headerLine: table.headerLine, rows: table.rows }
          s.tables.push(t)
          t.rows.forEach((r, k) => {
            for (let l = r.line; l <= r.lastLine; l++) s.rowAt.set(l, { table: t, row: k })
          })
        }
        table = undefined
      }
    } else if (table && name === 'thead') table.inHead = !closing
    else if (table && name === 'tr') {
      if (!closing) row = { line: lineAt(lt), cells: [], header: table.inHead }
      else if (row) {
        if (row.header && table.header.length === 0 && table.rows.length === 0) {
          table.header = row.cells
          table.headerLine = row.line
        } else if (row.cells.some((c) => c))
          table.rows.push({ line: row.line, lastLine: lineAt(lt), cells: row.cells })
        row = undefined
      }
    } else if (row && (name === 'td' || name === 'th')) {
      if (!closing) {
        cellStart = gt + 1
        if (name === 'td') row.header = false
        else if (row.cells.length === 0) row.header = true
      } else if (cellStart !== undefined) {
        row.cells.push(cellText(source.slice(cellStart, lt)))
        cellStart = undefined
      }
    }
    // Text: a list item keeps a bullet; block tags separate words like a line break would.
    if (name === 'li' && !closing && !tag.includes('\n')) {
      out.push(tag.length >= 2 ? '- ' + ' '.repeat(tag.length - 2) : ' ')
      pendingItem = out.length - 1
    } else if (BLOCK_TAGS.has(name) || tag.includes('\n')) out.push(tag.includes('\n') ? blank(tag) : ' ')
    i = gt + 1
  }
  markEmphasisParagraphs(input, s)
  return out
    .join('')
    .split('\n')
    .map((l) => decodeEntities(l))
}

/**
 * A paragraph of one line holding nothing but bold text that opens with a section number
 * (`<p><b>5.1. Scope of processing</b></p>`). Unnumbered bold paragraphs stay text: they often label a part of the
 * section above, whose topics they must not end.
 */
const EMPHASIS_PARAGRAPH =
  /^\s*<(p|div)(?:\s[^>\n]{0,200})?>\s*<(b|strong)(?:\s[^>\n]{0,200})?>\s*(?:\d{1,2}\.){1,4}\d{0,2}\s+[A-Za-z][^<\n]{0,200}<\/\2>\s*:?\s*<\/\1>\s*$/i

/** HTML paragraphs that are all bold and numbered are headings in all but name, as `**2.1 Hosting**` is in markdown. */
function markEmphasisParagraphs(source: string, s: Structure): void {
  source.split('\n').forEach((line, i) => {
    if (line.length <= 1000 && EMPHASIS_PARAGRAPH.test(line) && !s.headingLines.has(i + 1))
      s.emphasisLines.add(i + 1)
  })
}

/** The text of a table cell: tags removed, entities decoded, spaces collapsed. */
function cellText(html: string): string {
  return decodeEntities(html.replace(/<[^>]{0,2000}>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

// GFM allows a delimiter cell of one hyphen or more ("| -- | -- |").
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$/

/** Markdown to lines: markup removed, headings, emphasised lines, labels and tables remembered. */
function stripMarkdown(source: string, s: Structure): string[] {
  const lines = source.split('\n')
  const out: string[] = []
  let fence: string | undefined
  let comment = false
  const frontEnd = lines[0] === '---' ? lines.indexOf('---', 1) : -1
  const front = frontMatter(lines.slice(0, Math.max(0, frontEnd + 1)), s)
  lines.splice(0, front.lines.length, ...front.lines)
  let table: PolicyTable | undefined
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!
    if (i < front.lines.length && !front.markdown.has(i)) {
      out.push(l)
      continue
    }
    // An HTML table inside markdown is read as HTML, so its rows and header are a table too.
    if (/^\s{0,3}<table[\s>]/i.test(l)) {
      let close = -1
      for (let k = i; k < Math.min(lines.length, i + 20_000) && close === -1; k++)
        if (/<\/table\s*>/i.test(lines[k]!)) close = k
      if (close !== -1) {
        const sub: Structure = {
          headingLines: new Map(),
          emphasisLines: new Set(),
          labels: new Map(),
          tables: [],
          rowAt: new Map(),
        }
        out.push(...stripHtml(lines.slice(i, close + 1).join('\n'), sub))
        for (const t of sub.tables) {
          t.headerLine += i
          for (const r of t.rows) {
            r.line += i
            r.lastLine += i
          }
          s.tables.push(t)
        }
        for (const [line, at] of sub.rowAt) s.rowAt.set(line + i, at)
        i = close
        continue
      }
    }
    // HTML comments, possibly over several lines.
    if (comment || l.includes('<!--')) {
      const parts: string[] = []
      let rest = l
      for (;;) {
        if (comment) {
          const end = rest.indexOf('-->')
          if (end === -1) {
            parts.push(blank(rest))
            rest = ''
            break
          }
          parts.push(blank(rest.slice(0, end + 3)))
          rest = rest.slice(end + 3)
          comment = false
        }
        const start = rest.indexOf('<!--')
        if (start === -1) break
        parts.push(rest.slice(0, start))
        rest = rest.slice(start)
        comment = true
      }
      l = parts.join('') + rest
    }
    const f = /^\s*(```+|~~~+)/.exec(l)
    if (f) {
      fence = fence ? (l.trim().startsWith(fence) ? undefined : fence) : f[1]
      out.push('')
      continue
    }
    if (fence) {
      out.push('')
      continue
    }
    // MDX: import and export lines are code.
    if (/^(?:import|export)\s/.test(l)) {
      out.push('')
      continue
    }
    const n = i + 1
    // Tables: a row of cells followed by a separator row opens one; rows follow until a line without a pipe.
    if (
      l.includes('|') &&
      i + 1 < lines.length &&
      TABLE_SEPARATOR.test(lines[i + 1]!) &&
      /\|/.test(lines[i + 1]!)
    ) {
      table = { header: cells(l), headerLine: n, rows: [] }
      s.tables.push(table)
      out.push(cells(l).join(' ; '))
      continue
    }
    if (table) {
      if (TABLE_SEPARATOR.test(l)) {
        out.push('')
        continue
      }
      if (l.includes('|') && l.trim()) {
        const c = cells(l)
        table.rows.push({ line: n, lastLine: n, cells: c })
        s.rowAt.set(n, { table, row: table.rows.length - 1 })
        out.push(c.join(' ; '))
        continue
      }
      table = undefined
    }
    // Markdown may hold HTML (a generator's page pasted into a Hugo file): an HTML heading on its own line is a heading,
    // and an HTML list item a list item, as in an HTML policy.
    const htmlHeading = /^\s*<h([1-6])(?:\s[^>]*)?>(.*?)<\/h\1>\s*$/i.exec(l)
    if (htmlHeading) l = `${'#'.repeat(Number(htmlHeading[1]))} ${htmlHeading[2]}`
    const htmlItem = /^\s*<li(?:\s[^>]*)?>(.*?)(?:<\/li>)?\s*$/i.exec(l)
    if (htmlItem) l = `- ${htmlItem[1]}`
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l)
    if (h) {
      s.headingLines.set(n, h[1]!.length)
      l = h[2]!.replace(/\s*\{#[^}\s]+\}\s*$/, '')
    } else if (
      /^\s*(=+|-+)\s*$/.test(l) &&
      i > 0 &&
      out[i - 1]!.trim() &&
      !/^\s*[-*+]\s/.test(lines[i - 1]!)
    ) {
      // Setext underline: the previous line was a heading.
      s.headingLines.set(i, /=/.test(l) ? 1 : 2)
      out.push('')
      continue
    } else if (/^\s*(\*\*|__)[^*_\n]{1,200}\1\s*:?\s*$/.test(l)) s.emphasisLines.add(n)
    else {
      const label = /^\s*(?:[-*+]\s+|\d{1,2}[.)]\s+)?(\*\*|__)([^*_\n]{1,150}?)\1/.exec(l)
      // "* [Stripe](https://stripe.com/privacy). Payment processing." — a linked name heads the item as a label does.
      const linked =
        /^\s*(?:[-*+]\s+|\d{1,2}[.)]\s+)\[([^\]\n]{1,60})\]\([^)\s]*\)\s*(?:[.:]|\s[-–—])\s+\S/.exec(l)
      if (label && l.slice(label[0].length).trim())
        s.labels.set(n, label[2]!.replace(/[\s:.\\]+$/, '').trim())
      else if (linked) s.labels.set(n, linked[1]!.trim())
    }
    out.push(inline(l))
  }
  return out
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_$][\w$.-]{0,100})\s*:(?:\s+(.*?))?\s*$/
/** A value that is data, not words: a boolean, number, date, path, address or identifier. */
const NOT_TEXT = /^(?:true|false|null|~|yes|no|[^\s]*[\d/.@:][^\s]*)$/i

/**
 * YAML front matter made readable (a site whose whole page is front matter), every line kept where it was: a block
 * scalar (`text: |`, `text: >-`) is markdown content; a value in words stays on its line, a short one as a heading
 * (`header: Necessary cookies`); a list of mappings (`cookies: - name: _ga  purpose: …`) is a table whose header is
 * its keys and whose caption is the key above it. Keys, identifiers, paths and dates are blanked.
 */
function frontMatter(lines: string[], s: Structure): { lines: string[]; markdown: Set<number> } {
  const out = lines.map(() => '')
  const markdown = new Set<number>()
  let open: { block: boolean; indent: number; content?: number } | undefined
  const containers: { indent: number; key: string; line: number }[] = []
  const tables = new Map<
    number,
    {
      caption: string
      keys: string[]
      rows: { line: number; lastLine: number; cells: Map<string, string> }[]
    }
  >()
  let row: { line: number; lastLine: number; cells: Map<string, string>; indent: number } | undefined
  let cell: string | undefined
  for (let i = 1; i < lines.length - 1; i++) {
    const raw = lines[i]!
    if (!raw.trim()) continue
    const indent = raw.search(/\S/)
    const key = KEY_LINE.exec(raw)
    const item = /^\s*-\s+/.test(raw)
    if (open && indent > open.indent && (open.block || (!key && !item))) {
      if (open.block) {
        open.content ??= indent
        out[i] = raw.slice(Math.min(open.content, indent))
        markdown.add(i)
      } else out[i] = raw.trim()
      if (row && cell) {
        row.cells.set(cell, `${row.cells.get(cell) ?? ''} ${raw.trim()}`.trim())
        row.lastLine = i + 1
      }
      continue
    }
    open = undefined
    if (row && indent < row.indent) row = undefined
    if (!key) {
      const scalar = /^\s*-\s+(.*)$/.exec(raw)?.[1]
      if (scalar && !NOT_TEXT.test(scalar)) out[i] = raw.slice(raw.indexOf(scalar))
      continue
    }
    const keyIndent = key[1]!.length + (key[2]?.length ?? 0)
    const value = key[4] ?? ''
    while (containers.length && containers[containers.length - 1]!.indent >= keyIndent) containers.pop()
    if (key[2]) {
      // An item of a list of mappings: a row of the table of the key above the list.
      const parent = containers[containers.length - 1]
      if (parent) {
        const t = tables.get(parent.line) ?? { caption: parent.key, keys: [], rows: [] }
        tables.set(parent.line, t)
        row = { line: i + 1, lastLine: i + 1, cells: new Map(), indent: keyIndent }
        t.rows.push(row)
      }
    }
    cell = row && keyIndent === row.indent ? key[3] : undefined
    if (row && cell) row.lastLine = i + 1
    if (/^[|>][-+0-9]*$/.test(value)) open = { block: true, indent: keyIndent }
    else if (value === '') {
      open = { block: false, indent: keyIndent }
      containers.push({ indent: keyIndent, key: key[3]!, line: i })
    } else {
      const v = value.replace(/^(["'])(.*)\1$/, '$2')
      if (row && cell) row.cells.set(cell, v)
      if (row && cell) out[i] = raw.slice(raw.indexOf(v))
      else if (!NOT_TEXT.test(v)) {
        out[i] = raw.slice(raw.indexOf(v))
        if (v.split(/\s+/).length <= 8 && !/[.,;:!?]$/.test(v)) s.headingLines.set(i + 1, 3)
      }
    }
  }
  for (const t of tables.values()) {
    const keys = [...new Set(t.rows.flatMap((r) => [...r.cells.keys()]))]
    if (keys.length < 2) continue
    const table: PolicyTable = {
      header: keys,
      headerLine: t.rows[0]!.line,
      caption: t.caption.replace(/([a-z])([A-Z])/g, '$1 $2'),
      rows: t.rows.map((r) => ({
        line: r.line,
        lastLine: r.lastLine,
        cells: keys.map((k) => r.cells.get(k) ?? ''),
      })),
    }
    s.tables.push(table)
    table.rows.forEach((r, k) => {
      for (let l = r.line; l <= r.lastLine; l++) s.rowAt.set(l, { table, row: k })
    })
  }
  return { lines: out, markdown }
}

/** The cells of a markdown table row: outer pipes dropped, escaped pipes kept, inline markup removed. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => inline(c.replace(/<br\s*\/?>/gi, ' ; ')).trim())
}

const CODE_STAR = '\uE000'
const CODE_UNDERSCORE = '\uE001'

/** Inline markdown removed from one line; every pattern is bounded, so a line of any length is read in linear time. */
function inline(line: string): string {
  let l = line
    // Code spans keep their text; emphasis markers inside them are protected.
    .replace(/`([^`\n]{0,500})`/g, (_m, code: string) =>
      code.replace(/\*/g, CODE_STAR).replace(/_/g, CODE_UNDERSCORE),
    )
    .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{1,300})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{1,300})\]\[[^\]\n]{0,300}\]/g, '$1')
    .replace(/^\s{0,3}\[[^\]\n]{1,300}\]:\s+\S.*$/, '')
    .replace(/<(https?:[^>\s]{1,2000})>/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-zA-Z][^>\n]{0,500}>/g, '')
    .replace(/^\s{0,3}>\s?/, '')
    .replace(/^(\s*)[*+]\s+/, '$1- ')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s("'])[*_](?=[^\s*_])/g, '$1')
    .replace(/([^\s*_])[*_](?=$|[\s).,;:!?"'])/g, '$1')
    .replace(/~~/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
  l = l.replace(new RegExp(CODE_STAR, 'g'), '*').replace(new RegExp(CODE_UNDERSCORE, 'g'), '_')
  return decodeEntities(l)
}
