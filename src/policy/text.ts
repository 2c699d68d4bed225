import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { ConfigError } from '../util/errors.js'

/** What kind of markup a policy file holds; decides how it is reduced to plain text. */
export type PolicyFormat = 'text' | 'markdown' | 'html'

/** A policy reduced to plain text, one entry per original line, so matches map back to line numbers. */
export interface PolicyText {
  /** Path as shown in reports. */
  file: string
  format: PolicyFormat
  /** Plain text of each line (index 0 = line 1); markup removed, entities decoded. */
  lines: string[]
  /** Lines the markup marks as headings (1-based line → level): `#` in markdown, `<h1>`…`<h6>` in HTML. */
  headingLines: Map<number, number>
  /** All lines joined with `\n`: the string phrase matching runs on. */
  joined: string
  /** Offset in `joined` where each line starts. */
  lineStarts: number[]
}

const MAX_POLICY_BYTES = 2 * 1024 * 1024

/** The format implied by a file name: .md/.markdown → markdown, .htm/.html → html, anything else → text. */
export function formatOf(file: string, content?: string): PolicyFormat {
  const ext = extname(file).toLowerCase()
  if (ext === '.md' || ext === '.markdown' || ext === '.mdx') return 'markdown'
  if (ext === '.html' || ext === '.htm') return 'html'
  if (content !== undefined && /^\s*(<!doctype html|<html[\s>])/i.test(content)) return 'html'
  return 'text'
}

/** Reads a policy file; a missing or unreadable file is a ConfigError located at `from` (the privacy.yml key). */
export function readPolicyFile(
  path: string,
  display: string,
  from?: { file: string; line: number; column: number },
): PolicyText {
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const where = from ?? { file: display, line: 1, column: 1 }
    throw new ConfigError([
      {
        ...where,
        key: from ? 'policy.file' : undefined,
        message:
          code === 'ENOENT'
            ? `policy file ${display} not found`
            : `policy file ${display} cannot be read (${code ?? (e as Error).message})`,
        hint: from ? 'policy.file is resolved from the repository root' : undefined,
      },
    ])
  }
  if (content.length > MAX_POLICY_BYTES)
    throw new ConfigError([
      {
        file: display,
        line: 1,
        column: 1,
        message: `policy file is ${content.length} bytes; the limit is ${MAX_POLICY_BYTES}`,
      },
    ])
  return policyText(content, display)
}

/** Reduces policy source (text, markdown or HTML) to plain lines, keeping every line where it was. */
export function policyText(
  content: string,
  file: string,
  format: PolicyFormat = formatOf(file, content),
): PolicyText {
  const source = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const headingLines = new Map<number, number>()
  let lines: string[]
  if (format === 'html') lines = stripHtml(source, headingLines)
  else if (format === 'markdown') lines = stripMarkdown(source, headingLines)
  else lines = source.split('\n')
  lines = lines.map(normalizeLine)
  const lineStarts: number[] = []
  let offset = 0
  for (const l of lines) {
    lineStarts.push(offset)
    offset += l.length + 1
  }
  return { file, format, lines, headingLines, joined: lines.join('\n'), lineStarts }
}

/** 1-based line of an offset in `joined`. */
export function lineOf(text: PolicyText, offset: number): number {
  let lo = 0
  let hi = text.lineStarts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (text.lineStarts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
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
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' '
    }
    return ENTITIES[body.toLowerCase()] ?? m
  })
}

/** Replaces a match with spaces, keeping its newlines so later text stays on its line. */
function blank(match: string): string {
  return match.replace(/[^\n]/g, ' ')
}

function stripHtml(source: string, headingLines: Map<number, number>): string[] {
  let s = source
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, blank)
  // Remember which lines hold a heading before the tags go.
  for (const m of s.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h[1-6]\s*>/gi)) {
    const before = s.slice(0, m.index! + m[0].indexOf('>') + 1)
    const line = before.split('\n').length
    if (m[2]!.replace(/<[^>]*>/g, '').trim()) headingLines.set(line, Number(m[1]))
  }
  // List items keep a bullet; other block-level tags separate words like a line break would.
  s = s.replace(/<li\b[^>]*>/gi, (m) => (m.includes('\n') ? blank(m) : '- '))
  s = s.replace(
    /<\/?(p|div|li|ul|ol|h[1-6]|br|tr|td|th|section|article|header|footer|table|dt|dd|blockquote|address)\b[^>]*>/gi,
    (m) => (m.includes('\n') ? blank(m) : ' '),
  )
  s = s.replace(/<[^>]+>/g, (m) => (m.includes('\n') ? blank(m) : ''))
  return s.split('\n').map((l) => decodeEntities(l))
}

function stripMarkdown(source: string, headingLines: Map<number, number>): string[] {
  const lines = source.replace(/<!--[\s\S]*?-->/g, blank).split('\n')
  const out: string[] = []
  let fence: string | undefined
  let frontMatter = lines[0] === '---'
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!
    if (frontMatter) {
      if (i > 0 && l === '---') frontMatter = false
      out.push('')
      continue
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
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l)
    if (h) {
      headingLines.set(i + 1, h[1]!.length)
      l = h[2]!
    } else if (/^\s*(=+|-+)\s*$/.test(l) && i > 0 && out[i - 1]!.trim() && !/^\s*-\s/.test(lines[i - 1]!)) {
      // Setext underline: the previous line was a heading.
      headingLines.set(i, /=/.test(l) ? 1 : 2)
      out.push('')
      continue
    }
    l = l
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/^\s{0,3}\[[^\]]+\]:\s+\S+.*$/, '')
      .replace(/<(https?:[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/^\s{0,3}>\s?/, '')
      .replace(/^(\s*)[*+]\s+/, '$1- ')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?!\w)/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/~~(.+?)~~/g, '$1')
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l)) l = ''
    else if (/^\s*\|.*\|\s*$/.test(l)) l = l.replace(/\|/g, ' ; ').trim()
    out.push(decodeEntities(l.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')))
  }
  return out
}
