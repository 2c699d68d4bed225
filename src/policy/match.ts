import type { CookiePurpose } from '../model/types.js'
import {
  candidatesAt,
  perLexicon,
  matchAt,
  wordsOf,
  type CookiePurposePattern,
  type DataPhrase,
  type Lexicon,
  type RecipientName,
} from './lexicon.js'
import { negatedAt, type Sentence } from './segments.js'

/** One phrase found in the policy. */
export interface Match {
  /** Offset in `PolicyText.joined`. */
  start: number
  end: number
  text: string
  sentence: Sentence
  negated: boolean
}

const wordCache = new WeakMap<Sentence, { word: string; at: number }[]>()
function words(s: Sentence): { word: string; at: number }[] {
  let list = wordCache.get(s)
  if (!list) wordCache.set(s, (list = wordsOf(s.text)))
  return list
}

function match<T>(lexicon: Lexicon, sentence: Sentence, at: number, text: string, extra: T): Match & T {
  return {
    start: sentence.start + at,
    end: sentence.start + at + text.length,
    text,
    sentence,
    negated: negatedAt(lexicon, sentence.text, at, text.length) || introNegated(lexicon, sentence),
    ...extra,
  }
}

/** A list item under a negated intro ("We never collect: – your email address"). */
function introNegated(lexicon: Lexicon, s: Sentence): boolean {
  if (!s.bullet || s.intro === undefined) return false
  // Only the intro's last sentence introduces the list ("We do not sell your data. We may share it:").
  const intro = s.intro
    .replace(/[\s:]+$/, '')
    .split(/[.!?]\s+/)
    .pop()!
  return negatedAt(lexicon, intro, intro.length)
}

/** Data categories named in a sentence, left to right; the longest phrase wins where phrases start together. */
export function findDataPhrases(lexicon: Lexicon, sentence: Sentence): (Match & { phrase: DataPhrase })[] {
  const found: (Match & { phrase: DataPhrase })[] = []
  let covered = 0
  for (const { at, items } of candidatesAt(words(sentence), lexicon.dataByWord)) {
    if (at < covered) continue
    for (const phrase of items) {
      const m = matchAt(phrase.re, sentence.text, at)
      if (!m) continue
      // A coordinated match ("email and postal addresses") leaves the words after its first to other phrases.
      covered = m[1] ? at + Math.max(1, m[0].search(/[\s,-]/)) : at + m[0].length
      found.push(match(lexicon, sentence, at, m[0], { phrase }))
      const shared = m[1] ? undefined : sharedHead(sentence.text, at, m[0], items)
      if (shared) {
        found.push(match(lexicon, sentence, shared.at, shared.text, { phrase: shared.phrase }))
        covered = shared.at + shared.text.length
      }
      break
    }
  }
  return found
}

/** The word after a two-word phrase and "and", "or" or "&" ("device type and ID"). */
const NEXT_HEAD = /^\s+(?:and|or|and\/or|&)\s+([\p{L}\p{N}]+)(?![\p{L}\p{N}-])/u

/**
 * "device type and ID", "device information and identifiers": the first word of a two-word phrase also heads the noun
 * joined after it, which names another phrase ("device ID", "device identifiers") of the same first word.
 */
function sharedHead(
  text: string,
  at: number,
  matched: string,
  items: readonly DataPhrase[],
): { at: number; text: string; phrase: DataPhrase } | undefined {
  const parts = matched.split(/[\s-]+/)
  // "your activities and preferences": a possessive is no head of the noun after it.
  if (parts.length !== 2 || /^(?:you|your)$/i.test(parts[0]!)) return undefined
  const next = NEXT_HEAD.exec(text.slice(at + matched.length, at + matched.length + 40))
  if (!next) return undefined
  const probe = `${parts[0]} ${next[1]}`
  const phrase = items.find(
    (p) => p.phrase.split(/[\s-]+/).length === 2 && matchAt(p.re, probe, 0)?.[0] === probe,
  )
  if (!phrase) return undefined
  const start = at + matched.length + next.index + next[0].length - next[1]!.length
  return { at: start, text: next[1]!, phrase }
}

/**
 * Recipient names in a sentence, with the context rule for common-word names applied; with `software`, also the
 * names of software the reader runs (which name no recipient).
 */
export function findRecipientNames(
  lexicon: Lexicon,
  sentence: Sentence,
  opts: { software?: boolean } = {},
): (Match & { name: RecipientName })[] {
  const found: (Match & { name: RecipientName })[] = []
  let covered = 0
  for (const { at, items } of candidatesAt(words(sentence), lexicon.namesByWord)) {
    if (at < covered) continue
    for (const name of items) {
      const m = matchAt(name.re, sentence.text, at)
      if (!m) continue
      const end = at + m[0].length
      // A capitalised one-word name must be capitalised in the text: "stripe" or "square" in lower case is a word.
      // A table cell that holds nothing but the name ("| hotjar | … |") names it in any case.
      if (
        /^\p{Lu}/u.test(name.phrase) &&
        !/\s/.test(name.phrase) &&
        !/^\p{Lu}/u.test(m[0]) &&
        (name.ambiguous || !sentence.row?.cells.some((c) => c.trim() === m[0]))
      )
        continue
      if (name.ambiguous && !ambiguousNameHolds(lexicon, name, sentence.text, at, end)) continue
      covered = end
      // Software the reader runs ("Google Chrome") covers its words: the company in it is no recipient.
      if (!name.software || opts.software) found.push(match(lexicon, sentence, at, m[0], { name }))
      break
    }
  }
  return found
}

/** A common-word name counts when capitalised mid-sentence and the sentence is about a service of its kind. */
function ambiguousNameHolds(
  lexicon: Lexicon,
  name: RecipientName,
  text: string,
  start: number,
  end: number,
): boolean {
  // "4 Grand Canal Square": the last word of a street address after its house number, not a company.
  if (/\b\d+[A-Za-z]?,?\s+(?:\p{Lu}\p{L}*\s+){0,3}$/u.test(text.slice(Math.max(0, start - 40), start)))
    return false
  // "PO Box 2867", "P.O. Box 12": a postal box of an address, not the company of that name.
  if (/\b(?:P\.?\s?O\.?|post office)\s+$/i.test(text.slice(Math.max(0, start - 20), start))) return false
  // "updates to processors - June 2023", "June 5, 2024": a month name before a day or year is a date, not a company.
  if (/^\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{2}\b/.test(text.slice(end, end + 20))) return false
  if (lexicon.legalForm.test(text.slice(end, end + 40))) return true
  const before = text.slice(Math.max(0, start - 20), start)
  const categories = new Set<string>()
  for (const v of name.vendors)
    for (const c of lexicon.rules.vendors.get(v)?.categories ?? []) categories.add(c)
  if (name.known?.category) categories.add(name.known.category)
  const ownKind = (t: string): boolean => {
    const lower = t.toLowerCase()
    for (const c of categories)
      for (const w of lexicon.rules.policy.recipients.categories.find((x) => x.category === c)?.words ?? [])
        if (w.length > 3 && lower.includes(w.toLowerCase())) return true
    return false
  }
  // At the start of a sentence or list item every word is capitalised: no evidence it is a name, unless the words
  // set off right after it name its own kind of service ("– Resend (transactional email)", "Paddle: payments").
  if (start < 20 && /^\s*(?:[-*•+]\s+|\(?\w{1,4}[.)]\s+)?["'(]?$/.test(before)) {
    const role = /^\s*(?:\(([^()]{1,60})\)|[:–—-]\s+([^.;]{1,60}))/.exec(text.slice(end))
    return role !== null && ownKind(role[1] ?? role[2]!)
  }
  if (ownKind(text)) return true
  return lexicon.cue('vendor-context').test(text)
}

/** The `device-storage` cue as a word just before the text's end ("local " before "storage"). */
const deviceStorage = perLexicon(
  (lexicon) => new RegExp(`\\b(?:${lexicon.cue('device-storage').source})\\s+$`, 'i'),
)

/** How far a list of kinds of service runs after its head, at most. */
const LIST_SPAN = 250

/** The text before a position ends inside a web address. */
const IN_URL = /(?:https?:\/\/|www\.)[^\s()<>"'\]]*$/i

/** Recipient categories named in a sentence ("payment gateways", "advertisers", "hosting and cloud service providers"). */
export function findRecipientCategories(
  lexicon: Lexicon,
  sentence: Sentence,
  opts: { sharingContext: boolean; wordsAlone?: boolean },
): (Match & { category: string })[] {
  const found: (Match & { category: string })[] = []
  // "providers for hosting, databases …": the words of a category are items of a list of kinds of service.
  const lists: { from: number; to: number }[] = []
  if (opts.sharingContext)
    for (const h of sentence.text.matchAll(lexicon.recipientListHead)) {
      const from = h.index + h[0].length
      const stop = /[.;:]/.exec(sentence.text.slice(from, from + LIST_SPAN))
      lists.push({ from, to: from + (stop ? stop.index : LIST_SPAN) })
    }
  let covered = 0
  for (const { at, items } of candidatesAt(words(sentence), lexicon.categoriesByWord)) {
    // An item of the list starts it or follows a separator ("hosting, databases and email delivery"), not other
    // words ("services like Google for authentication", "or managing loyalty programs").
    const listed = lists.some(
      (l) =>
        at >= l.from &&
        at < l.to &&
        /^(?:.*(?:,|;|\/|&|\band\b|\bor\b))?\s*(?:(?:and|or)\s+)?$/is.test(sentence.text.slice(l.from, at)),
    )
    // A category phrase inside a longer one ("delivery network" in "content delivery network") is not another,
    // unless the longer one coordinates two ("hosting and cloud service providers").
    if (at < covered && !/(?:\band|\bor|&|,|\/)\s*$/i.test(sentence.text.slice(Math.max(0, at - 8), at)))
      continue
    // "we provide payment services" describes us, not a recipient.
    if (lexicon.selfDescription.test(sentence.text.slice(Math.max(0, at - 30), at))) continue
    // "https://www.linkedin.com/psettings/guest-controls/retargeting-opt-out": a word of an address, not of the text.
    if (IN_URL.test(sentence.text.slice(Math.max(0, at - 200), at))) continue
    // "local storage technologies": storage on the reader's device, not a storage service.
    if (
      /^storage\b/i.test(sentence.text.slice(at)) &&
      deviceStorage(lexicon).test(sentence.text.slice(Math.max(0, at - 20), at))
    )
      continue
    let end = covered
    for (const c of items) {
      const patterns = [
        c.strong,
        ...(opts.sharingContext ? [c.weak, ...(c.bare ? [c.bare] : [])] : []),
        ...(opts.wordsAlone || listed ? [c.words] : []),
      ]
      for (const re of patterns) {
        const m = matchAt(re, sentence.text, at)
        if (!m) continue
        const before = sentence.text.slice(Math.max(0, at - 20), at)
        // "our email communications" is ours; a bare or loose phrase after "for" gives a purpose, not a recipient
        // ("exchanging information with other organizations for fraud prevention").
        if (re === c.bare && /\b(?:our|your)\s+$/i.test(before)) continue
        // The window reaches back past "for the purpose of" and two words ("for data processing, hosting").
        if (
          (re === c.words || re === c.bare) &&
          !listed &&
          lexicon.purposeBefore.test(sentence.text.slice(Math.max(0, at - 50), at))
        )
          continue
        // "their own privacy policies and customer service policies", "hosting purposes", "storage of your data": a
        // document, a purpose or an act done to data (cue `activity-after`), not a recipient.
        if (
          (re === c.words || re === c.bare) &&
          lexicon.activityAfter.test(sentence.text.slice(at + m[0].length, at + m[0].length + 40))
        )
          continue
        found.push(match(lexicon, sentence, at, m[0], { category: c.key }))
        end = Math.max(end, at + m[0].length)
        break
      }
    }
    covered = end
  }
  // The same category named twice at once ("third-party payment providers" from "third" and from "payment"): keep the first.
  const seen = new Set<string>()
  return found.filter((f) => {
    const key = `${f.category}:${f.end}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** How many characters a frame's object may follow its verb. */
const FRAME_SPAN = 50

/**
 * Where a frame holds in a text, in its clause: a verb, then its object ("remember your language"), or the object,
 * then the verb in the passive ("your answers can be restored"). Offsets in the text, left to right.
 */
function* frameHits(
  frame: CookiePurposePattern['frames'][number],
  text: string,
): Generator<{ at: number; end: number }> {
  for (const v of text.matchAll(frame.verbs)) {
    const from = v.index! + v[0].length
    const tail = text.slice(from, from + FRAME_SPAN)
    const o = frame.objects.exec(tail)
    // The object follows its verb in the same clause, not after another verb; a second object joined with "and your"
    // shares the verb ("save your login information and your screen display choices").
    if (!o || /[.;:]|\b(?:and|or)\s+(?!(?:your|their)\s)\w+/.test(tail.slice(0, o.index))) continue
    // The hit starts at the joined object, so the first object's words stay with their own frame.
    const joined = [...tail.slice(0, o.index).matchAll(/\b(?:and|or)\s+(?=(?:your|their)\s)/g)].pop()
    yield { at: joined ? from + joined.index! : v.index!, end: from + o.index + o[0].length }
  }
  for (const o of text.matchAll(frame.passive)) yield { at: o.index!, end: o.index! + o[0].length }
}

/**
 * Where a statement about cookies says what they do ("remember your language", "save your display settings"), for
 * every frame of any purpose. Words there describe the cookie, not data the service collects — except the data
 * categories that purpose records by its nature (`records`: analytics cookies collect how you use the site).
 */
export function cookieFrameSpans(
  lexicon: Lexicon,
  sentence: Sentence,
): { start: number; end: number; records: readonly string[] }[] {
  return lexicon.cookiePurposes.flatMap((p) =>
    p.frames.flatMap((f) =>
      [...frameHits(f, sentence.text)].map((h) => ({
        start: sentence.start + h.at,
        end: sentence.start + h.end,
        records: p.records,
      })),
    ),
  )
}

/**
 * Cookie purposes a statement about cookies gives: named ("analytics cookies", "to keep you signed in") or described
 * by what the cookies do ("remember your language" → preferences, "count visits" → analytics).
 */
export function findCookiePurposes(
  lexicon: Lexicon,
  sentence: Sentence,
): (Match & { purpose: CookiePurpose })[] {
  const text = sentence.text
  const phrases: { purpose: CookiePurpose; at: number; end: number }[] = []
  // Words inside a web address ("help.opera.com/en/latest/web-preferences/#cookies") are no purpose.
  const urls = [...text.matchAll(/\b(?:https?:\/\/|www\.)\S+/gi)].map((u) => [
    u.index!,
    u.index! + u[0].length,
  ])
  for (const p of lexicon.cookiePurposes)
    if (p.phrase)
      for (const m of text.matchAll(p.phrase))
        if (!urls.some(([from, to]) => m.index! >= from! && m.index! < to!))
          phrases.push({ purpose: p.purpose, at: m.index!, end: m.index! + m[0].length })
  // A phrase inside a longer phrase of another purpose ("functionality" in "essential functionality") is not one.
  const inside = (h: { purpose: CookiePurpose; at: number; end: number }): boolean =>
    phrases.some(
      (o) =>
        o !== h && o.purpose !== h.purpose && o.at <= h.at && o.end >= h.end && o.end - o.at > h.end - h.at,
    )
  const found: (Match & { purpose: CookiePurpose })[] = []
  for (const p of lexicon.cookiePurposes) {
    let hit = phrases.find((h) => h.purpose === p.purpose && !inside(h))
    if (!hit)
      frames: for (const f of p.frames)
        for (const { at, end } of frameHits(f, text)) {
          // A frame spanning another purpose's phrase ("understand and save your preferences") defers to it.
          if (phrases.some((h) => h.purpose !== p.purpose && h.at >= at && h.end <= end)) continue
          hit = { purpose: p.purpose, at, end }
          break frames
        }
    if (hit) found.push(match(lexicon, sentence, hit.at, text.slice(hit.at, hit.end), { purpose: p.purpose }))
  }
  return found.sort((a, b) => a.start - b.start)
}
