import { perLexicon, type Lexicon } from './lexicon.js'
import { negatedAt, type Sentence } from './segments.js'

/** A country or region, or a safeguard, found in a statement about where data goes. */
export interface TransferMatch {
  key: string
  /** Offset in `PolicyText.joined`. */
  start: number
  text: string
  sentence: Sentence
}

const NOT_TRANSFER_TOPICS = ['contact', 'definitions', 'children']

/** How far before a place an origin cue ("from", "if you are in") may stand. */
const ORIGIN_WINDOW = 60

/**
 * The text before a place with the places listed ahead of it dropped: "if you are in the European Economic Area
 * (EEA), United Kingdom, or " becomes "if you are in ": only names, "the", "and", "or" and punctuation are dropped, so an origin cue covers every place of its list.
 */
function listHead(before: string): string {
  return `${before.replace(/(?:\b(?:the|or|and)\b|\p{Lu}[\p{L}.]*|[\s,()])+$/u, '')} `
}

/** A sentence that opens with the `hypothetical` cue followed by "if" ("As an example, if you …"). */
const hypothetical = perLexicon(
  (lexicon) => new RegExp(`^\\W*(?:${lexicon.cue('hypothetical').source}),?\\s+if\\b`, 'i'),
)

/**
 * Where a sentence says data is stored, processed or transferred to: the places after a transfer cue that are not
 * an origin ("from the EU") or the reader's residence ("if you are in the EEA"). In a table with a location column,
 * the places in that cell.
 */
export function findTransferPlaces(lexicon: Lexicon, s: Sentence, locationCell?: string): TransferMatch[] {
  // "**Country the personal information is sent to:** Ireland" (short enough to read as a heading): a label that says
  // where data goes makes the value after it the destination.
  const runIn = /^([^:]{3,80}):\s+(\S.{0,80})$/.exec(s.text)
  const labelled = runIn && lexicon.transferCue.test(runIn[1]!) ? runIn : null
  if ((s.isHeading && !labelled) || s.question || NOT_TRANSFER_TOPICS.some((t) => s.topics.has(t))) return []
  // "As an example, if you are located in Canada …": a made-up case, whose places are no transfer.
  if (hypothetical(lexicon).test(s.text)) return []
  const out: TransferMatch[] = []
  const scan = (text: string, base: number, needsCue: boolean): void => {
    if (needsCue && !lexicon.transferCue.test(text)) return
    for (const place of lexicon.places)
      for (const re of [place.re, place.abbr].filter((r) => r.source !== '(?!)'))
        for (const m of text.matchAll(re)) {
          const before = text.slice(Math.max(0, m.index! - ORIGIN_WINDOW), m.index)
          const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 30)
          // "EU-U.S. Data Privacy Framework", "LinkedIn Ireland Unlimited Company": a place inside a name.
          if (
            /^-\S/.test(after) ||
            /\S-$/.test(before) ||
            /(?:^|\s)(?!The\b|And\b)[A-Z][\p{L}]*\s+$/u.test(before)
          )
            continue
          // "under European and UK data protection law": the place names a law, not where data goes.
          if (/^\s+(?:data\s+protection\s+|privacy\s+)?(?:laws?|legislation|regulations?)\b/i.test(after))
            continue
          // "UK Extension", "the UK GDPR", "Dublin 2, Ireland": part of a name or of a postal address.
          if (
            /^\s+[A-Z][a-z]/.test(after) ||
            /^\s+[A-Z]{3,}\b/.test(after) ||
            /\d[\p{L}\d ]{0,12},\s*$/u.test(before)
          )
            continue
          if (
            lexicon.legalForm.test(after) ||
            /^\s+(?:[A-Z][\p{L}]+\s+)*(?:Company|Limited|Inc|Corporation)\b/u.test(after)
          )
            continue
          // "the EU's Standard Contractual Clauses": a place as a possessive modifies a name, it is no destination.
          if (/^['’]s\s/.test(after)) continue
          // "from the EU, the UK and Switzerland to …": the nearest preposition before the place decides.
          const prep = [...before.matchAll(/\b(?:from|to|in|into|within|at)\b/gi)].pop()?.[0].toLowerCase()
          const negated = negatedAt(lexicon, text, m.index!, m[0].length)
          // "We will not transfer your data outside the UK": kept there, so that is where the data is.
          const keptIn = negated && /\b(?:outside(?:\s+of)?|out\s+of|outwith)\s+$/i.test(listHead(before))
          if (!keptIn && (lexicon.originCue.test(listHead(before)) || prep === 'from' || negated)) continue
          out.push({ key: place.code, start: s.start + base + m.index!, text: m[0], sentence: s })
        }
  }
  if (locationCell !== undefined) {
    const at = s.text.indexOf(locationCell)
    scan(locationCell, Math.max(0, at), false)
  } else if (labelled) scan(labelled[2]!, labelled.index + labelled[0].length - labelled[2]!.length, false)
  else scan(s.text, 0, true)
  return out
}

/** The transfer safeguards a sentence names (standard contractual clauses, adequacy, DPF, consent to the transfer …). */
export function findSafeguards(lexicon: Lexicon, s: Sentence): TransferMatch[] {
  if (s.isHeading || s.question || s.topics.has('definitions')) return []
  const out: TransferMatch[] = []
  for (const g of lexicon.safeguards) {
    // Consent and derogations are safeguards only where the sentence is about a transfer: its word, its section, or a
    // place it stores or moves the data to ("you consent to storage of your information in the United States").
    if (
      g.requiresTransfer &&
      !/\btransfer/i.test(s.text) &&
      !s.topics.has('transfers') &&
      findTransferPlaces(lexicon, s).length === 0
    )
      continue
    const m = g.re.exec(s.text)
    if (!m || negatedAt(lexicon, s.text, m.index, m[0].length)) continue
    out.push({ key: g.key, start: s.start + m.index, text: m[0], sentence: s })
  }
  return out
}
