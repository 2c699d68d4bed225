import type { Lexicon } from './lexicon.js'
import { lineOf, type PolicyTable, type PolicyText } from './text.js'

/** What a policy section is about (rules/policy/cues.yaml `topics`): decides which statements are read as what. */
export type SectionTopic = string

/** A heading of the policy, with the topics its words suggest. */
export interface Heading {
  line: number
  text: string
  topics: Set<SectionTopic>
  /** A top-level section (markup level 1-2, or numbered): its topics carry over to its sub-headings. */
  major: boolean
  /**
   * The numbered heading a lettered or sub-numbered one sits under at the same markup level ("### 1. Definitions" over
   * "### a) Personal data"): its topics carry over as well.
   */
  parent?: Heading
}

/** One sentence of the policy, with the structure around it. */
export interface Sentence {
  /** Offsets in `PolicyText.joined`. */
  start: number
  end: number
  text: string
  /** 1-based line of the first character. */
  line: number
  /** True when the sentence is (part of) a list item. */
  bullet: boolean
  /** For list items: the text introducing the list ("We collect:"), if any. */
  intro?: string
  /** The nearest heading above, and the top-level heading it sits under. */
  heading?: Heading
  major?: Heading
  /** Topics of the section (heading and top-level heading together, and a run-in label). */
  topics: Set<SectionTopic>
  /** The whole line(s) of the unit the sentence belongs to. */
  unit: string
  /** The sentence is a heading ("Fitness and Health Data"): it names a subject, it states nothing. */
  isHeading?: boolean
  /** The sentence asks a question ("How long do we keep your data?"): it states nothing either. */
  question?: boolean
  /** The emphasised label the unit opens with ("Account Information"). */
  label?: string
  /** For a table row: the table, the row and its cells. */
  row?: { table: PolicyTable; index: number; cells: string[] }
}

/**
 * A heading's own topics in its section: a sub-heading under a section about collection that names contact
 * information ("1.1.1 Registration and Contact Information") names a kind of data, not how to contact the company.
 */
function ownTopics(h: Heading, major: Heading | undefined): Set<SectionTopic> {
  const above = [h.parent, major].filter((x): x is Heading => x !== undefined && x !== h)
  if (
    !h.topics.has('contact') ||
    !above.some((x) => x.topics.has('collect')) ||
    /\bcontact(?:ing)?\s+us\b/i.test(h.text)
  )
    return h.topics
  return new Set([...h.topics].filter((t) => t !== 'contact'))
}

/** The topics a heading's words suggest. */
export function topicsOf(lexicon: Lexicon, text: string): Set<SectionTopic> {
  const topics = new Set<SectionTopic>()
  const t = text.slice(0, 300)
  for (const { topic, re } of lexicon.topics) if (re.test(t)) topics.add(topic)
  return topics
}

// "3.1 Personal information, for example, …" under "3. Personal data that can be collected includes:": a decimal
// number without a closing dot numbers an item as well.
const BULLET =
  /^\s*(?:[-*•+‣◦▪]\s+|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s+|\d{1,2}(?:\.\d{1,2})+\s+|\(?[ivx]{1,5}[.)]\s+|\(?[a-h][.)]\s+)/i
/** A decimal clause number without a closing dot ("3.2.1 We will process …"). */
const CLAUSE_NUMBER = /^\s*\d{1,2}(?:\.\d{1,2})+\s/
/** An item's number ("3.1 …" → "3.1", "3. …" → "3"). */
const ITEM_NUMBER = /^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]?\s/

/** True for a list item line. */
export function isBullet(line: string): boolean {
  return BULLET.test(line)
}

const NUMBERED = /^(\d{1,2}|[IVX]{1,4})\\?\.\s+\S/
/** A heading numbered below a top-level number: "a) Personal data", "(b) …", "2.1 Cookies", "ii. Analytics". */
const SUB_NUMBERED = /^(?:\(?(?:[a-z]|[ivx]{1,4})\)|[a-z]\\?\.|\d{1,2}\.\d{1,2}\.?)\s+\S/
/** A heading's decimal number ("1.1.2 Other information" → "1.1.2"), with markdown's escapes removed. */
const DECIMAL = /^(\d{1,2}(?:\\?\.\d{1,2}){1,3})\\?\.?\s+\S/

/**
 * Whether a line is a heading. Markup headings and emphasised lines are; otherwise a short line without closing
 * punctuation that stands alone (plain text: that does not run on into the next line), or a short question.
 */
function looksLikeHeading(text: PolicyText, i: number): boolean {
  const line = text.lines[i]!
  const n = i + 1
  const t = line.trim()
  if (!t) return false
  if (text.headingLines.has(n) || text.emphasisLines.has(n)) return true
  if (text.rowAt.has(n)) return false
  if (/@|https?:/.test(t) || t.length > 160) return false
  const words = t.split(/\s+/).length
  const prev = text.lines[i - 1]
  const next = text.lines[i + 1]
  const alone = (prev === undefined || !prev.trim()) && (next === undefined || !next.trim())
  // A short question on a line of its own introduces what answers it.
  if (/\?\s*$/.test(t) && words <= 16 && !isBullet(t) && (alone || text.format === 'text')) return true
  // "2.1 Cookies" alone on a line is a numbered heading, not an item.
  const numbered = NUMBERED.test(t) || /^\d{1,2}(?:\.\d{1,2})+\s+\S/.test(t)
  if (!numbered && isBullet(t)) return false
  if (/[.,;:!?]$/.test(t)) return false
  if (!/^[A-Z0-9"'(]/.test(t)) return false
  if (text.format !== 'text') return alone && words <= 8
  if (next !== undefined && /^\s*[a-z]/.test(next)) return false
  return words <= 12
}

/** The longest sentence read as one: longer runs are cut at a clause break, so reading stays linear. */
export const MAX_SENTENCE = 600

/** Splits the policy into sentences, each knowing its heading, section topics, list and table context. */
export function sentences(text: PolicyText, lexicon: Lexicon): Sentence[] {
  const out: Sentence[] = []
  const headerLines = new Set(text.tables.map((t) => t.headerLine))
  let heading: Heading | undefined
  let major: Heading | undefined
  // The last heading with a top-level number, and its markup level (lower is higher; none for a plain line).
  let numbered: { heading: Heading; level: number } | undefined
  let intro: string | undefined
  let looseIntro: string | undefined
  let tableIntro: string | undefined
  // A list item ending in a colon, and its indent: it introduces the items nested under it.
  let itemIntro: { indent: number; text: string; number?: string } | undefined
  let unitLines: number[] = []
  // The last heading of each decimal number ("1.1"), the parent of the headings numbered below it ("1.1.1").
  const byNumber = new Map<string, Heading>()
  const sectionTopics = (h?: Heading, label?: string, bullet = false): Set<SectionTopic> =>
    new Set<SectionTopic>([
      ...(major?.topics ?? []),
      ...(h && h !== major ? ownTopics(h, major) : []),
      ...(h?.parent && h.parent !== major ? h.parent.topics : []),
      // A labelled list item ("- **Contact Information:** name, phone number") names a kind of the reader's data,
      // not the company's own contact details: only a heading makes a contact section.
      ...(label ? [...topicsOf(lexicon, label)].filter((t) => !(bullet && t === 'contact')) : []),
    ])
  const flush = (): void => {
    if (unitLines.length === 0) return
    const first = unitLines[0]!
    const last = unitLines[unitLines.length - 1]!
    const start = text.lineStarts[first - 1]!
    const end = text.lineStarts[last - 1]! + text.lines[last - 1]!.length
    const unit = text.joined.slice(start, end)
    const bullet = isBullet(text.lines[first - 1]!)
    const label = text.labels.get(first)
    const r = text.rowAt.get(first)
    const row = r ? { table: r.table, index: r.row, cells: r.table.rows[r.row]!.cells } : undefined
    const topics = sectionTopics(heading, label, bullet)
    const indent = /^\s*/.exec(text.lines[first - 1]!)![0].length
    const number = ITEM_NUMBER.exec(text.lines[first - 1]!)?.[1]
    // "3.1" continues "3." whatever the indent: the numbers nest the items.
    const continuesNumber =
      number !== undefined && itemIntro?.number !== undefined && number.startsWith(`${itemIntro.number}.`)
    if (!bullet || (itemIntro && indent <= itemIntro.indent && !continuesNumber)) itemIntro = undefined
    const listIntro = itemIntro?.text ?? intro ?? looseIntro
    for (const s of splitSentences(unit)) {
      out.push({
        start: start + s.start,
        end: start + s.end,
        text: s.text,
        line: lineOf(text, start + s.start),
        bullet,
        intro: bullet ? listIntro : row ? (intro ?? tableIntro) : undefined,
        heading,
        major,
        topics,
        unit,
        question: /\?["')\]]*\s*$/.test(s.text),
        label,
        row,
      })
    }
    // A list's intro ends with a colon; a list item's may also be a line of words with no final punctuation ("Link to
    // privacy policy of third party service providers used by the app" over "* Unity").
    // A table's header row sits between the text that introduces the table and its rows.
    // "– Information obtained from your registration: ⏎ – Name ⏎ – Date of birth": the nested items' intro is the item.
    if (bullet && /:\s*$/.test(unit.slice(-200))) itemIntro = { indent, text: unit.slice(-400), number }
    // A clause numbered "3.2.1 " (no closing dot) introduces the list after it as a paragraph would.
    if ((!bullet || CLAUSE_NUMBER.test(text.lines[first - 1]!)) && !row && !headerLines.has(first)) {
      intro = /:\s*$/.test(unit.slice(-200)) ? unit.slice(-400) : undefined
      looseIntro = /[\p{L}\p{N}]\s*$/u.test(unit.slice(-200)) ? unit.slice(-400) : undefined
      // A table may follow a full sentence ("The following is a list of personal data subprocessors we use."): the
      // paragraph right above its header introduces it as a colon would.
      tableIntro = /\.\s*$/.test(unit.slice(-200)) ? unit.slice(-400) : undefined
    }
    unitLines = []
  }
  for (let i = 0; i < text.lines.length; i++) {
    const n = i + 1
    const line = text.lines[i]!
    if (!line.trim()) {
      // A blank line inside a table row (HTML) does not end the row.
      const r = text.rowAt.get(n)
      if (!r || unitLines.length === 0 || text.rowAt.get(unitLines[0]!) !== r) flush()
      continue
    }
    if (looksLikeHeading(text, i)) {
      flush()
      const t = line.trim()
      const level = text.headingLines.get(n) ?? (text.emphasisLines.has(n) ? 4 : undefined)
      const h: Heading = {
        line: n,
        text: t,
        topics: topicsOf(lexicon, t),
        major: level !== undefined ? level <= 2 : NUMBERED.test(t),
      }
      const rank = level ?? 5
      // A heading that outranks the numbered one, or another top-level number, ends the numbered section.
      if (numbered && (rank < numbered.level || NUMBERED.test(t))) numbered = undefined
      if (NUMBERED.test(t)) numbered = { heading: h, level: rank }
      // A heading inside a list item ("<li><h3>a) Personal data</h3>") keeps the item's marker.
      else if (numbered && SUB_NUMBERED.test(t.replace(/^[-*+•]\s+/, ''))) {
        // Below the numbered heading, never a top-level section of its own ("## 2.1 …" under "## 2. …").
        h.parent = numbered.heading
        h.major = false
      }
      // "1.1.1 Registration and Contact Information" under "1.1 What information do we collect?": a sub-section of
      // the section its number continues.
      const decimal = DECIMAL.exec(t.replace(/^[-*+•]\s+/, ''))?.[1]?.replace(/\\/g, '')
      if (decimal) {
        const above = byNumber.get(decimal.replace(/\.\d+$/, ''))
        if (!h.parent && above && above !== h && !h.major) h.parent = above
        byNumber.set(decimal, h)
      }
      if (h.major) major = h
      heading = h
      // A table's header row reads as a heading, but the text before the table still introduces its rows.
      if (!headerLines.has(n)) {
        intro = undefined
        itemIntro = undefined
        looseIntro = undefined
      }
      const start = text.lineStarts[i]!
      out.push({
        start,
        end: start + line.length,
        text: line,
        line: n,
        bullet: false,
        heading: h,
        major,
        topics: sectionTopics(h),
        unit: line,
        isHeading: true,
        question: /\?\s*$/.test(t),
      })
      continue
    }
    const prevLine = unitLines.length ? unitLines[unitLines.length - 1]! : undefined
    const prev = prevLine ? text.lines[prevLine - 1]! : ''
    const row = text.rowAt.get(n)
    const prevRow = prevLine ? text.rowAt.get(prevLine) : undefined
    const continues =
      unitLines.length > 0 &&
      (row || prevRow
        ? row !== undefined && prevRow !== undefined && row.table === prevRow.table && row.row === prevRow.row
        : !isBullet(line) &&
          !text.labels.has(n) &&
          (isBullet(text.lines[unitLines[0]! - 1]!)
            ? // A markdown list item's indented lines are its own, even after a full stop ("- **Performance
              // Cookies.** … visitors. ⏎   They also help us measure … advertising").
              /^\s{2,}/.test(line) && (text.format === 'markdown' || !endsClause(prev))
            : !/[.:;!?]\s*$/.test(prev)))
    if (!continues) flush()
    unitLines.push(n)
  }
  flush()
  return out
}

const ABBREVIATION_TAIL =
  /\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|no|vs|approx|incl|u\.s|st|mr|mrs|ms|dr|jr|sr|art|sec|para|fig|p|lit)\.$/i

/** A line that ends a clause: closing punctuation, but not the full stop of an abbreviation ("… the Website, Etc."). */
function endsClause(line: string): boolean {
  const t = line.trimEnd()
  return /[.:;!?]$/.test(t) && !(t.endsWith('.') && ABBREVIATION_TAIL.test(t.slice(-12)))
}

/** Sentence boundaries inside one unit of text (offsets relative to it); long runs are cut at clause breaks. */
export function splitSentences(unit: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = []
  let start = 0
  const push = (from: number, to: number): void => {
    // Over-long runs (a one-line policy, a list without full stops) are cut into bounded pieces.
    while (to - from > MAX_SENTENCE) {
      const window = unit.slice(from, from + MAX_SENTENCE)
      const cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '), window.lastIndexOf(' '))
      const at = cut > MAX_SENTENCE / 3 ? from + cut + 1 : from + MAX_SENTENCE
      out.push({ start: from, end: at, text: unit.slice(from, at) })
      from = at
    }
    if (to > from) out.push({ start: from, end: to, text: unit.slice(from, to) })
  }
  // A full stop, then a space and a capital; or a full stop stuck to the next sentence ("device.If no").
  const re = /[.!?]["')\]]*\s+(?=["'([]?[A-Z0-9])|(?<=[a-z]{2}\.)(?=[A-Z][a-z]+\s)/g
  for (const m of unit.matchAll(re)) {
    const end = m.index! + m[0].trimEnd().length
    // Only the last few characters decide whether the full stop ends an abbreviation.
    const tail = unit.slice(Math.max(start, end - 12), end).replace(/["')\]]+$/, '')
    if (ABBREVIATION_TAIL.test(tail) || /(?:^|[^A-Za-z])[A-Z]\.$/.test(tail)) continue
    push(start, end)
    start = m.index! + m[0].length
  }
  if (start < unit.length) push(start, unit.length)
  return out.filter((s) => s.text.trim())
}

/** How far back a negation reaches, and how far a condition that lifts it may be. */
const CLAUSE_WINDOW = 200

// ", only an anonymous id" after a negation names what is sent after all ("No personal information is sent, only …").
const CLAUSE_BREAK =
  /[;:()]|, (?:and |or )?(?=(?:we|you|it|they|this|these|those)\b)|, (?=only (?:an?|the|some|your|our)\b)/g

/**
 * True when the phrase at `offset` (relative to the sentence) is in a negated clause ("we do not collect …"),
 * unless a condition makes it a promise with an exception ("… unless you opt in"). Looks at a bounded window.
 */
export function negatedAt(lexicon: Lexicon, sentence: string, offset: number, length = 0): boolean {
  const from = Math.max(0, offset - CLAUSE_WINDOW)
  const before = sentence.slice(from, offset)
  const breaks = [...before.matchAll(CLAUSE_BREAK)]
  // "No advertising identifiers (IDFA, AAID)", "We do not collect your personal information (for example your name)":
  // parentheses that list examples of the noun before them belong to its clause, so a negation before them reaches
  // into them (the `enumeration` cue's words may open the list).
  const last = breaks[breaks.length - 1]
  if (last?.[0] === '(' && lexicon.parentheticalItems.test(before.slice(last.index! + 1))) breaks.pop()
  const clauseStart = breaks.length
    ? breaks[breaks.length - 1]!.index! + breaks[breaks.length - 1]![0].length
    : 0
  const breakWord = lexicon.cue('clause-break')
  let clause = before.slice(clauseStart)
  const words = [...clause.matchAll(new RegExp(breakWord.source, 'gi'))]
  if (words.length)
    clause = clause.slice(words[words.length - 1]!.index! + words[words.length - 1]![0].length)
  // "Device information and engagement are not collected": the negated passive after the data, in the same clause
  // (no comma, relative pronoun or conjunction of a clause of its own between them). "is not stored on our side but
  // securely sent to Braintree": a clause break after it says where the data goes instead.
  const after = sentence.slice(offset + length, offset + length + 80)
  const passive = new RegExp(
    `^(?:(?![,;:.!?()]|\\b(?:which|that|who|and\\s+(?:is|are|was|were))\\b).)*?\\b(?:is|are|was|were|will|shall|would)\\s*(?:n['’]t|\\s+not|\\s+never)\\s+(?:be\\s+)?(?:${lexicon.cue('negation-after').source})\\b`,
    'i',
  ).exec(after)
  if (passive && !lexicon.cue('clause-break').test(sentence.slice(offset + length + passive[0].length)))
    return true
  const negation = lexicon.cue('negation')
  if (!negation.test(clause)) return false
  const exceptions = new RegExp(lexicon.cue('negation-exception').source, 'gi')
  if (!negation.test(clause.replace(exceptions, ' '))) return false
  // "We do not collect your location unless you allow it": collected, under a condition.
  const around = sentence.slice(Math.max(0, offset - CLAUSE_WINDOW), offset + length + CLAUSE_WINDOW)
  return !lexicon.cue('condition').test(around)
}
