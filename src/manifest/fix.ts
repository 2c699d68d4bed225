import { relative } from 'node:path'
import {
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parse,
  parseDocument,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml'
import type { UndeclaredItem } from '../model/types.js'
import type { CheckOutcome } from '../core/check.js'
import type { RuleSet } from '../rules/ruleset.js'
import { ConfigError, UsageError } from '../util/errors.js'
import { decodeLossless, encodeLossless } from '../util/lossless-utf8.js'
import { escapeControl } from '../util/text.js'
import { writeFileAtomic } from '../util/write-file.js'
import { parseManifest, readManifestBytes } from './load.js'

export type FixSection = 'data' | 'cookies' | 'analytics' | 'processors' | 'logs'

/** One entry `check --fix` adds: the suggestion's lines and the value they stand for. */
export interface FixEntry {
  section: FixSection
  /** Lines of the entry as in the suggestion, relative indent: `- category: …`, `  purposes: []`. */
  lines: string[]
  value: Record<string, unknown>
}

const SECTIONS: FixSection[] = ['data', 'cookies', 'analytics', 'processors', 'logs']
/** Sections that are lists of entries (`logs:` is a mapping with a `data:` list). */
const LIST_SECTIONS: FixSection[] = ['data', 'cookies', 'analytics', 'processors']
/** Top-level keys in the order a manifest lists them; a missing section goes after the one before it. */
const TOP_ORDER = ['$schema', 'version', 'policy', ...SECTIONS, 'ignore']

/** The entries of an UndeclaredItem suggestion (`section:` then entries indented by two spaces). */
export function entriesOfSuggestion(suggestion: string): FixEntry[] {
  const [head, ...rest] = suggestion.split('\n')
  const section = head!.replace(/:\s*$/, '') as FixSection
  if (!SECTIONS.includes(section)) return []
  if (section === 'logs') {
    const logs = (parse(suggestion) as { logs?: { data?: unknown } } | null)?.logs
    const data = Array.isArray(logs?.data) ? logs.data.map(String) : []
    return data.length > 0
      ? [{ section, lines: rest.map((l) => l.replace(/^ {2}/, '')), value: { data } }]
      : []
  }
  const values = (parse(suggestion) as Record<string, unknown[]> | null)?.[section] ?? []
  const out: FixEntry[] = []
  for (const line of rest) {
    // Names from the scanned code (cookies, file paths in comments) arrive raw: their control characters are
    // written as escapes, which YAML reads back as the same value in a double-quoted scalar.
    const body = escapeControl(line.replace(/^ {2}/, ''), true)
    if (body.startsWith('- '))
      out.push({ section, lines: [body], value: (values[out.length] ?? {}) as Record<string, unknown> })
    else if (out.length && body.trim()) out[out.length - 1]!.lines.push(body)
  }
  return out
}

/** The identity of a manifest entry: two entries with the same identity declare the same thing. */
function identity(section: FixSection, v: Record<string, unknown>): string {
  if (section === 'data') return `data:${String(v.category)}`
  if (section === 'cookies')
    return v.name
      ? `cookie:${String(v.name)}`
      : v.vendor
        ? `cookie-vendor:${String(v.vendor)}:${String(v.purpose ?? '')}`
        : `cookie-purpose:${String(v.purpose)}`
  if (v.domain) return `recipient:domain:${String(v.domain)}`
  return v.vendor ? `recipient:vendor:${String(v.vendor)}` : `recipient:category:${String(v.category)}`
}

interface Insertion {
  at: number
  /** Position of the section in TOP_ORDER: at the same offset, earlier sections come first. */
  order?: number
  /** Characters to remove at `at` (an empty flow sequence `[]`). */
  remove: number
  text: string
}

/**
 * Adds entries to privacy.yml text, touching nothing else: each entry goes at the end of its section (created
 * after the section that precedes it when missing), in the section's own style — block items at its
 * indentation, flow items in a flow sequence, a manifest that is one flow mapping stays one — with the file's
 * line endings, before a `...` end marker, after a byte-order mark. Entries already declared are skipped, so
 * applying the same entries twice changes nothing.
 */
export function addManifestEntries(
  source: string,
  entries: readonly FixEntry[],
): { text: string; added: FixEntry[] } {
  // The mark is not part of the first line: offsets and columns are counted without it.
  const bom = source.charCodeAt(0) === 0xfeff ? '\ufeff' : ''
  const text = bom ? source.slice(1) : source
  const eol = /\r\n/.test(text) ? '\r\n' : '\n'
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  if (doc.errors.length > 0)
    throw new ConfigError(
      doc.errors.map((e) => ({
        file: 'privacy.yml',
        ...pos(lineCounter, e.pos[0]),
        message: e.message.split('\n')[0]!,
      })),
    )
  const existing = new Set<string>()
  const js = (doc.toJS() ?? {}) as Record<string, unknown>
  for (const section of LIST_SECTIONS) {
    const list = js[section]
    if (Array.isArray(list))
      for (const v of list)
        if (v && typeof v === 'object') existing.add(identity(section, v as Record<string, unknown>))
  }
  const added: FixEntry[] = []
  const bySection = new Map<FixSection, FixEntry[]>()
  // Data lists that grow: an existing entry's `data:` (flows it does not list yet) and `logs.data`.
  const grow: { section: FixSection; entry?: Record<string, unknown>; items: string[]; fix: FixEntry }[] = []
  const growing = new Map<string, (typeof grow)[number]>()
  /** Merges the items a list lacks into one growth per list (several flows suggest the same list). */
  const addItems = (key: string, g: (typeof grow)[number], have: ReadonlySet<string>): void => {
    const fresh = g.items.filter((d) => !have.has(d))
    let target = growing.get(key)
    if (!target) {
      if (fresh.length === 0) return
      target = { ...g, items: [] }
      growing.set(key, target)
      grow.push(target)
    }
    for (const d of fresh) if (!target.items.includes(d)) target.items.push(d)
  }
  for (const e of entries) {
    if (e.section === 'logs') {
      const have = new Set(((js.logs as { data?: unknown[] } | undefined)?.data ?? []).map(String))
      addItems('logs', { section: 'logs', items: e.value.data as string[], fix: e }, have)
      continue
    }
    const id = identity(e.section, e.value)
    if (existing.has(id)) {
      const current = (js[e.section] as Record<string, unknown>[] | undefined)?.find(
        (v) => v && typeof v === 'object' && identity(e.section, v) === id,
      )
      if (current && Array.isArray(current.data) && Array.isArray(e.value.data)) {
        const have = new Set(current.data.map(String))
        addItems(
          id,
          { section: e.section, entry: current, items: (e.value.data as unknown[]).map(String), fix: e },
          have,
        )
      }
      continue
    }
    existing.add(id)
    added.push(e)
    bySection.set(e.section, [...(bySection.get(e.section) ?? []), e])
  }
  if (added.length === 0 && grow.length === 0) return { text: source, added }

  const root = doc.contents
  if (!isMap(root))
    throw new ConfigError([
      { file: 'privacy.yml', line: 1, column: 1, message: 'manifest must be a YAML mapping' },
    ])
  const insertions = root.flow
    ? flowRootInsertions(text, root, bySection)
    : blockRootInsertions(text, root, bySection, lineCounter, eol)
  for (const g of grow) {
    const ins = growInsertion(text, root, g, lineCounter, eol)
    if (ins) {
      insertions.push(ins)
      added.push(g.fix)
    }
  }
  let out = text
  // From the end backwards so earlier offsets stay valid; at one offset, later sections go in first.
  for (const ins of insertions.sort(
    (a, b) => b.at - a.at || (b.order ?? 0) - (a.order ?? 0) || b.remove - a.remove,
  ))
    out = out.slice(0, ins.at) + ins.text + out.slice(ins.at + ins.remove)
  return { text: bom + out, added }
}

/** Insertions into a manifest whose top level is a block mapping. */
function blockRootInsertions(
  text: string,
  root: YAMLMap,
  bySection: Map<FixSection, FixEntry[]>,
  lineCounter: LineCounter,
  eol: string,
): Insertion[] {
  const insertions: Insertion[] = []
  const rootCol = pos(lineCounter, root.range![0]).column - 1
  const style = seqStyle(root, lineCounter, rootCol)
  for (const [section, list] of bySection) {
    const order = TOP_ORDER.indexOf(section)
    const pair = root.items.find((p) => keyOf(p) === section)
    const value = pair?.value as Node | null | undefined
    if (pair && isSeq(value) && value.flow) {
      insertions.push({ ...flowInsertion(text, value, list, pair, lineCounter, style, eol), order })
    } else if (pair && isSeq(value) && value.items.length > 0) {
      const first = value.items[0] as Node
      const dash = pos(lineCounter, value.range![0]).column - 1
      const content = pos(lineCounter, first.range![0]).column - 1
      const last = value.items[value.items.length - 1] as Node
      const at = lineEndAfter(text, lastContent(text, last.range![1]))
      insertions.push({
        at: at.offset,
        order,
        remove: 0,
        text: (at.needsEol ? eol : '') + blockLines(list, dash, content, eol),
      })
    } else if (pair) {
      // `data:` with no value, or an explicit null: the entries become its block sequence.
      const keyEnd = (pair.key as Node).range![1]
      const nullRange =
        isScalar(value) && value.range && value.range[1] > value.range[0] ? value.range : undefined
      const at = lineEndAfter(text, nullRange ? nullRange[1] - 1 : keyEnd)
      const dash = rootCol + style.dash
      if (nullRange)
        insertions.push({ at: nullRange[0], order, remove: nullRange[1] - nullRange[0], text: '' })
      insertions.push({
        at: at.offset,
        order,
        remove: 0,
        text: (at.needsEol ? eol : '') + blockLines(list, dash, dash + style.content, eol),
      })
    } else {
      const indent = ' '.repeat(rootCol)
      const dash = rootCol + style.dash
      const lines = blockLines(list, dash, dash + style.content, eol)
      insertions.push(newBlockSection(text, root, section, `${indent}${section}:${eol}${lines}`, eol))
    }
  }
  return insertions
}

/**
 * A new top-level section of a block manifest: after the section that precedes it, before the comments and blank
 * lines that lead into the next key; at the end, before a `...` document end marker. A blank line goes before it
 * when the file separates its sections with blank lines.
 */
function newBlockSection(text: string, root: YAMLMap, section: string, body: string, eol: string): Insertion {
  const order = TOP_ORDER.indexOf(section)
  const before = TOP_ORDER.slice(0, order).reverse()
  const prev = before.map((k) => root.items.find((p) => keyOf(p) === k)).find(Boolean)
  const next = prev ? root.items[root.items.indexOf(prev) + 1] : root.items[0]
  const at = next
    ? { offset: leadingCommentsStart(text, (next.key as Node).range![0]), needsEol: false }
    : endOfDocument(text, root.range![0])
  const separated = next ? /^\r?\n/.test(text.slice(at.offset)) : /\n\s*\n/.test(text)
  const gap = at.offset > 0 && !at.needsEol && separated ? eol : ''
  return { at: at.offset, order, remove: 0, text: (at.needsEol ? eol + eol : '') + gap + body }
}

/**
 * Insertions into a manifest that is one flow mapping (`{ version: 1, data: [ … ] }`): everything stays in flow
 * style, inside the braces, so comments around and inside it are untouched.
 */
function flowRootInsertions(
  text: string,
  root: YAMLMap,
  bySection: Map<FixSection, FixEntry[]>,
): Insertion[] {
  const insertions: Insertion[] = []
  const items = (list: FixEntry[]): string => list.map((e) => flowValue(e.value)).join(', ')
  for (const [section, list] of bySection) {
    const order = TOP_ORDER.indexOf(section)
    const pair = root.items.find((p) => keyOf(p) === section)
    const value = pair?.value as Node | null | undefined
    if (pair && isSeq(value)) {
      insertions.push({ ...appendToFlowSeq(text, value, items(list)), order })
    } else if (pair) {
      // `data: null` or `data: ~`: the value becomes a flow sequence; `data:` or `data` alone gets one.
      const range = value?.range
      if (range && range[1] > range[0])
        insertions.push({ at: range[0], order, remove: range[1] - range[0], text: `[ ${items(list)} ]` })
      else {
        const keyEnd = (pair.key as Node).range![1]
        const colon = /^\s*:/.exec(text.slice(keyEnd))
        insertions.push({
          at: keyEnd + (colon?.[0].length ?? 0),
          order,
          remove: 0,
          text: `${colon ? '' : ':'} [ ${items(list)} ]`,
        })
      }
    } else {
      // After the section that precedes it (or the last pair), as `, section: [ … ]`.
      const before = TOP_ORDER.slice(0, order).reverse()
      const prev =
        before.map((k) => root.items.find((p) => keyOf(p) === k)).find(Boolean) ?? root.items.at(-1)!
      const prevEnd = ((prev.value as Node | null)?.range ?? (prev.key as Node).range!)[1]
      insertions.push({ at: prevEnd, order, remove: 0, text: `, ${section}: [ ${items(list)} ]` })
    }
  }
  return insertions
}

/**
 * The insertion that adds items to a data list: an existing entry's `data:` sequence, or `logs.data` (the `logs:`
 * section is created, after the sections before it, when the manifest has none).
 */
function growInsertion(
  text: string,
  root: YAMLMap,
  g: { section: FixSection; entry?: Record<string, unknown>; items: string[] },
  lc: LineCounter,
  eol: string,
): Insertion | undefined {
  const sectionPair = root.items.find((p) => keyOf(p) === g.section)
  if (g.section === 'logs' && !sectionPair) {
    const before = TOP_ORDER.slice(0, TOP_ORDER.indexOf('logs')).reverse()
    const prev = before.map((k) => root.items.find((p) => keyOf(p) === k)).find(Boolean)
    if (root.flow) {
      // A manifest that is one flow mapping stays one: `, logs: { data: [ … ] }` after the section before it.
      const after = prev ?? root.items.at(-1)!
      const at = ((after.value as Node | null)?.range ?? (after.key as Node).range!)[1]
      const items = g.items.map(flowValue).join(', ')
      return { at, order: TOP_ORDER.indexOf('logs'), remove: 0, text: `, logs: { data: [ ${items} ] }` }
    }
    const indent = ' '.repeat(pos(lc, root.range![0]).column - 1)
    const items = g.items.map(flowValue).join(', ')
    const body = `${indent}logs:${eol}${indent}  data: [${items}]  # personal data the app writes to its logs${eol}`
    return newBlockSection(text, root, 'logs', body, eol)
  }
  let holder: Node | null | undefined = sectionPair?.value as Node | null | undefined
  if (g.section !== 'logs') {
    if (!isSeq(holder)) return undefined
    holder = (holder.items as Node[]).find((item) => {
      const v = isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined
      return v !== undefined && identity(g.section, v) === identity(g.section, g.entry!)
    })
  }
  if (!isMap(holder)) return undefined
  const dataPair = holder.items.find((p) => keyOf(p) === 'data')
  const seq = dataPair?.value
  if (!dataPair || !isSeq(seq)) return undefined
  if (seq.flow) return appendToFlowSeq(text, seq, g.items.map(flowValue).join(', '))
  const first = seq.items[0] as Node
  const last = seq.items[seq.items.length - 1] as Node
  const dash = pos(lc, seq.range![0]).column - 1
  const content = pos(lc, first.range![0]).column - 1
  const at = lineEndAfter(text, lastContent(text, last.range![1]))
  const lines = g.items.map(
    (d) => `${' '.repeat(dash)}-${' '.repeat(Math.max(1, content - dash - 1))}${flowValue(d)}${eol}`,
  )
  return { at: at.offset, remove: 0, text: (at.needsEol ? eol : '') + lines.join('') }
}

/** Start of the line holding `offset`, moved up over the comment and blank lines right above it. */
function leadingCommentsStart(text: string, offset: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1
  while (start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1
    const line = text.slice(prevStart, start).trim()
    if (line !== '' && !line.startsWith('#')) break
    start = prevStart
  }
  return start
}

/**
 * Where a new last section goes: before a `...` (or a second `---`) marker after the root mapping, else at the
 * end of the text; and whether a line break must come first.
 */
function endOfDocument(text: string, rootStart: number): { offset: number; needsEol: boolean } {
  const marker = /^(?:\.\.\.|---)(?=[ \t]|\r?$)/m
  const rest = text.slice(rootStart)
  const m = marker.exec(rest)
  if (m) return { offset: rootStart + m.index, needsEol: false }
  return { offset: text.length, needsEol: text.length > 0 && !text.endsWith('\n') }
}

function keyOf(p: Pair): string | undefined {
  const k = p.key as { value?: unknown } | null
  return k && typeof k === 'object' && 'value' in k ? String(k.value) : undefined
}

function pos(lc: LineCounter, offset: number): { line: number; column: number } {
  const p = lc.linePos(offset)
  return { line: p.line, column: p.col }
}

/** The last non-blank character before `end` (end of the node's content, trailing blank lines excluded). */
function lastContent(text: string, end: number): number {
  let i = Math.min(end, text.length) - 1
  while (i > 0 && /\s/.test(text[i]!)) i--
  return i
}

/** The start of the line after the one holding `offset`; at the end of a file without a final newline, its end. */
function lineEndAfter(text: string, offset: number): { offset: number; needsEol: boolean } {
  const nl = text.indexOf('\n', Math.max(0, offset))
  return nl === -1 ? { offset: text.length, needsEol: true } : { offset: nl + 1, needsEol: false }
}

/** How this file indents sequences under a key: from an existing block sequence, else two spaces. */
function seqStyle(root: YAMLMap, lc: LineCounter, rootCol: number): { dash: number; content: number } {
  for (const p of root.items) {
    const v = p.value
    if (isSeq(v) && !v.flow && v.items.length > 0 && isMap(v.items[0])) {
      const dash = pos(lc, v.range![0]).column - 1 - rootCol
      const content = pos(lc, (v.items[0] as Node).range![0]).column - 1 - rootCol - dash
      return { dash: Math.max(0, dash), content: Math.max(2, content) }
    }
  }
  return { dash: 2, content: 2 }
}

/** The entries as block sequence items at the given columns, each line ending with `eol`. */
function blockLines(list: FixEntry[], dash: number, content: number, eol: string): string {
  const out: string[] = []
  for (const e of list)
    e.lines.forEach((l, i) => {
      if (i === 0)
        out.push(' '.repeat(dash) + '- ' + ' '.repeat(Math.max(0, content - dash - 2)) + l.slice(2))
      else {
        const rel = l.length - l.trimStart().length
        out.push(' '.repeat(content + Math.max(0, rel - 2)) + l.trimStart())
      }
    })
  return out.map((l) => l + eol).join('')
}

/** Appends entries to a flow sequence; an empty `[]` becomes a block sequence so the TODO comments survive. */
function flowInsertion(
  text: string,
  seq: YAMLSeq,
  list: FixEntry[],
  pair: Pair,
  lc: LineCounter,
  style: { dash: number; content: number },
  eol: string,
): Insertion {
  const [start, end] = seq.range!
  if (seq.items.length === 0) {
    const keyCol = pos(lc, (pair.key as Node).range![0]).column - 1
    const dash = keyCol + style.dash
    // Drop `[]` (and the space before it); the block items follow the key's line.
    let from = start
    while (from > 0 && text[from - 1] === ' ') from--
    const at = lineEndAfter(text, end - 1)
    const rest = text.slice(end, at.offset)
    const tail = rest.replace(/^[ \t]*/, rest.trim() ? '  ' : '')
    return {
      at: from,
      remove: at.offset - from,
      text: tail + (at.needsEol ? eol : '') + blockLines(list, dash, dash + style.content, eol),
    }
  }
  return appendToFlowSeq(text, seq, list.map((e) => flowValue(e.value)).join(', '))
}

/**
 * Appends flow items to a flow sequence right after its last item (a comment after the item, or after its
 * comma, stays where it is); into an empty `[]`, between the brackets.
 */
function appendToFlowSeq(text: string, seq: YAMLSeq, items: string): Insertion {
  const last = seq.items.at(-1) as Node | undefined
  if (last?.range) return { at: last.range[1], remove: 0, text: `, ${items}` }
  const open = text.indexOf('[', seq.range![0])
  return { at: open + 1, remove: 0, text: ` ${items}${text[open + 1] === ']' ? ' ' : ''}` }
}

/** A value in YAML flow style: `{ category: user.name, purposes: [] }`. */
export function flowValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flowValue).join(', ')}]`
  if (v && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${flowValue(x)}`)
      .join(', ')} }`
  if (typeof v === 'string')
    return /^[A-Za-z_][\w.\-/ ]*$/.test(v) &&
      !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v) &&
      !/\s$/.test(v)
      ? v
      : escapeControl(JSON.stringify(v))
  return String(v)
}

/** The entries `check --fix` adds for a set of undeclared items. */
export function fixEntries(undeclared: readonly UndeclaredItem[]): FixEntry[] {
  return undeclared.flatMap((u) => entriesOfSuggestion(u.suggestion))
}

/**
 * Applies the fixes to manifest text and checks the result: a valid manifest (ConfigError if not) that holds
 * exactly the old data plus the added entries and every old comment — an edit that would lose or misplace
 * anything is a UsageError and nothing is written.
 */
export function fixManifestText(
  text: string,
  undeclared: readonly UndeclaredItem[],
  rules: RuleSet,
  display = 'privacy.yml',
): { text: string; added: FixEntry[] } {
  const result = addManifestEntries(text, fixEntries(undeclared))
  if (result.added.length === 0) return result
  const problem = editProblem(text, result.text, result.added)
  if (problem)
    throw new UsageError(
      `--fix cannot add the entries to ${display} safely (${problem}); it was left unchanged. Add these lines by hand:\n` +
        pasteable(result.added),
    )
  parseManifest(withoutBom(result.text), display, rules)
  return result
}

/** What an edit changed besides adding `added` (data or comments), or undefined when it only added them. */
function editProblem(before: string, after: string, added: readonly FixEntry[]): string | undefined {
  const doc = parseDocument(withoutBom(after))
  if (doc.errors.length > 0) return 'the edit would not parse'
  const expected = { ...((parseDocument(withoutBom(before)).toJS() ?? {}) as Record<string, unknown>) }
  const grown = (have: unknown, add: unknown): unknown[] => {
    const list = Array.isArray(have) ? have : []
    return [...list, ...(Array.isArray(add) ? add : []).filter((d) => !list.includes(d))]
  }
  for (const e of added) {
    // A data list that grows (logs.data, or the data: of an entry already there) keeps its items and gains the rest.
    if (e.section === 'logs') {
      const logs = (expected.logs ?? {}) as Record<string, unknown>
      expected.logs = { ...logs, data: grown(logs.data, e.value.data) }
      continue
    }
    const list = Array.isArray(expected[e.section]) ? (expected[e.section] as Record<string, unknown>[]) : []
    const i = list.findIndex(
      (v) => v && typeof v === 'object' && identity(e.section, v) === identity(e.section, e.value),
    )
    expected[e.section] =
      i < 0
        ? [...list, e.value]
        : list.map((v, j) => (j === i ? { ...v, data: grown(v.data, e.value.data) } : v))
  }
  if (canonical(doc.toJS()) !== canonical(expected)) return 'the entries would not be declared as written'
  const kept = new Map<string, number>()
  for (const c of comments(after)) kept.set(c, (kept.get(c) ?? 0) + 1)
  for (const c of comments(before)) {
    const n = kept.get(c) ?? 0
    if (n === 0) return 'a comment would be lost'
    kept.set(c, n - 1)
  }
  return undefined
}

function comments(text: string): string[] {
  return [...new Lexer().lex(withoutBom(text))].filter((t) => t.startsWith('#'))
}

/** JSON with object keys sorted: equal data, equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** The entries as YAML a user can paste, one block per section. */
function pasteable(added: readonly FixEntry[]): string {
  return SECTIONS.filter((s) => added.some((e) => e.section === s))
    .map((s) =>
      [`${s}:`, ...added.filter((e) => e.section === s).flatMap((e) => e.lines.map((l) => `  ${l}`))].join(
        '\n',
      ),
    )
    .join('\n')
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * `check --fix`: writes the suggested entries into privacy.yml and returns a one-line summary. The file is read
 * as bytes and written back byte for byte where nothing was added (a byte that is not UTF-8 too); written
 * atomically, through a symbolic link to its target, with its mode and owner kept.
 */
export function fixManifest(args: { manifestPath: string; outcome: CheckOutcome }): string {
  const { manifestPath, outcome } = args
  const display = relative(process.cwd(), manifestPath) || manifestPath
  const text = decodeLossless(readManifestBytes(manifestPath, display))
  const { text: fixed, added } = fixManifestText(text, outcome.drift.undeclared, outcome.rules, display)
  if (added.length === 0) return `${display}: nothing to add — every item found in code is declared.`
  writeFileAtomic(manifestPath, encodeLossless(fixed), { display })
  const counts = SECTIONS.map((s) => [s, added.filter((e) => e.section === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
  const todo = added.some((e) => e.lines.some((l) => l.includes('TODO')))
    ? '; fill in the TODOs (purposes, cookie purposes)'
    : ''
  return `${display}: added ${added.length} ${added.length === 1 ? 'entry' : 'entries'} (${counts.join(', ')})${todo}, then update the policy text.`
}
