import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parse,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml'
import type { UndeclaredItem } from '../model/types.js'
import type { CheckOutcome } from '../core/check.js'
import type { RuleSet } from '../rules/ruleset.js'
import { ConfigError } from '../util/errors.js'
import { parseManifest } from './load.js'

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
    const body = line.replace(/^ {2}/, '')
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
 * indentation, flow items in a flow sequence — with the file's line endings. Entries already declared are
 * skipped, so applying the same entries twice changes nothing.
 */
export function addManifestEntries(
  text: string,
  entries: readonly FixEntry[],
): { text: string; added: FixEntry[] } {
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
  if (added.length === 0 && grow.length === 0) return { text, added }

  const root = doc.contents
  if (!isMap(root) || root.flow)
    return { text: viaDocument(doc, bySection, grow), added: [...added, ...grow.map((g) => g.fix)] }
  const insertions: Insertion[] = []
  for (const g of grow) {
    const ins = growInsertion(text, root, g, lineCounter, eol)
    if (ins) {
      insertions.push(ins)
      added.push(g.fix)
    }
  }
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
      // After the section that precedes it, before the comments and blank lines that lead into the next key.
      const before = TOP_ORDER.slice(0, TOP_ORDER.indexOf(section)).reverse()
      const prev = before.map((k) => root.items.find((p) => keyOf(p) === k)).find(Boolean)
      const next = prev ? root.items[root.items.indexOf(prev) + 1] : root.items[0]
      const at = next
        ? { offset: leadingCommentsStart(text, (next.key as Node).range![0]), needsEol: false }
        : endOfText(text)
      const indent = ' '.repeat(rootCol)
      const dash = rootCol + style.dash
      // A blank line before the new section when this file separates its sections with blank lines.
      const separated = next ? /^\r?\n/.test(text.slice(at.offset)) : /\n\s*\n/.test(text)
      const gap = at.offset > 0 && !at.needsEol && separated ? eol : ''
      const body = `${gap}${indent}${section}:${eol}${blockLines(list, dash, dash + style.content, eol)}`

      insertions.push({ at: at.offset, order, remove: 0, text: (at.needsEol ? eol + eol : '') + body })
    }
  }
  let out = text
  // From the end backwards so earlier offsets stay valid; at one offset, later sections go in first.
  for (const ins of insertions.sort(
    (a, b) => b.at - a.at || (b.order ?? 0) - (a.order ?? 0) || b.remove - a.remove,
  ))
    out = out.slice(0, ins.at) + ins.text + out.slice(ins.at + ins.remove)
  return { text: out, added }
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
    const next = prev ? root.items[root.items.indexOf(prev) + 1] : root.items[0]
    const at = next
      ? { offset: leadingCommentsStart(text, (next.key as Node).range![0]), needsEol: false }
      : endOfText(text)
    const indent = ' '.repeat(pos(lc, root.range![0]).column - 1)
    const separated = next ? /^\r?\n/.test(text.slice(at.offset)) : /\n\s*\n/.test(text)
    const gap = at.offset > 0 && !at.needsEol && separated ? eol : ''
    const body = `${gap}${indent}logs:${eol}${indent}  data: [${g.items.map(flowValue).join(', ')}]  # personal data the app writes to its logs${eol}`
    return {
      at: at.offset,
      order: TOP_ORDER.indexOf('logs'),
      remove: 0,
      text: (at.needsEol ? eol + eol : '') + body,
    }
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
  if (seq.flow) {
    const [start, end] = seq.range!
    let close = end - 1
    while (close > start && text[close] !== ']') close--
    let j = close - 1
    while (j > start && /\s/.test(text[j]!)) j--
    const sep = seq.items.length === 0 ? '' : text[j] === ',' ? ' ' : ', '
    return { at: j + 1, remove: 0, text: sep + g.items.map(flowValue).join(', ') }
  }
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

/** The end of the text, and whether a line break must come first. */
function endOfText(text: string): { offset: number; needsEol: boolean } {
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
  let close = end - 1
  while (close > start && text[close] !== ']') close--
  let j = close - 1
  while (j > start && /\s/.test(text[j]!)) j--
  const sep = text[j] === ',' ? ' ' : ', '
  return { at: j + 1, remove: 0, text: sep + list.map((e) => flowValue(e.value)).join(', ') }
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
      : JSON.stringify(v)
  return String(v)
}

/** Fallback for a manifest whose top level is a flow mapping: edit the document model and print it again. */
function viaDocument(
  doc: Document,
  bySection: Map<FixSection, FixEntry[]>,
  grow: readonly { section: FixSection; entry?: Record<string, unknown>; items: string[] }[],
): string {
  for (const g of grow) {
    if (g.section === 'logs') {
      const current = doc.getIn(['logs', 'data'])
      if (isSeq(current)) for (const d of g.items) current.add(doc.createNode(d))
      else doc.set('logs', doc.createNode({ data: g.items }))
      continue
    }
    const seq = doc.get(g.section)
    const item = isSeq(seq)
      ? (seq.items as Node[]).find(
          (i) =>
            isMap(i) &&
            identity(g.section, i.toJSON() as Record<string, unknown>) === identity(g.section, g.entry!),
        )
      : undefined
    const data = isMap(item) ? item.get('data') : undefined
    if (isSeq(data)) for (const d of g.items) data.add(doc.createNode(d))
  }
  for (const [section, list] of bySection) {
    const current = doc.get(section)
    if (!isSeq(current)) doc.set(section, doc.createNode(list.map((e) => e.value)))
    else for (const e of list) current.add(doc.createNode(e.value))
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true })
}

/** The entries `check --fix` adds for a set of undeclared items. */
export function fixEntries(undeclared: readonly UndeclaredItem[]): FixEntry[] {
  return undeclared.flatMap((u) => entriesOfSuggestion(u.suggestion))
}

/** Applies the fixes to manifest text and checks that the result is a valid manifest (throws ConfigError if not). */
export function fixManifestText(
  text: string,
  undeclared: readonly UndeclaredItem[],
  rules: RuleSet,
  display = 'privacy.yml',
): { text: string; added: FixEntry[] } {
  const result = addManifestEntries(text, fixEntries(undeclared))
  if (result.added.length > 0) parseManifest(result.text, display, rules)
  return result
}

/** `check --fix`: writes the suggested entries into privacy.yml (atomically) and returns a one-line summary. */
export function fixManifest(args: { manifestPath: string; outcome: CheckOutcome }): string {
  const { manifestPath, outcome } = args
  const display = relative(process.cwd(), manifestPath) || manifestPath
  const text = readFileSync(manifestPath, 'utf8')
  const { text: fixed, added } = fixManifestText(text, outcome.drift.undeclared, outcome.rules, display)
  if (added.length === 0) return `${display}: nothing to add — every item found in code is declared.`
  const tmp = `${manifestPath}.${process.pid}.tmp`
  writeFileSync(tmp, fixed)
  renameSync(tmp, manifestPath)
  const counts = SECTIONS.map((s) => [s, added.filter((e) => e.section === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
  const todo = added.some((e) => e.lines.some((l) => l.includes('TODO')))
    ? '; fill in the TODOs (purposes, cookie purposes)'
    : ''
  return `${display}: added ${added.length} ${added.length === 1 ? 'entry' : 'entries'} (${counts.join(', ')})${todo}, then update the policy text.`
}
