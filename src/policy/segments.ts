import { lineOf, type PolicyText } from './text.js'

/** What a policy section is about, from its heading: decides which statements are read as what. */
export type SectionTopic =
  | 'collect'
  | 'share'
  | 'cookies'
  | 'retention'
  | 'rights'
  | 'security'
  | 'children'
  | 'definitions'
  | 'contact'
  | 'use'

/** A heading of the policy, with the topics its words suggest. */
export interface Heading {
  line: number
  text: string
  topics: Set<SectionTopic>
  /** Numbered (`2. INFORMATION COLLECTED`): a top-level section whose topics carry over to its sub-headings. */
  major: boolean
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
  /** The nearest heading above, and the numbered heading it sits under. */
  heading?: Heading
  major?: Heading
  /** Topics of the section (heading and numbered heading together). */
  topics: Set<SectionTopic>
  /** The whole line(s) of the unit the sentence belongs to. */
  unit: string
  /** The sentence is a heading ("Fitness and Health Data"). */
  isHeading?: boolean
}

const TOPIC_WORDS: [SectionTopic, RegExp][] = [
  ['definitions', /\bdefinitions?\b|\binterpretation\b/i],
  ['cookies', /\bcookies?\b|\btracking\b/i],
  ['retention', /\bretain|\bretention\b|\bhow long\b|\bdisposal\b/i],
  ['rights', /\brights?\b|\bchoices\b|\bopt[ -]?out\b|\bcomplaints?\b|\bredress\b/i],
  ['security', /\bsecur|\bprotect (your|the) data\b|\bbreach\b|\bsafeguard/i],
  ['children', /\bchild|\bminors?\b/i],
  ['contact', /\bcontact us\b|\bgrievance officer\b|\bhow to contact\b/i],
  [
    'share',
    /\bshar(e|ing)\b|\bdisclos|\bthird[ -]part|\bservice providers?\b|\brecipients?\b|\bprocessors\b|\btransfers?\b|\bsent\b|\bhosting\b|\bplatform services\b/i,
  ],
  [
    'collect',
    /\bcollect|\binformation (we|you)\b|\bdata (we|you)\b|\bpersonal (data|information)\b|\busage data\b|\bautomatically\b|\bprovide\b|\bprofile\b|\bcontact forms?\b|\bcomments\b|\bmedia\b|\bdisclosure and pii\b/i,
  ],
  ['use', /\bhow we use\b|\bpurposes?\b|\bwhy we\b|\blegal basis\b/i],
]

/** The topics a heading's words suggest. */
export function topicsOf(text: string): Set<SectionTopic> {
  const topics = new Set<SectionTopic>()
  for (const [topic, re] of TOPIC_WORDS) if (re.test(text)) topics.add(topic)
  return topics
}

const BULLET = /^\s*(?:[-*•+‣◦▪]\s+|\(?\d{1,2}[.)]\s+|\(?[ivx]{1,5}[.)]\s+|\(?[a-h][.)]\s+)/i

/** True for a list item line. */
export function isBullet(line: string): boolean {
  return BULLET.test(line)
}

/**
 * Heading heuristics for plain text: a short line without closing punctuation that is not a list item and
 * does not run on into the next line. Markdown and HTML mark their headings, so only those count there.
 */
function looksLikeHeading(
  line: string,
  explicit: boolean,
  marked: boolean,
  next: string | undefined,
): boolean {
  const t = line.trim()
  if (!t) return false
  if (explicit) return true
  if (marked) return false
  if (next !== undefined && /^\s*[a-z]/.test(next)) return false
  const numbered = /^(\d{1,2}|[IVX]{1,4})\.\s+\S/.test(t)
  if (!numbered && isBullet(t)) return false
  if (/[.,;:!?]$/.test(t)) return false
  if (/@|https?:/.test(t)) return false
  const words = t.split(/\s+/).length
  if (words > 12) return false
  return /^[A-Z0-9"'(]/.test(t)
}

/** Splits the policy into sentences, each knowing its heading, section topics, and list context. */
export function sentences(text: PolicyText): Sentence[] {
  const out: Sentence[] = []
  let heading: Heading | undefined
  let major: Heading | undefined
  let intro: string | undefined
  let unitLines: number[] = []
  const flush = (): void => {
    if (unitLines.length === 0) return
    const first = unitLines[0]!
    const last = unitLines[unitLines.length - 1]!
    const start = text.lineStarts[first - 1]!
    const end = text.lineStarts[last - 1]! + text.lines[last - 1]!.length
    const unit = text.joined.slice(start, end)
    const bullet = isBullet(text.lines[first - 1]!)
    const topics = new Set<SectionTopic>([
      ...(major?.topics ?? []),
      ...(heading && heading !== major ? heading.topics : []),
    ])
    for (const s of splitSentences(unit)) {
      out.push({
        start: start + s.start,
        end: start + s.end,
        text: s.text,
        line: lineOf(text, start + s.start),
        bullet,
        intro: bullet ? intro : undefined,
        heading,
        major,
        topics,
        unit,
      })
    }
    if (!bullet) intro = /:\s*$/.test(unit) ? unit : undefined
    unitLines = []
  }
  for (let i = 0; i < text.lines.length; i++) {
    const n = i + 1
    const line = text.lines[i]!
    if (!line.trim()) {
      flush()
      continue
    }
    if (looksLikeHeading(line, text.headingLines.has(n), text.format !== 'text', text.lines[i + 1])) {
      flush()
      const t = line.trim()
      // Numbered headings, and markup headings of level 1-2, open a top-level section.
      const level = text.headingLines.get(n)
      const h: Heading = {
        line: n,
        text: t,
        topics: topicsOf(t),
        major: level !== undefined ? level <= 2 : /^(\d{1,2}|[IVX]{1,4})\.\s+\S/.test(t),
      }
      if (h.major) major = h
      heading = h
      intro = undefined
      const start = text.lineStarts[i]!
      out.push({
        start,
        end: start + line.length,
        text: line,
        line: n,
        bullet: false,
        heading: h,
        major,
        topics: new Set([...(major?.topics ?? []), ...(h !== major ? h.topics : [])]),
        unit: line,
        isHeading: true,
      })
      continue
    }
    const prev = unitLines.length ? text.lines[unitLines[unitLines.length - 1]! - 1]! : ''
    const continues =
      unitLines.length > 0 &&
      !isBullet(line) &&
      !/[.:;!?]\s*$/.test(prev) &&
      (!isBullet(text.lines[unitLines[0]! - 1]!) || /^\s{2,}/.test(line))
    if (!continues) flush()
    unitLines.push(n)
  }
  flush()
  return out
}

const ABBREVIATIONS =
  /\b(e\.g|i\.e|etc|inc|ltd|co|corp|no|vs|approx|incl|u\.s|st|mr|mrs|ms|dr|jr|sr|art|sec|para|fig)\.$/i

/** Sentence boundaries inside one unit of text (offsets relative to it). */
function splitSentences(unit: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = []
  let start = 0
  const re = /[.!?]["')\]]*\s+(?=["'([]?[A-Z0-9])/g
  for (const m of unit.matchAll(re)) {
    const end = m.index! + m[0].trimEnd().length
    const candidate = unit.slice(start, end)
    if (ABBREVIATIONS.test(candidate.replace(/["')\]]+$/, '')) || /\b[A-Z]\.$/.test(candidate)) continue
    out.push({ start, end, text: candidate })
    start = m.index! + m[0].length
  }
  if (start < unit.length) out.push({ start, end: unit.length, text: unit.slice(start) })
  return out.filter((s) => s.text.trim())
}

const NEGATION = /\b(?:not|never|no|nor|don't|doesn't|won't|cannot|can't|neither|without)\b/i

/** True when the phrase at `offset` (relative to the sentence) is in a negated clause ("we do not collect …"). */
export function negatedAt(sentence: string, offset: number): boolean {
  // The clause: from the last clause break before the phrase to the phrase itself.
  const before = sentence.slice(0, offset)
  const breaks = [
    ...before.matchAll(
      /[;:]|\bhowever\b|\bbut\b|\bexcept\b|\(|\)|, (?:and |or )?(?=(?:we|you|it|they|this)\b)/gi,
    ),
  ]
  const from = breaks.length ? breaks[breaks.length - 1]!.index! + breaks[breaks.length - 1]![0].length : 0
  const clause = before.slice(from)
  if (!NEGATION.test(clause)) return false
  // "not only", "no longer" and "without limitation" do not negate what follows.
  return NEGATION.test(
    clause.replace(
      /\bnot only\b|\bno longer\b|\bwithout (?:limitation|delay)\b|\bnot limited to\b|\bnot\b(?= (?:be |been )?limited)/gi,
      '',
    ),
  )
}
